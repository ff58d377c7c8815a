/* cmd_review.c - `audit review`: the inspector's own verdicts, kept beside
 * the automatic ones.
 *
 *   audit review --run R --akt A --criterion C --verdict V --reviewer NAME
 *                [--comment TEXT] [--at TIME]
 *   audit review --run R --import FILE.csv [--reviewer NAME] [--at TIME]
 *
 * The import reads the CSV that `audit export --format csv` writes (after
 * editing in a spreadsheet, saved with ',' or ';'), by column name: akt,
 * criterion, review_verdict, review_comment and optionally run and
 * reviewer.  Rows with an empty review_verdict are left alone.  Every row
 * is checked; if any is bad, each bad row is reported with its line number
 * and nothing is saved.
 *
 * The time of a review is --at, or else the clock's time (UTC), stored
 * with the review; it is shown in exports, never in the PDF reports.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli_common.h"
#include "csv.h"

#define REVIEW_MAX_FILE ((size_t)64 * 1024 * 1024)

/* A verdict as people write it: the machine name or the Swedish label, any
 * case, surrounding spaces ignored.  VERDICT_NONE when not a verdict. */
static verdict parse_verdict(const char *s)
{
	static const struct {
		const char *text;
		verdict v;
	} names[] = {
		{ "uppfyllt", VERDICT_UPPFYLLT },
		{ "delvis", VERDICT_DELVIS },
		{ "delvis uppfyllt", VERDICT_DELVIS },
		{ "ej-uppfyllt", VERDICT_EJ_UPPFYLLT },
		{ "ej uppfyllt", VERDICT_EJ_UPPFYLLT },
		{ "ej-tillampligt", VERDICT_EJ_TILLAMPLIGT },
		{ "ej tillampligt", VERDICT_EJ_TILLAMPLIGT },
		{ "ej tillämpligt", VERDICT_EJ_TILLAMPLIGT },
		{ "ej-tillämpligt", VERDICT_EJ_TILLAMPLIGT },
		{ "EJ TILLÄMPLIGT", VERDICT_EJ_TILLAMPLIGT },
	};
	char buf[64];
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return VERDICT_NONE;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(buf, names[i].text) == 0)
			return names[i].v;
	return VERDICT_NONE;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void print_bad(void *ud, size_t i, const audit_err *why)
{
	(void)ud;
	(void)i;
	fprintf(stderr, "audit: %s\n", why->msg);
}

static int review_one_cli(opts *o, store *s, long long run_id, const char *at)
{
	store_review_new r;
	audit_err e;
	size_t same = 0;
	int rc;

	if (o->akt == NULL || o->criterion == NULL || o->verdict == NULL)
		return usage_error("%s", "review needs --akt ID --criterion ID --verdict V "
					 "(or --import FILE.csv)");
	if (o->reviewer == NULL)
		return usage_error("%s", "review needs --reviewer NAME (who reviewed)");
	memset(&r, 0, sizeof(r));
	r.akt_id = o->akt;
	r.criterion_id = o->criterion;
	r.value = parse_verdict(o->verdict);
	r.comment = o->comment;
	r.reviewer = o->reviewer;
	r.reviewed_at = at;
	if (r.value == VERDICT_NONE)
		return usage_error("\"%s\" is not a verdict: write uppfyllt, delvis, ej-uppfyllt "
				   "or ej-tillampligt", o->verdict);
	if ((rc = store_add_reviews(s, run_id, &r, 1, print_bad, NULL, &same, &e)) < 0) {
		if (rc != AUDIT_EINPUT)
			print_err(&e);
		return audit_err_exit_status(rc);
	}
	if (!o->quiet)
		fprintf(stderr, same ? "review of %s %s unchanged (run %lld)\n"
				     : "review of %s %s saved (run %lld)\n",
			o->akt, o->criterion, run_id);
	return 0;
}

typedef struct import_row {
	int line;
	char *akt, *criterion, *comment, *reviewer;
	verdict value;
} import_row;

typedef struct bad_row {
	int line;
	char *msg;
} bad_row;

typedef struct import_state {
	const char *file;
	import_row *rows;
	size_t n, cap;
	int n_bad;
	bad_row *bad;      /* the problems found, printed in line order at the end */
	size_t n_stored, bad_cap;
} import_state;

static void row_bad(import_state *st, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void row_bad(import_state *st, int line, const char *fmt, ...)
{
	va_list ap;
	char msg[1200];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	st->n_bad++;
	if (st->n_stored == st->bad_cap) {
		size_t nc = st->bad_cap ? st->bad_cap * 2 : 16;
		bad_row *b = realloc(st->bad, nc * sizeof(*b));
		if (b == NULL) {
			/* no room to keep it: print it now */
			fprintf(stderr, "%s:%d: %s\n", st->file, line, msg);
			return;
		}
		st->bad = b;
		st->bad_cap = nc;
	}
	st->bad[st->n_stored].line = line;
	st->bad[st->n_stored].msg = strdup(msg);
	st->n_stored++;
}

static int cmp_bad(const void *a, const void *b)
{
	const bad_row *x = a, *y = b;

	return x->line - y->line;
}

/* Prints every problem found, in line order, and forgets them. */
static void print_bad_rows(import_state *st)
{
	size_t n = st->n_stored;

	if (st->bad)
		qsort(st->bad, n, sizeof(*st->bad), cmp_bad);
	for (size_t i = 0; i < n; i++) {
		fprintf(stderr, "%s:%d: %s\n", st->file, st->bad[i].line,
			st->bad[i].msg ? st->bad[i].msg : "not valid");
		free(st->bad[i].msg);
	}
	free(st->bad);
	st->bad = NULL;
	st->bad_cap = st->n_stored = 0;
}

static void on_store_bad(void *ud, size_t i, const audit_err *why)
{
	import_state *st = ud;

	row_bad(st, st->rows[i].line, "%s", why->msg);
}

static int find_col(const csv_record *h, const char *name)
{
	for (size_t i = 0; i < h->n_fields; i++) {
		const char *f = h->fields[i].s;
		size_t n = h->fields[i].len;
		while (n > 0 && f[n - 1] == ' ')
			n--;
		if (n == strlen(name) && strncasecmp(f, name, n) == 0)
			return (int)i;
	}
	return -1;
}

static int cmp_rows(const void *a, const void *b)
{
	const import_row *x = a, *y = b;
	int c = strcmp(x->akt, y->akt);

	if (c == 0)
		c = strcmp(x->criterion, y->criterion);
	return c ? c : x->line - y->line;
}

static void rows_free(import_state *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->rows[i].akt);
		free(st->rows[i].criterion);
		free(st->rows[i].comment);
		free(st->rows[i].reviewer);
	}
	free(st->rows);
}

static char *dup_field(const csv_record *r, int col)
{
	if (col < 0 || (size_t)col >= r->n_fields)
		return strdup("");
	return strndup(r->fields[col].s, r->fields[col].len);
}

static int review_import(opts *o, store *s, long long run_id, const char *at)
{
	import_state st;
	csv_reader rd;
	csv_record rec;
	audit_err e;
	char *data = NULL;
	size_t len = 0, same = 0, n_fields = 0;
	int rc, status = 0, c_run, c_akt, c_crit, c_verdict, c_comment, c_reviewer;
	store_review_new *rv = NULL;

	memset(&st, 0, sizeof(st));
	st.file = o->import_file;
	if ((rc = util_read_file(&data, &len, o->import_file, REVIEW_MAX_FILE, &e)) < 0) {
		print_err(&e);
		return audit_err_exit_status(rc);
	}
	rc = csv_reader_init(&rd, data, len, 0, o->import_file, &e);
	if (rc == AUDIT_OK)
		rc = csv_next(&rd, &rec, &e);
	if (rc <= 0) {
		if (rc == 0)
			fprintf(stderr, "audit: %s is empty\n", o->import_file);
		else
			print_err(&e);
		status = 3;
		goto out;
	}
	n_fields = rec.n_fields;
	c_run = find_col(&rec, "run");
	c_akt = find_col(&rec, "akt");
	c_crit = find_col(&rec, "criterion");
	c_verdict = find_col(&rec, "review_verdict");
	c_comment = find_col(&rec, "review_comment");
	c_reviewer = find_col(&rec, "reviewer");
	if (c_akt < 0 || c_crit < 0 || c_verdict < 0) {
		fprintf(stderr, "%s:1: the header needs the columns akt, criterion and "
			"review_verdict (and review_comment, reviewer); start from "
			"`audit export --run %lld --format csv`\n", o->import_file, run_id);
		status = 3;
		goto out;
	}
	if (c_reviewer < 0 && o->reviewer == NULL) {
		fprintf(stderr, "%s:1: there is no reviewer column: give --reviewer NAME\n",
			o->import_file);
		status = 3;
		goto out;
	}
	while ((rc = csv_next(&rd, &rec, &e)) == 1) {
		import_row row;
		char *v;

		if (rec.n_fields == 1 && rec.fields[0].len == 0)
			continue; /* an empty line */
		if (rec.n_fields != n_fields) {
			row_bad(&st, rec.line, "%zu fields, but the header has %zu; check the quoting "
				"of this row", rec.n_fields, n_fields);
			continue;
		}
		if (c_run >= 0 && rec.fields[c_run].len > 0) {
			char *end;
			long long r = strtoll(rec.fields[c_run].s, &end, 10);
			if (*end != '\0' || r != run_id) {
				row_bad(&st, rec.line, "the row belongs to run %s, not run %lld",
					rec.fields[c_run].s, run_id);
				continue;
			}
		}
		if (rec.fields[c_verdict].len == 0)
			continue; /* not reviewed */
		memset(&row, 0, sizeof(row));
		row.line = rec.line;
		row.value = parse_verdict(rec.fields[c_verdict].s);
		if (row.value == VERDICT_NONE) {
			row_bad(&st, rec.line, "\"%s\" is not a verdict: write uppfyllt, delvis, "
				"ej-uppfyllt or ej-tillampligt", rec.fields[c_verdict].s);
			continue;
		}
		v = dup_field(&rec, c_reviewer);
		if (v && v[0] == '\0' && o->reviewer) {
			free(v);
			v = strdup(o->reviewer);
		}
		row.reviewer = v;
		row.akt = dup_field(&rec, c_akt);
		row.criterion = dup_field(&rec, c_crit);
		row.comment = dup_field(&rec, c_comment);
		if (st.n == st.cap) {
			size_t nc = st.cap ? st.cap * 2 : 64;
			import_row *p = realloc(st.rows, nc * sizeof(*p));
			if (p == NULL) {
				status = 4;
				goto out;
			}
			st.rows = p;
			st.cap = nc;
		}
		st.rows[st.n++] = row;
		if (!row.reviewer || !row.akt || !row.criterion || !row.comment) {
			status = 4;
			goto out;
		}
	}
	if (rc < 0) {
		print_err(&e);
		status = 3;
		goto out;
	}
	/* the same verdict reviewed twice in one file */
	qsort(st.rows, st.n, sizeof(*st.rows), cmp_rows);
	for (size_t i = 1; i < st.n; i++)
		if (strcmp(st.rows[i].akt, st.rows[i - 1].akt) == 0 &&
		    strcmp(st.rows[i].criterion, st.rows[i - 1].criterion) == 0)
			row_bad(&st, st.rows[i].line, "%s %s is reviewed twice (also on line %d); "
				"keep one row", st.rows[i].akt, st.rows[i].criterion,
				st.rows[i - 1].line);
	rv = calloc(st.n ? st.n : 1, sizeof(*rv));
	if (rv == NULL) {
		status = 4;
		goto out;
	}
	for (size_t i = 0; i < st.n; i++) {
		rv[i].akt_id = st.rows[i].akt;
		rv[i].criterion_id = st.rows[i].criterion;
		rv[i].value = st.rows[i].value;
		rv[i].comment = st.rows[i].comment;
		rv[i].reviewer = st.rows[i].reviewer;
		rv[i].reviewed_at = at;
	}
	/* rows the file itself already shows to be bad are not checked again;
	 * the others are checked against the run, so every bad row is listed */
	rc = st.n_bad ? store_check_reviews(s, run_id, rv, st.n, on_store_bad, &st, &e)
		      : store_add_reviews(s, run_id, rv, st.n, on_store_bad, &st, &same, &e);
	{
		if (rc < 0 && rc != AUDIT_EINPUT) {
			print_err(&e);
			status = audit_err_exit_status(rc);
			goto out;
		}
	}
	if (st.n_bad) {
		print_bad_rows(&st);
		fprintf(stderr, "audit: %d row%s of %s %s not valid; nothing was saved — "
			"correct %s and import the file again\n", st.n_bad,
			st.n_bad == 1 ? "" : "s", o->import_file, st.n_bad == 1 ? "is" : "are",
			st.n_bad == 1 ? "it" : "them");
		status = 3;
		goto out;
	}
	if (!o->quiet)
		fprintf(stderr, "run %lld: %zu review%s saved, %zu unchanged\n", run_id,
			st.n - same, st.n - same == 1 ? "" : "s", same);
out:
	print_bad_rows(&st);
	free(rv);
	rows_free(&st);
	csv_reader_free(&rd);
	free(data);
	return status;
}

int cmd_review(opts *o)
{
	store *s = NULL;
	long long run_id;
	char now[32];
	int status;

	if (o->at == NULL)
		now_iso(now);
	if ((status = open_run(o, &s, &run_id)) != 0)
		return status;
	if (o->import_file)
		status = review_import(o, s, run_id, o->at ? o->at : now);
	else
		status = review_one_cli(o, s, run_id, o->at ? o->at : now);
	store_close(s);
	return status;
}
