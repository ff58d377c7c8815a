/* report.c - the report model: numbers and Swedish words, no PDF.
 *
 * Only counts, criterion titles, legal references and unit id/name enter
 * the model (see report.h).  The store-reading part is report_unit_build;
 * everything else works on a hand-assembled model too.
 */
#define _POSIX_C_SOURCE 200809L
#include "report.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *key, *heading;
} area_table[] = {
	{ "utredning", "Utredning" },
	{ "helhetssyn", "Helhetssyn" },
	{ "arbetsplan", "Arbetsplan" },
	{ "uppfoljning", "Uppföljning" },
	{ "barnperspektiv", "Barnperspektiv" },
	{ "delaktighet", "Delaktighet" },
	{ "beslut", "Beslut" },
	{ "dokumentation", "Dokumentation" },
};
#define N_AREAS (sizeof(area_table) / sizeof(area_table[0]))

/* Index of a known area, or -1.  The rule files may spell uppföljning with
 * or without the diaeresis. */
static int area_index(const char *area)
{
	size_t i;

	if (area == NULL)
		return -1;
	if (strcmp(area, "uppföljning") == 0)
		area = "uppfoljning";
	for (i = 0; i < N_AREAS; i++)
		if (strcmp(area, area_table[i].key) == 0)
			return (int)i;
	return -1;
}

const char *report_area_heading(const char *area)
{
	int i = area_index(area);

	if (i >= 0)
		return area_table[i].heading;
	return area ? area : "";
}

int report_wilson(int k, int n, double z, double *lo, double *hi)
{
	double p, z2, den, centre, half, l, h;

	if (n <= 0 || k < 0 || k > n) {
		*lo = 0.0;
		*hi = 1.0;
		return -1;
	}
	p = (double)k / (double)n;
	z2 = z * z;
	den = 1.0 + z2 / n;
	centre = (p + z2 / (2.0 * n)) / den;
	half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * (double)n * n)) / den;
	l = centre - half;
	h = centre + half;
	/* The formula gives exactly 0 and 1 at the ends; rounding may not. */
	if (k == 0 || l < 0.0)
		l = 0.0;
	if (k == n || h > 1.0)
		h = 1.0;
	*lo = l;
	*hi = h;
	return 0;
}

const char *report_fmt_percent(double share, char *buf, size_t n)
{
	long tenths;

	if (n == 0)
		return buf;
	if (!(share >= 0.0))
		share = 0.0;
	if (share > 1.0)
		share = 1.0;
	tenths = lround(share * 1000.0);
	if (tenths % 10 == 0)
		snprintf(buf, n, "%ld %%", tenths / 10);
	else
		snprintf(buf, n, "%ld,%ld %%", tenths / 10, tenths % 10);
	return buf;
}

const char *report_fmt_interval(double lo, double hi, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	/* U+2013 EN DASH between the limits, as Swedish typesetting has it. */
	snprintf(buf, n, "%ld\xe2\x80\x93%ld %%", lround(lo * 100.0), lround(hi * 100.0));
	return buf;
}

/* ---- allocation helpers ---- */

static char *xstrdup(const char *s)
{
	return strdup(s ? s : "");
}

static int nomem(audit_err *e)
{
	return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory while building the report");
}

/* Appends a copy of the printf result to *arr (length *n). */
static int strv_addf(char ***arr, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int strv_addf(char ***arr, size_t *n, const char *fmt, ...)
{
	char *s = NULL;
	char **grown;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return AUDIT_ENOMEM;
	s = malloc((size_t)len + 1);
	if (s == NULL)
		return AUDIT_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	grown = realloc(*arr, (*n + 1) * sizeof(**arr));
	if (grown == NULL) {
		free(s);
		return AUDIT_ENOMEM;
	}
	grown[*n] = s;
	*arr = grown;
	(*n)++;
	return AUDIT_OK;
}

static void strv_free(char **arr, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(arr[i]);
	free(arr);
}

static void criterion_clear(report_criterion *c)
{
	free(c->id);
	free(c->title);
	free(c->area);
	free(c->legal_refs);
	free(c->sentence);
}

void report_unit_free(report_unit *r)
{
	size_t i;

	if (r == NULL)
		return;
	free(r->title);
	free(r->unit_id);
	free(r->unit_name);
	free(r->checklist_name);
	free(r->checklist_version);
	free(r->legal_basis);
	free(r->ref_date);
	free(r->produced_date);
	free(r->method);
	for (i = 0; i < r->n_criteria; i++)
		criterion_clear(&r->criteria[i]);
	free(r->criteria);
	for (i = 0; i < r->n_areas; i++) {
		free(r->areas[i].key);
		free(r->areas[i].heading);
	}
	free(r->areas);
	strv_free(r->summary, r->n_summary);
	strv_free(r->method_text, r->n_method_text);
	free(r->dev);
	free(r->strengths);
	free(r);
}

/* ---- builder ---- */

static int valid_date(const char *s)
{
	long d;

	return s != NULL && util_date_parse(s, &d) == 0;
}

int report_unit_new(report_unit **out, const report_unit_info *info, audit_err *e)
{
	report_unit *r;
	const char *produced;

	*out = NULL;
	if (!valid_date(info->ref_date))
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: reference date '%s' is not a date (YYYY-MM-DD)",
				     info->ref_date ? info->ref_date : "");
	produced = info->produced_date ? info->produced_date : info->ref_date;
	if (!valid_date(produced))
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: produced date '%s' is not a date (YYYY-MM-DD)", produced);
	if (info->n_akter < 0 || info->n_failed < 0)
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0, "report: negative akt count");
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return nomem(e);
	r->title = xstrdup("Granskning av personakter \xe2\x80\x93 ekonomiskt bistånd");
	r->unit_id = xstrdup(info->unit_id);
	r->unit_name = xstrdup(info->unit_name && info->unit_name[0] ? info->unit_name
							 : info->unit_id);
	r->checklist_name = xstrdup(info->checklist_name);
	r->checklist_version = xstrdup(info->checklist_version);
	r->legal_basis = xstrdup(info->legal_basis);
	r->ref_date = xstrdup(info->ref_date);
	r->produced_date = xstrdup(produced);
	r->method = xstrdup(info->method);
	r->seed = info->seed;
	r->n_akter = info->n_akter;
	r->n_failed = info->n_failed;
	if (!r->title || !r->unit_id || !r->unit_name || !r->checklist_name ||
	    !r->checklist_version || !r->legal_basis || !r->ref_date ||
	    !r->produced_date || !r->method) {
		report_unit_free(r);
		return nomem(e);
	}
	*out = r;
	return AUDIT_OK;
}

int report_unit_add_criterion(report_unit *r, const report_criterion_in *c, audit_err *e)
{
	report_criterion *grown, *rc;

	if (r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: criterion added after report_unit_finish");
	if (c->n_total < 0 || c->n_uppfyllt < 0 || c->n_delvis < 0 ||
	    c->n_ej_uppfyllt < 0 || c->n_ej_tillampligt < 0 ||
	    c->n_total != c->n_uppfyllt + c->n_delvis + c->n_ej_uppfyllt + c->n_ej_tillampligt)
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: verdict counts of criterion '%s' do not add up "
				     "(%d total; %d + %d + %d + %d)", c->id ? c->id : "",
				     c->n_total, c->n_uppfyllt, c->n_delvis, c->n_ej_uppfyllt,
				     c->n_ej_tillampligt);
	grown = realloc(r->criteria, (r->n_criteria + 1) * sizeof(*grown));
	if (grown == NULL)
		return nomem(e);
	r->criteria = grown;
	rc = &grown[r->n_criteria];
	memset(rc, 0, sizeof(*rc));
	rc->id = xstrdup(c->id);
	rc->title = xstrdup(c->title);
	rc->area = xstrdup(c->area);
	rc->legal_refs = xstrdup(c->legal_refs);
	if (!rc->id || !rc->title || !rc->area || !rc->legal_refs) {
		criterion_clear(rc);
		return nomem(e);
	}
	rc->position = c->position;
	rc->n_total = c->n_total;
	rc->n_uppfyllt = c->n_uppfyllt;
	rc->n_delvis = c->n_delvis;
	rc->n_ej_uppfyllt = c->n_ej_uppfyllt;
	rc->n_ej_tillampligt = c->n_ej_tillampligt;
	rc->n_applicable = c->n_total - c->n_ej_tillampligt;
	r->n_criteria++;
	return AUDIT_OK;
}

/* Sort key: known areas in the fixed order, unknown areas after them in the
 * order they first appear, then checklist position, then insertion order. */
typedef struct sort_item {
	report_criterion c;
	int rank;
	size_t seq;
} sort_item;

static int sort_cmp(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->c.position != y->c.position)
		return x->c.position < y->c.position ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int order_criteria(report_unit *r)
{
	sort_item *items;
	size_t i, j;
	int next_unknown = (int)N_AREAS;

	if (r->n_criteria == 0)
		return AUDIT_OK;
	items = calloc(r->n_criteria, sizeof(*items));
	if (items == NULL)
		return AUDIT_ENOMEM;
	for (i = 0; i < r->n_criteria; i++) {
		items[i].c = r->criteria[i];
		items[i].seq = i;
		items[i].rank = area_index(r->criteria[i].area);
		if (items[i].rank < 0) {
			for (j = 0; j < i; j++)
				if (strcmp(items[j].c.area, items[i].c.area) == 0)
					break;
			items[i].rank = j < i ? items[j].rank : next_unknown++;
		}
	}
	qsort(items, r->n_criteria, sizeof(*items), sort_cmp);
	for (i = 0; i < r->n_criteria; i++)
		r->criteria[i] = items[i].c;
	free(items);
	return AUDIT_OK;
}

static int make_areas(report_unit *r)
{
	size_t i;
	report_area *a;

	for (i = 0; i < r->n_criteria; i++) {
		const report_criterion *c = &r->criteria[i];
		if (r->n_areas > 0 && area_index(r->areas[r->n_areas - 1].key) == area_index(c->area) &&
		    (area_index(c->area) >= 0 || strcmp(r->areas[r->n_areas - 1].key, c->area) == 0)) {
			r->areas[r->n_areas - 1].count++;
			continue;
		}
		a = realloc(r->areas, (r->n_areas + 1) * sizeof(*a));
		if (a == NULL)
			return AUDIT_ENOMEM;
		r->areas = a;
		a = &r->areas[r->n_areas];
		a->key = xstrdup(c->area);
		a->heading = xstrdup(report_area_heading(c->area));
		a->first = i;
		a->count = 1;
		r->n_areas++;
		if (a->key == NULL || a->heading == NULL)
			return AUDIT_ENOMEM;
	}
	return AUDIT_OK;
}

static int make_sentence(report_criterion *c)
{
	char pct[32];
	char **one = NULL;
	size_t n = 0;
	int rc;

	if (c->n_applicable == 0) {
		rc = strv_addf(&one, &n, "%s: inte tillämpligt i någon av de granskade akterna.",
			       c->title);
	} else {
		report_fmt_percent(c->share, pct, sizeof(pct));
		if (c->n_delvis > 0)
			rc = strv_addf(&one, &n, "%s: uppfyllt i %d av %d %s (%s), delvis uppfyllt i %d.",
				       c->title, c->n_uppfyllt, c->n_applicable,
				       c->n_applicable == 1 ? "tillämplig akt" : "tillämpliga akter",
				       pct, c->n_delvis);
		else
			rc = strv_addf(&one, &n, "%s: uppfyllt i %d av %d %s (%s).",
				       c->title, c->n_uppfyllt, c->n_applicable,
				       c->n_applicable == 1 ? "tillämplig akt" : "tillämpliga akter",
				       pct);
	}
	if (rc != AUDIT_OK)
		return rc;
	c->sentence = one[0];
	free(one);
	return AUDIT_OK;
}

static const char *akter_word(int n)
{
	return n == 1 ? "akt" : "akter";
}

static const char *kriterier_word(size_t n)
{
	return n == 1 ? "kriterium" : "kriterier";
}

static int make_texts(report_unit *r)
{
	size_t i, n_applicable_criteria = 0;
	int rc;
	int all;

	for (i = 0; i < r->n_criteria; i++)
		if (r->criteria[i].n_applicable > 0)
			n_applicable_criteria++;

	/* Sammanfattning: the overview; the criteria themselves are listed
	 * under utvecklingsområden and styrkor by the renderer. */
	rc = strv_addf(&r->summary, &r->n_summary,
		       "Granskningen omfattar %d %s vid %s, bedömda mot %zu %s i checklistan "
		       "%s version %s per referensdatum %s.",
		       r->n_akter, akter_word(r->n_akter), r->unit_name, r->n_criteria,
		       kriterier_word(r->n_criteria), r->checklist_name, r->checklist_version,
		       r->ref_date);
	if (rc == AUDIT_OK && n_applicable_criteria > 0)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "Av de %zu %s som var tillämpliga i minst en akt uppfylldes %zu i minst "
			       "90 %% av de tillämpliga akterna (styrkor) och %zu i mindre än 75 %% "
			       "(utvecklingsområden).",
			       n_applicable_criteria, kriterier_word(n_applicable_criteria),
			       r->n_strengths, r->n_dev);
	if (rc == AUDIT_OK && n_applicable_criteria < r->n_criteria)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "%zu %s var inte %s i någon akt och bedöms inte.",
			       r->n_criteria - n_applicable_criteria,
			       kriterier_word(r->n_criteria - n_applicable_criteria),
			       r->n_criteria - n_applicable_criteria == 1 ? "tillämpligt"
									  : "tillämpliga");
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "Andelarna avser de akter där kriteriet är tillämpligt. Med få akter är "
			       "osäkerheten stor; konfidensintervallen i resultatdelen visar hur stor.");
	if (rc != AUDIT_OK)
		return rc;

	/* Metod. */
	all = r->method[0] == '\0' || strcmp(r->method, "alla akter") == 0 ||
	      strcmp(r->method, "all") == 0 || strcmp(r->method, "samtliga akter i underlaget") == 0;
	if (all)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Antal akter granskade: %d. Urval: samtliga akter i underlaget.",
			       r->n_akter);
	else
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Antal akter granskade: %d. Urval: %s.", r->n_akter, r->method);
	if (rc == AUDIT_OK && r->seed != 0)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Urvalet drogs slumpmässigt med slumpfrö %lld, så att samma urval kan "
			       "dras igen.", r->seed);
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Akterna har bedömts automatiskt mot checklistan %s version %s "
			       "per referensdatum %s. Rättslig grund: %s.",
			       r->checklist_name, r->checklist_version, r->ref_date,
			       r->legal_basis[0] ? r->legal_basis : "enligt checklistan");
	if (rc == AUDIT_OK && r->n_failed > 0)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "%d %s i körningen kunde inte läsas in och ingår inte i resultatet.",
			       r->n_failed, r->n_failed == 1 ? "fil" : "filer");
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Varje kriterium bedöms i varje akt som uppfyllt, delvis uppfyllt, ej "
			       "uppfyllt eller ej tillämpligt. Andelen uppfyllda räknas på de akter där "
			       "kriteriet är tillämpligt; delvis uppfyllt räknas inte som uppfyllt. "
			       "Osäkerheten anges som ett 95 %% konfidensintervall (Wilsons metod).");
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Rapporten innehåller inga personuppgifter: endast antal, kriterier och "
			       "lagrum redovisas.");
	return rc;
}

int report_unit_finish(report_unit *r, audit_err *e)
{
	size_t i;
	int rc;

	if (r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "report: report_unit_finish called twice");
	if (order_criteria(r) != AUDIT_OK || make_areas(r) != AUDIT_OK)
		return nomem(e);
	if (r->n_criteria > 0) {
		r->dev = calloc(r->n_criteria, sizeof(*r->dev));
		r->strengths = calloc(r->n_criteria, sizeof(*r->strengths));
		if (r->dev == NULL || r->strengths == NULL)
			return nomem(e);
	}
	for (i = 0; i < r->n_criteria; i++) {
		report_criterion *c = &r->criteria[i];

		if (c->n_applicable > 0)
			c->share = (double)c->n_uppfyllt / (double)c->n_applicable;
		report_wilson(c->n_uppfyllt, c->n_applicable, 1.96, &c->ci_lo, &c->ci_hi);
		if (make_sentence(c) != AUDIT_OK)
			return nomem(e);
		if (c->n_applicable == 0)
			continue;
		if (c->share < REPORT_DEV_BELOW)
			r->dev[r->n_dev++] = i;
		else if (c->share >= REPORT_STRENGTH_AT)
			r->strengths[r->n_strengths++] = i;
	}
	rc = make_texts(r);
	if (rc != AUDIT_OK)
		return nomem(e);
	r->finished = 1;
	return AUDIT_OK;
}

/* ---- from the store ---- */

int report_unit_build(report_unit **out, store *s, long long run_id,
		      const char *unit_id, audit_err *e)
{
	return report_unit_build_opts(out, s, run_id, unit_id, NULL, e);
}

int report_unit_build_opts(report_unit **out, store *s, long long run_id,
			   const char *unit_id, const report_opts *o, audit_err *e)
{
	store_run *run = NULL;
	store_unit *units = NULL;
	store_criterion *crit = NULL;
	size_t n_units = 0, n_crit = 0, i;
	const store_unit *unit = NULL;
	report_unit *r = NULL;
	report_unit_info info;
	int rc;

	*out = NULL;
	if (unit_id == NULL || unit_id[0] == '\0')
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "a unit report needs a unit id (--unit ID)");
	if ((rc = store_get_run(s, run_id, &run, e)) < 0)
		goto done;
	if (!(o && o->allow_incomplete) && (run->status == NULL || strcmp(run->status, "complete") != 0)) {
		rc = audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				   "run %lld is not complete (status '%s'); run the audit again "
				   "or choose another run", run_id, run->status ? run->status : "");
		goto done;
	}
	if ((rc = store_get_units(s, run_id, &units, &n_units, e)) < 0)
		goto done;
	for (i = 0; i < n_units; i++)
		if (units[i].id && strcmp(units[i].id, unit_id) == 0)
			unit = &units[i];
	if (unit == NULL) {
		rc = audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				   "unit '%s' has no akter in run %lld; check the unit id", unit_id,
				   run_id);
		goto done;
	}
	if ((rc = store_get_criteria(s, run_id, unit_id, &crit, &n_crit, e)) < 0)
		goto done;

	memset(&info, 0, sizeof(info));
	info.unit_id = unit->id;
	info.unit_name = unit->name;
	info.checklist_name = run->checklist_name;
	info.checklist_version = run->checklist_version;
	info.legal_basis = run->legal_basis;
	info.ref_date = run->ref_date;
	info.produced_date = o && o->produced_date ? o->produced_date : NULL;
	info.method = run->method;
	info.seed = run->seed;
	info.n_akter = unit->n_akter;
	info.n_failed = run->n_failed;
	if ((rc = report_unit_new(&r, &info, e)) < 0)
		goto done;
	for (i = 0; i < n_crit; i++) {
		report_criterion_in ci;

		memset(&ci, 0, sizeof(ci));
		ci.id = crit[i].id;
		ci.title = crit[i].title;
		ci.area = crit[i].area;
		ci.legal_refs = crit[i].legal_refs;
		ci.position = crit[i].position;
		ci.n_total = crit[i].n_total;
		ci.n_uppfyllt = crit[i].n_uppfyllt;
		ci.n_delvis = crit[i].n_delvis;
		ci.n_ej_uppfyllt = crit[i].n_ej_uppfyllt;
		ci.n_ej_tillampligt = crit[i].n_ej_tillampligt;
		if ((rc = report_unit_add_criterion(r, &ci, e)) < 0)
			goto done;
	}
	if ((rc = report_unit_finish(r, e)) < 0)
		goto done;
	*out = r;
	r = NULL;
	rc = AUDIT_OK;
done:
	report_unit_free(r);
	store_criteria_free(crit, n_crit);
	store_units_free(units, n_units);
	store_run_free(run);
	return rc;
}
