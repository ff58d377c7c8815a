/* runner.c - see runner.h.
 *
 * Work is handed out by index: a worker takes the next file index i once
 * slot i % n_slots is free, evaluates it into that slot and marks it ready;
 * the calling thread waits for slot i, stores it, frees it and moves on.
 * One mutex and two condition variables guard the index and the slots.
 */
#define _POSIX_C_SOURCE 200809L
#include "runner.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "akt.h"
#include "eval.h"
#include "xmlsafe.h"

#define SLOTS_PER_THREAD 4

typedef struct slot {
	int ready;
	int rc;            /* AUDIT_OK or why the file failed */
	int changed;       /* hash differs from the sampled one (accepted) */
	akt *a;
	eval_result res;
	audit_err e;
} slot;

typedef struct shared {
	pthread_mutex_t mu;
	pthread_cond_t slot_ready;  /* a worker filled a slot */
	pthread_cond_t slot_free;   /* the writer emptied a slot */
	const checklist *cl;
	long ref;
	const runner_file *files;
	size_t n, next, written;
	slot *slots;
	size_t n_slots;
	int accept_changed;
	int abort;                  /* the writer stopped: workers quit */
} shared;

static void evaluate(shared *sh, eval_ctx *ev, size_t i, slot *sl)
{
	const runner_file *f = &sh->files[i];

	memset(sl, 0, sizeof(*sl));
	if (ev == NULL) {
		sl->rc = audit_err_set(&sl->e, AUDIT_ENOMEM, f->path, 0, 0,
				       "out of memory for an evaluation context");
		return;
	}
	sl->rc = akt_load(&sl->a, f->path, NULL, &sl->e);
	if (sl->rc == AUDIT_OK && f->expect_hash && strcmp(sl->a->hash, f->expect_hash) != 0) {
		if (!sh->accept_changed) {
			sl->rc = audit_err_set(&sl->e, AUDIT_EINPUT, f->path, 0, 0,
					       "akt %s has changed since it was sampled "
					       "(sha256 %.12s…, was %.12s…); check why, or run with "
					       "--accept-changed to audit it as it is now",
					       sl->a->id, sl->a->hash, f->expect_hash);
			return;
		}
		sl->changed = 1;
	}
	if (sl->rc == AUDIT_OK)
		sl->rc = eval_akt(ev, sl->a, &sl->res, &sl->e);
}

static void *worker(void *arg)
{
	shared *sh = arg;
	eval_ctx *ev = NULL;
	audit_err e;

	xmlsafe_thread_init();
	if (eval_ctx_new(&ev, sh->cl, sh->ref, &e) < 0)
		ev = NULL;
	pthread_mutex_lock(&sh->mu);
	for (;;) {
		size_t i;
		slot tmp;

		while (!sh->abort && sh->next < sh->n && sh->next - sh->written >= sh->n_slots)
			pthread_cond_wait(&sh->slot_free, &sh->mu);
		if (sh->abort || sh->next >= sh->n)
			break;
		i = sh->next++;
		pthread_mutex_unlock(&sh->mu);
		evaluate(sh, ev, i, &tmp);
		pthread_mutex_lock(&sh->mu);
		sh->slots[i % sh->n_slots] = tmp;
		sh->slots[i % sh->n_slots].ready = 1;
		pthread_cond_broadcast(&sh->slot_ready);
	}
	pthread_mutex_unlock(&sh->mu);
	eval_ctx_free(ev);
	return NULL;
}

static void slot_clear(slot *sl)
{
	eval_result_free(&sl->res);
	akt_free(sl->a);
	memset(sl, 0, sizeof(*sl));
}

/* Stores one evaluated file.  Returns AUDIT_OK or the store's error. */
static int store_slot(store *s, long long run_id, const runner_file *f, slot *sl,
		      const runner_opts *o, runner_stats *st, audit_err *e)
{
	store_akt_new an;
	store_verdict_new *vs = NULL;
	int rc;

	memset(&an, 0, sizeof(an));
	if (sl->rc < 0) {
		if (o->on_skip)
			o->on_skip(o->ud, f->path, &sl->e);
		an.source_path = f->path;
		an.source_format = sl->a ? sl->a->format : "okänt";
		an.akt_id = sl->a ? sl->a->id : NULL;
		an.unit_id = sl->a ? sl->a->unit_id : NULL;
		an.content_hash = sl->a ? sl->a->hash : NULL;
		an.error = sl->e.msg;
	} else {
		vs = calloc(sl->res.n ? sl->res.n : 1, sizeof(*vs));
		if (vs == NULL)
			return audit_err_set(e, AUDIT_ENOMEM, f->path, 0, 0, "out of memory");
		for (size_t k = 0; k < sl->res.n; k++) {
			const eval_verdict *v = &sl->res.v[k];
			vs[k].criterion_id = v->rule->id;
			vs[k].value = v->value;
			vs[k].message = v->message;
			vs[k].items_total = v->items_total;
			vs[k].items_met = v->items_met;
			vs[k].evidence = v->evidence;
			vs[k].n_evidence = v->n_evidence;
		}
		an.akt_id = sl->a->id;
		an.unit_id = sl->a->unit_id;
		an.unit_name = sl->a->unit_name;
		an.handlaggare_id = sl->a->handlaggare_id;
		an.handlaggare_name = sl->a->handlaggare_name;
		an.source_path = sl->a->path;
		an.source_format = sl->a->format;
		an.content_hash = sl->a->hash;
		an.verdicts = vs;
		an.n_verdicts = sl->res.n;
		if (sl->changed && o->on_skip) {
			audit_err w;
			audit_err_set(&w, AUDIT_OK, f->path, 0, 0,
				      "akt %s has changed since it was sampled; audited as it is "
				      "now (--accept-changed)", sl->a->id);
			o->on_skip(o->ud, f->path, &w);
		}
	}
	rc = store_run_add_akt(s, run_id, &an, e);
	free(vs);
	if (rc == AUDIT_EINPUT) {
		/* e.g. the same akt id twice: stored as a failed file instead */
		if (o->on_skip)
			o->on_skip(o->ud, f->path, e);
		memset(&an, 0, sizeof(an));
		an.source_path = f->path;
		an.source_format = sl->a ? sl->a->format : "okänt";
		an.error = e->msg;
		rc = store_run_add_akt(s, run_id, &an, e);
		if (rc == AUDIT_OK)
			st->n_failed++;
		return rc;
	}
	if (rc == AUDIT_OK) {
		if (sl->rc < 0) {
			st->n_failed++;
		} else {
			st->n_ok++;
			st->n_changed += (size_t)sl->changed;
		}
	}
	return rc;
}

int runner_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > RUNNER_MAX_THREADS ? RUNNER_MAX_THREADS : (int)n;
}

int runner_run(store *s, long long run_id, const checklist *cl, long ref,
	       const runner_file *files, size_t n, const runner_opts *o,
	       runner_stats *st, audit_err *e)
{
	shared sh;
	pthread_t tid[RUNNER_MAX_THREADS];
	int n_threads = o->threads < 1 ? 1 : o->threads > RUNNER_MAX_THREADS ? RUNNER_MAX_THREADS
									       : o->threads;
	int started = 0, rc = AUDIT_OK;
	size_t i;

	memset(st, 0, sizeof(*st));
	if (n == 0)
		return AUDIT_OK;
	if ((size_t)n_threads > n)
		n_threads = (int)n;
	memset(&sh, 0, sizeof(sh));
	sh.cl = cl;
	sh.ref = ref;
	sh.files = files;
	sh.n = n;
	sh.accept_changed = o->accept_changed;
	sh.n_slots = (size_t)n_threads * SLOTS_PER_THREAD;
	sh.slots = calloc(sh.n_slots, sizeof(*sh.slots));
	if (sh.slots == NULL)
		return audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
	pthread_mutex_init(&sh.mu, NULL);
	pthread_cond_init(&sh.slot_ready, NULL);
	pthread_cond_init(&sh.slot_free, NULL);
	for (; started < n_threads; started++)
		if (pthread_create(&tid[started], NULL, worker, &sh) != 0)
			break;
	if (started == 0) {
		rc = audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "cannot start a worker thread");
		goto out;
	}
	for (i = 0; i < n; i++) {
		slot *sl = &sh.slots[i % sh.n_slots];

		if (o->stop && *o->stop) {
			st->stopped = 1;
			break;
		}
		pthread_mutex_lock(&sh.mu);
		while (!sl->ready)
			pthread_cond_wait(&sh.slot_ready, &sh.mu);
		pthread_mutex_unlock(&sh.mu);
		rc = store_slot(s, run_id, &files[i], sl, o, st, e);
		pthread_mutex_lock(&sh.mu);
		slot_clear(sl);
		sh.written = i + 1;
		pthread_cond_broadcast(&sh.slot_free);
		pthread_mutex_unlock(&sh.mu);
		if (rc < 0)
			break;
		if (o->on_progress)
			o->on_progress(o->ud, i + 1, n);
	}
	pthread_mutex_lock(&sh.mu);
	sh.abort = 1;
	pthread_cond_broadcast(&sh.slot_free);
	pthread_mutex_unlock(&sh.mu);
out:
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (i = 0; i < sh.n_slots; i++)
		slot_clear(&sh.slots[i]);
	free(sh.slots);
	pthread_cond_destroy(&sh.slot_free);
	pthread_cond_destroy(&sh.slot_ready);
	pthread_mutex_destroy(&sh.mu);
	return rc;
}
