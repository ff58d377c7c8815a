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

/* ---------------------------------------------------------- streaming */

/* One folder being walked: its entries (sorted names, or full paths of a
 * package's case files) and the next one to look at. */
typedef struct frame {
	char *dir;          /* NULL for a package list (entries are full paths) */
	char **names;
	size_t n, next;
	int depth;
} frame;

struct path_iter {
	char **roots;
	size_t n_roots, next_root;
	frame *stack;
	size_t depth, cap;
};

static void frame_free(frame *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->dir);
}

/* Pushes the folder dir: a package's case files, or its sorted entries. */
static int push_dir(path_iter *it, const char *dir, int depth, audit_err *e)
{
	frame f;
	char **pf = NULL;
	size_t pn = 0, cap = 0;
	int pk;
	DIR *d;
	struct dirent *de;

	if (depth > 32)
		return audit_err_set(e, AUDIT_EINPUT, dir, 0, 0, "folders nested too deep");
	memset(&f, 0, sizeof(f));
	f.depth = depth;
	pk = package_case_files(dir, &pf, &pn, e);
	if (pk < 0)
		return pk;
	if (pk == 1) {
		f.names = pf;
		f.n = pn;
	} else {
		d = opendir(dir);
		if (d == NULL)
			return audit_err_set(e, AUDIT_EINPUT, dir, 0, 0, "cannot read the folder: %s",
					     strerror(errno));
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (f.n == cap) {
				char **nv = realloc(f.names, (cap = cap ? cap * 2 : 64) * sizeof(*nv));
				if (nv == NULL)
					break;
				f.names = nv;
			}
			if ((f.names[f.n] = strdup(de->d_name)) == NULL)
				break;
			f.n++;
		}
		closedir(d);
		if (de != NULL || (f.dir = strdup(dir)) == NULL) {
			frame_free(&f);
			return audit_err_set(e, AUDIT_ENOMEM, dir, 0, 0, "out of memory");
		}
		if (f.n)
			qsort(f.names, f.n, sizeof(*f.names), cmp);
	}
	if (it->depth == it->cap) {
		size_t nc = it->cap ? it->cap * 2 : 8;
		frame *ns = realloc(it->stack, nc * sizeof(*ns));
		if (ns == NULL) {
			frame_free(&f);
			return audit_err_set(e, AUDIT_ENOMEM, dir, 0, 0, "out of memory");
		}
		it->stack = ns;
		it->cap = nc;
	}
	it->stack[it->depth++] = f;
	return AUDIT_OK;
}

int paths_iter_new(path_iter **out, const char *const *roots, size_t n, audit_err *e)
{
	path_iter *it = calloc(1, sizeof(*it));

	*out = NULL;
	if (it == NULL || (n && (it->roots = calloc(n, sizeof(char *))) == NULL)) {
		free(it);
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		if ((it->roots[it->n_roots++] = strdup(roots[i])) == NULL) {
			paths_iter_free(it);
			return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
		}
	*out = it;
	return AUDIT_OK;
}

int paths_iter_next(path_iter *it, char **out, audit_err *e)
{
	int rc;

	*out = NULL;
	for (;;) {
		if (it->depth > 0) {
			frame *f = &it->stack[it->depth - 1];
			char *p;
			struct stat st;
			size_t len;

			if (f->next == f->n) {
				frame_free(f);
				it->depth--;
				continue;
			}
			if (f->dir == NULL) {
				/* a package's case file: as it is */
				*out = f->names[f->next];
				f->names[f->next++] = NULL;
				return 1;
			}
			len = strlen(f->names[f->next]);
			p = util_path_join(f->dir, f->names[f->next]);
			if (p == NULL)
				return audit_err_set(e, AUDIT_ENOMEM, f->dir, 0, 0, "out of memory");
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
				int depth = f->depth + 1;
				f->next++;
				rc = push_dir(it, p, depth, e);  /* may move the stack */
				free(p);
				if (rc < 0)
					return rc;
				continue;
			}
			if (len > 4 && strcmp(f->names[f->next] + len - 4, ".xml") == 0) {
				f->next++;
				*out = p;
				return 1;
			}
			f->next++;
			free(p);
			continue;
		}
		if (it->next_root == it->n_roots)
			return 0;
		{
			const char *root = it->roots[it->next_root++];
			struct stat st;

			if (stat(root, &st) != 0)
				return audit_err_set(e, AUDIT_EINPUT, root, 0, 0, "%s",
						     errno == ENOENT ? "no such file or folder"
								     : strerror(errno));
			if (!S_ISDIR(st.st_mode)) {
				if ((*out = strdup(root)) == NULL)
					return audit_err_set(e, AUDIT_ENOMEM, root, 0, 0, "out of memory");
				return 1;
			}
			if ((rc = push_dir(it, root, 0, e)) < 0)
				return rc;
		}
	}
}

void paths_iter_free(path_iter *it)
{
	if (it == NULL)
		return;
	while (it->depth > 0)
		frame_free(&it->stack[--it->depth]);
	free(it->stack);
	for (size_t i = 0; i < it->n_roots; i++)
		free(it->roots[i]);
	free(it->roots);
	free(it);
}
