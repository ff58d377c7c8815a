/* akt.h - one personakt, read from its file into the canonical model.
 *
 * The canonical model is the validated akt document itself (namespace
 * removed so rules can use plain XPath) plus the fields every later step
 * needs.  Importers of other formats produce the same thing.
 */
#ifndef AUDIT_AKT_H
#define AUDIT_AKT_H

#include <stddef.h>
#include "err.h"
#include "xmlsafe.h"

#define AKT_NS "urn:audit:akt:1"

typedef struct akt {
	xmlDocPtr doc;          /* owned; root element <akt>, no namespaces */
	char *path;             /* source file */
	char *format;           /* "akt-1" */
	char *id;               /* akt/@id */
	char *unit_id;          /* enhet/@id */
	char *unit_name;        /* enhet/@namn */
	char *handlaggare_id;   /* handlaggare/@id */
	char *handlaggare_name; /* handlaggare text: staff name, internal use only */
	char hash[65];          /* sha256 hex of the file's bytes */
} akt;

typedef struct akt_opts {
	size_t max_bytes;          /* 0: XMLSAFE_MAX_BYTES_DEFAULT */
	xmlsafe_problem_fn on_problem; /* every schema problem, may be NULL */
	void *ud;
} akt_opts;

/* Reads, checks and validates the akt at path.  On success *out is an akt
 * the caller frees with akt_free.  On failure returns AUDIT_EINPUT (the
 * file is unreadable, not well-formed, hostile, or does not follow the akt
 * format; e holds the first problem with file:line:column) or another code.
 * Needs xmlsafe_global_init first. */
int akt_load(akt **out, const char *path, const akt_opts *o, audit_err *e);

/* Same from a buffer already in memory (path used in messages only). */
int akt_load_buffer(akt **out, const char *buf, size_t len, const char *path,
		    const akt_opts *o, audit_err *e);

void akt_free(akt *a);

#endif
