/* import_fgs.h - FGS Ärendehantering 1.0 (Riksarkivet; root <Leveransobjekt>
 * in namespace http://xml.ra.se/e-arkiv/FGS-ERMS) to canonical akter,
 * through the same import profile as ERMS.
 *
 * Each ArkivobjektArende becomes one akt: ArkivobjektID the akt id, Agent
 * with a handläggare role the handläggare (Enhetsnamn the unit), Motpart
 * the household, StatusArande and the date elements the ärende, and each
 * ArkivobjektHandling a document by its Handlingstyp.  FGS 1.0 has no
 * places for outcomes, plans' goals or sections: such documents are
 * imported with what there is, and the rest is warned about.
 */
#ifndef AUDIT_IMPORT_FGS_H
#define AUDIT_IMPORT_FGS_H

#include <libxml/tree.h>
#include "err.h"
#include "import_erms.h"
#include "import_util.h"
#include "profile.h"

/* Imports every ärende of doc; see import_erms for the contract. */
int import_fgs(xmlDocPtr doc, const char *path, const profile *p, import_warnings *w,
	       import_case_fn fn, void *ud, audit_err *e);

#endif
