/* package.h - E-ARK / FGS information packages: a folder with a METS file
 * (METS.xml, mets.xml, or FGS's sip.xml) at its top, or with
 * representations/<rep>/data/ folders, holding the case files.
 */
#ifndef AUDIT_PACKAGE_H
#define AUDIT_PACKAGE_H

#include <stddef.h>
#include "err.h"

/* Finds the case files of the package at dir.  Returns 1 when dir is a
 * package: *files (malloc'ed array of malloc'ed paths, the caller frees
 * each and the array) gets the XML files its METS references (following
 * METS pointers to representation METS files), in the METS's order, that
 * are case files (root <erms>, <Leveransobjekt> or <akt>) or cannot be
 * read (so that reading them reports why); without a usable METS, the
 * case files below representations/<rep>/data/.  References that leave the
 * package (absolute paths, "..", URLs) are not followed.  Returns 0 when
 * dir is not a package or no case file is found in it (nothing allocated:
 * read it as an ordinary folder), or a negative error code (AUDIT_ENOMEM). */
int package_case_files(const char *dir, char ***files, size_t *n, audit_err *e);

#endif
