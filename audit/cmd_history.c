/* cmd_history.c - `audit history --unit U [--checklist C] [--format text|csv]`:
 * the complete runs of a unit over time, the share met per criterion in
 * each, and the change since the previous run of the same checklist.
 * Shares are "uppfyllt of applicable" with reviewed verdicts counted, as in
 * the reports. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "csv.h"
#include "report.h"

typedef struct hist_run {
	const store_history_run *h;
	store_criterion *c;
	size_t n;
} hist_run;

static const store_criterion *find_crit(const hist_run *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->c[i].id, id) == 0)
			return &r->c[i];
	return NULL;
}

/* share of met among applicable; -1 when none applicable */
static double share_of(const store_criterion *c, int *met, int *appl)
{
	*met = c ? c->n_uppfyllt : 0;
	*appl = c ? c->n_total - c->n_ej_tillampligt : 0;
	return *appl > 0 ? (double)*met / (double)*appl : -1.0;
}

/* One table for the runs r[0..n) of one checklist. */
static void print_table(const char *unit, const hist_run *r, size_t n, int csv)
{
	const hist_run *last = &r[n - 1];
	char a[64], b[64];

	if (!csv) {
		printf("Enhet %s, checklista %s: %zu körning%s\n", unit, last->h->checklist_id, n,
		       n == 1 ? "" : "ar");
		printf("%-8s %-13s %-10s %s\n", "körning", "referensdatum", "version", "akter");
		for (size_t i = 0; i < n; i++)
			printf("%-8lld %-13s %-10s %d\n", r[i].h->run_id, r[i].h->ref_date,
			       r[i].h->checklist_version ? r[i].h->checklist_version : "",
			       r[i].h->n_akter);
		printf("\n%-10s", "kriterium");
		for (size_t i = 0; i < n; i++) {
			char hd[48];
			snprintf(hd, sizeof(hd), "#%lld %s", r[i].h->run_id, r[i].h->ref_date);
			printf(" %-20s", hd);
		}
		printf(" %s\n", n > 1 ? "förändring" : "");
	}
	/* criteria in the order of the latest run */
	for (size_t k = 0; k < last->n; k++) {
		const char *id = last->c[k].id;
		double prev = -1, cur = -1;

		if (!csv)
			printf("%-10s", id);
		for (size_t i = 0; i < n; i++) {
			const store_criterion *c = find_crit(&r[i], id);
			int met, appl;
			double sh = share_of(c, &met, &appl);

			if (csv) {
				csv_write(stdout, unit);
				putchar(',');
				csv_write(stdout, r[i].h->checklist_id);
				printf(",%lld,%s,%s,%d,%d,", r[i].h->run_id, r[i].h->ref_date, id, met,
				       appl);
				if (sh >= 0)
					printf("%.4f", sh);
				printf(",%d,", c ? c->n_reviewed : 0);
				if (i > 0 && sh >= 0 && cur >= 0)
					printf("%.4f", sh - cur);
				printf("\r\n");
			} else if (c == NULL) {
				printf(" %-20s", "–");
			} else if (sh < 0) {
				printf(" %-20s", "ej tillämpligt");
			} else {
				char cell[64];
				snprintf(cell, sizeof(cell), "%s (%d/%d)%s",
					 report_fmt_percent(sh, a, sizeof(a)), met, appl,
					 c->n_reviewed ? "*" : "");
				/* pad by characters, not bytes (the % sign is ASCII) */
				printf(" %s%*s", cell, (int)(20 > strlen(cell) ? 20 - strlen(cell) : 0), "");
			}
			prev = cur;
			cur = sh;
		}
		if (!csv) {
			if (n > 1 && prev >= 0 && cur >= 0)
				printf(" %s", report_fmt_change(prev, cur, b, sizeof(b)));
			printf("\n");
		}
	}
	if (!csv)
		printf("Andel = uppfyllt av tillämpliga akter; * = granskad av inspektör.\n");
}

int cmd_history(opts *o)
{
	store *s = NULL;
	store_history_run *h = NULL;
	hist_run *r = NULL;
	size_t n = 0, i;
	audit_err e;
	int rc, status = 0, csv;

	if (o->unit == NULL)
		return usage_error("%s", "history needs --unit ID");
	if (o->format && strcmp(o->format, "csv") != 0 && strcmp(o->format, "text") != 0)
		return usage_error("%s", "history --format takes text or csv");
	csv = o->format && strcmp(o->format, "csv") == 0;
	if (access(o->db, F_OK) != 0) {
		fprintf(stderr, "audit: no database %s: run 'audit run' first or give --db FILE\n",
			o->db);
		return 3;
	}
	if ((rc = store_open(&s, o->db, &e)) < 0 ||
	    (rc = store_unit_history(s, o->unit, o->checklist, &h, &n, &e)) < 0) {
		print_err(&e);
		store_close(s);
		return audit_err_exit_status(rc);
	}
	if (n == 0) {
		fprintf(stderr, "audit: no complete run includes unit %s%s%s\n", o->unit,
			o->checklist ? " with checklist " : "", o->checklist ? o->checklist : "");
		store_close(s);
		return 3;
	}
	r = calloc(n, sizeof(*r));
	if (r == NULL) {
		status = 4;
		goto out;
	}
	for (i = 0; i < n; i++) {
		r[i].h = &h[i];
		if ((rc = store_get_criteria(s, h[i].run_id, o->unit, &r[i].c, &r[i].n, &e)) < 0) {
			print_err(&e);
			status = audit_err_exit_status(rc);
			goto out;
		}
	}
	if (csv)
		printf("unit,checklist,run,ref_date,criterion,met,applicable,share,reviewed,"
		       "change\r\n");
	/* one table per checklist, in order of first appearance */
	for (i = 0; i < n; i++) {
		hist_run *sel;
		size_t k = 0, j, seen = 0;

		for (j = 0; j < i; j++)
			if (strcmp(h[j].checklist_id, h[i].checklist_id) == 0)
				seen = 1;
		if (seen)
			continue;
		sel = calloc(n, sizeof(*sel));
		if (sel == NULL) {
			status = 4;
			goto out;
		}
		for (j = i; j < n; j++)
			if (strcmp(h[j].checklist_id, h[i].checklist_id) == 0)
				sel[k++] = r[j];
		if (!csv && i > 0)
			printf("\n");
		print_table(o->unit, sel, k, csv);
		free(sel);
	}
out:
	if (r)
		for (i = 0; i < n; i++)
			store_criteria_free(r[i].c, r[i].n);
	free(r);
	store_history_free(h, n);
	store_close(s);
	return status;
}
