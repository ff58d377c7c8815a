/* import_util.c - see import_util.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlerror.h>

#include "util.h"

void import_warn(import_warnings *w, int line, const char *fmt, ...)
{
	char msg[1024];
	audit_err p;
	va_list ap;
	char *s;
	size_t len;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	audit_err_set(&p, AUDIT_OK, w->path, line > 0 ? line : 0, 0, "%s", msg);
	if (w->fn)
		w->fn(w->ud, &p);
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		char **nv = realloc(w->v, cap * sizeof(*nv));
		if (nv == NULL) {
			w->oom = 1;
			return;
		}
		w->v = nv;
		w->cap = cap;
	}
	len = strlen(msg) + (w->path ? strlen(w->path) : 0) + 32;
	s = malloc(len);
	if (s == NULL) {
		w->oom = 1;
		return;
	}
	if (line > 0)
		snprintf(s, len, "%s:%d: %s", w->path ? w->path : "", line, msg);
	else
		snprintf(s, len, "%s: %s", w->path ? w->path : "", msg);
	w->v[w->n++] = s;
}

void import_warnings_take(import_warnings *w, char ***v, size_t *n)
{
	*v = w->v;
	*n = w->n;
	w->v = NULL;
	w->n = w->cap = 0;
}

void import_warnings_free(import_warnings *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	w->v = NULL;
	w->n = w->cap = 0;
}

int import_line(xmlNodePtr node)
{
	long l = node ? xmlGetLineNo(node) : 0;
	return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

/* ---- schemas ---- */

int import_schema_compile(xmlSchemaPtr *out, const char *data, size_t len, const char *what,
			  audit_err *e)
{
	xmlSchemaParserCtxtPtr pc;

	*out = NULL;
	if (len > 0x7fffffff)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "the %s schema is too large", what);
	pc = xmlSchemaNewMemParserCtxt(data, (int)len);
	if (pc == NULL)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "cannot load the %s schema", what);
	*out = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (*out == NULL)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "the %s schema does not compile", what);
	return AUDIT_OK;
}

struct vstate {
	import_schema_fn fn;
	void *ud;
	int n;
};

/* libxml2's message without "{namespace-uri}" and trailing white space. */
static void plain(char *dst, size_t n, const char *src)
{
	size_t o = 0;

	for (size_t i = 0; src[i] && o + 1 < n; i++) {
		if (src[i] == '{') {
			const char *close = strchr(src + i, '}');
			size_t len = close ? (size_t)(close - (src + i)) : 0;
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

static void on_error(void *ud, xmlErrorPtr err)
{
	struct vstate *st = ud;
	char msg[900];

	if (err->level == XML_ERR_WARNING)
		return;
	plain(msg, sizeof(msg), err->message ? err->message : "schema error");
	st->n++;
	if (st->fn)
		st->fn(st->ud, err->line, msg);
}

int import_schema_validate(xmlSchemaPtr s, xmlDocPtr doc, import_schema_fn fn, void *ud)
{
	struct vstate st = { fn, ud, 0 };
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(s);
	int r;

	if (v == NULL)
		return -1;
	xmlSchemaSetValidStructuredErrors(v, on_error, &st);
	r = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (r < 0)
		return -1;
	if (r > 0 && st.n == 0)
		st.n = 1;
	return st.n;
}

/* ---- values ---- */

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int import_date(const char *s, char out[11])
{
	char buf[11];
	long d;
	size_t n;

	if (s == NULL)
		return -1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	if (n < 10)
		return -1;
	if (n > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != '\t' && s[10] != '\n' &&
	    s[10] != '\r' && s[10] != 'Z' && s[10] != '+')
		return -1;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	if (util_date_parse(buf, &d) != 0)
		return -1;
	memcpy(out, buf, 11);
	return 0;
}

int import_birth_from_idnumber(const char *s, int samordning, char out[11])
{
	char dig[16];
	size_t k = 0;
	int plus = 0, y, m, d;
	long days;

	if (s == NULL)
		return -1;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (k >= sizeof(dig) - 1)
				return -1;
			dig[k++] = *s;
		} else if (*s == '+') {
			plus = 1;
		} else if (*s != '-' && *s != ' ') {
			return -1;
		}
	}
	dig[k] = '\0';
	if (k != 12 && k != 10)
		return -1;
	if (!digits(dig, k))
		return -1;
	if (k == 12) {
		y = (dig[0] - '0') * 1000 + (dig[1] - '0') * 100 + (dig[2] - '0') * 10 + (dig[3] - '0');
		m = (dig[4] - '0') * 10 + (dig[5] - '0');
		d = (dig[6] - '0') * 10 + (dig[7] - '0');
	} else {
		int yy = (dig[0] - '0') * 10 + (dig[1] - '0'), ty, tm, td;
		util_civil_from_days(util_today(), &ty, &tm, &td);
		y = (ty / 100) * 100 + yy;
		m = (dig[2] - '0') * 10 + (dig[3] - '0');
		d = (dig[4] - '0') * 10 + (dig[5] - '0');
		if (samordning)
			d -= 60;
		if (y > ty || (y == ty && (m > tm || (m == tm && d > td))))
			y -= 100;
		if (plus)
			y -= 100;
		samordning = 0;
	}
	if (samordning)
		d -= 60;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	days = util_days_from_civil(y, m, d);
	{
		int cy, cm, cd;
		util_civil_from_days(days, &cy, &cm, &cd);
		if (cy != y || cm != m || cd != d)
			return -1;
	}
	util_date_format(days, out);
	return 0;
}

static int id_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == ':' || c == '-';
}

char *import_id(const char *s)
{
	size_t n = s ? strlen(s) : 0, o = 0;
	char *r;

	if (s == NULL)
		return NULL;
	r = malloc(n + 1);
	if (r == NULL)
		return NULL;
	for (size_t i = 0; i < n && o < 64; i++) {
		unsigned char c = (unsigned char)s[i];
		if (id_char(c) && !(o == 0 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
						 (c >= '0' && c <= '9')))) {
			r[o++] = (char)c;
		} else if (o > 0 && r[o - 1] != '-') {
			r[o++] = '-';
		}
		/* skip UTF-8 continuation bytes of a character already replaced */
		if (c >= 0xC0)
			while (i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
				i++;
	}
	while (o > 0 && r[o - 1] == '-')
		o--;
	r[o] = '\0';
	if (o == 0) {
		free(r);
		return NULL;
	}
	return r;
}

char *import_slug(const char *s)
{
	size_t n = s ? strlen(s) : 0, o = 0;
	char *r;

	if (s == NULL)
		return NULL;
	r = malloc(n + 1);
	if (r == NULL)
		return NULL;
	for (size_t i = 0; i < n && o < 60; i++) {
		unsigned char c = (unsigned char)s[i];
		char out = 0;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out = (char)c;
		else if (c >= 'A' && c <= 'Z')
			out = (char)(c - 'A' + 'a');
		else if (c == 0xC3 && i + 1 < n) {
			unsigned char c2 = (unsigned char)s[i + 1];
			i++;
			if (c2 == 0xA5 || c2 == 0xA4 || c2 == 0x85 || c2 == 0x84 || c2 == 0xA0 || c2 == 0xA1)
				out = 'a';
			else if (c2 == 0xB6 || c2 == 0x96 || c2 == 0xB8 || c2 == 0x98)
				out = 'o';
			else if (c2 == 0xA9 || c2 == 0x89 || c2 == 0xA8 || c2 == 0x88)
				out = 'e';
			else if (c2 == 0xBC || c2 == 0x9C)
				out = 'u';
		} else if (c >= 0xC0) {
			while (i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
				i++;
		}
		if (out)
			r[o++] = out;
		else if (o > 0 && r[o - 1] != '-')
			r[o++] = '-';
	}
	while (o > 0 && r[o - 1] == '-')
		o--;
	r[o] = '\0';
	if (o == 0) {
		free(r);
		return NULL;
	}
	return r;
}

char *import_text(xmlNodePtr node)
{
	xmlChar *t;
	size_t b = 0, n;
	char *s;

	if (node == NULL)
		return NULL;
	t = xmlNodeGetContent(node);
	if (t == NULL)
		return NULL;
	s = (char *)t;
	n = strlen(s);
	while (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r'))
		b++;
	while (n > b && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	memmove(s, s + b, n - b);
	s[n - b] = '\0';
	return s;
}

char *import_clip(const char *s, size_t max, int *cut)
{
	size_t n = strlen(s);
	char *r;

	*cut = 0;
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		*cut = 1;
	}
	r = malloc(n + 1);
	if (r == NULL)
		return NULL;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

xmlNodePtr import_child(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

xmlNodePtr import_next(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node ? node->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}
