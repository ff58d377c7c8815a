/* xfn.c - XPath extension functions; see xfn.h. */
#define _POSIX_C_SOURCE 200809L
#define PCRE2_CODE_UNIT_WIDTH 8
#include "xfn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pcre2.h>
#include <libxml/xpathInternals.h>

#include "util.h"

#define XFN_MAX_REGEX 64

struct regex_entry {
	char *pattern;
	int caseless;
	pcre2_code *code;
};

struct xfn_state {
	long ref;
	struct regex_entry re[XFN_MAX_REGEX];
	size_t n_re;
	pcre2_match_data *md;
	char quote[161];
	char *pattern;   /* of the last match, owned */
	int have_match;
};

xfn_state *xfn_state_new(long ref)
{
	xfn_state *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->ref = ref;
	st->md = pcre2_match_data_create(16, NULL);
	if (st->md == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

void xfn_state_free(xfn_state *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->n_re; i++) {
		free(st->re[i].pattern);
		pcre2_code_free(st->re[i].code);
	}
	pcre2_match_data_free(st->md);
	free(st->pattern);
	free(st);
}

void xfn_state_set_ref(xfn_state *st, long ref)
{
	st->ref = ref;
}

void xfn_clear_match(xfn_state *st)
{
	st->have_match = 0;
	st->quote[0] = '\0';
}

const char *xfn_last_quote(const xfn_state *st)
{
	return st->have_match ? st->quote : NULL;
}

const char *xfn_last_pattern(const xfn_state *st)
{
	return st->have_match ? st->pattern : NULL;
}

static pcre2_code *regex_compile(const char *pattern, int caseless, char *msg, size_t msg_size,
				 size_t *erroffset)
{
	int errcode;
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	pcre2_code *code;

	if (caseless)
		opts |= PCRE2_CASELESS;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &errcode, &off, NULL);
	if (code == NULL) {
		if (msg) {
			PCRE2_UCHAR buf[256];
			pcre2_get_error_message(errcode, buf, sizeof(buf));
			snprintf(msg, msg_size, "%s", (const char *)buf);
		}
		if (erroffset)
			*erroffset = off;
		return NULL;
	}
	/* JIT where the platform has it; the interpreter otherwise, or when
	 * AUDIT_NO_JIT is set (valgrind cannot see into JIT code and reports
	 * false positives there). */
	if (getenv("AUDIT_NO_JIT") == NULL)
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

static int flags_caseless(const char *flags, int *caseless)
{
	*caseless = 0;
	for (const char *f = flags; f && *f; f++) {
		if (*f == 'i')
			*caseless = 1;
		else
			return -1;
	}
	return 0;
}

int xfn_check_regex(const char *pattern, const char *flags, char *msg, size_t msg_size,
		    size_t *erroffset)
{
	int caseless;
	pcre2_code *code;

	if (flags_caseless(flags, &caseless) != 0) {
		snprintf(msg, msg_size, "unknown flag in \"%s\" (only \"i\" is known)", flags);
		if (erroffset)
			*erroffset = 0;
		return AUDIT_EINPUT;
	}
	code = regex_compile(pattern, caseless, msg, msg_size, erroffset);
	if (code == NULL)
		return AUDIT_EINPUT;
	pcre2_code_free(code);
	return AUDIT_OK;
}

static pcre2_code *regex_get(xfn_state *st, const char *pattern, int caseless)
{
	struct regex_entry *e;

	for (size_t i = 0; i < st->n_re; i++)
		if (st->re[i].caseless == caseless && strcmp(st->re[i].pattern, pattern) == 0)
			return st->re[i].code;
	if (st->n_re == XFN_MAX_REGEX) {
		/* a full cache is unexpected (patterns are literals in rules):
		 * drop the oldest */
		free(st->re[0].pattern);
		pcre2_code_free(st->re[0].code);
		memmove(&st->re[0], &st->re[1], sizeof(st->re[0]) * (XFN_MAX_REGEX - 1));
		st->n_re--;
	}
	e = &st->re[st->n_re];
	e->code = regex_compile(pattern, caseless, NULL, 0, NULL);
	if (e->code == NULL)
		return NULL;
	e->pattern = strdup(pattern);
	if (e->pattern == NULL) {
		pcre2_code_free(e->code);
		return NULL;
	}
	e->caseless = caseless;
	st->n_re++;
	return e->code;
}

static xfn_state *state_of(xmlXPathParserContextPtr ctxt)
{
	return (xfn_state *)ctxt->context->userData;
}

/* Copies a passage around [s, e) of subject into st->quote: up to 40 bytes
 * of context on each side, cut at UTF-8 character boundaries. */
static void keep_quote(xfn_state *st, const char *subject, size_t len, size_t s, size_t e,
		       const char *pattern)
{
	size_t a = s > 40 ? s - 40 : 0, b = e + 40 < len ? e + 40 : len, n;

	while (a > 0 && ((unsigned char)subject[a] & 0xC0) == 0x80)
		a--;
	while (b < len && ((unsigned char)subject[b] & 0xC0) == 0x80)
		b++;
	/* start and end at word boundaries where the context allows */
	if (a > 0) {
		size_t k = a;
		while (k < s && subject[k] != ' ')
			k++;
		if (k < s)
			a = k + 1;
	}
	if (b < len) {
		size_t k = b;
		while (k > e && subject[k - 1] != ' ')
			k--;
		if (k > e)
			b = k - 1;
	}
	n = b - a;
	if (n > sizeof(st->quote) - 1) {
		n = sizeof(st->quote) - 1;
		while (n > 0 && ((unsigned char)subject[a + n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(st->quote, subject + a, n);
	st->quote[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (st->quote[i] == '\n' || st->quote[i] == '\r' || st->quote[i] == '\t')
			st->quote[i] = ' ';
	if (st->pattern == NULL || strcmp(st->pattern, pattern) != 0) {
		free(st->pattern);
		st->pattern = strdup(pattern);
	}
	st->have_match = st->pattern != NULL;
}

/* The string-value of node without a copy when it is held in one place:
 * a text node, or an element or attribute whose only child is a text node
 * (most of an akt); NULL otherwise (then xmlXPathCastNodeToString). */
static const char *node_text(const xmlNode *node)
{
	const xmlNode *c;

	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		return node->content ? (const char *)node->content : "";
	case XML_ELEMENT_NODE:
	case XML_ATTRIBUTE_NODE:
		c = node->children;
		if (c == NULL)
			return "";
		if (c->next == NULL && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE))
			return c->content ? (const char *)c->content : "";
		return NULL;
	default:
		return NULL;
	}
}

static int match_one(xfn_state *st, pcre2_code *code, const char *subject, const char *pattern)
{
	size_t len = strlen(subject);
	int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, 0, st->md, NULL);

	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
		keep_quote(st, subject, len, ov[0], ov[1], pattern);
		return 1;
	}
	return 0;
}

/* matches(subject, pattern [, flags]) */
static void fn_matches(xmlXPathParserContextPtr ctxt, int nargs)
{
	xfn_state *st = state_of(ctxt);
	xmlChar *pattern = NULL, *flags = NULL;
	xmlXPathObjectPtr subj;
	pcre2_code *code;
	int caseless, found = 0;

	if (nargs < 2 || nargs > 3) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (nargs == 3)
		flags = xmlXPathPopString(ctxt);
	pattern = xmlXPathPopString(ctxt);
	subj = valuePop(ctxt);
	if (pattern == NULL || subj == NULL || flags_caseless((const char *)flags, &caseless) != 0 ||
	    (code = regex_get(st, (const char *)pattern, caseless)) == NULL) {
		xmlFree(pattern);
		xmlFree(flags);
		xmlXPathFreeObject(subj);
		xmlXPathSetError(ctxt, XPATH_INVALID_ARITY);
		return;
	}
	if (subj->type == XPATH_NODESET) {
		for (int i = 0; subj->nodesetval && i < subj->nodesetval->nodeNr && !found; i++) {
			const char *t = node_text(subj->nodesetval->nodeTab[i]);
			xmlChar *s;

			if (t) {
				found = match_one(st, code, t, (const char *)pattern);
				continue;
			}
			s = xmlXPathCastNodeToString(subj->nodesetval->nodeTab[i]);
			if (s) {
				found = match_one(st, code, (const char *)s, (const char *)pattern);
				xmlFree(s);
			}
		}
	} else {
		xmlChar *s = xmlXPathCastToString(subj);
		if (s) {
			found = match_one(st, code, (const char *)s, (const char *)pattern);
			xmlFree(s);
		}
	}
	xmlFree(pattern);
	xmlFree(flags);
	xmlXPathFreeObject(subj);
	valuePush(ctxt, xmlXPathNewBoolean(found));
}

/* Characters in the whitespace-normalised text of s. */
static long normalized_length(const xmlChar *s)
{
	long n = 0;
	int in_space = 1, pending = 0;

	for (; *s; s++) {
		unsigned char c = *s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!in_space)
				pending = 1;
			in_space = 1;
			continue;
		}
		if ((c & 0xC0) == 0x80)
			continue;
		if (pending) {
			n++;
			pending = 0;
		}
		in_space = 0;
		n++;
	}
	return n;
}

/* normalized_length of the string-value of node, without a copy where
 * node_text finds it in one place. */
static long node_normalized_length(const xmlNode *node)
{
	const char *t = node_text(node);
	xmlChar *s;
	long n;

	if (t)
		return normalized_length((const xmlChar *)t);
	s = xmlXPathCastNodeToString((xmlNodePtr)node);
	if (s == NULL)
		return -1;
	n = normalized_length(s);
	xmlFree(s);
	return n;
}

/* has-text(nodes [, min]) */
static void fn_has_text(xmlXPathParserContextPtr ctxt, int nargs)
{
	double min = 10;
	xmlXPathObjectPtr set;
	int found = 0;

	if (nargs < 1 || nargs > 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (nargs == 2)
		min = xmlXPathPopNumber(ctxt);
	set = valuePop(ctxt);
	if (set == NULL || set->type != XPATH_NODESET) {
		xmlXPathFreeObject(set);
		xmlXPathSetTypeError(ctxt);
		return;
	}
	for (int i = 0; set->nodesetval && i < set->nodesetval->nodeNr && !found; i++) {
		long n = node_normalized_length(set->nodesetval->nodeTab[i]);
		if (n >= 0)
			found = (double)n >= min;
	}
	xmlXPathFreeObject(set);
	valuePush(ctxt, xmlXPathNewBoolean(found));
}

/* Pops a value and reads it as a date; returns 0 and sets *d, or -1. */
static int pop_date(xmlXPathParserContextPtr ctxt, long *d)
{
	xmlChar *s = xmlXPathPopString(ctxt);
	int rc = -1;

	if (s) {
		rc = util_date_parse((const char *)s, d);
		xmlFree(s);
	}
	return rc;
}

static void fn_days_between(xmlXPathParserContextPtr ctxt, int nargs)
{
	long a, b;
	int rb, ra;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	rb = pop_date(ctxt, &b);
	ra = pop_date(ctxt, &a);
	valuePush(ctxt, xmlXPathNewFloat(ra == 0 && rb == 0 ? (double)(b - a) : NAN));
}

static void push_date(xmlXPathParserContextPtr ctxt, int ok, long d)
{
	char out[11] = "";

	if (ok)
		util_date_format(d, out);
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)out));
}

static void fn_add_days(xmlXPathParserContextPtr ctxt, int nargs)
{
	double n;
	long d = 0;
	int rc;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	n = xmlXPathPopNumber(ctxt);
	rc = pop_date(ctxt, &d);
	if (rc == 0 && isfinite(n) && fabs(n) < 1e6)
		push_date(ctxt, 1, d + (long)n);
	else
		push_date(ctxt, 0, 0);
}

static void fn_add_months(xmlXPathParserContextPtr ctxt, int nargs)
{
	double n;
	long d;
	int rc;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	n = xmlXPathPopNumber(ctxt);
	rc = pop_date(ctxt, &d);
	if (rc == 0 && isfinite(n) && fabs(n) < 12000)
		push_date(ctxt, 1, util_date_add_months(d, (int)n));
	else
		push_date(ctxt, 0, 0);
}

static void fn_age_on(xmlXPathParserContextPtr ctxt, int nargs)
{
	long birth, on;
	int ro, rb;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	ro = pop_date(ctxt, &on);
	rb = pop_date(ctxt, &birth);
	valuePush(ctxt, xmlXPathNewFloat(ro == 0 && rb == 0 ? (double)util_age_on(birth, on) : NAN));
}

static void fn_max_date(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlXPathObjectPtr set;
	long best = 0, d;
	int have = 0;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	set = valuePop(ctxt);
	if (set == NULL || set->type != XPATH_NODESET) {
		xmlXPathFreeObject(set);
		xmlXPathSetTypeError(ctxt);
		return;
	}
	for (int i = 0; set->nodesetval && i < set->nodesetval->nodeNr; i++) {
		xmlChar *s = xmlXPathCastNodeToString(set->nodesetval->nodeTab[i]);
		if (s && util_date_parse((const char *)s, &d) == 0 && (!have || d > best)) {
			best = d;
			have = 1;
		}
		xmlFree(s);
	}
	xmlXPathFreeObject(set);
	push_date(ctxt, have, best);
}

static void fn_ref_date(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 0) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	push_date(ctxt, 1, state_of(ctxt)->ref);
}

/* The one table. */
static const struct {
	const char *name;
	xmlXPathFunction fn;
	int min_args, max_args;
} xfn_table[] = {
	{ "matches", fn_matches, 2, 3 },
	{ "has-text", fn_has_text, 1, 2 },
	{ "days-between", fn_days_between, 2, 2 },
	{ "add-days", fn_add_days, 2, 2 },
	{ "add-months", fn_add_months, 2, 2 },
	{ "age-on", fn_age_on, 2, 2 },
	{ "max-date", fn_max_date, 1, 1 },
	{ "ref-date", fn_ref_date, 0, 0 },
};

/* XPath 1.0 core functions, for xfn_known. */
static const struct {
	const char *name;
	int min_args, max_args;
} core_table[] = {
	{ "last", 0, 0 }, { "position", 0, 0 }, { "count", 1, 1 }, { "id", 1, 1 },
	{ "local-name", 0, 1 }, { "namespace-uri", 0, 1 }, { "name", 0, 1 },
	{ "string", 0, 1 }, { "concat", 2, 100 }, { "starts-with", 2, 2 },
	{ "contains", 2, 2 }, { "substring-before", 2, 2 }, { "substring-after", 2, 2 },
	{ "substring", 2, 3 }, { "string-length", 0, 1 }, { "normalize-space", 0, 1 },
	{ "translate", 3, 3 }, { "boolean", 1, 1 }, { "not", 1, 1 }, { "true", 0, 0 },
	{ "false", 0, 0 }, { "lang", 1, 1 }, { "number", 0, 1 }, { "sum", 1, 1 },
	{ "floor", 1, 1 }, { "ceiling", 1, 1 }, { "round", 1, 1 },
};

int xfn_register(xmlXPathContextPtr ctx, xfn_state *st)
{
	ctx->userData = st;
	for (size_t i = 0; i < sizeof(xfn_table) / sizeof(xfn_table[0]); i++)
		if (xmlXPathRegisterFunc(ctx, (const xmlChar *)xfn_table[i].name, xfn_table[i].fn) != 0)
			return AUDIT_ENOMEM;
	return AUDIT_OK;
}

int xfn_known(const char *name, int *min_args, int *max_args)
{
	for (size_t i = 0; i < sizeof(xfn_table) / sizeof(xfn_table[0]); i++)
		if (strcmp(name, xfn_table[i].name) == 0) {
			if (min_args) *min_args = xfn_table[i].min_args;
			if (max_args) *max_args = xfn_table[i].max_args;
			return 1;
		}
	for (size_t i = 0; i < sizeof(core_table) / sizeof(core_table[0]); i++)
		if (strcmp(name, core_table[i].name) == 0) {
			if (min_args) *min_args = core_table[i].min_args;
			if (max_args) *max_args = core_table[i].max_args;
			return 1;
		}
	return 0;
}

/* One step of a node path: "/name", "/name[k]" or "/@name". */
typedef struct path_step {
	const char *sep, *name;
	size_t name_len;
	int occur;
} path_step;

char *xfn_node_path(const xmlNode *node)
{
	path_step steps_small[32], *steps = steps_small;
	size_t n = 0, cap = sizeof(steps_small) / sizeof(steps_small[0]), len = 0;
	const xmlNode *cur;
	char *out, *o;

	if (node == NULL)
		return NULL;
	/* the steps from node up to the document, as xmlGetNodePath takes them */
	for (cur = node; cur != NULL;) {
		path_step st = { "/", "", 0, 0 };
		const xmlNode *next;

		if (cur->type == XML_DOCUMENT_NODE) {
			if (n > 0)
				break;     /* the path already starts with '/' */
			next = NULL;
		} else if (cur->type == XML_ELEMENT_NODE && cur->ns == NULL) {
			const xmlNode *t;

			st.name = (const char *)cur->name;
			for (t = cur->prev; t; t = t->prev)
				if (t->type == XML_ELEMENT_NODE && t->ns == NULL &&
				    xmlStrEqual(cur->name, t->name))
					st.occur++;
			if (st.occur == 0) {
				for (t = cur->next; t && st.occur == 0; t = t->next)
					if (t->type == XML_ELEMENT_NODE && t->ns == NULL &&
					    xmlStrEqual(cur->name, t->name))
						st.occur = 1;
			} else {
				st.occur++;
			}
			next = cur->parent;
		} else if (cur->type == XML_ATTRIBUTE_NODE && cur->ns == NULL) {
			st.sep = "/@";
			st.name = (const char *)cur->name;
			next = cur->parent;
		} else {
			/* anything else (namespaces, text, comments, ...): libxml2's own */
			xmlChar *p;
			char *copy;

			if (steps != steps_small)
				free(steps);
			p = xmlGetNodePath((xmlNodePtr)node);
			if (p == NULL)
				return NULL;
			copy = strdup((const char *)p);
			xmlFree(p);
			return copy;
		}
		st.name_len = strlen(st.name);
		if (n == cap) {
			path_step *ns = malloc(2 * cap * sizeof(*ns));
			if (ns == NULL) {
				if (steps != steps_small)
					free(steps);
				return NULL;
			}
			memcpy(ns, steps, n * sizeof(*ns));
			if (steps != steps_small)
				free(steps);
			steps = ns;
			cap *= 2;
		}
		steps[n++] = st;
		len += strlen(st.sep) + st.name_len + (st.occur ? 12 : 0);
		cur = next;
	}
	out = malloc(len + 1);
	if (out != NULL) {
		o = out;
		for (size_t i = n; i-- > 0;) {
			size_t k = strlen(steps[i].sep);
			memcpy(o, steps[i].sep, k);
			o += k;
			memcpy(o, steps[i].name, steps[i].name_len);
			o += steps[i].name_len;
			if (steps[i].occur) {
				char num[12];
				int d = 0;
				unsigned v = (unsigned)steps[i].occur;
				do {
					num[d++] = (char)('0' + v % 10);
					v /= 10;
				} while (v);
				*o++ = '[';
				while (d)
					*o++ = num[--d];
				*o++ = ']';
			}
		}
		*o = '\0';
	}
	if (steps != steps_small)
		free(steps);
	return out;
}
