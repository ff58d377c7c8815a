/* runner.c - see runner.h.
 *
 * Work is handed out by index: a worker takes the next file index i once
 * slot i % n_slots is free, evaluates it into that slot and marks it ready;
 * the calling thread waits for slot i, stores it, frees it and moves on.
 * One mutex and two condition variables guard the index and the slots.
 *
 * The writer is the one thread that cannot be parallel, so the workers do
 * all they can for it: each puts what the store needs of a file (the akt's
 * fields, the verdicts with their messages and their evidence already
 * packed by store_pack_evidence) into one allocation, and frees the
 * document and the evaluation result itself.  The writer then only binds
 * and steps statements and frees one block per akt; the rest of the
 * memory is freed in the thread that allocated it (freeing a worker's
 * documents in the writer made the threads contend for malloc's arenas).
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

/* Evaluated akter that may wait to be written, per worker: enough to keep
 * the workers busy while the writer waits for the disk (a checkpoint's
 * fsync takes tens of milliseconds); each is a few kilobytes. */
#define SLOTS_PER_THREAD 128

/* The writer, once it has caught up, sleeps until this many more akter are
 * ready (or the last one): one wake-up per batch, not per akt (a wake-up
 * costs an interrupt between the cores, dear in a virtual machine). */
#define WAKE_BATCH 16
#define NO_WAIT ((size_t)-1)

/* What the writer stores for one file, in one allocation: an's strings and
 * v (an.verdicts) point into the block itself; criterion ids point into
 * the checklist, which outlives the run. */
typedef struct prepared {
	struct prepared *next;  /* the next akt of the same file (archival exports) */
	store_akt_new an;
	store_verdict_new v[];
} prepared;

typedef struct slot {
	int ready;
	int rc;            /* AUDIT_OK or why the file failed */
	int changed;       /* hash differs from the sampled one (accepted) */
	prepared *p;       /* NULL only when out of memory (rc says so) */
	audit_err e;
	runner_file file;  /* the file this slot holds */
	char *owned_path;  /* file.path when it came from opts.next_path (freed here) */
} slot;

typedef struct shared {
	pthread_mutex_t mu;
	pthread_cond_t slot_ready;  /* a worker filled slot writer_wait */
	pthread_cond_t slot_free;   /* the writer emptied a slot */
	size_t writer_wait;         /* the index the writer sleeps for, or NO_WAIT */
	int workers_waiting;        /* workers sleeping for a free slot */
	const checklist *cl;
	long ref;
	const runner_file *files;   /* or NULL: the files come from next_path */
	int (*next_path)(void *ud, char **path, audit_err *e);
	void *next_ud;
	size_t n, next, written;
	slot *slots;
	size_t n_slots;
	int accept_changed;
	int abort;                  /* the writer stopped: workers quit */
} shared;

/* A worker's scratch space for packing evidence, kept between akter. */
typedef struct scratch {
	char *buf;          /* the packed evidence of the verdicts, one after another */
	size_t cap;
	size_t *off;        /* where verdict k's text starts in buf; off[n] its end */
	size_t off_cap;
} scratch;

static void scratch_free(scratch *sc)
{
	free(sc->buf);
	free(sc->off);
}

/* Packs the evidence of every verdict of res into sc (with a NUL after
 * each). */
static int pack_all(scratch *sc, const eval_result *res)
{
	size_t pos = 0;

	if (res->n + 1 > sc->off_cap) {
		size_t *o = realloc(sc->off, (res->n + 1) * sizeof(*o));
		if (o == NULL)
			return -1;
		sc->off = o;
		sc->off_cap = res->n + 1;
	}
	for (size_t k = 0; k < res->n; k++) {
		const eval_verdict *v = &res->v[k];
		size_t len;

		sc->off[k] = pos;
		len = store_pack_evidence(v->evidence, v->n_evidence, sc->buf ? sc->buf + pos : NULL,
					  sc->cap - pos);
		if (pos + len + 1 > sc->cap) {
			size_t nc = 2 * sc->cap > pos + len + 1 ? 2 * sc->cap : pos + len + 4096;
			char *b = realloc(sc->buf, nc);
			if (b == NULL)
				return -1;
			sc->buf = b;
			sc->cap = nc;
			store_pack_evidence(v->evidence, v->n_evidence, sc->buf + pos, sc->cap - pos);
		}
		pos += len + 1;
	}
	sc->off[res->n] = pos;
	return 0;
}

/* Sizes (copy == 0) or copies (copy == 1) a string into the block at *pos;
 * returns the copy. */
static const char *put_str(char *base, size_t *pos, const char *str, int copy)
{
	size_t n;
	char *dst;

	if (str == NULL)
		return NULL;
	n = strlen(str) + 1;
	dst = base + *pos;
	*pos += n;
	if (!copy)
		return NULL;
	memcpy(dst, str, n);
	return dst;
}

/* Builds *out from the loaded akt a (may be NULL) and the result res
 * (NULL when the file failed): the first pass only sizes. */
static int prepare(slot *sl, const runner_file *f, const akt *a, const eval_result *res,
		   scratch *sc, prepared **out)
{
	size_t nv = res ? res->n : 0, head, pos, packed = 0;
	char *base = NULL;
	prepared *p = NULL;
	abuf warn = ABUF_INIT;

	*out = NULL;
	for (size_t k = 0; a && k < a->n_warnings; k++)
		if (abuf_printf(&warn, "%s%s", k ? "\n" : "", a->warnings[k]) < 0) {
			abuf_free(&warn);
			return -1;
		}

	if (res) {
		if (pack_all(sc, res) != 0)
			return -1;
		packed = sc->off[nv];
	}
	head = sizeof(prepared) + nv * sizeof(store_verdict_new);
	for (int copy = 0; copy < 2; copy++) {
		store_akt_new an;

		pos = head;
		memset(&an, 0, sizeof(an));
		if (res) {
			an.akt_id = put_str(base, &pos, a->id, copy);
			an.unit_id = put_str(base, &pos, a->unit_id, copy);
			an.unit_name = put_str(base, &pos, a->unit_name, copy);
			an.handlaggare_id = put_str(base, &pos, a->handlaggare_id, copy);
			an.handlaggare_name = put_str(base, &pos, a->handlaggare_name, copy);
			an.source_path = put_str(base, &pos, a->path, copy);
			an.source_format = put_str(base, &pos, a->format, copy);
			an.content_hash = put_str(base, &pos, a->hash, copy);
			an.warnings = warn.len ? put_str(base, &pos, abuf_str(&warn), copy) : NULL;
		} else {
			an.source_path = put_str(base, &pos, f->path, copy);
			an.source_format = put_str(base, &pos, a ? a->format : "okänt", copy);
			an.akt_id = put_str(base, &pos, a ? a->id : NULL, copy);
			an.unit_id = put_str(base, &pos, a ? a->unit_id : NULL, copy);
			an.content_hash = put_str(base, &pos, a ? a->hash : NULL, copy);
			an.error = put_str(base, &pos, sl->e.msg, copy);
		}
		for (size_t k = 0; k < nv; k++) {
			const eval_verdict *v = &res->v[k];
			const char *msg = put_str(base, &pos, v->message, copy);

			if (copy) {
				store_verdict_new *o = &p->v[k];

				memset(o, 0, sizeof(*o));
				o->criterion_id = v->rule->id;
				o->value = v->value;
				o->message = msg;
				o->items_total = v->items_total;
				o->items_met = v->items_met;
			}
		}
		/* the packed evidence goes last, in one piece */
		if (copy && nv) {
			memcpy(base + pos, sc->buf, packed);
			for (size_t k = 0; k < nv; k++)
				p->v[k].evidence_packed = base + pos + sc->off[k];
		}
		pos += packed;
		if (!copy) {
			if ((base = malloc(pos)) == NULL) {
				abuf_free(&warn);
				return -1;
			}
			p = (prepared *)(void *)base;
			p->next = NULL;
		} else {
			an.verdicts = p->v;
			an.n_verdicts = nv;
			p->an = an;
		}
	}
	abuf_free(&warn);
	*out = p;
	return 0;
}

/* One file's work for akt_load_each: each akt in it is evaluated and
 * prepared, in the file's order. */
typedef struct file_job {
	shared *sh;
	eval_ctx *ev;
	scratch *sc;
	const runner_file *f;
	slot *sl;
	prepared **tail;
} file_job;

static int evaluate_one(void *ud, akt *a)
{
	file_job *j = ud;
	slot *sl = j->sl;
	eval_result res = { NULL, 0 };
	prepared *p = NULL;
	int rc = AUDIT_OK;

	if (j->f->expect_hash && strcmp(a->hash, j->f->expect_hash) != 0) {
		if (!j->sh->accept_changed)
			rc = audit_err_set(&sl->e, AUDIT_EINPUT, j->f->path, 0, 0,
					   "akt %s has changed since it was sampled "
					   "(sha256 %.12s…, was %.12s…); check why, or run with "
					   "--accept-changed to audit it as it is now",
					   a->id, a->hash, j->f->expect_hash);
		else
			sl->changed = 1;
	}
	if (rc == AUDIT_OK)
		rc = eval_akt(j->ev, a, &res, &sl->e);
	if (rc == AUDIT_OK && prepare(sl, j->f, a, &res, j->sc, &p) != 0)
		rc = audit_err_set(&sl->e, AUDIT_ENOMEM, j->f->path, 0, 0, "out of memory");
	eval_result_free(&res);
	/* on failure: a record of it, with the akt's id and format */
	if (rc < 0 && prepare(sl, j->f, a, NULL, j->sc, &p) != 0)
		p = NULL;
	if (p) {
		*j->tail = p;
		j->tail = &p->next;
	}
	akt_free(a);
	return rc;
}

static void list_free(prepared *p)
{
	while (p) {
		prepared *next = p->next;
		free(p);
		p = next;
	}
}

/* Reads, validates and evaluates file i (every akt in it) into sl, then
 * keeps only what the writer needs (sl->p, a list) and frees the rest. */
static void evaluate(shared *sh, eval_ctx *ev, scratch *sc, const runner_file *f, slot *sl)
{
	file_job j;

	memset(sl, 0, sizeof(*sl));
	if (ev == NULL) {
		sl->rc = audit_err_set(&sl->e, AUDIT_ENOMEM, f->path, 0, 0,
				       "out of memory for an evaluation context");
	} else {
		j.sh = sh;
		j.ev = ev;
		j.sc = sc;
		j.f = f;
		j.sl = sl;
		j.tail = &sl->p;
		sl->rc = akt_load_each(f->path, NULL, evaluate_one, &j, &sl->e);
	}
	if (sl->rc < 0) {
		/* the akter before the failure are kept; the failure has its own
		 * record (made by evaluate_one), or the file as a whole failed */
		prepared *last = NULL, *rec = NULL;
		for (prepared *q = sl->p; q; q = q->next)
			last = q;
		if (last == NULL || last->an.error == NULL) {
			if (prepare(sl, f, NULL, NULL, sc, &rec) == 0 && rec) {
				if (last)
					last->next = rec;
				else
					sl->p = rec;
			}
		}
		sl->changed = 0;
	}
}

static void *worker(void *arg)
{
	shared *sh = arg;
	eval_ctx *ev = NULL;
	scratch sc = { NULL, 0, NULL, 0 };
	audit_err e;

	xmlsafe_thread_init();
	if (eval_ctx_new(&ev, sh->cl, sh->ref, &e) < 0)
		ev = NULL;
	pthread_mutex_lock(&sh->mu);
	for (;;) {
		size_t i;
		slot tmp;

		while (!sh->abort && sh->next < sh->n && sh->next - sh->written >= sh->n_slots) {
			sh->workers_waiting++;
			pthread_cond_wait(&sh->slot_free, &sh->mu);
			sh->workers_waiting--;
		}
		if (sh->abort || sh->next >= sh->n)
			break;
		i = sh->next++;
		{
			/* the file of index i; from the stream, in order, under the lock */
			runner_file cur = { NULL, NULL };
			char *owned = NULL;
			audit_err src_e;
			int src = 1;

			if (sh->files) {
				cur = sh->files[i];
			} else {
				audit_err_clear(&src_e);
				src = sh->next_path(sh->next_ud, &owned, &src_e);
				if (src == 0)
					audit_err_set(&src_e, AUDIT_EINPUT, NULL, 0, 0,
						      "the folders changed while they were read: "
						      "fewer akt files than counted; run again");
				cur.path = owned ? owned : "?";
			}
			pthread_mutex_unlock(&sh->mu);
			if (src > 0) {
				evaluate(sh, ev, &sc, &cur, &tmp);
			} else {
				memset(&tmp, 0, sizeof(tmp));
				tmp.rc = src_e.code ? src_e.code : AUDIT_EINPUT;
				tmp.e = src_e;
			}
			tmp.file = cur;
			tmp.owned_path = owned;
		}
		pthread_mutex_lock(&sh->mu);
		sh->slots[i % sh->n_slots] = tmp;
		sh->slots[i % sh->n_slots].ready = 1;
		if (sh->writer_wait == i)
			pthread_cond_signal(&sh->slot_ready);
	}
	pthread_mutex_unlock(&sh->mu);
	eval_ctx_free(ev);
	scratch_free(&sc);
	return NULL;
}

static void slot_clear(slot *sl)
{
	list_free(sl->p);
	free(sl->owned_path);
	memset(sl, 0, sizeof(*sl));
}

/* Stores one evaluated file.  Returns AUDIT_OK or the store's error. */
static int store_one(store *s, long long run_id, const runner_file *f, slot *sl,
		     store_akt_new *an, const runner_opts *o, runner_stats *st, audit_err *e)
{
	int rc;

	if (an->error) {
		if (o->on_skip)
			o->on_skip(o->ud, f->path, &sl->e);
	} else if (sl->changed && o->on_skip) {
		audit_err w;
		audit_err_set(&w, AUDIT_OK, f->path, 0, 0,
			      "akt %s has changed since it was sampled; audited as it is "
			      "now (--accept-changed)", an->akt_id);
		o->on_skip(o->ud, f->path, &w);
	}
	if (an->warnings)
		st->n_warned++;
	rc = store_run_add_akt(s, run_id, an, e);
	if (rc == AUDIT_EINPUT) {
		/* e.g. the same akt id twice: stored as a failed file instead */
		const char *format = an->source_format;
		store_akt_new fail;

		if (o->on_skip)
			o->on_skip(o->ud, f->path, e);
		memset(&fail, 0, sizeof(fail));
		fail.source_path = f->path;
		fail.source_format = format ? format : "okänt";
		fail.error = e->msg;
		rc = store_run_add_akt(s, run_id, &fail, e);
		if (rc == AUDIT_OK)
			st->n_failed++;
		return rc;
	}
	if (rc == AUDIT_OK) {
		if (an->error) {
			st->n_failed++;
		} else {
			st->n_ok++;
			st->n_changed += (size_t)sl->changed;
		}
	}
	return rc;
}

/* Stores what one file gave: each akt in it, or why it failed.  Returns
 * AUDIT_OK or the store's error. */
static int store_slot(store *s, long long run_id, const runner_file *f, slot *sl,
		      const runner_opts *o, runner_stats *st, audit_err *e)
{
	store_akt_new an;
	int rc = AUDIT_OK;

	if (sl->p == NULL) {
		/* out of memory in the worker: stored as a failed file */
		memset(&an, 0, sizeof(an));
		an.source_path = f->path;
		an.source_format = "okänt";
		an.error = sl->e.msg;
		return store_one(s, run_id, f, sl, &an, o, st, e);
	}
	for (prepared *p = sl->p; p && rc == AUDIT_OK; p = p->next) {
		an = p->an;
		rc = store_one(s, run_id, f, sl, &an, o, st, e);
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
	sh.writer_wait = NO_WAIT;
	sh.cl = cl;
	sh.ref = ref;
	sh.files = files;
	sh.next_path = o->next_path;
	sh.next_ud = o->next_ud;
	if (files == NULL && o->next_path == NULL)
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0, "runner: no files given");
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
		while (!sl->ready) {
			/* Sleep until slot want is filled: it holds index want or an
			 * index already written (< i), so ready means want is done. */
			size_t want = n - 1 - i < WAKE_BATCH - 1 ? n - 1 : i + WAKE_BATCH - 1;

			if (sh.slots[want % sh.n_slots].ready)
				want = i;
			sh.writer_wait = want;
			pthread_cond_wait(&sh.slot_ready, &sh.mu);
		}
		sh.writer_wait = NO_WAIT;
		pthread_mutex_unlock(&sh.mu);
		/* slot i is the writer's until written moves past it */
		rc = store_slot(s, run_id, &sl->file, sl, o, st, e);
		slot_clear(sl);
		pthread_mutex_lock(&sh.mu);
		sh.written = i + 1;
		if (sh.workers_waiting)
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
