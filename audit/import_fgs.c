/* import_fgs.c - see import_fgs.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_fgs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_build.h"
#include "util.h"

static const char *kind_name[] = { "ansökan", "grundutredning", "fördjupad utredning", "beslut",
				   "arbetsplan", "uppföljning", "journalanteckning", "ignorerad" };
static const char *kind_prefix[] = { "ANS", "U", "U", "BE", "AP", "UF", "J", "X" };

typedef struct ctx {
	const profile *p;
	import_warnings *w;
	akt_builder *b;
	const char *sokande;  /* first household id, owned by the builder */
} ctx;

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static char *text_of(xmlNodePtr n, const char *name)
{
	char *t = import_text(import_child(n, name));
	if (t && t[0] == '\0') {
		xmlFree(t);
		t = NULL;
	}
	return t;
}

/* The first date element below n (by name, in the order of preference of
 * meaning). */
static int find_date(ctx *c, xmlNodePtr n, int meaning, char out[11])
{
	size_t k;
	const char *const *pref = profile_values(c->p, PG_DATE, meaning, &k);

	for (size_t i = 0; i < k; i++)
		for (xmlNodePtr x = n ? n->children : NULL; x; x = x->next) {
			char *norm, *v;
			int hit;
			if (x->type != XML_ELEMENT_NODE)
				continue;
			norm = profile_normalize((const char *)x->name);
			hit = norm && strcmp(norm, pref[i]) == 0;
			free(norm);
			if (!hit)
				continue;
			v = import_text(x);
			hit = import_date(v, out) == 0;
			if (!hit)
				import_warn(c->w, import_line(x), "'%s' är inget datum (%s) – inte mappat", or_empty(v),
					    (const char *)x->name);
			xmlFree(v);
			if (hit)
				return 0;
		}
	return -1;
}

/* Name of the first Agent whose Roll means m, malloc'ed, or NULL; *unit
 * (may be NULL) gets its Enhetsnamn. */
static char *agent_with(ctx *c, xmlNodePtr n, int m, char **unit)
{
	for (xmlNodePtr a = import_child(n, "Agent"); a; a = import_next(a, "Agent")) {
		char *roll = text_of(a, "Roll");
		int r = roll ? profile_lookup(c->p, PG_ROLE, roll, NULL) : -1;
		if (r < 0 && roll && m == PO_HANDLAGGARE)
			import_warn(c->w, import_line(a), "okänd roll '%s' för aktören – inte mappad", roll);
		xmlFree(roll);
		if (r == m) {
			if (unit)
				*unit = text_of(a, "Enhetsnamn");
			return text_of(a, "Namn");
		}
	}
	return NULL;
}

static int add_motpart(ctx *c, xmlNodePtr mp)
{
	char *namn = text_of(mp, "Namn");
	xmlNodePtr idn = import_child(mp, "IDnummer");
	char *num = import_text(idn), *typ = xmlsafe_attr(idn, "Typ"), fodd[11];
	int m = num ? profile_lookup(c->p, PG_IDNUMBER, typ ? typ : "1", NULL) : -1, has = 0, rc = AUDIT_OK;
	const char *id;

	if (c->sokande) {
		import_warn(c->w, import_line(mp), "motparten '%s' har ingen roll i FGS 1.0; bara den första tolkas som sökande – inte mappad",
			    or_empty(namn));
		goto out;
	}
	if (profile_counterpart_role(c->p) != PO_SOKANDE) {
		import_warn(c->w, import_line(mp), "motparten '%s' – inte mappad", or_empty(namn));
		goto out;
	}
	if (m == PI_PERSONNUMMER || m == PI_SAMORDNINGSNUMMER)
		has = import_birth_from_idnumber(num, m == PI_SAMORDNINGSNUMMER, fodd) == 0;
	id = akt_builder_id(c->b, NULL, "P");
	if (id == NULL || akt_builder_person(c->b, id, "sokande", has ? fodd : NULL, namn,
					     (m == PI_PERSONNUMMER || m == PI_SAMORDNINGSNUMMER) ? num : NULL) == NULL)
		rc = AUDIT_ENOMEM;
	c->sokande = id;
	import_warn(c->w, import_line(mp), "motparten '%s' tolkas som sökande", or_empty(namn));
out:
	xmlFree(namn);
	xmlFree(num);
	xmlFree(typ);
	return rc;
}

static int do_handling(ctx *c, xmlNodePtr h)
{
	char *obj = text_of(h, "ArkivobjektID"), *typ = text_of(h, "Handlingstyp");
	char *rubrik = text_of(h, "Rubrik"), *beskr = text_of(h, "Beskrivning"), *not = text_of(h, "Notering");
	int kind = typ ? profile_lookup(c->p, PG_RECORD, typ, NULL) : -1, line = import_line(h), rc = AUDIT_OK;
	const char *objs = or_empty(obj), *id;
	char datum[11], d2[11];
	int has_datum;
	abuf text = ABUF_INIT;
	xmlNodePtr el = NULL;

	if (kind < 0) {
		int keep = profile_unmapped_record(c->p) == PR_JOURNAL;
		import_warn(c->w, line, "okänd handlingstyp '%s' i handling '%s' – inte mappad%s", or_empty(typ), objs,
			    keep ? ", sparad som journalanteckning" : "");
		kind = keep ? PR_JOURNAL : PR_IGNORE;
	}
	if (kind == PR_IGNORE)
		goto out;
	for (xmlNodePtr b = import_child(h, "Bilaga"); b; b = import_next(b, "Bilaga")) {
		char *n = xmlsafe_attr(b, "Namn");
		import_warn(c->w, import_line(b), "bilagan '%s' i handling '%s' lästes inte: bara metadata importeras",
			    or_empty(n), objs);
		xmlFree(n);
	}
	has_datum = find_date(c, h, PD_DATUM, datum) == 0;
	if (beskr)
		abuf_puts(&text, beskr);
	if (not) {
		if (text.len)
			abuf_puts(&text, "\n\n");
		abuf_puts(&text, not);
	}
	id = akt_builder_id(c->b, obj, kind_prefix[kind]);
	if (id == NULL) {
		rc = AUDIT_ENOMEM;
		goto out;
	}
	if (kind != PR_ANSOKAN && kind != PR_JOURNAL && kind != PR_BESLUT && !has_datum) {
		import_warn(c->w, line, "%s '%s' saknar datum – inte importerad", kind_name[kind], objs);
		goto out;
	}
	switch (kind) {
	case PR_ANSOKAN:
		el = akt_builder_doc(c->b, "ansokan", id, abuf_str(&text), line);
		if (el && has_datum)
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		break;
	case PR_GRUNDUTREDNING:
	case PR_FORDJUPAD:
		el = akt_builder_doc(c->b, "utredning", id, NULL, line);
		if (el) {
			xmlSetProp(el, (const xmlChar *)"typ",
				   (const xmlChar *)(kind == PR_FORDJUPAD ? "fordjupad" : "grundutredning"));
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
			if (text.len) {
				xmlNodePtr a = akt_builder_child(c->b, el, "avsnitt", abuf_str(&text), BUILD_LONG, line);
				akt_builder_attr(c->b, a, "typ", "ovrigt", line);
				akt_builder_attr(c->b, a, "rubrik", rubrik, line);
			}
		}
		break;
	case PR_BESLUT: {
		int u = -1;
		char *maker = agent_with(c, h, PO_BESLUTSFATTARE, NULL);
		el = akt_builder_doc(c->b, "beslut", id, NULL, line);
		if (el == NULL) {
			xmlFree(maker);
			break;
		}
		if (find_date(c, h, PD_BESLUTSDATUM, d2) == 0)
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)d2);
		else if (has_datum)
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		if (rubrik)
			u = profile_lookup(c->p, PG_OUTCOME, rubrik, NULL);
		if (u < 0 && text.len)
			u = profile_lookup(c->p, PG_OUTCOME, abuf_str(&text), NULL);
		if (u < 0) {
			u = profile_default_outcome(c->p);
			import_warn(c->w, line, "beslutets utfall i '%s' kunde inte avgöras; '%s' antas", objs,
				    u == PU_AVSLAG ? "avslag" : u == PU_DELAVSLAG ? "delavslag" : "bifall");
		}
		xmlSetProp(el, (const xmlChar *)"utfall", (const xmlChar *)(u == PU_AVSLAG ? "avslag" :
			   u == PU_DELAVSLAG ? "delavslag" : "bifall"));
		akt_builder_attr(c->b, el, "beslutsfattare", maker, line);
		if (text.len)
			import_warn(c->w, line, "texten i beslut '%s' har ingen given plats i FGS 1.0 (motivering, besvärshänvisning) – inte mappad", objs);
		xmlFree(maker);
		break;
	}
	case PR_ARBETSPLAN:
		el = akt_builder_doc(c->b, "arbetsplan", id, NULL, line);
		if (el)
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
		if (text.len)
			import_warn(c->w, line, "texten i arbetsplan '%s' har ingen given plats i FGS 1.0 (mål, steg) – inte mappad", objs);
		break;
	case PR_UPPFOLJNING:
		el = akt_builder_doc(c->b, "uppfoljning", id, NULL, line);
		if (el) {
			xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
			if (text.len)
				akt_builder_child(c->b, el, "utvardering", abuf_str(&text), BUILD_LONG, line);
		}
		break;
	default: {
		char *sign = agent_with(c, h, PO_HANDLAGGARE, NULL);
		el = akt_builder_anteckning(c->b, abuf_str(&text), line);
		if (el) {
			xmlSetProp(el, (const xmlChar *)"id", (const xmlChar *)id);
			if (has_datum)
				xmlSetProp(el, (const xmlChar *)"datum", (const xmlChar *)datum);
			akt_builder_attr(c->b, el, "signatur", sign, line);
			akt_builder_attr(c->b, el, "rubrik", rubrik, line);
		}
		xmlFree(sign);
		break;
	}
	}
	if (el == NULL)
		rc = AUDIT_ENOMEM;
out:
	abuf_free(&text);
	xmlFree(obj);
	xmlFree(typ);
	xmlFree(rubrik);
	xmlFree(beskr);
	xmlFree(not);
	return rc;
}

static int do_arende(ctx *c, xmlNodePtr ar)
{
	char *obj = text_of(ar, "ArkivobjektID"), *unit = NULL, *unit_id = NULL, *st, *not;
	char *handl = agent_with(c, ar, PO_HANDLAGGARE, &unit), *handl_id;
	char d_open[11], d_close[11];
	int status = -1, rc = AUDIT_OK, line = import_line(ar);

	for (xmlNodePtr x = import_child(ar, "ExtraID"); x && !unit_id; x = import_next(x, "ExtraID")) {
		char *t = xmlsafe_attr(x, "ExtraIDTyp");
		if (t && profile_lookup(c->p, PG_UNIT_ID, t, NULL) >= 0) {
			char *v = import_text(x);
			unit_id = v ? import_id(v) : NULL;
			xmlFree(v);
		}
		xmlFree(t);
	}
	if (handl == NULL)
		import_warn(c->w, line, "ärendet saknar handläggare (Agent med rollen handläggare)");
	handl_id = handl ? import_slug(handl) : NULL;
	if (unit_id == NULL && unit)
		unit_id = import_slug(unit);
	if (unit_id == NULL)
		import_warn(c->w, line, "ärendet säger inte vilken enhet det hör till");
	rc = akt_builder_head(c->b, obj ? obj : "", unit_id ? unit_id : "okand",
			      unit ? unit : unit_id ? unit_id : "okand", handl_id ? handl_id : "okand",
			      handl ? handl : "");
	for (xmlNodePtr m = import_child(ar, "Motpart"); m && rc == AUDIT_OK; m = import_next(m, "Motpart"))
		rc = add_motpart(c, m);
	if (rc == AUDIT_OK && c->sokande == NULL) {
		const char *id = akt_builder_id(c->b, NULL, "P");
		import_warn(c->w, line, "ärendet har ingen motpart; en okänd sökande läggs till");
		if (id == NULL || akt_builder_person(c->b, id, "sokande", NULL, NULL, NULL) == NULL)
			rc = AUDIT_ENOMEM;
	}
	st = text_of(ar, "StatusArande");
	if (st) {
		status = profile_lookup(c->p, PG_STATUS, st, NULL);
		if (status < 0)
			import_warn(c->w, line, "okänd status '%s' för ärendet – inte mappad", st);
		xmlFree(st);
	}
	if (find_date(c, ar, PD_AVSLUTAT, d_close) != 0)
		d_close[0] = '\0';
	if (status < 0)
		status = d_close[0] ? PS_AVSLUTAT : PS_PAGAENDE;
	not = text_of(ar, "Notering");
	if (not && rc == AUDIT_OK) {
		xmlNodePtr el = akt_builder_anteckning(c->b, not, line);
		const char *id = akt_builder_id(c->b, NULL, "J");
		if (el == NULL || id == NULL)
			rc = AUDIT_ENOMEM;
		else
			xmlSetProp(el, (const xmlChar *)"id", (const xmlChar *)id);
	}
	xmlFree(not);
	for (xmlNodePtr b = import_child(ar, "Bilaga"); b; b = import_next(b, "Bilaga")) {
		char *n = xmlsafe_attr(b, "Namn");
		import_warn(c->w, import_line(b), "bilagan '%s' till ärendet lästes inte", or_empty(n));
		xmlFree(n);
	}
	{
		xmlNodePtr list = import_child(ar, "ArkivobjektListaHandlingar");
		for (xmlNodePtr h = import_child(list, "ArkivobjektHandling"); h && rc == AUDIT_OK;
		     h = import_next(h, "ArkivobjektHandling"))
			rc = do_handling(c, h);
	}
	if (rc == AUDIT_OK) {
		if (find_date(c, ar, PD_OPPNAT, d_open) != 0 && akt_builder_earliest(c->b, d_open) == 0)
			import_warn(c->w, line, "ärendet saknar datum (Inkommen, Upprattad, Skapad); %s, det tidigaste datumet i handlingarna, används", d_open);
		else if (find_date(c, ar, PD_OPPNAT, d_open) != 0)
			rc = AUDIT_EINPUT;
		else
			rc = akt_builder_arende(c->b, status == PS_AVSLUTAT ? "avslutat" : "pagaende", d_open,
						d_close[0] ? d_close : NULL);
	}
	xmlFree(obj);
	xmlFree(unit);
	free(unit_id);
	xmlFree(handl);
	free(handl_id);
	return rc;
}

int import_fgs(xmlDocPtr doc, const char *path, const profile *p, import_warnings *w,
	       import_case_fn fn, void *ud, audit_err *e)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr list = import_child(root, "ArkivobjektListaArenden");
	xmlNodePtr first = import_child(list, "ArkivobjektArende");
	int rc = AUDIT_OK, many = first && import_next(first, "ArkivobjektArende") != NULL;

	if (first == NULL) {
		if (import_child(root, "ArkivobjektListaHandlingar"))
			return audit_err_set(e, AUDIT_EINPUT, path, import_line(root), 0,
					     "the FGS file holds handlingar without an ärende (ArkivobjektArende): "
					     "there is no ärende to audit");
		return audit_err_set(e, AUDIT_EINPUT, path, import_line(root), 0,
				     "the FGS file holds no ärende (ArkivobjektListaArenden/ArkivobjektArende)");
	}
	for (xmlNodePtr ar = first; ar && rc == AUDIT_OK; ar = import_next(ar, "ArkivobjektArende")) {
		import_warnings cw = { NULL, 0, 0, w->path, w->fn, w->ud, 0 };
		ctx c;
		xmlDocPtr out = NULL;

		memset(&c, 0, sizeof(c));
		c.p = p;
		c.w = &cw;
		rc = akt_builder_new(&c.b, &cw, e);
		if (rc == AUDIT_OK) {
			rc = do_arende(&c, ar);
			if (rc == AUDIT_EINPUT) {
				char *obj = text_of(ar, "ArkivobjektID");
				audit_err_set(e, AUDIT_EINPUT, path, import_line(ar), 0,
					      "ärendet '%s' saknar datum (Inkommen, Upprattad eller Skapad) och kan inte granskas",
					      or_empty(obj));
				xmlFree(obj);
			} else if (rc == AUDIT_ENOMEM) {
				audit_err_set(e, rc, path, 0, 0, "out of memory");
			}
		}
		if (rc == AUDIT_OK)
			rc = akt_builder_finish(c.b, &out, path, e);
		akt_builder_free(c.b);
		if (rc == AUDIT_OK && cw.oom)
			rc = audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
		if (rc == AUDIT_OK) {
			rc = fn(ud, out, &cw);
		} else if (rc == AUDIT_EINPUT && many) {
			import_warn(w, e ? e->line : 0, "%s", e ? e->msg : "ärendet kunde inte importeras");
			rc = AUDIT_OK;
		}
		import_warnings_free(&cw);
	}
	return rc;
}
