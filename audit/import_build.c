/* import_build.c - see import_build.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_build.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "embedded.h"
#include "util.h"
#include "xmlsafe.h"

#define MAX_TOP 32

/* The top-level elements of <akt>, in the order of akt-1.xsd. */
static char top[MAX_TOP][32];
static int n_top;
static pthread_once_t top_once = PTHREAD_ONCE_INIT;

static void read_top(void)
{
	xmlDocPtr doc = NULL;
	audit_err e;
	xmlNodePtr s, el = NULL;

	if (xmlsafe_parse(&doc, (const char *)audit_xsd_akt, audit_xsd_akt_len, "akt-1.xsd", &e) < 0)
		return;
	s = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = s ? s->children : NULL; c; c = c->next) {
		char *name;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "element") != 0)
			continue;
		name = xmlsafe_attr(c, "name");
		if (name && strcmp(name, "akt") == 0)
			el = c;
		xmlFree(name);
		if (el)
			break;
	}
	el = import_child(import_child(el, "complexType"), "sequence");
	for (xmlNodePtr c = el ? el->children : NULL; c && n_top < MAX_TOP; c = c->next) {
		char *name;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "element") != 0)
			continue;
		name = xmlsafe_attr(c, "name");
		if (name && strlen(name) < sizeof(top[0]))
			snprintf(top[n_top++], sizeof(top[0]), "%s", name);
		xmlFree(name);
	}
	xmlFreeDoc(doc);
}

struct akt_builder {
	import_warnings *w;
	xmlDocPtr doc;
	xmlNsPtr ns;
	xmlNodePtr root;
	xmlNodePtr hushall;         /* unattached until finish */
	xmlNodePtr persons, barn;   /* holders */
	xmlNodePtr holder[MAX_TOP]; /* one per top-level element name */
	char **ids;
	size_t n_ids, cap_ids;
	int n_persons;
	int head_set, arende_set;
	char *akt_id, *unit_id, *unit_name, *handl_id, *handl_name;
	char *status, *oppnat, *avslutat;
};

static int top_index(const char *name)
{
	for (int i = 0; i < n_top; i++)
		if (strcmp(top[i], name) == 0)
			return i;
	return -1;
}

int akt_builder_new(akt_builder **out, import_warnings *w, audit_err *e)
{
	akt_builder *b;

	*out = NULL;
	pthread_once(&top_once, read_top);
	if (n_top == 0)
		return audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "cannot read the akt schema");
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	b->w = w;
	b->doc = xmlNewDoc((const xmlChar *)"1.0");
	if (b->doc)
		b->root = xmlNewDocNode(b->doc, NULL, (const xmlChar *)"akt", NULL);
	if (b->root) {
		xmlDocSetRootElement(b->doc, b->root);
		b->ns = xmlNewNs(b->root, (const xmlChar *)AKT_NS, NULL);
		xmlSetNs(b->root, b->ns);
	}
	if (b->ns) {
		b->persons = xmlNewDocNode(b->doc, b->ns, (const xmlChar *)"h", NULL);
		b->barn = xmlNewDocNode(b->doc, b->ns, (const xmlChar *)"h", NULL);
	}
	for (int i = 0; i < n_top && b->barn; i++)
		if ((b->holder[i] = xmlNewDocNode(b->doc, b->ns, (const xmlChar *)"h", NULL)) == NULL)
			break;
	if (b->ns == NULL || b->barn == NULL || b->holder[n_top - 1] == NULL) {
		akt_builder_free(b);
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	}
	*out = b;
	return AUDIT_OK;
}

void akt_builder_free(akt_builder *b)
{
	if (b == NULL)
		return;
	/* holders are not in the tree: free them first */
	if (b->persons)
		xmlFreeNode(b->persons);
	if (b->barn)
		xmlFreeNode(b->barn);
	for (int i = 0; i < MAX_TOP; i++)
		if (b->holder[i])
			xmlFreeNode(b->holder[i]);
	if (b->doc)
		xmlFreeDoc(b->doc);
	for (size_t i = 0; i < b->n_ids; i++)
		free(b->ids[i]);
	free(b->ids);
	free(b->akt_id);
	free(b->unit_id);
	free(b->unit_name);
	free(b->handl_id);
	free(b->handl_name);
	free(b->status);
	free(b->oppnat);
	free(b->avslutat);
	free(b);
}

int akt_builder_has_id(const akt_builder *b, const char *id)
{
	for (size_t i = 0; i < b->n_ids; i++)
		if (strcmp(b->ids[i], id) == 0)
			return 1;
	return 0;
}

static const char *keep_id(akt_builder *b, char *id)
{
	if (b->n_ids == b->cap_ids) {
		size_t cap = b->cap_ids ? b->cap_ids * 2 : 64;
		char **nv = realloc(b->ids, cap * sizeof(*nv));
		if (nv == NULL) {
			free(id);
			return NULL;
		}
		b->ids = nv;
		b->cap_ids = cap;
	}
	b->ids[b->n_ids++] = id;
	return id;
}

const char *akt_builder_id(akt_builder *b, const char *wanted, const char *prefix)
{
	char *id = wanted ? import_id(wanted) : NULL;
	char buf[80];

	if (id && !akt_builder_has_id(b, id))
		return keep_id(b, id);
	free(id);
	for (unsigned long n = 1;; n++) {
		snprintf(buf, sizeof(buf), "%s%lu", prefix, n);
		if (!akt_builder_has_id(b, buf))
			break;
	}
	id = strdup(buf);
	return id ? keep_id(b, id) : NULL;
}

static char *clip_warn(akt_builder *b, const char *s, size_t max, const char *what, int line)
{
	int cut = 0;
	char *r = import_clip(s, max, &cut);

	if (cut)
		import_warn(b->w, line, "%s är längre än %zu byte och kortades", what, max);
	return r;
}

int akt_builder_head(akt_builder *b, const char *akt_id, const char *unit_id,
		     const char *unit_name, const char *handl_id, const char *handl_name)
{
	free(b->akt_id);
	free(b->unit_id);
	free(b->unit_name);
	free(b->handl_id);
	free(b->handl_name);
	b->akt_id = import_id(akt_id);
	if (b->akt_id == NULL)
		b->akt_id = strdup("akt");
	/* enhet and handlaggare ids share the akt's id space */
	unit_id = akt_builder_id(b, unit_id, "enhet");
	handl_id = akt_builder_id(b, handl_id, "handlaggare");
	b->unit_id = unit_id ? strdup(unit_id) : NULL;
	b->unit_name = clip_warn(b, unit_name ? unit_name : "", BUILD_SHORT, "enhetens namn", 0);
	b->handl_id = handl_id ? strdup(handl_id) : NULL;
	b->handl_name = clip_warn(b, handl_name ? handl_name : "", BUILD_SHORT, "handläggarens namn", 0);
	if (!b->akt_id || !b->unit_id || !b->unit_name || !b->handl_id || !b->handl_name)
		return AUDIT_ENOMEM;
	b->head_set = 1;
	return AUDIT_OK;
}

int akt_builder_arende(akt_builder *b, const char *status, const char *oppnat,
		       const char *avslutat)
{
	free(b->status);
	free(b->oppnat);
	free(b->avslutat);
	b->status = strdup(status);
	b->oppnat = strdup(oppnat);
	b->avslutat = avslutat ? strdup(avslutat) : NULL;
	if (!b->status || !b->oppnat || (avslutat && !b->avslutat))
		return AUDIT_ENOMEM;
	b->arende_set = 1;
	return AUDIT_OK;
}

void akt_builder_attr(akt_builder *b, xmlNodePtr node, const char *name, const char *value,
		      int line)
{
	char *v;

	if (node == NULL || value == NULL)
		return;
	v = clip_warn(b, value, BUILD_SHORT, name, line);
	if (v)
		xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)v);
	free(v);
}

xmlNodePtr akt_builder_child(akt_builder *b, xmlNodePtr parent, const char *name,
			     const char *text, size_t max, int line)
{
	xmlNodePtr n = xmlNewDocNode(b->doc, b->ns, (const xmlChar *)name, NULL);

	if (n == NULL)
		return NULL;
	if (text && text[0]) {
		char *t = clip_warn(b, text, max, name, line);
		if (t == NULL) {
			xmlFreeNode(n);
			return NULL;
		}
		xmlNodeAddContent(n, (const xmlChar *)t);
		free(t);
	}
	if (parent)
		xmlAddChild(parent, n);
	return n;
}

xmlNodePtr akt_builder_person(akt_builder *b, const char *id, const char *roll,
			      const char *fodd, const char *namn, const char *pnr)
{
	xmlNodePtr n = akt_builder_child(b, b->persons, "person", NULL, 0, 0);

	if (n == NULL)
		return NULL;
	if (namn && namn[0])
		akt_builder_child(b, n, "namn", namn, BUILD_SHORT, 0);
	if (pnr && pnr[0])
		akt_builder_child(b, n, "personnummer", pnr, BUILD_SHORT, 0);
	xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(n, (const xmlChar *)"roll", (const xmlChar *)roll);
	if (fodd)
		xmlSetProp(n, (const xmlChar *)"fodd", (const xmlChar *)fodd);
	b->n_persons++;
	return n;
}

xmlNodePtr akt_builder_barn(akt_builder *b, const char *id, const char *fodd,
			    const char *namn, const char *boende)
{
	xmlNodePtr n = akt_builder_child(b, b->barn, "barn", NULL, 0, 0);

	if (n == NULL)
		return NULL;
	if (namn && namn[0])
		akt_builder_child(b, n, "namn", namn, BUILD_SHORT, 0);
	xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(n, (const xmlChar *)"fodd", (const xmlChar *)fodd);
	if (boende)
		xmlSetProp(n, (const xmlChar *)"boende", (const xmlChar *)boende);
	return n;
}

int akt_builder_n_persons(const akt_builder *b)
{
	return b->n_persons;
}

xmlNodePtr akt_builder_doc(akt_builder *b, const char *name, const char *id,
			   const char *text, int line)
{
	int i = top_index(name);
	xmlNodePtr n;

	if (i < 0)
		return NULL;
	n = akt_builder_child(b, b->holder[i], name, text, BUILD_LONG, line);
	if (n && id)
		xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id);
	return n;
}

xmlNodePtr akt_builder_anteckning(akt_builder *b, const char *text, int line)
{
	int i = top_index("journal");

	if (i < 0)
		return NULL;
	return akt_builder_child(b, b->holder[i], "anteckning", text, BUILD_LONG, line);
}

static void earliest_in(xmlNodePtr n, long *best, int *have, int depth)
{
	for (xmlNodePtr c = n; c; c = c->next) {
		char *d;
		long v;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		d = xmlsafe_attr(c, "datum");
		if (d && util_date_parse(d, &v) == 0 && (!*have || v < *best)) {
			*best = v;
			*have = 1;
		}
		xmlFree(d);
		if (c->children && depth < 8)
			earliest_in(c->children, best, have, depth + 1);
	}
}

int akt_builder_earliest(const akt_builder *b, char out[11])
{
	long best = 0;
	int have = 0;

	for (int i = 4; i < n_top; i++)
		if (b->holder[i])
			earliest_in(b->holder[i]->children, &best, &have, 0);
	if (!have)
		return -1;
	util_date_format(best, out);
	return 0;
}

/* Registers the ids of el and below (they keep theirs when free; a taken
 * one is replaced and warned about). */
static int register_ids(akt_builder *b, xmlNodePtr el)
{
	char *id;

	if (el->type != XML_ELEMENT_NODE)
		return AUDIT_OK;
	id = xmlsafe_attr(el, "id");
	if (id) {
		const char *got = akt_builder_id(b, id, "X");
		if (got == NULL) {
			xmlFree(id);
			return AUDIT_ENOMEM;
		}
		if (strcmp(got, id) != 0) {
			import_warn(b->w, import_line(el), "id '%s' finns redan i akten; '%s' används", id, got);
			xmlSetProp(el, (const xmlChar *)"id", (const xmlChar *)got);
		}
		xmlFree(id);
	}
	for (xmlNodePtr c = el->children; c; c = c->next)
		if (register_ids(b, c) < 0)
			return AUDIT_ENOMEM;
	return AUDIT_OK;
}

/* Puts every element and attribute below n into namespace ns (elements)
 * or none (attributes), as the akt format has them. */
static void set_ns(xmlNodePtr n, xmlNsPtr ns)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	n->ns = ns;
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		a->ns = NULL;
	for (xmlNodePtr c = n->children; c; c = c->next)
		set_ns(c, ns);
	if (n->nsDef) {
		xmlFreeNsList(n->nsDef);
		n->nsDef = NULL;
	}
}

xmlNodePtr akt_builder_copy(akt_builder *b, xmlNodePtr el, xmlNodePtr parent)
{
	xmlNodePtr copy;
	int i = -1;

	if (parent == NULL) {
		i = top_index((const char *)el->name);
		if (i < 4) {   /* enhet, handlaggare, arende, hushall come from the source's own fields */
			import_warn(b->w, import_line(el), "tilläggselementet <%s> kan inte placeras i akten – inte mappat",
				    (const char *)el->name);
			return NULL;
		}
	}
	copy = xmlDocCopyNode(el, b->doc, 1);
	if (copy == NULL)
		return NULL;
	set_ns(copy, b->ns);
	if (register_ids(b, copy) < 0) {
		xmlFreeNode(copy);
		return NULL;
	}
	xmlAddChild(parent ? parent : b->holder[i], copy);
	return copy;
}

/* Moves the children of holder h to the end of parent. */
static void move_children(xmlNodePtr h, xmlNodePtr parent)
{
	while (h->children) {
		xmlNodePtr c = h->children;
		xmlUnlinkNode(c);
		xmlAddChild(parent, c);
	}
}

struct first_problem {
	audit_err *e;
	const char *path;
	int n;
};

static void on_problem(void *ud, const audit_err *p)
{
	struct first_problem *fp = ud;
	if (fp->n++ == 0)
		audit_err_set(fp->e, AUDIT_EINPUT, fp->path, 0, 0,
			      "the imported akt does not follow the akt format: %s", p->msg);
}

int akt_builder_finish(akt_builder *b, xmlDocPtr *out, const char *path, audit_err *e)
{
	xmlNodePtr n, hushall;
	struct first_problem fp = { e, path, 0 };
	audit_err first;
	int rc;

	*out = NULL;
	if (!b->head_set || !b->arende_set)
		return audit_err_set(e, AUDIT_EIO, path, 0, 0, "internal error: akt head not set");
	xmlSetProp(b->root, (const xmlChar *)"version", (const xmlChar *)"1");
	xmlSetProp(b->root, (const xmlChar *)"id", (const xmlChar *)b->akt_id);
	n = akt_builder_child(b, b->root, "enhet", NULL, 0, 0);
	xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)b->unit_id);
	xmlSetProp(n, (const xmlChar *)"namn", (const xmlChar *)b->unit_name);
	n = akt_builder_child(b, b->root, "handlaggare", b->handl_name, BUILD_SHORT, 0);
	xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)b->handl_id);
	n = akt_builder_child(b, b->root, "arende", NULL, 0, 0);
	xmlSetProp(n, (const xmlChar *)"status", (const xmlChar *)b->status);
	xmlSetProp(n, (const xmlChar *)"oppnat", (const xmlChar *)b->oppnat);
	if (b->avslutat)
		xmlSetProp(n, (const xmlChar *)"avslutat", (const xmlChar *)b->avslutat);
	hushall = akt_builder_child(b, b->root, "hushall", NULL, 0, 0);
	if (hushall == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	move_children(b->persons, hushall);
	move_children(b->barn, hushall);
	for (int i = 4; i < n_top; i++) {
		if (b->holder[i]->children == NULL)
			continue;
		if (strcmp(top[i], "journal") == 0 &&
		    strcmp((const char *)b->holder[i]->children->name, "anteckning") == 0) {
			xmlNodePtr j = akt_builder_child(b, b->root, "journal", NULL, 0, 0);
			if (j == NULL)
				return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
			move_children(b->holder[i], j);
		} else {
			move_children(b->holder[i], b->root);
		}
	}
	rc = xmlsafe_validate(b->doc, XMLSAFE_SCHEMA_AKT, NULL, 0, path, on_problem, &fp, &first);
	if (rc < 0) {
		if (fp.n == 0 && e)
			*e = first;
		return rc;
	}
	xmlsafe_strip_ns(b->root);
	/* the namespace declaration itself is no longer used */
	if (b->root->nsDef) {
		xmlFreeNsList(b->root->nsDef);
		b->root->nsDef = NULL;
	}
	*out = b->doc;
	b->doc = NULL;
	return AUDIT_OK;
}
