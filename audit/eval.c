/* eval.c - apply a checklist to an akt; see eval.h. */
#define _POSIX_C_SOURCE 200809L
#include "eval.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xpathInternals.h>

#include "util.h"
#include "xfn.h"

/* Steps (libxml2's XPath operations and nodes visited) one expression may
 * take on one akt before it fails with "Operation limit exceeded". */
#define EVAL_XPATH_OP_LIMIT 10000000UL

struct eval_ctx {
	const checklist *cl;
	long ref;
	char ref_str[11];
	xmlXPathContextPtr xp;
	xfn_state *fn;
	xmlNodePtr root;     /* of the akt being evaluated */
	xmlNodePtr item;     /* current item (root outside for-each) */
	eval_trace_fn trace;
	void *trace_ud;
};

static xmlXPathObjectPtr lookup_var(void *data, const xmlChar *name, const xmlChar *ns_uri)
{
	eval_ctx *c = data;
	double v;

	if (ns_uri != NULL)
		return NULL;
	if (strcmp((const char *)name, "akt") == 0)
		return xmlXPathNewNodeSet(c->root);
	if (strcmp((const char *)name, "item") == 0)
		return xmlXPathNewNodeSet(c->item);
	if (strcmp((const char *)name, "ref") == 0)
		return xmlXPathNewString((const xmlChar *)c->ref_str);
	if (checklist_param_get(c->cl, (const char *)name, &v) == 0)
		return xmlXPathNewFloat(v);
	return NULL;
}

int eval_ctx_new(eval_ctx **out, const checklist *cl, long ref, audit_err *e)
{
	eval_ctx *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (c == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	c->cl = cl;
	c->ref = ref;
	util_date_format(ref, c->ref_str);
	c->xp = xmlXPathNewContext(NULL);
	c->fn = xfn_state_new(ref);
	if (c->xp == NULL || c->fn == NULL || xfn_register(c->xp, c->fn) != AUDIT_OK) {
		eval_ctx_free(c);
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	}
	xmlXPathRegisterVariableLookup(c->xp, lookup_var, c);
	/* A bound on the work of one expression, so that no rule can make an
	 * evaluation run for ever (nested predicates are exponential); the
	 * shipped rules need under 3,000 steps per expression on a generated
	 * akt and under 100,000 on one thirty times as large (90 ansökningar,
	 * 90 beslut, 480 journal entries). */
	c->xp->opLimit = EVAL_XPATH_OP_LIMIT;
	/* Reuse XPath objects and node sets instead of a malloc and free for
	 * each (off by default in libxml2 2.9; libxslt turns it on the same
	 * way).  The context belongs to one thread, so does its cache. */
	if (xmlXPathContextSetCache(c->xp, 1, -1, 0) != 0) {
		eval_ctx_free(c);
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = c;
	return AUDIT_OK;
}

void eval_ctx_free(eval_ctx *c)
{
	if (c == NULL)
		return;
	if (c->xp)
		xmlXPathFreeContext(c->xp);
	xfn_state_free(c->fn);
	free(c);
}

void eval_ctx_set_trace(eval_ctx *c, eval_trace_fn fn, void *ud)
{
	c->trace = fn;
	c->trace_ud = ud;
}

static void trace(eval_ctx *c, int depth, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void trace(eval_ctx *c, int depth, const char *fmt, ...)
{
	char line[1200];
	va_list ap;

	if (c->trace == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->trace(c->trace_ud, depth, line);
}

void eval_verdict_clear(eval_verdict *v)
{
	free(v->message);
	for (size_t i = 0; i < v->n_evidence; i++)
		evidence_clear(&v->evidence[i]);
	memset(v, 0, sizeof(*v));
}

void eval_result_free(eval_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		eval_verdict_clear(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int expr_error(eval_ctx *c, const rule *r, const rule_expr *x, audit_err *e)
{
	const char *msg = c->xp->lastError.message;
	char clean[300] = "evaluation failed";

	if (msg) {
		snprintf(clean, sizeof(clean), "%s", msg);
		clean[strcspn(clean, "\n")] = '\0';
	} else if (c->xp->lastError.code == XML_XPATH_EXPRESSION_OK + XPATH_OP_LIMIT_EXCEEDED) {
		snprintf(clean, sizeof(clean), "it needs more than %lu steps (the limit); "
			 "simplify the expression (nested predicates multiply the work)",
			 (unsigned long)EVAL_XPATH_OP_LIMIT);
	} else if (c->xp->lastError.code == XML_XPATH_EXPRESSION_OK + XPATH_RECURSION_LIMIT_EXCEEDED) {
		snprintf(clean, sizeof(clean), "it is nested too deeply; simplify the expression");
	} else if (c->xp->lastError.code != 0) {
		snprintf(clean, sizeof(clean), "XPath error %d", c->xp->lastError.code);
	}
	return audit_err_set(e, AUDIT_EINPUT, r->file, x->line, x->column,
			     "rule %s: the XPath \"%s\" failed on this akt: %s", r->id, x->src, clean);
}

/* Evaluates x as a boolean with node as context.  Returns 0/1, or -1. */
static int eval_bool(eval_ctx *c, const rule *r, const rule_expr *x, xmlNodePtr node, audit_err *e)
{
	int b;

	c->xp->node = node;
	c->xp->opCount = 0;
	xmlResetError(&c->xp->lastError);
	b = xmlXPathCompiledEvalToBoolean(x->comp, c->xp);
	if (b < 0)
		return expr_error(c, r, x, e), -1;
	return b;
}

static xmlXPathObjectPtr eval_nodes(eval_ctx *c, const rule *r, const rule_expr *x,
				    xmlNodePtr node, audit_err *e)
{
	xmlXPathObjectPtr o;

	c->xp->node = node;
	c->xp->opCount = 0;
	xmlResetError(&c->xp->lastError);
	o = xmlXPathCompiledEval(x->comp, c->xp);
	if (o == NULL) {
		expr_error(c, r, x, e);
		return NULL;
	}
	if (o->type != XPATH_NODESET) {
		xmlXPathFreeObject(o);
		audit_err_set(e, AUDIT_EINPUT, r->file, x->line, x->column,
			      "rule %s: \"%s\" must select nodes (a node-set), not a value", r->id, x->src);
		return NULL;
	}
	return o;
}

/* The document an evidence node belongs to: the nearest ancestor-or-self
 * that is one of the akt's documents. */
static xmlNodePtr document_of(xmlNodePtr n)
{
	static const char *const kinds[] = { "ansokan", "utredning", "beslut", "arbetsplan",
					     "uppfoljning", "anteckning", "barn", "person",
					     "journal", "hushall", NULL };

	if (n && n->type == XML_ATTRIBUTE_NODE)
		n = n->parent;
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		for (int i = 0; kinds[i]; i++)
			if (strcmp((const char *)n->name, kinds[i]) == 0)
				return n;
	return NULL;
}

static evidence *new_evidence(eval_verdict *v)
{
	if (v->n_evidence >= EVAL_MAX_EVIDENCE)
		return NULL;
	return &v->evidence[v->n_evidence++];
}

/* Records node as evidence (found), with the last regex match if any. */
static void add_node_evidence(eval_ctx *c, eval_verdict *v, xmlNodePtr node, const char *kind,
			      const char *item)
{
	evidence *ev = new_evidence(v);
	xmlNodePtr doc;

	if (ev == NULL)
		return;
	doc = document_of(node);
	ev->found = 1;
	ev->kind = dup_or_null(kind ? kind : doc ? (const char *)doc->name : (const char *)node->name);
	if (doc) {
		xmlChar *id = xmlGetProp(doc, (const xmlChar *)"id");
		xmlChar *d = xmlGetProp(doc, (const xmlChar *)"datum");
		ev->doc_id = dup_or_null((const char *)id);
		ev->date = dup_or_null((const char *)d);
		xmlFree(id);
		xmlFree(d);
	}
	ev->location = xfn_node_path(node);
	ev->item = dup_or_null(item);
	ev->quote = dup_or_null(xfn_last_quote(c->fn));
	ev->pattern = dup_or_null(xfn_last_pattern(c->fn));
}

static void add_sought(eval_verdict *v, const char *sought, const char *item, const char *location)
{
	evidence *ev = new_evidence(v);

	if (ev == NULL)
		return;
	ev->found = 0;
	ev->sought = dup_or_null(sought);
	ev->item = dup_or_null(item);
	ev->location = dup_or_null(location);
}

/* Decides the verdict of one context (the akt, or one item): the first
 * <when> whose test holds, else <otherwise>; records its evidence. */
static int decide(eval_ctx *c, const rule *r, xmlNodePtr node, const char *item, eval_verdict *v,
		  verdict *out, int depth, audit_err *e)
{
	const rule_outcome *chosen = NULL;

	xfn_clear_match(c->fn);
	for (size_t i = 0; i < r->n_outcomes; i++) {
		const rule_outcome *o = &r->outcomes[i];
		int b;

		if (o->test.comp == NULL) {
			chosen = o;
			trace(c, depth, "annars → %s", verdict_label(o->value));
			break;
		}
		b = eval_bool(c, r, &o->test, node, e);
		if (b < 0)
			return -1;
		trace(c, depth, "%s: %s → %s", o->test.src, b ? "sant" : "falskt",
		      b ? verdict_label(o->value) : "nästa villkor");
		if (b) {
			chosen = o;
			break;
		}
		xfn_clear_match(c->fn);
	}
	if (chosen == NULL)
		return audit_err_set(e, AUDIT_EINPUT, r->file, r->line, 0,
				     "rule %s has no <otherwise>", r->id), -1;
	*out = chosen->value;
	/* evidence: what the outcome names, else the context itself */
	for (size_t k = 0; k < chosen->n_evidence; k++) {
		xmlXPathObjectPtr o = eval_nodes(c, r, &chosen->evidence[k].select, node, e);
		if (o == NULL)
			return -1;
		if (o->nodesetval && o->nodesetval->nodeNr > 0) {
			add_node_evidence(c, v, o->nodesetval->nodeTab[0], chosen->evidence[k].kind, item);
			trace(c, depth, "belägg: %s", v->n_evidence ? v->evidence[v->n_evidence - 1].location : "");
		}
		xmlXPathFreeObject(o);
	}
	if (chosen->sought && (chosen->value != VERDICT_UPPFYLLT)) {
		char *path = xfn_node_path(node);
		add_sought(v, chosen->sought, item, path);
		free(path);
		trace(c, depth, "söktes: %s", chosen->sought);
	} else if (chosen->n_evidence == 0 && r->has_foreach && chosen->value == VERDICT_UPPFYLLT) {
		add_node_evidence(c, v, node, NULL, item);
	}
	return 0;
}

/* out = "<label> <i> av <n>" (what snprintf("%s %d av %d") gives, cut to
 * size - 1 bytes the same way), without snprintf: it runs once per item. */
static void item_label(char *out, size_t size, const char *label, int i, int n)
{
	char num[2][12];
	const char *parts[5];
	size_t o = 0;

	for (int k = 0; k < 2; k++) {
		long v = k ? n : i;
		char tmp[12];
		int d = 0, neg = v < 0, j = 0;
		unsigned long u = neg ? (unsigned long)-v : (unsigned long)v;

		do {
			tmp[d++] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (neg)
			num[k][j++] = '-';
		while (d)
			num[k][j++] = tmp[--d];
		num[k][j] = '\0';
	}
	parts[0] = label;
	parts[1] = " ";
	parts[2] = num[0];
	parts[3] = " av ";
	parts[4] = num[1];
	for (int k = 0; k < 5; k++)
		for (const char *p = parts[k]; *p && o + 1 < size; p++)
			out[o++] = *p;
	if (size)
		out[o] = '\0';
}

/* Fills {met}, {total}, {failed}, {ref} in the rule's message. */
static char *fill_message(const eval_ctx *c, const char *tmpl, int met, int total, const char *failed)
{
	abuf b = ABUF_INIT;

	if (tmpl == NULL)
		return NULL;
	for (const char *p = tmpl; *p; p++) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t n = close ? (size_t)(close - p - 1) : 0;
			if (close && n == 3 && strncmp(p + 1, "met", 3) == 0) {
				abuf_printf(&b, "%d", met);
				p = close;
				continue;
			}
			if (close && n == 5 && strncmp(p + 1, "total", 5) == 0) {
				abuf_printf(&b, "%d", total);
				p = close;
				continue;
			}
			if (close && n == 6 && strncmp(p + 1, "failed", 6) == 0) {
				abuf_puts(&b, failed ? failed : "");
				p = close;
				continue;
			}
			if (close && n == 3 && strncmp(p + 1, "ref", 3) == 0) {
				abuf_puts(&b, c->ref_str);
				p = close;
				continue;
			}
		}
		{
			/* the text up to the next '{' in one go */
			const char *next = strchr(p + 1, '{');
			size_t k = next ? (size_t)(next - p) : strlen(p);

			abuf_add(&b, p, k);
			p += k - 1;
		}
	}
	/* collapse the whitespace of the XML text into single spaces */
	{
		char *s = abuf_take(&b), *o = s;
		int sp = 1;
		for (char *q = s; *q; q++) {
			if (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r') {
				if (!sp)
					*o++ = ' ';
				sp = 1;
			} else {
				*o++ = *q;
				sp = 0;
			}
		}
		if (o > s && o[-1] == ' ')
			o--;
		*o = '\0';
		return s;
	}
}

void eval_ctx_set_ref(eval_ctx *c, long ref)
{
	c->ref = ref;
	util_date_format(ref, c->ref_str);
	xfn_state_set_ref(c->fn, ref);
}

int eval_criterion(eval_ctx *c, const akt *a, size_t index, eval_verdict *v, audit_err *e)
{
	return eval_rule(c, a, c->cl->items[index].rule, v, e);
}

int eval_rule(eval_ctx *c, const akt *a, const rule *r, eval_verdict *v, audit_err *e)
{
	xmlNodePtr root = xmlDocGetRootElement(a->doc);
	abuf failed = ABUF_INIT;
	verdict result = VERDICT_NONE;
	int met = 0, total = 0;

	memset(v, 0, sizeof(*v));
	v->rule = r;
	c->root = root;
	c->item = root;
	trace(c, 0, "%s %s", r->id, r->title);
	if (r->has_applies) {
		int b = eval_bool(c, r, &r->applies, root, e);
		if (b < 0)
			goto fail;
		trace(c, 1, "tillämplighet: %s → %s", r->applies.src, b ? "tillämplig" : "ej tillämplig");
		if (!b) {
			result = VERDICT_EJ_TILLAMPLIGT;
			add_sought(v, r->applies_text, NULL, NULL);
			v->evidence[v->n_evidence - 1].found = 0;
			goto done;
		}
	}
	if (!r->has_foreach) {
		if (decide(c, r, root, NULL, v, &result, 1, e) != 0)
			goto fail;
	} else {
		xmlXPathObjectPtr set = eval_nodes(c, r, &r->foreach, root, e);
		int n, n_ej = 0, n_applicable = 0;

		if (set == NULL)
			goto fail;
		n = set->nodesetval ? set->nodesetval->nodeNr : 0;
		trace(c, 1, "för varje %s (%s): %d st", r->item_label, r->foreach.src, n);
		if (n == 0) {
			result = r->empty;
			add_sought(v, r->applies_text ? r->applies_text : r->item_label, NULL, r->foreach.src);
		}
		for (int i = 0; i < n; i++) {
			char label[160];
			verdict iv;
			xmlNodePtr node = set->nodesetval->nodeTab[i];

			item_label(label, sizeof(label), r->item_label, i + 1, n);
			c->item = node;
			if (decide(c, r, node, label, v, &iv, 2, e) != 0) {
				xmlXPathFreeObject(set);
				goto fail;
			}
			trace(c, 2, "%s: %s", label, verdict_label(iv));
			if (iv == VERDICT_EJ_TILLAMPLIGT)
				continue;
			n_applicable++;
			if (iv == VERDICT_UPPFYLLT) {
				met++;
			} else {
				if (iv == VERDICT_EJ_UPPFYLLT)
					n_ej++;
				if (failed.len)
					abuf_puts(&failed, ", ");
				abuf_printf(&failed, "%s %d", r->item_label, i + 1);
			}
		}
		c->item = root;
		xmlXPathFreeObject(set);
		total = n_applicable;
		if (n > 0) {
			if (n_applicable == 0)
				result = VERDICT_EJ_TILLAMPLIGT;
			else if (r->combine_share) {
				double share = (double)met / n_applicable;
				result = share + 1e-9 >= r->threshold ? VERDICT_UPPFYLLT
					 : met > 0 ? VERDICT_DELVIS : VERDICT_EJ_UPPFYLLT;
			} else if (met == n_applicable)
				result = VERDICT_UPPFYLLT;
			else if (n_ej == n_applicable)
				result = VERDICT_EJ_UPPFYLLT;
			else
				result = VERDICT_DELVIS;
		}
	}
done:
	v->value = result;
	v->items_total = total;
	v->items_met = met;
	v->message = fill_message(c, r->messages[result], met, total, abuf_str(&failed));
	trace(c, 1, "bedömning: %s", verdict_label(result));
	abuf_free(&failed);
	return AUDIT_OK;
fail:
	abuf_free(&failed);
	eval_verdict_clear(v);
	return AUDIT_EINPUT;
}

int eval_akt(eval_ctx *c, const akt *a, eval_result *out, audit_err *e)
{
	out->n = 0;
	out->v = calloc(c->cl->n_items ? c->cl->n_items : 1, sizeof(*out->v));
	if (out->v == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, a->path, 0, 0, "out of memory");
	for (size_t i = 0; i < c->cl->n_items; i++) {
		if (eval_criterion(c, a, i, &out->v[i], e) != AUDIT_OK) {
			eval_result_free(out);
			return AUDIT_EINPUT;
		}
		out->n++;
	}
	return AUDIT_OK;
}
