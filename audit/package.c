/* package.c - see package.h. */
#define _POSIX_C_SOURCE 200809L
#include "package.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <libxml/tree.h>

#include "akt.h"
#include "util.h"
#include "xmlsafe.h"

typedef struct list {
	char **v;
	size_t n, cap;
	int oom;
} list;

static int has(const list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static void push(list *l, const char *s)
{
	if (has(l, s))
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **nv = realloc(l->v, cap * sizeof(*nv));
		if (nv == NULL) {
			l->oom = 1;
			return;
		}
		l->v = nv;
		l->cap = cap;
	}
	if ((l->v[l->n] = strdup(s)) == NULL) {
		l->oom = 1;
		return;
	}
	l->n++;
}

static void free_list(list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The METS file at the top of dir, malloc'ed, or NULL. */
static char *find_mets(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;

	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL && found == NULL)
		if (strcasecmp(de->d_name, "METS.xml") == 0 || strcmp(de->d_name, "sip.xml") == 0) {
			found = util_path_join(dir, de->d_name);
			if (found && !is_file(found)) {
				free(found);
				found = NULL;
			}
		}
	closedir(d);
	return found;
}

/* What a file is: 1 a case file or unreadable, 2 a METS file, 0 other. */
static int kind_of(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	xmlDocPtr doc = NULL;
	audit_err e;
	int k = 1;

	if (util_read_file(&buf, &len, path, XMLSAFE_MAX_BYTES_DEFAULT, &e) < 0)
		return 1;
	if (xmlsafe_parse(&doc, buf, len, path, &e) == AUDIT_OK) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		if (akt_format_of(doc))
			k = 1;
		else if (root && strcmp((const char *)root->name, "mets") == 0)
			k = 2;
		else
			k = 0;
	}
	xmlFreeDoc(doc);
	free(buf);
	return k;
}

/* A METS reference made a path inside the package, malloc'ed, or NULL
 * when it leaves it. */
static char *resolve(const char *base_dir, const char *href)
{
	char dec[4096];
	size_t o = 0;

	if (strncmp(href, "file:///", 8) == 0)
		return NULL;   /* absolute */
	if (strncmp(href, "file://", 7) == 0)
		href += 7;
	else if (strncmp(href, "file:", 5) == 0)
		href += 5;
	if (strstr(href, "://") || href[0] == '/' || href[0] == '\0')
		return NULL;
	for (size_t i = 0; href[i] && o + 1 < sizeof(dec); i++) {
		if (href[i] == '%' && href[i + 1] && href[i + 2]) {
			char h[3] = { href[i + 1], href[i + 2], 0 };
			char *end;
			long v = strtol(h, &end, 16);
			if (*end == '\0' && v > 0) {
				dec[o++] = (char)v;
				i += 2;
				continue;
			}
		}
		dec[o++] = href[i];
	}
	dec[o] = '\0';
	/* no ".." segment anywhere */
	for (char *p = dec; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == dec || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return NULL;
	if (dec[0] == '.' && dec[1] == '/')
		return util_path_join(base_dir, dec + 2);
	return util_path_join(base_dir, dec);
}

static void collect_hrefs(xmlNodePtr n, const char *base, list *refs, int depth)
{
	for (xmlNodePtr c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "FLocat") == 0 || strcmp((const char *)c->name, "mptr") == 0) {
			for (xmlAttrPtr a = c->properties; a; a = a->next)
				if (strcmp((const char *)a->name, "href") == 0) {
					xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
					char *p = v ? resolve(base, (const char *)v) : NULL;
					if (p)
						push(refs, p);
					free(p);
					xmlFree(v);
				}
		}
		if (c->children && depth < 64)
			collect_hrefs(c->children, base, refs, depth + 1);
	}
}

static void from_mets(const char *mets, list *out, list *seen, int depth)
{
	char *buf = NULL, *base, *slash;
	size_t len = 0;
	xmlDocPtr doc = NULL;
	audit_err e;
	list refs = { 0 };

	if (depth > 4 || has(seen, mets))
		return;
	push(seen, mets);
	if (util_read_file(&buf, &len, mets, XMLSAFE_MAX_BYTES_DEFAULT, &e) < 0 ||
	    xmlsafe_parse(&doc, buf, len, mets, &e) < 0) {
		free(buf);
		return;
	}
	free(buf);
	base = strdup(mets);
	if (base == NULL) {
		xmlFreeDoc(doc);
		out->oom = 1;
		return;
	}
	slash = strrchr(base, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(base, ".");
	collect_hrefs(xmlDocGetRootElement(doc), base, &refs, 0);
	xmlFreeDoc(doc);
	for (size_t i = 0; i < refs.n; i++) {
		size_t l = strlen(refs.v[i]);
		int k;
		if (l < 5 || strcasecmp(refs.v[i] + l - 4, ".xml") != 0 || !is_file(refs.v[i]))
			continue;
		k = kind_of(refs.v[i]);
		if (k == 2)
			from_mets(refs.v[i], out, seen, depth + 1);
		else if (k == 1)
			push(out, refs.v[i]);
	}
	if (refs.oom)
		out->oom = 1;
	free_list(&refs);
	free(base);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Case files below dir (recursively), sorted. */
static void data_files(const char *dir, list *out, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	list names = { 0 };

	if (d == NULL || depth > 16) {
		if (d)
			closedir(d);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			push(&names, de->d_name);
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp);
	for (size_t i = 0; i < names.n; i++) {
		char *p = util_path_join(dir, names.v[i]);
		size_t l = strlen(names.v[i]);
		struct stat st;
		if (p && lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			data_files(p, out, depth + 1);
		else if (p && l > 4 && strcasecmp(names.v[i] + l - 4, ".xml") == 0 && kind_of(p) == 1)
			push(out, p);
		free(p);
	}
	free_list(&names);
}

int package_case_files(const char *dir, char ***files, size_t *n, audit_err *e)
{
	char *mets = find_mets(dir), *reps = util_path_join(dir, "representations");
	list out = { 0 }, seen = { 0 };
	int is_pkg = 0;

	*files = NULL;
	*n = 0;
	if (mets) {
		is_pkg = 1;
		from_mets(mets, &out, &seen, 0);
	}
	if (out.n == 0 && reps && is_dir(reps)) {
		DIR *d = opendir(reps);
		struct dirent *de;
		list r = { 0 };
		is_pkg = 1;
		while (d && (de = readdir(d)) != NULL)
			if (de->d_name[0] != '.')
				push(&r, de->d_name);
		if (d)
			closedir(d);
		if (r.n)
			qsort(r.v, r.n, sizeof(*r.v), cmp);
		for (size_t i = 0; i < r.n; i++) {
			char *rep = util_path_join(reps, r.v[i]), *data = rep ? util_path_join(rep, "data") : NULL;
			if (data && is_dir(data))
				data_files(data, &out, 0);
			free(rep);
			free(data);
		}
		free_list(&r);
	}
	free(mets);
	free(reps);
	free_list(&seen);
	if (out.oom || seen.oom) {
		free_list(&out);
		return audit_err_set(e, AUDIT_ENOMEM, dir, 0, 0, "out of memory");
	}
	if (!is_pkg || out.n == 0) {
		/* not a package, or one whose case files cannot be found: read it as a folder */
		free_list(&out);
		return 0;
	}
	*files = out.v;
	*n = out.n;
	return 1;
}
