/* import_erms.c - see import_erms.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_erms.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "import_build.h"
#include "rules.h"
#include "util.h"

/* ---------------------------------------------------------------- schemas */

static pthread_once_t schemas_once = PTHREAD_ONCE_INIT;
static xmlSchemaPtr schema_v3, schema_v21;

static xmlSchemaPtr load_schema(const char *dir, const char *file)
{
	char *path = util_path_join(dir, file), *buf = NULL;
	size_t len = 0;
	xmlSchemaPtr s = NULL;
	audit_err e;

	if (path && util_read_file(&buf, &len, path, (size_t)8 << 20, &e) == AUDIT_OK)
		import_schema_compile(&s, buf, len, file, &e);
	free(buf);
	free(path);
	return s;
}

static void load_schemas(void)
{
	const char *env = getenv("AUDIT_ERMS_SCHEMAS");
	char dir[4200];

	if (env && env[0])
		snprintf(dir, sizeof(dir), "%s", env);
	else
		snprintf(dir, sizeof(dir), "%s/schemas/erms", rules_data_dir());
	schema_v3 = load_schema(dir, "ERMS_v3.xsd");
	schema_v21 = load_schema(dir, "ERMS.xsd");
}

void import_erms_schemas(int *v3, int *v21)
{
	pthread_once(&schemas_once, load_schemas);
	if (v3)
		*v3 = schema_v3 != NULL;
	if (v21)
		*v21 = schema_v21 != NULL;
}

int import_erms_validate_v3(xmlDocPtr doc, import_schema_fn fn, void *ud)
{
	pthread_once(&schemas_once, load_schemas);
	if (schema_v3 == NULL)
		return -2;
	return import_schema_validate(schema_v3, doc, fn, ud);
}

/* Counts the marks of each version: values spelt differently in 2.1 and 3. */
static void version_marks(xmlNodePtr n, int *m21, int *m3, int depth)
{
	for (xmlNodePtr c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = c->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			if (strcmp(an, "adressType") == 0)
				(*m21)++;
			else if (strcmp(an, "addressType") == 0 || strcmp(an, "classificationSchemaUsed") == 0 ||
				 strcmp(an, "classificationSchemaId") == 0 ||
				 strcmp(an, "classificationSchemaStatus") == 0)
				(*m3)++;
			else if (strcmp(an, "recordPhysicalOrDigital") == 0 && a->children && a->children->content) {
				const char *v = (const char *)a->children->content;
				if (strcmp(v, "digitial") == 0 || strcmp(v, "physcical_and_digital") == 0)
					(*m21)++;
				else if (strcmp(v, "digital") == 0 || strcmp(v, "physical_and_digital") == 0)
					(*m3)++;
			}
		}
		if (strcmp((const char *)c->name, "useDatePeriod") == 0)
			(*m3)++;
		if (strcmp((const char *)c->name, "notes") == 0 && c->parent &&
		    strcmp((const char *)c->parent->name, "agent") == 0)
			(*m3)++;
		/* do not look into foreign extension data */
		if (strcmp((const char *)c->name, "additionalXMLData") == 0 ||
		    strcmp((const char *)c->name, "agentExtendingXMLInformation") == 0)
			continue;
		if (c->children && depth < 64)
			version_marks(c->children, m21, m3, depth + 1);
	}
}

struct swarn {
	import_warnings *w;
	const char *version;
	int n;
};

static void on_schema_problem(void *ud, int line, const char *msg)
{
	struct swarn *s = ud;
	if (++s->n <= 20)
		import_warn(s->w, line, "följer inte %s: %s", s->version, msg);
	else if (s->n == 21)
		import_warn(s->w, line, "fler avvikelser från %s finns; de visas inte", s->version);
}

const char *import_erms_version(xmlDocPtr doc, import_warnings *w)
{
	int m21 = 0, m3 = 0;
	const char *v;
	struct swarn sw = { w, NULL, 0 };

	pthread_once(&schemas_once, load_schemas);
	if (schema_v3 && import_schema_validate(schema_v3, doc, NULL, NULL) == 0)
		return "erms-3";
	if (schema_v21 && import_schema_validate(schema_v21, doc, NULL, NULL) == 0)
		return "erms-2.1";
	version_marks(xmlDocGetRootElement(doc), &m21, &m3, 0);
	v = m21 > m3 ? "erms-2.1" : "erms-3";
	if (strcmp(v, "erms-3") == 0 && schema_v3) {
		sw.version = "ERMS_v3.xsd";
		import_schema_validate(schema_v3, doc, on_schema_problem, &sw);
	} else if (strcmp(v, "erms-2.1") == 0 && schema_v21) {
		sw.version = "ERMS.xsd (2.1)";
		import_schema_validate(schema_v21, doc, on_schema_problem, &sw);
	}
	return v;
}

/* ---------------------------------------------------------------- import */

typedef struct member {
	const char *id;   /* owned by the builder */
	char *pnr;        /* digits only, or NULL */
	char *name;
} member;

typedef struct objmap {
	char *obj;        /* objectId as in the source */
	const char *id;   /* canonical id, owned by the builder */
	int kind;         /* PR_* */
} objmap;

typedef struct ref {
	xmlNodePtr node;
	const char *attr;
	char **targets;   /* objectIds named by relations */
	size_t n;
	int kind;         /* the kind the target must be */
	int line;
} ref;

typedef struct ctx {
	const profile *p;
	import_warnings *w;
	akt_builder *b;
	member *hh;
	size_t n_hh, cap_hh;
	objmap *om;
	size_t n_om, cap_om;
	ref *refs;
	size_t n_refs, cap_refs;
	char *handl_id, *handl_name;
} ctx;

typedef struct agent_info {
	xmlNodePtr node;
	char *type, *other, *name, *unit, *idnum, *idtype, *role;
	int line;
} agent_info;

enum { AG_COUNTERPART = 100, AG_SIGNATORY, AG_CREATOR, AG_UNKNOWN };

static const char *kind_name[] = { "ansökan", "grundutredning", "fördjupad utredning", "beslut",
				   "arbetsplan", "uppföljning", "journalanteckning", "ignorerad" };
static const char *kind_prefix[] = { "ANS", "U", "U", "BE", "AP", "UF", "J", "X" };

static char *attr(xmlNodePtr n, const char *name)
{
	return xmlsafe_attr(n, name);
}

static char *child_text(xmlNodePtr n, const char *name)
{
	return import_text(import_child(n, name));
}

static int is_blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static void read_agent(agent_info *a, xmlNodePtr n)
{
	xmlNodePtr id = import_child(n, "idNumber");

	memset(a, 0, sizeof(*a));
	a->node = n;
	a->line = import_line(n);
	a->type = attr(n, "agentType");
	a->other = attr(n, "otherAgentType");
	a->name = child_text(n, "name");
	a->unit = child_text(n, "unitName");
	a->idnum = import_text(id);
	a->idtype = attr(id, "idNumberType");
	a->role = child_text(n, "role");
}

static void free_agent(agent_info *a)
{
	xmlFree(a->type);
	xmlFree(a->other);
	xmlFree(a->name);
	xmlFree(a->unit);
	xmlFree(a->idnum);
	xmlFree(a->idtype);
	xmlFree(a->role);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* What an agent is (PO_* or AG_*); unknown roles are warned about. */
static int agent_meaning(ctx *c, const agent_info *a)
{
	int m;

	if (a->role && !is_blank(a->role)) {
		if ((m = profile_lookup(c->p, PG_ROLE, a->role, NULL)) >= 0)
			return m;
		import_warn(c->w, a->line, "okänd roll '%s' för aktören '%s' – inte mappad", a->role,
			    or_empty(a->name));
		return AG_UNKNOWN;
	}
	if (a->other && (m = profile_lookup(c->p, PG_ROLE, a->other, NULL)) >= 0)
		return m;
	if (a->type && (m = profile_lookup(c->p, PG_ROLE, a->type, NULL)) >= 0)
		return m;
	if (a->type == NULL)
		return PO_IGNORE;
	if (strcmp(a->type, "counterpart") == 0)
		return AG_COUNTERPART;
	if (strcmp(a->type, "main_signatory") == 0 || strcmp(a->type, "other_signatory") == 0)
		return AG_SIGNATORY;
	if (strcmp(a->type, "creator") == 0)
		return AG_CREATOR;
	if (strcmp(a->type, "other") == 0 && a->other)
		import_warn(c->w, a->line, "okänd aktörstyp '%s' för aktören '%s' – inte mappad", a->other,
			    or_empty(a->name));
	return PO_IGNORE;
}

/* The idNumber's meaning: PI_*, or -1. Untyped numbers that read as a
 * personnummer are taken as one. */
static int id_meaning(ctx *c, const agent_info *a)
{
	char d[11];
	int m;

	if (a->idnum == NULL || is_blank(a->idnum))
		return -1;
	if (a->idtype) {
		m = profile_lookup(c->p, PG_IDNUMBER, a->idtype, NULL);
		if (m < 0)
			import_warn(c->w, a->line, "okänd idNumberType '%s' för aktören '%s' – inte mappad",
				    a->idtype, or_empty(a->name));
		return m;
	}
	return import_birth_from_idnumber(a->idnum, 0, d) == 0 ? PI_PERSONNUMMER : -1;
}

static char *digits_of(const char *s)
{
	size_t n = s ? strlen(s) : 0, o = 0;
	char *r;

	if (s == NULL)
		return NULL;
	r = malloc(n + 1);
	if (r == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			r[o++] = s[i];
	r[o] = '\0';
	return r;
}

/* The date of the first dateType (in the order of preference of meaning)
 * found among the <child> elements of dates.  Returns 0 with out set, or
 * -1. */
static int find_date(ctx *c, xmlNodePtr dates, const char *child, int meaning, char out[11])
{
	size_t n;
	const char *const *pref = profile_values(c->p, PG_DATE, meaning, &n);

	for (size_t k = 0; k < n; k++)
		for (xmlNodePtr d = import_child(dates, child); d; d = import_next(d, child)) {
			char *t = attr(d, "dateType"), *norm;
			int hit;
			if (t && strcmp(t, "other") == 0) {
				xmlFree(t);
				t = attr(d, "otherDateType");
			}
			norm = t ? profile_normalize(t) : NULL;
			hit = norm && strcmp(norm, pref[k]) == 0;
			free(norm);
			xmlFree(t);
			if (hit) {
				char *v = import_text(d);
				int ok = import_date(v, out) == 0;
				if (!ok)
					import_warn(c->w, import_line(d), "'%s' är inget datum – inte mappat", or_empty(v));
				xmlFree(v);
				if (ok)
					return 0;
			}
		}
	return -1;
}

static int add_member(ctx *c, const char *id, const char *pnr, const char *name)
{
	if (c->n_hh == c->cap_hh) {
		size_t cap = c->cap_hh ? c->cap_hh * 2 : 8;
		member *nv = realloc(c->hh, cap * sizeof(*nv));
		if (nv == NULL)
			return AUDIT_ENOMEM;
		c->hh = nv;
		c->cap_hh = cap;
	}
	c->hh[c->n_hh].id = id;
	c->hh[c->n_hh].pnr = digits_of(pnr);
	c->hh[c->n_hh].name = name ? strdup(name) : NULL;
	c->n_hh++;
	return AUDIT_OK;
}

static int add_obj(ctx *c, const char *obj, const char *id, int kind)
{
	if (obj == NULL)
		return AUDIT_OK;
	if (c->n_om == c->cap_om) {
		size_t cap = c->cap_om ? c->cap_om * 2 : 32;
		objmap *nv = realloc(c->om, cap * sizeof(*nv));
		if (nv == NULL)
			return AUDIT_ENOMEM;
		c->om = nv;
		c->cap_om = cap;
	}
	c->om[c->n_om].obj = strdup(obj);
	c->om[c->n_om].id = id;
	c->om[c->n_om].kind = kind;
	if (c->om[c->n_om].obj == NULL)
		return AUDIT_ENOMEM;
	c->n_om++;
	return AUDIT_OK;
}

/* Remembers the relations of record rec; resolved once every record is
 * read (a beslut may come before its ansökan). */
static int add_ref(ctx *c, xmlNodePtr node, const char *attr_name, xmlNodePtr rec, int kind)
{
	ref *r;

	if (import_child(rec, "relation") == NULL)
		return AUDIT_OK;
	if (c->n_refs == c->cap_refs) {
		size_t cap = c->cap_refs ? c->cap_refs * 2 : 16;
		ref *nv = realloc(c->refs, cap * sizeof(*nv));
		if (nv == NULL)
			return AUDIT_ENOMEM;
		c->refs = nv;
		c->cap_refs = cap;
	}
	r = &c->refs[c->n_refs++];
	memset(r, 0, sizeof(*r));
	r->node = node;
	r->attr = attr_name;
	r->kind = kind;
	r->line = import_line(rec);
	for (xmlNodePtr x = import_child(rec, "relation"); x; x = import_next(x, "relation")) {
		char **nv = realloc(r->targets, (r->n + 1) * sizeof(*nv));
		if (nv == NULL)
			return AUDIT_ENOMEM;
		r->targets = nv;
		r->targets[r->n] = import_text(x);
		if (r->targets[r->n])
			r->n++;
	}
	return AUDIT_OK;
}

static void resolve_refs(ctx *c)
{
	for (size_t i = 0; i < c->n_refs; i++) {
		ref *r = &c->refs[i];
		const char *found = NULL;
		for (size_t k = 0; k < r->n && !found; k++)
			for (size_t j = 0; j < c->n_om && !found; j++)
				if (c->om[j].kind == r->kind && strcmp(c->om[j].obj, r->targets[k]) == 0)
					found = c->om[j].id;
		if (found)
			xmlSetProp(r->node, (const xmlChar *)r->attr, (const xmlChar *)found);
		else if (r->n)
			import_warn(c->w, r->line, "relationen till '%s' pekar inte på någon %s i ärendet – inte mappad",
				    r->targets[0], kind_name[r->kind]);
	}
}

static void free_ctx(ctx *c)
{
	for (size_t i = 0; i < c->n_hh; i++) {
		free(c->hh[i].pnr);
		free(c->hh[i].name);
	}
	free(c->hh);
	for (size_t i = 0; i < c->n_om; i++)
		free(c->om[i].obj);
	free(c->om);
	for (size_t i = 0; i < c->n_refs; i++) {
		for (size_t k = 0; k < c->refs[i].n; k++)
			xmlFree(c->refs[i].targets[k]);
		free(c->refs[i].targets);
	}
	free(c->refs);
	free(c->handl_id);
	free(c->handl_name);
}

/* Appends s to b with a blank line between parts. */
static void add_text(abuf *b, const char *s)
{
	if (s == NULL || is_blank(s))
		return;
	if (b->len)
		abuf_puts(b, "\n\n");
	abuf_puts(b, s);
}

/* Warns once about extension data in a foreign namespace and about
 * appended files under node's additionalInformation; calls fn on elements
 * of the akt format. */
static void extensions(ctx *c, xmlNodePtr node, const char *where,
		       void (*fn)(ctx *, xmlNodePtr el, void *ud), void *ud)
{
	xmlNodePtr ai = import_child(node, "additionalInformation");
	int warned = 0;

	for (xmlNodePtr x = ai ? ai->children : NULL; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)x->name, "appendix") == 0) {
			char *name = attr(x, "name"), *path = attr(x, "path");
			import_warn(c->w, import_line(x), "bilagan '%s' (%s) i %s lästes inte: bara metadata importeras",
				    or_empty(name), or_empty(path), where);
			xmlFree(name);
			xmlFree(path);
		} else if (strcmp((const char *)x->name, "additionalXMLData") == 0) {
			for (xmlNodePtr el = x->children; el; el = el->next) {
				if (el->type != XML_ELEMENT_NODE)
					continue;
				if (el->ns && strcmp((const char *)el->ns->href, AKT_NS) == 0 && fn) {
					fn(c, el, ud);
				} else if (!warned) {
					import_warn(c->w, import_line(el), "tilläggsdata <%s>%s%s i %s lästes inte",
						    (const char *)el->name, el->ns ? " i " : "",
						    el->ns ? (const char *)el->ns->href : "", where);
					warned = 1;
				}
			}
		} else if (strcmp((const char *)x->name, "ownElement") == 0 && !warned) {
			import_warn(c->w, import_line(x), "egna element (ownElement) i %s lästes inte", where);
			warned = 1;
		}
	}
}

static void copy_top(ctx *c, xmlNodePtr el, void *ud)
{
	(void)ud;
	akt_builder_copy(c->b, el, NULL);
}

static void copy_avsnitt(ctx *c, xmlNodePtr el, void *ud)
{
	if (strcmp((const char *)el->name, "avsnitt") != 0) {
		import_warn(c->w, import_line(el), "tilläggselementet <%s> hör inte till en utredning – inte mappat",
			    (const char *)el->name);
		return;
	}
	akt_builder_copy(c->b, el, (xmlNodePtr)ud);
}

/* The signatory agent a of a plan as a household id, or NULL (warned). */
static const char *signatory(ctx *c, const agent_info *a, char **own)
{
	xmlNodePtr notes = import_child(a->node, "notes");
	char *pnr = NULL;

	*own = NULL;
	for (xmlNodePtr n = import_child(notes, "note"); n; n = import_next(n, "note")) {
		char *t = attr(n, "noteType");
		int m = t ? profile_lookup(c->p, PG_NOTE, t, NULL) : -1;
		xmlFree(t);
		if (m == PN_ID) {
			*own = import_text(n);
			if (*own && !is_blank(*own))
				return *own;
			xmlFree(*own);
			*own = NULL;
		}
	}
	if (a->idnum)
		pnr = digits_of(a->idnum);
	for (size_t i = 0; i < c->n_hh; i++) {
		if (pnr && pnr[0] && c->hh[i].pnr && strcmp(pnr, c->hh[i].pnr) == 0) {
			free(pnr);
			return c->hh[i].id;
		}
	}
	free(pnr);
	for (size_t i = 0; i < c->n_hh; i++)
		if (a->name && c->hh[i].name && strcmp(a->name, c->hh[i].name) == 0)
			return c->hh[i].id;
	return NULL;
}

/* ---- the notes of a handling ---- */

typedef struct notes_out {
	abuf text;                 /* PN_TEXT (and description) */
	xmlNodePtr owner;          /* the canonical element notes go below */
	int kind;
} notes_out;

static const char *note_accepts(int kind, int m)
{
	switch (m) {
	case PN_TEXT:
		return kind == PR_BESLUT || kind == PR_ARBETSPLAN ? NULL : "";
	case PN_LAGRUM:
	case PN_MOTIVERING:
	case PN_BESVARSHANVISNING:
	case PN_BKA:
		return kind == PR_BESLUT ? "" : NULL;
	case PN_MAL:
	case PN_STEG:
		return kind == PR_ARBETSPLAN ? "" : NULL;
	case PN_UTVARDERING:
		return kind == PR_UPPFOLJNING ? "" : NULL;
	case PN_AVSNITT:
		return kind == PR_GRUNDUTREDNING || kind == PR_FORDJUPAD ? "" : NULL;
	default:
		return NULL;
	}
}

/* Reads the notes of rec for a handling of kind; those with a meaning
 * kind has no place for are warned about.  Notes with means lagrum, mal,
 * steg, avsnitt are added below owner at once, in order; motivering,
 * besvärshänvisning, barnkonsekvensanalys, utvärdering into slots[]. */
static void read_notes(ctx *c, xmlNodePtr rec, const char *obj, notes_out *no, char *slots[PN_IGNORE])
{
	xmlNodePtr notes = import_child(rec, "notes");

	for (xmlNodePtr n = import_child(notes, "note"); n; n = import_next(n, "note")) {
		char *t = attr(n, "noteType"), *text = import_text(n);
		int sec = -1, line = import_line(n);
		int m = t ? profile_lookup(c->p, PG_NOTE, t, &sec) : profile_untyped_note(c->p);

		if (m < 0) {
			import_warn(c->w, line, "okänd anteckningstyp '%s' i handling '%s' – inte mappad", t, obj);
		} else if (m == PN_IGNORE) {
			/* placed by the profile: left out */
		} else if (note_accepts(no->kind, m) == NULL) {
			import_warn(c->w, line, "anteckning av typ '%s' har ingen plats i en %s (handling '%s') – inte mappad",
				    t ? t : "(ingen)", kind_name[no->kind], obj);
		} else if (m == PN_TEXT) {
			add_text(&no->text, text);
		} else if (m == PN_LAGRUM) {
			akt_builder_child(c->b, no->owner, "lagrum", text, BUILD_SHORT, line);
		} else if (m == PN_MAL) {
			akt_builder_child(c->b, no->owner, "mal", text, BUILD_LONG, line);
		} else if (m == PN_STEG) {
			akt_builder_child(c->b, no->owner, "steg", text, BUILD_LONG, line);
		} else if (m == PN_AVSNITT) {
			xmlNodePtr a = akt_builder_child(c->b, no->owner, "avsnitt", text, BUILD_LONG, line);
			akt_builder_attr(c->b, a, "typ", profile_sections[sec >= 0 ? sec : 15], line);
			akt_builder_attr(c->b, a, "rubrik", t, line);
		} else if (slots[m] == NULL) {
			slots[m] = text ? strdup(text) : strdup("");
		} else {
			abuf more = ABUF_INIT;
			add_text(&more, slots[m]);
			add_text(&more, text);
			free(slots[m]);
			slots[m] = abuf_take(&more);
		}
		xmlFree(t);
		xmlFree(text);
	}
}

/* ---- one handling ---- */

static int record_kind(ctx *c, xmlNodePtr rec, const char *obj)
{
	char *rt = attr(rec, "recordType");
	int k = rt ? profile_lookup(c->p, PG_RECORD, rt, NULL) : -1;

	if (k < 0) {
		int keep = profile_unmapped_record(c->p) == PR_JOURNAL;
		if (rt)
			import_warn(c->w, import_line(rec), "okänd handlingstyp '%s' i handling '%s' – inte mappad%s",
				    rt, obj, keep ? ", sparad som journalanteckning" : "");
		else
			import_warn(c->w, import_line(rec), "handling '%s' saknar recordType – inte mappad%s", obj,
				    keep ? ", sparad som journalanteckning" : "");
		k = keep ? PR_JOURNAL : PR_IGNORE;
	}
	xmlFree(rt);
	return k;
}

/* The username-like id of an agent, or NULL. */
static char *agent_user(ctx *c, const agent_info *a)
{
	int m = id_meaning(c, a);
	return m == PI_ANVANDARNAMN && a->idnum ? strdup(a->idnum) : NULL;
}

static int do_record(ctx *c, xmlNodePtr rec)
{
	char *obj = child_text(rec, "objectId"), *title = child_text(rec, "title");
	char *desc = child_text(rec, "description");
	const char *objs = or_empty(obj);
	int kind = record_kind(c, rec, objs), line = import_line(rec);
	xmlNodePtr dates = import_child(rec, "dates"), el = NULL, agents = import_child(rec, "agents");
	char datum[11], d2[11];
	int has_datum;
	const char *id;
	notes_out no;
	char *slots[PN_IGNORE] = { 0 };
	int rc = AUDIT_OK;

	memset(&no, 0, sizeof(no));
	no.kind = kind;
	if (kind == PR_IGNORE)
		goto out;
	has_datum = find_date(c, dates, "date", PD_DATUM, datum) == 0;
	id = akt_builder_id(c->b, obj, kind_prefix[kind]);
	if (id == NULL) {
		rc = AUDIT_ENOMEM;
		goto out;
	}
	if ((rc = add_obj(c, obj, id, kind)) < 0)
		goto out;

	switch (kind) {
	case PR_ANSOKAN: {
		char *subject = child_text(rec, "subject");
		add_text(&no.text, desc);
		el = akt_builder_doc(c->b, "ansokan", id, NULL, line);
		no.owner = el;
		read_notes(c, rec, objs, &no, slots);
		if (no.text.len)
			xmlNodeAddContent(el, (const xmlChar *)abuf_str(&no.text));
		if (has_datum)
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		akt_builder_attr(c->b, el, "avser", subject, line);
		xmlFree(subject);
		break;
	}
	case PR_GRUNDUTREDNING:
	case PR_FORDJUPAD: {
		if (!has_datum) {
			import_warn(c->w, line, "%s '%s' saknar datum – inte importerad", kind_name[kind], objs);
			goto out;
		}
		el = akt_builder_doc(c->b, "utredning", id, NULL, line);
		xmlSetProp(el, (const xmlChar *)"typ",
			   (const xmlChar *)(kind == PR_FORDJUPAD ? "fordjupad" : "grundutredning"));
		xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		if (find_date(c, dates, "date", PD_REVIDERAD, d2) == 0)
			xmlSetProp(el, (const xmlChar *)"reviderad", (const xmlChar *)d2);
		for (xmlNodePtr a = import_child(agents, "agent"); a; a = import_next(a, "agent")) {
			agent_info ai;
			read_agent(&ai, a);
			if (agent_meaning(c, &ai) == AG_CREATOR && xmlHasProp(el, (const xmlChar *)"upprattad-av") == NULL) {
				char *u = agent_user(c, &ai), *uid = u ? import_id(u) : NULL;
				if (uid)
					xmlSetProp(el, (const xmlChar *)"upprattad-av", (const xmlChar *)uid);
				free(u);
				free(uid);
			}
			free_agent(&ai);
		}
		if (desc && !is_blank(desc)) {
			xmlNodePtr a = akt_builder_child(c->b, el, "avsnitt", desc, BUILD_LONG, line);
			akt_builder_attr(c->b, a, "typ", "ovrigt", line);
			akt_builder_attr(c->b, a, "rubrik", title ? title : "Beskrivning", line);
		}
		no.owner = el;
		read_notes(c, rec, objs, &no, slots);
		extensions(c, rec, "handlingen", copy_avsnitt, el);
		if (no.text.len) {
			xmlNodePtr a = akt_builder_child(c->b, el, "avsnitt", abuf_str(&no.text), BUILD_LONG, line);
			akt_builder_attr(c->b, a, "typ", "ovrigt", line);
		}
		goto done_ext;
	}
	case PR_BESLUT: {
		xmlNodePtr action = NULL;
		char *text = NULL, *atype = NULL, *motiv = NULL, *maker = NULL;
		int utfall = -1;
		for (xmlNodePtr a = import_child(rec, "action"); a; a = import_next(a, "action")) {
			char *t = child_text(a, "actionType");
			int m = t ? profile_lookup(c->p, PG_ACTION, t, NULL) : -1;
			if (m == PA_BESLUT && action == NULL)
				action = a;
			else if (m != PA_IGNORE)
				import_warn(c->w, import_line(a), "åtgärd av typ '%s' i beslut '%s' – inte mappad",
					    t ? t : "(ingen)", objs);
			xmlFree(t);
		}
		el = akt_builder_doc(c->b, "beslut", id, NULL, line);
		no.owner = el;
		/* lagrum come first in the element: notes add them in order */
		read_notes(c, rec, objs, &no, slots);
		if (action) {
			xmlNodePtr ad = import_child(action, "dates"), ag = import_child(action, "agents");
			text = child_text(action, "actionText");
			atype = child_text(action, "actionType");
			motiv = child_text(action, "actionMotivation");
			if (find_date(c, ad, "actionDate", PD_BESLUTSDATUM, d2) == 0)
				xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)d2);
			for (xmlNodePtr a = import_child(ag, "agent"); a && !maker; a = import_next(a, "agent")) {
				agent_info ai;
				read_agent(&ai, a);
				if (agent_meaning(c, &ai) == PO_BESLUTSFATTARE && ai.name) {
					maker = ai.name;
					ai.name = NULL;
				}
				free_agent(&ai);
			}
		}
		if (xmlHasProp(el, (const xmlChar *)"datum") == NULL &&
		    find_date(c, dates, "date", PD_BESLUTSDATUM, d2) == 0)
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)d2);
		for (xmlNodePtr a = import_child(agents, "agent"); a && !maker; a = import_next(a, "agent")) {
			agent_info ai;
			read_agent(&ai, a);
			if (agent_meaning(c, &ai) == PO_BESLUTSFATTARE && ai.name) {
				maker = ai.name;
				ai.name = NULL;
			}
			free_agent(&ai);
		}
		if (atype)
			utfall = profile_lookup(c->p, PG_OUTCOME, atype, NULL);
		if (utfall < 0 && text)
			utfall = profile_lookup(c->p, PG_OUTCOME, text, NULL);
		if (utfall < 0 && title)
			utfall = profile_lookup(c->p, PG_OUTCOME, title, NULL);
		if (utfall < 0) {
			utfall = profile_default_outcome(c->p);
			import_warn(c->w, line, "beslutets utfall i '%s' kunde inte avgöras; '%s' antas",
				    objs, utfall == PU_AVSLAG ? "avslag" : utfall == PU_DELAVSLAG ? "delavslag" : "bifall");
		}
		xmlSetProp(el, (const xmlChar *)"utfall", (const xmlChar *)(utfall == PU_AVSLAG ? "avslag" :
			   utfall == PU_DELAVSLAG ? "delavslag" : "bifall"));
		akt_builder_attr(c->b, el, "beslutsfattare", maker, line);
		if (motiv == NULL && slots[PN_MOTIVERING]) {
			motiv = (char *)xmlStrdup((const xmlChar *)slots[PN_MOTIVERING]);
		} else if (slots[PN_MOTIVERING]) {
			import_warn(c->w, line, "beslut '%s' har både actionMotivation och en motiveringsanteckning; anteckningen används inte", objs);
		}
		if (motiv)
			akt_builder_child(c->b, el, "motivering", motiv, BUILD_LONG, line);
		if (slots[PN_BESVARSHANVISNING])
			akt_builder_child(c->b, el, "besvarshanvisning", slots[PN_BESVARSHANVISNING], BUILD_LONG, line);
		if (slots[PN_BKA])
			akt_builder_child(c->b, el, "barnkonsekvensanalys", slots[PN_BKA], BUILD_LONG, line);
		if (desc && !is_blank(desc))
			import_warn(c->w, line, "beskrivningen av beslut '%s' har ingen plats i akten – inte mappad", objs);
		if ((rc = add_ref(c, el, "ansokan", rec, PR_ANSOKAN)) < 0)
			goto out;
		xmlFree(text);
		xmlFree(atype);
		xmlFree(motiv);
		xmlFree(maker);
		break;
	}
	case PR_ARBETSPLAN: {
		xmlNodePtr sig = NULL;
		if (!has_datum) {
			import_warn(c->w, line, "arbetsplan '%s' saknar datum – inte importerad", objs);
			goto out;
		}
		el = akt_builder_doc(c->b, "arbetsplan", id, NULL, line);
		xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		for (xmlNodePtr a = import_child(rec, "action"); a; a = import_next(a, "action")) {
			char *t = child_text(a, "actionType"), *due = child_text(a, "actionDue");
			int m = t ? profile_lookup(c->p, PG_ACTION, t, NULL) : -1;
			if ((m == PA_UPPFOLJNING || (m < 0 && due)) && import_date(due, d2) == 0 &&
			    xmlHasProp(el, (const xmlChar *)"uppfoljning-planerad") == NULL)
				xmlSetProp(el, (const xmlChar *)"uppfoljning-planerad", (const xmlChar *)d2);
			else if (m != PA_IGNORE)
				import_warn(c->w, import_line(a), "åtgärd av typ '%s' i arbetsplan '%s' – inte mappad",
					    t ? t : "(ingen)", objs);
			xmlFree(t);
			xmlFree(due);
		}
		no.owner = el;
		read_notes(c, rec, objs, &no, slots);
		for (xmlNodePtr a = import_child(agents, "agent"); a; a = import_next(a, "agent")) {
			agent_info ai;
			char *own = NULL;
			const char *who;
			read_agent(&ai, a);
			if (agent_meaning(c, &ai) == AG_SIGNATORY) {
				who = signatory(c, &ai, &own);
				if (sig) {
					import_warn(c->w, ai.line, "fler än en underskrift på arbetsplan '%s'; bara den första mappas", objs);
				} else {
					char *wid = who ? import_id(who) : NULL;
					if (wid == NULL) {
						import_warn(c->w, ai.line, "underskriften av '%s' på arbetsplan '%s' kunde inte kopplas till någon i hushållet",
							    or_empty(ai.name), objs);
						wid = strdup("okand");
					}
					sig = akt_builder_child(c->b, el, "underskrift", NULL, 0, ai.line);
					if (sig && wid)
						xmlSetProp(sig, (const xmlChar *)"person", (const xmlChar *)wid);
					free(wid);
				}
				xmlFree(own);
			}
			free_agent(&ai);
		}
		if (sig == NULL) {
			xmlNodePtr es = import_child(import_child(rec, "eSignatures"), "eSignature");
			for (; es; es = import_next(es, "eSignature")) {
				char *present = attr(es, "present");
				int yes = present && (strcmp(present, "true") == 0 || strcmp(present, "1") == 0);
				xmlFree(present);
				if (yes && c->n_hh > 0) {
					char *ver = attr(es, "dateeSignatureIsVerified");
					sig = akt_builder_child(c->b, el, "underskrift", NULL, 0, import_line(es));
					if (sig)
						xmlSetProp(sig, (const xmlChar *)"person", (const xmlChar *)c->hh[0].id);
					if (sig && find_date(c, dates, "date", PD_UNDERSKRIFT, d2) != 0 &&
					    import_date(ver, d2) != 0)
						d2[0] = '\0';
					if (sig && d2[0])
						xmlSetProp(sig, (const xmlChar *)"datum", (const xmlChar *)d2);
					import_warn(c->w, import_line(es), "e-signaturen på arbetsplan '%s' tolkas som sökandes underskrift", objs);
					xmlFree(ver);
					break;
				}
			}
		} else if (find_date(c, dates, "date", PD_UNDERSKRIFT, d2) == 0) {
			xmlSetProp(sig, (const xmlChar *)"datum", (const xmlChar *)d2);
		}
		if ((desc && !is_blank(desc)) || no.text.len)
			import_warn(c->w, line, "texten i arbetsplan '%s' har ingen plats i akten (bara mål och steg) – inte mappad", objs);
		break;
	}
	case PR_UPPFOLJNING: {
		if (!has_datum) {
			import_warn(c->w, line, "uppföljning '%s' saknar datum – inte importerad", objs);
			goto out;
		}
		el = akt_builder_doc(c->b, "uppfoljning", id, NULL, line);
		xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		add_text(&no.text, desc);
		no.owner = el;
		read_notes(c, rec, objs, &no, slots);
		if (slots[PN_UTVARDERING]) {
			if (no.text.len)
				import_warn(c->w, line, "uppföljning '%s' har både text och utvärdering; texten används inte", objs);
			akt_builder_child(c->b, el, "utvardering", slots[PN_UTVARDERING], BUILD_LONG, line);
		} else if (no.text.len) {
			akt_builder_child(c->b, el, "utvardering", abuf_str(&no.text), BUILD_LONG, line);
		}
		if ((rc = add_ref(c, el, "plan", rec, PR_ARBETSPLAN)) < 0)
			goto out;
		break;
	}
	case PR_JOURNAL: {
		char *sign = NULL;
		add_text(&no.text, desc);
		no.kind = PR_JOURNAL;
		{
			/* notes first so the text is complete before the element exists */
			xmlNodePtr tmp = akt_builder_child(c->b, NULL, "tmp", NULL, 0, 0);
			no.owner = tmp;
			read_notes(c, rec, objs, &no, slots);
			xmlFreeNode(tmp);
		}
		el = akt_builder_anteckning(c->b, abuf_str(&no.text), line);
		if (el == NULL) {
			rc = AUDIT_ENOMEM;
			goto out;
		}
		xmlSetProp(el, (const xmlChar *)"id", (const xmlChar *)id);
		if (has_datum)
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		for (xmlNodePtr a = import_child(agents, "agent"); a && !sign; a = import_next(a, "agent")) {
			agent_info ai;
			read_agent(&ai, a);
			if (agent_meaning(c, &ai) == AG_CREATOR) {
				sign = agent_user(c, &ai);
				if (sign == NULL && ai.name)
					sign = strdup(ai.name);
			}
			free_agent(&ai);
		}
		akt_builder_attr(c->b, el, "signatur", sign, line);
		akt_builder_attr(c->b, el, "rubrik", title, line);
		free(sign);
		break;
	}
	default:
		break;
	}
	extensions(c, rec, "handlingen", NULL, NULL);
done_ext:
	if (el == NULL && rc == AUDIT_OK)
		rc = AUDIT_ENOMEM;
out:
	for (int i = 0; i < PN_IGNORE; i++)
		free(slots[i]);
	abuf_free(&no.text);
	xmlFree(obj);
	xmlFree(title);
	xmlFree(desc);
	return rc;
}

/* ---- an action or note on the ärende itself ---- */

static int do_case_action(ctx *c, xmlNodePtr a, int *n_beslut)
{
	char *t = child_text(a, "actionType"), *text = child_text(a, "actionText");
	char *motiv = child_text(a, "actionMotivation"), *maker = NULL;
	int m = t ? profile_lookup(c->p, PG_ACTION, t, NULL) : -1, line = import_line(a), utfall;
	char d[11];
	xmlNodePtr el;
	const char *id;

	if (m == PA_IGNORE)
		goto out;
	if (m != PA_BESLUT) {
		int keep = profile_unmapped_record(c->p) == PR_JOURNAL;
		import_warn(c->w, line, "åtgärd av typ '%s' på ärendet – inte mappad%s", t ? t : "(ingen)",
			    keep ? ", sparad som journalanteckning" : "");
		if (keep) {
			el = akt_builder_anteckning(c->b, text, line);
			id = akt_builder_id(c->b, NULL, "J");
			if (el == NULL || id == NULL)
				goto oom;
			xmlSetProp(el, (const xmlChar *)"id", (const xmlChar *)id);
			if (find_date(c, import_child(a, "dates"), "actionDate", PD_DATUM, d) == 0)
				xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)d);
			akt_builder_attr(c->b, el, "rubrik", t, line);
		}
		goto out;
	}
	id = akt_builder_id(c->b, NULL, "BE");
	el = id ? akt_builder_doc(c->b, "beslut", id, NULL, line) : NULL;
	if (el == NULL)
		goto oom;
	(*n_beslut)++;
	if (find_date(c, import_child(a, "dates"), "actionDate", PD_BESLUTSDATUM, d) == 0)
		xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)d);
	for (xmlNodePtr g = import_child(import_child(a, "agents"), "agent"); g && !maker;
	     g = import_next(g, "agent")) {
		agent_info ai;
		read_agent(&ai, g);
		if (agent_meaning(c, &ai) == PO_BESLUTSFATTARE && ai.name) {
			maker = ai.name;
			ai.name = NULL;
		}
		free_agent(&ai);
	}
	utfall = profile_lookup(c->p, PG_OUTCOME, t, NULL);
	if (utfall < 0 && text)
		utfall = profile_lookup(c->p, PG_OUTCOME, text, NULL);
	if (utfall < 0) {
		utfall = profile_default_outcome(c->p);
		import_warn(c->w, line, "beslutets utfall ('%s') kunde inte avgöras; '%s' antas", or_empty(text),
			    utfall == PU_AVSLAG ? "avslag" : utfall == PU_DELAVSLAG ? "delavslag" : "bifall");
	}
	xmlSetProp(el, (const xmlChar *)"utfall", (const xmlChar *)(utfall == PU_AVSLAG ? "avslag" :
		   utfall == PU_DELAVSLAG ? "delavslag" : "bifall"));
	akt_builder_attr(c->b, el, "beslutsfattare", maker, line);
	if (motiv)
		akt_builder_child(c->b, el, "motivering", motiv, BUILD_LONG, line);
out:
	xmlFree(t);
	xmlFree(text);
	xmlFree(motiv);
	xmlFree(maker);
	return AUDIT_OK;
oom:
	xmlFree(t);
	xmlFree(text);
	xmlFree(motiv);
	xmlFree(maker);
	return AUDIT_ENOMEM;
}

static int do_case_note(ctx *c, xmlNodePtr n)
{
	char *t = attr(n, "noteType"), *text = import_text(n), *nd = attr(n, "noteDate");
	int m = t ? profile_lookup(c->p, PG_NOTE, t, NULL) : profile_untyped_note(c->p);
	int line = import_line(n), rc = AUDIT_OK;
	char d[11];

	if (m == PN_JOURNAL || m == PN_TEXT) {
		xmlNodePtr el = akt_builder_anteckning(c->b, text, line);
		const char *id = akt_builder_id(c->b, NULL, "J");
		if (el == NULL || id == NULL) {
			rc = AUDIT_ENOMEM;
		} else {
			xmlSetProp(el, (const xmlChar *)"id", (const xmlChar *)id);
			if (import_date(nd, d) == 0)
				xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)d);
		}
	} else if (m != PN_IGNORE) {
		import_warn(c->w, line, "anteckning av typ '%s' på ärendet – inte mappad", t ? t : "(ingen)");
	}
	xmlFree(t);
	xmlFree(text);
	xmlFree(nd);
	return rc;
}

/* Records and actions of an aggregation and the aggregations inside it. */
static int do_contents(ctx *c, xmlNodePtr agg, int depth, int *n_beslut)
{
	int rc = AUDIT_OK;

	for (xmlNodePtr x = agg->children; x && rc == AUDIT_OK; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)x->name, "record") == 0)
			rc = do_record(c, x);
		else if (strcmp((const char *)x->name, "aggregation") == 0 && depth < 16)
			rc = do_contents(c, x, depth + 1, n_beslut);
		else if (strcmp((const char *)x->name, "action") == 0)
			rc = do_case_action(c, x, n_beslut);
		else if (strcmp((const char *)x->name, "notes") == 0 && depth == 0)
			for (xmlNodePtr n = import_child(x, "note"); n && rc == AUDIT_OK; n = import_next(n, "note"))
				rc = do_case_note(c, n);
	}
	return rc;
}

/* ---- the household ---- */

typedef struct hh_agent {
	agent_info a;
	int meaning;
} hh_agent;

static int add_household(ctx *c, hh_agent *v, size_t n)
{
	int have_sokande = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i].meaning == PO_SOKANDE)
			have_sokande = 1;
	for (size_t i = 0; i < n; i++) {
		agent_info *a = &v[i].a;
		xmlNodePtr notes = import_child(a->node, "notes");
		char *own_id = NULL, *fodd_note = NULL, *boende = NULL, fodd[11];
		const char *id, *pnr = NULL;
		int m = v[i].meaning, idm = id_meaning(c, a), has_fodd = 0, rc = AUDIT_OK;

		if (m == AG_COUNTERPART) {
			if (!have_sokande && profile_counterpart_role(c->p) == PO_SOKANDE) {
				import_warn(c->w, a->line, "aktören '%s' (counterpart) saknar roll; tolkas som sökande",
					    or_empty(a->name));
				m = PO_SOKANDE;
				have_sokande = 1;
			} else {
				import_warn(c->w, a->line, "aktören '%s' (counterpart) saknar känd roll – inte mappad",
					    or_empty(a->name));
				continue;
			}
		}
		for (xmlNodePtr x = import_child(notes, "note"); x; x = import_next(x, "note")) {
			char *t = attr(x, "noteType");
			int nm = t ? profile_lookup(c->p, PG_NOTE, t, NULL) : -1;
			char **slot = nm == PN_ID ? &own_id : nm == PN_FODD ? &fodd_note : nm == PN_BOENDE ? &boende : NULL;
			if (slot && *slot == NULL)
				*slot = import_text(x);
			else if (nm != PN_IGNORE)
				import_warn(c->w, import_line(x), "anteckning av typ '%s' om aktören '%s' – inte mappad",
					    t ? t : "(ingen)", or_empty(a->name));
			xmlFree(t);
		}
		if (fodd_note && import_date(fodd_note, fodd) == 0)
			has_fodd = 1;
		if (idm == PI_PERSONNUMMER || idm == PI_SAMORDNINGSNUMMER) {
			pnr = a->idnum;
			if (!has_fodd && import_birth_from_idnumber(a->idnum, idm == PI_SAMORDNINGSNUMMER, fodd) == 0)
				has_fodd = 1;
			else if (!has_fodd)
				import_warn(c->w, a->line, "'%s' är inget giltigt %s; födelsedatum okänt", a->idnum,
					    idm == PI_SAMORDNINGSNUMMER ? "samordningsnummer" : "personnummer");
		} else if (idm == PI_FODD && !has_fodd) {
			has_fodd = import_date(a->idnum, fodd) == 0;
			if (!has_fodd)
				import_warn(c->w, a->line, "'%s' är inget födelsedatum", a->idnum);
		}
		if (m == PO_BARN) {
			const char *bo = NULL;
			if (boende) {
				char *nb = profile_normalize(boende);
				if (nb && (strcmp(nb, "heltid") == 0))
					bo = "heltid";
				else if (nb && (strcmp(nb, "vaxelvis") == 0 || strcmp(nb, "växelvis") == 0))
					bo = "vaxelvis";
				else if (nb && (strcmp(nb, "umgange") == 0 || strcmp(nb, "umgänge") == 0))
					bo = "umgange";
				else
					import_warn(c->w, a->line, "okänt boende '%s' för barn – inte mappat", boende);
				free(nb);
			}
			if (!has_fodd) {
				import_warn(c->w, a->line, "barnet '%s' saknar födelsedatum och personnummer – inte importerat",
					    or_empty(a->name));
			} else {
				id = akt_builder_id(c->b, own_id, "B");
				if (id == NULL || akt_builder_barn(c->b, id, fodd, a->name, bo) == NULL ||
				    add_member(c, id, NULL, a->name) < 0)
					rc = AUDIT_ENOMEM;
				if (pnr)
					import_warn(c->w, a->line, "barnets personnummer har ingen plats i akten (bara födelsedatum)");
			}
		} else {
			id = akt_builder_id(c->b, own_id, "P");
			if (id == NULL ||
			    akt_builder_person(c->b, id, m == PO_MEDSOKANDE ? "medsokande" : "sokande",
					       has_fodd ? fodd : NULL, a->name, pnr) == NULL ||
			    add_member(c, id, pnr, a->name) < 0)
				rc = AUDIT_ENOMEM;
		}
		xmlFree(own_id);
		xmlFree(fodd_note);
		xmlFree(boende);
		if (rc < 0)
			return rc;
	}
	return AUDIT_OK;
}

/* ---- one case file ---- */

static int do_case(ctx *c, xmlNodePtr agg, xmlNodePtr control)
{
	char *obj = child_text(agg, "objectId"), *sysid = attr(agg, "systemIdentifier");
	char *unit_id = NULL, *unit_name = NULL, d_open[11], d_close[11];
	xmlNodePtr agents = import_child(agg, "agents"), dates = import_child(agg, "dates");
	hh_agent *hh = NULL;
	size_t n_hh = 0;
	int rc = AUDIT_OK, line = import_line(agg), n_beslut = 0, status = -1;
	const char *akt_id = obj && !is_blank(obj) ? obj : sysid;
	char *st;

	/* the agents of the ärende */
	for (xmlNodePtr a = import_child(agents, "agent"); a && rc == AUDIT_OK; a = import_next(a, "agent")) {
		hh_agent h;
		read_agent(&h.a, a);
		h.meaning = agent_meaning(c, &h.a);
		if (h.meaning == PO_HANDLAGGARE && c->handl_name == NULL) {
			char *u = agent_user(c, &h.a);
			c->handl_name = strdup(or_empty(h.a.name));
			c->handl_id = u ? import_id(u) : import_slug(h.a.name);
			free(u);
			if (h.a.unit && !is_blank(h.a.unit) && unit_name == NULL)
				unit_name = strdup(h.a.unit);
		}
		if (h.meaning == PO_SOKANDE || h.meaning == PO_MEDSOKANDE || h.meaning == PO_BARN ||
		    h.meaning == AG_COUNTERPART) {
			hh_agent *nv = realloc(hh, (n_hh + 1) * sizeof(*nv));
			if (nv == NULL) {
				free_agent(&h.a);
				rc = AUDIT_ENOMEM;
				break;
			}
			hh = nv;
			hh[n_hh++] = h;
		} else {
			free_agent(&h.a);
		}
	}
	/* the unit, the handläggare: the head comes first so its ids stay */
	for (xmlNodePtr x = import_child(agg, "extraId"); x && !unit_id; x = import_next(x, "extraId")) {
		char *t = attr(x, "extraIdType");
		if (t && profile_lookup(c->p, PG_UNIT_ID, t, NULL) >= 0) {
			char *v = import_text(x);
			unit_id = v ? import_id(v) : NULL;
			xmlFree(v);
		}
		xmlFree(t);
	}
	for (xmlNodePtr x = import_child(control, "identification"); x && !unit_name;
	     x = import_next(x, "identification")) {
		char *t = attr(x, "identificationType");
		if (t && profile_lookup(c->p, PG_UNIT_NAME, t, NULL) >= 0) {
			char *v = import_text(x);
			if (v && !is_blank(v))
				unit_name = strdup(v);
			xmlFree(v);
		}
		xmlFree(t);
	}
	if (unit_id == NULL && unit_name)
		unit_id = import_slug(unit_name);
	if (unit_id == NULL) {
		import_warn(c->w, line, "ärendet säger inte vilken enhet det hör till");
		unit_id = strdup("okand");
	}
	if (unit_name == NULL)
		unit_name = strdup(unit_id);

	if (c->handl_name == NULL) {
		import_warn(c->w, line, "ärendet saknar ansvarig handläggare (responsible_person)");
		c->handl_name = strdup("");
	}
	if (c->handl_id == NULL)
		c->handl_id = strdup("okand");
	if (rc == AUDIT_OK)
		rc = akt_builder_head(c->b, akt_id ? akt_id : "", unit_id, unit_name, c->handl_id, c->handl_name);
	if (rc == AUDIT_OK)
		extensions(c, agg, "ärendet", copy_top, NULL);
	if (rc == AUDIT_OK)
		rc = add_household(c, hh, n_hh);
	for (size_t i = 0; i < n_hh; i++)
		free_agent(&hh[i].a);
	free(hh);
	if (rc < 0)
		goto out;
	if (akt_builder_n_persons(c->b) == 0) {
		const char *id = akt_builder_id(c->b, NULL, "P");
		import_warn(c->w, line, "ärendet har ingen sökande; en okänd sökande läggs till");
		if (id == NULL || akt_builder_person(c->b, id, "sokande", NULL, NULL, NULL) == NULL) {
			rc = AUDIT_ENOMEM;
			goto out;
		}
	}
	/* status and dates */
	st = attr(import_child(agg, "status"), "value");
	if (st) {
		status = profile_lookup(c->p, PG_STATUS, st, NULL);
		if (status < 0)
			import_warn(c->w, line, "okänd status '%s' för ärendet – inte mappad", st);
		xmlFree(st);
	}
	if (find_date(c, dates, "date", PD_OPPNAT, d_open) != 0)
		d_open[0] = '\0';
	if (find_date(c, dates, "date", PD_AVSLUTAT, d_close) != 0)
		d_close[0] = '\0';
	if (status < 0)
		status = d_close[0] ? PS_AVSLUTAT : PS_PAGAENDE;

	if ((rc = do_contents(c, agg, 0, &n_beslut)) < 0)
		goto out;
	resolve_refs(c);
	if (d_open[0] == '\0') {
		/* the earliest date of the ärende, else of its documents, stands in */
		long best = 0, v;
		int have = 0;
		for (xmlNodePtr x = import_child(dates, "date"); x; x = import_next(x, "date")) {
			char *t = import_text(x), dd[11];
			if (import_date(t, dd) == 0 && util_date_parse(dd, &v) == 0 && (!have || v < best)) {
				best = v;
				have = 1;
			}
			xmlFree(t);
		}
		if (have)
			util_date_format(best, d_open);
		else
			akt_builder_earliest(c->b, d_open);
		if (d_open[0])
			import_warn(c->w, line, "ärendet saknar öppningsdatum (dateType opened); %s, det tidigaste datumet, används", d_open);
	}
	if (d_open[0] == '\0') {
		rc = AUDIT_EINPUT;
		goto out;
	}
	rc = akt_builder_arende(c->b, status == PS_AVSLUTAT ? "avslutat" : "pagaende", d_open,
				d_close[0] ? d_close : NULL);
out:
	xmlFree(obj);
	xmlFree(sysid);
	free(unit_id);
	free(unit_name);
	return rc;
}

/* Finds the case files below n: aggregations of type caseFile. */
static void find_cases(xmlNodePtr n, xmlNodePtr **v, size_t *k, int depth)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		char *t;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "aggregation") != 0)
			continue;
		t = xmlsafe_attr(c, "aggregationType");
		if (t && strcmp(t, "caseFile") == 0) {
			xmlNodePtr *nv = realloc(*v, (*k + 1) * sizeof(*nv));
			if (nv) {
				*v = nv;
				(*v)[(*k)++] = c;
			}
		} else if (depth < 16) {
			find_cases(c, v, k, depth + 1);
		}
		xmlFree(t);
	}
}

int import_erms(xmlDocPtr doc, const char *path, const profile *p, import_warnings *w,
		import_case_fn fn, void *ud, audit_err *e)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), control = import_child(root, "control");
	xmlNodePtr aggs = import_child(root, "aggregations");
	xmlNodePtr *cases = NULL;
	size_t n = 0;
	int rc = AUDIT_OK, generic = 0;

	find_cases(aggs, &cases, &n, 0);
	if (n == 0 && aggs) {
		/* no caseFile: each top-level aggregation stands for one */
		for (xmlNodePtr c = aggs->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "aggregation") == 0) {
				xmlNodePtr *nv = realloc(cases, (n + 1) * sizeof(*nv));
				if (nv == NULL)
					break;
				cases = nv;
				cases[n++] = c;
			}
		generic = 1;
	}
	if (n == 0) {
		free(cases);
		if (import_child(root, "records"))
			return audit_err_set(e, AUDIT_EINPUT, path, import_line(root), 0,
					     "the ERMS file holds records without a case file (aggregation): "
					     "there is no ärende to audit");
		return audit_err_set(e, AUDIT_EINPUT, path, import_line(root), 0,
				     "the ERMS file holds no case file (aggregation)");
	}
	for (size_t i = 0; i < n && rc == AUDIT_OK; i++) {
		import_warnings cw = { NULL, 0, 0, w->path, w->fn, w->ud, 0 };
		ctx c;
		xmlDocPtr out = NULL;

		memset(&c, 0, sizeof(c));
		c.p = p;
		c.w = &cw;
		if (generic) {
			char *t = xmlsafe_attr(cases[i], "aggregationType");
			import_warn(&cw, import_line(cases[i]), "ingen aggregation av typen caseFile; '%s' tolkas som ärende",
				    t ? t : "(ingen)");
			xmlFree(t);
		}
		rc = akt_builder_new(&c.b, &cw, e);
		if (rc == AUDIT_OK) {
			rc = do_case(&c, cases[i], control);
			if (rc == AUDIT_EINPUT) {
				char *obj = child_text(cases[i], "objectId");
				audit_err_set(e, AUDIT_EINPUT, path, import_line(cases[i]), 0,
					      "ärendet '%s' har inget datum alls och kan inte granskas",
					      or_empty(obj));
				xmlFree(obj);
			} else if (rc == AUDIT_ENOMEM) {
				audit_err_set(e, rc, path, 0, 0, "out of memory");
			}
		}
		if (rc == AUDIT_OK)
			rc = akt_builder_finish(c.b, &out, path, e);
		akt_builder_free(c.b);
		free_ctx(&c);
		if (rc == AUDIT_OK && cw.oom)
			rc = audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
		if (rc == AUDIT_OK)
			rc = fn(ud, out, &cw);
		else if (rc == AUDIT_EINPUT && n > 1) {
			/* one bad case does not stop the others: tell it as a warning */
			import_warn(w, e ? e->line : 0, "%s", e ? e->msg : "ärendet kunde inte importeras");
			rc = AUDIT_OK;
		}
		import_warnings_free(&cw);
	}
	free(cases);
	return rc;
}
