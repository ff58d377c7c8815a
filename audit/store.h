/* store.h - the SQLite store: runs, units, akter, criteria, verdicts with
 * evidence.  The only module that talks to SQLite; no sqlite3 type leaves it.
 *
 * Ownership: every struct or array returned through an `out` parameter is
 * allocated by the store and belongs to the caller, who frees it with the
 * matching *_free function (all accept NULL).  Strings passed in are copied.
 *
 * Writes happen in transactions.  A run is created with status "running"
 * and committed at once; akter and verdicts are written in batched
 * transactions; store_run_finish marks it "complete".  A run that never
 * finished stays "running"/"incomplete" and reports refuse it unless asked.
 */
#ifndef AUDIT_STORE_H
#define AUDIT_STORE_H

#include <stddef.h>
#include "err.h"
#include "verdict.h"

typedef struct store store;

/* Opens (creating with mode 0600 where missing) the database at path,
 * upgrades its schema to the current version, turns on WAL and a busy
 * timeout.  A file that is not an audit database gives AUDIT_EINPUT with a
 * message saying so.  *out is freed with store_close. */
int store_open(store **out, const char *path, audit_err *e);
void store_close(store *s);

/* Current schema version (PRAGMA user_version). */
int store_schema_version(void);

/* ---- writing a run ---- */

typedef struct store_run_new {
	const char *checklist_id;      /* e.g. "ekonomiskt-bistand" */
	const char *checklist_name;    /* Swedish title */
	const char *checklist_version; /* e.g. "1.0" */
	const char *checklist_hash;    /* sha256 of checklist + rule files */
	const char *legal_basis;       /* one line, e.g. "SoL 3 kap. 3 §; SOSFS 2006:11" */
	const char *ref_date;          /* YYYY-MM-DD */
	int ref_date_is_today;         /* 1 when taken from the clock */
	const char *params;            /* "name=value;..." checklist parameters used */
	const char *tool_version;
	const char *method;            /* how the akter were chosen, e.g. "alla akter" */
	long long seed;                /* 0 when no sampling */
} store_run_new;

typedef struct store_criterion_new {
	const char *id;           /* "PLAN-02" */
	const char *title;        /* Swedish */
	const char *area;         /* utredning, helhetssyn, arbetsplan, ... */
	const char *section;      /* checklist section title */
	const char *legal_refs;   /* display text, e.g. "SoL (2001:453) 3 kap. 5 §; SoL (2025:400) 10 kap. 3 §" */
	int position;             /* order in the checklist, from 1 */
} store_criterion_new;

typedef struct store_verdict_new {
	const char *criterion_id;
	verdict value;
	const char *message;      /* Swedish sentence for this verdict */
	int items_total;          /* for-each rules: items considered, else 0 */
	int items_met;            /* items met */
	const evidence *evidence; /* array of n_evidence */
	size_t n_evidence;
} store_verdict_new;

typedef struct store_akt_new {
	const char *akt_id;
	const char *unit_id;
	const char *unit_name;
	const char *handlaggare_id;
	const char *handlaggare_name;  /* staff name; only shown in the internal action list */
	const char *source_path;
	const char *source_format;     /* "akt-1", later "erms-3", ... */
	const char *content_hash;      /* sha256 hex of the file */
	const char *error;             /* NULL when imported; else why it failed */
	const store_verdict_new *verdicts;
	size_t n_verdicts;
} store_akt_new;

/* Creates the run (status "running") and commits.  *run_id gets its number. */
int store_run_begin(store *s, const store_run_new *r, long long *run_id, audit_err *e);
/* Adds the run's criteria (in checklist order), in one transaction. */
int store_run_add_criteria(store *s, long long run_id, const store_criterion_new *c,
			   size_t n, audit_err *e);
/* Adds one akt with its verdicts.  Writes are grouped: a transaction is
 * opened on the first call and committed every 500 akter and by
 * store_run_finish.  An akt id seen twice in one run is AUDIT_EINPUT. */
int store_run_add_akt(store *s, long long run_id, const store_akt_new *a, audit_err *e);
/* Commits what is pending and marks the run complete (status "complete") or,
 * with complete == 0, "incomplete". */
int store_run_finish(store *s, long long run_id, int complete, audit_err *e);

/* ---- reading ---- */

/* "latest" (the newest complete run) or a run number. */
int store_resolve_run(store *s, const char *spec, long long *run_id, audit_err *e);

typedef struct store_run {
	long long id;
	char *checklist_id, *checklist_name, *checklist_version, *checklist_hash;
	char *legal_basis, *ref_date, *params, *tool_version, *method, *status;
	int ref_date_is_today;
	long long seed;
	int n_akter;         /* imported akter */
	int n_failed;        /* files that could not be imported */
} store_run;
int store_get_run(store *s, long long run_id, store_run **out, audit_err *e);
void store_run_free(store_run *r);

typedef struct store_unit {
	char *id, *name;
	int n_akter;
} store_unit;
/* Units of a run, ordered by id. */
int store_get_units(store *s, long long run_id, store_unit **out, size_t *n, audit_err *e);
void store_units_free(store_unit *u, size_t n);

typedef struct store_criterion {
	char *id, *title, *area, *section, *legal_refs;
	int position;
	/* counts over the akter of the unit asked for (all units when NULL) */
	int n_total, n_uppfyllt, n_delvis, n_ej_uppfyllt, n_ej_tillampligt;
} store_criterion;
/* Criteria of a run in checklist order, with verdict counts for unit_id
 * (NULL: all units). */
int store_get_criteria(store *s, long long run_id, const char *unit_id,
		       store_criterion **out, size_t *n, audit_err *e);
void store_criteria_free(store_criterion *c, size_t n);

typedef struct store_verdict {
	char *akt_id, *unit_id, *handlaggare_id, *handlaggare_name, *criterion_id;
	verdict value;
	char *message;
	int items_total, items_met;
	evidence *evidence;  /* n_evidence entries */
	size_t n_evidence;
} store_verdict;
/* Every verdict of a run (of unit_id, or all when NULL), ordered by
 * unit, akt id and criterion position; evidence included when
 * with_evidence is non-zero. */
int store_get_verdicts(store *s, long long run_id, const char *unit_id, int with_evidence,
		       store_verdict **out, size_t *n, audit_err *e);
void store_verdicts_free(store_verdict *v, size_t n);

typedef struct store_failure {
	char *source_path, *error;
} store_failure;
/* Files of a run that could not be imported. */
int store_get_failures(store *s, long long run_id, store_failure **out, size_t *n, audit_err *e);
void store_failures_free(store_failure *f, size_t n);

/* Records that a report was generated (kind "unit"/"namnd"/"actions",
 * unit or NULL, output path, sha256 of the file). */
int store_add_report(store *s, long long run_id, const char *kind, const char *unit_id,
		     const char *path, const char *sha256, audit_err *e);

#endif
