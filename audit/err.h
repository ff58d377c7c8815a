/* err.h - errors as values.
 *
 * Every fallible function returns an int status (AUDIT_OK on success, one of
 * the negative AUDIT_E* codes otherwise) and, when given a non-NULL
 * audit_err, fills it with where the problem is (file, line, column) and a
 * message a person can act on.  Nothing in the library prints or exits;
 * main maps the codes to exit statuses.
 */
#ifndef AUDIT_ERR_H
#define AUDIT_ERR_H

#include <stddef.h>

enum {
	AUDIT_OK = 0,
	AUDIT_EUSAGE = -2,   /* bad command line */
	AUDIT_EINPUT = -3,   /* invalid or unreadable input file, rule error */
	AUDIT_EIO = -4,      /* I/O, database or internal error */
	AUDIT_ENOMEM = -5,   /* out of memory (reported as internal) */
	AUDIT_EINTR = -6     /* stopped by a signal */
};

typedef struct audit_err {
	int code;            /* one of the AUDIT_E* codes, AUDIT_OK when clear */
	char file[512];      /* file the problem is in, "" when none */
	int line;            /* 1-based, 0 when unknown */
	int column;          /* 1-based, 0 when unknown */
	char msg[1024];      /* plain-language message, no trailing newline */
} audit_err;

/* Clears e (may be NULL). */
void audit_err_clear(audit_err *e);

/* Fills e (may be NULL) and returns code, so callers can write
 * `return audit_err_set(e, AUDIT_EINPUT, path, 0, 0, "...", ...);`.
 * file may be NULL.  The message is printf-formatted and truncated to fit. */
int audit_err_set(audit_err *e, int code, const char *file, int line,
		  int column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Formats e as "file:line:column: message" (parts that are unknown are left
 * out) into buf of size n.  Returns buf. */
const char *audit_err_str(const audit_err *e, char *buf, size_t n);

/* The process exit status for a code: 0, 2 usage, 3 input, 4 I/O/internal,
 * 130 interrupted. */
int audit_err_exit_status(int code);

#endif
