/* profile.c - see profile.h. */
#define _POSIX_C_SOURCE 200809L
#include "profile.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "import_util.h"
#include "util.h"
#include "xmlsafe.h"

/* Built into the binary by embed.cmake (see CMakeLists.txt). */
extern const unsigned char audit_xsd_profile[];
extern const size_t audit_xsd_profile_len;
extern const unsigned char audit_profile_default[];
extern const size_t audit_profile_default_len;

const char *const profile_sections[16] = {
	"forsorjningshinder", "resurser", "behov", "boende", "halsa", "arbete", "utbildning",
	"familj", "ekonomi", "barnens-situation", "barnets-basta", "barnets-rost",
	"enskildes-synpunkter", "analys-bedomning", "kommunicering", "ovrigt"
};

typedef struct entry {
	int group, meaning, section;
	char *norm;   /* normalised value */
	char *raw;    /* as written */
} entry;

struct profile {
	char *id;
	entry *v;
	size_t n, cap;
	int unmapped_record, counterpart, untyped_note, default_outcome;
	/* profile_values results, built on demand is not thread safe: built at load */
	const char **vals;          /* all normalised values, grouped */
	size_t *val_start, *val_n;  /* per (group, meaning) */
};

/* The element name of each group and the means="..." words of each. */
static const struct {
	const char *element;
	const char *const *means;
	int n_means;
} groups[PG_COUNT] = {
	[PG_RECORD] = { "recordTypes", (const char *const[]){ "ansokan", "grundutredning",
		"fordjupad-utredning", "beslut", "arbetsplan", "uppfoljning", "journalanteckning",
		"ignorera" }, 8 },
	[PG_ACTION] = { "actionTypes", (const char *const[]){ "beslut", "planerad-uppfoljning",
		"ignorera" }, 3 },
	[PG_ROLE] = { "roles", (const char *const[]){ "sokande", "medsokande", "barn",
		"handlaggare", "beslutsfattare", "ignorera" }, 6 },
	[PG_NOTE] = { "noteTypes", (const char *const[]){ "text", "motivering",
		"besvarshanvisning", "barnkonsekvensanalys", "lagrum", "mal", "steg", "utvardering",
		"avsnitt", "journalanteckning", "id", "fodelsedatum", "boende", "ignorera" }, 14 },
	[PG_IDNUMBER] = { "idNumberTypes", (const char *const[]){ "personnummer",
		"samordningsnummer", "fodelsedatum", "anvandarnamn", "ignorera" }, 5 },
	[PG_UNIT_ID] = { "idFrom", (const char *const[]){ "" }, 1 },
	[PG_UNIT_NAME] = { "nameFrom", (const char *const[]){ "" }, 1 },
	[PG_STATUS] = { "statuses", (const char *const[]){ "pagaende", "avslutat" }, 2 },
	[PG_OUTCOME] = { "outcomes", (const char *const[]){ "bifall", "delavslag", "avslag" }, 3 },
	[PG_DATE] = { "dateTypes", (const char *const[]){ "datum", "reviderad", "beslutsdatum",
		"underskrift", "oppnat", "avslutat" }, 6 },
};

#define MAX_MEANS 16

static int word_index(const char *const *words, int n, const char *w)
{
	for (int i = 0; i < n; i++)
		if (w && strcmp(words[i], w) == 0)
			return i;
	return -1;
}

/* ---- normalisation ---- */

static int is_sep(unsigned char c)
{
	return c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\n' || c == '\r';
}

char *profile_normalize(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *r = malloc(n + 1);
	int pending = 0;

	if (r == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_sep(c)) {
			pending = o > 0;
			continue;
		}
		if (pending) {
			r[o++] = ' ';
			pending = 0;
		}
		if (c >= 'A' && c <= 'Z') {
			r[o++] = (char)(c - 'A' + 'a');
		} else if (c == 0xC3 && i + 1 < n) {
			unsigned char c2 = (unsigned char)s[i + 1];
			/* U+00C0..U+00DE upper case Latin-1 letters, except U+00D7 */
			if (c2 >= 0x80 && c2 <= 0x9E && c2 != 0x97)
				c2 = (unsigned char)(c2 + 0x20);
			r[o++] = (char)c;
			r[o++] = (char)c2;
			i++;
		} else {
			r[o++] = (char)c;
		}
	}
	r[o] = '\0';
	return r;
}

/* ---- loading ---- */

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;
static xmlSchemaPtr schema;
static audit_err schema_err;

static void compile_schema(void)
{
	import_schema_compile(&schema, (const char *)audit_xsd_profile, audit_xsd_profile_len,
			      "built-in profile", &schema_err);
}

void profile_free(profile *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].norm);
		free(p->v[i].raw);
	}
	free(p->v);
	free(p->id);
	free(p->vals);
	free(p->val_start);
	free(p->val_n);
	free(p);
}

static int add_entry(profile *p, int g, int m, int s, const char *raw)
{
	entry *en;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 128;
		entry *nv = realloc(p->v, cap * sizeof(*nv));
		if (nv == NULL)
			return AUDIT_ENOMEM;
		p->v = nv;
		p->cap = cap;
	}
	en = &p->v[p->n];
	en->group = g;
	en->meaning = m;
	en->section = s;
	en->raw = strdup(raw);
	en->norm = profile_normalize(raw);
	if (en->raw == NULL || en->norm == NULL) {
		free(en->raw);
		free(en->norm);
		return AUDIT_ENOMEM;
	}
	p->n++;
	return AUDIT_OK;
}

/* Reads the <value>s below node into group g, meaning m, section s. */
static int add_values(profile *p, xmlNodePtr node, int g, int m, int s)
{
	for (xmlNodePtr v = import_child(node, "value"); v; v = import_next(v, "value")) {
		xmlChar *t = xmlNodeGetContent(v);
		int rc;
		if (t == NULL)
			return AUDIT_ENOMEM;
		rc = add_entry(p, g, m, s, (const char *)t);
		xmlFree(t);
		if (rc < 0)
			return rc;
	}
	return AUDIT_OK;
}

static int attr_word(xmlNodePtr node, const char *name, const char *const *words, int n, int dflt)
{
	char *a = xmlsafe_attr(node, name);
	int i = a ? word_index(words, n, a) : dflt;
	xmlFree(a);
	return i < 0 ? dflt : i;
}

static int build_index(profile *p)
{
	size_t slots = (size_t)PG_COUNT * MAX_MEANS, k = 0;

	p->vals = calloc(p->n ? p->n : 1, sizeof(*p->vals));
	p->val_start = calloc(slots, sizeof(size_t));
	p->val_n = calloc(slots, sizeof(size_t));
	if (p->vals == NULL || p->val_start == NULL || p->val_n == NULL)
		return AUDIT_ENOMEM;
	for (int g = 0; g < PG_COUNT; g++)
		for (int m = 0; m < groups[g].n_means; m++) {
			size_t slot = (size_t)g * MAX_MEANS + (size_t)m;
			p->val_start[slot] = k;
			for (size_t i = 0; i < p->n; i++)
				if (p->v[i].group == g && p->v[i].meaning == m)
					p->vals[k++] = p->v[i].norm;
			p->val_n[slot] = k - p->val_start[slot];
		}
	return AUDIT_OK;
}

struct perr {
	const char *name;
	audit_err *e;
	int n;
};

static void on_problem(void *ud, int line, const char *msg)
{
	struct perr *pe = ud;
	if (pe->n++ == 0)
		audit_err_set(pe->e, AUDIT_EINPUT, pe->name, line, 0, "%s", msg);
}

int profile_load_buffer(profile **out, const char *buf, size_t len, const char *name,
			audit_err *e)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	profile *p;
	int rc;
	struct perr pe = { name, e, 0 };

	*out = NULL;
	pthread_once(&schema_once, compile_schema);
	if (schema == NULL) {
		if (e)
			*e = schema_err;
		return AUDIT_EIO;
	}
	if ((rc = xmlsafe_parse(&doc, buf, len, name, e)) < 0)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "profile") != 0 || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, PROFILE_NS) != 0) {
		xmlFreeDoc(doc);
		return audit_err_set(e, AUDIT_EINPUT, name, import_line(root), 0,
				     "not an import profile: the root element must be <profile xmlns=\"%s\">",
				     PROFILE_NS);
	}
	rc = import_schema_validate(schema, doc, on_problem, &pe);
	if (rc != 0) {
		xmlFreeDoc(doc);
		if (rc < 0)
			return audit_err_set(e, AUDIT_EIO, name, 0, 0, "the schema validator failed");
		return AUDIT_EINPUT;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		xmlFreeDoc(doc);
		return audit_err_set(e, AUDIT_ENOMEM, name, 0, 0, "out of memory");
	}
	p->id = xmlsafe_attr(root, "id");
	rc = p->id ? AUDIT_OK : AUDIT_ENOMEM;
	for (xmlNodePtr c = root->children; c && rc == AUDIT_OK; c = c->next) {
		int g;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "unit") == 0) {
			rc = add_values(p, import_child(c, "idFrom"), PG_UNIT_ID, 0, -1);
			if (rc == AUDIT_OK)
				rc = add_values(p, import_child(c, "nameFrom"), PG_UNIT_NAME, 0, -1);
			continue;
		}
		for (g = 0; g < PG_COUNT; g++)
			if (strcmp((const char *)c->name, groups[g].element) == 0)
				break;
		if (g == PG_COUNT)
			continue;
		if (g == PG_RECORD)
			p->unmapped_record = attr_word(c, "unmapped", groups[g].means, groups[g].n_means,
						       PR_JOURNAL);
		if (g == PG_ROLE)
			p->counterpart = attr_word(c, "counterpart", groups[g].means, groups[g].n_means,
						   PO_SOKANDE);
		if (g == PG_NOTE)
			p->untyped_note = attr_word(c, "untyped", groups[g].means, groups[g].n_means,
						    PN_TEXT);
		if (g == PG_OUTCOME)
			p->default_outcome = attr_word(c, "default", groups[g].means, groups[g].n_means,
						       PU_BIFALL);
		for (xmlNodePtr t = import_child(c, "type"); t && rc == AUDIT_OK; t = import_next(t, "type")) {
			char *means = xmlsafe_attr(t, "means"), *sec = xmlsafe_attr(t, "section");
			int m = word_index(groups[g].means, groups[g].n_means, means);
			int s = sec ? word_index(profile_sections, 16, sec) : -1;
			if (m >= 0)
				rc = add_values(p, t, g, m, s);
			xmlFree(means);
			xmlFree(sec);
		}
	}
	xmlFreeDoc(doc);
	if (rc == AUDIT_OK)
		rc = build_index(p);
	if (rc < 0) {
		profile_free(p);
		return audit_err_set(e, AUDIT_ENOMEM, name, 0, 0, "out of memory");
	}
	*out = p;
	return AUDIT_OK;
}

int profile_load_file(profile **out, const char *path, audit_err *e)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = util_read_file(&buf, &len, path, (size_t)4 << 20, e)) < 0)
		return rc;
	rc = profile_load_buffer(out, buf, len, path, e);
	free(buf);
	return rc;
}

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static profile *default_profile;
static audit_err default_err;

static void load_default(void)
{
	const char *env = getenv("AUDIT_PROFILE");

	if (env && env[0])
		profile_load_file(&default_profile, env, &default_err);
	else
		profile_load_buffer(&default_profile, (const char *)audit_profile_default,
				    audit_profile_default_len, "erms-ekonomiskt-bistand.xml (built in)",
				    &default_err);
}

const profile *profile_default(audit_err *e)
{
	pthread_once(&default_once, load_default);
	if (default_profile == NULL && e)
		*e = default_err;
	return default_profile;
}

const char *profile_id(const profile *p)
{
	return p->id;
}

int profile_lookup(const profile *p, profile_group g, const char *value, int *section)
{
	char *norm;
	int found = -1;

	if (section)
		*section = -1;
	if (value == NULL || (norm = profile_normalize(value)) == NULL)
		return -1;
	for (size_t i = 0; i < p->n && found < 0; i++) {
		const entry *en = &p->v[i];
		if (en->group != (int)g)
			continue;
		if (g == PG_OUTCOME ? en->norm[0] && strstr(norm, en->norm) != NULL
				    : strcmp(norm, en->norm) == 0) {
			found = en->meaning;
			if (section)
				*section = en->section;
		}
	}
	free(norm);
	return found;
}

const char *const *profile_values(const profile *p, profile_group g, int m, size_t *n)
{
	size_t slot;

	*n = 0;
	if ((int)g < 0 || g >= PG_COUNT || m < 0 || m >= groups[g].n_means)
		return NULL;
	slot = (size_t)g * MAX_MEANS + (size_t)m;
	*n = p->val_n[slot];
	return *n ? (const char *const *)&p->vals[p->val_start[slot]] : NULL;
}

const char *profile_first(const profile *p, profile_group g, int m, int s)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].group == (int)g && p->v[i].meaning == m &&
		    (g != PG_NOTE || m != PN_AVSNITT || p->v[i].section == s))
			return p->v[i].raw;
	return NULL;
}

int profile_unmapped_record(const profile *p)
{
	return p->unmapped_record;
}

int profile_counterpart_role(const profile *p)
{
	return p->counterpart;
}

int profile_untyped_note(const profile *p)
{
	return p->untyped_note;
}

int profile_default_outcome(const profile *p)
{
	return p->default_outcome;
}
