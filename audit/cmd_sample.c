/* cmd_sample.c - `audit sample`: draw a reproducible sample of akter from a
 * population and store it (frame with content hashes, method, seed,
 * members); `audit sample --show N` prints a stored sample and verifies it
 * by drawing it again from the stored frame and seed.
 *
 * The population is every akt file given (default: the bundled samples),
 * narrowed by --unit and by --active-from/--active-to (the ärende was open
 * at some time in the period).  The frame is ordered by akt id, so the
 * sample does not depend on file names or folder order.  A file that
 * cannot be read is reported and left out of the frame.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "akt.h"
#include "cli_common.h"
#include "paths.h"
#include "progress.h"
#include "sample.h"
#include "xmlsafe.h"

typedef struct member {
	char *akt_id, *unit_id, *path, *stratum;
	char hash[65];
} member;

static int cmp_member(const void *a, const void *b)
{
	return strcmp(((const member *)a)->akt_id, ((const member *)b)->akt_id);
}

static void members_free(member *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].akt_id);
		free(m[i].unit_id);
		free(m[i].path);
		free(m[i].stratum);
	}
	free(m);
}

/* Date attribute of node as days, or def when missing. */
static long attr_date(xmlNodePtr node, const char *name, long def)
{
	char *v = node ? xmlsafe_attr(node, name) : NULL;
	long d = def;

	if (v && util_date_parse(v, &d) != 0)
		d = def;
	xmlFree(v);
	return d;
}

/* 1 when the household has a child under 18 on day ref. */
static int has_child(const akt *a, long ref)
{
	xmlNodePtr root = xmlDocGetRootElement(a->doc);
	xmlNodePtr hh = xmlsafe_child(root, "hushall");

	for (xmlNodePtr c = hh ? hh->children : NULL; c; c = c->next) {
		long born;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "barn") != 0)
			continue;
		born = attr_date(c, "fodd", LONG_MIN);
		if (born != LONG_MIN && born <= ref && util_age_on(born, ref) < 18)
			return 1;
	}
	return 0;
}

/* 1 when the ärende was open at some time in [from, to]. */
static int active_in(const akt *a, long from, long to)
{
	xmlNodePtr root = xmlDocGetRootElement(a->doc);
	xmlNodePtr ar = xmlsafe_child(root, "arende");
	long opened = attr_date(ar, "oppnat", LONG_MIN), closed = attr_date(ar, "avslutat", LONG_MAX);

	if (opened == LONG_MIN)
		return 0;
	return opened <= to && closed >= from;
}

static uint64_t new_seed(void)
{
	uint64_t v = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (read(fd, &v, sizeof(v)) != (ssize_t)sizeof(v))
			v = 0;
		close(fd);
	}
	if (v == 0)
		v = (uint64_t)getpid() * 2654435761u;
	/* short enough to read out and type: 1 .. 2^31 - 1 */
	v = v % 2147483646u + 1;
	return v;
}

static int parse_share(const char *s, const char *what, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (errno || *end || end == s || !(*v > 0 && *v < 1)) {
		fprintf(stderr, "audit: %s needs a number between 0 and 1 (e.g. 0.05)\n", what);
		return 2;
	}
	return 0;
}

static int show_sample(opts *o)
{
	store *s = NULL;
	store_sample *m = NULL;
	store_frame_row *f = NULL;
	sample_item *items = NULL;
	unsigned char *sel = NULL;
	size_t n = 0, diff = 0;
	long long id;
	audit_err e;
	int rc, status = 0;

	if (access(o->db, F_OK) != 0) {
		fprintf(stderr, "audit: no database %s: draw a sample first or give --db FILE\n",
			o->db);
		return 3;
	}
	if ((rc = store_open(&s, o->db, &e)) < 0 ||
	    (rc = store_resolve_sample(s, o->show, &id, &e)) < 0 ||
	    (rc = store_get_sample(s, id, &m, &e)) < 0 ||
	    (rc = store_get_sample_frame(s, id, 0, &f, &n, &e)) < 0) {
		print_err(&e);
		status = audit_err_exit_status(rc);
		goto out;
	}
	items = calloc(n ? n : 1, sizeof(*items));
	sel = calloc(n ? n : 1, 1);
	if (items == NULL || sel == NULL) {
		status = 4;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		items[i].akt_id = f[i].akt_id;
		items[i].stratum = f[i].stratum;
	}
	rc = sample_draw(items, n, (size_t)m->size,
			 strcmp(m->method, "stratified") == 0 ? SAMPLE_STRATIFIED : SAMPLE_SIMPLE,
			 (uint64_t)m->seed, sel, NULL, NULL, &e);
	if (rc < 0) {
		print_err(&e);
		status = 3;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		diff += (sel[i] != 0) != (f[i].selected != 0);
	printf("urval %lld: %s%s%s, %d av %d akter", m->id,
	       strcmp(m->method, "stratified") == 0 ? "stratifierat efter " : "obundet slumpmässigt",
	       m->stratify_by ? m->stratify_by : "", "", m->size, m->frame_size);
	if (m->unit_id)
		printf(", enhet %s", m->unit_id);
	if (m->active_from || m->active_to)
		printf(", ärenden aktiva %s–%s", m->active_from ? m->active_from : "",
		       m->active_to ? m->active_to : "");
	printf(", frö %lld\n", m->seed);
	if (m->size_note)
		printf("storlek: %s\n", m->size_note);
	for (size_t i = 0; i < n; i++)
		if (f[i].selected)
			printf("  %-20s %s%s%s  sha256 %.12s…\n", f[i].akt_id, f[i].source_path,
			       f[i].stratum ? "  stratum " : "", f[i].stratum ? f[i].stratum : "",
			       f[i].content_hash);
	if (diff == 0) {
		printf("verifierat: samma frö och ram ger samma %d akter\n", m->size);
	} else {
		printf("AVVIKER: en ny dragning ur den lagrade ramen skiljer sig på %zu akter\n", diff);
		status = 1;
	}
out:
	free(items);
	free(sel);
	store_frame_free(f, n);
	store_sample_free(m);
	store_close(s);
	return status;
}

int cmd_sample(opts *o)
{
	path_list paths = { 0 };
	member *mem = NULL;
	size_t n_mem = 0, cap = 0, n_skipped = 0, size = 0;
	sample_item *items = NULL;
	unsigned char *sel = NULL;
	sample_stratum *strata = NULL;
	size_t n_strata = 0;
	store_frame_item *frame = NULL;
	store *s = NULL;
	abuf note = ABUF_INIT;
	audit_err e;
	long from = LONG_MIN, to = LONG_MAX, ref;
	long long seed_v = 0, size_v = 0, sample_id = 0;
	uint64_t seed;
	int status = 0, rc, stratified, by_children = 0, seed_new = 0;
	double margin = 0, conf = 0.95, share = 0.5;
	progress pg;

	if (o->show)
		return show_sample(o);
	if ((o->size == NULL) == (o->margin == NULL))
		return usage_error("%s", "sample needs --size N or --margin E (with --confidence C)");
	if (o->stratify && strcmp(o->stratify, "handlaggare") != 0 &&
	    strcmp(o->stratify, "barn") != 0)
		return usage_error("%s", "--stratify takes handlaggare or barn");
	stratified = o->stratify != NULL;
	by_children = stratified && strcmp(o->stratify, "barn") == 0;
	if (o->size && (status = parse_long(o->size, "--size", &size_v)) != 0)
		return status;
	if (o->margin && (status = parse_share(o->margin, "--margin", &margin)) != 0)
		return status;
	if (o->confidence && (status = parse_share(o->confidence, "--confidence", &conf)) != 0)
		return status;
	if (o->share && (status = parse_share(o->share, "--share", &share)) != 0)
		return status;
	if (o->active_from && (status = parse_date(o->active_from, &from)) != 0)
		return status;
	if (o->active_to && (status = parse_date(o->active_to, &to)) != 0)
		return status;
	if (from > to)
		return usage_error("%s", "--active-from is after --active-to");
	if (o->seed) {
		if ((status = parse_long(o->seed, "--seed", &seed_v)) != 0)
			return status;
		seed = (uint64_t)seed_v;
	} else {
		seed = new_seed();
		seed_new = 1;
	}
	if (o->date) {
		if ((status = parse_date(o->date, &ref)) != 0)
			return status;
	} else {
		ref = o->active_to ? to : util_today();
	}

	/* the population */
	if (o->n_args == 0 && paths_add(&paths, default_samples(), &e) < 0) {
		print_err(&e);
		return 3;
	}
	for (int i = 0; i < o->n_args; i++)
		if (paths_add(&paths, o->args[i], &e) < 0) {
			print_err(&e);
			status = 3;
			goto out;
		}
	progress_start(&pg, "akter lästa", paths.n, !o->quiet);
	for (size_t i = 0; i < paths.n; i++) {
		akt *a = NULL;

		progress_update(&pg, i + 1);
		if (cli_stop) {
			progress_end(&pg);
			fprintf(stderr, "audit: stopped by a signal; no sample was drawn or stored\n");
			status = 130;
			goto out;
		}
		if (akt_load(&a, paths.v[i], NULL, &e) < 0) {
			char buf[2048];
			progress_end(&pg);
			fprintf(stderr, "audit: left out of the population: %s\n",
				audit_err_str(&e, buf, sizeof(buf)));
			n_skipped++;
			continue;
		}
		if ((o->unit && strcmp(a->unit_id, o->unit) != 0) ||
		    ((o->active_from || o->active_to) && !active_in(a, from, to))) {
			akt_free(a);
			continue;
		}
		if (n_mem == cap) {
			size_t nc = cap ? cap * 2 : 256;
			member *p = realloc(mem, nc * sizeof(*p));
			if (p == NULL) {
				akt_free(a);
				status = 4;
				goto out;
			}
			mem = p;
			cap = nc;
		}
		memset(&mem[n_mem], 0, sizeof(mem[n_mem]));
		mem[n_mem].akt_id = strdup(a->id);
		mem[n_mem].unit_id = strdup(a->unit_id);
		mem[n_mem].path = strdup(a->path);
		mem[n_mem].stratum = !stratified ? NULL
				     : by_children ? strdup(has_child(a, ref) ? "med barn" : "utan barn")
						   : strdup(a->handlaggare_id ? a->handlaggare_id : "");
		memcpy(mem[n_mem].hash, a->hash, sizeof(mem[n_mem].hash));
		n_mem++;
		akt_free(a);
		if (!mem[n_mem - 1].akt_id || !mem[n_mem - 1].unit_id || !mem[n_mem - 1].path ||
		    (stratified && !mem[n_mem - 1].stratum)) {
			status = 4;
			goto out;
		}
	}
	progress_end(&pg);
	if (n_mem == 0) {
		fprintf(stderr, "audit: the population is empty: no akt%s%s%s matches\n",
			o->unit ? " of unit " : "", o->unit ? o->unit : "",
			o->active_from || o->active_to ? " active in the period" : "");
		status = 3;
		goto out;
	}
	qsort(mem, n_mem, sizeof(*mem), cmp_member);
	for (size_t i = 1; i < n_mem; i++)
		if (strcmp(mem[i].akt_id, mem[i - 1].akt_id) == 0) {
			fprintf(stderr, "audit: akt id %s occurs twice in the population (%s and %s); "
				"each akt must have its own id\n", mem[i].akt_id, mem[i - 1].path,
				mem[i].path);
			status = 3;
			goto out;
		}

	/* the size */
	if (o->size) {
		size = (size_t)size_v;
		abuf_printf(&note, "angiven: %zu av %zu", size, n_mem);
		if (size > n_mem) {
			fprintf(stderr, "audit: --size %zu is larger than the population (%zu akter)\n",
				size, n_mem);
			status = 2;
			goto out;
		}
	} else if ((rc = sample_size(margin, conf, share, n_mem, &size, &note, &e)) < 0) {
		print_err(&e);
		status = audit_err_exit_status(rc);
		goto out;
	}

	/* the draw */
	items = calloc(n_mem, sizeof(*items));
	sel = calloc(n_mem, 1);
	frame = calloc(n_mem, sizeof(*frame));
	if (items == NULL || sel == NULL || frame == NULL) {
		status = 4;
		goto out;
	}
	for (size_t i = 0; i < n_mem; i++) {
		items[i].akt_id = mem[i].akt_id;
		items[i].stratum = mem[i].stratum;
	}
	if ((rc = sample_draw(items, n_mem, size, stratified ? SAMPLE_STRATIFIED : SAMPLE_SIMPLE,
			      seed, sel, &strata, &n_strata, &e)) < 0) {
		print_err(&e);
		status = audit_err_exit_status(rc);
		goto out;
	}
	for (size_t i = 0; i < n_mem; i++) {
		frame[i].akt_id = mem[i].akt_id;
		frame[i].unit_id = mem[i].unit_id;
		frame[i].source_path = mem[i].path;
		frame[i].content_hash = mem[i].hash;
		frame[i].stratum = mem[i].stratum;
		frame[i].selected = sel[i];
	}
	{
		char from_s[11] = "", to_s[11] = "", ref_s[11];
		store_sample_new sn;

		if (o->active_from)
			util_date_format(from, from_s);
		if (o->active_to)
			util_date_format(to, to_s);
		util_date_format(ref, ref_s);
		memset(&sn, 0, sizeof(sn));
		sn.unit_id = o->unit;
		sn.method = stratified ? "stratified" : "simple";
		sn.stratify_by = o->stratify;
		sn.seed = (long long)seed;
		sn.active_from = o->active_from ? from_s : NULL;
		sn.active_to = o->active_to ? to_s : NULL;
		sn.ref_date = by_children ? ref_s : NULL;
		sn.size_note = abuf_str(&note);
		sn.tool_version = AUDIT_VERSION;
		if ((rc = store_open(&s, o->db, &e)) < 0 ||
		    (rc = store_sample_add(s, &sn, frame, n_mem, &sample_id, &e)) < 0) {
			print_err(&e);
			status = audit_err_exit_status(rc);
			goto out;
		}
	}
	printf("urval %lld: %s, %zu av %zu akter%s%s, frö %llu%s\n", sample_id,
	       stratified ? (by_children ? "stratifierat efter hushåll med/utan barn"
					 : "stratifierat efter handläggare")
			  : "obundet slumpmässigt",
	       size, n_mem, o->unit ? ", enhet " : "", o->unit ? o->unit : "",
	       (unsigned long long)seed, seed_new ? " (nytt frö)" : "");
	printf("storlek: %s\n", abuf_str(&note));
	for (size_t k = 0; k < n_strata; k++)
		printf("  stratum %-20s %zu av %zu\n", strata[k].stratum, strata[k].allocated,
		       strata[k].population);
	for (size_t i = 0; i < n_mem; i++)
		if (sel[i])
			printf("  %-20s %s\n", mem[i].akt_id, mem[i].path);
	if (!o->quiet) {
		fprintf(stderr, "sample %lld stored in %s; check it with: audit run --sample %lld%s\n",
			sample_id, o->db, sample_id, n_skipped ? "" : "");
		if (n_skipped)
			fprintf(stderr, "audit: %zu file%s could not be read and %s not in the "
				"population\n", n_skipped, n_skipped == 1 ? "" : "s",
				n_skipped == 1 ? "is" : "are");
	}
out:
	free(strata);
	free(items);
	free(sel);
	free(frame);
	members_free(mem, n_mem);
	abuf_free(&note);
	paths_free(&paths);
	store_close(s);
	return status;
}
