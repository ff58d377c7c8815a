/* test_report.c - the report model: Wilson intervals, Swedish number
 * formatting, grouping by area, sentences, development areas, strengths. */
#include "test.h"
#include "report.h"

#include <math.h>
#include <stdlib.h>

static int near(double a, double b)
{
	return fabs(a - b) < 0.001;
}

static void add(report_unit *r, const char *id, const char *title, const char *area, int pos,
		int upp, int delvis, int ej, int et)
{
	report_criterion_in c = { id, title, area, "SoL (2001:453) 4 kap. 1 §", pos,
				  upp + delvis + ej + et, upp, delvis, ej, et };
	audit_err e;
	int rc = report_unit_add_criterion(r, &c, &e);

	TEST_COND("criterion added", rc == AUDIT_OK);
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
		report_criterion_in bad = { "X-1", "Fel", "utredning", "", 3, 5, 1, 1, 1, 1 };
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
	return TEST_REPORT();
}
