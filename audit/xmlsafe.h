/* xmlsafe.h - hardened XML reading for every file the program takes in
 * (akter, rule files, checklists): the only place that parses XML.
 *
 * Before libxml2 sees a byte, the buffer is checked: not empty, no NUL
 * bytes, valid UTF-8, no document type declaration (so no DTD, no entities,
 * internal or external), at most XMLSAFE_MAX_ATTRS attributes in any start
 * tag (libxml2 2.9 is quadratic in that).  The parser then runs with no
 * network, no entity substitution, no DTD loading, no XInclude, libxml2's
 * default depth limit, and errors silenced on stderr and returned instead.
 */
#ifndef AUDIT_XMLSAFE_H
#define AUDIT_XMLSAFE_H

#include <stddef.h>
#include <libxml/tree.h>
#include "err.h"

#define XMLSAFE_MAX_ATTRS 256
#define XMLSAFE_MAX_BYTES_DEFAULT ((size_t)16 * 1024 * 1024)

typedef enum xmlsafe_schema {
	XMLSAFE_SCHEMA_AKT,
	XMLSAFE_SCHEMA_RULES,
	XMLSAFE_SCHEMA_CHECKLIST
} xmlsafe_schema;

/* Called once per problem found by validation. */
typedef void (*xmlsafe_problem_fn)(void *ud, const audit_err *problem);

/* Initialises libxml2 and compiles the built-in schemas.  Call once from
 * the main thread before anything else here; safe to call again. */
int xmlsafe_global_init(audit_err *e);
void xmlsafe_global_cleanup(void);
/* With verbose non-zero, schema messages quote the offending values from
 * the file; by default they do not (they may be secret content).  Call
 * before any worker thread starts. */
void xmlsafe_set_verbose(int verbose);

/* Silences libxml2's own error printing in the calling thread. */
void xmlsafe_thread_init(void);

/* Checks buf and parses it.  On success *out is a document the caller
 * frees with xmlFreeDoc.  On failure returns AUDIT_EINPUT with e naming
 * path, the line and column, and the reason. */
int xmlsafe_parse(xmlDocPtr *out, const char *buf, size_t len, const char *path,
		  audit_err *e);

/* Validates doc against a built-in schema.  Each problem is passed to fn
 * (may be NULL) with file, line, column and a plain message; *first (may be
 * NULL) gets the first.  Returns AUDIT_OK when valid, AUDIT_EINPUT when
 * not, AUDIT_EIO when the validator itself failed. */
int xmlsafe_validate(xmlDocPtr doc, xmlsafe_schema which, const char *buf, size_t len,
		     const char *path, xmlsafe_problem_fn fn, void *ud, audit_err *first);

/* Removes the namespace from every element below and including node, so
 * XPath written without prefixes matches. */
void xmlsafe_strip_ns(xmlNodePtr node);

/* 1-based column (in characters) of the first "<name" (or, failing that,
 * "name=" or name) on 1-based line of buf; 0 when not found. */
int xmlsafe_column(const char *buf, size_t len, int line, const char *name);

/* Line and column (1-based, characters) of byte offset off in buf. */
void xmlsafe_offset_pos(const char *buf, size_t off, int *line, int *column);

/* Returns a malloc'ed copy of attribute name of node (caller frees with
 * xmlFree), or NULL. */
char *xmlsafe_attr(xmlNodePtr node, const char *name);
/* First child element called name, or NULL. */
xmlNodePtr xmlsafe_child(xmlNodePtr node, const char *name);

#endif
