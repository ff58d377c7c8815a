/* test_report.c - the report model: Wilson intervals, Swedish number
 * formatting, grouping by area, sentences, development areas, strengths. */
#include "test.h"
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int near(double a, double b)
{
	return fabs(a - b) < 0.001;
}

static void add(report_unit *r, const char *id, const char *title, const char *area, int pos,
		int upp, int delvis, int ej, int et)
{
	report_criterion_in c = { id, title, area, "SoL (2001:453) 4 kap. 1 §", pos,
				  upp + delvis + ej + et, upp, delvis, ej, et, 0, NULL, 0, 0, 0 };
	audit_err e;
	int rc = report_unit_add_criterion(r, &c, &e);

	TEST_COND("criterion added", rc == AUDIT_OK);
}

static void test_namnd_model(void)
{
	report_namnd_info info = { "Ekonomiskt bistånd", "1.0", "SoL 3 kap. 3 §", "2025-03-31", NULL,
				   NULL, 0, 0, 0 };
	report_criterion_in a[3] = {
		{ "PLAN-01", "Arbetsplan finns", "arbetsplan", "", 4, 20, 12, 0, 8, 0, 0, NULL, 0, 0, 0 },
		{ "UTR-01", "Grundutredning finns", "utredning", "", 1, 20, 3, 0, 0, 17, 0, NULL, 0, 0, 0 }, /* 3 applicable */
		{ "BARN-01", "Barnets situation", "barnperspektiv", "", 6, 20, 0, 0, 0, 20, 0, NULL, 0, 0, 0 },
	};
	report_criterion_in b[2] = {
		{ "UTR-01", "Grundutredning finns", "utredning", "", 1, 4, 2, 1, 1, 0, 0, NULL, 0, 0, 0 },
		{ "PLAN-01", "Arbetsplan finns", "arbetsplan", "", 4, 4, 4, 0, 0, 0, 0, NULL, 0, 0, 0 },
	};
	report_namnd *r = NULL;
	audit_err e;
	char buf[64];
	size_t i;
	int small_count = 0;

	TEST_COND("nämnd new", report_namnd_new(&r, &info, &e) == AUDIT_OK && r->threshold == 5);
	TEST_COND("unit A", report_namnd_add_unit(r, "a", "Årsta", 20, a, 3, &e) == AUDIT_OK);
	TEST_COND("unit B", report_namnd_add_unit(r, "b", "Älvsjö", 4, b, 2, &e) == AUDIT_OK);
	TEST_COND("unit twice refused", report_namnd_add_unit(r, "a", "X", 1, NULL, 0, &e) == AUDIT_EINPUT);
	TEST_COND("nämnd finish", report_namnd_finish(r, &e) == AUDIT_OK);
	TEST_COND("three criteria, area order", r->n_criteria == 3 && !strcmp(r->criteria[0].id, "UTR-01") &&
							 !strcmp(r->criteria[1].id, "PLAN-01") &&
							 !strcmp(r->criteria[2].id, "BARN-01"));
	TEST_COND("small cell suppressed", r->cells[0].n_applicable == 3 && r->cells[0].suppressed);
	TEST_STREQ("färre än 5", report_namnd_fmt_cell(r, &r->cells[0], buf, sizeof(buf)), "färre än 5");
	TEST_STREQ("60 %", report_namnd_fmt_cell(r, &r->cells[1], buf, sizeof(buf)), "60 %");
	TEST_STREQ("not applicable –", report_namnd_fmt_cell(r, &r->cells[2], buf, sizeof(buf)), "\xe2\x80\x93");
	TEST_COND("missing criterion gives zero counts", r->cells[3 + 2].n_applicable == 0);
	TEST_COND("total of UTR-01 is 7 applicable, shown",
		  r->criteria[0].total.n_applicable == 7 && !r->criteria[0].total.suppressed);
	TEST_COND("total of PLAN-01 is 16 of 24", r->criteria[1].total.n_applicable == 24 &&
							   r->criteria[1].total.n_uppfyllt == 16);
	TEST_COND("unit B: both cells suppressed, no mean", r->units[1].mean_share < 0.0);
	TEST_COND("unit A mean is PLAN-01 only", near(r->units[0].mean_share, 0.6));
	TEST_COND("area share -2 when only suppressed", r->units[0].area_share[0] < -1.5);
	TEST_COND("area share -1 when not applicable", near(r->units[0].area_share[2], -1.0));
	for (i = 0; i < r->n_summary; i++)
		if (strstr(r->summary[i], " 4 akter") || strstr(r->summary[i], " 3 tillämpliga") || strstr(r->summary[i], " 3 av"))
			small_count = 1;
	for (i = 0; i < r->units[1].n_text; i++) {
		if (strstr(r->units[1].text[i], "4 akter"))
			small_count = 1;
	}
	TEST_COND("unit B text says färre än 5 akter",
		  r->units[1].n_text > 0 && strstr(r->units[1].text[0], "färre än 5 akter") != NULL);
	TEST_COND("no small count in any sentence", !small_count);
	TEST_COND("second finish refused", report_namnd_finish(r, &e) != AUDIT_OK);
	report_namnd_free(r);
	report_namnd_free(NULL);
}

static void test_actions_model(void)
{
	report_actions_info info = { "u1", "Norrby", "Egenkontroll", "1.0", "2025-03-31", NULL, 10 };
	report_action_in in[] = {
		{ "h2", "Åsa Öberg", "AKT-9", "DOK-01", "Journal förs", "dokumentation", 9,
		  VERDICT_EJ_UPPFYLLT, "Journalen saknar signatur." },
		{ "h2", "Åsa Öberg", "AKT-3", "DOK-01", "Journal förs", "dokumentation", 9,
		  VERDICT_DELVIS, "Journalen är ofullständig." },
		{ "h2", "Åsa Öberg", "AKT-5", "UPP-01", "Uppföljning i tid", "uppfoljning", 5,
		  VERDICT_EJ_UPPFYLLT, "Uppföljningen är försenad." },
		{ "h2", "Åsa Öberg", "AKT-7", "PLAN-02", "Underskrift", "arbetsplan", 4,
		  VERDICT_EJ_UPPFYLLT, "Arbetsplanen saknar den enskildes underskrift." },
		{ "h2", "Åsa Öberg", "AKT-1", "UTR-01", "Utredning", "utredning", 1,
		  VERDICT_UPPFYLLT, "ignored" },
		{ "h1", "Anna Berg", "AKT-2", "BES-01", "Beslut", "beslut", 7,
		  VERDICT_DELVIS, "Beslutet saknar motivering." },
	};
	report_actions *r = NULL;
	audit_err e;
	size_t i;

	TEST_COND("actions new", report_actions_new(&r, &info, &e) == AUDIT_OK);
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		TEST_COND("action added", report_actions_add(r, &in[i], &e) == AUDIT_OK);
	{
		report_action_in bad = in[0];
		bad.akt_id = "";
		TEST_COND("action without akt id refused", report_actions_add(r, &bad, &e) == AUDIT_EINPUT);
	}
	TEST_COND("actions finish", report_actions_finish(r, &e) == AUDIT_OK);
	TEST_COND("two groups, five items", r->n_groups == 2 && r->n_items == 5);
	TEST_STREQ("Anna first", r->groups[0].handlaggare_name, "Anna Berg");
	TEST_STREQ("then Åsa", r->groups[1].handlaggare_id, "h2");
	if (r->n_groups == 2 && r->groups[1].n_items == 4) {
		const report_actions *q = r;
		TEST_STREQ("urgent area, akt order 1", q->groups[1].items[0].akt_id, "AKT-5");
		TEST_STREQ("urgent area, akt order 2", q->groups[1].items[1].akt_id, "AKT-7");
		TEST_STREQ("other area ej uppfyllt", q->groups[1].items[2].akt_id, "AKT-9");
		TEST_STREQ("delvis last", q->groups[1].items[3].akt_id, "AKT-3");
		TEST_STREQ("message kept", q->groups[1].items[1].message,
			   "Arbetsplanen saknar den enskildes underskrift.");
	} else {
		TEST_COND("group sizes", 0);
	}
	TEST_COND("akter with items", r->n_akter_with == 5);
	TEST_COND("counts per group", r->groups[1].n_ej == 3 && r->groups[1].n_delvis == 1 &&
						r->groups[1].n_akter == 4);
	report_actions_free(r);
	report_actions_free(NULL);
}

static void test_comparison_model(void)
{
	report_unit_info info = { "u", "Norrby", "Ekonomiskt bistånd", "1.0", "", "2025-10-31",
				  NULL, NULL, 0, 20, 0 };
	report_criterion_in prev[3] = {
		{ "UTR-01", "", "utredning", "", 1, 20, 12, 0, 8, 0, 0, NULL, 0, 0, 0 },   /* 60 % -> 72 % */
		{ "PLAN-01", "", "arbetsplan", "", 4, 20, 16, 0, 4, 0, 0, NULL, 0, 0, 0 }, /* 80 % -> 75 % */
		{ "DOK-01", "", "dokumentation", "", 9, 20, 10, 0, 10, 0, 0, NULL, 0, 0, 0 },
	};
	report_criterion_in bad = { "X", "", "", "", 1, 3, 1, 1, 1, 1, 0, NULL, 0, 0, 0 };
	const char *ids[4] = { "PLAN-01", "UTR-01", "NY-01", "OKAND" };
	verdict vals[4] = { VERDICT_DELVIS, VERDICT_UPPFYLLT, VERDICT_EJ_TILLAMPLIGT, VERDICT_UPPFYLLT };
	report_unit *r = NULL;
	audit_err e;
	char buf[64];

	TEST_STREQ("change +12", report_fmt_change(0.6, 0.72, buf, sizeof(buf)), "+12 p.e.");
	TEST_STREQ("change -5 with minus sign", report_fmt_change(0.8, 0.75, buf, sizeof(buf)),
		   "\xe2\x88\x92" "5 p.e.");
	TEST_STREQ("unchanged", report_fmt_change(0.5, 0.5, buf, sizeof(buf)), "oförändrat");
	TEST_STREQ("agrees with shown shares", report_fmt_change(0.9, 19.0 / 21.0, buf, sizeof(buf)),
		   "+0,5 p.e.");
	TEST_STREQ("tiny change unchanged", report_fmt_change(0.5, 0.50001, buf, sizeof(buf)), "oförändrat");
	TEST_COND("tenths", report_change_tenths(0.6, 0.72) == 120 && report_change_tenths(0.8, 0.75) == -50);
	TEST_STREQ("symbol U", report_verdict_symbol(VERDICT_UPPFYLLT), "U");
	TEST_STREQ("symbol D", report_verdict_symbol(VERDICT_DELVIS), "D");
	TEST_STREQ("symbol E", report_verdict_symbol(VERDICT_EJ_UPPFYLLT), "E");
	TEST_STREQ("symbol –", report_verdict_symbol(VERDICT_EJ_TILLAMPLIGT), "\xe2\x80\x93");
	TEST_STREQ("symbol none", report_verdict_symbol(VERDICT_NONE), "");

	TEST_COND("cmp new", report_unit_new(&r, &info, &e) == AUDIT_OK);
	if (r == NULL)
		return;
	add(r, "UTR-01", "Utredning", "utredning", 1, 18, 0, 7, 0);  /* 18/25 = 72 % */
	add(r, "PLAN-01", "Arbetsplan", "arbetsplan", 4, 15, 0, 5, 0); /* 75 % */
	add(r, "NY-01", "Nytt", "beslut", 7, 1, 0, 0, 0);
	TEST_COND("previous before finish refused",
		  report_unit_set_previous(r, 1, "2025-09-30", prev, 3, &e) != AUDIT_OK);
	TEST_COND("matrix row before finish refused",
		  report_unit_add_matrix_row(r, ids, vals, 4, &e) != AUDIT_OK);
	TEST_COND("cmp finish", report_unit_finish(r, &e) == AUDIT_OK);
	TEST_COND("no previous by default", !r->has_previous && r->previous_ref_date == NULL);
	TEST_COND("bad previous date refused",
		  report_unit_set_previous(r, 1, "30/9", prev, 3, &e) == AUDIT_EINPUT && !r->has_previous);
	TEST_COND("bad previous counts refused",
		  report_unit_set_previous(r, 1, "2025-09-30", &bad, 1, &e) == AUDIT_EINPUT);
	TEST_COND("set previous", report_unit_set_previous(r, 7, "2025-09-30", prev, 3, &e) == AUDIT_OK);
	TEST_COND("previous twice refused",
		  report_unit_set_previous(r, 7, "2025-09-30", prev, 3, &e) != AUDIT_OK);
	TEST_COND("has previous", r->has_previous && r->previous_run_id == 7);
	TEST_STREQ("previous date", r->previous_ref_date, "2025-09-30");
	TEST_STREQ("order UTR, PLAN, NY", r->criteria[0].id, "UTR-01");
	TEST_COND("UTR-01 prev 60 %", r->criteria[0].has_prev && r->criteria[0].prev_applicable == 20 &&
					      near(r->criteria[0].prev_share, 0.6));
	TEST_STREQ("UTR-01 +12", report_fmt_change(r->criteria[0].prev_share, r->criteria[0].share, buf,
						    sizeof(buf)), "+12 p.e.");
	TEST_COND("PLAN-01 prev 80 %", r->criteria[1].has_prev && near(r->criteria[1].prev_share, 0.8));
	TEST_STREQ("PLAN-01 -5", report_fmt_change(r->criteria[1].prev_share, r->criteria[1].share, buf,
						    sizeof(buf)), "\xe2\x88\x92" "5 p.e.");
	TEST_COND("new criterion has no previous", !r->criteria[2].has_prev);

	TEST_COND("matrix row 1", report_unit_add_matrix_row(r, ids, vals, 4, &e) == AUDIT_OK);
	TEST_COND("matrix row 2 (empty)", report_unit_add_matrix_row(r, ids, vals, 0, &e) == AUDIT_OK);
	TEST_COND("two rows", r->n_matrix_rows == 2);
	TEST_COND("row 1 in criteria order", r->matrix[0] == VERDICT_UPPFYLLT &&
						     r->matrix[1] == VERDICT_DELVIS &&
						     r->matrix[2] == VERDICT_EJ_TILLAMPLIGT);
	TEST_COND("row 2 all none", r->matrix[3] == VERDICT_NONE && r->matrix[4] == VERDICT_NONE &&
					    r->matrix[5] == VERDICT_NONE);
	report_unit_free(r);
}

/* Adds one run with the given akter (unit u, verdicts on K-1 and K-2). */
static long long store_fixture_run(store *s, const char *checklist, const char *date,
				   const char *unit, int n_akter, int upp_k1, int complete)
{
	store_run_new rn = { checklist, "Ekonomiskt bistånd", "1.0", "hash", "SoL", date, 0, "",
			     "test", "alla akter", 0, 0 };
	store_criterion_new c[2] = { { "K-1", "Ett", "utredning", "S", "", 1, 0, 0, 0 },
				     { "K-2", "Två", "arbetsplan", "S", "", 2, 0, 0, 0 } };
	long long id = 0;
	audit_err e;
	int i;

	if (store_run_begin(s, &rn, &id, &e) != AUDIT_OK ||
	    store_run_add_criteria(s, id, c, 2, &e) != AUDIT_OK)
		return 0;
	/* added in reverse, so that the report has to order them */
	for (i = n_akter; i >= 1; i--) {
		char akt[32];
		store_verdict_new v[2];
		store_akt_new a;

		snprintf(akt, sizeof(akt), "NB-2025-%04d", i);
		memset(v, 0, sizeof(v));
		v[0].criterion_id = "K-1";
		v[0].value = i <= upp_k1 ? VERDICT_UPPFYLLT : VERDICT_EJ_UPPFYLLT;
		v[0].message = "m";
		v[1].criterion_id = "K-2";
		v[1].value = i == 1 ? VERDICT_EJ_TILLAMPLIGT : VERDICT_DELVIS;
		v[1].message = "m";
		memset(&a, 0, sizeof(a));
		a.akt_id = akt;
		a.unit_id = unit;
		a.unit_name = "Norrby";
		a.handlaggare_id = "h1";
		a.handlaggare_name = "Anna Berg";
		a.source_path = "x.xml";
		a.source_format = "akt-1";
		a.content_hash = "0";
		a.verdicts = v;
		a.n_verdicts = 2;
		if (store_run_add_akt(s, id, &a, &e) != AUDIT_OK)
			return 0;
	}
	if (store_run_finish(s, id, complete, &e) != AUDIT_OK)
		return 0;
	return id;
}

static void test_comparison_store(void)
{
	const char *tmp = getenv("AUDIT_TMP");
	char path[1024];
	store *s = NULL;
	report_unit *r = NULL;
	audit_err e;
	long long r1, r2, r3, r4, r5;

	snprintf(path, sizeof(path), "%s/test_report_cmp.db", tmp && *tmp ? tmp : "/tmp");
	unlink(path);
	TEST_COND("store open", store_open(&s, path, &e) == AUDIT_OK);
	if (s == NULL)
		return;
	r1 = store_fixture_run(s, "eb", "2025-06-30", "norrby", 4, 2, 1);  /* the one */
	r2 = store_fixture_run(s, "annan", "2025-07-31", "norrby", 4, 4, 1); /* other checklist */
	r3 = store_fixture_run(s, "eb", "2025-08-31", "norrby", 4, 4, 0);  /* incomplete */
	r4 = store_fixture_run(s, "eb", "2025-09-30", "soder", 4, 4, 1);   /* other unit */
	r5 = store_fixture_run(s, "eb", "2025-10-31", "norrby", 4, 3, 1);  /* current */
	TEST_COND("five runs", r1 && r2 && r3 && r4 && r5);

	TEST_COND("first run: built", report_unit_build(&r, s, r1, "norrby", &e) == AUDIT_OK);
	TEST_COND("first run: no previous", r && !r->has_previous);
	report_unit_free(r);
	r = NULL;
	TEST_COND("current: built", report_unit_build(&r, s, r5, "norrby", &e) == AUDIT_OK);
	if (r) {
		TEST_COND("previous is run 1", r->has_previous && r->previous_run_id == r1);
		TEST_STREQ("previous date", r->previous_ref_date, "2025-06-30");
		TEST_COND("K-1 50 % -> 75 %", r->n_criteria == 2 && r->criteria[0].has_prev &&
						      near(r->criteria[0].prev_share, 0.5) &&
						      near(r->criteria[0].share, 0.75));
		TEST_COND("matrix 4 x 2", r->n_matrix_rows == 4 && r->matrix != NULL);
		if (r->n_matrix_rows == 4) {
			TEST_COND("A1 is NB-2025-0001 (akt id order)",
				  r->matrix[0] == VERDICT_UPPFYLLT && r->matrix[1] == VERDICT_EJ_TILLAMPLIGT);
			TEST_COND("A4 is NB-2025-0004",
				  r->matrix[6] == VERDICT_EJ_UPPFYLLT && r->matrix[7] == VERDICT_DELVIS);
		}
	}
	report_unit_free(r);
	r = NULL;
	TEST_COND("other unit: no previous", report_unit_build(&r, s, r4, "soder", &e) == AUDIT_OK &&
						     r && !r->has_previous);
	report_unit_free(r);
	store_close(s);
	unlink(path);
}

/* Poäng per avsnitt: weighted shares per section and a weighted total. */
static void test_section_scores(void)
{
	report_unit_info info = { "u", "Norrby", "Ekonomiskt bistånd", "1.0", "", "2025-10-31",
				  NULL, NULL, 0, 10, 0 };
	/* S1 (weight 2): A weight 2, 3 of 4 met; B weight 1, 1 of 2 -> (1.5 + 0.5) / 3
	 * S2 (weight 1): C not applicable (left out); D 1 of 1 -> 1
	 * S3 (no weight): E, no score.  Total: (2 * 2/3 + 1 * 1) / 3 = 7/9 */
	report_criterion_in c[5] = {
		{ "A-1", "A", "utredning", "", 1, 4, 3, 0, 1, 0, 0, "S1", 2, 1, 2 },
		{ "B-1", "B", "utredning", "", 2, 2, 1, 1, 0, 0, 0, "S1", 1, 1, 2 },
		{ "C-1", "C", "beslut", "", 3, 3, 0, 0, 0, 3, 0, "S2", 1, 1, 1 },
		{ "D-1", "D", "beslut", "", 4, 1, 1, 0, 0, 0, 0, "S2", 0, 1, 1 },
		{ "E-1", "E", "beslut", "", 5, 1, 0, 0, 1, 0, 0, "S3", 1, 0, 0 },
	};
	report_unit *r = NULL;
	audit_err e;

	TEST_COND("model", report_unit_new(&r, &info, &e) == AUDIT_OK);
	for (int i = 0; r && i < 5; i++)
		report_unit_add_criterion(r, &c[i], &e);
	TEST_COND("finish", r && report_unit_finish(r, &e) == AUDIT_OK);
	if (r == NULL)
		return;
	TEST_COND("two scored sections, in checklist order", r->n_sections == 2 &&
		  strcmp(r->sections[0].title, "S1") == 0 && strcmp(r->sections[1].title, "S2") == 0);
	if (r->n_sections == 2) {
		TEST_COND("S1 = (2 x 0.75 + 1 x 0.5) / 3", near(r->sections[0].score, 2.0 / 3.0) &&
			  r->sections[0].n_criteria == 2 && r->sections[0].weight == 2.0);
		TEST_COND("S2 leaves out the criterion without applicable akter",
			  near(r->sections[1].score, 1.0) && r->sections[1].n_criteria == 1);
	}
	TEST_COND("total = (2 x 2/3 + 1 x 1) / 3", near(r->total_score, 7.0 / 9.0));
	report_unit_free(r);
}

int main(void)
{
	double lo, hi;
	char buf[64];
	audit_err e;
	report_unit *r = NULL;
	report_unit_info info = { "enhet-1", "Söder ekonomiskt bistånd", "Ekonomiskt bistånd", "1.0",
				  "SoL 3 kap. 3 §; SOSFS 2006:11", "2025-03-31", NULL,
				  NULL, 0, 20, 1 };

	/* Wilson, z = 1.96 */
	TEST_COND("wilson 12/20 ok", report_wilson(12, 20, 1.96, &lo, &hi) == 0);
	TEST_COND("wilson 12/20 lower about 0.387", near(lo, 0.3866));
	TEST_COND("wilson 12/20 upper about 0.781", near(hi, 0.7812));
	test_section_scores();
	report_wilson(0, 10, 1.96, &lo, &hi);
	TEST_COND("wilson 0/10 is 0..0.278", lo == 0.0 && near(hi, 0.2775));
	report_wilson(10, 10, 1.96, &lo, &hi);
	TEST_COND("wilson 10/10 is 0.722..1", near(lo, 0.7225) && hi == 1.0);
	report_wilson(1, 1, 1.96, &lo, &hi);
	TEST_COND("wilson 1/1 stays within 0..1", lo > 0.0 && hi == 1.0);
	TEST_COND("wilson n=0 refused with 0..1", report_wilson(0, 0, 1.96, &lo, &hi) == -1 &&
						      lo == 0.0 && hi == 1.0);
	TEST_COND("wilson k>n refused", report_wilson(3, 2, 1.96, &lo, &hi) == -1);

	/* Swedish percentages */
	TEST_STREQ("60 %", report_fmt_percent(0.6, buf, sizeof(buf)), "60 %");
	TEST_STREQ("62,5 %", report_fmt_percent(0.625, buf, sizeof(buf)), "62,5 %");
	TEST_STREQ("33,3 %", report_fmt_percent(1.0 / 3.0, buf, sizeof(buf)), "33,3 %");
	TEST_STREQ("0 %", report_fmt_percent(0.0, buf, sizeof(buf)), "0 %");
	TEST_STREQ("100 %", report_fmt_percent(1.0, buf, sizeof(buf)), "100 %");
	TEST_STREQ("99.96 % rounds to 100 %", report_fmt_percent(0.99996, buf, sizeof(buf)), "100 %");
	TEST_STREQ("interval", report_fmt_interval(0.3866, 0.7812, buf, sizeof(buf)),
		   "39\xe2\x80\x93" "78 %");
	TEST_STREQ("area heading", report_area_heading("uppfoljning"), "Uppföljning");
	TEST_STREQ("area heading with diaeresis", report_area_heading("uppföljning"), "Uppföljning");
	TEST_STREQ("unknown area as given", report_area_heading("ekonomi"), "ekonomi");

	/* model */
	{
		report_unit_info bad = info;
		bad.ref_date = "2025-13-01";
		TEST_COND("bad reference date refused",
			  report_unit_new(&r, &bad, &e) == AUDIT_EINPUT && r == NULL);
	}
	TEST_COND("new", report_unit_new(&r, &info, &e) == AUDIT_OK);
	add(r, "DOK-01", "Journal förs", "dokumentation", 9, 19, 0, 1, 0);
	add(r, "PLAN-01", "Arbetsplan finns", "arbetsplan", 4, 12, 0, 8, 0);
	add(r, "UTR-01", "Grundutredning finns", "utredning", 1, 18, 1, 1, 0);
	add(r, "EKO-01", "Egen kontroll", "ekonomi", 10, 5, 0, 0, 0);
	add(r, "BARN-01", "Barnets situation utredd", "barnperspektiv", 6, 0, 0, 0, 20);
	add(r, "UTR-02", "Försörjningshinder beskrivet", "utredning", 2, 5, 3, 0, 0);
	{
		report_criterion_in bad = { "X-1", "Fel", "utredning", "", 3, 5, 1, 1, 1, 1, 0, NULL, 0, 0, 0 };
		TEST_COND("counts that do not add up refused",
			  report_unit_add_criterion(r, &bad, &e) == AUDIT_EINPUT);
	}
	TEST_COND("finish", report_unit_finish(r, &e) == AUDIT_OK);
	TEST_COND("six criteria", r->n_criteria == 6);
	TEST_STREQ("first is UTR-01", r->criteria[0].id, "UTR-01");
	TEST_STREQ("then UTR-02", r->criteria[1].id, "UTR-02");
	TEST_STREQ("then PLAN-01", r->criteria[2].id, "PLAN-01");
	TEST_STREQ("then BARN-01", r->criteria[3].id, "BARN-01");
	TEST_STREQ("then DOK-01", r->criteria[4].id, "DOK-01");
	TEST_STREQ("unknown area last", r->criteria[5].id, "EKO-01");
	TEST_COND("five areas", r->n_areas == 5);
	TEST_STREQ("area 0 heading", r->areas[0].heading, "Utredning");
	TEST_COND("area 0 has two", r->areas[0].count == 2 && r->areas[0].first == 0);
	TEST_STREQ("area 4 as given", r->areas[4].heading, "ekonomi");
	TEST_STREQ("sentence", r->criteria[2].sentence,
		   "Arbetsplan finns: uppfyllt i 12 av 20 tillämpliga akter (60 %).");
	TEST_STREQ("sentence with delvis", r->criteria[1].sentence,
		   "Försörjningshinder beskrivet: uppfyllt i 5 av 8 tillämpliga akter (62,5 %), "
		   "delvis uppfyllt i 3.");
	TEST_STREQ("sentence not applicable", r->criteria[3].sentence,
		   "Barnets situation utredd: inte tillämpligt i någon av de granskade akterna.");
	TEST_COND("applicable excludes ej tillämpligt", r->criteria[3].n_applicable == 0);
	TEST_COND("share 0.6", near(r->criteria[2].share, 0.6));
	TEST_COND("ci of PLAN-01", near(r->criteria[2].ci_lo, 0.3866) && near(r->criteria[2].ci_hi, 0.7812));
	/* dev: PLAN-01 (0.6), UTR-02 (0.625); strengths: UTR-01 0.9, DOK-01 0.95, EKO-01 1 */
	TEST_COND("two development areas", r->n_dev == 2);
	TEST_STREQ("dev 1", r->criteria[r->dev[0]].id, "UTR-02");
	TEST_STREQ("dev 2", r->criteria[r->dev[1]].id, "PLAN-01");
	TEST_COND("three strengths (0.90 counts)", r->n_strengths == 3);
	TEST_COND("summary present", r->n_summary >= 2);
	TEST_COND("method says samtliga akter",
		  r->n_method_text > 0 && strstr(r->method_text[0], "samtliga akter i underlaget"));
	{
		int found = 0;
		for (size_t i = 0; i < r->n_method_text; i++)
			if (strstr(r->method_text[i], "1 fil i körningen"))
				found = 1;
		TEST_COND("method mentions failed files", found);
	}
	TEST_STREQ("produced defaults to reference date", r->produced_date, "2025-03-31");
	TEST_COND("second finish refused", report_unit_finish(r, &e) != AUDIT_OK);
	report_unit_free(r);
	report_unit_free(NULL);

	/* a sampled run */
	info.method = "stickprov, enkelt slumpmässigt urval";
	info.seed = 4711;
	info.produced_date = "2025-04-02";
	TEST_COND("new sampled", report_unit_new(&r, &info, &e) == AUDIT_OK);
	TEST_COND("finish empty", report_unit_finish(r, &e) == AUDIT_OK);
	TEST_COND("method names the sample",
		  strstr(r->method_text[0], "stickprov, enkelt slumpmässigt urval") != NULL);
	TEST_COND("method names the seed", strstr(r->method_text[1], "4711") != NULL);
	TEST_STREQ("produced date given", r->produced_date, "2025-04-02");
	report_unit_free(r);
	test_namnd_model();
	test_actions_model();
	test_comparison_model();
	test_comparison_store();
	return TEST_REPORT();
}
