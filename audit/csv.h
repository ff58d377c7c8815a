/* csv.h - an RFC 4180 CSV reader, for importing spreadsheets (the
 * inspector's review file).
 *
 * Reads from a buffer the caller owns (typically from util_read_file) and
 * returns one record at a time.  Accepted input:
 *
 *   - an optional UTF-8 byte order mark at the start (skipped);
 *   - delimiter ',' or ';' (Swedish Excel saves with ';'), detected from
 *     the first record: ';' when it has more ';' than ',' outside quotes,
 *     else ','; or given by the caller (',' ';' '\t' or '|');
 *   - fields quoted with '"', where "" stands for one '"' and delimiters
 *     and line breaks are literal; a '"' inside an unquoted field is kept
 *     as it is (as Excel does); spaces are kept everywhere;
 *   - records ended by CRLF, LF or a lone CR, and the last record with or
 *     without a line end.  Line breaks inside quoted fields are returned
 *     as they are in the file.  Empty lines at the very end of the data
 *     are not records; an empty line elsewhere is a record of one empty
 *     field.
 *
 * Errors (AUDIT_EINPUT, with the file name given at init, the 1-based line
 * and column (in characters) and a message a person can act on): a quoted
 * field without its closing quote (reported at the line where the field
 * starts), characters after a closing quote, bytes that are not UTF-8
 * (e.g. a file saved as "CSV" in Windows-1252 instead of "CSV UTF-8") and
 * NUL bytes.  The number of fields is per record: the caller checks it.
 */
#ifndef AUDIT_CSV_H
#define AUDIT_CSV_H

#include <stddef.h>
#include <stdio.h>
#include "err.h"
#include "util.h"

/* One field: len bytes at s, followed by a NUL (s[len] == '\0'; a field
 * never contains NUL). */
typedef struct csv_field {
	const char *s;
	size_t len;
} csv_field;

/* One record.  fields and the strings they point to are owned by the
 * reader and valid until the next csv_next or csv_reader_free. */
typedef struct csv_record {
	const csv_field *fields;
	size_t n_fields;       /* >= 1 */
	int line;              /* 1-based line where the record starts */
} csv_record;

/* The reader.  The members are private; data is borrowed and must outlive
 * the reader. */
typedef struct csv_reader {
	const char *data;
	size_t len;
	size_t pos;            /* next byte to read */
	size_t line_start;     /* offset of the start of the current line */
	int line;              /* 1-based line at pos */
	char delim;
	int status;            /* AUDIT_OK, or the error that stopped reading */
	char name[256];        /* for error messages; "" when none */
	abuf text;             /* the current record's fields, NUL-separated */
	size_t *offs;          /* start of each field in text */
	csv_field *fields;
	size_t cap;            /* capacity of offs and fields */
} csv_reader;

/* Sets r up to read data[0..len).  delim is ',' ';' '\t' or '|', or 0 to
 * detect ',' or ';' from the first record.  name (may be NULL) is the file
 * name put into errors.  Returns AUDIT_OK, or AUDIT_EUSAGE for another
 * delim (r is then still safe to free).  Allocates nothing. */
int csv_reader_init(csv_reader *r, const char *data, size_t len, char delim,
		    const char *name, audit_err *e);

/* The delimiter in use (detected or given). */
char csv_reader_delim(const csv_reader *r);

/* Reads the next record into *rec.  Returns 1 for a record, 0 at the end
 * of the data, or a negative code: AUDIT_EINPUT (see above) or
 * AUDIT_ENOMEM.  After an error every further call returns the same code
 * without reading. */
int csv_next(csv_reader *r, csv_record *rec, audit_err *e);

/* Frees what the reader allocated (not the data).  Safe after an error or
 * a failed init, and twice. */
void csv_reader_free(csv_reader *r);

/* ---- writing ---- */

/* Writes one field of n bytes (RFC 4180): as it is, or in double quotes
 * with every '"' doubled when it holds ',' '"' CR or LF.  NULL writes
 * nothing (an empty field).  Errors show in ferror(out). */
void csv_write_n(FILE *out, const char *s, size_t n);
/* The same for a NUL-terminated string (may be NULL). */
void csv_write(FILE *out, const char *s);

#endif
