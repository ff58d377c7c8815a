/* xmlsafe.c - see xmlsafe.h. */
#define _POSIX_C_SOURCE 200809L
#include "xmlsafe.h"

#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

#include "embedded.h"
#include "util.h"

static xmlSchemaPtr schemas[3];
static int initialised;

static void silent_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

void xmlsafe_thread_init(void)
{
	xmlSetGenericErrorFunc(NULL, silent_generic);
	xmlSetStructuredErrorFunc(NULL, silent_structured);
}

static int compile_schema(xmlSchemaPtr *out, const unsigned char *data, size_t len,
			  const char *what, audit_err *e)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt((const char *)data, (int)len);

	if (pc == NULL)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "cannot load the built-in %s schema", what);
	*out = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (*out == NULL)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0,
				     "the built-in %s schema does not compile (a build error)", what);
	return AUDIT_OK;
}

int xmlsafe_global_init(audit_err *e)
{
	int rc;

	if (initialised)
		return AUDIT_OK;
	xmlInitParser();
	xmlsafe_thread_init();
	/* Never fetch anything over the network or from the catalog. */
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	if ((rc = compile_schema(&schemas[XMLSAFE_SCHEMA_AKT], audit_xsd_akt, audit_xsd_akt_len, "akt", e)) < 0 ||
	    (rc = compile_schema(&schemas[XMLSAFE_SCHEMA_RULES], audit_xsd_rules, audit_xsd_rules_len, "rule", e)) < 0 ||
	    (rc = compile_schema(&schemas[XMLSAFE_SCHEMA_CHECKLIST], audit_xsd_checklist, audit_xsd_checklist_len, "checklist", e)) < 0) {
		xmlsafe_global_cleanup();
		return rc;
	}
	initialised = 1;
	return AUDIT_OK;
}

void xmlsafe_global_cleanup(void)
{
	for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
		if (schemas[i])
			xmlSchemaFree(schemas[i]);
		schemas[i] = NULL;
	}
	if (initialised)
		xmlCleanupParser();
	initialised = 0;
}

void xmlsafe_offset_pos(const char *buf, size_t off, int *line, int *column)
{
	int l = 1, c = 1;

	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*column = c;
}

/* Finds the byte range of 1-based line in buf. */
static int line_range(const char *buf, size_t len, int line, size_t *start, size_t *end)
{
	size_t i = 0;
	int l = 1;

	while (l < line && i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		if (nl == NULL)
			return -1;
		i = (size_t)(nl - buf) + 1;
		l++;
	}
	if (l != line)
		return -1;
	*start = i;
	{
		const char *nl = memchr(buf + i, '\n', len - i);
		*end = nl ? (size_t)(nl - buf) : len;
	}
	return 0;
}

static const char *find_in(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	if (k == 0 || k > n)
		return NULL;
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

int xmlsafe_column(const char *buf, size_t len, int line, const char *name)
{
	size_t start, end;
	const char *hit = NULL;
	char needle[160];
	int l, c;

	if (buf == NULL || name == NULL || line <= 0 || line_range(buf, len, line, &start, &end) != 0)
		return 0;
	snprintf(needle, sizeof(needle), "<%s", name);
	hit = find_in(buf + start, end - start, needle);
	if (hit == NULL) {
		snprintf(needle, sizeof(needle), "%s=", name);
		hit = find_in(buf + start, end - start, needle);
	}
	if (hit == NULL)
		hit = find_in(buf + start, end - start, name);
	if (hit == NULL)
		return 0;
	xmlsafe_offset_pos(buf + start, (size_t)(hit - (buf + start)), &l, &c);
	return c;
}

static int is_name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

/* The checks made before libxml2 sees the bytes. */
static int prescan(const char *buf, size_t len, const char *path, audit_err *e)
{
	size_t bad, i;
	int line, col;
	const char *nul;

	if (len == 0)
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0, "the file is empty");
	nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		xmlsafe_offset_pos(buf, (size_t)(nul - buf), &line, &col);
		return audit_err_set(e, AUDIT_EINPUT, path, line, col,
				     "the file contains a NUL byte: it is not an XML text file");
	}
	if (!util_utf8_valid(buf, len, &bad)) {
		xmlsafe_offset_pos(buf, bad, &line, &col);
		return audit_err_set(e, AUDIT_EINPUT, path, line, col,
				     "the file is not valid UTF-8 here: save it as UTF-8");
	}
	for (i = 0; i < len; i++) {
		if (buf[i] != '<')
			continue;
		if (i + 1 < len && buf[i + 1] == '?') {
			/* a processing instruction: nothing in it is markup */
			const char *end = find_in(buf + i + 2, len - i - 2, "?>");
			if (end == NULL)
				break; /* the parser reports it */
			i = (size_t)(end - buf) + 1;
			continue;
		}
		if (i + 1 < len && buf[i + 1] == '!') {
			if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
				const char *end = find_in(buf + i + 4, len - i - 4, "-->");
				if (end == NULL)
					break; /* the parser reports it */
				i = (size_t)(end - buf) + 2;
				continue;
			}
			if (len - i >= 9 && memcmp(buf + i, "<![CDATA[", 9) == 0) {
				const char *end = find_in(buf + i + 9, len - i - 9, "]]>");
				if (end == NULL)
					break;
				i = (size_t)(end - buf) + 2;
				continue;
			}
			/* <!DOCTYPE, <!ENTITY, ...: no DTDs, no entities. */
			xmlsafe_offset_pos(buf, i, &line, &col);
			return audit_err_set(e, AUDIT_EINPUT, path, line, col,
					     "the file has a document type declaration (<!DOCTYPE or <!ENTITY); "
					     "DTDs and entities are refused for safety: remove the declaration");
		}
		if (i + 1 < len && is_name_start((unsigned char)buf[i + 1])) {
			/* a start tag: count attributes until '>' outside quotes */
			size_t j = i + 1, tag = i;
			int attrs = 0;
			char quote = 0;

			for (; j < len; j++) {
				char ch = buf[j];
				if (quote) {
					if (ch == quote)
						quote = 0;
				} else if (ch == '"' || ch == '\'') {
					quote = ch;
				} else if (ch == '=') {
					if (++attrs > XMLSAFE_MAX_ATTRS) {
						xmlsafe_offset_pos(buf, tag, &line, &col);
						return audit_err_set(e, AUDIT_EINPUT, path, line, col,
								     "a start tag has more than %d attributes: "
								     "the file is refused as malformed or hostile",
								     XMLSAFE_MAX_ATTRS);
					}
				} else if (ch == '>' || ch == '<') {
					/* '<' cannot stand in a tag: the parser stops there */
					if (ch == '<')
						j--;
					break;
				}
			}
			i = j;
		}
	}
	return AUDIT_OK;
}

int xmlsafe_parse(xmlDocPtr *out, const char *buf, size_t len, const char *path,
		  audit_err *e)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	int rc;

	*out = NULL;
	if ((rc = prescan(buf, len, path, e)) < 0)
		return rc;
	if (len > (size_t)0x7fffffff)
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0, "the file is too large");
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING |
				XML_PARSE_NOERROR);
	if (doc == NULL || !ctxt->wellFormed) {
		xmlErrorPtr err = xmlCtxtGetLastError(ctxt);
		char msg[600] = "the file is not well-formed XML";
		int line = 0, col = 0;

		if (err && err->message) {
			size_t n;
			snprintf(msg, sizeof(msg), "not well-formed XML: %s", err->message);
			n = strlen(msg);
			while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
			if (strstr(msg, "Excessive depth"))
				snprintf(msg, sizeof(msg), "elements are nested more than 256 levels deep: "
					 "the file is refused as malformed or hostile");
			line = err->line;
			col = err->int2;
		}
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return audit_err_set(e, AUDIT_EINPUT, path, line, col, "%s", msg);
	}
	xmlFreeParserCtxt(ctxt);
	if (doc->intSubset || doc->extSubset) {
		xmlFreeDoc(doc);
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "the file has a document type declaration; DTDs are refused");
	}
	*out = doc;
	return AUDIT_OK;
}

struct vstate {
	const char *buf;
	size_t len;
	const char *path;
	xmlsafe_problem_fn fn;
	void *ud;
	audit_err *first;
	int n;
	int redact;   /* drop quoted values from messages (redact_values) */
};

/* Removes "{namespace-uri}" from libxml2's messages: they are noise to a
 * person reading them. */
static void plain_message(char *dst, size_t n, const char *src)
{
	size_t o = 0;

	for (size_t i = 0; src[i] && o + 1 < n; i++) {
		if (src[i] == '{') {
			const char *close = strchr(src + i, '}');
			size_t len = close ? (size_t)(close - (src + i)) : 0;
			/* only a namespace URI: "{urn:...}" or "{http...}", no quotes or spaces */
			if (close && memchr(src + i, ':', len) && !memchr(src + i, '\'', len) &&
			    !memchr(src + i, ' ', len)) {
				i = (size_t)(close - src);
				continue;
			}
		}
		dst[o++] = src[i];
	}
	while (o && (dst[o - 1] == '\n' || dst[o - 1] == ' '))
		o--;
	dst[o] = '\0';
}

static int quote_values; /* xmlsafe_set_verbose */

void xmlsafe_set_verbose(int verbose)
{
	quote_values = verbose != 0;
}

/* Drops the values libxml2 quotes from the file ("The value 'X' is not an
 * element of the set", "'X' is not a valid value of the atomic type"): they
 * may be secret content of an akt.  Names of elements, attributes, facets
 * and types are kept. */
static void redact_values(char *s)
{
	char *p;

	/* "The value 'X' ..." -> "The value ..." */
	while ((p = strstr(s, "The value '")) != NULL) {
		char *close = strchr(p + 11, '\'');
		if (close == NULL)
			break;
		memmove(p + 9, close + 1, strlen(close + 1) + 1);
	}
	/* "'X' is not a valid value" -> "The value is not a valid value" */
	while ((p = strstr(s, "' is not a valid value")) != NULL) {
		char *q = p;
		while (q > s && q[-1] != '\'')
			q--;
		if (q == s)
			break;
		q--; /* the opening quote */
		memmove(q + 9, p + 1, strlen(p + 1) + 1);
		memcpy(q, "the value", 9);
	}
}

static void on_schema_error(void *ud, xmlErrorPtr err)
{
	struct vstate *st = ud;
	audit_err p;
	char msg[900];
	int col = 0;
	xmlNodePtr node = err->node;

	if (err->level == XML_ERR_WARNING)
		return;
	/* room for redact_values to grow the text a little */
	plain_message(msg, sizeof(msg) - 64, err->message ? err->message : "schema error");
	if (st->redact)
		redact_values(msg);
	if (node) {
		const char *name = (const char *)node->name;
		col = xmlsafe_column(st->buf, st->len, err->line, name);
	}
	audit_err_set(&p, AUDIT_EINPUT, st->path, err->line, col, "%s", msg);
	if (st->n == 0 && st->first)
		*st->first = p;
	st->n++;
	if (st->fn)
		st->fn(st->ud, &p);
}

int xmlsafe_validate(xmlDocPtr doc, xmlsafe_schema which, const char *buf, size_t len,
		     const char *path, xmlsafe_problem_fn fn, void *ud, audit_err *first)
{
	xmlSchemaValidCtxtPtr v;
	/* akter are secret; rule and checklist files are not */
	struct vstate st = { buf, len, path, fn, ud, first, 0,
			     !quote_values && which != XMLSAFE_SCHEMA_RULES &&
				     which != XMLSAFE_SCHEMA_CHECKLIST };
	int r;

	if (!initialised || schemas[which] == NULL)
		return audit_err_set(first, AUDIT_EIO, path, 0, 0, "schemas not initialised");
	v = xmlSchemaNewValidCtxt(schemas[which]);
	if (v == NULL)
		return audit_err_set(first, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	xmlSchemaSetValidStructuredErrors(v, on_schema_error, &st);
	r = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (r == 0)
		return AUDIT_OK;
	if (r < 0)
		return audit_err_set(first, AUDIT_EIO, path, 0, 0, "the schema validator failed");
	if (st.n == 0)
		audit_err_set(first, AUDIT_EINPUT, path, 0, 0, "the file does not follow the schema");
	return AUDIT_EINPUT;
}

void xmlsafe_strip_ns(xmlNodePtr node)
{
	/* iterative walk: documents may be deep */
	xmlNodePtr cur = node;

	while (cur) {
		if (cur->type == XML_ELEMENT_NODE) {
			cur->ns = NULL;
			for (xmlAttrPtr a = cur->properties; a; a = a->next)
				a->ns = NULL;
		}
		if (cur->children && cur->type == XML_ELEMENT_NODE) {
			cur = cur->children;
			continue;
		}
		while (cur && cur != node && cur->next == NULL)
			cur = cur->parent;
		if (cur == NULL || cur == node)
			break;
		cur = cur->next;
	}
}

char *xmlsafe_attr(xmlNodePtr node, const char *name)
{
	return node ? (char *)xmlGetProp(node, (const xmlChar *)name) : NULL;
}

xmlNodePtr xmlsafe_child(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}
