/* test_generate.c - the synthetic-akt generator: determinism, schema
 * validity, and coverage of every verdict each criterion can give. */
#define _POSIX_C_SOURCE 200809L
#include "test.h"
#include "generate.h"
#include "util.h"
#include "verdict.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#define UNITS 3
#define AKTER 72L
#define SEED 2026u
#define ANCHOR "2026-10-31"

static const char *const UNIT_IDS[UNITS] = { "norrby", "soderas", "vasterdal" };

static char *path2(const char *a, const char *b)
{
	return util_path_join(a, b);
}

static int run(const char *dir, const char *tsv, uint64_t seed)
{
	generate_opts o;
	audit_err e;
	int rc;

	memset(&o, 0, sizeof(o));
	o.units = UNITS;
	o.akter = AKTER;
	o.seed = seed;
	o.out_dir = dir;
	o.anchor_date = ANCHOR;
	o.expect_path = tsv;
	o.quiet = 1;
	audit_err_clear(&e);
	rc = generate_run(&o, &e);
	if (rc != AUDIT_OK)
		printf("     generate_run: %s\n", e.msg);
	return rc;
}

/* Sorted names of the .xml files in dir; returns the count (or -1). */
static int list_xml(const char *dir, char ***names)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0, cap = 0, i, k;
	char **v = NULL;

	*names = NULL;
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		if (n == cap) {
			char **nv;
			cap = cap ? cap * 2 : 64;
			nv = realloc(v, (size_t)cap * sizeof(*v));
			if (nv == NULL)
				break;
			v = nv;
		}
		v[n++] = strdup(de->d_name);
	}
	closedir(d);
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && strcmp(v[k], v[k - 1]) < 0; k--) {
			char *t = v[k];
			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	*names = v;
	return n;
}

static void free_list(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int same_file(const char *a, const char *b)
{
	char *da = NULL, *db = NULL;
	size_t la = 0, lb = 0;
	int same;

	same = util_read_file(&da, &la, a, 1u << 26, NULL) == AUDIT_OK &&
	       util_read_file(&db, &lb, b, 1u << 26, NULL) == AUDIT_OK &&
	       la == lb && memcmp(da, db, la) == 0;
	free(da);
	free(db);
	return same;
}

/* Removes the akter of each unit folder, the folders, expected.tsv and dir. */
static void cleanup(const char *dir)
{
	int u, i, n;
	char **names;

	for (u = 0; u < UNITS; u++) {
		char *ud = path2(dir, UNIT_IDS[u]);
		n = list_xml(ud, &names);
		for (i = 0; i < n; i++) {
			char *f = path2(ud, names[i]);
			unlink(f);
			free(f);
		}
		free_list(names, n > 0 ? n : 0);
		rmdir(ud);
		free(ud);
	}
	{
		char *t = path2(dir, "expected.tsv");
		unlink(t);
		free(t);
	}
	rmdir(dir);
}

/* Compares every akt of two generated trees; returns the number of files
 * compared, or -1 on a difference. */
static int compare_trees(const char *a, const char *b, int *nfiles)
{
	int u, i, total = 0, bad = 0;

	for (u = 0; u < UNITS; u++) {
		char *ua = path2(a, UNIT_IDS[u]), *ub = path2(b, UNIT_IDS[u]);
		char **na, **nb;
		int ca = list_xml(ua, &na), cb = list_xml(ub, &nb);
		if (ca < 0 || ca != cb)
			bad++;
		for (i = 0; !bad && i < ca; i++) {
			char *fa = path2(ua, na[i]), *fb = path2(ub, nb[i]);
			if (strcmp(na[i], nb[i]) != 0 || !same_file(fa, fb)) {
				printf("     differs: %s\n", fa);
				bad++;
			}
			free(fa);
			free(fb);
		}
		total += ca > 0 ? ca : 0;
		free_list(na, ca > 0 ? ca : 0);
		free_list(nb, cb > 0 ? cb : 0);
		free(ua);
		free(ub);
	}
	*nfiles = total;
	return bad ? -1 : 0;
}

static int validate_tree(const char *dir, const char *xsd, int *nvalid)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
	xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaValidCtxtPtr vc = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
	int u, i, bad = 0;

	*nvalid = 0;
	if (vc == NULL) {
		printf("     cannot load the schema %s\n", xsd);
		bad = 1;
	}
	for (u = 0; vc && u < UNITS; u++) {
		char *ud = path2(dir, UNIT_IDS[u]);
		char **names;
		int n = list_xml(ud, &names);
		for (i = 0; i < n; i++) {
			char *f = path2(ud, names[i]);
			if (xmlSchemaValidateFile(vc, f, 0) == 0) {
				(*nvalid)++;
			} else {
				printf("     invalid: %s\n", f);
				bad++;
			}
			free(f);
		}
		free_list(names, n > 0 ? n : 0);
		free(ud);
	}
	if (vc)
		xmlSchemaFreeValidCtxt(vc);
	if (schema)
		xmlSchemaFree(schema);
	if (pc)
		xmlSchemaFreeParserCtxt(pc);
	return bad ? -1 : 0;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Checks the TSV: header, one line per akt x criterion in order, only
 * verdicts the criterion can give, and every one of them at least once. */
static void check_tsv(const char *tsv)
{
	char *data = NULL, *line, *save = NULL;
	size_t len = 0;
	int seen[GENERATE_NCRIT][5];
	int nlines = 0, order_ok = 1, legal = 1, i, v, covered = 1;
	char prev_akt[64] = "", cur_akt[64] = "";
	int crit_pos = 0;

	memset(seen, 0, sizeof(seen));
	TEST_COND("expected TSV is readable",
		  util_read_file(&data, &len, tsv, 1u << 26, NULL) == AUDIT_OK);
	if (data == NULL)
		return;
	line = strtok_r(data, "\n", &save);
	TEST_STREQ("TSV header", line, "akt_id\tcriterion\tverdict");
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		verdict vv;
		nlines++;
		if (!t1 || !t2) {
			order_ok = 0;
			continue;
		}
		*t1 = *t2 = '\0';
		snprintf(cur_akt, sizeof(cur_akt), "%s", line);
		if (crit_pos == 0) {
			if (strcmp(prev_akt, cur_akt) >= 0)
				order_ok = 0;
			snprintf(prev_akt, sizeof(prev_akt), "%s", cur_akt);
		} else if (strcmp(prev_akt, cur_akt) != 0) {
			order_ok = 0;
		}
		if (strcmp(t1 + 1, generate_criterion_id(crit_pos)) != 0)
			order_ok = 0;
		vv = verdict_parse(t2 + 1);
		if (vv == VERDICT_NONE || !(generate_criterion_verdicts(crit_pos) & (1u << vv)))
			legal = 0;
		else
			seen[crit_pos][vv]++;
		crit_pos = (crit_pos + 1) % GENERATE_NCRIT;
	}
	TEST_COND("TSV has one line per akt and criterion",
		  nlines == (int)AKTER * GENERATE_NCRIT);
	TEST_COND("TSV sorted by akt id, criteria in semantics.md order", order_ok);
	TEST_COND("TSV has only verdicts each criterion can give", legal);
	for (i = 0; i < GENERATE_NCRIT; i++)
		for (v = 1; v <= 4; v++)
			if ((generate_criterion_verdicts(i) & (1u << v)) && !seen[i][v]) {
				printf("     never seen: %s %s\n", generate_criterion_id(i),
				       verdict_name((verdict)v));
				covered = 0;
			}
	TEST_COND("TSV covers every verdict of every criterion", covered);
	free(data);
}

int main(void)
{
	const char *tmp = getenv("AUDIT_TMP"), *src = getenv("AUDIT_SRC");
	char base[1024], a[1100], b[1100], c[1100], ta[1200], tb[1200], tc[1200], xsd[1200];
	audit_err e;
	int n = 0, nvalid = 0;

	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	snprintf(base, sizeof(base), "%s/test_generate.%ld", tmp, (long)getpid());
	snprintf(a, sizeof(a), "%s/a", base);
	snprintf(b, sizeof(b), "%s/b", base);
	snprintf(c, sizeof(c), "%s/c", base);
	snprintf(ta, sizeof(ta), "%s/expected.tsv", a);
	snprintf(tb, sizeof(tb), "%s/expected.tsv", b);
	snprintf(tc, sizeof(tc), "%s/expected.tsv", c);
	TEST_COND("temporary folder can be made", util_mkdirs(base, NULL) == AUDIT_OK);

	audit_err_clear(&e);
	TEST_COND("text pools keep the thresholds the oracle relies on",
		  generate_check_pools(&e) == AUDIT_OK);
	if (e.code)
		printf("     %s\n", e.msg);

	TEST_COND("first run succeeds", run(a, ta, SEED) == AUDIT_OK);
	TEST_COND("second run succeeds", run(b, tb, SEED) == AUDIT_OK);
	TEST_COND("two runs with the same options give identical akter",
		  compare_trees(a, b, &n) == 0);
	TEST_COND("all akter were written", n == (int)AKTER);
	TEST_COND("two runs give identical expected verdicts", same_file(ta, tb));
	TEST_COND("another seed runs", run(c, tc, SEED + 1) == AUDIT_OK);
	TEST_COND("another seed gives other verdicts", !same_file(ta, tc));
	{
		struct stat st;
		char *f = path2(a, "norrby");
		char **names;
		int k = list_xml(f, &names);
		char *g = k > 0 ? path2(f, names[0]) : NULL;
		TEST_COND("akt files have mode 0600",
			  g && stat(g, &st) == 0 && (st.st_mode & 0777) == 0600);
		free(g);
		free_list(names, k > 0 ? k : 0);
		free(f);
	}

	if (src == NULL || src[0] == '\0') {
		printf("     AUDIT_SRC is not set; cannot find the schema\n");
		TEST_COND("AUDIT_SRC is set", 0);
	} else {
		snprintf(xsd, sizeof(xsd), "%s/audit/schemas/akt-1.xsd", src);
		xmlSetGenericErrorFunc(NULL, silent);
		TEST_COND("every akt validates against akt-1.xsd",
			  validate_tree(a, xsd, &nvalid) == 0 && nvalid == (int)AKTER);
		xmlSetGenericErrorFunc(NULL, NULL);
	}
	check_tsv(ta);

	/* the bundled samples are exactly this run's output */
	if (src && src[0]) {
		char samples[1200], golden[1200];
		int ns = 0;
		snprintf(samples, sizeof(samples), "%s/samples", src);
		snprintf(golden, sizeof(golden), "%s/tests/golden/expected-verdicts.tsv", src);
		TEST_COND("samples/ equal a fresh run (regenerate with: audit generate --units 3 "
			  "--akter 72 --seed 2026 --date 2026-10-31 --expect "
			  "tests/golden/expected-verdicts.tsv -o samples)",
			  compare_trees(a, samples, &ns) == 0 && ns == (int)AKTER);
		TEST_COND("tests/golden/expected-verdicts.tsv equals a fresh run",
			  same_file(ta, golden));
	}

	/* bad options are usage errors, not crashes */
	{
		generate_opts o;
		memset(&o, 0, sizeof(o));
		o.units = 0;
		o.akter = 1;
		o.out_dir = c;
		TEST_COND("zero units refused", generate_run(&o, &e) == AUDIT_EUSAGE);
		o.units = 1;
		o.anchor_date = "2026-02-30";
		TEST_COND("impossible anchor date refused", generate_run(&o, &e) == AUDIT_EUSAGE);
		o.anchor_date = NULL;
		o.out_dir = NULL;
		TEST_COND("missing output folder refused", generate_run(&o, &e) == AUDIT_EUSAGE);
	}

	cleanup(a);
	cleanup(b);
	cleanup(c);
	rmdir(base);
	xmlCleanupParser();
	return TEST_REPORT();
}
