/* test_store.c - the SQLite store: write a run, read it back exactly. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"
#include "store.h"
#include "util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[600];

/* A fresh database path in $AUDIT_TMP (or /tmp); the caller frees. */
static char *db_path(const char *name)
{
	static int counter;
	char buf[800];

	snprintf(buf, sizeof(buf), "%s/store-%ld-%d-%s.db", tmpdir, (long)getpid(),
		 ++counter, name);
	unlink(buf);
	return strdup(buf);
}

static void remove_db(const char *path)
{
	char buf[900];

	unlink(path);
	snprintf(buf, sizeof(buf), "%s-wal", path);
	unlink(buf);
	snprintf(buf, sizeof(buf), "%s-shm", path);
	unlink(buf);
}

static const store_criterion_new criteria[] = {
	{ "UTR-01", "Utredningen beskriver försörjningshindret", "utredning",
	  "Utredning", "SoL (2001:453) 4 kap. 1 §; SoL (2025:400) 11 kap. 1 §", 1, 2.0, 1, 3.0 },
	{ "BARN-01", "Barnets bästa är beaktat", "barnperspektiv", "Barnperspektiv",
	  "SoL (2001:453) 1 kap. 2 §", 2, 0, 0, 0 },
	{ "PLAN-02", "Planen är undertecknad", "arbetsplan", "Arbetsplan", NULL, 3, 0, 0, 0 },
};

static store_run_new run_def(void)
{
	store_run_new r;

	memset(&r, 0, sizeof(r));
	r.checklist_id = "ekonomiskt-bistand";
	r.checklist_name = "Granskning av ekonomiskt bistånd";
	r.checklist_version = "1.0";
	r.checklist_hash = "abc123";
	r.legal_basis = "SoL 3 kap. 3 §; SOSFS 2006:11";
	r.ref_date = "2025-03-01";
	r.ref_date_is_today = 0;
	r.params = "uppfoljning_manader=6";
	r.tool_version = "0.1.0";
	r.method = "alla akter";
	r.seed = 42;
	return r;
}

/* Adds akt `id` of `unit` with the three verdicts given. */
static int add_akt(store *s, long long run, const char *id, const char *unit,
		   const char *unit_name, verdict v1, verdict v2, verdict v3, audit_err *e)
{
	evidence ev[2];
	store_verdict_new vs[3];
	store_akt_new a;

	memset(ev, 0, sizeof(ev));
	ev[0].kind = "utredning";
	ev[0].doc_id = "u1";
	ev[0].date = "2025-01-15";
	ev[0].location = "/akt/utredning[1]";
	ev[0].quote = "Sökanden är arbetslös sedan våren; \"hälsa\" påverkar.";
	ev[0].pattern = "arbetslös";
	ev[0].found = 1;
	ev[1].sought = "en barnkonsekvensanalys i beslutet";
	ev[1].item = "barn 1 av 2";
	ev[1].found = 0;
	memset(vs, 0, sizeof(vs));
	vs[0].criterion_id = "UTR-01";
	vs[0].value = v1;
	vs[0].message = "Försörjningshindret är beskrivet.";
	vs[0].evidence = ev;
	vs[0].n_evidence = 1;
	vs[1].criterion_id = "BARN-01";
	vs[1].value = v2;
	vs[1].message = "Barnens situation saknas för ett av två barn.";
	vs[1].items_total = 2;
	vs[1].items_met = 1;
	vs[1].evidence = ev;
	vs[1].n_evidence = 2;
	vs[2].criterion_id = "PLAN-02";
	vs[2].value = v3;
	vs[2].message = NULL;
	memset(&a, 0, sizeof(a));
	a.akt_id = id;
	a.unit_id = unit;
	a.unit_name = unit_name;
	a.handlaggare_id = "H7";
	a.handlaggare_name = "Åsa Öberg";
	a.source_path = "samples/x.xml";
	a.source_format = "akt-1";
	a.content_hash = "ff00";
	a.verdicts = vs;
	a.n_verdicts = 3;
	return store_run_add_akt(s, run, &a, e);
}

static void test_roundtrip(void)
{
	char *path = db_path("main");
	store *s = NULL;
	audit_err e;
	store_run_new r = run_def();
	long long run1 = 0, run2 = 0, run3 = 0, got = 0;
	struct stat sb;
	int rc;

	audit_err_clear(&e);
	rc = store_open(&s, path, &e);
	TEST_COND("store_open creates a new database", rc == AUDIT_OK && s != NULL);
	if (s == NULL) {
		printf("     %s\n", e.msg);
		free(path);
		return;
	}
	TEST_COND("database file has mode 0600",
		  stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	TEST_COND("no complete run: latest is an input error",
		  store_resolve_run(s, "latest", &got, &e) == AUDIT_EINPUT);

	/* run 1: complete, two units */
	TEST_COND("run 1 begins", store_run_begin(s, &r, &run1, &e) == AUDIT_OK && run1 > 0);
	TEST_COND("criteria added", store_run_add_criteria(s, run1, criteria, 3, &e) == AUDIT_OK);
	TEST_COND("akt A-2 of U1 added",
		  add_akt(s, run1, "A-2", "U1", "Enhet Norr", VERDICT_UPPFYLLT, VERDICT_DELVIS,
			  VERDICT_EJ_UPPFYLLT, &e) == AUDIT_OK);
	TEST_COND("akt A-1 of U1 added",
		  add_akt(s, run1, "A-1", "U1", "Enhet Norr", VERDICT_UPPFYLLT,
			  VERDICT_EJ_TILLAMPLIGT, VERDICT_UPPFYLLT, &e) == AUDIT_OK);
	TEST_COND("akt B-1 of U0 (Enhet Söder) added",
		  add_akt(s, run1, "B-1", "U0", "Enhet Söder", VERDICT_EJ_UPPFYLLT,
			  VERDICT_EJ_UPPFYLLT, VERDICT_UPPFYLLT, &e) == AUDIT_OK);
	rc = add_akt(s, run1, "A-1", "U1", "Enhet Norr", VERDICT_UPPFYLLT, VERDICT_UPPFYLLT,
		     VERDICT_UPPFYLLT, &e);
	TEST_COND("a duplicate akt id in one run is AUDIT_EINPUT", rc == AUDIT_EINPUT);
	TEST_COND("the duplicate message names the akt", strstr(e.msg, "A-1") != NULL);
	rc = add_akt(s, run1, "A-9", "U1", NULL, VERDICT_NONE, VERDICT_UPPFYLLT,
		     VERDICT_UPPFYLLT, &e);
	TEST_COND("a verdict of none is refused", rc == AUDIT_EINPUT);
	{
		store_akt_new f;
		store_verdict_new bad;

		memset(&bad, 0, sizeof(bad));
		bad.criterion_id = "NOPE-01";
		bad.value = VERDICT_UPPFYLLT;
		memset(&f, 0, sizeof(f));
		f.akt_id = "A-8";
		f.unit_id = "U1";
		f.verdicts = &bad;
		f.n_verdicts = 1;
		TEST_COND("an unknown criterion is refused",
			  store_run_add_akt(s, run1, &f, &e) == AUDIT_EINPUT);
		memset(&f, 0, sizeof(f));
		f.source_path = "samples/U1/trasig.xml";
		f.error = "trasig.xml:3:1: XML-filen är inte välformad";
		TEST_COND("a failed file is recorded", store_run_add_akt(s, run1, &f, &e) == AUDIT_OK);
	}
	TEST_COND("run 1 finishes complete", store_run_finish(s, run1, 1, &e) == AUDIT_OK);
	TEST_COND("finishing twice is refused", store_run_finish(s, run1, 1, &e) == AUDIT_EINPUT);
	TEST_COND("adding to a finished run is refused",
		  add_akt(s, run1, "Z-1", "U1", NULL, VERDICT_UPPFYLLT, VERDICT_UPPFYLLT,
			  VERDICT_UPPFYLLT, &e) == AUDIT_EINPUT);

	/* run 2: incomplete; run 3: never finished */
	TEST_COND("run 2 begins", store_run_begin(s, &r, &run2, &e) == AUDIT_OK && run2 > run1);
	store_run_add_criteria(s, run2, criteria, 3, &e);
	add_akt(s, run2, "A-1", "U1", "Enhet Norr", VERDICT_UPPFYLLT, VERDICT_UPPFYLLT,
		VERDICT_UPPFYLLT, &e);
	TEST_COND("run 2 finishes incomplete", store_run_finish(s, run2, 0, &e) == AUDIT_OK);
	TEST_COND("latest skips the incomplete run",
		  store_resolve_run(s, "latest", &got, &e) == AUDIT_OK && got == run1);
	TEST_COND("run 3 begins", store_run_begin(s, &r, &run3, &e) == AUDIT_OK && run3 > run2);
	TEST_COND("latest skips an unfinished run",
		  store_resolve_run(s, "latest", &got, &e) == AUDIT_OK && got == run1);
	{
		char num[32];

		snprintf(num, sizeof(num), "%lld", run2);
		TEST_COND("a run number resolves",
			  store_resolve_run(s, num, &got, &e) == AUDIT_OK && got == run2);
	}
	rc = store_resolve_run(s, "999", &got, &e);
	TEST_COND("a missing run number is AUDIT_EINPUT", rc == AUDIT_EINPUT);
	{
		char want[900];

		snprintf(want, sizeof(want), "no run 999 in %s", path);
		TEST_STREQ("the message says which run and file", e.msg, want);
	}
	TEST_COND("a run spec that is not a number is a usage error",
		  store_resolve_run(s, "12x", &got, &e) == AUDIT_EUSAGE);
	TEST_COND("a report generation is recorded",
		  store_add_report(s, run1, "unit", "U1", "output/u1.pdf", "00ff", &e) == AUDIT_OK);
	TEST_COND("an unknown report kind is refused",
		  store_add_report(s, run1, "other", NULL, "x.pdf", NULL, &e) == AUDIT_EINPUT);
	store_close(s);
	s = NULL;

	/* reopen and read everything back */
	rc = store_open(&s, path, &e);
	TEST_COND("reopen", rc == AUDIT_OK);
	if (rc != AUDIT_OK) {
		free(path);
		return;
	}
	{
		store_run *run = NULL;

		rc = store_get_run(s, run1, &run, &e);
		TEST_COND("run 1 read back", rc == AUDIT_OK && run != NULL);
		if (run) {
			TEST_STREQ("status", run->status, "complete");
			TEST_STREQ("checklist id", run->checklist_id, "ekonomiskt-bistand");
			TEST_STREQ("checklist name", run->checklist_name,
				   "Granskning av ekonomiskt bistånd");
			TEST_STREQ("legal basis", run->legal_basis, "SoL 3 kap. 3 §; SOSFS 2006:11");
			TEST_STREQ("ref date", run->ref_date, "2025-03-01");
			TEST_STREQ("params", run->params, "uppfoljning_manader=6");
			TEST_STREQ("method", run->method, "alla akter");
			TEST_COND("seed 42", run->seed == 42);
			TEST_COND("3 akter imported", run->n_akter == 3);
			TEST_COND("1 file failed", run->n_failed == 1);
		}
		store_run_free(run);
		run = NULL;
		store_get_run(s, run2, &run, &e);
		TEST_STREQ("run 2 is incomplete", run ? run->status : NULL, "incomplete");
		store_run_free(run);
		run = NULL;
		store_get_run(s, run3, &run, &e);
		TEST_STREQ("run 3 is still running", run ? run->status : NULL, "running");
		store_run_free(run);
		TEST_COND("reading a missing run is AUDIT_EINPUT",
			  store_get_run(s, 999, &run, &e) == AUDIT_EINPUT && run == NULL);
	}
	{
		store_unit *u = NULL;
		size_t n = 0;

		rc = store_get_units(s, run1, &u, &n, &e);
		TEST_COND("two units", rc == AUDIT_OK && n == 2);
		if (n == 2) {
			TEST_STREQ("units ordered by id: U0 first", u[0].id, "U0");
			TEST_STREQ("unit name with å/ä/ö", u[0].name, "Enhet Söder");
			TEST_COND("U0 has 1 akt", u[0].n_akter == 1);
			TEST_STREQ("U1 second", u[1].id, "U1");
			TEST_COND("U1 has 2 akter", u[1].n_akter == 2);
		}
		store_units_free(u, n);
	}
	{
		store_criterion *c = NULL;
		size_t n = 0;

		rc = store_get_criteria(s, run1, NULL, &c, &n, &e);
		TEST_COND("three criteria", rc == AUDIT_OK && n == 3);
		if (n == 3) {
			TEST_STREQ("checklist order", c[0].id, "UTR-01");
			TEST_STREQ("title", c[0].title, "Utredningen beskriver försörjningshindret");
			TEST_STREQ("legal refs", c[0].legal_refs,
				   "SoL (2001:453) 4 kap. 1 §; SoL (2025:400) 11 kap. 1 §");
			TEST_COND("UTR-01 all units: 3 total, 2 met, 1 not met",
				  c[0].n_total == 3 && c[0].n_uppfyllt == 2 && c[0].n_delvis == 0 &&
				  c[0].n_ej_uppfyllt == 1 && c[0].n_ej_tillampligt == 0);
			TEST_COND("BARN-01 all units: 1 delvis, 1 ej, 1 ej tillämpligt",
				  c[1].n_total == 3 && c[1].n_uppfyllt == 0 && c[1].n_delvis == 1 &&
				  c[1].n_ej_uppfyllt == 1 && c[1].n_ej_tillampligt == 1);
			TEST_COND("PLAN-02 has a NULL legal ref", c[2].legal_refs == NULL);
			TEST_COND("PLAN-02 position 3", c[2].position == 3);
		}
		store_criteria_free(c, n);
		c = NULL;
		rc = store_get_criteria(s, run1, "U1", &c, &n, &e);
		TEST_COND("criteria for U1", rc == AUDIT_OK && n == 3);
		if (n == 3) {
			TEST_COND("UTR-01 in U1: 2 of 2 met", c[0].n_total == 2 && c[0].n_uppfyllt == 2);
			TEST_COND("PLAN-02 in U1: 1 met, 1 not",
				  c[2].n_total == 2 && c[2].n_uppfyllt == 1 && c[2].n_ej_uppfyllt == 1);
		}
		store_criteria_free(c, n);
		c = NULL;
		rc = store_get_criteria(s, run1, "NOSUCH", &c, &n, &e);
		TEST_COND("criteria of an unknown unit have zero counts",
			  rc == AUDIT_OK && n == 3 && c[0].n_total == 0);
		store_criteria_free(c, n);
	}
	{
		store_verdict *v = NULL;
		size_t n = 0;

		rc = store_get_verdicts(s, run1, NULL, 1, &v, &n, &e);
		TEST_COND("nine verdicts", rc == AUDIT_OK && n == 9);
		if (n == 9) {
			TEST_STREQ("first: unit U0", v[0].unit_id, "U0");
			TEST_STREQ("first: akt B-1", v[0].akt_id, "B-1");
			TEST_STREQ("then U1 A-1 (akt id order)", v[3].akt_id, "A-1");
			TEST_STREQ("criterion order within an akt", v[4].criterion_id, "BARN-01");
			TEST_COND("A-1 BARN-01 is ej tillämpligt", v[4].value == VERDICT_EJ_TILLAMPLIGT);
			TEST_STREQ("handläggare name", v[4].handlaggare_name, "Åsa Öberg");
			TEST_STREQ("message with å/ä", v[4].message,
				   "Barnens situation saknas för ett av två barn.");
			TEST_COND("items", v[4].items_total == 2 && v[4].items_met == 1);
			TEST_COND("two evidence in order", v[4].n_evidence == 2);
			if (v[4].n_evidence == 2) {
				TEST_STREQ("evidence 1 kind", v[4].evidence[0].kind, "utredning");
				TEST_STREQ("evidence 1 quote", v[4].evidence[0].quote,
					   "Sökanden är arbetslös sedan våren; \"hälsa\" påverkar.");
				TEST_COND("evidence 1 found", v[4].evidence[0].found == 1);
				TEST_STREQ("evidence 2 sought", v[4].evidence[1].sought,
					   "en barnkonsekvensanalys i beslutet");
				TEST_STREQ("evidence 2 item", v[4].evidence[1].item, "barn 1 av 2");
				TEST_COND("evidence 2 missing", v[4].evidence[1].found == 0 &&
					  v[4].evidence[1].kind == NULL);
			}
			TEST_COND("PLAN-02 has no evidence and NULL message",
				  v[5].n_evidence == 0 && v[5].message == NULL);
			TEST_STREQ("last: A-2 PLAN-02", v[8].akt_id, "A-2");
			TEST_COND("A-2 PLAN-02 ej uppfyllt", v[8].value == VERDICT_EJ_UPPFYLLT);
		}
		store_verdicts_free(v, n);
		v = NULL;
		rc = store_get_verdicts(s, run1, "U0", 0, &v, &n, &e);
		TEST_COND("U0 alone: three verdicts without evidence",
			  rc == AUDIT_OK && n == 3 && v[0].n_evidence == 0 && v[1].n_evidence == 0);
		store_verdicts_free(v, n);
	}
	{
		store_failure *f = NULL;
		size_t n = 0;

		rc = store_get_failures(s, run1, &f, &n, &e);
		TEST_COND("one failure", rc == AUDIT_OK && n == 1);
		if (n == 1) {
			TEST_STREQ("failure path", f[0].source_path, "samples/U1/trasig.xml");
			TEST_STREQ("failure reason", f[0].error,
				   "trasig.xml:3:1: XML-filen är inte välformad");
		}
		store_failures_free(f, n);
	}
	store_close(s);

	/* the schema version on disk */
	{
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;
		int ver = -1;

		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
		    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			ver = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		st = NULL;
		TEST_COND("user_version equals store_schema_version()",
			  ver == store_schema_version() && ver >= 1);
		ver = 0;
		if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			TEST_STREQ("journal mode is WAL", (const char *)sqlite3_column_text(st, 0),
				   "wal");
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	remove_db(path);
	free(path);
}

static void test_refusals(void)
{
	char *path = db_path("notadb");
	char *newer = db_path("newer");
	char *other = db_path("other");
	char *nested = NULL;
	store *s = NULL;
	audit_err e;
	FILE *f;
	int rc;

	audit_err_clear(&e);
	f = fopen(path, "w");
	if (f) {
		fputs("Detta är ingen databas, bara text som råkar ha ändelsen .db\n", f);
		for (rc = 0; rc < 100; rc++)
			fputs("0123456789abcdef0123456789abcdef\n", f);
		fclose(f);
	}
	rc = store_open(&s, path, &e);
	TEST_COND("a text file is refused with AUDIT_EINPUT", rc == AUDIT_EINPUT && s == NULL);
	TEST_COND("the message says it is not an audit database",
		  strstr(e.msg, "not an audit database") != NULL &&
		  strstr(e.msg, "--db") != NULL);
	TEST_STREQ("the error names the file", e.file, path);
	store_close(s);
	s = NULL;

	/* a database of another program */
	{
		sqlite3 *db = NULL;

		sqlite3_open(other, &db);
		sqlite3_exec(db, "CREATE TABLE t (x); PRAGMA user_version = 3", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	rc = store_open(&s, other, &e);
	TEST_COND("another program's database is refused", rc == AUDIT_EINPUT && s == NULL);
	store_close(s);
	s = NULL;

	/* our database, but from a newer program */
	rc = store_open(&s, newer, &e);
	store_close(s);
	s = NULL;
	if (rc == AUDIT_OK) {
		sqlite3 *db = NULL;
		char sql[64];

		sqlite3_open(newer, &db);
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", store_schema_version() + 1);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_close(db);
	}
	rc = store_open(&s, newer, &e);
	TEST_COND("a database newer than the program is refused",
		  rc == AUDIT_EINPUT && s == NULL && strstr(e.msg, "newer") != NULL);
	store_close(s);
	s = NULL;

	/* a missing parent folder is created */
	{
		char buf[900];

		snprintf(buf, sizeof(buf), "%s/nested-%ld/a/b/audit.db", tmpdir, (long)getpid());
		nested = strdup(buf);
	}
	rc = store_open(&s, nested, &e);
	TEST_COND("a missing parent folder is created", rc == AUDIT_OK && s != NULL);
	store_close(s);
	remove_db(nested);
	{
		/* remove nested-PID/a/b, then a, then nested-PID */
		char *slash;
		int k;

		for (k = 0; k < 3 && (slash = strrchr(nested, '/')) != NULL; k++) {
			*slash = '\0';
			rmdir(nested);
		}
	}

	store_close(NULL);
	store_run_free(NULL);
	store_units_free(NULL, 0);
	store_criteria_free(NULL, 0);
	store_verdicts_free(NULL, 0);
	store_failures_free(NULL, 0);
	TEST_COND("the *_free functions accept NULL", 1);

	remove_db(path);
	remove_db(newer);
	remove_db(other);
	free(path);
	free(newer);
	free(other);
	free(nested);
}

/* More than one batch (500 akter) in a run; counts stay right. */
static void test_batches(void)
{
	char *path = db_path("batch");
	store *s = NULL;
	store_run_new r = run_def();
	long long run = 0;
	audit_err e;
	char id[32];
	int i, ok = 1;

	audit_err_clear(&e);
	if (store_open(&s, path, &e) != AUDIT_OK) {
		TEST_COND("open for batches", 0);
		free(path);
		return;
	}
	store_run_begin(s, &r, &run, &e);
	store_run_add_criteria(s, run, criteria, 3, &e);
	for (i = 0; i < 1234; i++) {
		snprintf(id, sizeof(id), "K-%05d", i);
		if (add_akt(s, run, id, i % 2 ? "U1" : "U2", "Enhet", VERDICT_UPPFYLLT,
			    i % 3 ? VERDICT_DELVIS : VERDICT_EJ_TILLAMPLIGT, VERDICT_EJ_UPPFYLLT,
			    &e) != AUDIT_OK)
			ok = 0;
	}
	TEST_COND("1234 akter added", ok);
	TEST_COND("finish", store_run_finish(s, run, 1, &e) == AUDIT_OK);
	{
		store_criterion *c = NULL;
		size_t n = 0;

		store_get_criteria(s, run, "U2", &c, &n, &e);
		TEST_COND("U2 has 617 akter, 206 ej tillämpligt on BARN-01",
			  n == 3 && c[1].n_total == 617 && c[1].n_ej_tillampligt == 206 &&
			  c[1].n_delvis == 411);
		store_criteria_free(c, n);
	}
	{
		store_run *rr = NULL;

		store_get_run(s, run, &rr, &e);
		TEST_COND("run counts 1234 akter", rr && rr->n_akter == 1234);
		store_run_free(rr);
	}
	store_close(s);
	remove_db(path);
	free(path);
}

static void count_bad(void *ud, size_t i, const audit_err *why)
{
	size_t *bad = ud;

	(void)why;
	bad[0]++;
	bad[1] = i;
}

static void test_reviews(void)
{
	char *path = db_path("reviews");
	store *s = NULL;
	audit_err e;
	store_run_new r = run_def();
	long long run = 0;
	store_criterion *c = NULL;
	store_verdict *v = NULL;
	store_run *info = NULL;
	size_t n = 0, same = 99, bad[2] = { 0, 0 };
	store_review_new rv[3];

	TEST_COND("open", store_open(&s, path, &e) == AUDIT_OK);
	TEST_COND("run", store_run_begin(s, &r, &run, &e) == AUDIT_OK &&
			 store_run_add_criteria(s, run, criteria, 3, &e) == AUDIT_OK);
	add_akt(s, run, "A-1", "U1", "Enhet 1", VERDICT_UPPFYLLT, VERDICT_DELVIS,
		VERDICT_EJ_UPPFYLLT, &e);
	add_akt(s, run, "A-2", "U1", "Enhet 1", VERDICT_UPPFYLLT, VERDICT_UPPFYLLT,
		VERDICT_EJ_UPPFYLLT, &e);
	TEST_COND("finish", store_run_finish(s, run, 1, &e) == AUDIT_OK);

	memset(rv, 0, sizeof(rv));
	rv[0].akt_id = "A-1";
	rv[0].criterion_id = "PLAN-02";
	rv[0].value = VERDICT_UPPFYLLT;
	rv[0].comment = "Underskriften finns i den inskannade planen.";
	rv[0].reviewer = "Inspektör Åberg";
	rv[0].reviewed_at = "2026-11-01T10:00:00Z";
	rv[1] = rv[0];
	rv[1].akt_id = "A-2";
	rv[1].comment = NULL; /* changes the verdict without a comment: bad */
	rv[2] = rv[0];
	rv[2].akt_id = "NO-SUCH"; /* bad */
	TEST_COND("a file with bad reviews is refused",
		  store_add_reviews(s, run, rv, 3, count_bad, bad, &same, &e) == AUDIT_EINPUT);
	TEST_COND("every bad review is reported (2), the last is index 2",
		  bad[0] == 2 && bad[1] == 2);
	TEST_COND("nothing was saved", store_get_run(s, run, &info, &e) == AUDIT_OK &&
					     info->n_reviewed == 0);
	store_run_free(info);
	info = NULL;
	bad[0] = bad[1] = 0;
	TEST_COND("check_reviews finds the same without writing",
		  store_check_reviews(s, run, rv, 3, count_bad, bad, &e) == AUDIT_EINPUT &&
			  bad[0] == 2);

	rv[1].comment = "Planen är undertecknad på sidan två.";
	TEST_COND("valid reviews are saved",
		  store_add_reviews(s, run, rv, 2, NULL, NULL, &same, &e) == AUDIT_OK && same == 0);
	TEST_COND("the same reviews again are unchanged",
		  store_add_reviews(s, run, rv, 2, NULL, NULL, &same, &e) == AUDIT_OK && same == 2);
	rv[0].value = VERDICT_EJ_UPPFYLLT;
	rv[0].comment = NULL; /* back to the automatic verdict: no comment needed */
	TEST_COND("a review agreeing with the automatic verdict needs no comment",
		  store_add_reviews(s, run, rv, 1, NULL, NULL, &same, &e) == AUDIT_OK);

	TEST_COND("criteria", store_get_criteria(s, run, "U1", &c, &n, &e) == AUDIT_OK && n == 3);
	if (n == 3) {
		TEST_COND("PLAN-02 counts the reviewed verdicts: 1 uppfyllt, 1 ej uppfyllt",
			  c[2].n_uppfyllt == 1 && c[2].n_ej_uppfyllt == 1 && c[2].n_total == 2);
		TEST_COND("PLAN-02 has 2 reviewed verdicts", c[2].n_reviewed == 2);
		TEST_COND("UTR-01 has none", c[0].n_reviewed == 0);
		TEST_COND("weights kept: UTR-01 weight 2 in a section of weight 3",
			  c[0].weight == 2.0 && c[0].has_section_weight && c[0].section_weight == 3.0);
		TEST_COND("weight not given is 1, section without weight has no score",
			  c[1].weight == 1.0 && !c[1].has_section_weight);
	}
	store_criteria_free(c, n);
	TEST_COND("verdicts", store_get_verdicts(s, run, "U1", 0, &v, &n, &e) == AUDIT_OK && n == 6);
	if (n == 6) {
		TEST_COND("A-1 PLAN-02: reviewed back to ej uppfyllt, automatic kept",
			  v[2].reviewed && v[2].value == VERDICT_EJ_UPPFYLLT &&
				  v[2].auto_value == VERDICT_EJ_UPPFYLLT);
		TEST_COND("A-2 PLAN-02: reviewed uppfyllt, automatic ej uppfyllt kept",
			  v[5].reviewed && v[5].value == VERDICT_UPPFYLLT &&
				  v[5].auto_value == VERDICT_EJ_UPPFYLLT);
		TEST_STREQ("reviewer kept with å", v[5].reviewer, "Inspektör Åberg");
		TEST_STREQ("comment kept", v[5].review_comment, "Planen är undertecknad på sidan två.");
		TEST_COND("an unreviewed verdict says so", !v[0].reviewed && v[0].reviewer == NULL);
	}
	store_verdicts_free(v, n);
	store_close(s);
	{
		/* every review is kept as history */
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;
		int cnt = -1;
		sqlite3_open(path, &db);
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM reviews", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			cnt = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(db);
		TEST_COND("all 3 reviews kept in the history table", cnt == 3);
	}
	remove_db(path);
	free(path);
}

static void test_samples(void)
{
	char *path = db_path("samples");
	store *s = NULL;
	audit_err e;
	store_frame_item f[3] = {
		{ "A-1", "U1", "a1.xml", "h1", "H1", 1 },
		{ "A-2", "U1", "a2.xml", "h2", "H2", 0 },
		{ "A-3", "U1", "a3.xml", "h3", "H1", 1 },
	};
	store_sample_new sn;
	long long id = 0, got = 0;
	store_sample *m = NULL;
	store_frame_row *rows = NULL;
	size_t n = 0;

	memset(&sn, 0, sizeof(sn));
	sn.unit_id = "U1";
	sn.method = "stratified";
	sn.stratify_by = "handlaggare";
	sn.seed = 2026;
	sn.size_note = "angiven: 2 av 3";
	TEST_COND("open", store_open(&s, path, &e) == AUDIT_OK);
	TEST_COND("no sample yet: latest is an input error",
		  store_resolve_sample(s, "latest", &got, &e) == AUDIT_EINPUT);
	TEST_COND("sample stored", store_sample_add(s, &sn, f, 3, &id, &e) == AUDIT_OK && id == 1);
	TEST_COND("latest resolves", store_resolve_sample(s, "latest", &got, &e) == AUDIT_OK &&
					     got == id);
	TEST_COND("unknown number refused", store_resolve_sample(s, "7", &got, &e) == AUDIT_EINPUT);
	TEST_COND("sample read back", store_get_sample(s, id, &m, &e) == AUDIT_OK && m->size == 2 &&
					      m->frame_size == 3 && m->seed == 2026);
	if (m)
		TEST_STREQ("method", m->method, "stratified");
	store_sample_free(m);
	TEST_COND("members only", store_get_sample_frame(s, id, 1, &rows, &n, &e) == AUDIT_OK &&
					  n == 2);
	if (n == 2) {
		TEST_STREQ("first member", rows[0].akt_id, "A-1");
		TEST_STREQ("its hash", rows[0].content_hash, "h1");
		TEST_STREQ("second member", rows[1].akt_id, "A-3");
	}
	store_frame_free(rows, n);
	TEST_COND("whole frame", store_get_sample_frame(s, id, 0, &rows, &n, &e) == AUDIT_OK &&
					 n == 3);
	store_frame_free(rows, n);
	f[2].akt_id = "A-1";
	TEST_COND("a frame with an id twice is refused",
		  store_sample_add(s, &sn, f, 3, &id, &e) == AUDIT_EINPUT);
	TEST_COND("and not stored", store_resolve_sample(s, "2", &got, &e) == AUDIT_EINPUT);
	store_close(s);
	remove_db(path);
	free(path);
}

/* The database of the first release (schema 1, written by audit 0.1.0 and
 * checked in) is upgraded in place and keeps every result. */
static void test_migration(void)
{
	char src[900], *path = db_path("v1");
	char *data = NULL;
	size_t len = 0;
	store *s = NULL;
	store_run *r = NULL;
	store_criterion *c = NULL;
	store_verdict *v = NULL;
	size_t n = 0, nv = 0;
	audit_err e;
	long long run = 0;
	const char *srcdir = getenv("AUDIT_SRC");
	int total = 0;

	snprintf(src, sizeof(src), "%s/tests/data/store/v1.db", srcdir ? srcdir : ".");
	TEST_COND("v1 fixture readable", util_read_file(&data, &len, src, 1 << 24, &e) == AUDIT_OK);
	if (data == NULL) {
		free(path);
		return;
	}
	TEST_COND("copied", util_write_file_atomic(path, data, len, &e) == AUDIT_OK);
	free(data);
	TEST_COND("a version-1 database opens (and is upgraded)",
		  store_open(&s, path, &e) == AUDIT_OK);
	if (s == NULL) {
		printf("     %s\n", e.msg);
		free(path);
		return;
	}
	TEST_COND("latest complete run is 2", store_resolve_run(s, "latest", &run, &e) == AUDIT_OK &&
						      run == 2);
	TEST_COND("run 1 kept", store_get_run(s, 1, &r, &e) == AUDIT_OK && r->n_akter == 6 &&
					strcmp(r->status, "complete") == 0 && r->sample_id == 0 &&
					r->n_reviewed == 0);
	store_run_free(r);
	TEST_COND("criteria of run 1 with counts", store_get_criteria(s, 1, NULL, &c, &n, &e) ==
							   AUDIT_OK && n >= 30);
	for (size_t i = 0; i < n; i++)
		total += c[i].n_total;
	TEST_COND("every verdict of run 1 counted (6 akter x criteria)", total == (int)(6 * n));
	store_criteria_free(c, n);
	TEST_COND("verdicts of run 2", store_get_verdicts(s, 2, NULL, 1, &v, &nv, &e) == AUDIT_OK &&
					       nv > 0 && !v[0].reviewed &&
					       v[0].auto_value == v[0].value);
	{
		store_review_new rv;
		size_t same = 0;
		memset(&rv, 0, sizeof(rv));
		rv.akt_id = nv ? v[0].akt_id : "";
		rv.criterion_id = nv ? v[0].criterion_id : "";
		rv.value = nv ? v[0].value : VERDICT_UPPFYLLT;
		rv.reviewer = "Inspektör";
		rv.reviewed_at = "2026-11-23T12:00:00Z";
		TEST_COND("an upgraded run takes reviews",
			  store_add_reviews(s, 2, &rv, 1, NULL, NULL, &same, &e) == AUDIT_OK);
	}
	store_verdicts_free(v, nv);
	store_close(s);
	TEST_COND("reopening the upgraded file works", store_open(&s, path, &e) == AUDIT_OK);
	TEST_COND("schema version is current", store_schema_version() == 2);
	store_close(s);
	remove_db(path);
	free(path);
}

int main(void)
{
	const char *t = getenv("AUDIT_TMP");
	audit_err e;

	snprintf(tmpdir, sizeof(tmpdir), "%s", t && t[0] ? t : "/tmp");
	if (util_mkdirs(tmpdir, &e) != AUDIT_OK) {
		printf("cannot create %s: %s\n", tmpdir, e.msg);
		return 1;
	}
	test_roundtrip();
	test_refusals();
	test_batches();
	test_reviews();
	test_samples();
	test_migration();
	return TEST_REPORT();
}
