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
	return TEST_REPORT();
}
