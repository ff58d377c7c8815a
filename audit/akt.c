/* akt.c - load akter: safe parse, format detection, schema validation, and
 * import of archival formats through a profile. */
#define _POSIX_C_SOURCE 200809L
#include "akt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "import_erms.h"
#include "import_fgs.h"
#include "import_util.h"
#include "profile.h"
#include "util.h"

void akt_free(akt *a)
{
	if (a == NULL)
		return;
	if (a->doc)
		xmlFreeDoc(a->doc);
	free(a->path);
	free(a->format);
	xmlFree(a->id);
	xmlFree(a->unit_id);
	xmlFree(a->unit_name);
	xmlFree(a->handlaggare_id);
	xmlFree(a->handlaggare_name);
	for (size_t i = 0; i < a->n_warnings; i++)
		free(a->warnings[i]);
	free(a->warnings);
	free(a);
}

const char *akt_format_of(xmlDocPtr doc)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	const char *name, *ns;

	if (root == NULL || root->ns == NULL)
		return NULL;
	name = (const char *)root->name;
	ns = (const char *)root->ns->href;
	if (strcmp(name, "akt") == 0 && strcmp(ns, AKT_NS) == 0)
		return "akt-1";
	if (strcmp(name, "erms") == 0 && strcmp(ns, ERMS_NS) == 0)
		return "erms";
	if (strcmp(name, "Leveransobjekt") == 0 && strcmp(ns, FGS1_NS) == 0)
		return "fgs-1";
	return NULL;
}

/* Wraps a canonical document (namespace removed) into an akt; doc is taken
 * in every case.  hash NULL: the hash of the canonical document. */
static int make_akt(akt **out, xmlDocPtr doc, const char *path, const char *format,
		    const char *hash, audit_err *e)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	akt *a = calloc(1, sizeof(*a));

	*out = NULL;
	if (a == NULL) {
		xmlFreeDoc(doc);
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	}
	a->doc = doc;
	a->path = strdup(path);
	a->format = strdup(format);
	a->id = xmlsafe_attr(root, "id");
	n = xmlsafe_child(root, "enhet");
	a->unit_id = xmlsafe_attr(n, "id");
	a->unit_name = xmlsafe_attr(n, "namn");
	n = xmlsafe_child(root, "handlaggare");
	a->handlaggare_id = xmlsafe_attr(n, "id");
	a->handlaggare_name = n ? (char *)xmlNodeGetContent(n) : NULL;
	if (hash) {
		memcpy(a->hash, hash, sizeof(a->hash));
	} else {
		xmlChar *mem = NULL;
		int size = 0;
		xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
		if (mem)
			util_sha256_hex(mem, (size_t)size, a->hash);
		xmlFree(mem);
		if (mem == NULL) {
			akt_free(a);
			return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
		}
	}
	if (!a->path || !a->format || !a->id || !a->unit_id || !a->unit_name ||
	    !a->handlaggare_id || !a->handlaggare_name) {
		akt_free(a);
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	}
	*out = a;
	return AUDIT_OK;
}

static int load_canonical(akt **out, xmlDocPtr doc, const char *buf, size_t len,
			  const char *path, const akt_opts *o, audit_err *e)
{
	char hash[65];
	int rc = xmlsafe_validate(doc, XMLSAFE_SCHEMA_AKT, buf, len, path,
				  o ? o->on_problem : NULL, o ? o->ud : NULL, e);

	if (rc < 0) {
		xmlFreeDoc(doc);
		return rc;
	}
	xmlsafe_strip_ns(xmlDocGetRootElement(doc));
	util_sha256_hex(buf, len, hash);
	return make_akt(out, doc, path, "akt-1", hash, e);
}

/* ---- archival formats ---- */

struct each_state {
	const char *path;
	const char *format;
	import_warnings *file_w;   /* warnings about the whole file */
	akt_each_fn fn;
	void *ud;
	audit_err *e;
	int n;
};

static int add_warning(akt *a, const char *s)
{
	char **nv = realloc(a->warnings, (a->n_warnings + 1) * sizeof(*nv));

	if (nv == NULL)
		return AUDIT_ENOMEM;
	a->warnings = nv;
	if ((a->warnings[a->n_warnings] = strdup(s)) == NULL)
		return AUDIT_ENOMEM;
	a->n_warnings++;
	return AUDIT_OK;
}

static int on_case(void *ud, xmlDocPtr doc, import_warnings *w)
{
	struct each_state *st = ud;
	akt *a = NULL;
	int rc = make_akt(&a, doc, st->path, st->format, NULL, st->e);

	if (rc < 0)
		return rc;
	/* the file's own warnings (schema departures) go with every ärende */
	for (size_t i = 0; i < st->file_w->n && rc == AUDIT_OK; i++)
		rc = add_warning(a, st->file_w->v[i]);
	for (size_t i = 0; i < w->n && rc == AUDIT_OK; i++)
		rc = add_warning(a, w->v[i]);
	if (rc < 0) {
		akt_free(a);
		return audit_err_set(st->e, AUDIT_ENOMEM, st->path, 0, 0, "out of memory");
	}
	st->n++;
	return st->fn(st->ud, a);
}

static int load_archival(xmlDocPtr doc, const char *kind, const char *path, const akt_opts *o,
			 akt_each_fn fn, void *ud, audit_err *e)
{
	import_warnings w = { NULL, 0, 0, path, o ? o->on_problem : NULL, o ? o->ud : NULL, 0 };
	struct each_state st = { path, NULL, &w, fn, ud, e, 0 };
	const profile *p = o && o->profile ? o->profile : profile_default(e);
	int rc;

	if (p == NULL) {
		xmlFreeDoc(doc);
		return e && e->code ? e->code : AUDIT_EIO;
	}
	if (strcmp(kind, "erms") == 0) {
		st.format = import_erms_version(doc, &w);
		rc = import_erms(doc, path, p, &w, on_case, &st, e);
	} else {
		st.format = "fgs-1";
		rc = import_fgs(doc, path, p, &w, on_case, &st, e);
	}
	import_warnings_free(&w);
	xmlFreeDoc(doc);
	/* warnings went to on_problem already; so does the reason a file is refused */
	if (rc == AUDIT_EINPUT && o && o->on_problem && e)
		o->on_problem(o->ud, e);
	return rc;
}

int akt_load_buffer_each(const char *buf, size_t len, const char *path, const akt_opts *o,
			 akt_each_fn fn, void *ud, audit_err *e)
{
	xmlDocPtr doc = NULL;
	const char *kind;
	int rc;

	if ((rc = xmlsafe_parse(&doc, buf, len, path, e)) < 0)
		return rc;
	kind = akt_format_of(doc);
	if (kind == NULL) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		const char *nsu = root && root->ns ? (const char *)root->ns->href : "";
		audit_err_set(e, AUDIT_EINPUT, path, root && xmlGetLineNo(root) > 0 ? (int)xmlGetLineNo(root) : 0, 0,
			      "the root element is <%s>%s%s%s; an akt file has <akt xmlns=\"%s\"> "
			      "(archival exports: <erms xmlns=\"%s\">, <Leveransobjekt xmlns=\"%s\">)",
			      root ? (const char *)root->name : "(none)",
			      nsu[0] ? " in namespace \"" : " without a namespace", nsu, nsu[0] ? "\"" : "",
			      AKT_NS, ERMS_NS, FGS1_NS);
		xmlFreeDoc(doc);
		return AUDIT_EINPUT;
	}
	if (strcmp(kind, "akt-1") == 0) {
		akt *a = NULL;
		if ((rc = load_canonical(&a, doc, buf, len, path, o, e)) < 0)
			return rc;
		return fn(ud, a);
	}
	return load_archival(doc, kind, path, o, fn, ud, e);
}

struct first_state {
	akt *first;
	int n;
};

static int keep_first(void *ud, akt *a)
{
	struct first_state *st = ud;

	if (st->n++ == 0)
		st->first = a;
	else
		akt_free(a);
	return AUDIT_OK;
}

int akt_load_buffer(akt **out, const char *buf, size_t len, const char *path,
		    const akt_opts *o, audit_err *e)
{
	struct first_state st = { NULL, 0 };
	int rc;

	*out = NULL;
	rc = akt_load_buffer_each(buf, len, path, o, keep_first, &st, e);
	if (rc < 0) {
		akt_free(st.first);
		return rc;
	}
	if (st.first == NULL)
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0, "the file holds no ärende that could be imported");
	if (st.n > 1) {
		char msg[600];
		snprintf(msg, sizeof(msg), "%s: filen innehåller %d ärenden; bara det första ('%s') lästes här",
			 path, st.n, st.first->id);
		if (add_warning(st.first, msg) < 0) {
			akt_free(st.first);
			return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
		}
		if (o && o->on_problem) {
			audit_err p;
			audit_err_set(&p, AUDIT_OK, path, 0, 0, "filen innehåller %d ärenden; bara det första ('%s') lästes här",
				      st.n, st.first->id);
			o->on_problem(o->ud, &p);
		}
	}
	*out = st.first;
	return AUDIT_OK;
}

int akt_load_each(const char *path, const akt_opts *o, akt_each_fn fn, void *ud, audit_err *e)
{
	char *buf = NULL;
	size_t len = 0;
	size_t max = o && o->max_bytes ? o->max_bytes : XMLSAFE_MAX_BYTES_DEFAULT;
	int rc;

	if ((rc = util_read_file(&buf, &len, path, max, e)) < 0)
		return rc;
	rc = akt_load_buffer_each(buf, len, path, o, fn, ud, e);
	free(buf);
	return rc;
}

int akt_load(akt **out, const char *path, const akt_opts *o, audit_err *e)
{
	char *buf = NULL;
	size_t len = 0;
	size_t max = o && o->max_bytes ? o->max_bytes : XMLSAFE_MAX_BYTES_DEFAULT;
	int rc;

	*out = NULL;
	if ((rc = util_read_file(&buf, &len, path, max, e)) < 0)
		return rc;
	rc = akt_load_buffer(out, buf, len, path, o, e);
	free(buf);
	return rc;
}
