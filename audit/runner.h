/* runner.h - a checklist applied to many akt files: read, validate and
 * evaluate in worker threads, store in file order.
 *
 * Each worker has its own evaluation context (XPath context, PCRE2 match
 * data); the checklist's compiled expressions and the schemas are shared
 * read-only.  The calling thread does all the writing to the store, one akt
 * at a time in the order of the file list, so the stored run is the same
 * whatever the number of threads.  A worker frees an akt's document as soon
 * as it is evaluated and hands the writer only what is stored (a few
 * kilobytes); at most 128 such results per thread wait to be written, so
 * memory does not grow with the number of files.
 */
#ifndef AUDIT_RUNNER_H
#define AUDIT_RUNNER_H

#include <signal.h>
#include <stddef.h>
#include "err.h"
#include "rules.h"
#include "store.h"

typedef struct runner_file {
	const char *path;
	const char *expect_hash;  /* sha256 hex the file had when sampled, or NULL */
} runner_file;

typedef struct runner_opts {
	int threads;                     /* worker threads, 1..RUNNER_MAX_THREADS */
	int accept_changed;              /* evaluate files whose hash changed since sampling */
	volatile sig_atomic_t *stop;     /* stop when it becomes non-zero; may be NULL */
	/* Called (in the calling thread) for each file that could not be
	 * evaluated, and for each changed file that was accepted (with a
	 * message saying so).  May be NULL. */
	void (*on_skip)(void *ud, const char *path, const audit_err *why);
	/* Called after each stored akt with the count done.  May be NULL. */
	void (*on_progress)(void *ud, size_t done, size_t total);
	void *ud;
	/* When runner_run gets files == NULL, the n files come from here
	 * instead, one at a time in order (called under the runner's lock):
	 * 1 with a malloc'ed path the runner frees, 0 at the end, or an error
	 * code with *e filled.  Fewer than n is reported per missing file. */
	int (*next_path)(void *ud, char **path, audit_err *e);
	void *next_ud;
} runner_opts;

#define RUNNER_MAX_THREADS 64

typedef struct runner_stats {
	size_t n_ok;       /* akter evaluated and stored */
	size_t n_failed;   /* files stored as not importable */
	size_t n_changed;  /* of n_ok, files accepted although changed since sampling */
	size_t n_warned;   /* of n_ok, akter read with import warnings (archival formats) */
	int stopped;       /* *stop was seen: the rest was not evaluated */
} runner_stats;

/* Evaluates cl as of reference date ref (days) on files[0..n) and adds
 * every akt to run_id of s (store_run_add_akt), in file order.  A file that
 * cannot be read, validated or evaluated, or that changed since sampling
 * (expect_hash differs and accept_changed is 0), is stored with the reason
 * and counted in n_failed; that is not an error.  Returns AUDIT_OK (also
 * when stopped: see st->stopped), or the store's error, which ends the
 * work.  The caller finishes the run (store_run_finish). */
int runner_run(store *s, long long run_id, const checklist *cl, long ref,
	       const runner_file *files, size_t n, const runner_opts *o,
	       runner_stats *st, audit_err *e);

/* Number of online processors, at least 1 (the default for --threads). */
int runner_default_threads(void);

#endif
