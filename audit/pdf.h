/* pdf.h - PDF rendering of the report models.  The only module that talks
 * to libharu; no HPDF type leaves it.
 *
 * Output: A4, DejaVu Sans and DejaVu Sans Bold embedded (subset), UTF-8
 * text, compressed, deterministic (no creation date, no /ID: the same model
 * gives the same bytes).  Every string is checked with util_utf8_valid
 * before it reaches libharu; invalid bytes are drawn as "?" and control
 * characters as spaces.  Files are written atomically with mode 0600: a
 * failed write never leaves a partial PDF behind.
 */
#ifndef AUDIT_PDF_H
#define AUDIT_PDF_H

#include <stddef.h>
#include "err.h"
#include "report.h"

/* The fonts DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian package
 * fonts-dejavu-core) are read from font_dir; when it is NULL, from the
 * folder in the environment variable AUDIT_FONT_DIR when that is set and not
 * empty, else /usr/share/fonts/truetype/dejavu. */
typedef struct pdf_opts {
	const char *font_dir; /* NULL: $AUDIT_FONT_DIR, else /usr/share/fonts/truetype/dejavu */
} pdf_opts;

/* Renders the per-unit inspection report (r must be finished) into memory.
 * On success *out is a malloc'ed buffer of *len bytes that the caller
 * frees.  o may be NULL.  A missing font file is AUDIT_EIO naming the file;
 * a libharu failure is AUDIT_EIO with its error code. */
int pdf_render_unit_report(unsigned char **out, size_t *len, const report_unit *r,
			   const pdf_opts *o, audit_err *e);

/* Renders as above and writes the result to out_path atomically (a
 * temporary file in the same folder, mode 0600, renamed into place). */
int pdf_write_unit_report(const report_unit *r, const char *out_path,
			  const pdf_opts *o, audit_err *e);

/* Renders the nämnd delrapport (r must be finished; report_namnd_finish):
 * cover, summary and method, the mean share per unit as a chart, units x
 * areas and units x criteria tables tinted by share (suppressed cells read
 * "färre än N"), and a short section per unit with a grouped bar chart of
 * its areas against all units.  Only what the model holds is printed: no
 * personal data.  Memory and errors as pdf_render_unit_report. */
int pdf_render_namnd_report(unsigned char **out, size_t *len, const report_namnd *r,
			    const pdf_opts *o, audit_err *e);

/* Renders the internal action list (r must be finished): per handläggare a
 * table of akt id, criterion, verdict and message, in the model's order.
 * Every page carries "Innehåller uppgifter som omfattas av sekretess enligt
 * OSL 26 kap." above the header.  Memory and errors as above. */
int pdf_render_actions(unsigned char **out, size_t *len, const report_actions *r,
		       const pdf_opts *o, audit_err *e);

#endif
