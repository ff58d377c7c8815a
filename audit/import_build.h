/* import_build.h - builds one canonical akt document (akt-1) piece by
 * piece, for the importers of archival formats.
 *
 * The importer sets the head (akt id, enhet, handläggare, ärende), adds
 * household members and documents in any order; akt_builder_finish puts the
 * top-level elements in the order akt-1.xsd declares (read from the built-in
 * schema, so elements added to the format later keep their place), checks
 * the result against the schema and removes the namespace.  Every id given
 * to the builder is made valid and unique within the akt.
 */
#ifndef AUDIT_IMPORT_BUILD_H
#define AUDIT_IMPORT_BUILD_H

#include <libxml/tree.h>
#include "err.h"
#include "import_util.h"

/* kortText and fritext of akt-1.xsd */
#define BUILD_SHORT 200
#define BUILD_LONG 100000

typedef struct akt_builder akt_builder;

/* A builder that reports to w (borrowed; must outlive the builder). */
int akt_builder_new(akt_builder **out, import_warnings *w, audit_err *e);
void akt_builder_free(akt_builder *b);

/* A unique valid id for an element: wanted made valid (import_id) when it
 * is free, else prefix followed by the first free number (prefix1,
 * prefix2, ...).  The string is owned by the builder.  NULL only when out
 * of memory. */
const char *akt_builder_id(akt_builder *b, const char *wanted, const char *prefix);
/* 1 when id is already taken in this akt. */
int akt_builder_has_id(const akt_builder *b, const char *id);

/* The head.  Strings are copied; name-like values are cut to BUILD_SHORT
 * with a warning.  The unit and handläggare ids are made valid and unique
 * like any other (they share the akt's id space): set the head before
 * adding anything else so they keep theirs. */
int akt_builder_head(akt_builder *b, const char *akt_id, const char *unit_id,
		     const char *unit_name, const char *handl_id, const char *handl_name);
/* status "pagaende" or "avslutat"; avslutat may be NULL. */
int akt_builder_arende(akt_builder *b, const char *status, const char *oppnat,
		       const char *avslutat);

/* A household member: roll "sokande" or "medsokande"; fodd, namn, pnr may
 * be NULL.  Returns the new element or NULL (out of memory). */
xmlNodePtr akt_builder_person(akt_builder *b, const char *id, const char *roll,
			      const char *fodd, const char *namn, const char *pnr);
/* A child: fodd required; namn and boende may be NULL. */
xmlNodePtr akt_builder_barn(akt_builder *b, const char *id, const char *fodd,
			    const char *namn, const char *boende);
/* Number of persons (not children) added. */
int akt_builder_n_persons(const akt_builder *b);

/* A new top-level element called name (ansokan, utredning, beslut, ...),
 * with its id attribute set to id when id is not NULL; text (may be NULL) as
 * its content, cut to BUILD_LONG with a warning at line.  NULL when out of
 * memory or when the format has no such top-level element. */
xmlNodePtr akt_builder_doc(akt_builder *b, const char *name, const char *id,
			   const char *text, int line);
/* A new journal entry (anteckning) with its text. */
xmlNodePtr akt_builder_anteckning(akt_builder *b, const char *text, int line);

/* A child element of parent with text (may be NULL), cut to max bytes with
 * a warning at line. */
xmlNodePtr akt_builder_child(akt_builder *b, xmlNodePtr parent, const char *name,
			     const char *text, size_t max, int line);
/* Sets attribute name of node to value (not set when value is NULL); cut
 * to BUILD_SHORT with a warning at line. */
void akt_builder_attr(akt_builder *b, xmlNodePtr node, const char *name, const char *value,
		      int line);

/* The earliest datum attribute of the documents added so far into out;
 * returns 0, or -1 when there is none. */
int akt_builder_earliest(const akt_builder *b, char out[11]);

/* Copies el, an element of the akt format (namespace urn:audit:akt:1) held
 * in a source file's extension data, into the akt: a top-level element to
 * its place, anything else below parent (may be NULL for top level).  Its
 * ids are registered.  Returns the copy, or NULL when it cannot be placed
 * (warned) or out of memory. */
xmlNodePtr akt_builder_copy(akt_builder *b, xmlNodePtr el, xmlNodePtr parent);

/* Assembles the document, validates it against akt-1.xsd and removes the
 * namespace.  On success *out is the document (the caller frees it with
 * xmlFreeDoc) and the builder is spent.  When the result does not follow
 * the format (a bug or data the format cannot hold) returns AUDIT_EINPUT
 * with e naming path and the first problem. */
int akt_builder_finish(akt_builder *b, xmlDocPtr *out, const char *path, audit_err *e);

#endif
