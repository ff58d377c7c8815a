/* generate.h - seeded synthetic personakter, and the golden test's oracle.
 *
 * generate_run() invents households, ärenden and their documentation in
 * the canonical akt format v1 (audit/schemas/akt-1.xsd), one file per akt,
 * spread over a number of units of differing quality.  For every akt the
 * generator first decides a plain record of choices (which documents exist,
 * which are dated, signed, well written, ...), then renders the XML from
 * those choices, and computes the verdict every criterion of
 * tests/golden/semantics.md must give from the same choices - never by
 * reading the XML back.  Those verdicts are the independent oracle that the
 * rule files are tested against.
 *
 * Everything is derived from the seed with the PCG32 generator in rng.h and
 * integer arithmetic only: the same options give byte-identical files on
 * every machine.  The names, personnummer and texts are invented; the
 * personnummer have a deliberately wrong check digit.
 */
#ifndef AUDIT_GENERATE_H
#define AUDIT_GENERATE_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

typedef struct generate_opts {
	int units;              /* number of units (folders), >= 1 */
	long akter;             /* total akter, spread over the units as evenly as possible */
	uint64_t seed;
	const char *out_dir;    /* writes out_dir/<unit-id>/<akt-id>.xml */
	const char *anchor_date;/* YYYY-MM-DD: the reference date the akter are built around; NULL = "2026-10-31" */
	const char *expect_path;/* NULL, or write the expected verdicts TSV here */
	int quiet;              /* 0: one summary line on stderr when done */
} generate_opts;

/* Limits checked by generate_run (AUDIT_EUSAGE beyond them). */
#define GENERATE_MAX_UNITS 999
#define GENERATE_MAX_AKTER 10000000L

/* Generates the akter (and the expected-verdicts TSV when expect_path is
 * set: header "akt_id\tcriterion\tverdict", one line per akt x criterion,
 * sorted by akt id (byte order), criteria in semantics.md table order).
 * Creates out_dir and the unit folders (mode 0700); files are written with
 * util_write_file_atomic (mode 0600) by a few writer threads, because the
 * per-file fsync dominates otherwise; contents never depend on them.
 * Existing files of the same name are replaced, other files are left alone.
 * Memory use does not grow with the number of akter beyond a few bytes per
 * akt.  Returns AUDIT_OK, AUDIT_EUSAGE for bad
 * options, AUDIT_EIO or AUDIT_ENOMEM, with e filled. */
int generate_run(const generate_opts *o, audit_err *e);

/* The criteria the oracle decides, in semantics.md table order. */
#define GENERATE_NCRIT 32
/* Criterion id ("AKT-01", ...) for 0 <= i < GENERATE_NCRIT, else NULL. */
const char *generate_criterion_id(int i);
/* Bit (1u << v) set for every verdict v (verdict.h) criterion i can give
 * according to semantics.md; 0 for an unknown i. */
unsigned generate_criterion_verdicts(int i);

/* Self-check of the generator's text pools against the thresholds the
 * oracle relies on: every "Text" alternative is at least 10 characters
 * after whitespace normalisation and every "short" one is below; the
 * child-mention motiveringar match \bbarn(en|ens|et|ets)?\b (caseless,
 * Unicode) and the others do not; the analysis texts match (or do not)
 * bedöm|analys|sammantaget|mot bakgrund av as intended; only the violence
 * journal entries match VALD-01's pattern; every contact heading matches
 * UNG-01's kontakt|uppföljning|avslut and no heading but the Infotorg one
 * matches UTR-09's infotorg|kontroll.  Returns AUDIT_OK, or AUDIT_EIO with
 * the offending text in e. */
int generate_check_pools(audit_err *e);

#endif
