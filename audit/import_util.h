/* import_util.h - what the importers of archival formats share: warnings,
 * schemas compiled from memory or files, dates, identity numbers, ids.
 *
 * Only importer modules (import_*.c, profile.c, convert.c) use this header;
 * it exposes libxml2 types because they all work on libxml2 trees.
 */
#ifndef AUDIT_IMPORT_UTIL_H
#define AUDIT_IMPORT_UTIL_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include "err.h"
#include "xmlsafe.h"

/* ---- warnings ---- */

/* A growing list of warnings about one source file.  Each warning is
 * formatted "path:line: message" (line left out when 0) and also passed to
 * fn (may be NULL) as an audit_err with code AUDIT_OK. */
typedef struct import_warnings {
	char **v;                 /* owned strings */
	size_t n, cap;
	const char *path;         /* borrowed */
	xmlsafe_problem_fn fn;    /* may be NULL */
	void *ud;
	int oom;                  /* set when a warning could not be stored */
} import_warnings;

void import_warn(import_warnings *w, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Moves the warnings out: *v and *n get them (the caller frees each and the
 * array); w is emptied. */
void import_warnings_take(import_warnings *w, char ***v, size_t *n);
void import_warnings_free(import_warnings *w);

/* Line of node, 0 when unknown. */
int import_line(xmlNodePtr node);

/* ---- schemas ---- */

/* Compiles an XML schema held in memory.  Returns AUDIT_OK or AUDIT_EIO
 * with e naming what. */
int import_schema_compile(xmlSchemaPtr *out, const char *data, size_t len, const char *what,
			  audit_err *e);

/* Validates doc against s.  fn (may be NULL) gets each problem: its line
 * and a plain message without namespace URIs.  Returns the number of
 * problems (0 when valid), or -1 when the validator itself failed. */
typedef void (*import_schema_fn)(void *ud, int line, const char *msg);
int import_schema_validate(xmlSchemaPtr s, xmlDocPtr doc, import_schema_fn fn, void *ud);

/* ---- values ---- */

/* Reads a date or date-time ("YYYY-MM-DD", "YYYY-MM-DDThh:mm:ss[...]",
 * leading and trailing white space ignored) into out as "YYYY-MM-DD".
 * Returns 0, or -1 when s holds no valid calendar date. */
int import_date(const char *s, char out[11]);

/* The birth date in a Swedish personnummer or samordningsnummer (the day
 * plus 60): "YYYYMMDD-NNNN", "YYYYMMDDNNNN", "YYMMDD-NNNN" (century chosen
 * so the date is not in the future; '+' adds a hundred years).  Returns 0,
 * or -1 when s is not such a number. */
int import_birth_from_idnumber(const char *s, int samordning, char out[11]);

/* A valid akt id (letters, digits, '.', '_', ':', '-'; at most 64 bytes;
 * starting with a letter or digit) made from s: other characters become
 * '-', runs of them one.  Returns a malloc'ed string, or NULL when nothing
 * is left (or out of memory). */
char *import_id(const char *s);

/* A lower-case ASCII id from a name: å ä → a, ö → o, é → e, other
 * characters '-'.  Malloc'ed, or NULL when nothing is left. */
char *import_slug(const char *s);

/* Trimmed text content of node, malloc'ed (xmlFree), or NULL when node is
 * NULL. */
char *import_text(xmlNodePtr node);

/* Copies s cut to at most max bytes at a character boundary; *cut is set
 * to 1 when it was cut.  Malloc'ed, NULL on out of memory. */
char *import_clip(const char *s, size_t max, int *cut);

/* First child element of node called name in any namespace, and the next
 * sibling element called name after node. */
xmlNodePtr import_child(xmlNodePtr node, const char *name);
xmlNodePtr import_next(xmlNodePtr node, const char *name);

#endif
