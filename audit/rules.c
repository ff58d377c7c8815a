/* rules.c - load rule files and checklists; see rules.h. */
#define _POSIX_C_SOURCE 200809L
#include "rules.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/xpathInternals.h>

#include "xfn.h"

#define RULES_NS "urn:audit:rules:1"
#define CHECKLIST_NS "urn:audit:checklist:1"
#define RULE_FILE_MAX ((size_t)4 * 1024 * 1024)

/* ------------------------------------------------------------ locations */

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *rules_data_dir(void)
{
	static char found[4096];
	const char *env = getenv("AUDIT_DATA_DIR");
	char exe[2048];
	ssize_t n;

	if (env && env[0])
		return env;
	if (found[0])
		return found;
	/* beside the executable first (installed or build tree next to source) */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(found, sizeof(found), "%s/../share/audit", exe);
			if (is_dir(found) && strlen(found) < sizeof(found) - 20) {
				char chk[4200];
				snprintf(chk, sizeof(chk), "%s/checklists", found);
				if (is_dir(chk))
					return found;
			}
		}
	}
#ifdef AUDIT_SOURCE_DIR
	{
		char chk[4200];
		snprintf(chk, sizeof(chk), "%s/checklists", AUDIT_SOURCE_DIR);
		if (is_dir(chk)) {
			snprintf(found, sizeof(found), "%s", AUDIT_SOURCE_DIR);
			return found;
		}
	}
#endif
#ifdef AUDIT_DATA_DIR
	snprintf(found, sizeof(found), "%s", AUDIT_DATA_DIR);
	return found;
#else
	snprintf(found, sizeof(found), ".");
	return found;
#endif
}

char *rules_find_checklist(const char *name)
{
	char buf[4400];

	if (name == NULL)
		return NULL;
	if (is_file(name))
		return strdup(name);
	if (strchr(name, '/') != NULL)
		return NULL;
	snprintf(buf, sizeof(buf), "%s/checklists/%s", rules_data_dir(), name);
	if (is_file(buf))
		return strdup(buf);
	snprintf(buf, sizeof(buf), "%s/checklists/%s.xml", rules_data_dir(), name);
	if (is_file(buf))
		return strdup(buf);
	return NULL;
}

/* ------------------------------------------------------------ problems */

struct loader {
	xmlsafe_problem_fn fn;
	void *ud;
	audit_err *first;
	int n_problems;
	const checklist *cl;     /* for parameter names; NULL while loading it */
	const char *file;
	const char *buf;
	size_t len;
};

static void problem(struct loader *ld, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct loader *ld, int line, int col, const char *fmt, ...)
{
	audit_err p;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	audit_err_set(&p, AUDIT_EINPUT, ld->file, line, col, "%s", msg);
	if (ld->n_problems == 0 && ld->first)
		*ld->first = p;
	ld->n_problems++;
	if (ld->fn)
		ld->fn(ld->ud, &p);
}

static void on_schema_problem(void *ud, const audit_err *p)
{
	struct loader *ld = ud;

	if (ld->n_problems == 0 && ld->first)
		*ld->first = *p;
	ld->n_problems++;
	if (ld->fn)
		ld->fn(ld->ud, p);
}

/* Line and column where attribute attr's value starts, searching from the
 * element's line over a few lines (attributes may wrap). */
static void attr_pos(struct loader *ld, xmlNodePtr node, const char *attr, int *line, int *col)
{
	long l0 = xmlGetLineNo(node);
	char needle[80];
	size_t i = 0;
	int l = 1;

	*line = l0 > 0 ? (int)l0 : 0;
	*col = 0;
	if (l0 <= 0 || ld->buf == NULL)
		return;
	snprintf(needle, sizeof(needle), "%s=", attr);
	while (l < l0 && i < ld->len) {
		if (ld->buf[i] == '\n')
			l++;
		i++;
	}
	for (size_t j = i; j + strlen(needle) < ld->len && l < l0 + 20; j++) {
		if (ld->buf[j] == '\n')
			l++;
		if (memcmp(ld->buf + j, needle, strlen(needle)) == 0 &&
		    (j == 0 || ld->buf[j - 1] == ' ' || ld->buf[j - 1] == '\t' || ld->buf[j - 1] == '\n')) {
			int line2, col2;
			size_t start = j + strlen(needle) + 1; /* after the quote */
			size_t ls = start;
			while (ls > 0 && ld->buf[ls - 1] != '\n')
				ls--;
			xmlsafe_offset_pos(ld->buf + ls, start - ls, &line2, &col2);
			*line = l;
			*col = col2;
			return;
		}
	}
}

/* ------------------------------------------------------------ legal refs */

int legal_ref_format(const legal_ref *r, abuf *out)
{
	int rc;

	if (strcmp(r->law, "SoL") == 0 || strcmp(r->law, "FL") == 0 || strcmp(r->law, "OSL") == 0)
		rc = abuf_printf(out, "%s (%s)", r->law, r->sfs);
	else
		rc = abuf_printf(out, "%s %s", r->law, r->sfs);
	if (rc == 0 && r->chapter && r->chapter[0])
		rc = abuf_printf(out, " %s kap.", r->chapter);
	if (rc == 0 && r->paragraph && r->paragraph[0])
		rc = abuf_printf(out, " %s §", r->paragraph);
	return rc;
}

int rule_refs_on(const rule *r, long date, abuf *out)
{
	int first = 1;

	for (size_t i = 0; i < r->n_refs; i++) {
		const legal_ref *ref = &r->refs[i];
		if (date < ref->valid_from || date > ref->valid_to)
			continue;
		if (!first && abuf_puts(out, "; ") != 0)
			return AUDIT_ENOMEM;
		if (legal_ref_format(ref, out) != 0)
			return AUDIT_ENOMEM;
		first = 0;
	}
	return AUDIT_OK;
}

static int read_ref(legal_ref *r, xmlNodePtr n)
{
	char *s;

	memset(r, 0, sizeof(*r));
	r->law = xmlsafe_attr(n, "law");
	r->sfs = xmlsafe_attr(n, "sfs");
	r->chapter = xmlsafe_attr(n, "chapter");
	r->paragraph = xmlsafe_attr(n, "paragraph");
	r->note = (char *)xmlNodeGetContent(n);
	r->valid_from = LONG_MIN;
	r->valid_to = LONG_MAX;
	if ((s = xmlsafe_attr(n, "valid-from")) != NULL) {
		util_date_parse(s, &r->valid_from);
		xmlFree(s);
	}
	if ((s = xmlsafe_attr(n, "valid-to")) != NULL) {
		util_date_parse(s, &r->valid_to);
		xmlFree(s);
	}
	s = xmlsafe_attr(n, "verified");
	r->verified = !(s && (strcmp(s, "false") == 0 || strcmp(s, "0") == 0));
	xmlFree(s);
	s = xmlsafe_attr(n, "local");
	r->local = s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
	xmlFree(s);
	return r->law && r->sfs && r->note ? AUDIT_OK : AUDIT_ENOMEM;
}

static void free_ref(legal_ref *r)
{
	xmlFree(r->law);
	xmlFree(r->sfs);
	xmlFree(r->chapter);
	xmlFree(r->paragraph);
	xmlFree(r->note);
}

/* ------------------------------------------------------------ XPath checks */

static int is_ncname_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c >= 0x80;
}

static int known_variable(const struct loader *ld, const char *name)
{
	if (strcmp(name, "akt") == 0 || strcmp(name, "item") == 0 || strcmp(name, "ref") == 0)
		return 1;
	if (ld->cl == NULL)
		return 1; /* checked once the checklist is known */
	for (size_t i = 0; i < ld->cl->n_params; i++)
		if (strcmp(ld->cl->params[i].name, name) == 0)
			return 1;
	return 0;
}

/* Reads a string literal starting at s[i] (a quote); returns its end
 * (after the closing quote) and copies the content into out. */
static size_t read_literal(const char *s, size_t i, char *out, size_t n)
{
	char q = s[i];
	size_t j = i + 1, o = 0;

	while (s[j] && s[j] != q) {
		if (o + 1 < n)
			out[o++] = s[j];
		j++;
	}
	if (n)
		out[o] = '\0';
	return s[j] ? j + 1 : j;
}

/* Checks the regular expressions given as literals to matches(). */
static void check_matches_call(struct loader *ld, const char *s, size_t open, int line, int col)
{
	int depth = 0, arg = 0;
	size_t i = open + 1;
	char pattern[2048] = "", flags[16] = "";
	int have_pattern = 0;

	while (s[i]) {
		char c = s[i];
		if (c == '\'' || c == '"') {
			if (depth == 0 && arg >= 1) {
				size_t k = i;
				/* literal only when it is the whole argument */
				while (k > open && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\n'))
					k--;
				if (s[k - 1] == ',') {
					if (arg == 1) {
						i = read_literal(s, i, pattern, sizeof(pattern));
						have_pattern = 1;
					} else {
						i = read_literal(s, i, flags, sizeof(flags));
					}
					continue;
				}
			}
			i = read_literal(s, i, NULL, 0);
			continue;
		}
		if (c == '(' || c == '[')
			depth++;
		else if (c == ')' || c == ']') {
			if (depth == 0)
				break;
			depth--;
		} else if (c == ',' && depth == 0)
			arg++;
		i++;
	}
	if (have_pattern) {
		char msg[300];
		size_t off = 0;
		if (xfn_check_regex(pattern, flags, msg, sizeof(msg), &off) != AUDIT_OK)
			problem(ld, line, col,
				"the regular expression \"%s\" does not compile: %s (at character %zu); "
				"fix the pattern", pattern, msg, off + 1);
	}
}

/* Scans an XPath for function calls and variables that do not exist. */
static void check_names(struct loader *ld, const char *s, int line, int col)
{
	size_t i = 0;
	char prev = 0;

	while (s[i]) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\'' || c == '"') {
			i = read_literal(s, i, NULL, 0);
			prev = 'x';
			continue;
		}
		if (c == '$') {
			char name[128];
			size_t k = 0;
			i++;
			while (s[i] && is_ncname_char((unsigned char)s[i]) && k + 1 < sizeof(name))
				name[k++] = s[i++];
			name[k] = '\0';
			if (!known_variable(ld, name))
				problem(ld, line, col + (int)(i - k - 1),
					"unknown variable $%s: use $akt, $item, $ref or a parameter the "
					"checklist declares", name);
			prev = 'x';
			continue;
		}
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
			char name[128];
			size_t k = 0, start = i, j;
			while (s[i] && is_ncname_char((unsigned char)s[i]) && k + 1 < sizeof(name))
				name[k++] = s[i++];
			name[k] = '\0';
			j = i;
			while (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')
				j++;
			if (s[j] == '(' && prev != '@' && prev != ':' &&
			    strcmp(name, "node") != 0 && strcmp(name, "text") != 0 &&
			    strcmp(name, "comment") != 0 && strcmp(name, "processing-instruction") != 0) {
				if (!xfn_known(name, NULL, NULL))
					problem(ld, line, col + (int)start,
						"unknown function %s(): see the list of functions in the README "
						"(matches, has-text, days-between, add-days, add-months, age-on, "
						"max-date, ref-date and the XPath 1.0 functions)", name);
				else if (strcmp(name, "matches") == 0)
					check_matches_call(ld, s, j, line, col + (int)start);
			}
			prev = 'x';
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\n')
			prev = (char)c;
		i++;
	}
}

/* Compiles the XPath in attribute attr of node into x.  Returns 0, or -1
 * after reporting the problem. */
static int compile_expr(struct loader *ld, rule_expr *x, xmlNodePtr node, const char *attr)
{
	char *src = xmlsafe_attr(node, attr);

	memset(x, 0, sizeof(*x));
	if (src == NULL)
		return 0;
	x->src = strdup(src);
	xmlFree(src);
	if (x->src == NULL)
		return -1;
	attr_pos(ld, node, attr, &x->line, &x->column);
	xmlResetLastError();
	x->comp = xmlXPathCompile((const xmlChar *)x->src);
	if (x->comp == NULL) {
		xmlErrorPtr err = xmlGetLastError();
		int off = err ? err->int1 : 0;
		problem(ld, x->line, x->column + (off > 0 ? off : 0),
			"the XPath expression does not compile: %s in \"%s\"",
			err && err->message ? strtok(err->message, "\n") : "syntax error", x->src);
		return -1;
	}
	check_names(ld, x->src, x->line, x->column);
	return 0;
}

static void free_expr(rule_expr *x)
{
	free(x->src);
	if (x->comp)
		xmlXPathFreeCompExpr(x->comp);
}

/* ------------------------------------------------------------ rules */

static char *text_of(xmlNodePtr n)
{
	return n ? (char *)xmlNodeGetContent(n) : NULL;
}

static void free_rule(rule *r)
{
	xmlFree(r->id);
	xmlFree(r->area);
	xmlFree(r->title);
	xmlFree(r->description);
	free(r->file);
	for (size_t i = 0; i < r->n_refs; i++)
		free_ref(&r->refs[i]);
	free(r->refs);
	free_expr(&r->applies);
	xmlFree(r->applies_text);
	free_expr(&r->foreach);
	xmlFree(r->item_label);
	for (size_t i = 0; i < r->n_outcomes; i++) {
		rule_outcome *o = &r->outcomes[i];
		free_expr(&o->test);
		for (size_t k = 0; k < o->n_evidence; k++) {
			free_expr(&o->evidence[k].select);
			xmlFree(o->evidence[k].kind);
		}
		free(o->evidence);
		xmlFree(o->sought);
	}
	free(r->outcomes);
	for (int v = 0; v < 5; v++)
		xmlFree(r->messages[v]);
	for (size_t i = 0; i < r->n_cases; i++) {
		xmlFree(r->cases[i].date);
		xmlFree(r->cases[i].name);
		free(r->cases[i].akt_xml);
	}
	free(r->cases);
}

static size_t count_children(xmlNodePtr n, const char *name)
{
	size_t k = 0;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (name == NULL || strcmp((const char *)c->name, name) == 0))
			k++;
	return k;
}

static verdict attr_verdict(xmlNodePtr n, const char *attr, verdict dflt)
{
	char *s = xmlsafe_attr(n, attr);
	verdict v = s ? verdict_parse(s) : dflt;
	xmlFree(s);
	return v;
}

static int read_outcome(struct loader *ld, rule_outcome *o, xmlNodePtr n, int is_otherwise)
{
	size_t k = 0;

	o->value = attr_verdict(n, "verdict", VERDICT_EJ_UPPFYLLT);
	if (!is_otherwise) {
		if (compile_expr(ld, &o->test, n, "test") != 0)
			return -1;
		if (o->test.src == NULL) {
			problem(ld, (int)xmlGetLineNo(n), 0, "a <when> needs a test attribute");
			return -1;
		}
	} else if (xmlHasProp(n, (const xmlChar *)"test")) {
		int l, c;
		attr_pos(ld, n, "test", &l, &c);
		problem(ld, l, c, "<otherwise> takes no test: it applies when no <when> did");
	}
	o->n_evidence = count_children(n, "evidence");
	o->evidence = o->n_evidence ? calloc(o->n_evidence, sizeof(*o->evidence)) : NULL;
	if (o->n_evidence && o->evidence == NULL)
		return -1;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "evidence") == 0) {
			if (compile_expr(ld, &o->evidence[k].select, c, "select") != 0)
				return -1;
			o->evidence[k].kind = xmlsafe_attr(c, "kind");
			k++;
		} else if (strcmp((const char *)c->name, "sought") == 0) {
			o->sought = text_of(c);
		}
	}
	return 0;
}

static int read_cases(struct loader *ld, rule *r, xmlNodePtr tests);

static int read_rule(struct loader *ld, rule *r, xmlNodePtr n)
{
	xmlNodePtr c;
	size_t k;
	int bad = 0;

	r->id = xmlsafe_attr(n, "id");
	r->area = xmlsafe_attr(n, "area");
	r->file = strdup(ld->file);
	r->line = (int)xmlGetLineNo(n);
	r->title = text_of(xmlsafe_child(n, "title"));
	r->description = text_of(xmlsafe_child(n, "description"));
	if (!r->id || !r->area || !r->file || !r->title)
		return -1;

	c = xmlsafe_child(n, "legal");
	r->n_refs = count_children(c, "ref");
	r->refs = calloc(r->n_refs ? r->n_refs : 1, sizeof(*r->refs));
	if (r->refs == NULL)
		return -1;
	k = 0;
	for (xmlNodePtr x = c ? c->children : NULL; x; x = x->next)
		if (x->type == XML_ELEMENT_NODE && read_ref(&r->refs[k++], x) != 0)
			return -1;

	if ((c = xmlsafe_child(n, "applies")) != NULL) {
		r->has_applies = 1;
		bad |= compile_expr(ld, &r->applies, c, "test");
		r->applies_text = text_of(c);
	}
	if ((c = xmlsafe_child(n, "for-each")) != NULL) {
		char *s;
		r->has_foreach = 1;
		bad |= compile_expr(ld, &r->foreach, c, "select");
		r->item_label = xmlsafe_attr(c, "item");
		r->empty = attr_verdict(c, "empty", VERDICT_EJ_TILLAMPLIGT);
		s = xmlsafe_attr(c, "combine");
		r->combine_share = s && strcmp(s, "share") == 0;
		xmlFree(s);
		s = xmlsafe_attr(c, "threshold");
		r->threshold = s ? strtod(s, NULL) : 1.0;
		if (r->combine_share && (s == NULL || r->threshold <= 0 || r->threshold > 1)) {
			int l, col;
			attr_pos(ld, c, "threshold", &l, &col);
			problem(ld, l ? l : (int)xmlGetLineNo(c), col,
				"combine=\"share\" needs threshold=\"...\" between 0 and 1 (e.g. 0.8)");
			bad = -1;
		}
		xmlFree(s);
	}
	c = xmlsafe_child(n, "verdicts");
	r->n_outcomes = count_children(c, NULL);
	r->outcomes = calloc(r->n_outcomes ? r->n_outcomes : 1, sizeof(*r->outcomes));
	if (r->outcomes == NULL)
		return -1;
	k = 0;
	for (xmlNodePtr x = c ? c->children : NULL; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		bad |= read_outcome(ld, &r->outcomes[k], x, strcmp((const char *)x->name, "otherwise") == 0);
		k++;
	}
	c = xmlsafe_child(n, "messages");
	for (xmlNodePtr x = c ? c->children : NULL; x; x = x->next) {
		verdict v;
		if (x->type != XML_ELEMENT_NODE)
			continue;
		v = attr_verdict(x, "verdict", VERDICT_NONE);
		if (v == VERDICT_NONE)
			continue;
		if (r->messages[v]) {
			problem(ld, (int)xmlGetLineNo(x), 0, "rule %s has two messages for %s: keep one",
				r->id, verdict_name(v));
			bad = -1;
			continue;
		}
		r->messages[v] = text_of(x);
	}
	/* Every verdict the rule can give needs a message for the report. */
	{
		int can[5] = { 0 };
		for (size_t i = 0; i < r->n_outcomes; i++)
			can[r->outcomes[i].value] = 1;
		if (r->has_applies)
			can[VERDICT_EJ_TILLAMPLIGT] = 1;
		if (r->has_foreach) {
			can[r->empty] = 1;
			if (can[VERDICT_UPPFYLLT] && can[VERDICT_EJ_UPPFYLLT])
				can[VERDICT_DELVIS] = 1;
		}
		memcpy(r->can_give, can, sizeof(can));
		for (int v = 1; v < 5; v++)
			if (can[v] && r->messages[v] == NULL) {
				problem(ld, r->line, 0, "rule %s can give \"%s\" but has no <message verdict=\"%s\">: add one",
					r->id, verdict_name((verdict)v), verdict_name((verdict)v));
				bad = -1;
			}
	}
	if ((c = xmlsafe_child(n, "tests")) != NULL && read_cases(ld, r, c) != 0)
		bad = -1;
	return bad ? -1 : 0;
}

static int is_named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void dump_node(abuf *b, xmlNodePtr n)
{
	xmlBufferPtr xb = xmlBufferCreate();

	if (xb == NULL)
		return;
	if (xmlNodeDump(xb, n->doc, n, 0, 0) >= 0)
		abuf_add(b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
}

/* Assembles each <case> into a whole akt document. */
static int read_cases(struct loader *ld, rule *r, xmlNodePtr tests)
{
	size_t k = 0;

	r->n_cases = count_children(tests, "case");
	r->cases = calloc(r->n_cases ? r->n_cases : 1, sizeof(*r->cases));
	if (r->cases == NULL)
		return -1;
	for (xmlNodePtr c = tests->children; c; c = c->next) {
		rule_case *rc;
		abuf b = ABUF_INIT;
		int have_arende = 0, have_hushall = 0, hushall_done = 0;

		if (!is_named(c, "case"))
			continue;
		rc = &r->cases[k++];
		rc->expected = attr_verdict(c, "verdict", VERDICT_NONE);
		rc->date = xmlsafe_attr(c, "date");
		if (rc->date == NULL)
			rc->date = (char *)xmlStrdup((const xmlChar *)"2026-10-31");
		rc->name = xmlsafe_attr(c, "name");
		rc->line = (int)xmlGetLineNo(c);
		for (xmlNodePtr x = c->children; x; x = x->next) {
			have_arende |= is_named(x, "arende");
			have_hushall |= is_named(x, "hushall");
		}
		abuf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<akt xmlns=\"urn:audit:akt:1\" version=\"1\" id=\"%s-T%zu\">"
			    "<enhet id=\"test\" namn=\"Testenhet\"/><handlaggare id=\"h1\">Test</handlaggare>",
			    r->id, k);
		if (!have_arende)
			abuf_puts(&b, "<arende status=\"pagaende\" oppnat=\"2025-01-01\"/>");
		for (xmlNodePtr x = c->children; x; x = x->next) {
			if (x->type != XML_ELEMENT_NODE)
				continue;
			if (!is_named(x, "arende") && !is_named(x, "hushall") && !have_hushall && !hushall_done) {
				abuf_puts(&b, "<hushall><person id=\"P1\" roll=\"sokande\"/></hushall>");
				hushall_done = 1;
			}
			dump_node(&b, x);
		}
		if (!have_hushall && !hushall_done)
			abuf_puts(&b, "<hushall><person id=\"P1\" roll=\"sokande\"/></hushall>");
		abuf_puts(&b, "</akt>\n");
		rc->akt_xml = abuf_take(&b);
		if (rc->akt_xml == NULL || rc->date == NULL)
			return -1;
	}
	r->n_cases = k;
	(void)ld;
	return 0;
}

int checklist_lint_tests(const checklist *c, xmlsafe_problem_fn fn, void *ud)
{
	struct loader ld = { fn, ud, NULL, 0, c, NULL, NULL, 0 };

	for (size_t i = 0; i < c->n_rules; i++) {
		const rule *r = &c->rules[i];
		ld.file = r->file;
		if (r->n_cases == 0) {
			problem(&ld, r->line, 0, "rule %s has no test cases: add <tests> with a <case> for "
				"every verdict it can give", r->id);
			continue;
		}
		for (int v = 1; v < 5; v++) {
			int have = 0;
			for (size_t k = 0; k < r->n_cases; k++)
				have |= r->cases[k].expected == (verdict)v;
			if (r->can_give[v] && !have)
				problem(&ld, r->line, 0, "rule %s can give \"%s\" but no test case expects it: "
					"add a <case verdict=\"%s\">", r->id, verdict_name((verdict)v),
					verdict_name((verdict)v));
		}
	}
	return ld.n_problems;
}

/* Parses and validates buf (len bytes; name in messages) as an XML data
 * file of the given kind.  *out_doc belongs to the caller. */
static int parse_data_buffer(struct loader *ld, const char *buf, size_t len, const char *name,
			     xmlsafe_schema which, const char *root_name, const char *ns,
			     xmlDocPtr *out_doc)
{
	audit_err e;
	xmlNodePtr root;
	int rc;

	*out_doc = NULL;
	if (len > RULE_FILE_MAX) {
		audit_err_set(&e, AUDIT_EINPUT, name, 0, 0,
			      "file is %zu bytes, over the limit of %zu bytes", len, RULE_FILE_MAX);
		on_schema_problem(ld, &e);
		return AUDIT_EINPUT;
	}
	if ((rc = xmlsafe_parse(out_doc, buf, len, name, &e)) < 0) {
		on_schema_problem(ld, &e);
		return rc;
	}
	root = xmlDocGetRootElement(*out_doc);
	if (root == NULL || strcmp((const char *)root->name, root_name) != 0 || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, ns) != 0) {
		audit_err_set(&e, AUDIT_EINPUT, name, root ? (int)xmlGetLineNo(root) : 0, 1,
			      "the root element must be <%s xmlns=\"%s\">", root_name, ns);
		on_schema_problem(ld, &e);
		return AUDIT_EINPUT;
	}
	rc = xmlsafe_validate(*out_doc, which, buf, len, name, on_schema_problem, ld, NULL);
	if (rc < 0)
		return rc;
	xmlsafe_strip_ns(root);
	return AUDIT_OK;
}

/* Reads a data file into *out_buf (the caller frees it); a failure is
 * reported as a problem. */
static int read_data_file(struct loader *ld, const char *path, char **out_buf, size_t *out_len)
{
	audit_err e;
	int rc;

	if ((rc = util_read_file(out_buf, out_len, path, RULE_FILE_MAX, &e)) < 0)
		on_schema_problem(ld, &e);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Lists *.xml in dir, sorted; caller frees each and the array. */
static int list_xml(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t k = 0, cap = 0;

	*out = NULL;
	*n = 0;
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".xml") != 0)
			continue;
		if (k == cap) {
			char **nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
			if (nv == NULL)
				break;
			v = nv;
		}
		v[k] = util_path_join(dir, de->d_name);
		if (v[k])
			k++;
	}
	closedir(d);
	if (k)
		qsort(v, k, sizeof(*v), cmp_str);
	*out = v;
	*n = k;
	return 0;
}

/* Loads the rules of one rule file in memory (buf, len; name in messages
 * and kept as each rule's file) into cl. */
static int load_rules_buffer(struct loader *ld, checklist *cl, const char *buf, size_t len,
			     const char *name, size_t *cap, abuf *hashed)
{
	xmlDocPtr doc = NULL;
	int rc = AUDIT_OK, before = ld->n_problems;

	ld->file = name;
	if (parse_data_buffer(ld, buf, len, name, XMLSAFE_SCHEMA_RULES, "rules", RULES_NS, &doc) < 0) {
		rc = AUDIT_EINPUT;
		goto done;
	}
	ld->buf = buf;
	ld->len = len;
	abuf_add(hashed, buf, len);
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		rule *r;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (cl->n_rules == *cap) {
			size_t ncap = *cap ? *cap * 2 : 32;
			rule *nr = realloc(cl->rules, ncap * sizeof(*nr));
			if (nr == NULL) {
				rc = AUDIT_ENOMEM;
				break;
			}
			cl->rules = nr;
			*cap = ncap;
		}
		r = &cl->rules[cl->n_rules++];
		memset(r, 0, sizeof(*r));
		if (read_rule(ld, r, n) != 0)
			rc = AUDIT_EINPUT;
		for (size_t i = 0; i + 1 < cl->n_rules; i++)
			if (r->id && cl->rules[i].id && strcmp(cl->rules[i].id, r->id) == 0) {
				problem(ld, r->line, 0, "rule id %s is used twice (also in %s:%d): ids must be unique",
					r->id, cl->rules[i].file, cl->rules[i].line);
				rc = AUDIT_EINPUT;
			}
	}
	if (ld->n_problems > before && rc == AUDIT_OK)
		rc = AUDIT_EINPUT;
done:
	ld->buf = NULL;
	ld->len = 0;
	if (doc)
		xmlFreeDoc(doc);
	return rc;
}

static int load_rules_dir(struct loader *ld, checklist *cl, const char *dir, abuf *hashed)
{
	char **files;
	size_t nf, cap = 0;
	int rc = AUDIT_OK;

	if (list_xml(dir, &files, &nf) != 0) {
		audit_err e;
		audit_err_set(&e, AUDIT_EINPUT, dir, 0, 0,
			      "cannot read the rules folder; give one with --rules DIR");
		on_schema_problem(ld, &e);
		return AUDIT_EINPUT;
	}
	for (size_t f = 0; f < nf; f++) {
		char *buf = NULL;
		size_t len = 0;
		int r;

		ld->file = files[f];
		if (read_data_file(ld, files[f], &buf, &len) < 0)
			r = AUDIT_EINPUT;
		else
			r = load_rules_buffer(ld, cl, buf, len, files[f], &cap, hashed);
		if (r < 0 && rc != AUDIT_ENOMEM)
			rc = r;
		free(buf);
	}
	for (size_t f = 0; f < nf; f++)
		free(files[f]);
	free(files);
	return rc;
}

void checklist_free(checklist *c)
{
	if (c == NULL)
		return;
	xmlFree(c->id);
	xmlFree(c->version);
	xmlFree(c->date);
	xmlFree(c->name);
	xmlFree(c->description);
	free(c->file);
	for (size_t i = 0; i < c->n_basis; i++)
		free_ref(&c->basis[i]);
	free(c->basis);
	for (size_t i = 0; i < c->n_params; i++) {
		xmlFree(c->params[i].name);
		xmlFree(c->params[i].text);
	}
	free(c->params);
	for (size_t i = 0; i < c->n_items; i++) {
		xmlFree(c->items[i].section_id);
		xmlFree(c->items[i].section_title);
	}
	free(c->items);
	for (size_t i = 0; i < c->n_rules; i++)
		free_rule(&c->rules[i]);
	free(c->rules);
	free(c);
}

int checklist_param_get(const checklist *c, const char *name, double *v)
{
	for (size_t i = 0; i < c->n_params; i++)
		if (strcmp(c->params[i].name, name) == 0) {
			*v = c->params[i].value;
			return 0;
		}
	return -1;
}

static int bool_attr(xmlNodePtr n, const char *name)
{
	char *s = xmlsafe_attr(n, name);
	int v = s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
	xmlFree(s);
	return v;
}

/* Loads the checklist in buf (len bytes; or, when buf is NULL, read from
 * path; path names it in messages) with its rules from rules_dir or, when
 * rb is not NULL, from the n_rb rule files in memory. */
static int load_checklist_impl(checklist **out, const char *buf_in, size_t len_in,
			       const char *path, const char *rules_dir, const rules_buffer *rb,
			       size_t n_rb, xmlsafe_problem_fn fn, void *ud, audit_err *e)
{
	struct loader ld = { fn, ud, e, 0, NULL, path, NULL, 0 };
	checklist *cl = calloc(1, sizeof(*cl));
	xmlDocPtr doc = NULL;
	xmlNodePtr root, c;
	const char *buf = buf_in;
	char *owned = NULL, *dir = NULL;
	size_t len = len_in, k;
	abuf hashed = ABUF_INIT;
	int rc;

	*out = NULL;
	audit_err_clear(e);
	if (cl == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	cl->file = strdup(path);
	if (buf == NULL) {
		if ((rc = read_data_file(&ld, path, &owned, &len)) < 0)
			goto done;
		buf = owned;
	}
	if ((rc = parse_data_buffer(&ld, buf, len, path, XMLSAFE_SCHEMA_CHECKLIST, "checklist",
				    CHECKLIST_NS, &doc)) < 0)
		goto done;
	abuf_add(&hashed, buf, len);
	root = xmlDocGetRootElement(doc);
	cl->id = xmlsafe_attr(root, "id");
	cl->version = xmlsafe_attr(root, "version");
	cl->date = xmlsafe_attr(root, "date");
	cl->name = text_of(xmlsafe_child(root, "name"));
	cl->description = text_of(xmlsafe_child(root, "description"));

	c = xmlsafe_child(root, "legal-basis");
	cl->n_basis = count_children(c, "ref");
	cl->basis = calloc(cl->n_basis ? cl->n_basis : 1, sizeof(*cl->basis));
	k = 0;
	for (xmlNodePtr x = c ? c->children : NULL; cl->basis && x; x = x->next)
		if (x->type == XML_ELEMENT_NODE)
			read_ref(&cl->basis[k++], x);

	c = xmlsafe_child(root, "params");
	cl->n_params = count_children(c, "param");
	cl->params = calloc(cl->n_params ? cl->n_params : 1, sizeof(*cl->params));
	k = 0;
	for (xmlNodePtr x = c ? c->children : NULL; cl->params && x; x = x->next) {
		char *v;
		if (x->type != XML_ELEMENT_NODE)
			continue;
		cl->params[k].name = xmlsafe_attr(x, "name");
		v = xmlsafe_attr(x, "value");
		cl->params[k].value = v ? strtod(v, NULL) : 0;
		xmlFree(v);
		cl->params[k].text = text_of(x);
		k++;
	}

	/* the rules */
	ld.cl = cl;
	if (rb != NULL) {
		size_t cap = 0;
		rc = AUDIT_OK;
		for (size_t f = 0; f < n_rb; f++) {
			int r = load_rules_buffer(&ld, cl, rb[f].data, rb[f].len,
						  rb[f].name ? rb[f].name : "rules.xml", &cap, &hashed);
			if (r < 0 && rc != AUDIT_ENOMEM)
				rc = r;
		}
	} else if (rules_dir == NULL) {
		char *slash;
		dir = strdup(path);
		if (dir == NULL) {
			rc = audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
			goto done;
		}
		slash = strrchr(dir, '/');
		if (slash)
			strcpy(slash, "/../rules");
		else {
			free(dir);
			dir = strdup("../rules");
		}
		rules_dir = dir;
	}
	if (rb == NULL)
		rc = load_rules_dir(&ld, cl, rules_dir, &hashed);
	ld.file = path;
	ld.buf = buf;
	ld.len = len;

	/* the sections, resolving rule ids */
	cl->n_items = 0;
	for (xmlNodePtr s = root->children; s; s = s->next)
		if (s->type == XML_ELEMENT_NODE && strcmp((const char *)s->name, "section") == 0)
			cl->n_items += count_children(s, "criterion");
	cl->items = calloc(cl->n_items ? cl->n_items : 1, sizeof(*cl->items));
	k = 0;
	for (xmlNodePtr s = root->children; cl->items && s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "section") != 0)
			continue;
		for (xmlNodePtr x = s->children; x; x = x->next) {
			char *rid;
			const rule *found = NULL;
			if (x->type != XML_ELEMENT_NODE)
				continue;
			rid = xmlsafe_attr(x, "rule");
			for (size_t i = 0; rid && i < cl->n_rules; i++)
				if (cl->rules[i].id && strcmp(cl->rules[i].id, rid) == 0)
					found = &cl->rules[i];
			for (size_t i = 0; rid && found && i < k; i++)
				if (cl->items[i].rule == found) {
					int l, col;
					attr_pos(&ld, x, "rule", &l, &col);
					problem(&ld, l, col, "rule %s is listed twice in the checklist", rid);
					rc = AUDIT_EINPUT;
				}
			if (found == NULL) {
				int l, col;
				attr_pos(&ld, x, "rule", &l, &col);
				problem(&ld, l, col, "no rule with id \"%s\" in %s: check the spelling or add the rule file",
					rid ? rid : "", rules_dir ? rules_dir : "the rule files given");
				rc = AUDIT_EINPUT;
			}
			cl->items[k].rule = found;
			cl->items[k].section_id = xmlsafe_attr(s, "id");
			cl->items[k].section_title = xmlsafe_attr(s, "title");
			cl->items[k].optional = bool_attr(s, "optional");
			cl->items[k].local = bool_attr(s, "local");
			/* weights: validated as non-negative decimals by the schema */
			{
				char *w = xmlsafe_attr(s, "weight");
				cl->items[k].section_weight = w ? strtod(w, NULL) : -1.0;
				xmlFree(w);
				w = xmlsafe_attr(x, "weight");
				cl->items[k].weight = w ? strtod(w, NULL) : 1.0;
				xmlFree(w);
			}
			k++;
			xmlFree(rid);
		}
	}
	cl->n_items = k;
	util_sha256_hex(abuf_str(&hashed), hashed.len, cl->hash);
	if (ld.n_problems > 0 && rc == AUDIT_OK)
		rc = AUDIT_EINPUT;
done:
	if (rc == AUDIT_OK && (cl->file == NULL || cl->items == NULL || cl->params == NULL || cl->basis == NULL))
		rc = audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	if (rc < 0 && e && e->code == AUDIT_OK)
		audit_err_set(e, rc, path, 0, 0, "the checklist could not be loaded");
	if (doc)
		xmlFreeDoc(doc);
	free(owned);
	free(dir);
	abuf_free(&hashed);
	if (rc < 0) {
		checklist_free(cl);
		return rc;
	}
	*out = cl;
	return AUDIT_OK;
}

int checklist_load(checklist **out, const char *path, const char *rules_dir,
		   xmlsafe_problem_fn fn, void *ud, audit_err *e)
{
	return load_checklist_impl(out, NULL, 0, path, rules_dir, NULL, 0, fn, ud, e);
}

int checklist_load_buffers(checklist **out, const char *buf, size_t len, const char *name,
			   const rules_buffer *rule_files, size_t n_rule_files,
			   xmlsafe_problem_fn fn, void *ud, audit_err *e)
{
	static const rules_buffer none = { "", 0, NULL };

	if (name == NULL)
		name = "checklist.xml";
	if (buf == NULL) {
		*out = NULL;
		audit_err_clear(e);
		return audit_err_set(e, AUDIT_EINPUT, name, 0, 0, "no checklist given");
	}
	return load_checklist_impl(out, buf, len, name, NULL, rule_files ? rule_files : &none,
				   rule_files ? n_rule_files : 0, fn, ud, e);
}
