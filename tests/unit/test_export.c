/* test_export.c - CSV and JSON export of a run, read back. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"
#include "export.h"
#include "store.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

static char tmpdir[600];

/* ---- a small RFC 4180 reader: records of fields, CRLF line ends ---- */

#define MAX_REC 32
#define MAX_FIELD 16

typedef struct csv_doc {
	int n_rec;
	int n_field[MAX_REC];
	char *field[MAX_REC][MAX_FIELD];
	int bad;  /* malformed: bare CR/LF, stray quote, too many */
} csv_doc;

static void csv_parse(csv_doc *d, const char *s, size_t n)
{
	size_t i = 0;
	abuf f = ABUF_INIT;

	memset(d, 0, sizeof(*d));
	while (i < n) {
		int rec = d->n_rec, fld = 0;

		if (rec >= MAX_REC) {
			d->bad = 1;
			break;
		}
		for (;;) {
			abuf_reset(&f);
			abuf_add(&f, "", 0);
			if (i < n && s[i] == '"') {
				i++;
				for (;;) {
					if (i >= n) {
						d->bad = 1;
						break;
					}
					if (s[i] == '"') {
						if (i + 1 < n && s[i + 1] == '"') {
							abuf_add(&f, "\"", 1);
							i += 2;
							continue;
						}
						i++;
						break;
					}
					abuf_add(&f, s + i, 1);
					i++;
				}
			} else {
				while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
					if (s[i] == '"')
						d->bad = 1;
					abuf_add(&f, s + i, 1);
					i++;
				}
			}
			if (fld < MAX_FIELD)
				d->field[rec][fld++] = strdup(abuf_str(&f));
			else
				d->bad = 1;
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n') {
				i += 2;
				break;
			}
			d->bad = 1;  /* end of data without CRLF, or bare CR/LF */
			i = n;
			break;
		}
		d->n_field[rec] = fld;
		d->n_rec++;
	}
	abuf_free(&f);
}

static void csv_doc_free(csv_doc *d)
{
	int r, c;

	for (r = 0; r < d->n_rec; r++)
		for (c = 0; c < d->n_field[r]; c++)
			free(d->field[r][c]);
}

/* ---- fixture ---- */

static const char *tricky_message =
	"Planen saknar mål, \"tydliga steg\"\noch uppföljning; se åäö ÅÄÖ.";

static int make_run(store *s, long long *run, audit_err *e)
{
	static const store_criterion_new crit[] = {
		{ "PLAN-02", "Planen är undertecknad", "arbetsplan", "Arbetsplan",
		  "SoL (2001:453) 4 kap. 1 §", 1, 0, 0, 0 },
		{ "BARN-01", "Barnets bästa", "barnperspektiv", "Barn", NULL, 2, 0, 0, 0 },
	};
	store_run_new r;
	evidence ev[2];
	store_verdict_new v[2];
	store_akt_new a;
	int rc;

	memset(&r, 0, sizeof(r));
	r.checklist_id = "ekonomiskt-bistand";
	r.checklist_name = "Granskning av ekonomiskt bistånd";
	r.checklist_version = "1.0";
	r.legal_basis = "SoL 3 kap. 3 §";
	r.ref_date = "2025-03-01";
	r.method = "alla akter";
	if ((rc = store_run_begin(s, &r, run, e)) < 0 ||
	    (rc = store_run_add_criteria(s, *run, crit, 2, e)) < 0)
		return rc;
	memset(ev, 0, sizeof(ev));
	ev[0].kind = "arbetsplan";
	ev[0].doc_id = "p1";
	ev[0].date = "2025-01-10";
	ev[0].location = "/akt/arbetsplan[1]";
	ev[0].quote = "Hemlig text";
	ev[0].found = 1;
	ev[1].sought = "underskrift av den enskilde";
	ev[1].item = "plan 1";
	ev[1].found = 0;
	memset(v, 0, sizeof(v));
	v[0].criterion_id = "PLAN-02";
	v[0].value = VERDICT_DELVIS;
	v[0].message = tricky_message;
	v[0].items_total = 2;
	v[0].items_met = 1;
	v[0].evidence = ev;
	v[0].n_evidence = 2;
	v[1].criterion_id = "BARN-01";
	v[1].value = VERDICT_EJ_TILLAMPLIGT;
	v[1].message = "Inga barn i hushållet.\x01\ttab\\";
	memset(&a, 0, sizeof(a));
	a.akt_id = "A-1";
	a.unit_id = "U1";
	a.unit_name = "Enhet Öst";
	a.handlaggare_id = "H7";
	a.handlaggare_name = "Åsa Öberg";
	a.source_path = "x.xml";
	a.verdicts = v;
	a.n_verdicts = 2;
	if ((rc = store_run_add_akt(s, *run, &a, e)) < 0)
		return rc;
	a.akt_id = "A-2";
	a.unit_id = "U0";
	a.n_verdicts = 1;
	v[0].evidence = NULL;
	v[0].n_evidence = 0;
	v[0].message = "Uppfyllt\nrad två";
	v[0].value = VERDICT_UPPFYLLT;
	if ((rc = store_run_add_akt(s, *run, &a, e)) < 0)
		return rc;
	return store_run_finish(s, *run, 1, e);
}

/* Runs the export into memory; *out is malloc'ed. */
static int export_mem(store *s, long long run, const char *fmt, int bom, int quotes,
		      char **out, size_t *len, audit_err *e)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	int rc;

	if (f == NULL)
		return AUDIT_EIO;
	rc = export_run_opts(s, run, fmt, bom, quotes, f, e);
	fclose(f);
	*out = buf;
	*len = n;
	return rc;
}

static void test_csv(store *s, long long run)
{
	char *out = NULL;
	size_t len = 0;
	audit_err e;
	csv_doc d;
	int rc;
	const char *body;

	audit_err_clear(&e);
	rc = export_mem(s, run, "csv", 1, 0, &out, &len, &e);
	TEST_COND("csv export succeeds", rc == AUDIT_OK && out != NULL);
	if (out == NULL)
		return;
	TEST_COND("BOM present when asked", len >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0);
	body = out + 3;
	csv_parse(&d, body, len - 3);
	TEST_COND("csv is well-formed RFC 4180 with CRLF", !d.bad);
	TEST_COND("header + 3 records", d.n_rec == 4);
	if (d.n_rec == 4 && !d.bad) {
		TEST_COND("15 columns in every record",
			  d.n_field[0] == 15 && d.n_field[1] == 15 && d.n_field[2] == 15 &&
			  d.n_field[3] == 15);
		TEST_STREQ("header col 1", d.field[0][0], "run");
		TEST_STREQ("header col 4", d.field[0][3], "handlaggare");
		TEST_STREQ("header col 11", d.field[0][10], "evidence");
		TEST_STREQ("header col 12", d.field[0][11], "review_verdict");
		TEST_STREQ("header col 15", d.field[0][14], "reviewed_at");
		TEST_STREQ("first record is unit U0", d.field[1][1], "U0");
		TEST_STREQ("a field with only a line feed is quoted and survives", d.field[1][7],
			   "Uppfyllt\nrad två");
		TEST_STREQ("U1's akt", d.field[2][2], "A-1");
		TEST_STREQ("handläggare id", d.field[2][3], "H7");
		TEST_STREQ("criterion", d.field[2][4], "PLAN-02");
		TEST_STREQ("verdict machine name", d.field[2][5], "delvis");
		TEST_STREQ("message with comma, quote, newline and åäö survives",
			   d.field[2][7], tricky_message);
		TEST_STREQ("automatic verdict", d.field[2][6], "delvis");
		TEST_STREQ("items total", d.field[2][8], "2");
		TEST_STREQ("items met", d.field[2][9], "1");
		TEST_STREQ("no review: empty review columns", d.field[2][11], "");
		TEST_STREQ("evidence joined in one field", d.field[2][10],
			   "arbetsplan p1 2025-01-10 /akt/arbetsplan[1]; "
			   "saknas: underskrift av den enskilde (plan 1)");
		TEST_STREQ("ej tillämpligt", d.field[3][5], "ej-tillampligt");
		TEST_STREQ("empty evidence", d.field[3][10], "");
	}
	{
		char runs[32];

		snprintf(runs, sizeof(runs), "%lld", run);
		if (d.n_rec == 4 && !d.bad)
			TEST_STREQ("run column holds the run number", d.field[2][0], runs);
	}
	TEST_COND("no quotes without asking", strstr(body, "Hemlig") == NULL);
	TEST_COND("a plain field is not quoted", strstr(body, ",PLAN-02,delvis,delvis,") != NULL);
	TEST_COND("the tricky field is quoted with doubled quotes",
		  strstr(body, "\"Planen saknar mål, \"\"tydliga steg\"\"\noch") != NULL);
	csv_doc_free(&d);
	free(out);

	rc = export_mem(s, run, "csv", 0, 1, &out, &len, &e);
	TEST_COND("no BOM when not asked", rc == AUDIT_OK && len > 3 && memcmp(out, "run,", 4) == 0);
	TEST_COND("quotes when asked", strstr(out, "/akt/arbetsplan[1] \"\"Hemlig text\"\"") != NULL);
	free(out);
}

static void test_json(store *s, long long run)
{
	char *out = NULL;
	size_t len = 0;
	audit_err e;
	char want[128];
	int rc;

	audit_err_clear(&e);
	rc = export_mem(s, run, "json", 1, 0, &out, &len, &e);
	TEST_COND("json export succeeds", rc == AUDIT_OK && out != NULL);
	if (out == NULL)
		return;
	snprintf(want, sizeof(want), "{\"run\":{\"id\":%lld,\"status\":\"complete\",", run);
	TEST_COND("starts with the run, no BOM in JSON", strncmp(out, want, strlen(want)) == 0);
	TEST_COND("checklist name with å",
		  strstr(out, "\"name\":\"Granskning av ekonomiskt bistånd\"") != NULL);
	TEST_COND("missing strings are null", strstr(out, "\"hash\":null") != NULL);
	TEST_COND("criteria with counts",
		  strstr(out, "{\"id\":\"PLAN-02\",\"title\":\"Planen är undertecknad\",") != NULL &&
		  strstr(out, "\"counts\":{\"total\":2,\"uppfyllt\":1,\"delvis\":1,"
			 "\"ej_uppfyllt\":0,\"ej_tillampligt\":0,\"reviewed\":0}") != NULL);
	TEST_COND("message escaped: quotes and newline, UTF-8 passed through",
		  strstr(out, "\"message\":\"Planen saknar mål, \\\"tydliga steg\\\"\\noch "
			 "uppföljning; se åäö ÅÄÖ.\"") != NULL);
	TEST_COND("control character as \\u0001, tab and backslash escaped",
		  strstr(out, "\"message\":\"Inga barn i hushållet.\\u0001\\ttab\\\\\"") != NULL);
	TEST_COND("verdict object shape",
		  strstr(out, "{\"akt\":\"A-1\",\"unit\":\"U1\",\"handlaggare\":\"H7\","
			 "\"criterion\":\"PLAN-02\",\"verdict\":\"delvis\",") != NULL);
	TEST_COND("items", strstr(out, "\"items\":{\"total\":2,\"met\":1}") != NULL);
	TEST_COND("evidence objects in order",
		  strstr(out, "\"evidence\":[{\"found\":true,\"kind\":\"arbetsplan\",\"doc_id\":\"p1\","
			 "\"date\":\"2025-01-10\",\"location\":\"/akt/arbetsplan[1]\",\"item\":null,"
			 "\"pattern\":null,\"sought\":null},{\"found\":false,\"kind\":null") != NULL);
	TEST_COND("no quote key without asking", strstr(out, "\"quote\"") == NULL);
	TEST_COND("line feed escaped", strstr(out, "\"message\":\"Uppfyllt\\nrad två\"") != NULL);
	TEST_COND("U0 comes before U1",
		  strstr(out, "\"akt\":\"A-2\",\"unit\":\"U0\"") != NULL &&
		  strstr(out, "\"akt\":\"A-2\",\"unit\":\"U0\"") < strstr(out, "\"unit\":\"U1\""));
	TEST_COND("ends the document", len > 4 && strcmp(out + len - 4, "\n]}\n") == 0);
	free(out);

	rc = export_mem(s, run, "json", 0, 1, &out, &len, &e);
	TEST_COND("quote key when asked", rc == AUDIT_OK && strstr(out, "\"quote\":\"Hemlig text\"") != NULL);
	free(out);

	rc = export_mem(s, run, "xml", 0, 0, &out, &len, &e);
	TEST_COND("unknown format is a usage error", rc == AUDIT_EUSAGE);
	free(out);
	rc = export_mem(s, 999, "csv", 0, 0, &out, &len, &e);
	TEST_COND("unknown run is an input error", rc == AUDIT_EINPUT);
	free(out);
}

int main(void)
{
	const char *t = getenv("AUDIT_TMP");
	char path[800], side[900];
	store *s = NULL;
	long long run = 0;
	audit_err e;
	int rc;

	audit_err_clear(&e);
	snprintf(tmpdir, sizeof(tmpdir), "%s", t && t[0] ? t : "/tmp");
	if (util_mkdirs(tmpdir, &e) != AUDIT_OK) {
		printf("cannot create %s: %s\n", tmpdir, e.msg);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/export-%ld.db", tmpdir, (long)getpid());
	unlink(path);
	rc = store_open(&s, path, &e);
	TEST_COND("open", rc == AUDIT_OK);
	if (rc == AUDIT_OK) {
		rc = make_run(s, &run, &e);
		TEST_COND("fixture run written", rc == AUDIT_OK);
		if (rc != AUDIT_OK)
			printf("     %s\n", e.msg);
		else {
			test_csv(s, run);
			test_json(s, run);
		}
	}
	store_close(s);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	return TEST_REPORT();
}
