/* test_xmlsafe.c - the checks made before and around libxml2. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"

#include <stdlib.h>

#include "akt.h"
#include "util.h"
#include "xmlsafe.h"

static int parse(const char *s, size_t n, audit_err *e)
{
	xmlDocPtr doc = NULL;
	int rc = xmlsafe_parse(&doc, s, n, "t.xml", e);

	if (doc)
		xmlFreeDoc(doc);
	return rc;
}

int main(void)
{
	audit_err e;
	char *big;
	size_t n;
	const char *src = getenv("AUDIT_SRC");
	char path[4096];
	akt *a = NULL;

	TEST_COND("init", xmlsafe_global_init(&e) == AUDIT_OK);
	TEST_COND("well-formed parses", parse("<a x='1'>t</a>", 14, &e) == AUDIT_OK);
	TEST_COND("empty refused", parse("", 0, &e) == AUDIT_EINPUT && strstr(e.msg, "empty"));
	TEST_COND("NUL refused with position", parse("<a>\n x\0</a>", 11, &e) == AUDIT_EINPUT &&
		  strstr(e.msg, "NUL") && e.line == 2 && e.column == 3);
	TEST_COND("invalid UTF-8 refused with position", parse("<a>\xff</a>", 8, &e) == AUDIT_EINPUT &&
		  strstr(e.msg, "UTF-8") && e.line == 1 && e.column == 4);
	{
		const char *x = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
		TEST_COND("DOCTYPE refused before parsing", parse(x, strlen(x), &e) == AUDIT_EINPUT &&
			  strstr(e.msg, "DOCTYPE") && e.line == 2);
	}
	TEST_COND("undefined entity is an error", parse("<a>&x;</a>", 10, &e) == AUDIT_EINPUT);
	TEST_COND("comment with <! inside is fine", parse("<a><!-- <!DOCTYPE --></a>", 25, &e) == AUDIT_OK);
	TEST_COND("CDATA is fine", parse("<a><![CDATA[<!x]]></a>", 22, &e) == AUDIT_OK);
	/* 300 attributes in one start tag */
	big = malloc(300 * 12 + 16);
	n = (size_t)sprintf(big, "<a");
	for (int i = 0; i < 300; i++)
		n += (size_t)sprintf(big + n, " a%d='1'", i);
	n += (size_t)sprintf(big + n, "/>");
	TEST_COND("too many attributes refused", parse(big, n, &e) == AUDIT_EINPUT && strstr(e.msg, "attributes"));
	{
		/* a quote inside a processing instruction must not hide the tag */
		char *pi = malloc(n + 32);
		size_t m = (size_t)sprintf(pi, "<?pi <z '?>\n%s", big);
		TEST_COND("attributes behind a quote in a PI still counted", parse(pi, m, &e) == AUDIT_EINPUT &&
			  strstr(e.msg, "attributes"));
		m = (size_t)sprintf(pi, "<?pi <!-- ?><!DOCTYPE a><a/>");
		TEST_COND("a comment opener in a PI does not hide a DOCTYPE", parse(pi, m, &e) == AUDIT_EINPUT &&
			  strstr(e.msg, "DOCTYPE"));
		free(pi);
	}
	free(big);
	TEST_COND("truncated file is an error with a line", parse("<a>\n<b>", 7, &e) == AUDIT_EINPUT && e.line >= 1);

	TEST_COND("column finds the element", xmlsafe_column("<a>\n  <beslut x='1'/>", 21, 2, "beslut") == 3);
	TEST_COND("column finds an attribute", xmlsafe_column("<a>\n  <b utfall='x'/>", 21, 2, "utfall") == 6);
	TEST_COND("column counts characters, not bytes", xmlsafe_column("<ä><b/></ä>", 13, 1, "b") == 4);

	/* a whole akt: valid, then with a schema error that names line and column */
	snprintf(path, sizeof(path), "%s/tests/data/akt/example.xml", src ? src : ".");
	TEST_COND("example akt loads", akt_load(&a, path, NULL, &e) == AUDIT_OK && a && strcmp(a->id, "EX-2025-0001") == 0);
	TEST_COND("unit and handläggare read", a && strcmp(a->unit_id, "EX") == 0 && strcmp(a->handlaggare_name, "Karin Åberg") == 0);
	TEST_COND("content hash is 64 hex digits", a && strlen(a->hash) == 64);
	akt_free(a);
	a = NULL;
	{
		const char *x = "<akt xmlns=\"urn:audit:akt:1\" version=\"1\" id=\"A1\">\n"
				"<enhet id=\"E\" namn=\"E\"/><handlaggare id=\"h\">H</handlaggare>\n"
				"<arende status=\"oklart\" oppnat=\"2025-01-01\"/><hushall><person id=\"P1\" roll=\"sokande\"/></hushall></akt>";
		TEST_COND("schema error reported", akt_load_buffer(&a, x, strlen(x), "x.xml", NULL, &e) == AUDIT_EINPUT);
		TEST_COND("schema error has line and column", e.line == 3 && e.column == 1 && strstr(e.msg, "status"));
		TEST_COND("the akt's value is not quoted in the message", strstr(e.msg, "oklart") == NULL);
		xmlsafe_set_verbose(1);
		TEST_COND("verbose: schema error again", akt_load_buffer(&a, x, strlen(x), "x.xml", NULL, &e) == AUDIT_EINPUT);
		TEST_COND("verbose: the value is quoted", strstr(e.msg, "'oklart'") != NULL);
		xmlsafe_set_verbose(0);
		TEST_COND("no namespace noise in the message", strstr(e.msg, "urn:audit") == NULL);
	}
	{
		const char *x = "<akt version=\"1\" id=\"A1\"/>";
		TEST_COND("wrong namespace refused", akt_load_buffer(&a, x, strlen(x), "x.xml", NULL, &e) == AUDIT_EINPUT &&
			  strstr(e.msg, "urn:audit:akt:1"));
	}
	xmlsafe_global_cleanup();
	return TEST_REPORT();
}
