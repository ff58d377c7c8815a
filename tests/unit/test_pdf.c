/* test_pdf.c - the unit report PDF: text extracted with pdftotext, pages
 * rendered with pdftoppm, determinism, file mode, missing fonts, invalid
 * UTF-8. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"
#include "pdf.h"
#include "report.h"
#include "util.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

static const char *AREAS[] = { "utredning", "helhetssyn", "arbetsplan", "uppfoljning",
			       "barnperspektiv", "delaktighet", "beslut", "dokumentation" };

static report_unit *build(const char *unit_name, const char *extra_title)
{
	report_unit_info info = { "sodermalm-eb", unit_name, "Ekonomiskt bistånd – full granskning",
				  "1.2", "SoL 3 kap. 3 §; SOSFS 2006:11", "2025-03-31", "2025-04-07",
				  NULL, 0, 20, 2 };
	report_unit *r = NULL;
	audit_err e;
	char id[32], title[256];
	int i;

	if (report_unit_new(&r, &info, &e) != AUDIT_OK)
		return NULL;
	for (i = 0; i < 28; i++) {
		report_criterion_in c;
		int upp = (i * 7) % 21, rest = 20 - upp;

		snprintf(id, sizeof(id), "KRIT-%02d", i + 1);
		snprintf(title, sizeof(title),
			 i % 4 == 0 ? "Åtgärder för självförsörjning är planerade och följs upp (kriterium %d)"
				    : "Bedömning av behov i förhållande till skälig levnadsnivå %d",
			 i + 1);
		if (i == 3 && extra_title)
			snprintf(title, sizeof(title), "%s", extra_title);
		memset(&c, 0, sizeof(c));
		c.id = id;
		c.title = title;
		/* most in one area, so that its table breaks across pages */
		c.area = i < 20 ? "utredning" : AREAS[i % 8];
		c.legal_refs = i % 3 == 0 ? "SoL (2001:453) 4 kap. 1 §; SoL (2025:400) 11 kap. 1 §"
					  : "SOSFS 2014:5 4 kap. 2 §";
		c.position = i + 1;
		if (i == 5) {
			c.n_ej_tillampligt = 20; /* not applicable anywhere */
		} else if (i == 2) {
			c.n_uppfyllt = 5;        /* 5 of 8: "62,5 %" */
			c.n_ej_uppfyllt = 3;
			c.n_ej_tillampligt = 12;
		} else if (i == 1) {
			c.n_uppfyllt = 12;       /* 12 of 20: "60 %" */
			c.n_ej_uppfyllt = 8;
		} else {
			c.n_uppfyllt = upp;
			c.n_delvis = rest / 3;
			c.n_ej_uppfyllt = rest - rest / 3 - (i % 2);
			c.n_ej_tillampligt = i % 2;
		}
		c.n_total = c.n_uppfyllt + c.n_delvis + c.n_ej_uppfyllt + c.n_ej_tillampligt;
		if (report_unit_add_criterion(r, &c, &e) != AUDIT_OK) {
			report_unit_free(r);
			return NULL;
		}
	}
	if (report_unit_finish(r, &e) != AUDIT_OK) {
		report_unit_free(r);
		return NULL;
	}
	return r;
}

/* Output of a shell command, or NULL when it could not run. */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	abuf b = ABUF_INIT;
	char chunk[4096];
	size_t n;

	if (p == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		abuf_add(&b, chunk, n);
	if (pclose(p) != 0) {
		abuf_free(&b);
		return NULL;
	}
	return b.data ? abuf_take(&b) : strdup("");
}

static int have(const char *tool)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* ---- hand-built nämnd and action-list models ---- */

#include "namnd_fixture.h"

static const char *MESSAGES[4] = {
	"Arbetsplanen saknar den enskildes underskrift.",
	"Uppföljningen av arbetsplanen är försenad: planerad till 2025-02-15, ingen uppföljning dokumenterad.",
	"Beslutet saknar besvärshänvisning.",
	"Grundutredningen beskriver inte barnens situation.",
};

/* handläggare x akter, several criteria each; every other verdict delvis */
static report_actions *actions_fixture(int n_hl, int akter_per_hl)
{
	static const char *names[] = { "Åsa Öberg", "Björn Ängström", "Karin Lindqvist",
				       "Mats Håkansson" };
	static const char *crit_id[] = { "PLAN-02", "UPP-01", "BES-03", "BARN-01", "UTR-02" };
	static const char *crit_title[] = { "Arbetsplanen är undertecknad", "Uppföljning i tid",
					    "Besvärshänvisning finns", "Barnens situation utredd",
					    "Försörjningshinder beskrivet" };
	static const char *crit_area[] = { "arbetsplan", "uppfoljning", "beslut", "barnperspektiv",
					   "utredning" };
	report_actions_info info = { "norrby", "Norrby försörjningsstöd",
				     "Ekonomiskt bistånd – egenkontroll", "1.0", "2025-03-31", NULL,
				     n_hl * akter_per_hl + 5 };
	report_actions *r = NULL;
	audit_err e;
	int h, a, k;

	if (report_actions_new(&r, &info, &e) != AUDIT_OK)
		return NULL;
	for (h = n_hl - 1; h >= 0; h--) {
		for (a = 0; a < akter_per_hl; a++) {
			char akt[32], hid[16];
			snprintf(akt, sizeof(akt), "AKT-2025-%02d%02d", h, akter_per_hl - a);
			snprintf(hid, sizeof(hid), "hl-%03d", h + 1);
			for (k = 0; k < 5; k++) {
				report_action_in in;
				memset(&in, 0, sizeof(in));
				in.handlaggare_id = hid;
				in.handlaggare_name = names[h % 4];
				in.akt_id = akt;
				in.criterion_id = crit_id[k];
				in.criterion_title = crit_title[k];
				in.area = crit_area[k];
				in.position = k + 1;
				in.value = (a + k) % 3 == 0 ? VERDICT_UPPFYLLT
					   : (a + k) % 3 == 1 ? VERDICT_EJ_UPPFYLLT : VERDICT_DELVIS;
				in.message = MESSAGES[k % 4];
				if (report_actions_add(r, &in, &e) != AUDIT_OK) {
					report_actions_free(r);
					return NULL;
				}
			}
		}
	}
	if (report_actions_finish(r, &e) != AUDIT_OK) {
		report_actions_free(r);
		return NULL;
	}
	return r;
}


/* Renders every page of pdf with pdftoppm as prefix-N.png in dir; returns
 * how many PNGs there are, *good how many have content (a blank A4 page at
 * 30 dpi compresses to well under 2500 bytes). */
static size_t render_pages(const char *dir, const char *pdf, const char *prefix, size_t *good)
{
	char cmd[4096];
	char *out;
	DIR *dp;
	struct dirent *de;
	size_t pngs = 0, plen = strlen(prefix);
	struct stat st;

	*good = 0;
	snprintf(cmd, sizeof(cmd), "rm -f '%s'/%s-*.png && pdftoppm -r 30 -png '%s' '%s/%s' 2>/dev/null && echo ok",
		 dir, prefix, pdf, dir, prefix);
	out = run(cmd);
	if (out == NULL || strstr(out, "ok") == NULL) {
		free(out);
		return 0;
	}
	free(out);
	dp = opendir(dir);
	while (dp && (de = readdir(dp)) != NULL) {
		char f[1400];
		if (strncmp(de->d_name, prefix, plen) != 0 || de->d_name[plen] != '-')
			continue;
		pngs++;
		snprintf(f, sizeof(f), "%s/%s", dir, de->d_name);
		if (stat(f, &st) == 0 && st.st_size > 2500)
			(*good)++;
	}
	if (dp)
		closedir(dp);
	return pngs;
}

static int write_buf(const char *path, unsigned char *buf, size_t len)
{
	audit_err e;
	int rc = util_write_file_atomic(path, buf, len, &e);

	free(buf);
	return rc;
}

static void test_namnd(const char *dir)
{
	char path[1100], cmd[4096];
	unsigned char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0, u;
	report_namnd *r = namnd_fixture(30, 23);
	audit_err e;
	char *text;
	int rc;

	TEST_COND("nämnd model 30 x 23", r != NULL && r->n_units == 30 && r->n_criteria == 23);
	if (r == NULL)
		return;
	rc = pdf_render_namnd_report(&a, &alen, r, NULL, &e);
	TEST_COND("nämnd pdf rendered", rc == AUDIT_OK && alen > 20000);
	if (rc != AUDIT_OK)
		printf("     %s\n", e.msg);
	TEST_COND("nämnd render twice", pdf_render_namnd_report(&b, &blen, r, NULL, &e) == AUDIT_OK);
	TEST_COND("nämnd deterministic", a && b && alen == blen && memcmp(a, b, alen) == 0);
	free(b);
	snprintf(path, sizeof(path), "%s/namnd.pdf", dir);
	TEST_COND("nämnd written", a && write_buf(path, a, alen) == AUDIT_OK);
	{
		report_namnd *unfinished = NULL;
		report_namnd_info info = { "x", "1", "", "2025-01-01", NULL, NULL, 0, 0, 0 };
		unsigned char *c = NULL;
		size_t clen;
		report_namnd_new(&unfinished, &info, &e);
		TEST_COND("unfinished nämnd model refused",
			  pdf_render_namnd_report(&c, &clen, unfinished, NULL, &e) != AUDIT_OK && c == NULL);
		report_namnd_free(unfinished);
	}
	if (!have("pdftotext")) {
		printf("skip: pdftotext not installed\n");
		report_namnd_free(r);
		return;
	}
	snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null", path);
	text = run(cmd);
	TEST_COND("nämnd pdftotext ran", text != NULL);
	if (text) {
		size_t pages = count(text, "\f"), good = 0, pngs;
		int all = 1;

		for (u = 0; u < 30; u++)
			if (strstr(text, UNIT_NAMES[u]) == NULL) {
				printf("     missing unit %s\n", UNIT_NAMES[u]);
				all = 0;
			}
		TEST_COND("every unit name with åäö", all);
		TEST_COND("small cells shown as färre än 5", count(text, "färre än 5") >= 10);
		TEST_COND("Sida 1 av", strstr(text, "Sida 1 av") != NULL);
		TEST_COND("title", strstr(text, "Delrapport till nämnden") != NULL);
		TEST_COND("comparison heading", strstr(text, "Jämförelse mellan enheterna") != NULL);
		TEST_COND("table header repeated (Enhet on several pages)", count(text, "Enhet") >= 6);
		TEST_COND("totals row", strstr(text, "Samtliga enheter") != NULL);
		TEST_COND("every criterion id", strstr(text, "K-01") && strstr(text, "K-23"));
		TEST_COND("legal reference", strstr(text, "SoL (2001:453) 4 kap. 1 §") != NULL);
		TEST_COND("not applicable cell as –", strstr(text, "–") != NULL);
		/* no exact small count in words: "3 tillämpliga", "3 akter" never appear */
		TEST_COND("no small count stated", !strstr(text, " 3 tillämpliga") && !strstr(text, " 3 akter") &&
							   !strstr(text, "av 3 "));
		TEST_COND("footer", strstr(text, "Checklista Ekonomiskt bistånd – full granskning 1.2") != NULL);
		pngs = have("pdftoppm") ? render_pages(dir, path, "namnd", &good) : pages;
		if (!have("pdftoppm"))
			good = pngs;
		TEST_COND("nämnd: one PNG per page", pngs == pages && pages >= 5);
		TEST_COND("nämnd: every page has content", good == pngs);
		free(text);
	}
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", path);
	text = run(cmd);
	TEST_COND("nämnd metadata title UTF-8", text && strstr(text, "Delrapport till nämnden"));
	TEST_COND("nämnd metadata subject", text && strstr(text, "Subject:") && strstr(text, "30 enheter"));
	free(text);
	report_namnd_free(r);
}

static void test_actions(const char *dir)
{
	char path[1100], cmd[4096];
	unsigned char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	report_actions *r = actions_fixture(3, 14);
	audit_err e;
	char *text;
	int rc;

	TEST_COND("action model", r != NULL && r->n_groups == 3);
	if (r == NULL)
		return;
	rc = pdf_render_actions(&a, &alen, r, NULL, &e);
	TEST_COND("action list rendered", rc == AUDIT_OK);
	if (rc != AUDIT_OK)
		printf("     %s\n", e.msg);
	TEST_COND("action list render twice", pdf_render_actions(&b, &blen, r, NULL, &e) == AUDIT_OK);
	TEST_COND("action list deterministic", a && b && alen == blen && memcmp(a, b, alen) == 0);
	free(b);
	snprintf(path, sizeof(path), "%s/actions.pdf", dir);
	TEST_COND("action list written", a && write_buf(path, a, alen) == AUDIT_OK);
	if (!have("pdftotext")) {
		printf("skip: pdftotext not installed\n");
		report_actions_free(r);
		return;
	}
	snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null", path);
	text = run(cmd);
	TEST_COND("action pdftotext ran", text != NULL);
	if (text) {
		size_t pages = count(text, "\f"), p, marked = 0, good = 0, pngs;

		TEST_COND("action list has several pages", pages >= 3);
		for (p = 1; p <= pages; p++) {
			char *pt;
			snprintf(cmd, sizeof(cmd), "pdftotext -f %zu -l %zu '%s' - 2>/dev/null", p, p, path);
			pt = run(cmd);
			if (pt && strstr(pt, "Innehåller uppgifter som omfattas av sekretess enligt OSL 26 kap."))
				marked++;
			else
				printf("     page %zu lacks the OSL marking\n", p);
			free(pt);
		}
		TEST_COND("OSL marking on every page", marked == pages);
		TEST_COND("handläggare headings", strstr(text, "Handläggare: Åsa Öberg (hl-001)") &&
							  strstr(text, "Handläggare: Björn Ängström (hl-002)") &&
							  strstr(text, "Handläggare: Karin Lindqvist (hl-003)"));
		TEST_COND("akt ids", strstr(text, "AKT-2025-0001") && strstr(text, "AKT-2025-0214"));
		TEST_COND("messages", strstr(text, "Arbetsplanen saknar den enskildes") && strstr(text, "underskrift.") &&
					      strstr(text, "Beslutet saknar besvärshänvisning."));
		TEST_COND("verdict labels", strstr(text, "ej uppfyllt") && strstr(text, "delvis uppfyllt"));
		TEST_COND("Sida 1 av", strstr(text, "Sida 1 av") != NULL);
		/* handläggare in name order: Björn before Karin before Åsa */
		{
			const char *bj = strstr(text, "Handläggare: Björn"), *ka = strstr(text, "Handläggare: Karin"),
				   *as = strstr(text, "Handläggare: Åsa");
			TEST_COND("handläggare ordered by name", bj && ka && as && bj < ka && ka < as);
		}
		pngs = have("pdftoppm") ? render_pages(dir, path, "actions", &good) : pages;
		if (!have("pdftoppm"))
			good = pngs;
		TEST_COND("actions: one PNG per page", pngs == pages);
		TEST_COND("actions: every page has content", good == pngs);
		free(text);
	}
	report_actions_free(r);

	/* an empty list still renders, marked */
	{
		report_actions_info info = { "tom", "Tom enhet", "Lätt", "0.1", "2025-01-31", NULL, 3 };
		report_actions *empty = NULL;
		unsigned char *c = NULL;
		size_t clen = 0;
		TEST_COND("empty action list", report_actions_new(&empty, &info, &e) == AUDIT_OK &&
						       report_actions_finish(empty, &e) == AUDIT_OK);
		TEST_COND("empty action list renders",
			  empty && pdf_render_actions(&c, &clen, empty, NULL, &e) == AUDIT_OK && clen > 1000);
		free(c);
		report_actions_free(empty);
	}
}

/* The unit report with a previous run and the appendix matrix: 28
 * criteria (two matrix tables) and 20 akter. */
static void test_comparison(const char *dir)
{
	report_unit *r = build("Norrby – ekonomiskt bistånd", NULL);
	report_criterion_in *prev = NULL;
	const char **ids = NULL;
	verdict *vals = NULL;
	unsigned char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0, i, k;
	char path[1200], cmd[4096];
	audit_err e;
	int rc;

	TEST_COND("comparison model", r != NULL);
	if (r == NULL)
		return;
	prev = calloc(r->n_criteria, sizeof(*prev));
	ids = calloc(r->n_criteria, sizeof(*ids));
	vals = calloc(r->n_criteria, sizeof(*vals));
	if (prev == NULL || ids == NULL || vals == NULL)
		goto done;
	for (i = 0; i < r->n_criteria; i++) {
		const report_criterion *c = &r->criteria[i];

		prev[i].id = c->id;
		prev[i].n_uppfyllt = c->n_uppfyllt;
		prev[i].n_delvis = c->n_delvis;
		prev[i].n_ej_uppfyllt = c->n_ej_uppfyllt;
		prev[i].n_ej_tillampligt = c->n_ej_tillampligt;
		if (strcmp(c->id, "KRIT-02") == 0) { /* 10/20 -> 12/20: +10 p.e. */
			prev[i].n_uppfyllt = 10;
			prev[i].n_ej_uppfyllt = 10;
		} else if (strcmp(c->id, "KRIT-03") == 0) { /* 6/8 -> 5/8: -12,5 p.e. */
			prev[i].n_uppfyllt = 6;
			prev[i].n_ej_uppfyllt = 2;
		}
		prev[i].n_total = prev[i].n_uppfyllt + prev[i].n_delvis + prev[i].n_ej_uppfyllt +
				  prev[i].n_ej_tillampligt;
		ids[i] = c->id;
	}
	TEST_COND("previous set", report_unit_set_previous(r, 3, "2024-09-30", prev,
							  r->n_criteria - 1, &e) == AUDIT_OK);
	for (k = 0; k < 20; k++) {
		for (i = 0; i < r->n_criteria; i++)
			vals[i] = (verdict)((k + i) % 4 + 1);
		if (report_unit_add_matrix_row(r, ids, vals, r->n_criteria, &e) != AUDIT_OK)
			break;
	}
	TEST_COND("20 matrix rows", r->n_matrix_rows == 20);
	rc = pdf_render_unit_report(&a, &alen, r, NULL, &e);
	TEST_COND("comparison pdf rendered", rc == AUDIT_OK);
	TEST_COND("comparison render twice", pdf_render_unit_report(&b, &blen, r, NULL, &e) == AUDIT_OK);
	TEST_COND("comparison deterministic", a && b && alen == blen && memcmp(a, b, alen) == 0);
	snprintf(path, sizeof(path), "%s/jamforelse.pdf", dir);
	TEST_COND("comparison written", a && write_buf(path, a, alen) == AUDIT_OK);
	a = NULL; /* write_buf freed it */
	if (have("pdftotext")) {
		char *text;
		char id[32];
		int all = 1;

		snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null", path);
		text = run(cmd);
		TEST_COND("comparison pdftotext ran", text != NULL);
		if (text) {
			size_t pages = count(text, "\f");
			size_t pngs, good = 0;
			char *bil = strstr(text, "Bilaga: akter × kriterier");

			TEST_COND("Jämförelse heading", strstr(text, "Jämförelse") != NULL);
			TEST_COND("previous run and date named",
				  strstr(text, "körning 3") && strstr(text, "referensdatum 2024-09-30"));
			TEST_COND("column headers with both dates",
				  strstr(text, "2024-09-30") && strstr(text, "2025-03-31"));
			TEST_COND("increase +10 p.e.", strstr(text, "+10 p.e.") != NULL);
			TEST_COND("decrease −12,5 p.e. (minus sign)", strstr(text, "\xe2\x88\x92" "12,5 p.e.") != NULL);
			TEST_COND("unchanged", count(text, "oförändrat") >= 10);
			TEST_COND("criterion missing then", strstr(text, "ingick inte") != NULL);
			TEST_COND("no 'no previous' sentence",
				  strstr(text, "Ingen tidigare granskning") == NULL);
			TEST_COND("appendix heading", bil != NULL);
			TEST_COND("legend", strstr(text, "U = uppfyllt, D = delvis uppfyllt, E = ej uppfyllt, – = ej tillämpligt") != NULL);
			for (k = 1; k <= 20; k++) {
				snprintf(id, sizeof(id), "A%zu ", k);
				if (bil == NULL || count(bil, id) < 2) { /* two tables */
					printf("     missing %s\n", id);
					all = 0;
				}
			}
			TEST_COND("rows A1..A20 in both matrix tables", all);
			TEST_COND("no A21", strstr(text, "A21") == NULL);
			TEST_COND("two matrix tables of 14 criteria", bil && count(bil, "Kriterierna ") == 2 &&
							       strstr(bil, "Kriterierna KRIT-01–") != NULL);
			TEST_COND("rotated criterion ids in the appendix",
				  bil && strstr(bil, "KRIT-01") && strstr(bil, "KRIT-28"));
			TEST_COND("symbols in the matrix", bil && strstr(bil, " U ") && strstr(bil, " D ") &&
								   strstr(bil, " E ") && strstr(bil, " – "));
			TEST_COND("no akt ids", !strstr(text, "AKT-") && !strstr(text, "-2025-0"));
			free(text);
			if (have("pdftoppm")) {
				pngs = render_pages(dir, path, "cmp", &good);
				TEST_COND("comparison: one PNG per page", pngs == pages && pages >= 6);
				TEST_COND("comparison: every page has content", good == pngs);
			}
		}
	}
done:
	free(a);
	free(b);
	free(prev);
	free(ids);
	free(vals);
	report_unit_free(r);
}

int main(void)
{
	const char *tmp = getenv("AUDIT_TMP");
	char dir[1024], path[1100], path2[1100], cmd[4096];
	char *a = NULL, *b = NULL, *text = NULL;
	size_t alen = 0, blen = 0;
	report_unit *r;
	audit_err e;
	struct stat st;
	int rc;

	snprintf(dir, sizeof(dir), "%s/test_pdf", tmp && *tmp ? tmp : "/tmp");
	TEST_COND("tmp dir", util_mkdirs(dir, &e) == AUDIT_OK);
	snprintf(path, sizeof(path), "%s/enhet.pdf", dir);
	snprintf(path2, sizeof(path2), "%s/enhet2.pdf", dir);

	r = build("Södermalm – ekonomiskt bistånd, mottagning och försörjningsstöd", NULL);
	TEST_COND("model built", r != NULL);
	if (r == NULL)
		return TEST_REPORT();

	rc = pdf_write_unit_report(r, path, NULL, &e);
	TEST_COND("pdf written", rc == AUDIT_OK);
	if (rc != AUDIT_OK)
		printf("     %s\n", e.msg);
	TEST_COND("file mode 0600", stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	TEST_COND("file is a PDF of reasonable size", st.st_size > 20000 && st.st_size < 1000000);

	/* determinism */
	TEST_COND("second write", pdf_write_unit_report(r, path2, NULL, &e) == AUDIT_OK);
	TEST_COND("read 1", util_read_file(&a, &alen, path, 10u << 20, &e) == AUDIT_OK);
	TEST_COND("read 2", util_read_file(&b, &blen, path2, 10u << 20, &e) == AUDIT_OK);
	TEST_COND("two writes give identical bytes", a && b && alen == blen && memcmp(a, b, alen) == 0);
	TEST_COND("no creation date", a && !strstr(a, "/CreationDate"));
	free(a);
	free(b);

	if (!have("pdftotext")) {
		printf("skip: pdftotext not installed (Debian package poppler-utils)\n");
		TEST_COND("pdftotext checks skipped", 1);
	} else {
		snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null", path);
		text = run(cmd);
		TEST_COND("pdftotext ran", text != NULL);
		if (text) {
			size_t pages = count(text, "\f");
			char id[32];
			int all = 1;

			TEST_COND("unit name with åäö", strstr(text, "Södermalm – ekonomiskt bistånd") != NULL);
			TEST_COND("title", strstr(text, "Granskning av personakter – ekonomiskt bistånd") != NULL);
			TEST_COND("Sida 1 av", strstr(text, "Sida 1 av") != NULL);
			TEST_COND("several pages", pages >= 4);
			snprintf(id, sizeof(id), "Sida %zu av %zu", pages, pages);
			TEST_COND("last page number", strstr(text, id) != NULL);
			for (int i = 1; i <= 28; i++) {
				snprintf(id, sizeof(id), "KRIT-%02d", i);
				if (count(text, id) < 2) { /* table and chart */
					printf("     missing %s\n", id);
					all = 0;
				}
			}
			TEST_COND("every criterion id in table and chart", all);
			TEST_COND("a share like 60 %", strstr(text, "60 %") != NULL);
			TEST_COND("a share with decimal comma", strstr(text, "62,5 %") != NULL);
			TEST_COND("legal reference", strstr(text, "SoL (2001:453) 4 kap. 1 §") != NULL);
			TEST_COND("footer", strstr(text, "Checklista Ekonomiskt bistånd – full granskning 1.2 · Referensdatum 2025-03-31") != NULL);
			TEST_COND("sections", strstr(text, "Sammanfattning") && strstr(text, "Metod") &&
						      strstr(text, "Resultat per område") &&
						      strstr(text, "Utvecklingsområden") && strstr(text, "Styrkor"));
			TEST_COND("area headings", strstr(text, "Uppföljning") && strstr(text, "Barnperspektiv"));
			TEST_COND("table header repeated on a later page",
				  count(text, "Tillämpliga") >= 2 + 8 - 1);
			TEST_COND("not applicable shown", strstr(text, "ej tillämpligt") != NULL);
			TEST_COND("summary sentence",
				  strstr(text, "uppfyllt i 12 av 20 tillämpliga akter") != NULL);
			TEST_COND("produced date", strstr(text, "2025-04-07") != NULL);
			TEST_COND("no previous run sentence",
				  strstr(text, "Ingen tidigare granskning av enheten med denna checklista "
						"finns i databasen.") != NULL);
			TEST_COND("appendix without rows", strstr(text, "Bilaga: akter × kriterier") &&
								   strstr(text, "Inga bedömningar finns att redovisa."));
			free(text);
			text = NULL;

			snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", path);
			text = run(cmd);
			TEST_COND("metadata title in UTF-8", text && strstr(text, "Title:") &&
							      strstr(text, "Södermalm"));
			TEST_COND("metadata subject", text && strstr(text, "Subject:"));
			TEST_COND("A4", text && strstr(text, "595.276 x 841.89"));
			free(text);
			text = NULL;

			if (have("pdftoppm")) {
				DIR *dp;
				struct dirent *de;
				size_t pngs = 0, good = 0;

				snprintf(cmd, sizeof(cmd),
					 "rm -f '%s'/page-*.png && pdftoppm -r 30 -png '%s' '%s/page' 2>/dev/null && echo ok",
					 dir, path, dir);
				text = run(cmd);
				TEST_COND("pdftoppm rendered", text && strstr(text, "ok"));
				free(text);
				text = NULL;
				dp = opendir(dir);
				while (dp && (de = readdir(dp)) != NULL) {
					char f[1400];
					if (strncmp(de->d_name, "page-", 5) != 0)
						continue;
					pngs++;
					snprintf(f, sizeof(f), "%s/%s", dir, de->d_name);
					if (stat(f, &st) == 0 && st.st_size > 2500)
						good++;
				}
				if (dp)
					closedir(dp);
				TEST_COND("one PNG per page", pngs == pages);
				TEST_COND("every page has content", good == pngs && pngs > 0);
			} else {
				printf("skip: pdftoppm not installed\n");
				TEST_COND("pdftoppm checks skipped", 1);
			}
		}
	}

	/* a missing font */
	{
		pdf_opts o = { "/nonexistent/fonts" };
		snprintf(path2, sizeof(path2), "%s/nofont.pdf", dir);
		remove(path2);
		rc = pdf_write_unit_report(r, path2, &o, &e);
		TEST_COND("missing font is AUDIT_EIO", rc == AUDIT_EIO);
		TEST_COND("message names the file", strstr(e.msg, "/nonexistent/fonts/DejaVuSans.ttf") != NULL);
		TEST_COND("message names the package", strstr(e.msg, "fonts-dejavu-core") != NULL);
		TEST_COND("no partial file", stat(path2, &st) != 0);
	}
	report_unit_free(r);

	/* a model without criteria still gives a valid report */
	{
		report_unit_info info = { "tom", "Tom enhet", "Lätt egenkontroll", "0.1", "",
					  "2025-01-31", NULL, NULL, 0, 0, 0 };
		report_unit *empty = NULL;

		TEST_COND("empty model", report_unit_new(&empty, &info, &e) == AUDIT_OK &&
						 report_unit_finish(empty, &e) == AUDIT_OK);
		snprintf(path2, sizeof(path2), "%s/empty.pdf", dir);
		TEST_COND("empty model renders", empty && pdf_write_unit_report(empty, path2, NULL, &e) == AUDIT_OK);
		report_unit_free(empty);
	}

	/* invalid UTF-8 in the model becomes "?" rather than vanishing */
	r = build("Enhet \xff\xfe trasig", "Titel med \xc3 fel byte");
	TEST_COND("model with bad bytes", r != NULL);
	if (r) {
		snprintf(path2, sizeof(path2), "%s/bad.pdf", dir);
		TEST_COND("pdf with bad bytes written", pdf_write_unit_report(r, path2, NULL, &e) == AUDIT_OK);
		if (have("pdftotext")) {
			snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null", path2);
			text = run(cmd);
			TEST_COND("bad bytes drawn as ?", text && strstr(text, "Enhet ?? trasig") &&
							   strstr(text, "Titel med ? fel byte"));
			free(text);
		}
		report_unit_free(r);
	}
	test_namnd(dir);
	test_actions(dir);
	test_comparison(dir);
	return TEST_REPORT();
}
