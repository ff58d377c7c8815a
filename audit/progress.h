/* progress.h - a progress line on stderr for long work (run, sample,
 * report): count, rate and time left, redrawn at most five times a second.
 *
 * Shown only when enabled and stderr is a terminal, so logs and pipes stay
 * clean.  Reads a monotonic clock for the display only; nothing it measures
 * reaches a result.
 */
#ifndef AUDIT_PROGRESS_H
#define AUDIT_PROGRESS_H

#include <stddef.h>

typedef struct progress {
	const char *what;     /* noun for the count, e.g. "akter" (borrowed) */
	size_t total;         /* 0 when unknown */
	int on;               /* drawing */
	int drawn;            /* a line is on the screen */
	double start, last;   /* seconds, monotonic */
} progress;

/* Starts p for total items; enabled == 0 (e.g. --quiet) keeps it silent. */
void progress_start(progress *p, const char *what, size_t total, int enabled);
/* Reports that done items are finished; redraws when due. */
void progress_update(progress *p, size_t done);
/* Clears the line (call before printing anything else and at the end). */
void progress_end(progress *p);

#endif
