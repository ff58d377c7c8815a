/* cli.h - the command line: argv -> command -> exit status. */
#ifndef AUDIT_CLI_H
#define AUDIT_CLI_H

/* Runs the command in argv and returns the process exit status:
 * 0 success, 1 problems found that the user asked to fail on, 2 usage,
 * 3 input error, 4 internal or I/O error, 130 interrupted. */
int cli_main(int argc, char **argv);

#endif
