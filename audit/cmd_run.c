/* cmd_run.c - `audit run`: evaluate a checklist on akter (files, folders or
 * a stored sample) and store the run. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "paths.h"
#include "progress.h"
#include "runner.h"

typedef struct run_ui {
	const opts *o;
	progress pg;
} run_ui;

static void on_skip(void *ud, const char *path, const audit_err *why)
{
	run_ui *ui = ud;
	char buf[2048];

	(void)path;
	if (ui->o->quiet)
		return;
	progress_end(&ui->pg);
	if (why->code == AUDIT_OK)
		fprintf(stderr, "audit: warning: %s\n", audit_err_str(why, buf, sizeof(buf)));
	else
		fprintf(stderr, "audit: skipped %s\n", audit_err_str(why, buf, sizeof(buf)));
}

static void on_progress(void *ud, size_t done, size_t total)
{
	run_ui *ui = ud;

	(void)total;
	progress_update(&ui->pg, done);
}

/* The files of the run.  With --sample: the sample's members in *files
 * (frame and files owned by the caller).  Otherwise *files is NULL and *n
 * the number of akt files under the paths given (default: the bundled
 * samples), counted in one walk; the run streams them in a second. */
static int collect(opts *o, store *s, long long *sample_id, store_sample **smp,
		   store_frame_row **frame, size_t *n_frame,
		   runner_file **files, size_t *n)
{
	audit_err e;
	int rc;

	*n = 0;
	if (o->sample) {
		if (o->n_args > 0)
			return usage_error("%s", "give either --sample or files, not both");
		if ((rc = store_resolve_sample(s, o->sample, sample_id, &e)) < 0 ||
		    (rc = store_get_sample(s, *sample_id, smp, &e)) < 0 ||
		    (rc = store_get_sample_frame(s, *sample_id, 1, frame, n_frame, &e)) < 0) {
			print_err(&e);
			return audit_err_exit_status(rc);
		}
		*files = calloc(*n_frame ? *n_frame : 1, sizeof(**files));
		if (*files == NULL)
			return 4;
		for (size_t i = 0; i < *n_frame; i++) {
			(*files)[i].path = (*frame)[i].source_path;
			(*files)[i].expect_hash = (*frame)[i].content_hash;
		}
		*n = *n_frame;
		return 0;
	}
	/* files and folders: counted in one walk, streamed to the runner in a
	 * second, so no list of every path is kept (memory stays flat) */
	{
		const char *def = default_samples();
		const char *const *roots = o->n_args ? o->args : &def;
		size_t n_roots = o->n_args ? (size_t)o->n_args : 1;
		path_iter *it = NULL;
		char *p = NULL;

		if (paths_iter_new(&it, roots, n_roots, &e) < 0) {
			print_err(&e);
			return 4;
		}
		while ((rc = paths_iter_next(it, &p, &e)) == 1) {
			free(p);
			(*n)++;
		}
		paths_iter_free(it);
		if (rc < 0) {
			print_err(&e);
			return audit_err_exit_status(rc);
		}
		*files = NULL;
		return 0;
	}
}

static int next_path(void *ud, char **path, audit_err *e)
{
	return paths_iter_next(ud, path, e);
}

static void describe_sample(const store_sample *m, abuf *b)
{
	if (strcmp(m->method, "stratified") == 0)
		abuf_printf(b, "stratifierat slumpmässigt urval (efter %s)",
			    m->stratify_by && strcmp(m->stratify_by, "barn") == 0
				    ? "hushåll med och utan barn" : "handläggare");
	else
		abuf_puts(b, "obundet slumpmässigt urval");
	abuf_printf(b, " av %d akter ur en population om %d", m->size, m->frame_size);
	if (m->unit_id)
		abuf_printf(b, " (enhet %s", m->unit_id);
	if (m->active_from || m->active_to)
		abuf_printf(b, "%särenden aktiva %s–%s", m->unit_id ? ", " : " (",
			    m->active_from ? m->active_from : "", m->active_to ? m->active_to : "");
	if (m->unit_id || m->active_from || m->active_to)
		abuf_puts(b, ")");
	abuf_printf(b, ", urval nr %lld, frö %lld", m->id, m->seed);
}

int cmd_run(opts *o)
{
	checklist *cl = NULL;
	store *s = NULL;
	store_sample *smp = NULL;
	store_frame_row *frame = NULL;
	size_t n_frame = 0, n_files = 0;
	runner_file *files = NULL;
	runner_stats st;
	run_ui ui;
	audit_err e;
	long ref;
	long long run_id = 0, sample_id = 0, threads = 0;
	int today = 0, status = 0, rc;
	abuf params = ABUF_INIT, basis = ABUF_INIT, method = ABUF_INIT;
	char ref_str[11];
	store_criterion_new *crit = NULL;
	abuf *refs = NULL;

	memset(&ui, 0, sizeof(ui));
	ui.o = o;
	if (o->threads) {
		if ((status = parse_long(o->threads, "--threads", &threads)) != 0)
			return status;
		if (threads < 1 || threads > RUNNER_MAX_THREADS)
			return usage_error("--threads must be between 1 and %d", RUNNER_MAX_THREADS);
	} else {
		threads = runner_default_threads();
	}
	if (o->date) {
		if ((status = parse_date(o->date, &ref)) != 0)
			return status;
	} else {
		ref = util_today();
		today = 1;
	}
	util_date_format(ref, ref_str);
	if ((status = load_checklist(o, &cl)) != 0)
		return status;
	if ((rc = store_open(&s, o->db, &e)) < 0) {
		print_err(&e);
		status = audit_err_exit_status(rc);
		goto out;
	}
	if ((status = collect(o, s, &sample_id, &smp, &frame, &n_frame, &files,
			      &n_files)) != 0)
		goto out;
	if (n_files == 0) {
		fprintf(stderr, "audit: %s\n", o->sample ? "the sample has no akter"
							  : "no akt files (*.xml) found");
		status = 3;
		goto out;
	}
	if (cli_stop) {
		fprintf(stderr, "audit: stopped by a signal before the run began; nothing was "
			"stored\n");
		status = 130;
		goto out;
	}
	fill_params(cl, &params);
	fill_basis(cl, ref, &basis);
	if (smp)
		describe_sample(smp, &method);
	else
		abuf_puts(&method, "samtliga akter i underlaget");
	{
		store_run_new rn = { cl->id, cl->name, cl->version, cl->hash, abuf_str(&basis),
				     ref_str, today, abuf_str(&params), AUDIT_VERSION,
				     abuf_str(&method), smp ? smp->seed : 0, sample_id };
		if ((rc = store_run_begin(s, &rn, &run_id, &e)) < 0) {
			print_err(&e);
			status = audit_err_exit_status(rc);
			goto out;
		}
	}
	crit = calloc(cl->n_items, sizeof(*crit));
	refs = calloc(cl->n_items, sizeof(*refs));
	if (crit == NULL || refs == NULL) {
		status = 4;
		goto out;
	}
	for (size_t i = 0; i < cl->n_items; i++) {
		const rule *r = cl->items[i].rule;
		rule_refs_on(r, ref, &refs[i]);
		crit[i].id = r->id;
		crit[i].title = r->title;
		crit[i].area = r->area;
		crit[i].section = cl->items[i].section_title;
		crit[i].legal_refs = abuf_str(&refs[i]);
		crit[i].position = (int)i + 1;
		crit[i].weight = cl->items[i].weight;
		crit[i].has_section_weight = cl->items[i].section_weight >= 0;
		crit[i].section_weight = cl->items[i].section_weight;
	}
	if ((rc = store_run_add_criteria(s, run_id, crit, cl->n_items, &e)) < 0) {
		print_err(&e);
		status = audit_err_exit_status(rc);
		goto out;
	}

	cli_catch_signals();
	progress_start(&ui.pg, "akter", n_files, !o->quiet);
	{
		runner_opts ro;
		path_iter *it = NULL;

		memset(&ro, 0, sizeof(ro));
		ro.threads = (int)threads;
		ro.accept_changed = o->accept_changed;
		ro.stop = &cli_stop;
		ro.on_skip = on_skip;
		ro.on_progress = on_progress;
		ro.ud = &ui;
		if (files == NULL) {
			const char *def = default_samples();
			rc = paths_iter_new(&it, o->n_args ? o->args : &def,
					    o->n_args ? (size_t)o->n_args : 1, &e);
			ro.next_path = next_path;
			ro.next_ud = it;
		} else {
			rc = AUDIT_OK;
		}
		if (rc == AUDIT_OK)
			rc = runner_run(s, run_id, cl, ref, files, n_files, &ro, &st, &e);
		paths_iter_free(it);
	}
	progress_end(&ui.pg);
	if (rc < 0) {
		print_err(&e);
		store_run_finish(s, run_id, 0, NULL);
		fprintf(stderr, "audit: run %lld is kept as incomplete\n", run_id);
		status = audit_err_exit_status(rc);
		goto out;
	}
	if (st.stopped || cli_stop) {
		store_run_finish(s, run_id, 0, &e);
		fprintf(stderr, "audit: stopped by a signal after %zu of %zu akter; run %lld is "
			"kept as incomplete (reports refuse it unless --allow-incomplete)\n",
			st.n_ok + st.n_failed, n_files, run_id);
		status = 130;
		goto out;
	}
	if ((rc = store_run_finish(s, run_id, 1, &e)) < 0) {
		print_err(&e);
		status = audit_err_exit_status(rc);
		goto out;
	}
	printf("%lld\n", run_id);
	if (!o->quiet)
		fprintf(stderr, "run %lld: %zu akter evaluated, %zu file%s could not be imported, "
			"reference date %s%s, checklist %s %s%s\n",
			run_id, st.n_ok, st.n_failed, st.n_failed == 1 ? "" : "s", ref_str,
			today ? " (today)" : "", cl->id, cl->version,
			smp ? ", sample" : "");
	if (!o->quiet && st.n_warned)
		fprintf(stderr, "audit: %zu akt%s read from archival exports with import warnings "
			"(stored with the run; `audit validate FILE` lists them)\n", st.n_warned,
			st.n_warned == 1 ? "" : "er");
	if (o->strict && st.n_failed)
		status = 1;
out:
	if (refs)
		for (size_t i = 0; i < cl->n_items; i++)
			abuf_free(&refs[i]);
	free(refs);
	free(crit);
	free(files);
	abuf_free(&params);
	abuf_free(&basis);
	abuf_free(&method);
	store_frame_free(frame, n_frame);
	store_sample_free(smp);
	store_close(s);
	checklist_free(cl);
	return status;
}
