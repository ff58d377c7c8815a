/* store.h - the SQLite store: runs, units, akter, criteria, verdicts with
 * evidence.  The only module that talks to SQLite; no sqlite3 type leaves it.
 *
 * Ownership: every struct or array returned through an `out` parameter is
 * allocated by the store and belongs to the caller, who frees it with the
 * matching *_free function (all accept NULL).  Strings passed in are copied.
 *
 * A store is used by one thread at a time (its SQLite connection has no
 * lock of its own); different stores may be used by different threads.
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
	long long sample_id;           /* the sample checked (store_sample_add), 0: none */
} store_run_new;

typedef struct store_criterion_new {
	const char *id;           /* "PLAN-02" */
	const char *title;        /* Swedish */
	const char *area;         /* utredning, helhetssyn, arbetsplan, ... */
	const char *section;      /* checklist section title */
	const char *legal_refs;   /* display text, e.g. "SoL (2001:453) 3 kap. 5 §; SoL (2025:400) 10 kap. 3 §" */
	int position;             /* order in the checklist, from 1 */
	double weight;            /* in its section's score; 0 (not given) stores 1 */
	int has_section_weight;   /* 1: the section has a score with section_weight */
	double section_weight;
} store_criterion_new;

typedef struct store_verdict_new {
	const char *criterion_id;
	verdict value;
	const char *message;      /* Swedish sentence for this verdict */
	int items_total;          /* for-each rules: items considered, else 0 */
	int items_met;            /* items met */
	const evidence *evidence; /* array of n_evidence */
	size_t n_evidence;
	/* The evidence already packed by store_pack_evidence, or NULL.  When
	 * set it is stored as it is and evidence/n_evidence are not read (so
	 * that worker threads can pack while one thread writes). */
	const char *evidence_packed;
} store_verdict_new;

/* Packs n evidence items into the form a verdict's evidence is stored in:
 * compact JSON text, an array with one array per item,
 *   [found, kind, doc_id, date, location, item, quote, pattern, sought]
 * (found 1 or 0, the rest strings or null, trailing nulls left out); ""
 * for n == 0.  Writes at most cap bytes, NUL included, to out (which may
 * be NULL when cap is 0) and returns the length of the whole text without
 * the NUL, like snprintf: call it with cap 0 to learn the size. */
size_t store_pack_evidence(const evidence *ev, size_t n, char *out, size_t cap);

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
	const char *warnings;          /* import warnings (archival formats), one per
					* line, or NULL */
	const store_verdict_new *verdicts;
	size_t n_verdicts;
} store_akt_new;

/* Creates the run (status "running") and commits.  *run_id gets its number. */
int store_run_begin(store *s, const store_run_new *r, long long *run_id, audit_err *e);
/* Akter per batch transaction (see store_run_add_akt). */
#define STORE_BATCH 1000

/* Adds the run's criteria (in checklist order), in one transaction. */
int store_run_add_criteria(store *s, long long run_id, const store_criterion_new *c,
			   size_t n, audit_err *e);
/* Adds one akt with its verdicts.  Writes are grouped: a transaction is
 * opened on the first call and committed every STORE_BATCH akter and by
 * store_run_finish.  An akt that cannot be stored (an akt id seen twice in
 * one run, an unknown criterion, ...) is AUDIT_EINPUT and leaves nothing
 * behind; the batch goes on.  Any other failure loses the open batch and
 * the run can only be finished as incomplete. */
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
	long long sample_id; /* the sample the run checked, 0: none */
	int n_reviewed;      /* verdicts with an inspector's review */
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
	double weight;            /* in its section's score (1 for runs before weights) */
	int has_section_weight;   /* the section has a score ... */
	double section_weight;    /* ... with this weight in the total */
	/* counts over the akter of the unit asked for (all units when NULL) */
	int n_total, n_uppfyllt, n_delvis, n_ej_uppfyllt, n_ej_tillampligt;
	int n_reviewed;      /* of n_total, verdicts an inspector reviewed */
} store_criterion;
/* The counts use the reviewed verdict where an inspector reviewed one, else
 * the automatic verdict. */
/* Criteria of a run in checklist order, with verdict counts for unit_id
 * (NULL: all units). */
int store_get_criteria(store *s, long long run_id, const char *unit_id,
		       store_criterion **out, size_t *n, audit_err *e);
void store_criteria_free(store_criterion *c, size_t n);

typedef struct store_verdict {
	char *akt_id, *unit_id, *handlaggare_id, *handlaggare_name, *criterion_id;
	verdict value;       /* the verdict that counts: reviewed, else automatic */
	verdict auto_value;  /* the automatic verdict, never changed by a review */
	int reviewed;        /* 1 when an inspector reviewed it (the latest review) */
	char *review_comment, *reviewer, *reviewed_at;  /* of the latest review, or NULL */
	char *message;       /* the automatic verdict's message */
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

/* ---- the inspector's review ---- */

typedef struct store_review_new {
	const char *akt_id;
	const char *criterion_id;
	verdict value;            /* the inspector's verdict */
	const char *comment;      /* required when value differs from the automatic verdict */
	const char *reviewer;     /* name or id of the inspector, required */
	const char *reviewed_at;  /* when, as given (ISO 8601), required */
} store_review_new;

/* Called for each review that is not valid: its index and why. */
typedef void (*store_bad_fn)(void *ud, size_t index, const audit_err *why);

/* Adds n reviews to run_id in one transaction: all of them or none.  A
 * review is kept beside the automatic verdict (which is never changed);
 * the latest review of a verdict is the one that counts.  A review equal
 * to the latest one (same verdict, comment and reviewer) is not added
 * again and counts in *n_unchanged (may be NULL).  A review naming an akt
 * or criterion the run has no verdict for, without a reviewer or time, or
 * changing the automatic verdict without a comment is not valid: every
 * one is passed to on_bad (may be NULL), nothing is written and the result
 * is AUDIT_EINPUT. */
int store_add_reviews(store *s, long long run_id, const store_review_new *r, size_t n,
		      store_bad_fn on_bad, void *ud, size_t *n_unchanged, audit_err *e);
/* Checks reviews as store_add_reviews does, reporting every bad one, and
 * writes nothing: AUDIT_OK when all are valid. */
int store_check_reviews(store *s, long long run_id, const store_review_new *r, size_t n,
			store_bad_fn on_bad, void *ud, audit_err *e);

/* ---- inspection samples ---- */

typedef struct store_sample_new {
	const char *unit_id;      /* population filter, NULL: every unit */
	const char *method;       /* "simple" or "stratified" */
	const char *stratify_by;  /* "handlaggare", "barn" or NULL */
	long long seed;
	const char *active_from, *active_to;  /* population filter or NULL */
	const char *ref_date;     /* date used for children's ages, or NULL */
	const char *size_note;    /* how the size was decided, as printed */
	const char *tool_version;
} store_sample_new;

typedef struct store_frame_item {
	const char *akt_id, *unit_id, *source_path, *content_hash, *stratum;
	int selected;
} store_frame_item;

/* Stores a sample: its description and the whole frame (every akt of the
 * population with its content hash, selected or not), in one
 * transaction.  *sample_id gets its number. */
int store_sample_add(store *s, const store_sample_new *smp, const store_frame_item *frame,
		     size_t n, long long *sample_id, audit_err *e);

typedef struct store_sample {
	long long id, seed;
	char *unit_id, *method, *stratify_by, *active_from, *active_to, *ref_date;
	char *size_note, *tool_version;
	int size, frame_size;
} store_sample;
/* Sample "latest" or a number; AUDIT_EINPUT when there is none. */
int store_resolve_sample(store *s, const char *spec, long long *sample_id, audit_err *e);
int store_get_sample(store *s, long long sample_id, store_sample **out, audit_err *e);
void store_sample_free(store_sample *smp);

typedef struct store_frame_row {
	char *akt_id, *unit_id, *source_path, *content_hash, *stratum;
	int selected;
} store_frame_row;
/* The frame of a sample ordered by akt id; only the members when
 * selected_only. */
int store_get_sample_frame(store *s, long long sample_id, int selected_only,
			   store_frame_row **out, size_t *n, audit_err *e);
void store_frame_free(store_frame_row *f, size_t n);

/* ---- history ---- */

typedef struct store_history_run {
	long long run_id;
	char *ref_date, *checklist_id, *checklist_version, *status;
	int n_akter;         /* the unit's akter in the run */
} store_history_run;
/* The complete runs that include unit_id (of checklist_id, or all when
 * NULL), oldest reference date first. */
int store_unit_history(store *s, const char *unit_id, const char *checklist_id,
		       store_history_run **out, size_t *n, audit_err *e);
void store_history_free(store_history_run *h, size_t n);

#endif
