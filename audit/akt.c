/* akt.c - load one akt: safe parse, format check, schema validation. */
#define _POSIX_C_SOURCE 200809L
#include "akt.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

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
	free(a);
}

int akt_load_buffer(akt **out, const char *buf, size_t len, const char *path,
		    const akt_opts *o, audit_err *e)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	akt *a;
	int rc;

	*out = NULL;
	if ((rc = xmlsafe_parse(&doc, buf, len, path, e)) < 0)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "akt") != 0 ||
	    root->ns == NULL || strcmp((const char *)root->ns->href, AKT_NS) != 0) {
		const char *nsu = root && root->ns ? (const char *)root->ns->href : "";
		audit_err_set(e, AUDIT_EINPUT, path, root ? xmlGetLineNo(root) > 0 ? (int)xmlGetLineNo(root) : 0 : 0, 0,
			      "the root element is <%s>%s%s%s; an akt file has <akt xmlns=\"%s\">",
			      root ? (const char *)root->name : "(none)",
			      nsu[0] ? " in namespace \"" : " without a namespace", nsu, nsu[0] ? "\"" : "",
			      AKT_NS);
		xmlFreeDoc(doc);
		return AUDIT_EINPUT;
	}
	rc = xmlsafe_validate(doc, XMLSAFE_SCHEMA_AKT, buf, len, path,
			      o ? o->on_problem : NULL, o ? o->ud : NULL, e);
	if (rc < 0) {
		xmlFreeDoc(doc);
		return rc;
	}
	xmlsafe_strip_ns(root);

	a = calloc(1, sizeof(*a));
	if (a == NULL) {
		xmlFreeDoc(doc);
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	}
	a->doc = doc;
	a->path = strdup(path);
	a->format = strdup("akt-1");
	a->id = xmlsafe_attr(root, "id");
	n = xmlsafe_child(root, "enhet");
	a->unit_id = xmlsafe_attr(n, "id");
	a->unit_name = xmlsafe_attr(n, "namn");
	n = xmlsafe_child(root, "handlaggare");
	a->handlaggare_id = xmlsafe_attr(n, "id");
	a->handlaggare_name = n ? (char *)xmlNodeGetContent(n) : NULL;
	util_sha256_hex(buf, len, a->hash);
	if (!a->path || !a->format || !a->id || !a->unit_id || !a->unit_name ||
	    !a->handlaggare_id || !a->handlaggare_name) {
		akt_free(a);
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	}
	*out = a;
	return AUDIT_OK;
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
