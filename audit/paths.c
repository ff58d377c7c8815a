/* paths.c - see paths.h. */
#define _POSIX_C_SOURCE 200809L
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "package.h"
#include "util.h"

static int push(path_list *l, const char *p)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **nv = realloc(l->v, cap * sizeof(*nv));
		if (nv == NULL)
			return AUDIT_ENOMEM;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n] = strdup(p);
	if (l->v[l->n] == NULL)
		return AUDIT_ENOMEM;
	l->n++;
	return AUDIT_OK;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int add_dir(path_list *l, const char *dir, int depth, audit_err *e)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = AUDIT_OK;

	if (depth > 32)
		return audit_err_set(e, AUDIT_EINPUT, dir, 0, 0, "folders nested too deep");
	{
		/* an E-ARK / FGS package: its case files, not every XML file in it */
		char **pf = NULL;
		size_t pn = 0;
		int pk = package_case_files(dir, &pf, &pn, e);
		if (pk < 0)
			return pk;
		if (pk == 1) {
			for (size_t i = 0; i < pn; i++) {
				if (rc == AUDIT_OK && push(l, pf[i]) != AUDIT_OK)
					rc = audit_err_set(e, AUDIT_ENOMEM, dir, 0, 0, "out of memory");
				free(pf[i]);
			}
			free(pf);
			return rc;
		}
	}
	d = opendir(dir);
	if (d == NULL)
		return audit_err_set(e, AUDIT_EINPUT, dir, 0, 0, "cannot read the folder: %s", strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nv = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*nv));
			if (nv == NULL) {
				rc = AUDIT_ENOMEM;
				break;
			}
			names = nv;
		}
		names[n] = strdup(de->d_name);
		if (names[n] == NULL) {
			rc = AUDIT_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp);
	for (size_t i = 0; i < n && rc == AUDIT_OK; i++) {
		char *p = util_path_join(dir, names[i]);
		struct stat st;
		size_t len = strlen(names[i]);
		if (p == NULL) {
			rc = AUDIT_ENOMEM;
			break;
		}
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rc = add_dir(l, p, depth + 1, e);
		else if (len > 4 && strcmp(names[i] + len - 4, ".xml") == 0)
			rc = push(l, p);   /* links and odd files are reported when read */
		free(p);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == AUDIT_ENOMEM)
		audit_err_set(e, rc, dir, 0, 0, "out of memory");
	return rc;
}

int paths_add(path_list *l, const char *path, audit_err *e)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0, "%s",
				     errno == ENOENT ? "no such file or folder" : strerror(errno));
	if (S_ISDIR(st.st_mode))
		return add_dir(l, path, 0, e);
	if (push(l, path) != AUDIT_OK)
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	return AUDIT_OK;
}

void paths_free(path_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
