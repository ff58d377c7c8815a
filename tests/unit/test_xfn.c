/* test_xfn.c - the XPath extension functions, evaluated through libxml2. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"

#include <math.h>
#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "util.h"
#include "xfn.h"
#include "xmlsafe.h"

static xmlXPathContextPtr ctx;

static char *str(const char *expr)
{
	static char buf[256];
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlChar *s;

	if (o == NULL)
		return NULL;
	s = xmlXPathCastToString(o);
	snprintf(buf, sizeof(buf), "%s", (const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	return buf;
}

static double num(const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	double d;

	if (o == NULL)
		return -999999;
	d = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return d;
}

/* Compares xfn_node_path with xmlGetNodePath on node, its attributes and
 * everything below it; returns the number of differences. */
static int path_diffs(xmlNodePtr node)
{
	int bad = 0;

	for (; node; node = node->next) {
		xmlChar *want = xmlGetNodePath(node);
		char *got = xfn_node_path(node);

		bad += want == NULL || got == NULL || strcmp((const char *)want, got) != 0;
		xmlFree(want);
		free(got);
		if (node->type == XML_ELEMENT_NODE) {
			for (xmlAttrPtr a = node->properties; a; a = a->next) {
				want = xmlGetNodePath((xmlNodePtr)a);
				got = xfn_node_path((xmlNodePtr)a);
				bad += want == NULL || got == NULL || strcmp((const char *)want, got) != 0;
				xmlFree(want);
				free(got);
			}
		}
		if (node->type == XML_ELEMENT_NODE || node->type == XML_DOCUMENT_NODE)
			bad += path_diffs(node->children);
	}
	return bad;
}

static int boolean(const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	int b;

	if (o == NULL)
		return -1;
	b = xmlXPathCastToBoolean(o);
	xmlXPathFreeObject(o);
	return b;
}

int main(void)
{
	const char *xml = "<akt><beslut><motivering>Hänsyn har tagits till BARNENS behov av stabilitet.</motivering></beslut>"
			  "<beslut><motivering>Barnbidrag ingår i inkomsterna.</motivering></beslut>"
			  "<a>  kort  </a><a>   tio tecken  </a><d>2025-03-01</d><d>2026-01-31</d><d>nej</d>"
			  "<m id=\"m1\">  fem <i>och</i>  sex<!-- c --> </m></akt>";
	xmlDocPtr doc;
	xfn_state *st;
	audit_err e;
	long ref;
	char msg[200];
	size_t off;

	xmlsafe_global_init(&e);
	doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", "UTF-8", XML_PARSE_NONET);
	util_date_parse("2026-10-31", &ref);
	st = xfn_state_new(ref);
	ctx = xmlXPathNewContext(doc);
	TEST_COND("register", xfn_register(ctx, st) == AUDIT_OK);
	ctx->node = xmlDocGetRootElement(doc);

	TEST_COND("matches is case-insensitive with 'i'", boolean("matches(beslut[1]/motivering, 'barnens', 'i')") == 1);
	TEST_COND("matches is case-sensitive without flags", boolean("matches(beslut[1]/motivering, 'barnens')") == 0);
	xfn_clear_match(st);
	TEST_COND("no quote after clearing", xfn_last_quote(st) == NULL);
	TEST_COND("matches with Unicode word boundary: barnbidrag is not barn",
		  boolean("matches(beslut[2]/motivering, '\\bbarn(en|ens|et|ets)?\\b', 'i')") == 0);
	TEST_COND("matches over a node-set: any node", boolean("matches(beslut/motivering, '\\bbarn(en|ens|et|ets)?\\b', 'i')") == 1);
	TEST_COND("quote holds the matched passage", xfn_last_quote(st) && strstr(xfn_last_quote(st), "BARNENS"));
	TEST_STREQ("pattern is recorded", xfn_last_pattern(st), "\\bbarn(en|ens|et|ets)?\\b");
	TEST_COND("å ä ö match case-insensitively", boolean("matches('ÅÄÖ', 'åäö', 'i')") == 1);
	TEST_COND("has-text: 4 characters is not text", boolean("has-text(a[1])") == 0);
	TEST_COND("has-text: exactly 10 characters after normalising", boolean("has-text(a[2])") == 1);
	TEST_COND("has-text with a minimum", boolean("has-text(a[2], 11)") == 0);
	TEST_COND("has-text counts characters, not bytes", boolean("has-text(beslut[1]/motivering, 51)") == 1 && boolean("has-text(beslut[1]/motivering, 52)") == 0);
	TEST_COND("days-between", num("days-between('2025-03-01', '2025-03-15')") == 14);
	TEST_COND("days-between negative", num("days-between(d[2], d[1])") == -336);
	TEST_COND("days-between of a non-date is NaN", isnan(num("days-between('nej', '2025-03-15')")));
	TEST_STREQ("add-months clamps to month end", str("add-months(d[2], 1)"), "2026-02-28");
	TEST_STREQ("add-days", str("add-days('2025-12-25', 10)"), "2026-01-04");
	TEST_STREQ("add-days of a non-date is empty", str("add-days('x', 1)"), "");
	TEST_COND("age-on the day before 18", num("age-on('2008-11-01', '2026-10-31')") == 17);
	TEST_COND("age-on the 18th birthday", num("age-on('2008-10-31', '2026-10-31')") == 18);
	TEST_STREQ("max-date ignores non-dates", str("max-date(d)"), "2026-01-31");
	TEST_STREQ("ref-date", str("ref-date()"), "2026-10-31");
	TEST_COND("a bad pattern is an XPath error, not a crash", boolean("matches('a', '(')") == -1);
	TEST_COND("has-text over mixed content: 'fem och sex' is 11 characters",
		  boolean("has-text(m, 11)") == 1 && boolean("has-text(m, 12)") == 0);
	TEST_COND("matches over mixed content sees the whole text", boolean("matches(m, 'fem och\\s+sex')") == 1);
	TEST_COND("matches on an attribute", boolean("matches(m/@id, '^m1$')") == 1);
	{
		xmlNodePtr m = xmlDocGetRootElement(doc)->last;
		char *p = xfn_node_path(m);
		TEST_STREQ("node path of an only child", p, "/akt/m");
		free(p);
		p = xfn_node_path(xmlDocGetRootElement(doc)->children->next);
		TEST_STREQ("node path with a position", p, "/akt/beslut[2]");
		free(p);
		TEST_COND("node paths are xmlGetNodePath's, for every node", path_diffs(doc->children) == 0);
	}
	{
		const char *nsxml = "<r xmlns='urn:x'><p:a xmlns:p='urn:p' p:b='1'/><c/><c>t<!--k--><?pi x?>u</c></r>";
		xmlDocPtr nd = xmlReadMemory(nsxml, (int)strlen(nsxml), "n.xml", "UTF-8", XML_PARSE_NONET);
		TEST_COND("node paths with namespaces, text, comments and PIs too",
			  nd && path_diffs((xmlNodePtr)nd) == 0);
		xmlFreeDoc(nd);
	}

	TEST_COND("xfn_known: own function", xfn_known("days-between", NULL, NULL));
	TEST_COND("xfn_known: XPath core", xfn_known("normalize-space", NULL, NULL));
	TEST_COND("xfn_known: unknown", !xfn_known("beslutz", NULL, NULL));
	TEST_COND("check_regex accepts a good pattern", xfn_check_regex("bedöm|analys", "i", msg, sizeof(msg), &off) == AUDIT_OK);
	TEST_COND("check_regex refuses a bad pattern", xfn_check_regex("(barn", "", msg, sizeof(msg), &off) == AUDIT_EINPUT && off == 5);
	TEST_COND("check_regex refuses an unknown flag", xfn_check_regex("a", "x", msg, sizeof(msg), &off) == AUDIT_EINPUT);

	xmlXPathFreeContext(ctx);
	xfn_state_free(st);
	xmlFreeDoc(doc);
	xmlsafe_global_cleanup();
	return TEST_REPORT();
}
