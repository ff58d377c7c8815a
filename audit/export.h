/* export.h - every verdict of a run with its evidence, as CSV or JSON, for
 * spreadsheets and other tools (`audit export --run R --format csv|json`).
 *
 * The output is written as it is read, one unit at a time, so memory holds
 * at most one unit's verdicts.  Text is UTF-8.  Exports are internal
 * documents: they name handläggare by id and may carry evidence quotes
 * (only with export_run_opts and with_quotes set).
 *
 * CSV (RFC 4180): CRLF line ends, a header row, a field is quoted ("...",
 * with " doubled) only when it contains , " CR or LF.  With bom, the file
 * starts with the UTF-8 byte order mark so Excel and LibreOffice read å, ä,
 * ö correctly.  Columns:
 *
 *   run, unit, akt, handlaggare, criterion, verdict, auto_verdict, message,
 *   items_total, items_met, evidence, review_verdict, review_comment,
 *   reviewer, reviewed_at
 *
 * verdict is the verdict that counts (the inspector's where reviewed, else
 * the automatic one), auto_verdict the automatic one, both as machine names
 * (uppfyllt, delvis, ej-uppfyllt, ej-tillampligt); handlaggare is the
 * handläggare's id.  The review columns are empty when no inspector
 * reviewed the verdict: fill review_verdict and review_comment in a
 * spreadsheet and `audit review --import` the file (message is the
 * automatic verdict's).  evidence is one
 * field: the pieces joined with "; ", each piece
 *   found:   "kind doc_id date location" (parts that are missing left out),
 *            then " (item)" when it concerns one item, then
 *            " \"quote\"" when quotes were asked for and there is one;
 *   missing: "saknas: sought" (or the pattern when nothing is described),
 *            then " location" and " (item)" when known.
 *
 * JSON: one object, one verdict per line:
 *
 *   {"run":{"id":7,"status":"complete","checklist":{"id":..,"name":..,
 *           "version":..,"hash":..},"legal_basis":..,"ref_date":"2025-03-01",
 *           "ref_date_is_today":false,"params":..,"tool_version":..,
 *           "method":..,"seed":0,"n_akter":120,"n_failed":1},
 *    "criteria":[{"id":"PLAN-02","title":..,"area":..,"section":..,
 *                 "legal_refs":..,"position":1,
 *                 "counts":{"total":..,"uppfyllt":..,"delvis":..,
 *                           "ej_uppfyllt":..,"ej_tillampligt":..,
 *                           "reviewed":..}}, ...],
 *    "verdicts":[
 *     {"akt":"A-1","unit":"U1","handlaggare":"H7","criterion":"PLAN-02",
 *      "verdict":"uppfyllt","auto_verdict":"delvis",
 *      "review":{"verdict":"uppfyllt","comment":..,"reviewer":..,
 *                "reviewed_at":..} or null,
 *      "message":..,"items":{"total":0,"met":0},
 *      "evidence":[{"found":true,"kind":..,"doc_id":..,"date":..,
 *                   "location":..,"item":..,"pattern":..,"sought":..}]},
 *     ...]}
 *
 * Missing strings are null; with quotes asked for, each evidence object
 * also has "quote".  Strings are escaped per RFC 8259: " \ and control
 * characters (\n \r \t \b \f, others as \u00XX); other UTF-8 passes through
 * unchanged, and bytes that are not valid UTF-8 become U+FFFD.
 */
#ifndef AUDIT_EXPORT_H
#define AUDIT_EXPORT_H

#include <stdio.h>
#include "err.h"
#include "store.h"

/* Writes every verdict of run_id in format "csv" or "json" to out, without
 * evidence quotes.  bom (CSV only) non-zero starts the output with a UTF-8
 * BOM.  Returns AUDIT_OK, AUDIT_EUSAGE for an unknown format, AUDIT_EINPUT
 * for an unknown run, AUDIT_EIO when writing fails.  out is not closed;
 * on error part of the output may have been written. */
int export_run(store *s, long long run_id, const char *format, int bom, FILE *out,
	       audit_err *e);

/* As export_run; with_quotes non-zero also writes the evidence quotes
 * (secret text from the akter: only when the user asked for it). */
int export_run_opts(store *s, long long run_id, const char *format, int bom,
		    int with_quotes, FILE *out, audit_err *e);

#endif
