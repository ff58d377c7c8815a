/* export.c - see export.h. */
#include "export.h"
#include "csv.h"
#include "util.h"

#include <errno.h>
#include <string.h>

/* ------------------------------------------------------------- CSV */

/* Appends a space (when b is not empty) and s (when not NULL or empty). */
static int add_part(abuf *b, const char *s)
{
	int rc = AUDIT_OK;

	if (s == NULL || s[0] == '\0')
		return AUDIT_OK;
	if (b->len > 0 && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\0')
		rc = abuf_puts(b, " ");
	return rc < 0 ? rc : abuf_puts(b, s);
}

/* The evidence column text of one verdict (see export.h). */
static int csv_evidence(abuf *b, const store_verdict *v, int with_quotes)
{
	size_t i;
	int rc = AUDIT_OK;

	abuf_reset(b);
	for (i = 0; i < v->n_evidence && rc == AUDIT_OK; i++) {
		const evidence *ev = &v->evidence[i];
		size_t start;

		if (i > 0)
			rc = abuf_puts(b, "; ");
		start = b->len;
		if (rc < 0)
			break;
		if (ev->found) {
			if ((rc = add_part(b, ev->kind)) < 0 || (rc = add_part(b, ev->doc_id)) < 0 ||
			    (rc = add_part(b, ev->date)) < 0 || (rc = add_part(b, ev->location)) < 0)
				break;
		} else {
			rc = abuf_puts(b, "saknas:");
			if (rc == AUDIT_OK)
				rc = add_part(b, ev->sought ? ev->sought : ev->pattern);
			if (rc == AUDIT_OK)
				rc = add_part(b, ev->location);
			if (rc < 0)
				break;
		}
		if (ev->item && ev->item[0])
			rc = abuf_printf(b, "%s(%s)", b->len > start ? " " : "", ev->item);
		if (rc == AUDIT_OK && with_quotes && ev->quote && ev->quote[0])
			rc = abuf_printf(b, "%s\"%s\"", b->len > start ? " " : "", ev->quote);
	}
	return rc;
}

static const char csv_header[] =
	"run,unit,akt,handlaggare,criterion,verdict,auto_verdict,message,items_total,items_met,"
	"evidence,review_verdict,review_comment,reviewer,reviewed_at\r\n";

static int csv_verdicts(FILE *out, long long run_id, const store_verdict *v, size_t n,
			int with_quotes, abuf *ev)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if ((rc = csv_evidence(ev, &v[i], with_quotes)) < 0)
			return rc;
		fprintf(out, "%lld,", run_id);
		csv_write(out, v[i].unit_id);
		fputc(',', out);
		csv_write(out, v[i].akt_id);
		fputc(',', out);
		csv_write(out, v[i].handlaggare_id);
		fputc(',', out);
		csv_write(out, v[i].criterion_id);
		fputc(',', out);
		csv_write(out, verdict_name(v[i].value));
		fputc(',', out);
		csv_write(out, verdict_name(v[i].auto_value));
		fputc(',', out);
		csv_write(out, v[i].message);
		fprintf(out, ",%d,%d,", v[i].items_total, v[i].items_met);
		csv_write_n(out, abuf_str(ev), ev->len);
		fputc(',', out);
		if (v[i].reviewed) {
			csv_write(out, verdict_name(v[i].value));
			fputc(',', out);
			csv_write(out, v[i].review_comment);
			fputc(',', out);
			csv_write(out, v[i].reviewer);
			fputc(',', out);
			csv_write(out, v[i].reviewed_at);
		} else {
			fputs(",,,", out);
		}
		fputs("\r\n", out);
	}
	return AUDIT_OK;
}

/* ------------------------------------------------------------ JSON */

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (len > n || !util_utf8_valid((const char *)s, len, NULL))
		return 0;
	return len;
}

static void json_str(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n, i = 0, k;

	if (str == NULL) {
		fputs("null", out);
		return;
	}
	n = strlen(str);
	fputc('"', out);
	while (i < n) {
		unsigned char c = s[i];

		switch (c) {
		case '"': fputs("\\\"", out); i++; continue;
		case '\\': fputs("\\\\", out); i++; continue;
		case '\n': fputs("\\n", out); i++; continue;
		case '\r': fputs("\\r", out); i++; continue;
		case '\t': fputs("\\t", out); i++; continue;
		case '\b': fputs("\\b", out); i++; continue;
		case '\f': fputs("\\f", out); i++; continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7F) {
			fprintf(out, "\\u%04x", c);
			i++;
			continue;
		}
		k = utf8_seq(s + i, n - i);
		if (k == 0) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		fwrite(s + i, 1, k, out);
		i += k;
	}
	fputc('"', out);
}

static void json_key_str(FILE *out, const char *key, const char *val)
{
	fprintf(out, "\"%s\":", key);
	json_str(out, val);
}

static void json_run(FILE *out, const store_run *r)
{
	fprintf(out, "{\"run\":{\"id\":%lld,", r->id);
	json_key_str(out, "status", r->status);
	fputs(",\"checklist\":{", out);
	json_key_str(out, "id", r->checklist_id);
	fputc(',', out);
	json_key_str(out, "name", r->checklist_name);
	fputc(',', out);
	json_key_str(out, "version", r->checklist_version);
	fputc(',', out);
	json_key_str(out, "hash", r->checklist_hash);
	fputs("},", out);
	json_key_str(out, "legal_basis", r->legal_basis);
	fputc(',', out);
	json_key_str(out, "ref_date", r->ref_date);
	fprintf(out, ",\"ref_date_is_today\":%s,", r->ref_date_is_today ? "true" : "false");
	json_key_str(out, "params", r->params);
	fputc(',', out);
	json_key_str(out, "tool_version", r->tool_version);
	fputc(',', out);
	json_key_str(out, "method", r->method);
	fprintf(out, ",\"seed\":%lld,\"n_akter\":%d,\"n_failed\":%d},\n", r->seed, r->n_akter,
		r->n_failed);
}

static void json_criteria(FILE *out, const store_criterion *c, size_t n)
{
	size_t i;

	fputs("\"criteria\":[", out);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n {" : "\n {", out);
		json_key_str(out, "id", c[i].id);
		fputc(',', out);
		json_key_str(out, "title", c[i].title);
		fputc(',', out);
		json_key_str(out, "area", c[i].area);
		fputc(',', out);
		json_key_str(out, "section", c[i].section);
		fputc(',', out);
		json_key_str(out, "legal_refs", c[i].legal_refs);
		fprintf(out, ",\"position\":%d,\"counts\":{\"total\":%d,\"uppfyllt\":%d,"
			"\"delvis\":%d,\"ej_uppfyllt\":%d,\"ej_tillampligt\":%d,\"reviewed\":%d}}",
			c[i].position, c[i].n_total, c[i].n_uppfyllt, c[i].n_delvis,
			c[i].n_ej_uppfyllt, c[i].n_ej_tillampligt, c[i].n_reviewed);
	}
	fputs("],\n", out);
}

static void json_verdicts(FILE *out, const store_verdict *v, size_t n, int with_quotes,
			  int *first)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		fputs(*first ? "\n {" : ",\n {", out);
		*first = 0;
		json_key_str(out, "akt", v[i].akt_id);
		fputc(',', out);
		json_key_str(out, "unit", v[i].unit_id);
		fputc(',', out);
		json_key_str(out, "handlaggare", v[i].handlaggare_id);
		fputc(',', out);
		json_key_str(out, "criterion", v[i].criterion_id);
		fputc(',', out);
		json_key_str(out, "verdict", verdict_name(v[i].value));
		fputc(',', out);
		json_key_str(out, "auto_verdict", verdict_name(v[i].auto_value));
		fputs(",\"review\":", out);
		if (v[i].reviewed) {
			fputc('{', out);
			json_key_str(out, "verdict", verdict_name(v[i].value));
			fputc(',', out);
			json_key_str(out, "comment", v[i].review_comment);
			fputc(',', out);
			json_key_str(out, "reviewer", v[i].reviewer);
			fputc(',', out);
			json_key_str(out, "reviewed_at", v[i].reviewed_at);
			fputc('}', out);
		} else {
			fputs("null", out);
		}
		fputc(',', out);
		json_key_str(out, "message", v[i].message);
		fprintf(out, ",\"items\":{\"total\":%d,\"met\":%d},\"evidence\":[",
			v[i].items_total, v[i].items_met);
		for (j = 0; j < v[i].n_evidence; j++) {
			const evidence *ev = &v[i].evidence[j];

			fprintf(out, "%s{\"found\":%s,", j ? "," : "", ev->found ? "true" : "false");
			json_key_str(out, "kind", ev->kind);
			fputc(',', out);
			json_key_str(out, "doc_id", ev->doc_id);
			fputc(',', out);
			json_key_str(out, "date", ev->date);
			fputc(',', out);
			json_key_str(out, "location", ev->location);
			fputc(',', out);
			json_key_str(out, "item", ev->item);
			fputc(',', out);
			json_key_str(out, "pattern", ev->pattern);
			fputc(',', out);
			json_key_str(out, "sought", ev->sought);
			if (with_quotes) {
				fputc(',', out);
				json_key_str(out, "quote", ev->quote);
			}
			fputc('}', out);
		}
		fputs("]}", out);
	}
}

/* ------------------------------------------------------------ both */

static int write_failed(audit_err *e)
{
	return audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "cannot write the export: %s",
			     errno ? strerror(errno) : "write error");
}

int export_run_opts(store *s, long long run_id, const char *format, int bom,
		    int with_quotes, FILE *out, audit_err *e)
{
	store_run *run = NULL;
	store_unit *units = NULL;
	store_criterion *crit = NULL;
	store_verdict *v = NULL;
	size_t n_units = 0, n_crit = 0, n_v = 0, i;
	abuf ev = ABUF_INIT;
	int csv, rc, first = 1;

	if (format != NULL && strcmp(format, "csv") == 0)
		csv = 1;
	else if (format != NULL && strcmp(format, "json") == 0)
		csv = 0;
	else
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "unknown export format '%s'; use --format csv or json",
				     format ? format : "");
	if ((rc = store_get_run(s, run_id, &run, e)) < 0 ||
	    (rc = store_get_units(s, run_id, &units, &n_units, e)) < 0)
		goto done;
	errno = 0;
	if (csv) {
		if (bom)
			fputs("\xEF\xBB\xBF", out);
		fputs(csv_header, out);
	} else {
		if ((rc = store_get_criteria(s, run_id, NULL, &crit, &n_crit, e)) < 0)
			goto done;
		json_run(out, run);
		json_criteria(out, crit, n_crit);
		fputs("\"verdicts\":[", out);
	}
	/* one unit at a time keeps memory flat in the number of units */
	for (i = 0; i < n_units; i++) {
		if ((rc = store_get_verdicts(s, run_id, units[i].id, 1, &v, &n_v, e)) < 0)
			goto done;
		if (csv) {
			if ((rc = csv_verdicts(out, run_id, v, n_v, with_quotes, &ev)) < 0) {
				rc = audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
				goto done;
			}
		} else {
			json_verdicts(out, v, n_v, with_quotes, &first);
		}
		store_verdicts_free(v, n_v);
		v = NULL;
		n_v = 0;
		if (ferror(out)) {
			rc = write_failed(e);
			goto done;
		}
	}
	if (!csv)
		fputs(first ? "]}\n" : "\n]}\n", out);
	if (fflush(out) != 0 || ferror(out)) {
		rc = write_failed(e);
		goto done;
	}
	rc = AUDIT_OK;
done:
	abuf_free(&ev);
	store_verdicts_free(v, n_v);
	store_criteria_free(crit, n_crit);
	store_units_free(units, n_units);
	store_run_free(run);
	return rc;
}

int export_run(store *s, long long run_id, const char *format, int bom, FILE *out,
	       audit_err *e)
{
	return export_run_opts(s, run_id, format, bom, 0, out, e);
}
