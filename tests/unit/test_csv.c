/* test_csv.c - the RFC 4180 reader: quoting, line ends, BOM, delimiter
 * detection, UTF-8, errors with line numbers, and a round trip with the
 * quoting rules of audit/export.c. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"
#include "csv.h"
#include "rng.h"

#include <stdlib.h>

/* Reads all of data[0..len) with delim into "L<line>:<f1><f2>...\n" per
 * record; on error appends "E<code>@<line>:<column>" and stops.  Returns
 * the string (static). */
static const char *dump_n(const char *data, size_t len, char delim, audit_err *e)
{
	static abuf out = ABUF_INIT;
	csv_reader r;
	csv_record rec;
	size_t i;
	int rc, ok = 1;

	abuf_reset(&out);
	audit_err_clear(e);
	if ((rc = csv_reader_init(&r, data, len, delim, "review.csv", e)) < 0) {
		abuf_printf(&out, "E%d", rc);
		csv_reader_free(&r);
		return abuf_str(&out);
	}
	while ((rc = csv_next(&r, &rec, e)) == 1) {
		abuf_printf(&out, "L%d:", rec.line);
		for (i = 0; i < rec.n_fields; i++) {
			ok &= rec.fields[i].s[rec.fields[i].len] == '\0' &&
			      strlen(rec.fields[i].s) == rec.fields[i].len;
			abuf_puts(&out, "<");
			abuf_add(&out, rec.fields[i].s, rec.fields[i].len);
			abuf_puts(&out, ">");
		}
		abuf_puts(&out, "\n");
	}
	if (rc < 0)
		abuf_printf(&out, "E%d@%d:%d", rc, e->line, e->column);
	if (!ok)
		abuf_puts(&out, "(fields not NUL-terminated)");
	csv_reader_free(&r);
	return abuf_str(&out);
}

static const char *dump(const char *data, char delim, audit_err *e)
{
	return dump_n(data, strlen(data), delim, e);
}

static char detect(const char *data)
{
	csv_reader r;
	char d;

	csv_reader_init(&r, data, strlen(data), 0, NULL, NULL);
	d = csv_reader_delim(&r);
	csv_reader_free(&r);
	return d;
}

/* ---- the quoting of audit/export.c (csv_field there), reproduced ---- */
static void export_field(abuf *b, const char *s)
{
	size_t i, n = strlen(s);

	if (strcspn(s, ",\"\r\n") >= n) {
		abuf_add(b, s, n);
		return;
	}
	abuf_puts(b, "\"");
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			abuf_puts(b, "\"");
		abuf_add(b, s + i, 1);
	}
	abuf_puts(b, "\"");
}

static void test_round_trip(void)
{
	/* rows as export.c writes them: BOM, header, CRLF line ends */
	static const char *const rows[][10] = {
		{ "run", "unit", "akt", "handlaggare", "criterion", "verdict", "message",
		  "items_total", "items_met", "evidence" },
		{ "7", "norrby", "A-001", "H-Åsa", "PLAN-02", "ej-uppfyllt",
		  "Arbetsplanen är inte undertecknad av den enskilde", "0", "0",
		  "saknas: underskrift på arbetsplan \"arbetsplan\"; journal 2025-01-02 (barn 1)" },
		{ "7", "norrby", "A-002", "", "BARN-01", "delvis",
		  "2 av 3 barn: \"Öberg, Ella\" saknas", "3", "2",
		  "rad ett\r\nrad två\nrad tre, med komma" },
		{ "7", "söderås", "A-003", "H7", "UTR-01", "uppfyllt", " mellanslag ", "1", "1",
		  "semikolon; här; inte citerat" },
		{ "7", "västerdal", "A-004", "H8", "JOUR-02", "ej-tillampligt", "\"", "", "", "\"\"" },
	};
	size_t nr = sizeof rows / sizeof rows[0], i, j;
	abuf b = ABUF_INIT;
	csv_reader r;
	csv_record rec;
	audit_err e;
	int ok = 1, rc;

	abuf_add(&b, "\xEF\xBB\xBF", 3);
	for (i = 0; i < nr; i++) {
		for (j = 0; j < 10; j++) {
			if (j)
				abuf_puts(&b, ",");
			export_field(&b, rows[i][j]);
		}
		abuf_puts(&b, "\r\n");
	}
	csv_reader_init(&r, b.data, b.len, 0, "export.csv", &e);
	TEST_COND("export: ',' detected despite ';' in the data", csv_reader_delim(&r) == ',');
	for (i = 0; i < nr; i++) {
		rc = csv_next(&r, &rec, &e);
		if (rc != 1 || rec.n_fields != 10) {
			printf("     row %zu: rc %d, %zu fields\n", i, rc, rec.n_fields);
			ok = 0;
			break;
		}
		for (j = 0; j < 10; j++)
			if (strcmp(rec.fields[j].s, rows[i][j]) != 0) {
				printf("     row %zu field %zu: \"%s\" != \"%s\"\n", i, j,
				       rec.fields[j].s, rows[i][j]);
				ok = 0;
			}
	}
	TEST_COND("export round trip: every field back intact, åäö included", ok);
	TEST_COND("export round trip: line numbers count the embedded line breaks",
		  ok && rec.line == 7);
	TEST_COND("export round trip: then the end", csv_next(&r, &rec, &e) == 0 &&
		  csv_next(&r, &rec, &e) == 0);
	csv_reader_free(&r);
	abuf_free(&b);
}

/* Random fields over an awkward alphabet, written with export.c's rules
 * and ';' or ',' as delimiter, read back equal. */
static void test_random_round_trip(void)
{
	static const char *const alphabet[] = {
		"a", "Å", "ö", ",", ";", "\"", "\r", "\n", "\r\n", " ", "\t", "\"\""
	};
	char fields[6][64];
	abuf b = ABUF_INIT;
	csv_reader r;
	csv_record rec;
	audit_err e;
	rng g;
	int round, ok = 1;

	rng_seed(&g, 4180u, 1u);
	for (round = 0; round < 2000 && ok; round++) {
		size_t nf = 1 + rng_below(&g, 6), i, j, nrec;
		abuf_reset(&b);
		for (i = 0; i < nf; i++) {
			size_t len = rng_below(&g, 6);
			fields[i][0] = '\0';
			for (j = 0; j < len; j++)
				strcat(fields[i], alphabet[rng_below(&g, 12)]);
		}
		/* one empty field alone is an empty line: at the end of the
		 * data that is not a record */
		if (nf == 1 && fields[0][0] == '\0')
			strcpy(fields[0], "a");
		for (nrec = 0; nrec < 3; nrec++) {
			for (i = 0; i < nf; i++) {
				if (i)
					abuf_puts(&b, ",");
				export_field(&b, fields[i]);
			}
			abuf_puts(&b, "\r\n");
		}
		/* the same fields three times: read them back with ',' */
		csv_reader_init(&r, b.data, b.len, ',', NULL, &e);
		for (nrec = 0; nrec < 3 && ok; nrec++) {
			ok = csv_next(&r, &rec, &e) == 1 && rec.n_fields == nf;
			for (i = 0; ok && i < nf; i++)
				ok = strcmp(rec.fields[i].s, fields[i]) == 0;
		}
		ok = ok && csv_next(&r, &rec, &e) == 0;
		csv_reader_free(&r);
	}
	TEST_COND("2000 random records over , ; \" CR LF åö survive the round trip", ok);
	abuf_free(&b);
}

/* csv_write quotes exactly where RFC 4180 needs it and reads back intact. */
static void test_write(void)
{
	const char *fields[4] = { "plain", "med, komma", "citat \"så\"", "rad\r\nbrytning åäö" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	csv_reader r;
	csv_record rec;
	audit_err e;

	if (f == NULL)
		return;
	for (int i = 0; i < 4; i++) {
		if (i)
			fputc(',', f);
		csv_write(f, fields[i]);
	}
	csv_write(f, NULL);
	fputs("\r\n", f);
	fclose(f);
	TEST_COND("a plain field is not quoted", strncmp(buf, "plain,\"med, komma\",", 19) == 0);
	TEST_COND("quotes doubled", strstr(buf, "\"citat \"\"så\"\"\"") != NULL);
	TEST_COND("reader set up", csv_reader_init(&r, buf, len, ',', "w.csv", &e) == AUDIT_OK);
	TEST_COND("one record", csv_next(&r, &rec, &e) == 1 && rec.n_fields == 4);
	for (int i = 0; i < 4 && rec.n_fields == 4; i++)
		TEST_STREQ("field read back", rec.fields[i].s, fields[i]);
	csv_reader_free(&r);
	free(buf);
}

int main(void)
{
	audit_err e;
	csv_reader r;
	csv_record rec;

	test_write();
	TEST_STREQ("LF", dump("a,b,c\n1,2,3\n", 0, &e), "L1:<a><b><c>\nL2:<1><2><3>\n");
	TEST_STREQ("CRLF, no final line end", dump("a,b\r\n1,2", 0, &e), "L1:<a><b>\nL2:<1><2>\n");
	TEST_STREQ("lone CR", dump("a\rb\r", 0, &e), "L1:<a>\nL2:<b>\n");
	TEST_STREQ("mixed line ends", dump("a\r\nb\nc\rd", 0, &e), "L1:<a>\nL2:<b>\nL3:<c>\nL4:<d>\n");
	TEST_STREQ("semicolon detected, åäö intact",
		   dump("akt;kriterium;bedömning\r\nA-1;PLAN-02;Åtgärd för ökad följsamhet\r\n", 0, &e),
		   "L1:<akt><kriterium><bedömning>\nL2:<A-1><PLAN-02><Åtgärd för ökad följsamhet>\n");
	TEST_COND("detect: ';' when more ';' than ','", detect("a;b;c,d\n") == ';');
	TEST_COND("detect: ',' on a tie", detect("a;b,c\n") == ',');
	TEST_COND("detect: ',' with neither", detect("a\nb;c;d\n") == ',');
	TEST_COND("detect: quoted delimiters do not count", detect("\"a,b,c\";d;e\n") == ';');
	TEST_COND("detect: only the first record counts", detect("a,b\nc;d;e;f\n") == ',');
	TEST_COND("detect: a quoted line break stays in the first record",
		  detect("\"x\ny\";a;b\nc,d,e,f,g\n") == ';');
	TEST_COND("detect: after a BOM", detect("\xEF\xBB\xBF" "a;b\n") == ';');
	TEST_COND("detect: empty data gives ','", detect("") == ',');
	TEST_STREQ("BOM skipped",
		   dump("\xEF\xBB\xBF" "akt;kommentar\r\nA-1;Bra, men sent\r\n", 0, &e),
		   "L1:<akt><kommentar>\nL2:<A-1><Bra, men sent>\n");
	TEST_STREQ("a BOM later is data", dump("a\n\xEF\xBB\xBF" "b\n", 0, &e),
		   "L1:<a>\nL2:<\xEF\xBB\xBF" "b>\n");
	TEST_STREQ("quotes, doubled quotes, delimiters and line breaks in quotes",
		   dump("\"he said \"\"hi\"\"\",\"a,b\",\"line1\r\nline2\"\r\nnext,x,y\r\n", 0, &e),
		   "L1:<he said \"hi\"><a,b><line1\r\nline2>\nL3:<next><x><y>\n");
	TEST_STREQ("line numbers after multi-line fields",
		   dump("\"a\nb\nc\",x\nnext\n\"\r\r\n\"\nlast", 0, &e),
		   "L1:<a\nb\nc><x>\nL4:<next>\nL5:<\r\r\n>\nL8:<last>\n");
	TEST_STREQ("empty fields", dump(",,\na,\n\"\"\n,\"\"\n", 0, &e),
		   "L1:<><><>\nL2:<a><>\nL3:<>\nL4:<><>\n");
	TEST_STREQ("empty lines at the end are not records", dump("a\n\n\r\n\n", 0, &e), "L1:<a>\n");
	TEST_STREQ("an empty line in the middle is a record", dump("a\n\nb\n", 0, &e),
		   "L1:<a>\nL2:<>\nL3:<b>\n");
	TEST_STREQ("empty data", dump("", 0, &e), "");
	TEST_STREQ("only a BOM", dump("\xEF\xBB\xBF", 0, &e), "");
	TEST_STREQ("only line ends", dump("\r\n\r\n", 0, &e), "");
	TEST_STREQ("NULL data, length 0", dump_n(NULL, 0, 0, &e), "");
	TEST_STREQ("a quote inside an unquoted field is kept", dump("5\" skiva,x\"y\"\n", 0, &e),
		   "L1:<5\" skiva><x\"y\">\n");
	TEST_STREQ("spaces are kept, a space before a quote makes it data",
		   dump(" a , \"b\" \n", 0, &e), "L1:< a >< \"b\" >\n");
	TEST_STREQ("quoted ; with ; delimiter", dump("a;b\n\"x;y\";\"\"\"\"\n", 0, &e),
		   "L1:<a><b>\nL2:<x;y><\">\n");
	TEST_STREQ("given delimiter ';'", dump("a,b;c\n", ';', &e), "L1:<a,b><c>\n");
	TEST_STREQ("given delimiter tab", dump("a;b\tc,d\n", '\t', &e), "L1:<a;b><c,d>\n");
	TEST_STREQ("given delimiter ','", dump("a;b;c,d\n", ',', &e), "L1:<a;b;c><d>\n");
	TEST_STREQ("unsupported delimiter refused", dump("a\n", '"', &e), "E-2");
	TEST_COND("... with a message", strstr(e.msg, "delimiter") != NULL);
	{
		/* many and long fields */
		abuf b = ABUF_INIT;
		int i, ok;
		for (i = 0; i < 300; i++)
			abuf_printf(&b, "%s\"f%d,%0500d\"", i ? ";" : "", i, 0);
		abuf_puts(&b, "\r\n");
		csv_reader_init(&r, b.data, b.len, 0, NULL, &e);
		ok = csv_next(&r, &rec, &e) == 1 && rec.n_fields == 300 &&
		     rec.fields[299].len == 5 + 500 && strncmp(rec.fields[299].s, "f299,000", 8) == 0 &&
		     rec.fields[0].len == 3 + 500;
		TEST_COND("300 fields of 500 bytes", ok);
		TEST_COND("... then the end", csv_next(&r, &rec, &e) == 0);
		csv_reader_free(&r);
		csv_reader_free(&r);
		abuf_free(&b);
	}

	/* errors */
	TEST_STREQ("unterminated quote: reported where the field starts",
		   dump("a,b\n1,\"abc\n2,3\n", 0, &e), "L1:<a><b>\nE-3@2:3");
	TEST_COND("... with the file name and a message",
		  strcmp(e.file, "review.csv") == 0 && strstr(e.msg, "closing quote") != NULL);
	TEST_STREQ("unterminated quote at the very end", dump("a,\"", 0, &e), "E-3@1:3");
	TEST_STREQ("text after a closing quote", dump("a,b\n\"x\"y,2\n", 0, &e),
		   "L1:<a><b>\nE-3@2:4");
	TEST_COND("... with a message", strstr(e.msg, "after the closing quote") != NULL);
	TEST_STREQ("text after a closing quote, on a later line of the field",
		   dump("\"x\ny\" z\n", 0, &e), "E-3@2:3");
	TEST_STREQ("Windows-1252 å (0xE5): invalid UTF-8 with line and column",
		   dump("akt;kommentar\r\nA-1;\xE5tg\xE4rd\r\n", 0, &e), "L1:<akt><kommentar>\nE-3@2:5");
	TEST_COND("... tells how to save the file",
		  strstr(e.msg, "UTF-8") != NULL && strstr(e.msg, "0xE5") != NULL);
	TEST_STREQ("invalid UTF-8 on a later line of a quoted field",
		   dump("a\n\"åx\ny\xff\"\n", 0, &e), "L1:<a>\nE-3@3:2");
	TEST_STREQ("invalid UTF-8 in an unterminated field is reported as such",
		   dump("\"\xC0\xAF", 0, &e), "E-3@1:2");
	TEST_COND("... as UTF-8", strstr(e.msg, "UTF-8") != NULL);
	TEST_STREQ("overlong encoding refused", dump("a,\xC0\xAF\n", 0, &e), "E-3@1:3");
	TEST_STREQ("a NUL byte refused", dump_n("a,b\nc\0d,e\n", 10, 0, &e), "L1:<a><b>\nE-3@2:2");
	TEST_COND("... as NUL", strstr(e.msg, "NUL") != NULL);
	TEST_STREQ("the column counts characters, not bytes",
		   dump("åäö,\"x\"y\n", 0, &e), "E-3@1:8");
	{
		int rc1, rc2;
		csv_reader_init(&r, "\"a", 2, 0, NULL, &e);
		rc1 = csv_next(&r, &rec, &e);
		rc2 = csv_next(&r, &rec, &e);
		TEST_COND("after an error the reader keeps failing",
			  rc1 == AUDIT_EINPUT && rc2 == AUDIT_EINPUT && rec.n_fields == 0 &&
			  rec.fields == NULL && e.file[0] == '\0');
		csv_reader_free(&r);
	}

	test_round_trip();
	test_random_round_trip();
	return TEST_REPORT();
}
