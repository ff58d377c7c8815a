/* test_golden.c - the rule engine against the generator's oracle.
 *
 * Every sample akt is evaluated with the default checklist as of the
 * samples' reference date, and each verdict is compared with
 * tests/golden/expected-verdicts.tsv, which the generator wrote from the
 * flaws it chose (not by reading the XML).  Also checks that every
 * criterion of the checklist gives every verdict it can give (the set the
 * generator's oracle declares from semantics.md) somewhere in the samples. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "eval.h"
#include "generate.h"
#include "paths.h"
#include "rules.h"
#include "util.h"
#include "xmlsafe.h"

#define REF_DATE "2026-10-31"

struct expect {
	char akt[64], crit[16], verdict[24];
};

static int check_checklist(const char *src, const char *name);

int main(void)
{
	const char *src = getenv("AUDIT_SRC");
	audit_err e;

	if (src == NULL)
		src = ".";
	TEST_COND("xml init", xmlsafe_global_init(&e) == AUDIT_OK);
	check_checklist(src, "ekonomiskt-bistand");
	check_checklist(src, "egenkontroll");
	xmlsafe_global_cleanup();
	return TEST_REPORT();
}

static int check_checklist(const char *src, const char *name)
{
	char path[4096], *tsv = NULL;
	size_t len, n_exp = 0, mismatches = 0, checked = 0;
	struct expect *exp = NULL;
	checklist *cl = NULL;
	eval_ctx *ev = NULL;
	path_list files = { 0 };
	audit_err e;
	long ref;
	int seen[64][5];

	memset(seen, 0, sizeof(seen));
	printf("     checklist %s\n", name);
	snprintf(path, sizeof(path), "%s/tests/golden/expected-verdicts.tsv", src);
	TEST_COND("expected verdicts readable", util_read_file(&tsv, &len, path, 1 << 24, &e) == AUDIT_OK);
	if (tsv == NULL)
		return -1;
	exp = calloc(len / 10 + 1, sizeof(*exp));
	for (char *line = strtok(tsv, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "akt_id\t", 7) == 0)
			continue;
		if (sscanf(line, "%63[^\t]\t%15[^\t]\t%23s", exp[n_exp].akt, exp[n_exp].crit,
			   exp[n_exp].verdict) == 3)
			n_exp++;
	}
	TEST_COND("expected table is not empty", n_exp > 1000);

	snprintf(path, sizeof(path), "%s/checklists/%s.xml", src, name);
	TEST_COND("checklist loads", checklist_load(&cl, path, NULL, NULL, NULL, &e) == AUDIT_OK);
	if (cl == NULL) {
		printf("     %s\n", e.msg);
		return -1;
	}
	util_date_parse(REF_DATE, &ref);
	TEST_COND("eval context", eval_ctx_new(&ev, cl, ref, &e) == AUDIT_OK);
	snprintf(path, sizeof(path), "%s/samples", src);
	TEST_COND("samples found", paths_add(&files, path, &e) == AUDIT_OK && files.n >= 60);

	for (size_t i = 0; i < files.n; i++) {
		akt *a = NULL;
		eval_result r = { 0 };

		if (akt_load(&a, files.v[i], NULL, &e) != AUDIT_OK) {
			TEST_COND(files.v[i], 0);
			continue;
		}
		if (eval_akt(ev, a, &r, &e) != AUDIT_OK) {
			printf("     %s: %s\n", files.v[i], e.msg);
			TEST_COND("evaluation succeeds", 0);
			akt_free(a);
			continue;
		}
		for (size_t k = 0; k < r.n; k++) {
			const char *got = verdict_name(r.v[k].value);
			int found = 0;
			if (k < 64)
				seen[k][r.v[k].value]++;
			for (size_t x = 0; x < n_exp; x++) {
				if (strcmp(exp[x].akt, a->id) != 0 || strcmp(exp[x].crit, r.v[k].rule->id) != 0)
					continue;
				found = 1;
				checked++;
				if (strcmp(exp[x].verdict, got) != 0) {
					mismatches++;
					printf("     MISMATCH %s %s: engine %s, oracle %s\n", a->id,
					       r.v[k].rule->id, got, exp[x].verdict);
				}
			}
			if (!found) {
				mismatches++;
				printf("     no expected verdict for %s %s\n", a->id, r.v[k].rule->id);
			}
			if (r.v[k].message == NULL || r.v[k].message[0] == '\0') {
				mismatches++;
				printf("     no message for %s %s (%s)\n", a->id, r.v[k].rule->id, got);
			}
		}
		eval_result_free(&r);
		akt_free(a);
	}
	printf("     %zu verdicts compared with the oracle\n", checked);
	TEST_COND("every verdict was compared", checked == files.n * cl->n_items);
	TEST_COND("engine agrees with the oracle on every akt and criterion", mismatches == 0);

	/* coverage: each criterion gives every verdict it can give somewhere */
	for (size_t k = 0; k < cl->n_items && k < 64; k++) {
		char d[160];
		unsigned can = 0;
		int g, missing = 0;
		for (g = 0; g < GENERATE_NCRIT; g++)
			if (strcmp(generate_criterion_id(g), cl->items[k].rule->id) == 0)
				can = generate_criterion_verdicts(g);
		snprintf(d, sizeof(d), "%s is a criterion the oracle decides", cl->items[k].rule->id);
		TEST_COND(d, can != 0);
		for (int v = VERDICT_UPPFYLLT; v <= VERDICT_EJ_TILLAMPLIGT; v++)
			if ((can & (1u << v)) && seen[k][v] == 0) {
				printf("     %s never gives %s in the samples\n", cl->items[k].rule->id,
				       verdict_name((verdict)v));
				missing++;
			}
		snprintf(d, sizeof(d), "%s gives every verdict it can give in the samples",
			 cl->items[k].rule->id);
		TEST_COND(d, can != 0 && missing == 0 && seen[k][VERDICT_UPPFYLLT] > 0 &&
			  seen[k][VERDICT_EJ_UPPFYLLT] > 0);
	}

	paths_free(&files);
	eval_ctx_free(ev);
	checklist_free(cl);
	free(exp);
	free(tsv);
	return 0;
}
