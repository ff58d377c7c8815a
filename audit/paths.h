/* paths.h - the input files of a command: files and folders given on the
 * command line, expanded to a sorted list of *.xml files. */
#ifndef AUDIT_PATHS_H
#define AUDIT_PATHS_H

#include <stddef.h>
#include "err.h"

typedef struct path_list {
	char **v;      /* owned strings */
	size_t n, cap;
} path_list;

/* Adds path: a file as it is (whatever its name), a folder by every *.xml
 * file below it (recursively, not following symbolic links to folders),
 * each folder's entries sorted by name so the order is the same on every
 * machine.  A folder (at any depth) that is an E-ARK / FGS package adds
 * the case files its METS file references, or those below
 * representations/<rep>/data/, instead (see package.h).  Returns AUDIT_OK,
 * or AUDIT_EINPUT when path does not exist. */
int paths_add(path_list *l, const char *path, audit_err *e);
void paths_free(path_list *l);

/* The same files in the same order, one at a time, so that a command over
 * a whole caseload does not hold every path: memory is one folder's
 * entries per level of nesting. */
typedef struct path_iter path_iter;
/* Starts a walk over roots[0..n) (copied).  *out: paths_iter_free. */
int paths_iter_new(path_iter **out, const char *const *roots, size_t n, audit_err *e);
/* Returns 1 with the next path in *out (malloc'ed, the caller frees it), 0
 * at the end, or an error (a root that does not exist, an unreadable
 * folder: AUDIT_EINPUT). */
int paths_iter_next(path_iter *it, char **out, audit_err *e);
void paths_iter_free(path_iter *it);

#endif
