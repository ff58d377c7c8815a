/* convert.h - an akt written in another format: CITS ERMS v3 (FGS
 * Ärendehantering 2.0) for archives and other systems, or the canonical akt
 * format (to turn an imported ERMS/FGS ärende into an akt file).
 *
 * ERMS: the akt becomes one <aggregation aggregationType="caseFile"> with
 * the household and the handläggare as agents and each document as a
 * <record> whose recordType, roles, noteTypes, idNumberTypes and outcome
 * words are the first values of the import profile, so `audit` reads the
 * file back to the same akt (every attribute, element and text; only a
 * journal entry without id gets one).  What ERMS has no place for is kept
 * in additionalXMLData in the akt namespace: the sections of an utredning,
 * and top-level elements the converter does not know (each warned about).
 */
#ifndef AUDIT_CONVERT_H
#define AUDIT_CONVERT_H

#include "akt.h"
#include "err.h"
#include "util.h"

struct profile;

/* Called with each warning: loss 1 when something of the akt was not
 * carried over, 0 when it was carried over only as extension data (read
 * back by `audit`, opaque to other ERMS readers).  May be NULL below. */
typedef void (*convert_warn_fn)(void *ud, int loss, const char *msg);

/* Appends a as an ERMS v3 document to out.  p: the profile whose first
 * values are written (NULL: profile_default).  today (days since
 * 1970-01-01) is the date of the document's maintenance event.  When
 * ERMS_v3.xsd is available (import_erms_schemas) the result is validated
 * against it: a problem gives AUDIT_EIO naming it (a converter bug).
 * Returns AUDIT_OK or an error code with e filled. */
int convert_to_erms(const akt *a, const struct profile *p, long today, abuf *out,
		    convert_warn_fn fn, void *ud, audit_err *e);

/* Appends a as a canonical akt-1 document (namespace urn:audit:akt:1,
 * indented) to out. */
int convert_to_akt(const akt *a, abuf *out, audit_err *e);

/* The command `audit convert` (cmd_convert.c): argv[0] is "convert", the
 * rest its options and operands.  Initialises and cleans up xmlsafe itself.
 * Returns the process exit status. */
int cli_convert(int argc, char **argv);

#endif
