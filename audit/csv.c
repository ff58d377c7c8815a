/* csv.c - see csv.h. */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int csv_reader_init(csv_reader *r, const char *data, size_t len, char delim,
		    const char *name, audit_err *e)
{
	size_t i;
	int in_quotes = 0;
	size_t commas = 0, semis = 0;

	memset(r, 0, sizeof *r);
	r->data = data;
	r->len = data != NULL ? len : 0;
	r->line = 1;
	if (name != NULL)
		snprintf(r->name, sizeof r->name, "%s", name);
	if (r->len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = r->line_start = 3;
	if (delim != 0) {
		if (delim != ',' && delim != ';' && delim != '\t' && delim != '|') {
			r->status = AUDIT_EUSAGE;
			return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
					     "unsupported CSV delimiter '%c'; use ',', ';', tab or '|'",
					     delim);
		}
		r->delim = delim;
		return AUDIT_OK;
	}
	/* count the candidates in the first record, outside quotes */
	for (i = r->pos; i < r->len; i++) {
		char c = data[i];
		if (c == '"')
			in_quotes = !in_quotes;
		else if (in_quotes)
			continue;
		else if (c == '\r' || c == '\n')
			break;
		else if (c == ',')
			commas++;
		else if (c == ';')
			semis++;
	}
	r->delim = semis > commas ? ';' : ',';
	return AUDIT_OK;
}

char csv_reader_delim(const csv_reader *r)
{
	return r->delim;
}

void csv_reader_free(csv_reader *r)
{
	abuf_free(&r->text);
	free(r->offs);
	free(r->fields);
	r->offs = NULL;
	r->fields = NULL;
	r->cap = 0;
}

/* 1-based column in characters of offset at on the line starting at
 * line_start (UTF-8 continuation bytes do not count). */
static int column_of(const char *data, size_t line_start, size_t at)
{
	size_t i;
	int col = 1;

	for (i = line_start; i < at; i++)
		if (((unsigned char)data[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int fail(csv_reader *r, audit_err *e, int code, int line, int col,
		const char *msg)
{
	r->status = code;
	return audit_err_set(e, code, r->name[0] ? r->name : NULL, line, col, "%s", msg);
}

/* Moves past one line break at r->pos (CRLF, LF or CR). */
static void skip_break(csv_reader *r)
{
	if (r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')
		r->pos++;
	r->pos++;
	r->line++;
	r->line_start = r->pos;
}

/* Records the field that starts at offset off of r->text (its bytes are
 * already added) and terminates it. */
static int end_field(csv_reader *r, size_t off, size_t *n)
{
	if (*n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		size_t *o = realloc(r->offs, cap * sizeof *o);
		csv_field *f;
		if (o == NULL)
			return AUDIT_ENOMEM;
		r->offs = o;
		f = realloc(r->fields, cap * sizeof *f);
		if (f == NULL)
			return AUDIT_ENOMEM;
		r->fields = f;
		r->cap = cap;
	}
	r->offs[*n] = off;
	r->fields[*n].len = r->text.len - off;
	(*n)++;
	return abuf_add(&r->text, "", 1);
}

/* Checks the raw bytes of the record just read, data[start..r->pos). */
static int check_bytes(csv_reader *r, size_t start, int start_line,
		       size_t start_line_pos, audit_err *e)
{
	const char *d = r->data;
	size_t bad = 0, i, ls = start_line_pos, nul;
	const char *z = memchr(d + start, '\0', r->pos - start);
	int line = start_line, valid;
	char msg[300];

	valid = util_utf8_valid(d + start, r->pos - start, &bad);
	if (valid && z == NULL)
		return AUDIT_OK;
	nul = z != NULL ? (size_t)(z - d) : r->pos;
	if (!valid && start + bad < nul)
		bad += start;
	else
		bad = nul;
	for (i = start; i < bad; i++) {
		if (d[i] == '\n' || (d[i] == '\r' && (i + 1 >= r->len || d[i + 1] != '\n'))) {
			line++;
			ls = i + 1;
		}
	}
	if (bad == nul)
		snprintf(msg, sizeof msg, "the file contains a NUL byte: it is not a text CSV file");
	else
		snprintf(msg, sizeof msg,
			 "the file is not UTF-8 (byte 0x%02X): save it from the spreadsheet as \"CSV UTF-8\"",
			 (unsigned)(unsigned char)d[bad]);
	return fail(r, e, AUDIT_EINPUT, line, column_of(d, ls, bad), msg);
}

int csv_next(csv_reader *r, csv_record *rec, audit_err *e)
{
	const char *d = r->data;
	size_t start, start_line_pos, n = 0, i;
	int start_line, rc;

	rec->fields = NULL;
	rec->n_fields = 0;
	rec->line = 0;
	if (r->status < 0)
		return audit_err_set(e, r->status, r->name[0] ? r->name : NULL, 0, 0,
				     "the CSV file could not be read after an earlier error");
	/* the end, or only empty lines left */
	for (i = r->pos; i < r->len && (d[i] == '\r' || d[i] == '\n'); i++)
		;
	if (i >= r->len) {
		r->pos = r->len;
		return 0;
	}
	start = r->pos;
	start_line = r->line;
	start_line_pos = r->line_start;
	abuf_reset(&r->text);
	for (;;) {
		size_t off = r->text.len;
		if (r->pos < r->len && d[r->pos] == '"') {
			int qline = r->line;
			int qcol = column_of(d, r->line_start, r->pos);
			r->pos++;
			for (;;) {
				size_t s = r->pos;
				while (r->pos < r->len && d[r->pos] != '"' &&
				       d[r->pos] != '\r' && d[r->pos] != '\n')
					r->pos++;
				if (abuf_add(&r->text, d + s, r->pos - s) < 0)
					return fail(r, e, AUDIT_ENOMEM, 0, 0, "out of memory reading CSV");
				if (r->pos >= r->len) {
					/* report the bytes first if they are the problem */
					if ((rc = check_bytes(r, start, start_line, start_line_pos, e)) < 0)
						return rc;
					return fail(r, e, AUDIT_EINPUT, qline, qcol,
						    "the quoted field that starts here has no closing quote (\"); a quote inside a quoted field is written as two (\"\")");
				}
				if (d[r->pos] == '"') {
					if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
						if (abuf_add(&r->text, "\"", 1) < 0)
							return fail(r, e, AUDIT_ENOMEM, 0, 0,
								    "out of memory reading CSV");
						r->pos += 2;
						continue;
					}
					r->pos++;
					break;
				}
				/* a line break inside the quotes: kept as is */
				s = r->pos;
				skip_break(r);
				if (abuf_add(&r->text, d + s, r->pos - s) < 0)
					return fail(r, e, AUDIT_ENOMEM, 0, 0, "out of memory reading CSV");
			}
			if (r->pos < r->len && d[r->pos] != r->delim &&
			    d[r->pos] != '\r' && d[r->pos] != '\n') {
				if ((rc = check_bytes(r, start, start_line, start_line_pos, e)) < 0)
					return rc;
				return fail(r, e, AUDIT_EINPUT, r->line,
					    column_of(d, r->line_start, r->pos),
					    "text after the closing quote of a field: a quoted field must end at its closing quote, and a quote inside it is written as two (\"\")");
			}
		} else {
			size_t s = r->pos;
			while (r->pos < r->len && d[r->pos] != r->delim &&
			       d[r->pos] != '\r' && d[r->pos] != '\n')
				r->pos++;
			if (abuf_add(&r->text, d + s, r->pos - s) < 0)
				return fail(r, e, AUDIT_ENOMEM, 0, 0, "out of memory reading CSV");
		}
		if (end_field(r, off, &n) < 0)
			return fail(r, e, AUDIT_ENOMEM, 0, 0, "out of memory reading CSV");
		if (r->pos < r->len && d[r->pos] == r->delim) {
			r->pos++;
			continue;
		}
		break;
	}
	if ((rc = check_bytes(r, start, start_line, start_line_pos, e)) < 0)
		return rc;
	if (r->pos < r->len)
		skip_break(r);
	for (i = 0; i < n; i++)
		r->fields[i].s = r->text.data + r->offs[i];
	rec->fields = r->fields;
	rec->n_fields = n;
	rec->line = start_line;
	return 1;
}

void csv_write_n(FILE *out, const char *s, size_t n)
{
	if (s == NULL)
		return;
	if (memchr(s, ',', n) == NULL && memchr(s, '"', n) == NULL &&
	    memchr(s, '\r', n) == NULL && memchr(s, '\n', n) == NULL) {
		fwrite(s, 1, n, out);
		return;
	}
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

void csv_write(FILE *out, const char *s)
{
	if (s != NULL)
		csv_write_n(out, s, strlen(s));
}
