/* import_erms.h - CITS ERMS (v3 = FGS Ärendehantering 2.0, and 2.1) case
 * files to canonical akter, through an import profile.
 *
 * Each case file (aggregation with aggregationType="caseFile", at any
 * depth; when there is none, each top-level aggregation) becomes one akt.
 * What the profile cannot place is reported as a warning, never dropped
 * silently.  The mapping is described in the README ("Archival formats").
 */
#ifndef AUDIT_IMPORT_ERMS_H
#define AUDIT_IMPORT_ERMS_H

#include <libxml/tree.h>
#include "err.h"
#include "import_util.h"
#include "profile.h"

#define ERMS_NS "https://DILCIS.eu/XML/ERMS"

/* Called once per imported case file with its canonical akt document
 * (namespace removed, valid against akt-1.xsd; ownership passes to the
 * callee) and the warnings about it so far (w, which the callee may take
 * with import_warnings_take).  Return AUDIT_OK to go on, or an error code
 * to stop. */
typedef int (*import_case_fn)(void *ud, xmlDocPtr akt_doc, import_warnings *w);

/* The ERMS version of doc (root <erms> in ERMS_NS): "erms-3" or
 * "erms-2.1".  When the ERMS schemas are available (see
 * import_erms_schemas), the first version the document is valid against;
 * else, and for a document valid against neither, told by the values that
 * differ between the versions (2.1's "digitial", "adressType"; v3's
 * "digital", "addressType", classificationSchemaUsed, agent notes), v3 when
 * nothing tells.  Schema problems against the chosen version are given to w
 * as warnings. */
const char *import_erms_version(xmlDocPtr doc, import_warnings *w);

/* Whether the official ERMS schemas could be loaded: from the folder named
 * by $AUDIT_ERMS_SCHEMAS, else <data dir>/schemas/erms (ERMS_v3.xsd and
 * ERMS.xsd, as published by the DILCIS Board; they are not shipped with the
 * program).  Loaded once.  Sets *v3 and *v21 (may be NULL) to whether each
 * is there. */
void import_erms_schemas(int *v3, int *v21);

/* Validates doc against ERMS_v3.xsd; fn (may be NULL) gets each problem.
 * Returns the number of problems, -1 when the validator failed, -2 when the
 * schema is not available. */
int import_erms_validate_v3(xmlDocPtr doc, import_schema_fn fn, void *ud);

/* Imports every case file of doc (path in messages) with profile p; fn
 * gets each akt.  w collects warnings: those about one case are handed to
 * fn with it; those about the file as a whole stay in w.  Returns AUDIT_OK,
 * AUDIT_EINPUT when the file holds no case file (e names the reason), or
 * what fn returned. */
int import_erms(xmlDocPtr doc, const char *path, const profile *p, import_warnings *w,
		import_case_fn fn, void *ud, audit_err *e);

#endif
