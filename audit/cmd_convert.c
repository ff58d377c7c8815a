/* cmd_convert.c - `audit convert --to erms|akt -o DIR PATH...`: writes each
 * akt (each ärende of an archival file) to DIR in the chosen format, one
 * file per akt named after its id.  Its own option parsing; called from
 * cli.c as cli_convert(argc - 1, argv + 1). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "convert.h"
#include "import_erms.h"
#include "paths.h"
#include "profile.h"
#include "util.h"
#include "xmlsafe.h"

static const char convert_help[] =
	"usage: audit convert --to erms|akt -o DIR [--profile FILE] [--quiet] [--verbose] PATH...\n"
	"\n"
	"Skriver varje akt i PATH (filer eller mappar; akt-filer, ERMS- och FGS-exporter,\n"
	"E-ARK/FGS-paket) som en fil i DIR, namngiven efter aktens id:\n"
	"  --to erms   CITS ERMS v3 (FGS Ärendehantering 2.0), för arkiv och andra system\n"
	"  --to akt    aktformatet (urn:audit:akt:1), t.ex. för en importerad ERMS-export\n"
	"Writes each akt found in PATH (files or folders: akt files, ERMS and FGS exports,\n"
	"E-ARK/FGS packages) to DIR as DIR/<akt-id>.xml in the chosen format.\n"
	"\n"
	"  -o, --out DIR     output folder (created when missing)\n"
	"  --profile FILE    import profile for ERMS/FGS values (default: $AUDIT_PROFILE or\n"
	"                    the built-in rules/import/erms-ekonomiskt-bistand.xml)\n"
	"  --quiet           no summary on stderr\n"
	"  --verbose         one line per file written\n"
	"\n"
	"The ERMS written is checked against ERMS_v3.xsd when the schema is available\n"
	"($AUDIT_ERMS_SCHEMAS or <data dir>/schemas/erms).  What ERMS has no place for is\n"
	"kept as extension data and reported on stderr.\n"
	"Example: audit convert --to erms -o output/erms samples/norrby\n"
	"Exit status: 0 all written; 2 usage error; 3 an input could not be read; 4 I/O error.\n";

struct conv_state {
	const char *to, *dir;
	const profile *prof;
	long today;
	int quiet, verbose;
	int written, failed, io_error;
	char **names;
	size_t n_names;
};

static void on_warn(void *ud, int loss, const char *msg)
{
	struct conv_state *st = ud;
	if (loss ? !st->quiet : st->verbose)
		fprintf(stderr, "audit: %s: %s\n", loss ? "warning" : "note", msg);
}

/* DIR/<id>.xml, the id made a safe file name; a second akt with the same
 * id in this run gets -2, -3, ... */
static char *out_path(struct conv_state *st, const char *id)
{
	char base[200], name[240];
	size_t o = 0;
	char **nv;

	for (size_t i = 0; id[i] && o < 100; i++) {
		char ch = id[i];
		base[o++] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    ch == '.' || ch == '_' || ch == '-' ? ch : '_';
	}
	base[o] = '\0';
	if (o == 0 || base[0] == '.')
		snprintf(base, sizeof(base), "akt");
	snprintf(name, sizeof(name), "%s.xml", base);
	for (int k = 2;; k++) {
		int taken = 0;
		for (size_t i = 0; i < st->n_names; i++)
			if (strcmp(st->names[i], name) == 0)
				taken = 1;
		if (!taken)
			break;
		snprintf(name, sizeof(name), "%s-%d.xml", base, k);
	}
	nv = realloc(st->names, (st->n_names + 1) * sizeof(*nv));
	if (nv == NULL)
		return NULL;
	st->names = nv;
	if ((st->names[st->n_names] = strdup(name)) == NULL)
		return NULL;
	st->n_names++;
	return util_path_join(st->dir, name);
}

static int on_akt(void *ud, akt *a)
{
	struct conv_state *st = ud;
	abuf out = ABUF_INIT;
	audit_err e;
	char *path = NULL;
	int rc;

	for (size_t i = 0; i < a->n_warnings && st->verbose; i++)
		fprintf(stderr, "audit: import: %s\n", a->warnings[i]);
	if (strcmp(st->to, "erms") == 0)
		rc = convert_to_erms(a, st->prof, st->today, &out, on_warn, st, &e);
	else
		rc = convert_to_akt(a, &out, &e);
	if (rc == AUDIT_OK) {
		path = out_path(st, a->id);
		if (path == NULL)
			rc = audit_err_set(&e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	}
	if (rc == AUDIT_OK)
		rc = util_write_file_atomic(path, out.data ? out.data : "", out.len, &e);
	if (rc == AUDIT_OK) {
		st->written++;
		if (st->verbose)
			fprintf(stderr, "audit: %s -> %s\n", a->path, path);
	} else {
		char buf[2048];
		fprintf(stderr, "audit: %s\n", audit_err_str(&e, buf, sizeof(buf)));
		if (rc == AUDIT_EINPUT)
			st->failed++;
		else
			st->io_error = 1;
	}
	free(path);
	abuf_free(&out);
	akt_free(a);
	/* an I/O error (disk full, no permission) stops the command */
	return rc == AUDIT_OK || rc == AUDIT_EINPUT ? AUDIT_OK : rc;
}

int cli_convert(int argc, char **argv)
{
	struct conv_state st;
	const char *profile_path = NULL;
	const char **inputs = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*inputs));
	int n_in = 0, status = 0;
	path_list files = { 0 };
	profile *own = NULL;
	audit_err e;

	memset(&st, 0, sizeof(st));
	if (inputs == NULL) {
		fprintf(stderr, "audit: out of memory\n");
		return 4;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(convert_help, stdout);
			free(inputs);
			return 0;
		}
		if (strcmp(a, "--to") == 0)
			slot = &st.to;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0)
			slot = &st.dir;
		else if (strcmp(a, "--profile") == 0)
			slot = &profile_path;
		else if (strncmp(a, "--to=", 5) == 0)
			st.to = a + 5;
		else if (strncmp(a, "--out=", 6) == 0)
			st.dir = a + 6;
		else if (strncmp(a, "--profile=", 10) == 0)
			profile_path = a + 10;
		else if (strcmp(a, "--quiet") == 0)
			st.quiet = 1;
		else if (strcmp(a, "--verbose") == 0)
			st.verbose = 1;
		else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "audit: unknown option %s\n(audit convert --help tells how to use it)\n", a);
			free(inputs);
			return 2;
		} else {
			inputs[n_in++] = a;
		}
		if (slot) {
			if (i + 1 >= argc) {
				fprintf(stderr, "audit: option %s needs a value\n", a);
				free(inputs);
				return 2;
			}
			*slot = argv[++i];
		}
	}
	if (st.to == NULL || (strcmp(st.to, "erms") != 0 && strcmp(st.to, "akt") != 0) || st.dir == NULL ||
	    n_in == 0) {
		fprintf(stderr, "audit: convert needs --to erms|akt, -o DIR and files or folders: "
				"audit convert --to erms -o DIR PATH...\n");
		free(inputs);
		return 2;
	}
	if (xmlsafe_global_init(&e) < 0) {
		char buf[2048];
		fprintf(stderr, "audit: %s\n", audit_err_str(&e, buf, sizeof(buf)));
		free(inputs);
		return 4;
	}
	if (profile_path) {
		if (profile_load_file(&own, profile_path, &e) < 0) {
			char buf[2048];
			fprintf(stderr, "audit: %s\n", audit_err_str(&e, buf, sizeof(buf)));
			status = audit_err_exit_status(e.code);
			goto out;
		}
		st.prof = own;
	} else if ((st.prof = profile_default(&e)) == NULL) {
		char buf[2048];
		fprintf(stderr, "audit: %s\n", audit_err_str(&e, buf, sizeof(buf)));
		status = audit_err_exit_status(e.code);
		goto out;
	}
	st.today = util_today();
	if (strcmp(st.to, "erms") == 0 && !st.quiet) {
		int v3 = 0;
		import_erms_schemas(&v3, NULL);
		if (!v3 && st.verbose)
			fprintf(stderr, "audit: ERMS_v3.xsd is not available ($AUDIT_ERMS_SCHEMAS): "
					"the output is not checked against it\n");
	}
	if (util_mkdirs(st.dir, &e) < 0) {
		char buf[2048];
		fprintf(stderr, "audit: %s\n", audit_err_str(&e, buf, sizeof(buf)));
		status = 4;
		goto out;
	}
	for (int i = 0; i < n_in; i++)
		if (paths_add(&files, inputs[i], &e) < 0) {
			char buf[2048];
			fprintf(stderr, "audit: %s\n", audit_err_str(&e, buf, sizeof(buf)));
			st.failed++;
		}
	for (size_t i = 0; i < files.n && !st.io_error; i++) {
		akt_opts ao;
		int rc;
		memset(&ao, 0, sizeof(ao));
		ao.profile = st.prof;
		rc = akt_load_each(files.v[i], &ao, on_akt, &st, &e);
		if (rc < 0 && rc != AUDIT_EINPUT) {
			st.io_error = 1;
		} else if (rc < 0) {
			char buf[2048];
			fprintf(stderr, "audit: skipped %s\n", audit_err_str(&e, buf, sizeof(buf)));
			st.failed++;
		}
	}
	if (!st.quiet)
		fprintf(stderr, "%d akt%s written to %s%s", st.written, st.written == 1 ? "" : "er", st.dir,
			st.failed ? "" : "\n");
	if (!st.quiet && st.failed)
		fprintf(stderr, "; %d input%s could not be read\n", st.failed, st.failed == 1 ? "" : "s");
	status = st.io_error ? 4 : st.failed ? 3 : 0;
out:
	for (size_t i = 0; i < st.n_names; i++)
		free(st.names[i]);
	free(st.names);
	paths_free(&files);
	profile_free(own);
	free(inputs);
	xmlsafe_global_cleanup();
	return status;
}
