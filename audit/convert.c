/* convert.c - see convert.h. */
#define _POSIX_C_SOURCE 200809L
#include "convert.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "import_erms.h"
#include "import_util.h"
#include "profile.h"
#include "xmlsafe.h"

#ifndef AUDIT_VERSION
#define AUDIT_VERSION "0"
#endif

typedef struct cv {
	const akt *a;
	const profile *p;
	xmlDocPtr doc;
	xmlNsPtr ns;
	convert_warn_fn fn;
	void *ud;
	int oom;
	const char *handl_id, *handl_name;
	xmlNodePtr hushall;
} cv;

static void warn(cv *c, int loss, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(cv *c, int loss, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (c->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->fn(c->ud, loss, msg);
}

/* A new ERMS element below parent with text (may be NULL). */
static xmlNodePtr el(cv *c, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewDocNode(c->doc, c->ns, (const xmlChar *)name, NULL);

	if (n == NULL) {
		c->oom = 1;
		return NULL;
	}
	if (text)
		xmlNodeAddContent(n, (const xmlChar *)text);
	if (parent)
		xmlAddChild(parent, n);
	return n;
}

static void set(cv *c, xmlNodePtr n, const char *name, const char *value)
{
	if (n && value && xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value) == NULL)
		c->oom = 1;
}

/* A value of the profile; the converter cannot work without it. */
static const char *first(cv *c, profile_group g, int m, int s, const char *fallback)
{
	const char *v = profile_first(c->p, g, m, s);
	return v ? v : fallback;
}

static char *get(xmlNodePtr n, const char *name)
{
	return xmlsafe_attr(n, name);
}

/* A deterministic UUID-shaped identifier for key. */
static void uuid_of(const char *akt_id, const char *key, int n, char out[37])
{
	char buf[600], hex[65];

	snprintf(buf, sizeof(buf), "%s/%s/%d", akt_id, key ? key : "", n);
	util_sha256_hex(buf, strlen(buf), hex);
	snprintf(out, 37, "%.8s-%.4s-5%.3s-a%.3s-%.12s", hex, hex + 8, hex + 13, hex + 17, hex + 20);
}

static void date_el(cv *c, xmlNodePtr dates, const char *child, const char *type, const char *d)
{
	char buf[32];
	xmlNodePtr n;

	if (d == NULL)
		return;
	snprintf(buf, sizeof(buf), "%sT00:00:00", d);
	n = el(c, dates, child, buf);
	set(c, n, "dateType", type);
}

/* Checks that node has only the attributes and child elements listed
 * (NULL-terminated, "|"-separated lists); warns about the others. */
static void only(cv *c, xmlNodePtr node, const char *attrs, const char *children)
{
	char key[80];

	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		snprintf(key, sizeof(key), "|%s|", (const char *)a->name);
		if (!strstr(attrs, key))
			warn(c, 1, "%s: attributet %s på <%s> har ingen motsvarighet i ERMS och kom inte med",
			     c->a->id, (const char *)a->name, (const char *)node->name);
	}
	for (xmlNodePtr ch = node->children; ch; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		snprintf(key, sizeof(key), "|%s|", (const char *)ch->name);
		if (!children || !strstr(children, key))
			warn(c, 1, "%s: elementet <%s> i <%s> har ingen motsvarighet i ERMS och kom inte med",
			     c->a->id, (const char *)ch->name, (const char *)node->name);
	}
}

/* Copies a canonical element into extension data, in the akt namespace. */
static void set_akt_ns(xmlNodePtr n, xmlNsPtr ns)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	n->ns = ns;
	for (xmlNodePtr ch = n->children; ch; ch = ch->next)
		set_akt_ns(ch, ns);
}

static void extension_copy(cv *c, xmlNodePtr xmldata, xmlNodePtr src)
{
	xmlNodePtr copy = xmlDocCopyNode(src, c->doc, 1);
	xmlNsPtr ns;

	if (copy == NULL) {
		c->oom = 1;
		return;
	}
	ns = xmlNewNs(copy, (const xmlChar *)AKT_NS, NULL);
	if (ns == NULL) {
		xmlFreeNode(copy);
		c->oom = 1;
		return;
	}
	set_akt_ns(copy, ns);
	xmlAddChild(xmldata, copy);
}

static char *text_of(xmlNodePtr n)
{
	return n ? (char *)xmlNodeGetContent(n) : NULL;
}

/* The household member with id, or NULL. */
static xmlNodePtr member(cv *c, const char *id)
{
	for (xmlNodePtr m = c->hushall ? c->hushall->children : NULL; m; m = m->next) {
		char *mid;
		int hit;
		if (m->type != XML_ELEMENT_NODE)
			continue;
		mid = get(m, "id");
		hit = mid && id && strcmp(mid, id) == 0;
		xmlFree(mid);
		if (hit)
			return m;
	}
	return NULL;
}

static void staff_agent(cv *c, xmlNodePtr agents, const char *type, const char *id, const char *name)
{
	xmlNodePtr ag = el(c, agents, "agent", NULL);

	set(c, ag, "agentType", type);
	if (id && c->handl_id && strcmp(id, c->handl_id) == 0) {
		el(c, ag, "name", c->handl_name);
		set(c, el(c, ag, "idNumber", id), "idNumberType", first(c, PG_IDNUMBER, PI_ANVANDARNAMN, 0, "username"));
	} else {
		el(c, ag, "name", id ? id : name);
		if (id)
			set(c, el(c, ag, "idNumber", id), "idNumberType",
			    first(c, PG_IDNUMBER, PI_ANVANDARNAMN, 0, "username"));
	}
}

/* An agent for a household member (person or barn). */
static void household_agent(cv *c, xmlNodePtr agents, xmlNodePtr m, const char *agent_type)
{
	int barn = strcmp((const char *)m->name, "barn") == 0;
	char *id = get(m, "id"), *roll = get(m, "roll"), *fodd = get(m, "fodd"), *boende = get(m, "boende");
	char *namn = text_of(xmlsafe_child(m, "namn")), *pnr = text_of(xmlsafe_child(m, "personnummer"));
	xmlNodePtr ag = el(c, agents, "agent", NULL), notes;
	char derived[11];
	int role = barn ? PO_BARN : roll && strcmp(roll, "medsokande") == 0 ? PO_MEDSOKANDE : PO_SOKANDE;

	only(c, m, barn ? "|id|fodd|boende|" : "|id|roll|fodd|", barn ? "|namn|" : "|namn|personnummer|");
	set(c, ag, "agentType", agent_type);
	el(c, ag, "name", namn ? namn : "");
	if (pnr)
		set(c, el(c, ag, "idNumber", pnr), "idNumberType", first(c, PG_IDNUMBER, PI_PERSONNUMMER, 0, "personnummer"));
	else if (barn && fodd)
		set(c, el(c, ag, "idNumber", fodd), "idNumberType", first(c, PG_IDNUMBER, PI_FODD, 0, "födelsedatum"));
	if (strcmp(agent_type, "counterpart") == 0)
		el(c, ag, "role", first(c, PG_ROLE, role, 0, "sökande"));
	notes = el(c, ag, "notes", NULL);
	set(c, el(c, notes, "note", id), "noteType", first(c, PG_NOTE, PN_ID, 0, "id"));
	if (fodd && !barn &&
	    (pnr == NULL || import_birth_from_idnumber(pnr, 0, derived) != 0 || strcmp(derived, fodd) != 0))
		set(c, el(c, notes, "note", fodd), "noteType", first(c, PG_NOTE, PN_FODD, 0, "födelsedatum"));
	if (fodd && barn && pnr)
		set(c, el(c, notes, "note", fodd), "noteType", first(c, PG_NOTE, PN_FODD, 0, "födelsedatum"));
	if (boende)
		set(c, el(c, notes, "note", boende), "noteType", first(c, PG_NOTE, PN_BOENDE, 0, "barnets boende"));
	xmlFree(id);
	xmlFree(roll);
	xmlFree(fodd);
	xmlFree(boende);
	xmlFree(namn);
	xmlFree(pnr);
}

static void note(cv *c, xmlNodePtr notes, int m, const char *text)
{
	set(c, el(c, notes, "note", text ? text : ""), "noteType", first(c, PG_NOTE, m, 0, "text"));
}

static xmlNodePtr record(cv *c, xmlNodePtr agg, const char *type, const char *id, int n)
{
	char uuid[37];
	xmlNodePtr r = el(c, agg, "record", NULL);

	uuid_of(c->a->id, id, n, uuid);
	set(c, r, "systemIdentifier", uuid);
	set(c, r, "recordType", type);
	el(c, r, "objectId", id ? id : "");
	return r;
}

static void relation(cv *c, xmlNodePtr r, const char *target)
{
	if (target)
		set(c, el(c, r, "relation", target), "relationType", "reference");
}

static void do_ansokan(cv *c, xmlNodePtr agg, xmlNodePtr d, int n)
{
	char *id = get(d, "id"), *datum = get(d, "datum"), *avser = get(d, "avser"), *text = text_of(d);
	xmlNodePtr r = record(c, agg, first(c, PG_RECORD, PR_ANSOKAN, 0, "ansökan"), id, n), dates;

	only(c, d, "|id|datum|avser|", NULL);
	if (avser)
		el(c, r, "subject", avser);
	set(c, el(c, r, "direction", NULL), "directionDefinition", "incoming");
	if (text && text[0])
		el(c, r, "description", text);
	if (datum) {
		dates = el(c, r, "dates", NULL);
		date_el(c, dates, "date", "received", datum);
	}
	xmlFree(id);
	xmlFree(datum);
	xmlFree(avser);
	xmlFree(text);
}

static void do_utredning(cv *c, xmlNodePtr agg, xmlNodePtr d, int n)
{
	char *id = get(d, "id"), *typ = get(d, "typ"), *datum = get(d, "datum");
	char *rev = get(d, "reviderad"), *av = get(d, "upprattad-av");
	int fd = typ && strcmp(typ, "fordjupad") == 0;
	xmlNodePtr r = record(c, agg, first(c, PG_RECORD, fd ? PR_FORDJUPAD : PR_GRUNDUTREDNING, 0, "utredning"), id, n);
	xmlNodePtr dates, xmldata = NULL;

	only(c, d, "|id|typ|datum|reviderad|upprattad-av|", "|avsnitt|");
	if (av)
		staff_agent(c, el(c, r, "agents", NULL), "creator", av, NULL);
	dates = el(c, r, "dates", NULL);
	date_el(c, dates, "date", "created", datum);
	date_el(c, dates, "date", "modified", rev);
	for (xmlNodePtr s = d->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "avsnitt") != 0)
			continue;
		if (xmldata == NULL)
			xmldata = el(c, el(c, r, "additionalInformation", NULL), "additionalXMLData", NULL);
		extension_copy(c, xmldata, s);
	}
	xmlFree(id);
	xmlFree(typ);
	xmlFree(datum);
	xmlFree(rev);
	xmlFree(av);
}

static void do_beslut(cv *c, xmlNodePtr agg, xmlNodePtr d, int n)
{
	char *id = get(d, "id"), *datum = get(d, "datum"), *maker = get(d, "beslutsfattare");
	char *ans = get(d, "ansokan"), *utfall = get(d, "utfall");
	int u = utfall && strcmp(utfall, "avslag") == 0 ? PU_AVSLAG :
		utfall && strcmp(utfall, "delavslag") == 0 ? PU_DELAVSLAG : PU_BIFALL;
	xmlNodePtr r = record(c, agg, first(c, PG_RECORD, PR_BESLUT, 0, "beslut"), id, n), act, notes = NULL, m;

	only(c, d, "|id|datum|beslutsfattare|ansokan|utfall|", "|lagrum|motivering|besvarshanvisning|barnkonsekvensanalys|");
	relation(c, r, ans);
	act = el(c, r, "action", NULL);
	el(c, act, "actionText", first(c, PG_OUTCOME, u, 0, utfall ? utfall : "bifall"));
	if ((m = xmlsafe_child(d, "motivering")) != NULL) {
		char *t = text_of(m);
		el(c, act, "actionMotivation", t ? t : "");
		xmlFree(t);
	}
	el(c, act, "actionType", first(c, PG_ACTION, PA_BESLUT, 0, "beslut"));
	if (datum)
		date_el(c, el(c, act, "dates", NULL), "actionDate", "decision_date", datum);
	if (maker) {
		xmlNodePtr ag = el(c, el(c, act, "agents", NULL), "agent", NULL);
		set(c, ag, "agentType", "authorising_person");
		el(c, ag, "name", maker);
	}
	for (xmlNodePtr ch = d->children; ch; ch = ch->next) {
		const char *nm = (const char *)ch->name;
		char *t;
		int k = -1;
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(nm, "lagrum") == 0)
			k = PN_LAGRUM;
		else if (strcmp(nm, "besvarshanvisning") == 0)
			k = PN_BESVARSHANVISNING;
		else if (strcmp(nm, "barnkonsekvensanalys") == 0)
			k = PN_BKA;
		if (k < 0)
			continue;
		if (notes == NULL)
			notes = el(c, r, "notes", NULL);
		t = text_of(ch);
		note(c, notes, k, t);
		xmlFree(t);
	}
	xmlFree(id);
	xmlFree(datum);
	xmlFree(maker);
	xmlFree(ans);
	xmlFree(utfall);
}

static void do_arbetsplan(cv *c, xmlNodePtr agg, xmlNodePtr d, int n)
{
	char *id = get(d, "id"), *datum = get(d, "datum"), *planned = get(d, "uppfoljning-planerad");
	xmlNodePtr r = record(c, agg, first(c, PG_RECORD, PR_ARBETSPLAN, 0, "arbetsplan"), id, n);
	xmlNodePtr sig = xmlsafe_child(d, "underskrift"), dates, notes = NULL;
	char *sig_datum = sig ? get(sig, "datum") : NULL;

	only(c, d, "|id|datum|uppfoljning-planerad|", "|mal|steg|underskrift|");
	if (sig) {
		char *who = get(sig, "person");
		xmlNodePtr m = member(c, who), agents = el(c, r, "agents", NULL);
		only(c, sig, "|person|datum|", NULL);
		if (m) {
			household_agent(c, agents, m, "main_signatory");
		} else {
			xmlNodePtr ag = el(c, agents, "agent", NULL), ns;
			set(c, ag, "agentType", "main_signatory");
			el(c, ag, "name", who ? who : "");
			ns = el(c, ag, "notes", NULL);
			set(c, el(c, ns, "note", who), "noteType", first(c, PG_NOTE, PN_ID, 0, "id"));
		}
		xmlFree(who);
	}
	dates = el(c, r, "dates", NULL);
	date_el(c, dates, "date", "created", datum);
	date_el(c, dates, "date", "main_signature", sig_datum);
	if (planned) {
		xmlNodePtr act = el(c, r, "action", NULL);
		el(c, act, "actionText", "Uppföljning av arbetsplanen");
		el(c, act, "actionDue", planned);
		el(c, act, "actionType", first(c, PG_ACTION, PA_UPPFOLJNING, 0, "uppföljning"));
	}
	for (xmlNodePtr ch = d->children; ch; ch = ch->next) {
		char *t;
		if (ch->type != XML_ELEMENT_NODE || strcmp((const char *)ch->name, "underskrift") == 0)
			continue;
		if (notes == NULL)
			notes = el(c, r, "notes", NULL);
		t = text_of(ch);
		note(c, notes, strcmp((const char *)ch->name, "mal") == 0 ? PN_MAL : PN_STEG, t);
		xmlFree(t);
	}
	xmlFree(id);
	xmlFree(datum);
	xmlFree(planned);
	xmlFree(sig_datum);
}

static void do_uppfoljning(cv *c, xmlNodePtr agg, xmlNodePtr d, int n)
{
	char *id = get(d, "id"), *datum = get(d, "datum"), *plan = get(d, "plan");
	xmlNodePtr r = record(c, agg, first(c, PG_RECORD, PR_UPPFOLJNING, 0, "uppföljning"), id, n);
	xmlNodePtr u = xmlsafe_child(d, "utvardering");

	only(c, d, "|id|datum|plan|", "|utvardering|");
	relation(c, r, plan);
	date_el(c, el(c, r, "dates", NULL), "date", "created", datum);
	if (u) {
		char *t = text_of(u);
		note(c, el(c, r, "notes", NULL), PN_UTVARDERING, t);
		xmlFree(t);
	}
	xmlFree(id);
	xmlFree(datum);
	xmlFree(plan);
}

static void do_anteckning(cv *c, xmlNodePtr agg, xmlNodePtr d, int n)
{
	char *id = get(d, "id"), *datum = get(d, "datum"), *sign = get(d, "signatur");
	char *rubrik = get(d, "rubrik"), *text = text_of(d);
	xmlNodePtr r = record(c, agg, first(c, PG_RECORD, PR_JOURNAL, 0, "journalanteckning"), id, n);

	only(c, d, "|id|datum|signatur|rubrik|", NULL);
	if (id == NULL)
		warn(c, 1, "%s: en journalanteckning utan id får ett id när filen läses in igen", c->a->id);
	/* title comes before the agents in a record */
	if (rubrik) {
		xmlNodePtr t = el(c, NULL, "title", rubrik);
		xmlNodePtr obj = xmlsafe_child(r, "objectId");
		if (t && obj)
			xmlAddNextSibling(obj, t);
	}
	if (sign)
		staff_agent(c, el(c, r, "agents", NULL), "creator", sign, NULL);
	if (text && text[0])
		el(c, r, "description", text);
	if (datum)
		date_el(c, el(c, r, "dates", NULL), "date", "created", datum);
	xmlFree(id);
	xmlFree(datum);
	xmlFree(sign);
	xmlFree(rubrik);
	xmlFree(text);
}

struct vprob {
	abuf *msgs;
	int n;
};

static void on_vproblem(void *ud, int line, const char *msg)
{
	struct vprob *v = ud;
	if (v->n++ < 3)
		abuf_printf(v->msgs, "%sline %d: %s", v->msgs->len ? "; " : "", line, msg);
}

int convert_to_erms(const akt *a, const struct profile *prof, long today, abuf *out,
		    convert_warn_fn fn, void *ud, audit_err *e)
{
	cv c;
	xmlNodePtr root = xmlDocGetRootElement(a->doc), erms, control, mi, ev, ag, aggs, agg, agents, dates;
	xmlNodePtr xmldata = NULL, hl = xmlsafe_child(root, "handlaggare"), enhet = xmlsafe_child(root, "enhet");
	xmlNodePtr arende = xmlsafe_child(root, "arende");
	char uuid[37], day[11], buf[40];
	char *status = NULL, *oppnat = NULL, *avslutat = NULL;
	xmlChar *mem = NULL;
	int size = 0, rc = AUDIT_OK, n = 0, problems;
	abuf ext_names = ABUF_INIT, ext_list = ABUF_INIT;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.p = prof ? prof : profile_default(e);
	if (c.p == NULL)
		return e && e->code ? e->code : AUDIT_EIO;
	c.fn = fn;
	c.ud = ud;
	c.handl_id = a->handlaggare_id;
	c.handl_name = a->handlaggare_name;
	c.hushall = xmlsafe_child(root, "hushall");
	c.doc = xmlNewDoc((const xmlChar *)"1.0");
	if (c.doc == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, a->path, 0, 0, "out of memory");
	erms = xmlNewDocNode(c.doc, NULL, (const xmlChar *)"erms", NULL);
	xmlDocSetRootElement(c.doc, erms);
	c.ns = xmlNewNs(erms, (const xmlChar *)ERMS_NS, NULL);
	xmlSetNs(erms, c.ns);

	/* control */
	control = el(&c, erms, "control", NULL);
	set(&c, el(&c, control, "identification", a->unit_name), "identificationType",
	    first(&c, PG_UNIT_NAME, 0, 0, "enhetsnamn"));
	mi = el(&c, control, "maintenanceInformation", NULL);
	set(&c, el(&c, mi, "maintenanceStatus", NULL), "value", "new");
	el(&c, el(&c, mi, "maintenanceAgency", NULL), "agencyName", a->unit_name);
	ev = el(&c, el(&c, mi, "maintenanceHistory", NULL), "maintenanceEvent", NULL);
	set(&c, el(&c, ev, "eventType", NULL), "value", "created");
	util_date_format(today, day);
	snprintf(buf, sizeof(buf), "%sT00:00:00", day);
	el(&c, ev, "eventDateTime", buf);
	ag = el(&c, ev, "agent", NULL);
	set(&c, ag, "agentType", "creator");
	el(&c, ag, "name", "audit convert " AUDIT_VERSION);

	/* the case file */
	aggs = el(&c, erms, "aggregations", NULL);
	agg = el(&c, aggs, "aggregation", NULL);
	uuid_of(a->id, NULL, 0, uuid);
	set(&c, agg, "systemIdentifier", uuid);
	set(&c, agg, "aggregationType", "caseFile");
	el(&c, agg, "objectId", a->id);
	set(&c, el(&c, agg, "extraId", a->unit_id), "extraIdType", first(&c, PG_UNIT_ID, 0, 0, "enhet"));
	if (enhet)
		only(&c, enhet, "|id|namn|", NULL);
	if (hl)
		only(&c, hl, "|id|", NULL);
	if (arende) {
		only(&c, arende, "|status|oppnat|avslutat|", NULL);
		status = get(arende, "status");
		oppnat = get(arende, "oppnat");
		avslutat = get(arende, "avslutat");
	}
	set(&c, el(&c, agg, "status", NULL), "value", status && strcmp(status, "avslutat") == 0 ? "closed" : "open");
	/* top-level elements the converter does not know go as extension data */
	for (xmlNodePtr d = root->children; d; d = d->next) {
		static const char known[] = "|enhet|handlaggare|arende|hushall|ansokan|utredning|beslut|arbetsplan|uppfoljning|journal|";
		char key[80];
		if (d->type != XML_ELEMENT_NODE)
			continue;
		snprintf(key, sizeof(key), "|%s|", (const char *)d->name);
		if (strstr(known, key))
			continue;
		if (xmldata == NULL)
			xmldata = el(&c, el(&c, agg, "additionalInformation", NULL), "additionalXMLData", NULL);
		extension_copy(&c, xmldata, d);
		if (!strstr(abuf_str(&ext_names), key)) {
			abuf_puts(&ext_names, key);
			abuf_printf(&ext_list, "%s<%s>", ext_list.len ? ", " : "", (const char *)d->name);
		}
	}
	if (ext_list.len)
		warn(&c, 0, "%s: %s har ingen motsvarighet i ERMS; sparade som tilläggsdata (additionalXMLData)",
		     a->id, abuf_str(&ext_list));
	abuf_free(&ext_names);
	abuf_free(&ext_list);
	agents = el(&c, agg, "agents", NULL);
	ag = el(&c, agents, "agent", NULL);
	set(&c, ag, "agentType", "responsible_person");
	el(&c, ag, "name", a->handlaggare_name);
	el(&c, ag, "unitName", a->unit_name);
	set(&c, el(&c, ag, "idNumber", a->handlaggare_id), "idNumberType",
	    first(&c, PG_IDNUMBER, PI_ANVANDARNAMN, 0, "username"));
	for (xmlNodePtr m = c.hushall ? c.hushall->children : NULL; m; m = m->next)
		if (m->type == XML_ELEMENT_NODE)
			household_agent(&c, agents, m, "counterpart");
	dates = el(&c, agg, "dates", NULL);
	date_el(&c, dates, "date", "opened", oppnat);
	date_el(&c, dates, "date", "closed", avslutat);

	for (xmlNodePtr d = root->children; d; d = d->next) {
		const char *nm = (const char *)d->name;
		if (d->type != XML_ELEMENT_NODE)
			continue;
		n++;
		if (strcmp(nm, "ansokan") == 0)
			do_ansokan(&c, agg, d, n);
		else if (strcmp(nm, "utredning") == 0)
			do_utredning(&c, agg, d, n);
		else if (strcmp(nm, "beslut") == 0)
			do_beslut(&c, agg, d, n);
		else if (strcmp(nm, "arbetsplan") == 0)
			do_arbetsplan(&c, agg, d, n);
		else if (strcmp(nm, "uppfoljning") == 0)
			do_uppfoljning(&c, agg, d, n);
		else if (strcmp(nm, "journal") == 0)
			for (xmlNodePtr j = d->children; j; j = j->next)
				if (j->type == XML_ELEMENT_NODE)
					do_anteckning(&c, agg, j, ++n);
	}
	xmlFree(status);
	xmlFree(oppnat);
	xmlFree(avslutat);
	if (c.oom) {
		xmlFreeDoc(c.doc);
		return audit_err_set(e, AUDIT_ENOMEM, a->path, 0, 0, "out of memory");
	}
	{
		abuf msgs = ABUF_INIT;
		struct vprob vp = { &msgs, 0 };
		problems = import_erms_validate_v3(c.doc, on_vproblem, &vp);
		if (problems > 0 || problems == -1)
			rc = audit_err_set(e, AUDIT_EIO, a->path, 0, 0,
					   "internal error: the ERMS written for akt %s does not follow ERMS_v3.xsd: %s",
					   a->id, abuf_str(&msgs));
		abuf_free(&msgs);
	}
	if (rc == AUDIT_OK) {
		xmlDocDumpFormatMemoryEnc(c.doc, &mem, &size, "UTF-8", 1);
		if (mem == NULL || abuf_add(out, mem, (size_t)size) < 0)
			rc = audit_err_set(e, AUDIT_ENOMEM, a->path, 0, 0, "out of memory");
		xmlFree(mem);
	}
	xmlFreeDoc(c.doc);
	return rc;
}

int convert_to_akt(const akt *a, abuf *out, audit_err *e)
{
	xmlDocPtr doc = xmlCopyDoc(a->doc, 1);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNsPtr ns;
	xmlChar *mem = NULL;
	int size = 0, rc = AUDIT_OK;

	if (root == NULL) {
		xmlFreeDoc(doc);
		return audit_err_set(e, AUDIT_ENOMEM, a->path, 0, 0, "out of memory");
	}
	/* a loaded akt-1 file keeps its old declaration: use the one there is */
	ns = xmlSearchNsByHref(doc, root, (const xmlChar *)AKT_NS);
	if (ns == NULL)
		ns = xmlNewNs(root, (const xmlChar *)AKT_NS, NULL);
	if (ns == NULL) {
		xmlFreeDoc(doc);
		return audit_err_set(e, AUDIT_ENOMEM, a->path, 0, 0, "out of memory");
	}
	set_akt_ns(root, ns);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem == NULL || abuf_add(out, mem, (size_t)size) < 0)
		rc = audit_err_set(e, AUDIT_ENOMEM, a->path, 0, 0, "out of memory");
	xmlFree(mem);
	xmlFreeDoc(doc);
	return rc;
}
