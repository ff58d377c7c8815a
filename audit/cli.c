/* cli.c - commands, options and exit codes (design.md: "Command line"). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "cli_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "akt.h"
#include "convert.h"
#include "csv.h"
#include "eval.h"
#include "export.h"
#include "generate.h"
#include "paths.h"
#include "progress.h"
#include "pdf.h"
#include "report.h"
#include "rules.h"
#include "store.h"
#include "util.h"
#include "xmlsafe.h"


#define DEFAULT_DB "output/audit.db"
#define DEFAULT_CHECKLIST "ekonomiskt-bistand"


volatile sig_atomic_t cli_stop;

static void on_signal(int sig)
{
	(void)sig;
	cli_stop = 1;
}

void cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void print_err(const audit_err *e)
{
	char buf[2048];

	fprintf(stderr, "audit: %s\n", audit_err_str(e, buf, sizeof(buf)));
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "audit: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'audit --help'.\n");
	return 2;
}

/* The help text is audit/help.txt, built in (embed.cmake); the man page
 * audit(1) is generated from the same file (manpage.cmake). */
extern const unsigned char audit_help_text[];
#define help_text ((const char *)audit_help_text)

/* Parses argv after the command name into o.  Returns 0 or an exit status. */
static int parse_opts(opts *o, int argc, char **argv)
{
	static const struct {
		const char *name;
		size_t off;
	} valued[] = {
		{ "--db", offsetof(opts, db) }, { "--checklist", offsetof(opts, checklist) },
		{ "--rules", offsetof(opts, rules_dir) }, { "--date", offsetof(opts, date) },
		{ "--run", offsetof(opts, run) }, { "--unit", offsetof(opts, unit) },
		{ "-o", offsetof(opts, out) }, { "--output", offsetof(opts, out) },
		{ "--format", offsetof(opts, format) }, { "--akt", offsetof(opts, akt) },
		{ "--criterion", offsetof(opts, criterion) }, { "--expect", offsetof(opts, expect) },
		{ "--units", offsetof(opts, units) }, { "--akter", offsetof(opts, akter) },
		{ "--seed", offsetof(opts, seed) }, { "--threads", offsetof(opts, threads) },
		{ "--sample", offsetof(opts, sample) }, { "--size", offsetof(opts, size) },
		{ "--margin", offsetof(opts, margin) }, { "--confidence", offsetof(opts, confidence) },
		{ "--share", offsetof(opts, share) }, { "--stratify", offsetof(opts, stratify) },
		{ "--active-from", offsetof(opts, active_from) },
		{ "--active-to", offsetof(opts, active_to) },
		{ "--import", offsetof(opts, import_file) }, { "--verdict", offsetof(opts, verdict) },
		{ "--comment", offsetof(opts, comment) }, { "--reviewer", offsetof(opts, reviewer) },
		{ "--at", offsetof(opts, at) }, { "--show", offsetof(opts, show) },
	};
	static const struct {
		const char *name;
		size_t off;
	} flags[] = {
		{ "--quiet", offsetof(opts, quiet) }, { "-q", offsetof(opts, quiet) },
		{ "--verbose", offsetof(opts, verbose) }, { "-v", offsetof(opts, verbose) },
		{ "--all", offsetof(opts, all) }, { "--bom", offsetof(opts, bom) },
		{ "--quotes", offsetof(opts, quotes) }, { "--strict", offsetof(opts, strict) },
		{ "--namnd", offsetof(opts, namnd) }, { "--actions", offsetof(opts, actions) },
		{ "--allow-incomplete", offsetof(opts, allow_incomplete) },
		{ "--accept-changed", offsetof(opts, accept_changed) },
	};

	o->args = calloc((size_t)argc + 1, sizeof(*o->args));
	if (o->args == NULL)
		return 4;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int done = 0;

		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				o->args[o->n_args++] = argv[i];
			break;
		}
		for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]) && !done; k++) {
			size_t n = strlen(valued[k].name);
			const char **slot = (const char **)((char *)o + valued[k].off);
			if (strcmp(a, valued[k].name) == 0) {
				if (i + 1 >= argc)
					return usage_error("option %s needs a value", a);
				*slot = argv[++i];
				done = 1;
			} else if (strncmp(a, valued[k].name, n) == 0 && a[n] == '=') {
				*slot = a + n + 1;
				done = 1;
			}
		}
		for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]) && !done; k++)
			if (strcmp(a, flags[k].name) == 0) {
				*(int *)((char *)o + flags[k].off) = 1;
				done = 1;
			}
		if (done)
			continue;
		if (a[0] == '-' && a[1] != '\0')
			return usage_error("unknown option %s", a);
		o->args[o->n_args++] = a;
	}
	if (o->db == NULL)
		o->db = DEFAULT_DB;
	return 0;
}

int parse_date(const char *s, long *days)
{
	if (util_date_parse(s, days) != 0) {
		fprintf(stderr, "audit: \"%s\" is not a date: write it as YYYY-MM-DD\n", s);
		return 2;
	}
	return 0;
}

/* ------------------------------------------------------------ validate */

struct validate_state {
	int problems;
	int warnings;
};

static void print_problem(void *ud, const audit_err *p)
{
	struct validate_state *st = ud;
	char buf[2048];

	if (p->code == AUDIT_OK) {
		/* a warning: an archival file read with something left out or guessed */
		printf("varning: %s\n", audit_err_str(p, buf, sizeof(buf)));
		if (st)
			st->warnings++;
		return;
	}
	if (st)
		st->problems++;
	printf("%s\n", audit_err_str(p, buf, sizeof(buf)));
}

struct validate_each {
	const opts *o;
	const char *path;
	size_t n;
};

static int validated_one(void *ud, akt *a)
{
	struct validate_each *ve = ud;

	ve->n++;
	if (ve->o->verbose)
		printf("%s: ok (akt %s, enhet %s, format %s)\n", ve->path, a->id, a->unit_id,
		       a->format);
	akt_free(a);
	return AUDIT_OK;
}

static int cmd_validate(opts *o)
{
	path_list files = { 0 };
	audit_err e;
	int n_bad = 0, status = 0;

	if (o->n_args == 0)
		return usage_error("%s", "validate needs files or folders: audit validate PATH...");
	for (int i = 0; i < o->n_args; i++)
		if (paths_add(&files, o->args[i], &e) < 0) {
			print_err(&e);
			status = 3;
		}
	for (size_t i = 0; i < files.n; i++) {
		struct validate_state st = { 0 };
		akt_opts ao = { .on_problem = print_problem, .ud = &st };
		struct validate_each ve = { o, files.v[i], 0 };
		int rc = akt_load_each(files.v[i], &ao, validated_one, &ve, &e);

		if (rc < 0) {
			/* schema problems were printed one by one; others here */
			if (st.problems == 0)
				print_problem(NULL, &e);
			n_bad++;
		} else if (ve.n > 1) {
			printf("%s: %zu ärenden, each checked as one akt\n", files.v[i], ve.n);
		}
	}
	if (!o->quiet)
		fprintf(stderr, "%zu file%s checked: %zu valid, %d invalid\n", files.n,
			files.n == 1 ? "" : "s", files.n - (size_t)n_bad, n_bad);
	paths_free(&files);
	if (status)
		return status;
	return n_bad ? 1 : 0;
}

/* ------------------------------------------------------------ checklist */

static void print_rule_problem(void *ud, const audit_err *p)
{
	int *n = ud;
	char buf[2048];

	(*n)++;
	fprintf(stderr, "%s\n", audit_err_str(p, buf, sizeof(buf)));
}

int load_checklist(opts *o, checklist **out)
{
	const char *name = o->checklist ? o->checklist : DEFAULT_CHECKLIST;
	char *path = rules_find_checklist(name);
	audit_err e;
	int n = 0, rc;

	if (path == NULL) {
		fprintf(stderr, "audit: no checklist \"%s\" (looked for the file and in %s/checklists)\n",
			name, rules_data_dir());
		return 3;
	}
	rc = checklist_load(out, path, o->rules_dir, print_rule_problem, &n, &e);
	free(path);
	if (rc < 0) {
		if (n == 0)
			print_err(&e);
		fprintf(stderr, "audit: the checklist has %d problem%s; nothing was evaluated\n",
			n ? n : 1, n == 1 ? "" : "s");
		return audit_err_exit_status(rc);
	}
	return 0;
}

/* ------------------------------------------------------------ run */

void fill_params(const checklist *cl, abuf *b)
{
	for (size_t i = 0; i < cl->n_params; i++)
		abuf_printf(b, "%s%s=%g", i ? ";" : "", cl->params[i].name, cl->params[i].value);
}

void fill_basis(const checklist *cl, long date, abuf *b)
{
	int first = 1;

	for (size_t i = 0; i < cl->n_basis; i++) {
		const legal_ref *r = &cl->basis[i];
		if (date < r->valid_from || date > r->valid_to)
			continue;
		if (!first)
			abuf_puts(b, "; ");
		legal_ref_format(r, b);
		first = 0;
	}
}

const char *default_samples(void)
{
	static char buf[4200];

	snprintf(buf, sizeof(buf), "%s/samples", rules_data_dir());
	if (access(buf, R_OK) == 0)
		return buf;
	return "samples";
}

/* ------------------------------------------------------------ report */

int open_run(opts *o, store **s, long long *run_id)
{
	audit_err e;
	int rc;

	if (o->run == NULL)
		o->run = "latest";
	if (access(o->db, F_OK) != 0) {
		fprintf(stderr, "audit: no database %s: run 'audit run' first or give --db FILE\n", o->db);
		return 3;
	}
	if ((rc = store_open(s, o->db, &e)) < 0 || (rc = store_resolve_run(*s, o->run, run_id, &e)) < 0) {
		print_err(&e);
		store_close(*s);
		*s = NULL;
		return audit_err_exit_status(rc);
	}
	return 0;
}

/* Renders the report of kind "unit", "namnd" or "actions" (unit may be
 * NULL for "namnd"), writes it to path atomically and records it in the
 * store.  Returns an exit status. */
static int write_report(opts *o, store *s, long long run_id, const char *kind,
			const char *unit, const char *path)
{
	report_opts ro = { NULL, o->allow_incomplete };
	audit_err e;
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc;
	char hex[65];

	if (strcmp(kind, "unit") == 0) {
		report_unit *r = NULL;
		rc = report_unit_build_opts(&r, s, run_id, unit, &ro, &e);
		if (rc == 0)
			rc = pdf_render_unit_report(&pdf, &len, r, NULL, &e);
		report_unit_free(r);
	} else if (strcmp(kind, "namnd") == 0) {
		report_namnd *r = NULL;
		rc = report_namnd_build(&r, s, run_id, &ro, &e);
		if (rc == 0)
			rc = pdf_render_namnd_report(&pdf, &len, r, NULL, &e);
		report_namnd_free(r);
	} else {
		report_actions *r = NULL;
		rc = report_actions_build(&r, s, run_id, unit, &ro, &e);
		if (rc == 0)
			rc = pdf_render_actions(&pdf, &len, r, NULL, &e);
		report_actions_free(r);
	}
	if (rc == 0 && cli_stop) {
		free(pdf);
		fprintf(stderr, "audit: stopped by a signal; %s was not written\n", path);
		return 130;
	}
	if (rc == 0)
		rc = util_write_file_atomic(path, pdf, len, &e);
	if (rc < 0) {
		print_err(&e);
		free(pdf);
		return audit_err_exit_status(rc);
	}
	util_sha256_hex(pdf, len, hex);
	store_add_report(s, run_id, kind, unit, path, hex, &e);
	if (!o->quiet)
		fprintf(stderr, "wrote %s\n", path);
	free(pdf);
	return 0;
}

static int cmd_report(opts *o)
{
	store *s = NULL;
	long long run_id;
	int status;

	if (o->out == NULL)
		return usage_error("%s", "report needs -o FILE.pdf (or -o DIR with --all)");
	if (o->namnd + o->actions + o->all > 1)
		return usage_error("%s", "give one of --namnd, --actions and --all");
	if (!o->all && !o->namnd && o->unit == NULL)
		return usage_error("%s", "report needs --unit ID, --namnd, or --all for one report per unit");
	if ((status = open_run(o, &s, &run_id)) != 0)
		return status;
	cli_catch_signals();
	if (o->namnd || o->actions) {
		status = write_report(o, s, run_id, o->namnd ? "namnd" : "actions",
				      o->namnd ? NULL : o->unit, o->out);
	} else if (o->all) {
		store_unit *units = NULL;
		size_t n = 0;
		audit_err e;
		int rc;
		size_t n_clash = 0;
		progress pg;

		if ((rc = util_mkdirs(o->out, &e)) < 0 ||
		    (rc = store_get_units(s, run_id, &units, &n, &e)) < 0) {
			print_err(&e);
			store_close(s);
			return audit_err_exit_status(rc);
		}
		progress_start(&pg, "rapporter", n, !o->quiet);
		for (size_t i = 0; i < n && status == 0; i++) {
			char name[160], fname[96], *path;
			if (cli_stop) {
				progress_end(&pg);
				fprintf(stderr, "audit: stopped by a signal after %zu of %zu reports; the "
					"reports written are complete\n", i, n);
				status = 130;
				break;
			}
			progress_update(&pg, i);
			/* a unit id that is not a safe file name gets a mapped one
			 * (util_safe_filename); names are unique among the units */
			util_safe_filename(units[i].id, fname, sizeof(fname));
			snprintf(name, sizeof(name), "%s.pdf", fname);
			{
				int clash = 0;
				for (size_t k = 0; k < i && !clash; k++) {
					char other[96];
					util_safe_filename(units[k].id, other, sizeof(other));
					clash = strcmp(other, fname) == 0;
				}
				if (clash) {
					fprintf(stderr, "audit: two units map to the file name %s; write "
						"the second with --unit ID -o FILE.pdf\n", name);
					n_clash++;
					continue;
				}
			}
			path = util_path_join(o->out, name);
			progress_end(&pg);
			status = path ? write_report(o, s, run_id, "unit", units[i].id, path) : 4;
			free(path);
		}
		progress_end(&pg);
		if (status == 0 && n_clash)
			status = 3;
		store_units_free(units, n);
	} else {
		status = write_report(o, s, run_id, "unit", o->unit, o->out);
	}
	store_close(s);
	return status;
}

/* ------------------------------------------------------------ export */

static int cmd_export(opts *o)
{
	store *s = NULL;
	long long run_id;
	audit_err e;
	FILE *f = stdout;
	char *tmp = NULL;
	int status, rc;

	if (o->format == NULL || (strcmp(o->format, "csv") != 0 && strcmp(o->format, "json") != 0))
		return usage_error("%s", "export needs --format csv or --format json");
	if ((status = open_run(o, &s, &run_id)) != 0)
		return status;
	if (o->out) {
		size_t n = strlen(o->out) + 32;
		int fd;
		tmp = malloc(n);
		if (tmp == NULL) {
			store_close(s);
			return 4;
		}
		snprintf(tmp, n, "%s.tmp.%ld", o->out, (long)getpid());
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (f == NULL) {
			fprintf(stderr, "audit: %s: cannot create the file: %s\n", o->out, strerror(errno));
			free(tmp);
			store_close(s);
			return 4;
		}
	}
	rc = export_run_opts(s, run_id, o->format, o->bom, o->quotes, f, &e);
	if (o->out) {
		if (fflush(f) != 0 || fsync(fileno(f)) != 0)
			rc = rc < 0 ? rc : audit_err_set(&e, AUDIT_EIO, o->out, 0, 0, "cannot write: %s", strerror(errno));
		fclose(f);
		if (rc == 0 && rename(tmp, o->out) != 0)
			rc = audit_err_set(&e, AUDIT_EIO, o->out, 0, 0, "cannot write: %s", strerror(errno));
		if (rc < 0)
			unlink(tmp);
		free(tmp);
	}
	store_close(s);
	if (rc < 0) {
		print_err(&e);
		return audit_err_exit_status(rc);
	}
	return 0;
}

/* ------------------------------------------------------------ rules */

/* Runs every rule's own test cases; prints a table; 1 when any fails. */
static int cmd_rules(opts *o);

static int run_rule_tests(opts *o, const checklist *cl)
{
	eval_ctx *ev = NULL;
	audit_err e;
	int n_pass = 0, n_fail = 0;

	if (eval_ctx_new(&ev, cl, 0, &e) < 0) {
		print_err(&e);
		return 4;
	}
	if (!o->quiet)
		printf("%-8s %-4s %-15s %-15s %s\n", "regel", "fall", "förväntat", "fick", "resultat");
	for (size_t i = 0; i < cl->n_rules; i++) {
		const rule *r = &cl->rules[i];
		for (size_t k = 0; k < r->n_cases; k++) {
			const rule_case *c = &r->cases[k];
			akt *a = NULL;
			eval_verdict v;
			long ref = 0;
			char where[600];
			int ok = 0;
			verdict got = VERDICT_NONE;

			snprintf(where, sizeof(where), "%s:%d (%s case %zu)", r->file, c->line, r->id, k + 1);
			util_date_parse(c->date, &ref);
			eval_ctx_set_ref(ev, ref);
			if (akt_load_buffer(&a, c->akt_xml, strlen(c->akt_xml), where, NULL, &e) < 0) {
				print_err(&e);
			} else if (eval_rule(ev, a, r, &v, &e) < 0) {
				print_err(&e);
			} else {
				got = v.value;
				ok = got == c->expected;
				eval_verdict_clear(&v);
			}
			akt_free(a);
			if (ok)
				n_pass++;
			else
				n_fail++;
			if (!o->quiet)
				printf("%-8s %-4zu %-15s %-15s %s%s%s\n", r->id, k + 1, verdict_name(c->expected),
				       verdict_name(got), ok ? "ok" : "FEL", c->name ? "  " : "",
				       c->name ? c->name : "");
			if (!ok)
				fprintf(stderr, "%s:%d: rule %s, case %zu: expected %s, got %s\n", r->file, c->line,
					r->id, k + 1, verdict_name(c->expected), verdict_name(got));
		}
	}
	eval_ctx_free(ev);
	printf("%d passed, %d failed\n", n_pass, n_fail);
	return n_fail ? 1 : 0;
}

static int cmd_rules(opts *o)
{
	checklist *cl = NULL;
	const char *sub = o->n_args > 0 ? o->args[0] : NULL;
	int status;

	if (sub == NULL || (strcmp(sub, "lint") != 0 && strcmp(sub, "list") != 0 &&
			    strcmp(sub, "test") != 0))
		return usage_error("%s", "rules needs a subcommand: lint, test or list");
	if (strcmp(sub, "lint") == 0 && o->n_args > 1) {
		/* rules lint FILE...: each file is a checklist, linted with its rules */
		int worst = 0;
		for (int i = 1; i < o->n_args; i++) {
			opts one = *o;
			one.checklist = o->args[i];
			one.n_args = 1;
			status = cmd_rules(&one);
			if (status > worst)
				worst = status;
		}
		return worst;
	}
	if ((status = load_checklist(o, &cl)) != 0)
		return status;
	if (strcmp(sub, "lint") == 0) {
		int n = 0;
		checklist_lint_tests(cl, print_rule_problem, &n);
		if (n) {
			fprintf(stderr, "audit: %d problem%s\n", n, n == 1 ? "" : "s");
			status = 3;
		} else if (!o->quiet) {
			printf("%s %s: %zu criteria, %zu rules loaded, no problems\n", cl->id, cl->version,
			       cl->n_items, cl->n_rules);
		}
	} else if (strcmp(sub, "test") == 0) {
		status = run_rule_tests(o, cl);
	} else {
		int csv = o->format && strcmp(o->format, "csv") == 0;
		if (csv)
			printf("id,område,kriterium,lagrum\r\n");
		else
			printf("| id | område | kriterium | lagrum |\n|---|---|---|---|\n");
		for (size_t i = 0; i < cl->n_items; i++) {
			const rule *r = cl->items[i].rule;
			abuf refs = ABUF_INIT;
			for (size_t k = 0; k < r->n_refs; k++) {
				char from[11] = "", to[11] = "";
				if (k)
					abuf_puts(&refs, "; ");
				legal_ref_format(&r->refs[k], &refs);
				if (r->refs[k].valid_from != LONG_MIN)
					util_date_format(r->refs[k].valid_from, from);
				if (r->refs[k].valid_to != LONG_MAX)
					util_date_format(r->refs[k].valid_to, to);
				if (from[0] || to[0])
					abuf_printf(&refs, " (%s–%s)", from, to);
				if (!r->refs[k].verified)
					abuf_puts(&refs, " [ej verifierad]");
			}
			if (csv) {
				/* each field quoted only where RFC 4180 needs it */
				csv_write(stdout, r->id);
				putchar(',');
				csv_write(stdout, r->area);
				putchar(',');
				csv_write(stdout, r->title);
				putchar(',');
				csv_write(stdout, abuf_str(&refs));
				fputs("\r\n", stdout);
			} else {
				printf("| %s | %s | %s | %s |\n", r->id, r->area, r->title,
				       abuf_str(&refs));
			}
			abuf_free(&refs);
		}
	}
	checklist_free(cl);
	return status;
}

/* ------------------------------------------------------------ explain */

static void print_trace(void *ud, int depth, const char *line)
{
	(void)ud;
	printf("%*s%s\n", depth * 2, "", line);
}

static int cmd_explain(opts *o)
{
	checklist *cl = NULL;
	eval_ctx *ev = NULL;
	akt *a = NULL;
	audit_err e;
	long ref;
	int status, rc;
	size_t idx = (size_t)-1;
	eval_verdict v;

	if (o->akt == NULL || o->criterion == NULL)
		return usage_error("%s", "explain needs --akt FILE and --criterion ID");
	if (o->date) {
		if ((status = parse_date(o->date, &ref)) != 0)
			return status;
	} else {
		ref = util_today();
	}
	if ((status = load_checklist(o, &cl)) != 0)
		return status;
	for (size_t i = 0; i < cl->n_items; i++)
		if (strcmp(cl->items[i].rule->id, o->criterion) == 0)
			idx = i;
	if (idx == (size_t)-1) {
		fprintf(stderr, "audit: no criterion %s in checklist %s\n", o->criterion, cl->id);
		checklist_free(cl);
		return 3;
	}
	if ((rc = akt_load(&a, o->akt, NULL, &e)) < 0 || (rc = eval_ctx_new(&ev, cl, ref, &e)) < 0) {
		print_err(&e);
		akt_free(a);
		checklist_free(cl);
		return audit_err_exit_status(rc);
	}
	eval_ctx_set_trace(ev, print_trace, NULL);
	rc = eval_criterion(ev, a, idx, &v, &e);
	if (rc < 0) {
		print_err(&e);
		status = audit_err_exit_status(rc);
	} else {
		printf("bedömning: %s\n", verdict_label(v.value));
		if (v.message)
			printf("meddelande: %s\n", v.message);
		for (size_t k = 0; k < v.n_evidence; k++) {
			const evidence *x = &v.evidence[k];
			printf("belägg %zu: %s%s%s%s%s%s%s\n", k + 1,
			       x->found ? "finns" : "saknas",
			       x->item ? " · " : "", x->item ? x->item : "",
			       x->kind ? " · " : "", x->kind ? x->kind : "",
			       x->location ? " · " : "", x->location ? x->location : "");
			if (x->sought)
				printf("  söktes: %s\n", x->sought);
			if (x->date)
				printf("  datum: %s\n", x->date);
			if (x->quote && o->verbose)
				printf("  citat: %s\n", x->quote);
		}
		eval_verdict_clear(&v);
	}
	eval_ctx_free(ev);
	akt_free(a);
	checklist_free(cl);
	return status;
}

/* ------------------------------------------------------------ generate */

int parse_long(const char *s, const char *what, long long *v)
{
	char *end;

	errno = 0;
	*v = s ? strtoll(s, &end, 10) : 0;
	if (s == NULL || errno || *end || end == s || *v < 0) {
		fprintf(stderr, "audit: %s needs a whole number\n", what);
		return 2;
	}
	return 0;
}

static int cmd_generate(opts *o)
{
	long long units, akter, seed;
	generate_opts g;
	audit_err e;
	int rc;

	if (o->out == NULL)
		return usage_error("%s", "generate needs -o DIR");
	if (parse_long(o->units ? o->units : "3", "--units", &units) ||
	    parse_long(o->akter ? o->akter : "72", "--akter", &akter) ||
	    parse_long(o->seed ? o->seed : "1", "--seed", &seed))
		return 2;
	if (units < 1 || units > 999)
		return usage_error("%s", "--units must be between 1 and 999");
	memset(&g, 0, sizeof(g));
	g.units = (int)units;
	g.akter = (long)akter;
	g.seed = (uint64_t)seed;
	g.out_dir = o->out;
	g.anchor_date = o->date;
	g.expect_path = o->expect;
	g.quiet = o->quiet;
	if ((rc = generate_run(&g, &e)) < 0) {
		print_err(&e);
		return audit_err_exit_status(rc);
	}
	return 0;
}

/* ------------------------------------------------------------ main */

int cli_main(int argc, char **argv)
{
	opts o;
	const char *cmd;
	int status;
	audit_err e;

	memset(&o, 0, sizeof(o));
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(help_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("audit %s\n", AUDIT_VERSION);
		return 0;
	}
	cmd = argv[1];
	/* convert parses its own options (convert.h) */
	if (strcmp(cmd, "convert") == 0)
		return cli_convert(argc - 1, argv + 1);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(help_text, stdout);
			return 0;
		}
	if ((status = parse_opts(&o, argc - 2, argv + 2)) != 0) {
		free(o.args);
		return status;
	}
	xmlsafe_set_verbose(o.verbose);
	/* commands that stop cleanly on SIGINT/SIGTERM take the signals from
	 * the start, so one that arrives while they load is not a hard kill */
	if (strcmp(cmd, "run") == 0 || strcmp(cmd, "report") == 0 || strcmp(cmd, "sample") == 0)
		cli_catch_signals();
	if (xmlsafe_global_init(&e) < 0) {
		print_err(&e);
		free(o.args);
		return 4;
	}
	if (strcmp(cmd, "validate") == 0)
		status = cmd_validate(&o);
	else if (strcmp(cmd, "run") == 0)
		status = cmd_run(&o);
	else if (strcmp(cmd, "report") == 0)
		status = cmd_report(&o);
	else if (strcmp(cmd, "export") == 0)
		status = cmd_export(&o);
	else if (strcmp(cmd, "rules") == 0)
		status = cmd_rules(&o);
	else if (strcmp(cmd, "explain") == 0)
		status = cmd_explain(&o);
	else if (strcmp(cmd, "generate") == 0)
		status = cmd_generate(&o);
	else if (strcmp(cmd, "sample") == 0)
		status = cmd_sample(&o);
	else if (strcmp(cmd, "review") == 0)
		status = cmd_review(&o);
	else if (strcmp(cmd, "history") == 0)
		status = cmd_history(&o);
	else
		status = usage_error("unknown command \"%s\"", cmd);
	xmlsafe_global_cleanup();
	free(o.args);
	return status;
}
