/* cli_common.h - what the command files (cli.c, cmd_*.c) share: the parsed
 * options and small helpers that print errors and map them to exit
 * statuses.  Internal to the program; the library modules never print. */
#ifndef AUDIT_CLI_COMMON_H
#define AUDIT_CLI_COMMON_H

#include <signal.h>
#include "err.h"
#include "rules.h"
#include "store.h"
#include "util.h"

#ifndef AUDIT_VERSION
#define AUDIT_VERSION "0"
#endif

typedef struct opts {
	const char *db;
	int quiet, verbose;
	/* command options (NULL / 0 when not given) */
	const char *checklist, *rules_dir, *date, *run, *unit, *out, *format;
	const char *akt, *criterion, *expect;
	const char *units, *akter, *seed, *threads;
	const char *sample, *size, *margin, *confidence, *share, *stratify;
	const char *active_from, *active_to, *import_file, *verdict, *comment, *reviewer;
	const char *at, *show;
	int all, bom, quotes, strict, namnd, actions, allow_incomplete, accept_changed;
	const char **args;   /* operands; the array is owned by cli_main */
	int n_args;
} opts;

/* Set by SIGINT/SIGTERM once cli_catch_signals was called. */
extern volatile sig_atomic_t cli_stop;
/* From now on SIGINT and SIGTERM set cli_stop instead of killing the
 * program, so the command can stop cleanly. */
void cli_catch_signals(void);

/* "audit: file:line:col: message" on stderr. */
void print_err(const audit_err *e);
/* Prints the message and a hint on stderr; returns exit status 2. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses YYYY-MM-DD; prints why not and returns 2 when it is not a date. */
int parse_date(const char *s, long *days);
/* Parses a non-negative whole number; prints and returns 2 when it is not. */
int parse_long(const char *s, const char *what, long long *v);
/* Loads o->checklist (or the default) with its rules; prints every problem.
 * Returns 0 or an exit status. */
int load_checklist(opts *o, checklist **out);
/* Opens o->db and resolves o->run ("latest" when not given). */
int open_run(opts *o, store **s, long long *run_id);
/* Checklist parameters as "name=value;..." / the legal basis in force on date. */
void fill_params(const checklist *cl, abuf *b);
void fill_basis(const checklist *cl, long date, abuf *b);
/* The bundled samples folder (installed or in the source tree). */
const char *default_samples(void);

int cmd_run(opts *o);
int cmd_sample(opts *o);
int cmd_review(opts *o);
int cmd_history(opts *o);

#endif
