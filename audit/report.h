/* report.h - the report model: numbers and Swedish words, no PDF.
 *
 * A report_unit is everything the per-unit inspection report says, computed
 * from the store (report_unit_build) or assembled by hand through the
 * builder (report_unit_new, report_unit_add_criterion, report_unit_finish),
 * which is what report_unit_build itself uses.  Renderers (pdf.c) only read
 * it.
 *
 * Privacy: the model holds counts, criterion titles, legal references and
 * the unit's id and name.  It never reads verdict messages, evidence,
 * handläggare or anything else copied from an akt, so no renderer can leak
 * them into a unit or nämnd report.
 *
 * Ownership: a report_unit and every string and array inside it belong to
 * the report_unit and are freed by report_unit_free (which accepts NULL).
 */
#ifndef AUDIT_REPORT_H
#define AUDIT_REPORT_H

#include <stddef.h>
#include "err.h"
#include "store.h"

/* Shares at or above this are strengths, below REPORT_DEV_BELOW development
 * areas. */
#define REPORT_STRENGTH_AT 0.90
#define REPORT_DEV_BELOW 0.75

typedef struct report_criterion {
	char *id;            /* "PLAN-02" */
	char *title;         /* Swedish */
	char *area;          /* machine name as in the rule, e.g. "arbetsplan" */
	char *legal_refs;    /* display text */
	int position;        /* order in the checklist */
	int n_total;         /* akter judged */
	int n_applicable;    /* n_total - n_ej_tillampligt */
	int n_uppfyllt, n_delvis, n_ej_uppfyllt, n_ej_tillampligt;
	double share;        /* n_uppfyllt / n_applicable; 0 when none applicable */
	double ci_lo, ci_hi; /* 95 % Wilson score interval; 0..1 when none */
	char *sentence;      /* "Arbetsplan finns: uppfyllt i 12 av 20 tillämpliga akter (60 %)." */
} report_criterion;

typedef struct report_area {
	char *key;           /* "arbetsplan" */
	char *heading;       /* "Arbetsplan" */
	size_t first;        /* index of its first criterion in report_unit.criteria */
	size_t count;        /* its criteria are criteria[first .. first+count) */
} report_area;

typedef struct report_unit {
	char *title;              /* "Granskning av personakter – ekonomiskt bistånd" */
	char *unit_id, *unit_name;
	char *checklist_name, *checklist_version, *legal_basis;
	char *ref_date;           /* YYYY-MM-DD */
	char *produced_date;      /* YYYY-MM-DD */
	char *method;             /* how the akter were chosen, as stored ("" when unknown) */
	long long seed;           /* 0 when no sampling */
	int n_akter;              /* akter of the unit in the run */
	int n_failed;             /* files of the run that could not be read */

	report_criterion *criteria; /* grouped by area (fixed order), then checklist order */
	size_t n_criteria;
	report_area *areas;
	size_t n_areas;

	char **summary;           /* overview sentences for "Sammanfattning" */
	size_t n_summary;
	char **method_text;       /* paragraphs for "Metod" */
	size_t n_method_text;
	size_t *dev;              /* indices into criteria: share < REPORT_DEV_BELOW */
	size_t n_dev;
	size_t *strengths;        /* indices into criteria: share >= REPORT_STRENGTH_AT */
	size_t n_strengths;
	int finished;             /* set by report_unit_finish */
} report_unit;

typedef struct report_opts {
	const char *produced_date;  /* YYYY-MM-DD; NULL: the run's reference date
				       (never the clock: same database, same PDF) */
	int allow_incomplete;       /* 1: accept a run that did not finish */
} report_opts;

/* Builds the unit report of unit_id in run run_id from the store, reading
 * only the run, its units and the per-unit criterion counts.  o may be NULL
 * (defaults above).  A unit not in the run or an unfinished run (unless
 * allowed) is AUDIT_EINPUT.  On success *out belongs to the caller
 * (report_unit_free); on failure *out is NULL. */
int report_unit_build(report_unit **out, store *s, long long run_id,
		      const char *unit_id, audit_err *e);
int report_unit_build_opts(report_unit **out, store *s, long long run_id,
			   const char *unit_id, const report_opts *o, audit_err *e);

/* ---- builder: what report_unit_build uses, and what tests use ---- */

typedef struct report_unit_info {
	const char *unit_id, *unit_name;
	const char *checklist_name, *checklist_version, *legal_basis;
	const char *ref_date;        /* YYYY-MM-DD, required */
	const char *produced_date;   /* NULL: ref_date */
	const char *method;          /* NULL or "": all akter */
	long long seed;
	int n_akter, n_failed;
} report_unit_info;

typedef struct report_criterion_in {
	const char *id, *title, *area, *legal_refs;
	int position;
	int n_total, n_uppfyllt, n_delvis, n_ej_uppfyllt, n_ej_tillampligt;
} report_criterion_in;

/* Starts an empty model; strings are copied (NULL becomes "").  A missing or
 * malformed ref_date/produced_date is AUDIT_EINPUT.  *out: report_unit_free. */
int report_unit_new(report_unit **out, const report_unit_info *info, audit_err *e);
/* Appends one criterion (strings copied).  Counts must be non-negative and
 * n_total must equal their sum, else AUDIT_EINPUT.  Not after finish. */
int report_unit_add_criterion(report_unit *r, const report_criterion_in *c, audit_err *e);
/* Orders criteria by area and position, computes shares, Wilson intervals,
 * sentences, areas, development areas and strengths.  Call once, after the
 * last criterion. */
int report_unit_finish(report_unit *r, audit_err *e);

void report_unit_free(report_unit *r);

/* ---- numbers ---- */

/* 95 % (z = 1.96) or any other Wilson score interval for k successes in n
 * trials, clamped to [0, 1].  Returns 0, or -1 (with lo = 0, hi = 1) when
 * n <= 0 or k is outside 0..n. */
int report_wilson(int k, int n, double z, double *lo, double *hi);

/* Formats a share (0..1) as a Swedish percentage with at most one decimal:
 * 0.6 -> "60 %", 0.625 -> "62,5 %", 1/3 -> "33,3 %".  Returns buf. */
const char *report_fmt_percent(double share, char *buf, size_t n);
/* Formats an interval as whole percents: "39–78 %".  Returns buf. */
const char *report_fmt_interval(double lo, double hi, char *buf, size_t n);

/* Swedish heading of an area machine name: "uppfoljning" -> "Uppföljning";
 * unknown names are returned as given.  Never NULL (NULL -> ""). */
const char *report_area_heading(const char *area);

#endif
