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

#endif
