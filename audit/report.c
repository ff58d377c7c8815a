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

int report_change_tenths(double prev, double cur)
{
	/* from the shares as shown (report_fmt_percent), so that the change
	 * always agrees with the two printed percentages */
	return (int)(lround(cur * 1000.0) - lround(prev * 1000.0));
}

const char *report_fmt_change(double prev, double cur, char *buf, size_t n)
{
	int t = report_change_tenths(prev, cur);
	int a = t < 0 ? -t : t;
	/* U+2212 MINUS SIGN */
	const char *sign = t > 0 ? "+" : "\xe2\x88\x92";

	if (n == 0)
		return buf;
	if (t == 0)
		snprintf(buf, n, "oförändrat");
	else if (a % 10 == 0)
		snprintf(buf, n, "%s%d p.e.", sign, a / 10);
	else
		snprintf(buf, n, "%s%d,%d p.e.", sign, a / 10, a % 10);
	return buf;
}

const char *report_verdict_symbol(verdict v)
{
	switch (v) {
	case VERDICT_UPPFYLLT:
		return "U";
	case VERDICT_DELVIS:
		return "D";
	case VERDICT_EJ_UPPFYLLT:
		return "E";
	case VERDICT_EJ_TILLAMPLIGT:
		return "\xe2\x80\x93";
	default:
		return "";
	}
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
	free(c->section);
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
	for (i = 0; i < r->n_sections; i++)
		free(r->sections[i].title);
	free(r->sections);
	strv_free(r->summary, r->n_summary);
	strv_free(r->method_text, r->n_method_text);
	free(r->dev);
	free(r->strengths);
	free(r->previous_ref_date);
	free(r->matrix);
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
	rc->n_reviewed = c->n_reviewed < 0 ? 0 : c->n_reviewed > c->n_total ? c->n_total : c->n_reviewed;
	rc->section = xstrdup(c->section);
	if (rc->section == NULL) {
		criterion_clear(rc);
		return nomem(e);
	}
	rc->weight = c->weight > 0 ? c->weight : 1.0;
	rc->has_section_weight = c->has_section_weight && c->section_weight >= 0;
	rc->section_weight = rc->has_section_weight ? c->section_weight : 0;
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
			       "Rapporten innehåller inga personuppgifter: antal, kriterier och lagrum "
			       "redovisas, och bilagan visar bedömningarna per akt under löpnummer "
			       "(A1, A2, …) utan aktnummer, namn eller text ur akterna.");
	return rc;
}

/* Poäng per avsnitt (see report_section_score), in checklist order. */
static int make_section_scores(report_unit *r)
{
	double wsum_total = 0, total = 0;
	int first_pos[256];

	r->total_score = -1;
	for (size_t i = 0; i < r->n_criteria; i++) {
		const report_criterion *c = &r->criteria[i];
		report_section_score *s = NULL;
		size_t k;

		if (!c->has_section_weight)
			continue;
		for (k = 0; k < r->n_sections; k++)
			if (strcmp(r->sections[k].title, c->section) == 0)
				s = &r->sections[k];
		if (s == NULL) {
			report_section_score *g;
			if (r->n_sections >= 256)
				continue;
			g = realloc(r->sections, (r->n_sections + 1) * sizeof(*g));
			if (g == NULL)
				return AUDIT_ENOMEM;
			r->sections = g;
			s = &g[r->n_sections];
			memset(s, 0, sizeof(*s));
			s->title = xstrdup(c->section);
			if (s->title == NULL)
				return AUDIT_ENOMEM;
			s->weight = c->section_weight;
			s->score = 0; /* a sum of weights x shares until divided below */
			first_pos[r->n_sections] = c->position;
			r->n_sections++;
		}
		k = (size_t)(s - r->sections);
		if (c->position < first_pos[k])
			first_pos[k] = c->position;
		if (c->n_applicable > 0) {
			s->score += c->weight * c->share;
			s->n_criteria++;
		}
	}
	/* weights of the counted criteria, then divide; order by position */
	for (size_t k = 0; k < r->n_sections; k++) {
		report_section_score *s = &r->sections[k];
		double w = 0;
		for (size_t i = 0; i < r->n_criteria; i++) {
			const report_criterion *c = &r->criteria[i];
			if (c->has_section_weight && c->n_applicable > 0 &&
			    strcmp(c->section, s->title) == 0)
				w += c->weight;
		}
		s->score = w > 0 ? s->score / w : -1;
		if (s->score >= 0 && s->weight > 0) {
			total += s->weight * s->score;
			wsum_total += s->weight;
		}
	}
	for (size_t a = 1; a < r->n_sections; a++)
		for (size_t b = a; b > 0 && first_pos[b - 1] > first_pos[b]; b--) {
			report_section_score t = r->sections[b - 1];
			int p = first_pos[b - 1];
			r->sections[b - 1] = r->sections[b];
			r->sections[b] = t;
			first_pos[b - 1] = first_pos[b];
			first_pos[b] = p;
		}
	if (wsum_total > 0)
		r->total_score = total / wsum_total;
	return AUDIT_OK;
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
	if (make_section_scores(r) != AUDIT_OK)
		return nomem(e);
	rc = make_texts(r);
	if (rc != AUDIT_OK)
		return nomem(e);
	r->finished = 1;
	return AUDIT_OK;
}

int report_unit_set_previous(report_unit *r, long long run_id, const char *ref_date,
			     const report_criterion_in *c, size_t n, audit_err *e)
{
	size_t i, k;

	if (!r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: report_unit_set_previous before report_unit_finish");
	if (r->has_previous)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: report_unit_set_previous called twice");
	if (!valid_date(ref_date))
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: previous reference date '%s' is not a date (YYYY-MM-DD)",
				     ref_date ? ref_date : "");
	for (k = 0; k < n; k++) {
		const report_criterion_in *p = &c[k];
		if (p->n_total < 0 || p->n_uppfyllt < 0 || p->n_delvis < 0 ||
		    p->n_ej_uppfyllt < 0 || p->n_ej_tillampligt < 0 ||
		    p->n_total != p->n_uppfyllt + p->n_delvis + p->n_ej_uppfyllt + p->n_ej_tillampligt)
			return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
					     "report: previous verdict counts of criterion '%s' do not "
					     "add up", p->id ? p->id : "");
	}
	r->previous_ref_date = xstrdup(ref_date);
	if (r->previous_ref_date == NULL)
		return nomem(e);
	r->has_previous = 1;
	r->previous_run_id = run_id;
	for (i = 0; i < r->n_criteria; i++) {
		report_criterion *rc = &r->criteria[i];

		for (k = 0; k < n; k++)
			if (c[k].id && strcmp(c[k].id, rc->id) == 0)
				break;
		if (k == n)
			continue;
		rc->has_prev = 1;
		rc->prev_applicable = c[k].n_total - c[k].n_ej_tillampligt;
		rc->prev_uppfyllt = c[k].n_uppfyllt;
		rc->prev_share = rc->prev_applicable > 0
					 ? (double)rc->prev_uppfyllt / (double)rc->prev_applicable
					 : 0.0;
	}
	return AUDIT_OK;
}

int report_unit_add_matrix_row(report_unit *r, const char *const *criterion_ids,
			       const verdict *values, size_t n, audit_err *e)
{
	verdict *grown, *row;
	size_t i, k;

	if (!r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: matrix row added before report_unit_finish");
	if (r->n_criteria == 0) {
		r->n_matrix_rows++;
		return AUDIT_OK;
	}
	grown = realloc(r->matrix, (r->n_matrix_rows + 1) * r->n_criteria * sizeof(*grown));
	if (grown == NULL)
		return nomem(e);
	r->matrix = grown;
	row = grown + r->n_matrix_rows * r->n_criteria;
	for (i = 0; i < r->n_criteria; i++)
		row[i] = VERDICT_NONE;
	for (k = 0; k < n; k++) {
		if (criterion_ids[k] == NULL)
			continue;
		for (i = 0; i < r->n_criteria; i++)
			if (strcmp(r->criteria[i].id, criterion_ids[k]) == 0) {
				row[i] = values[k];
				break;
			}
	}
	r->n_matrix_rows++;
	return AUDIT_OK;
}

/* ---- from the store ---- */

/* The previous complete run of the same checklist id that has the unit:
 * run ids below run_id, newest first.  *prev 0 when there is none. */
static int find_previous_run(store *s, long long run_id, const char *checklist_id,
			     const char *unit_id, long long *prev, audit_err *e)
{
	long long id;
	int rc;

	*prev = 0;
	for (id = run_id - 1; id >= 1; id--) {
		store_run *run = NULL;
		store_unit *units = NULL;
		size_t n = 0, i;
		int found = 0;

		rc = store_get_run(s, id, &run, e);
		if (rc == AUDIT_EINPUT)
			continue; /* no such run */
		if (rc < 0)
			return rc;
		if (run->status == NULL || strcmp(run->status, "complete") != 0 ||
		    run->checklist_id == NULL || checklist_id == NULL ||
		    strcmp(run->checklist_id, checklist_id) != 0) {
			store_run_free(run);
			continue;
		}
		store_run_free(run);
		if ((rc = store_get_units(s, id, &units, &n, e)) < 0)
			return rc;
		for (i = 0; i < n; i++)
			if (units[i].id && strcmp(units[i].id, unit_id) == 0)
				found = 1;
		store_units_free(units, n);
		if (found) {
			*prev = id;
			return AUDIT_OK;
		}
	}
	return AUDIT_OK;
}

static int add_previous(report_unit *r, store *s, long long run_id, const char *checklist_id,
			const char *unit_id, audit_err *e)
{
	long long prev;
	store_run *run = NULL;
	store_criterion *crit = NULL;
	report_criterion_in *in = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = find_previous_run(s, run_id, checklist_id, unit_id, &prev, e)) < 0 || prev == 0)
		return rc;
	if ((rc = store_get_run(s, prev, &run, e)) < 0)
		goto done;
	if ((rc = store_get_criteria(s, prev, unit_id, &crit, &n, e)) < 0)
		goto done;
	in = calloc(n ? n : 1, sizeof(*in));
	if (in == NULL) {
		rc = nomem(e);
		goto done;
	}
	for (i = 0; i < n; i++) {
		in[i].id = crit[i].id;
		in[i].position = crit[i].position;
		in[i].n_total = crit[i].n_total;
		in[i].n_uppfyllt = crit[i].n_uppfyllt;
		in[i].n_delvis = crit[i].n_delvis;
		in[i].n_ej_uppfyllt = crit[i].n_ej_uppfyllt;
		in[i].n_ej_tillampligt = crit[i].n_ej_tillampligt;
	}
	rc = report_unit_set_previous(r, prev, run->ref_date, in, n, e);
done:
	free(in);
	store_criteria_free(crit, n);
	store_run_free(run);
	return rc;
}

/* The appendix matrix from the verdicts (ordered by akt id; no evidence).
 * The akt ids are used only to cut the list into rows and are not kept. */
static int add_matrix(report_unit *r, store *s, long long run_id, const char *unit_id,
		      audit_err *e)
{
	store_verdict *v = NULL;
	const char **ids = NULL;
	verdict *vals = NULL;
	size_t n = 0, i, start;
	int rc;

	if ((rc = store_get_verdicts(s, run_id, unit_id, 0, &v, &n, e)) < 0)
		return rc;
	ids = calloc(n ? n : 1, sizeof(*ids));
	vals = calloc(n ? n : 1, sizeof(*vals));
	if (ids == NULL || vals == NULL) {
		rc = nomem(e);
		goto done;
	}
	for (i = 0; i < n; i++) {
		ids[i] = v[i].criterion_id;
		vals[i] = v[i].value;
	}
	for (start = 0; start < n; start = i) {
		for (i = start + 1; i < n; i++)
			if (strcmp(v[i].akt_id ? v[i].akt_id : "", v[start].akt_id ? v[start].akt_id : "") != 0)
				break;
		if ((rc = report_unit_add_matrix_row(r, ids + start, vals + start, i - start, e)) < 0)
			goto done;
	}
	rc = AUDIT_OK;
done:
	free(ids);
	free(vals);
	store_verdicts_free(v, n);
	return rc;
}

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
		ci.n_reviewed = crit[i].n_reviewed;
		ci.section = crit[i].section;
		ci.weight = crit[i].weight;
		ci.has_section_weight = crit[i].has_section_weight;
		ci.section_weight = crit[i].section_weight;
		if ((rc = report_unit_add_criterion(r, &ci, e)) < 0)
			goto done;
	}
	if ((rc = report_unit_finish(r, e)) < 0)
		goto done;
	if ((rc = add_previous(r, s, run_id, run->checklist_id, unit_id, e)) < 0)
		goto done;
	if ((rc = add_matrix(r, s, run_id, unit_id, e)) < 0)
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

/* ================================================================
 * Shared helpers for the nämnd report and the action list
 * ================================================================ */

/* Ranks for ordering by area: known areas in the fixed order, unknown ones
 * after them in order of first appearance. */
static int *area_ranks(const char *const *area, size_t n)
{
	int *rank = calloc(n ? n : 1, sizeof(*rank));
	int next_unknown = (int)N_AREAS;
	size_t i, j;

	if (rank == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		rank[i] = area_index(area[i]);
		if (rank[i] >= 0)
			continue;
		for (j = 0; j < i; j++)
			if (area_index(area[j]) < 0 && strcmp(area[j], area[i]) == 0)
				break;
		rank[i] = j < i ? rank[j] : next_unknown++;
	}
	return rank;
}

/* Areas of an already ordered list (same rule as make_areas). */
static int areas_of(const char *const *area, size_t n, report_area **out, size_t *nout)
{
	size_t i;
	report_area *a;

	for (i = 0; i < n; i++) {
		if (*nout > 0) {
			report_area *last = &(*out)[*nout - 1];
			int li = area_index(last->key), ci = area_index(area[i]);
			if (li == ci && (ci >= 0 || strcmp(last->key, area[i]) == 0)) {
				last->count++;
				continue;
			}
		}
		a = realloc(*out, (*nout + 1) * sizeof(*a));
		if (a == NULL)
			return AUDIT_ENOMEM;
		*out = a;
		a = &a[*nout];
		a->key = xstrdup(area[i]);
		a->heading = xstrdup(report_area_heading(area[i]));
		a->first = i;
		a->count = 1;
		(*nout)++;
		if (a->key == NULL || a->heading == NULL)
			return AUDIT_ENOMEM;
	}
	return AUDIT_OK;
}

static void areas_free(report_area *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].key);
		free(a[i].heading);
	}
	free(a);
}

static int check_dates(const char *ref, const char *produced, audit_err *e)
{
	if (!valid_date(ref))
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: reference date '%s' is not a date (YYYY-MM-DD)",
				     ref ? ref : "");
	if (!valid_date(produced ? produced : ref))
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: produced date '%s' is not a date (YYYY-MM-DD)", produced);
	return AUDIT_OK;
}

static int run_usable(store *s, long long run_id, const report_opts *o, store_run **run,
		      audit_err *e)
{
	int rc;

	*run = NULL;
	if ((rc = store_get_run(s, run_id, run, e)) < 0)
		return rc;
	if (!(o && o->allow_incomplete) &&
	    ((*run)->status == NULL || strcmp((*run)->status, "complete") != 0)) {
		rc = audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				   "run %lld is not complete (status '%s'); run the audit again "
				   "or choose another run", run_id,
				   (*run)->status ? (*run)->status : "");
		store_run_free(*run);
		*run = NULL;
		return rc;
	}
	return AUDIT_OK;
}

/* ================================================================
 * Nämnd delrapport
 * ================================================================ */

typedef struct namnd_raw {
	size_t unit, crit;
	int n_applicable, n_uppfyllt, n_delvis;
} namnd_raw;

/* Builder state beyond the public struct lives here; the public struct is
 * the first member so report_namnd_free can free both. */
typedef struct namnd_impl {
	report_namnd pub;
	namnd_raw *raw;
	size_t n_raw, cap_raw;
} namnd_impl;

void report_namnd_free(report_namnd *r)
{
	namnd_impl *im = (namnd_impl *)r;
	size_t i;

	if (r == NULL)
		return;
	free(r->title);
	free(r->checklist_name);
	free(r->checklist_version);
	free(r->legal_basis);
	free(r->ref_date);
	free(r->produced_date);
	free(r->method);
	for (i = 0; i < r->n_criteria; i++) {
		free(r->criteria[i].id);
		free(r->criteria[i].title);
		free(r->criteria[i].area);
		free(r->criteria[i].legal_refs);
	}
	free(r->criteria);
	areas_free(r->areas, r->n_areas);
	free(r->area_total);
	for (i = 0; i < r->n_units; i++) {
		report_namnd_unit *u = &r->units[i];
		free(u->unit_id);
		free(u->unit_name);
		free(u->area_share);
		strv_free(u->text, u->n_text);
		free(u->dev);
	}
	free(r->units);
	free(r->cells);
	strv_free(r->summary, r->n_summary);
	strv_free(r->method_text, r->n_method_text);
	free(r->dev);
	free(im->raw);
	free(im);
}

int report_namnd_new(report_namnd **out, const report_namnd_info *info, audit_err *e)
{
	namnd_impl *im;
	report_namnd *r;
	int rc;

	*out = NULL;
	if ((rc = check_dates(info->ref_date, info->produced_date, e)) < 0)
		return rc;
	if (info->n_failed < 0)
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0, "report: negative file count");
	im = calloc(1, sizeof(*im));
	if (im == NULL)
		return nomem(e);
	r = &im->pub;
	r->title = xstrdup("Delrapport till nämnden \xe2\x80\x93 granskning av personakter, "
			   "ekonomiskt bistånd");
	r->checklist_name = xstrdup(info->checklist_name);
	r->checklist_version = xstrdup(info->checklist_version);
	r->legal_basis = xstrdup(info->legal_basis);
	r->ref_date = xstrdup(info->ref_date);
	r->produced_date = xstrdup(info->produced_date ? info->produced_date : info->ref_date);
	r->method = xstrdup(info->method);
	r->seed = info->seed;
	r->n_failed = info->n_failed;
	r->threshold = info->threshold > 0 ? info->threshold : REPORT_SMALL_DEFAULT;
	if (!r->title || !r->checklist_name || !r->checklist_version || !r->legal_basis ||
	    !r->ref_date || !r->produced_date || !r->method) {
		report_namnd_free(r);
		return nomem(e);
	}
	*out = r;
	return AUDIT_OK;
}

int report_namnd_add_unit(report_namnd *r, const char *unit_id, const char *unit_name,
			  int n_akter, const report_criterion_in *c, size_t n_c, audit_err *e)
{
	namnd_impl *im = (namnd_impl *)r;
	report_namnd_unit *units, *u;
	size_t i, k, ui;

	if (r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: unit added after report_namnd_finish");
	if (unit_id == NULL || unit_id[0] == '\0' || n_akter < 0)
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: a unit needs an id and a non-negative akt count");
	for (i = 0; i < r->n_units; i++)
		if (strcmp(r->units[i].unit_id, unit_id) == 0)
			return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
					     "report: unit '%s' added twice", unit_id);
	for (i = 0; i < n_c; i++)
		if (c[i].n_total < 0 || c[i].n_uppfyllt < 0 || c[i].n_delvis < 0 ||
		    c[i].n_ej_uppfyllt < 0 || c[i].n_ej_tillampligt < 0 ||
		    c[i].n_total != c[i].n_uppfyllt + c[i].n_delvis + c[i].n_ej_uppfyllt +
					    c[i].n_ej_tillampligt)
			return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
					     "report: verdict counts of criterion '%s' in unit '%s' "
					     "do not add up", c[i].id ? c[i].id : "", unit_id);
	units = realloc(r->units, (r->n_units + 1) * sizeof(*units));
	if (units == NULL)
		return nomem(e);
	r->units = units;
	ui = r->n_units;
	u = &units[ui];
	memset(u, 0, sizeof(*u));
	u->unit_id = xstrdup(unit_id);
	u->unit_name = xstrdup(unit_name && unit_name[0] ? unit_name : unit_id);
	u->n_akter = n_akter;
	r->n_units++;
	if (u->unit_id == NULL || u->unit_name == NULL)
		return nomem(e);
	r->n_akter += n_akter;

	for (i = 0; i < n_c; i++) {
		const char *id = c[i].id ? c[i].id : "";
		namnd_raw *raw;

		for (k = 0; k < r->n_criteria; k++)
			if (strcmp(r->criteria[k].id, id) == 0)
				break;
		if (k == r->n_criteria) {
			report_namnd_criterion *g = realloc(r->criteria,
							    (r->n_criteria + 1) * sizeof(*g));
			if (g == NULL)
				return nomem(e);
			r->criteria = g;
			memset(&g[k], 0, sizeof(g[k]));
			g[k].id = xstrdup(id);
			g[k].title = xstrdup(c[i].title);
			g[k].area = xstrdup(c[i].area);
			g[k].legal_refs = xstrdup(c[i].legal_refs);
			g[k].position = c[i].position;
			r->n_criteria++;
			if (!g[k].id || !g[k].title || !g[k].area || !g[k].legal_refs)
				return nomem(e);
		}
		if (im->n_raw == im->cap_raw) {
			size_t cap = im->cap_raw ? im->cap_raw * 2 : 64;
			raw = realloc(im->raw, cap * sizeof(*raw));
			if (raw == NULL)
				return nomem(e);
			im->raw = raw;
			im->cap_raw = cap;
		}
		raw = &im->raw[im->n_raw++];
		raw->unit = ui;
		raw->crit = k;
		raw->n_applicable = c[i].n_total - c[i].n_ej_tillampligt;
		raw->n_uppfyllt = c[i].n_uppfyllt;
		raw->n_delvis = c[i].n_delvis;
	}
	return AUDIT_OK;
}

static void cell_finish(report_namnd_cell *c, int threshold)
{
	c->share = c->n_applicable > 0 ? (double)c->n_uppfyllt / (double)c->n_applicable : 0.0;
	report_wilson(c->n_uppfyllt, c->n_applicable, 1.96, &c->ci_lo, &c->ci_hi);
	c->suppressed = c->n_applicable > 0 && c->n_applicable < threshold;
}

static int cell_shown(const report_namnd_cell *c)
{
	return c->n_applicable > 0 && !c->suppressed;
}

const char *report_namnd_fmt_cell(const report_namnd *r, const report_namnd_cell *c,
				  char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (c->n_applicable <= 0)
		snprintf(buf, n, "\xe2\x80\x93");
	else if (c->suppressed)
		snprintf(buf, n, "färre än %d", r->threshold);
	else
		report_fmt_percent(c->share, buf, n);
	return buf;
}

/* "12 akter" or "färre än 5 akter": no count below the threshold in words. */
static const char *count_words(const report_namnd *r, int n, char *buf, size_t len)
{
	if (n > 0 && n < r->threshold)
		snprintf(buf, len, "färre än %d akter", r->threshold);
	else
		snprintf(buf, len, "%d %s", n, akter_word(n));
	return buf;
}

/* Mean over the shown cells of criteria [first, first+count) of one row
 * (stride 1 over criteria): -1 none applicable, -2 only suppressed ones. */
static double mean_of(const report_namnd_cell *row, size_t first, size_t count)
{
	double sum = 0.0;
	size_t i, shown = 0, applicable = 0;

	for (i = first; i < first + count; i++) {
		if (row[i].n_applicable > 0)
			applicable++;
		if (cell_shown(&row[i])) {
			sum += row[i].share;
			shown++;
		}
	}
	if (shown > 0)
		return sum / (double)shown;
	return applicable > 0 ? -2.0 : -1.0;
}

typedef struct namnd_sort {
	report_namnd_criterion c;
	int rank;
	size_t old;
} namnd_sort;

static int namnd_sort_cmp(const void *a, const void *b)
{
	const namnd_sort *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->c.position != y->c.position)
		return x->c.position < y->c.position ? -1 : 1;
	return x->old < y->old ? -1 : x->old > y->old;
}

static int namnd_texts(report_namnd *r)
{
	char pct[32], pct2[32], akt[64];
	size_t i, u, n_strong = 0, n_shown = 0;
	int rc = AUDIT_OK, all;
	size_t best = (size_t)-1, worst = (size_t)-1;

	for (i = 0; i < r->n_criteria; i++) {
		const report_namnd_cell *t = &r->criteria[i].total;
		if (!cell_shown(t))
			continue;
		n_shown++;
		if (t->share >= REPORT_STRENGTH_AT)
			n_strong++;
	}
	for (u = 0; u < r->n_units; u++) {
		if (r->units[u].mean_share < 0.0)
			continue;
		if (best == (size_t)-1 || r->units[u].mean_share > r->units[best].mean_share)
			best = u;
		if (worst == (size_t)-1 || r->units[u].mean_share < r->units[worst].mean_share)
			worst = u;
	}
	rc = strv_addf(&r->summary, &r->n_summary,
		       "Delrapporten omfattar %s vid %zu %s, bedömda mot %zu %s i checklistan %s "
		       "version %s per referensdatum %s.",
		       count_words(r, r->n_akter, akt, sizeof(akt)), r->n_units,
		       r->n_units == 1 ? "enhet" : "enheter", r->n_criteria,
		       kriterier_word(r->n_criteria), r->checklist_name, r->checklist_version,
		       r->ref_date);
	if (rc == AUDIT_OK && n_shown > 0)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "För samtliga enheter tillsammans uppfylls %zu av %zu redovisade %s i "
			       "minst 90 %% av de tillämpliga akterna och %zu i mindre än 75 %% "
			       "(utvecklingsområden, se nedan).",
			       n_strong, n_shown, kriterier_word(n_shown), r->n_dev);
	if (rc == AUDIT_OK && best != (size_t)-1 && best != worst)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "Den genomsnittliga andelen uppfyllda kriterier varierar mellan "
			       "enheterna från %s (%s) till %s (%s).",
			       report_fmt_percent(r->units[worst].mean_share, pct, sizeof(pct)),
			       r->units[worst].unit_name,
			       report_fmt_percent(r->units[best].mean_share, pct2, sizeof(pct2)),
			       r->units[best].unit_name);
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "Andelarna avser de akter där kriteriet är tillämpligt. En andel som "
			       "bygger på färre än %d tillämpliga akter redovisas inte utan anges som "
			       "\xe2\x80\x9d" "färre än %d\xe2\x80\x9d.", r->threshold, r->threshold);
	if (rc != AUDIT_OK)
		return rc;

	all = r->method[0] == '\0' || strcmp(r->method, "alla akter") == 0 ||
	      strcmp(r->method, "all") == 0 || strcmp(r->method, "samtliga akter i underlaget") == 0;
	rc = strv_addf(&r->method_text, &r->n_method_text,
		       "Urval: %s.", all ? "samtliga akter i underlaget" : r->method);
	if (rc == AUDIT_OK && r->seed != 0)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Urvalet drogs slumpmässigt med slumpfrö %lld, så att samma urval kan "
			       "dras igen.", r->seed);
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Akterna har bedömts automatiskt mot checklistan %s version %s per "
			       "referensdatum %s. Rättslig grund: %s.",
			       r->checklist_name, r->checklist_version, r->ref_date,
			       r->legal_basis[0] ? r->legal_basis : "enligt checklistan");
	if (rc == AUDIT_OK && r->n_failed > 0)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "En del filer i körningen kunde inte läsas in och ingår inte i "
			       "resultatet.");
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Andelen uppfyllt räknas på de akter där kriteriet är tillämpligt; "
			       "delvis uppfyllt räknas inte som uppfyllt. Ett områdes andel och en "
			       "enhets genomsnitt är medelvärdet av andelarna för de kriterier som "
			       "redovisas. Andelar som bygger på färre än %d tillämpliga akter "
			       "redovisas inte, så att ingen enskild kan urskiljas.", r->threshold);
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->method_text, &r->n_method_text,
			       "Rapporten innehåller inga personuppgifter: endast antal, andelar, "
			       "kriterier och lagrum redovisas.");
	if (rc != AUDIT_OK)
		return rc;

	for (u = 0; u < r->n_units && rc == AUDIT_OK; u++) {
		report_namnd_unit *un = &r->units[u];
		const report_namnd_cell *row = &r->cells[u * r->n_criteria];
		size_t n_supp = 0, n_ej = 0;

		for (i = 0; i < r->n_criteria; i++) {
			if (row[i].suppressed)
				n_supp++;
			if (row[i].n_applicable == 0)
				n_ej++;
		}
		rc = strv_addf(&un->text, &un->n_text, "Enhet %s: %s granskade.", un->unit_id,
			       count_words(r, un->n_akter, akt, sizeof(akt)));
		if (rc == AUDIT_OK && un->mean_share >= 0.0) {
			rc = strv_addf(&un->text, &un->n_text,
				       "Kriterierna uppfylls i genomsnitt i %s av de tillämpliga "
				       "akterna. %zu %s når minst 90 %% och %zu ligger under 75 %%.",
				       report_fmt_percent(un->mean_share, pct, sizeof(pct)),
				       un->n_strengths, kriterier_word(un->n_strengths), un->n_dev);
		}
		if (rc == AUDIT_OK && n_supp > 0)
			rc = strv_addf(&un->text, &un->n_text,
				       "För %zu %s bygger andelen på färre än %d tillämpliga akter och "
				       "redovisas inte.", n_supp, kriterier_word(n_supp), r->threshold);
		if (rc == AUDIT_OK && n_ej > 0)
			rc = strv_addf(&un->text, &un->n_text,
				       "%zu %s är inte %s i någon av enhetens akter.", n_ej,
				       kriterier_word(n_ej), n_ej == 1 ? "tillämpligt" : "tillämpliga");
	}
	return rc;
}

int report_namnd_finish(report_namnd *r, audit_err *e)
{
	namnd_impl *im = (namnd_impl *)r;
	namnd_sort *items = NULL;
	const char **area = NULL;
	size_t *newpos = NULL;
	int *rank = NULL;
	size_t i, u, a;
	int rc = AUDIT_ENOMEM;

	if (r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: report_namnd_finish called twice");
	if (r->n_criteria > 0) {
		items = calloc(r->n_criteria, sizeof(*items));
		area = calloc(r->n_criteria, sizeof(*area));
		newpos = calloc(r->n_criteria, sizeof(*newpos));
		if (!items || !area || !newpos)
			goto done;
		for (i = 0; i < r->n_criteria; i++)
			area[i] = r->criteria[i].area;
		if ((rank = area_ranks(area, r->n_criteria)) == NULL)
			goto done;
		for (i = 0; i < r->n_criteria; i++) {
			items[i].c = r->criteria[i];
			items[i].rank = rank[i];
			items[i].old = i;
		}
		qsort(items, r->n_criteria, sizeof(*items), namnd_sort_cmp);
		for (i = 0; i < r->n_criteria; i++) {
			r->criteria[i] = items[i].c;
			newpos[items[i].old] = i;
			area[i] = r->criteria[i].area;
		}
		if (areas_of(area, r->n_criteria, &r->areas, &r->n_areas) != AUDIT_OK)
			goto done;
	}
	if (r->n_units > 0 && r->n_criteria > 0) {
		r->cells = calloc(r->n_units * r->n_criteria, sizeof(*r->cells));
		if (r->cells == NULL)
			goto done;
	}
	for (i = 0; i < im->n_raw; i++) {
		const namnd_raw *w = &im->raw[i];
		report_namnd_cell *c = &r->cells[w->unit * r->n_criteria + newpos[w->crit]];
		report_namnd_cell *t = &r->criteria[newpos[w->crit]].total;

		c->n_applicable += w->n_applicable;
		c->n_uppfyllt += w->n_uppfyllt;
		c->n_delvis += w->n_delvis;
		t->n_applicable += w->n_applicable;
		t->n_uppfyllt += w->n_uppfyllt;
		t->n_delvis += w->n_delvis;
	}
	for (i = 0; i < r->n_criteria; i++) {
		cell_finish(&r->criteria[i].total, r->threshold);
		for (u = 0; u < r->n_units; u++)
			cell_finish(&r->cells[u * r->n_criteria + i], r->threshold);
	}
	if (r->n_criteria > 0) {
		r->dev = calloc(r->n_criteria, sizeof(*r->dev));
		if (r->dev == NULL)
			goto done;
		for (i = 0; i < r->n_criteria; i++)
			if (cell_shown(&r->criteria[i].total) &&
			    r->criteria[i].total.share < REPORT_DEV_BELOW)
				r->dev[r->n_dev++] = i;
	}
	if (r->n_areas > 0) {
		/* The totals as one extra row laid out like a unit's. */
		report_namnd_cell *trow = calloc(r->n_criteria, sizeof(*trow));

		r->area_total = calloc(r->n_areas, sizeof(*r->area_total));
		if (trow == NULL || r->area_total == NULL) {
			free(trow);
			goto done;
		}
		for (i = 0; i < r->n_criteria; i++)
			trow[i] = r->criteria[i].total;
		for (a = 0; a < r->n_areas; a++)
			r->area_total[a] = mean_of(trow, r->areas[a].first, r->areas[a].count);
		free(trow);
	}
	for (u = 0; u < r->n_units; u++) {
		report_namnd_unit *un = &r->units[u];
		const report_namnd_cell *row = r->cells ? &r->cells[u * r->n_criteria] : NULL;

		un->mean_share = row ? mean_of(row, 0, r->n_criteria) : -1.0;
		if (r->n_areas > 0) {
			un->area_share = calloc(r->n_areas, sizeof(*un->area_share));
			if (un->area_share == NULL)
				goto done;
			for (a = 0; a < r->n_areas; a++)
				un->area_share[a] = mean_of(row, r->areas[a].first, r->areas[a].count);
		}
		if (r->n_criteria > 0) {
			un->dev = calloc(r->n_criteria, sizeof(*un->dev));
			if (un->dev == NULL)
				goto done;
		}
		for (i = 0; i < r->n_criteria; i++) {
			if (!cell_shown(&row[i]))
				continue;
			if (row[i].share < REPORT_DEV_BELOW)
				un->dev[un->n_dev++] = i;
			else if (row[i].share >= REPORT_STRENGTH_AT)
				un->n_strengths++;
		}
	}
	if (namnd_texts(r) != AUDIT_OK)
		goto done;
	free(im->raw);
	im->raw = NULL;
	im->n_raw = im->cap_raw = 0;
	r->finished = 1;
	rc = AUDIT_OK;
done:
	free(items);
	free(area);
	free(newpos);
	free(rank);
	return rc == AUDIT_OK ? AUDIT_OK : nomem(e);
}

int report_namnd_build(report_namnd **out, store *s, long long run_id, const report_opts *o,
		       audit_err *e)
{
	store_run *run = NULL;
	store_unit *units = NULL;
	store_criterion *crit = NULL;
	report_criterion_in *in = NULL;
	size_t n_units = 0, n_crit = 0, i, u;
	report_namnd *r = NULL;
	report_namnd_info info;
	int rc;

	*out = NULL;
	if ((rc = run_usable(s, run_id, o, &run, e)) < 0)
		goto done;
	if ((rc = store_get_units(s, run_id, &units, &n_units, e)) < 0)
		goto done;
	if (n_units == 0) {
		rc = audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				   "run %lld has no units with akter; nothing to report", run_id);
		goto done;
	}
	memset(&info, 0, sizeof(info));
	info.checklist_name = run->checklist_name;
	info.checklist_version = run->checklist_version;
	info.legal_basis = run->legal_basis;
	info.ref_date = run->ref_date;
	info.produced_date = o && o->produced_date ? o->produced_date : NULL;
	info.method = run->method;
	info.seed = run->seed;
	info.n_failed = run->n_failed;
	info.threshold = REPORT_SMALL_DEFAULT;
	if ((rc = report_namnd_new(&r, &info, e)) < 0)
		goto done;
	for (u = 0; u < n_units; u++) {
		if ((rc = store_get_criteria(s, run_id, units[u].id, &crit, &n_crit, e)) < 0)
			goto done;
		free(in);
		in = calloc(n_crit ? n_crit : 1, sizeof(*in));
		if (in == NULL) {
			rc = nomem(e);
			goto done;
		}
		for (i = 0; i < n_crit; i++) {
			in[i].id = crit[i].id;
			in[i].title = crit[i].title;
			in[i].area = crit[i].area;
			in[i].legal_refs = crit[i].legal_refs;
			in[i].position = crit[i].position;
			in[i].n_total = crit[i].n_total;
			in[i].n_uppfyllt = crit[i].n_uppfyllt;
			in[i].n_delvis = crit[i].n_delvis;
			in[i].n_ej_uppfyllt = crit[i].n_ej_uppfyllt;
			in[i].n_ej_tillampligt = crit[i].n_ej_tillampligt;
		}
		rc = report_namnd_add_unit(r, units[u].id, units[u].name, units[u].n_akter, in,
					   n_crit, e);
		store_criteria_free(crit, n_crit);
		crit = NULL;
		n_crit = 0;
		if (rc < 0)
			goto done;
	}
	if ((rc = report_namnd_finish(r, e)) < 0)
		goto done;
	*out = r;
	r = NULL;
	rc = AUDIT_OK;
done:
	free(in);
	report_namnd_free(r);
	store_criteria_free(crit, n_crit);
	store_units_free(units, n_units);
	store_run_free(run);
	return rc;
}

/* ================================================================
 * Action list (internal)
 * ================================================================ */

static void action_clear(report_action *a)
{
	free(a->akt_id);
	free(a->criterion_id);
	free(a->criterion_title);
	free(a->area);
	free(a->message);
}

typedef struct actions_impl {
	report_actions pub;
	/* before finish: every item in one list with its handläggare */
	report_action *items;
	char **h_id, **h_name;
	size_t n, cap;
} actions_impl;

void report_actions_free(report_actions *r)
{
	actions_impl *im = (actions_impl *)r;
	size_t i, k;

	if (r == NULL)
		return;
	free(r->title);
	free(r->unit_id);
	free(r->unit_name);
	free(r->checklist_name);
	free(r->checklist_version);
	free(r->ref_date);
	free(r->produced_date);
	for (i = 0; i < r->n_groups; i++) {
		report_action_group *g = &r->groups[i];
		free(g->handlaggare_id);
		free(g->handlaggare_name);
		for (k = 0; k < g->n_items; k++)
			action_clear(&g->items[k]);
		free(g->items);
	}
	free(r->groups);
	strv_free(r->summary, r->n_summary);
	for (i = 0; i < im->n; i++) {
		action_clear(&im->items[i]);
		free(im->h_id[i]);
		free(im->h_name[i]);
	}
	free(im->items);
	free(im->h_id);
	free(im->h_name);
	free(im);
}

int report_actions_new(report_actions **out, const report_actions_info *info, audit_err *e)
{
	actions_impl *im;
	report_actions *r;
	int rc;

	*out = NULL;
	if ((rc = check_dates(info->ref_date, info->produced_date, e)) < 0)
		return rc;
	if (info->n_akter < 0)
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0, "report: negative akt count");
	im = calloc(1, sizeof(*im));
	if (im == NULL)
		return nomem(e);
	r = &im->pub;
	r->title = xstrdup("Åtgärdslista \xe2\x80\x93 egenkontroll av personakter, "
			   "ekonomiskt bistånd");
	r->unit_id = xstrdup(info->unit_id);
	r->unit_name = xstrdup(info->unit_name && info->unit_name[0] ? info->unit_name
							 : info->unit_id);
	r->checklist_name = xstrdup(info->checklist_name);
	r->checklist_version = xstrdup(info->checklist_version);
	r->ref_date = xstrdup(info->ref_date);
	r->produced_date = xstrdup(info->produced_date ? info->produced_date : info->ref_date);
	r->n_akter = info->n_akter;
	if (!r->title || !r->unit_id || !r->unit_name || !r->checklist_name ||
	    !r->checklist_version || !r->ref_date || !r->produced_date) {
		report_actions_free(r);
		return nomem(e);
	}
	*out = r;
	return AUDIT_OK;
}

int report_actions_add(report_actions *r, const report_action_in *a, audit_err *e)
{
	actions_impl *im = (actions_impl *)r;
	report_action *it;

	if (r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: action added after report_actions_finish");
	if (a->value != VERDICT_EJ_UPPFYLLT && a->value != VERDICT_DELVIS)
		return AUDIT_OK;
	if (a->akt_id == NULL || a->akt_id[0] == '\0')
		return audit_err_set(e, AUDIT_EINPUT, NULL, 0, 0,
				     "report: an action needs the akt id");
	if (im->n == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		report_action *gi = realloc(im->items, cap * sizeof(*gi));
		char **gid, **gname;

		if (gi == NULL)
			return nomem(e);
		im->items = gi;
		gid = realloc(im->h_id, cap * sizeof(*gid));
		if (gid == NULL)
			return nomem(e);
		im->h_id = gid;
		gname = realloc(im->h_name, cap * sizeof(*gname));
		if (gname == NULL)
			return nomem(e);
		im->h_name = gname;
		im->cap = cap;
	}
	it = &im->items[im->n];
	memset(it, 0, sizeof(*it));
	it->akt_id = xstrdup(a->akt_id);
	it->criterion_id = xstrdup(a->criterion_id);
	it->criterion_title = xstrdup(a->criterion_title && a->criterion_title[0]
					      ? a->criterion_title : a->criterion_id);
	it->area = xstrdup(a->area);
	it->position = a->position;
	it->value = a->value;
	it->message = xstrdup(a->message);
	im->h_id[im->n] = xstrdup(a->handlaggare_id);
	im->h_name[im->n] = xstrdup(a->handlaggare_name);
	im->n++;
	if (!it->akt_id || !it->criterion_id || !it->criterion_title || !it->area ||
	    !it->message || !im->h_id[im->n - 1] || !im->h_name[im->n - 1])
		return nomem(e);
	return AUDIT_OK;
}

static int urgent_area(const char *area)
{
	int i = area_index(area);

	return i >= 0 && (strcmp(area_table[i].key, "uppfoljning") == 0 ||
			  strcmp(area_table[i].key, "arbetsplan") == 0 ||
			  strcmp(area_table[i].key, "beslut") == 0);
}

typedef struct action_sort {
	report_action a;
	const char *h_name, *h_id;
	size_t seq;
} action_sort;

static int action_cmp(const void *pa, const void *pb)
{
	const action_sort *x = pa, *y = pb;
	int c, ux, uy;

	/* handläggare: named ones by name, then id; none given last */
	if ((x->h_name[0] == '\0' && x->h_id[0] == '\0') !=
	    (y->h_name[0] == '\0' && y->h_id[0] == '\0'))
		return x->h_name[0] == '\0' && x->h_id[0] == '\0' ? 1 : -1;
	if ((c = strcmp(x->h_name, y->h_name)) != 0)
		return c;
	if ((c = strcmp(x->h_id, y->h_id)) != 0)
		return c;
	if (x->a.value != y->a.value)
		return x->a.value == VERDICT_EJ_UPPFYLLT ? -1 : 1;
	ux = urgent_area(x->a.area);
	uy = urgent_area(y->a.area);
	if (ux != uy)
		return ux ? -1 : 1;
	if ((c = strcmp(x->a.akt_id, y->a.akt_id)) != 0)
		return c;
	if (x->a.position != y->a.position)
		return x->a.position < y->a.position ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int count_distinct_akter(const report_action *it, size_t n)
{
	size_t i, j;
	int k = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(it[i].akt_id, it[j].akt_id) == 0)
				break;
		if (j == i)
			k++;
	}
	return k;
}

int report_actions_finish(report_actions *r, audit_err *e)
{
	actions_impl *im = (actions_impl *)r;
	action_sort *s = NULL;
	char **akter = NULL;
	size_t i, n_akter = 0, j;
	int rc;

	if (r->finished)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "report: report_actions_finish called twice");
	if (im->n > 0) {
		s = calloc(im->n, sizeof(*s));
		r->groups = calloc(im->n, sizeof(*r->groups));
		akter = calloc(im->n, sizeof(*akter));
		if (s == NULL || r->groups == NULL || akter == NULL) {
			free(s);
			free(akter);
			return nomem(e);
		}
	}
	for (i = 0; i < im->n; i++) {
		s[i].a = im->items[i];
		s[i].h_id = im->h_id[i];
		s[i].h_name = im->h_name[i];
		s[i].seq = i;
	}
	if (im->n > 0)
		qsort(s, im->n, sizeof(*s), action_cmp);
	/* Items move into groups; the handläggare strings into the group or
	 * freed. */
	for (i = 0; i < im->n; i++) {
		report_action_group *g = r->n_groups ? &r->groups[r->n_groups - 1] : NULL;

		if (g == NULL || strcmp(g->handlaggare_id, s[i].h_id) != 0 ||
		    strcmp(g->handlaggare_name, s[i].h_name) != 0) {
			g = &r->groups[r->n_groups++];
			g->handlaggare_id = xstrdup(s[i].h_id);
			g->handlaggare_name = xstrdup(s[i].h_name);
			g->items = calloc(im->n - i, sizeof(*g->items));
			if (!g->handlaggare_id || !g->handlaggare_name || !g->items)
				goto oom;
		}
		g->items[g->n_items++] = s[i].a;
		if (s[i].a.value == VERDICT_EJ_UPPFYLLT)
			g->n_ej++;
		else
			g->n_delvis++;
		for (j = 0; j < n_akter; j++)
			if (strcmp(akter[j], s[i].a.akt_id) == 0)
				break;
		if (j == n_akter)
			akter[n_akter++] = s[i].a.akt_id;
	}
	for (i = 0; i < r->n_groups; i++)
		r->groups[i].n_akter = count_distinct_akter(r->groups[i].items, r->groups[i].n_items);
	/* ownership of the items moved to the groups */
	for (i = 0; i < im->n; i++) {
		free(im->h_id[i]);
		free(im->h_name[i]);
	}
	free(im->items);
	free(im->h_id);
	free(im->h_name);
	im->items = NULL;
	im->h_id = im->h_name = NULL;
	r->n_items = im->n;
	im->n = im->cap = 0;
	r->n_akter_with = (int)n_akter;
	free(s);
	free(akter);
	s = NULL;
	akter = NULL;

	rc = strv_addf(&r->summary, &r->n_summary,
		       "Åtgärdslistan visar per handläggare de akter vid %s där något saknas "
		       "eller är försenat per referensdatum %s: kriterier som bedömts som ej "
		       "uppfyllda eller delvis uppfyllda enligt checklistan %s version %s.",
		       r->unit_name, r->ref_date, r->checklist_name, r->checklist_version);
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "%d av %d %s har minst en brist; totalt %zu %s. Ej uppfyllt står "
			       "före delvis uppfyllt, och brister i uppföljning, arbetsplan och beslut "
			       "står först.",
			       r->n_akter_with, r->n_akter, akter_word(r->n_akter), r->n_items,
			       r->n_items == 1 ? "brist" : "brister");
	if (rc == AUDIT_OK)
		rc = strv_addf(&r->summary, &r->n_summary,
			       "Listan är ett internt arbetsmaterial och innehåller uppgifter som "
			       "omfattas av sekretess enligt OSL 26 kap. Den får inte lämnas ut eller "
			       "bifogas rapporter till nämnden.");
	if (rc != AUDIT_OK)
		return nomem(e);
	r->finished = 1;
	return AUDIT_OK;
oom:
	/* Items not yet moved stay in im->items (freed there); the moved ones
	 * are in groups: clear im's copies so nothing is freed twice. */
	for (j = 0; j < im->n; j++) {
		size_t k;
		int moved = 0;
		for (k = 0; k < i; k++)
			if (s[k].seq == j)
				moved = 1;
		if (moved)
			memset(&im->items[j], 0, sizeof(im->items[j]));
	}
	free(s);
	free(akter);
	return nomem(e);
}

int report_actions_build(report_actions **out, store *s, long long run_id, const char *unit_id,
			 const report_opts *o, audit_err *e)
{
	store_run *run = NULL;
	store_unit *units = NULL;
	store_criterion *crit = NULL;
	store_verdict *v = NULL;
	size_t n_units = 0, n_crit = 0, n_v = 0, i, k;
	const store_unit *unit = NULL;
	report_actions *r = NULL;
	report_actions_info info;
	int rc;

	*out = NULL;
	if (unit_id == NULL || unit_id[0] == '\0')
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "an action list needs a unit id (--unit ID)");
	if ((rc = run_usable(s, run_id, o, &run, e)) < 0)
		goto done;
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
	if ((rc = store_get_verdicts(s, run_id, unit_id, 0, &v, &n_v, e)) < 0)
		goto done;
	memset(&info, 0, sizeof(info));
	info.unit_id = unit->id;
	info.unit_name = unit->name;
	info.checklist_name = run->checklist_name;
	info.checklist_version = run->checklist_version;
	info.ref_date = run->ref_date;
	info.produced_date = o && o->produced_date ? o->produced_date : NULL;
	info.n_akter = unit->n_akter;
	if ((rc = report_actions_new(&r, &info, e)) < 0)
		goto done;
	for (i = 0; i < n_v; i++) {
		report_action_in a;
		const store_criterion *c = NULL;

		if (v[i].value != VERDICT_EJ_UPPFYLLT && v[i].value != VERDICT_DELVIS)
			continue;
		for (k = 0; k < n_crit; k++)
			if (crit[k].id && v[i].criterion_id && strcmp(crit[k].id, v[i].criterion_id) == 0)
				c = &crit[k];
		memset(&a, 0, sizeof(a));
		a.handlaggare_id = v[i].handlaggare_id;
		a.handlaggare_name = v[i].handlaggare_name;
		a.akt_id = v[i].akt_id;
		a.criterion_id = v[i].criterion_id;
		a.criterion_title = c ? c->title : NULL;
		a.area = c ? c->area : NULL;
		a.position = c ? c->position : 0;
		a.value = v[i].value;
		a.message = v[i].message;
		if ((rc = report_actions_add(r, &a, e)) < 0)
			goto done;
	}
	if ((rc = report_actions_finish(r, e)) < 0)
		goto done;
	*out = r;
	r = NULL;
	rc = AUDIT_OK;
done:
	report_actions_free(r);
	store_verdicts_free(v, n_v);
	store_criteria_free(crit, n_crit);
	store_units_free(units, n_units);
	store_run_free(run);
	return rc;
}
