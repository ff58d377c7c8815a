/* profile.h - import profiles: what the values of an archival export
 * (recordType, role, noteType, idNumberType, ...) mean in the akt model.
 *
 * A profile is a data file (namespace urn:audit:profile:1, schema
 * audit/schemas/profile-1.xsd, built into the binary).  The default profile,
 * rules/import/erms-ekonomiskt-bistand.xml, is built in too; another one is
 * read from a file (profile_load_file) or named by the environment variable
 * AUDIT_PROFILE (profile_default).
 *
 * Values are compared after profile_normalize: case-insensitive (ASCII and
 * Latin-1 letters, so Å/å, Ä/ä, Ö/ö, É/é, Ü/ü), space, '_', '-' and other
 * white space alike, a run of them as one, leading and trailing ones
 * dropped.
 */
#ifndef AUDIT_PROFILE_H
#define AUDIT_PROFILE_H

#include <stddef.h>
#include "err.h"

#define PROFILE_NS "urn:audit:profile:1"

/* The groups of a profile, one per kind of value. */
typedef enum profile_group {
	PG_RECORD,     /* recordType, FGS Handlingstyp, actionType on the ärende */
	PG_ACTION,     /* actionType inside a handling */
	PG_ROLE,       /* agent role / otherAgentType, FGS Roll */
	PG_NOTE,       /* noteType */
	PG_IDNUMBER,   /* idNumberType, FGS IDnummer/@Typ */
	PG_UNIT_ID,    /* extraIdType holding the unit id */
	PG_UNIT_NAME,  /* identificationType holding the unit name */
	PG_STATUS,     /* status of the ärende */
	PG_OUTCOME,    /* outcome words of a beslut (substring match) */
	PG_DATE,       /* dateType, in order of preference */
	PG_COUNT
} profile_group;

/* Meanings: the value of means="..." in each group. */
enum { PR_ANSOKAN, PR_GRUNDUTREDNING, PR_FORDJUPAD, PR_BESLUT, PR_ARBETSPLAN,
       PR_UPPFOLJNING, PR_JOURNAL, PR_IGNORE };
enum { PA_BESLUT, PA_UPPFOLJNING, PA_IGNORE };
enum { PO_SOKANDE, PO_MEDSOKANDE, PO_BARN, PO_HANDLAGGARE, PO_BESLUTSFATTARE, PO_IGNORE };
enum { PN_TEXT, PN_MOTIVERING, PN_BESVARSHANVISNING, PN_BKA, PN_LAGRUM, PN_MAL, PN_STEG,
       PN_UTVARDERING, PN_AVSNITT, PN_JOURNAL, PN_ID, PN_FODD, PN_BOENDE, PN_IGNORE };
enum { PI_PERSONNUMMER, PI_SAMORDNINGSNUMMER, PI_FODD, PI_ANVANDARNAMN, PI_IGNORE };
enum { PS_PAGAENDE, PS_AVSLUTAT };
enum { PU_BIFALL, PU_DELAVSLAG, PU_AVSLAG };
enum { PD_DATUM, PD_REVIDERAD, PD_BESLUTSDATUM, PD_UNDERSKRIFT, PD_OPPNAT, PD_AVSLUTAT };
/* PG_UNIT_ID and PG_UNIT_NAME have one meaning, 0. */

/* The avsnitt types of the akt format, in its order; profile sections are
 * indexes into this list. */
extern const char *const profile_sections[16];

typedef struct profile profile;

/* Reads and validates a profile from path.  On success *out is a profile the
 * caller frees with profile_free.  A profile that does not follow its schema
 * gives AUDIT_EINPUT with file:line:column of the first problem.  Needs
 * xmlsafe_global_init first. */
int profile_load_file(profile **out, const char *path, audit_err *e);
/* Same from a buffer (name is used in messages). */
int profile_load_buffer(profile **out, const char *buf, size_t len, const char *name,
			audit_err *e);
void profile_free(profile *p);

/* The profile used when none is given: the file named by $AUDIT_PROFILE
 * when set, else the built-in default.  Loaded once per process (thread
 * safe); owned by the library, never freed by the caller.  Returns NULL and
 * fills e when it cannot be loaded. */
const profile *profile_default(audit_err *e);

/* The profile's id attribute and title; owned by p. */
const char *profile_id(const profile *p);

/* The meaning of value in group g, or -1 when the profile does not list
 * it.  For PG_NOTE with meaning PN_AVSNITT, *section (may be NULL) gets the
 * index into profile_sections, else -1.  PG_OUTCOME is matched by
 * substring: the first entry whose value occurs in value wins. */
int profile_lookup(const profile *p, profile_group g, const char *value, int *section);

/* The values of meaning m in group g, normalised, in the profile's order,
 * as a borrowed array of *n strings (for PG_DATE: the order of preference).
 * Returns NULL with *n = 0 when there are none. */
const char *const *profile_values(const profile *p, profile_group g, int m, size_t *n);

/* The first value, as written in the profile, of meaning m in group g (for
 * PN_AVSNITT: of section s; otherwise s is ignored), or NULL.  The converter
 * writes these. */
const char *profile_first(const profile *p, profile_group g, int m, int s);

/* What a handling whose type is not listed becomes: PR_JOURNAL or
 * PR_IGNORE.  What a counterpart without a listed role becomes: PO_SOKANDE
 * or PO_IGNORE.  What a note without noteType is: PN_TEXT or PN_IGNORE.
 * The outcome when none is found. */
int profile_unmapped_record(const profile *p);
int profile_counterpart_role(const profile *p);
int profile_untyped_note(const profile *p);
int profile_default_outcome(const profile *p);

/* Normalises s (see the top of this file) into a malloc'ed string the
 * caller frees, or NULL on out of memory. */
char *profile_normalize(const char *s);

#endif
