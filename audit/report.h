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
	/* Jämförelse (set by report_unit_set_previous): */
	int has_prev;        /* 1: the criterion was judged in the previous run */
	int prev_applicable; /* applicable akter then */
	int prev_uppfyllt;
	double prev_share;   /* prev_uppfyllt / prev_applicable; 0 when none applicable */
	int n_reviewed;      /* of n_total, verdicts an inspector reviewed (counted as reviewed) */
	char *section;       /* the checklist section's title ("" when unknown) */
	double weight;       /* in its section's score */
	int has_section_weight;
	double section_weight;
} report_criterion;

/* The score of a checklist section that has a weight: the weighted mean of
 * its criteria's shares met (criteria without applicable akter left out). */
typedef struct report_section_score {
	char *title;
	double weight;       /* the section's weight in the total */
	double score;        /* 0..1; -1 when no criterion of it was applicable */
	int n_criteria;      /* criteria counted */
} report_section_score;

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

	/* Poäng per avsnitt: sections with a weight, in checklist order, and
	 * the weighted mean of their scores (-1: no section scored). */
	report_section_score *sections;
	size_t n_sections;
	double total_score;

	/* Jämförelse: the previous complete run of the same unit and checklist
	 * id (report_unit_set_previous).  has_previous 0: none found. */
	int has_previous;
	long long previous_run_id;
	char *previous_ref_date;  /* YYYY-MM-DD, NULL when none */

	/* Bilaga akter x kriterier: one row per akt, in akt id order, named
	 * only by position (A1, A2, ...; the akt ids are never kept); columns
	 * are the criteria in the order of `criteria`.  matrix[row *
	 * n_criteria + col]; VERDICT_NONE where the akt has no verdict. */
	verdict *matrix;
	size_t n_matrix_rows;
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
	int n_reviewed;  /* 0..n_total */
	const char *section;      /* checklist section title, may be NULL */
	double weight;            /* 0: 1 */
	int has_section_weight;
	double section_weight;
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

/* After report_unit_finish: records the previous run (its id, its reference
 * date and its criterion counts for the unit).  Criteria are matched by id;
 * a criterion of this run missing in c keeps has_prev 0.  Counts as for
 * report_unit_add_criterion, else AUDIT_EINPUT.  At most once. */
int report_unit_set_previous(report_unit *r, long long run_id, const char *ref_date,
			     const report_criterion_in *c, size_t n, audit_err *e);

/* After report_unit_finish: appends one akt row to the appendix matrix (the
 * caller adds the akter in akt id order; the row is shown as A<k>).
 * criterion_ids[i] got values[i]; unknown criterion ids are ignored,
 * criteria without a value stay VERDICT_NONE. */
int report_unit_add_matrix_row(report_unit *r, const char *const *criterion_ids,
			       const verdict *values, size_t n, audit_err *e);

/* ---- numbers ---- */

/* Change between two shares in percentage points, computed from the shares
 * as report_fmt_percent shows them (so it agrees with the printed
 * percentages): "+12 p.e.", "−5 p.e." (U+2212 MINUS SIGN), "+0,5 p.e." or
 * "oförändrat".  Returns buf. */
const char *report_fmt_change(double prev, double cur, char *buf, size_t n);
/* The same change in tenths of a percentage point (0.6 -> 0.72: 120). */
int report_change_tenths(double prev, double cur);

/* One-letter symbol of a verdict for the appendix matrix: "U" uppfyllt,
 * "D" delvis, "E" ej uppfyllt, "–" (U+2013 EN DASH) ej tillämpligt, "" none. */
const char *report_verdict_symbol(verdict v);

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

/* ================================================================
 * Nämnd delrapport: the same numbers for every unit of a run side by
 * side.  Privacy: only unit ids and names, counts, criterion titles and
 * legal references enter it.  Shares that rest on fewer than `threshold`
 * applicable akter are suppressed (the renderer shows "färre än N"), and no
 * sentence in the model states a count below the threshold.
 * Ownership: everything belongs to the report_namnd (report_namnd_free,
 * which accepts NULL).
 * ================================================================ */

#define REPORT_SMALL_DEFAULT 5

typedef struct report_namnd_cell {
	int n_applicable, n_uppfyllt, n_delvis;
	double share;        /* n_uppfyllt / n_applicable; 0 when none applicable */
	double ci_lo, ci_hi; /* 95 % Wilson */
	int suppressed;      /* 1: 0 < n_applicable < threshold; share not shown */
} report_namnd_cell;

typedef struct report_namnd_criterion {
	char *id, *title, *area, *legal_refs;
	int position;
	report_namnd_cell total; /* all units together */
} report_namnd_criterion;

typedef struct report_namnd_unit {
	char *unit_id, *unit_name;
	int n_akter;
	double mean_share;    /* mean share over the criteria shown (not
				 suppressed, applicable); < 0 when none */
	double *area_share;   /* n_areas entries: the mean over the area's
				 shown criteria; -1 none applicable, -2 all
				 applicable ones suppressed */
	char **text;          /* sentences for the unit's section */
	size_t n_text;
	size_t *dev;          /* criteria indices shown with share < REPORT_DEV_BELOW */
	size_t n_dev;
	size_t n_strengths;   /* criteria shown with share >= REPORT_STRENGTH_AT */
} report_namnd_unit;

typedef struct report_namnd {
	char *title;          /* "Delrapport till nämnden – ..." */
	char *checklist_name, *checklist_version, *legal_basis;
	char *ref_date, *produced_date, *method;
	long long seed;
	int n_akter, n_failed;
	int threshold;        /* small-count limit, default REPORT_SMALL_DEFAULT */

	report_namnd_criterion *criteria; /* by area (fixed order), then position */
	size_t n_criteria;
	report_area *areas;   /* as in report_unit, indices into criteria */
	size_t n_areas;
	double *area_total;   /* n_areas: mean of the areas' total shares (as area_share) */
	report_namnd_unit *units;         /* in the order added */
	size_t n_units;
	report_namnd_cell *cells;         /* n_units x n_criteria, row-major:
					     cells[u * n_criteria + c] */
	char **summary;
	size_t n_summary;
	char **method_text;
	size_t n_method_text;
	size_t *dev;          /* criteria whose total share < REPORT_DEV_BELOW */
	size_t n_dev;
	int finished;
} report_namnd;

typedef struct report_namnd_info {
	const char *checklist_name, *checklist_version, *legal_basis;
	const char *ref_date;        /* YYYY-MM-DD, required */
	const char *produced_date;   /* NULL: ref_date */
	const char *method;          /* NULL or "": all akter */
	long long seed;
	int n_failed;
	int threshold;               /* <= 0: REPORT_SMALL_DEFAULT */
} report_namnd_info;

/* Builds the nämnd report of every unit in run run_id from the store (run,
 * units, per-unit criterion counts; never verdicts).  o may be NULL.  A run
 * without units or an unfinished run (unless allowed) is AUDIT_EINPUT.  On
 * success *out belongs to the caller (report_namnd_free); on failure NULL. */
int report_namnd_build(report_namnd **out, store *s, long long run_id, const report_opts *o,
		       audit_err *e);

/* Builder.  new: strings copied, bad dates AUDIT_EINPUT.  add_unit appends
 * one unit with its criterion counts (n_akter >= 0; counts as for
 * report_unit_add_criterion); criteria are matched by id across units, a
 * unit without a criterion gets zero counts.  finish orders the criteria,
 * computes cells, totals, areas and texts; call once, after the last unit. */
int report_namnd_new(report_namnd **out, const report_namnd_info *info, audit_err *e);
int report_namnd_add_unit(report_namnd *r, const char *unit_id, const char *unit_name,
			  int n_akter, const report_criterion_in *c, size_t n_c, audit_err *e);
int report_namnd_finish(report_namnd *r, audit_err *e);
void report_namnd_free(report_namnd *r);

/* Formats the share of a cell for the nämnd report: "60 %", "färre än 5"
 * (suppressed) or "–" (not applicable anywhere).  Returns buf. */
const char *report_namnd_fmt_cell(const report_namnd *r, const report_namnd_cell *c,
				  char *buf, size_t n);

/* ================================================================
 * Action list for the unit chef.  INTERNAL: holds handläggare names and
 * real akt ids, and the verdict messages (generated text, never evidence
 * quotes).  Only verdicts ej uppfyllt and delvis enter it.
 * ================================================================ */

typedef struct report_action {
	char *akt_id;
	char *criterion_id, *criterion_title, *area;
	int position;
	verdict value;        /* VERDICT_EJ_UPPFYLLT or VERDICT_DELVIS */
	char *message;        /* what is missing, as the rule words it */
} report_action;

typedef struct report_action_group {
	char *handlaggare_id, *handlaggare_name;  /* "" when the akt names none */
	report_action *items; /* by urgency: ej uppfyllt before delvis; then
				 areas uppföljning/arbetsplan/beslut first;
				 then akt id; then checklist position */
	size_t n_items;
	int n_akter;          /* distinct akter among the items */
	int n_ej, n_delvis;
} report_action_group;

typedef struct report_actions {
	char *title;          /* "Åtgärdslista – ..." */
	char *unit_id, *unit_name;
	char *checklist_name, *checklist_version;
	char *ref_date, *produced_date;
	int n_akter;          /* akter of the unit in the run */
	report_action_group *groups; /* by handläggare name, then id */
	size_t n_groups;
	size_t n_items;
	int n_akter_with;     /* akter with at least one item */
	char **summary;
	size_t n_summary;
	int finished;
} report_actions;

typedef struct report_actions_info {
	const char *unit_id, *unit_name;
	const char *checklist_name, *checklist_version;
	const char *ref_date;        /* required */
	const char *produced_date;   /* NULL: ref_date */
	int n_akter;
} report_actions_info;

typedef struct report_action_in {
	const char *handlaggare_id, *handlaggare_name;
	const char *akt_id;
	const char *criterion_id, *criterion_title, *area;
	int position;
	verdict value;
	const char *message;
} report_action_in;

/* Builds the action list of unit_id in run run_id from
 * store_get_verdicts(with_evidence = 0) and the run's criteria.  o may be
 * NULL.  Unknown unit or unfinished run (unless allowed): AUDIT_EINPUT. */
int report_actions_build(report_actions **out, store *s, long long run_id, const char *unit_id,
			 const report_opts *o, audit_err *e);

/* Builder: new (strings copied), add (verdicts other than ej uppfyllt and
 * delvis are ignored; a missing akt id is AUDIT_EINPUT), finish (groups and
 * orders; once). */
int report_actions_new(report_actions **out, const report_actions_info *info, audit_err *e);
int report_actions_add(report_actions *r, const report_action_in *a, audit_err *e);
int report_actions_finish(report_actions *r, audit_err *e);
void report_actions_free(report_actions *r);

#endif
