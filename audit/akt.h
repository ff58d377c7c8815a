/* akt.h - one personakt, read from its file into the canonical model.
 *
 * The canonical model is the validated akt document itself (namespace
 * removed so rules can use plain XPath) plus the fields every later step
 * needs.  Importers of other formats produce the same thing.
 *
 * Formats are told apart by the root element and its namespace:
 *   <akt xmlns="urn:audit:akt:1">                          "akt-1"
 *   <erms xmlns="https://DILCIS.eu/XML/ERMS">              "erms-3" or "erms-2.1"
 *     (CITS ERMS v3 = FGS Ärendehantering 2.0; ERMS 2.1 has the same
 *     namespace and is told apart by schema or by its spellings)
 *   <Leveransobjekt xmlns="http://xml.ra.se/e-arkiv/FGS-ERMS">  "fgs-1"
 *     (FGS Ärendehantering 1.0)
 * Every file first passes xmlsafe's checks for hostile input, whatever its
 * format.  An archival file is mapped through an import profile (see
 * profile.h); what the profile cannot place and where the file departs from
 * its schema become warnings on the akt, not errors.  An archival file may
 * hold several ärenden: akt_load_each gives them all, akt_load the first.
 */
#ifndef AUDIT_AKT_H
#define AUDIT_AKT_H

#include <stddef.h>
#include "err.h"
#include "xmlsafe.h"

#define AKT_NS "urn:audit:akt:1"
#define FGS1_NS "http://xml.ra.se/e-arkiv/FGS-ERMS"

struct profile;

typedef struct akt {
	xmlDocPtr doc;          /* owned; root element <akt>, no namespaces */
	char *path;             /* source file */
	char *format;           /* "akt-1", "erms-3", "erms-2.1" or "fgs-1" */
	char *id;               /* akt/@id */
	char *unit_id;          /* enhet/@id */
	char *unit_name;        /* enhet/@namn */
	char *handlaggare_id;   /* handlaggare/@id */
	char *handlaggare_name; /* handlaggare text: staff name, internal use only */
	char hash[65];          /* sha256 hex: of the file's bytes for akt-1; of the
				   canonical document for an imported ärende */
	char **warnings;        /* owned; "file:line: message" each, in Swedish:
				   schema departures of the source, values the
				   profile could not place; none for akt-1 */
	size_t n_warnings;
} akt;

typedef struct akt_opts {
	size_t max_bytes;          /* 0: XMLSAFE_MAX_BYTES_DEFAULT */
	/* Every problem: schema errors of an akt-1 file (the file is refused)
	 * and, for an archival file, each warning (problem->code is AUDIT_OK;
	 * the akt is loaded and carries the warning too) and the reason it is
	 * refused when it is (the same as the error returned).  May be NULL. */
	xmlsafe_problem_fn on_problem;
	void *ud;
	/* The import profile for archival formats; NULL: profile_default()
	 * ($AUDIT_PROFILE or the built-in one).  Borrowed. */
	const struct profile *profile;
} akt_opts;

/* Reads, checks and validates the akt at path.  On success *out is an akt
 * the caller frees with akt_free.  On failure returns AUDIT_EINPUT (the
 * file is unreadable, not well-formed, hostile, of no known format, or does
 * not follow the akt format; e holds the first problem with
 * file:line:column) or another code.  For an archival file with several
 * ärenden, *out is the first and carries a warning saying how many there
 * are.  Needs xmlsafe_global_init first. */
int akt_load(akt **out, const char *path, const akt_opts *o, audit_err *e);

/* Same from a buffer already in memory (path used in messages only). */
int akt_load_buffer(akt **out, const char *buf, size_t len, const char *path,
		    const akt_opts *o, audit_err *e);

/* Called with each akt of a file; the akt belongs to the callee (free it
 * with akt_free).  Return AUDIT_OK to go on, an error code to stop. */
typedef int (*akt_each_fn)(void *ud, akt *a);

/* Reads every akt (every ärende) in the file at path and gives each to fn,
 * in the file's order.  Returns AUDIT_OK, the first error of reading the
 * file (nothing given to fn), or what fn returned.  An ärende of a
 * multi-ärende file that cannot be imported is reported as a warning on the
 * others. */
int akt_load_each(const char *path, const akt_opts *o, akt_each_fn fn, void *ud,
		  audit_err *e);
int akt_load_buffer_each(const char *buf, size_t len, const char *path, const akt_opts *o,
			 akt_each_fn fn, void *ud, audit_err *e);

/* The format of a document by its root element: "akt-1", "erms", "fgs-1",
 * or NULL when unknown.  Does not validate. */
const char *akt_format_of(xmlDocPtr doc);

void akt_free(akt *a);

#endif
