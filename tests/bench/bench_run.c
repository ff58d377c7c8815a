/* bench_run.c - throughput and peak memory of `audit run` against parsing
 * alone, on a generated corpus (issue 7).  Not part of the default ctest
 * run except a tiny smoke run.
 *
 *   bench_run [--akter N] [--units U] [--seed S] [--date D] [--dir DIR]
 *             [--audit PATH] [--repeat R] [--threads T,T,...]
 *             [--check] [--targets]
 *
 * 1. Generates N akter in U units with the fixed seed (generate_run, the
 *    library behind `audit generate`) into DIR/corpus, or reuses a corpus
 *    there that was generated with exactly the same options (a stamp file
 *    says so).  The files are then read once so that every mode finds them
 *    in the page cache.
 * 2. Runs each mode in its own process, started by a small spawner process
 *    (see below), so that one mode's memory never counts for another; the
 *    wall time is taken around fork and wait, the peak RSS and the CPU time
 *    from wait4's rusage of that process:
 *      parse-only  `bench_run --parse-only DIR`: akt_load + akt_free on
 *                  every file below DIR (listed as `audit run` lists them),
 *                  one thread, the importer and options `audit run` uses
 *                  (safe prescan, parse, XSD validation, namespace strip,
 *                  SHA-256);
 *      run         exec of `audit run --threads T --date D --quiet` on the
 *                  corpus folder into a fresh database: the whole default
 *                  checklist, every verdict and its evidence stored;
 *      report      exec of `audit report --namnd` on the last run.
 *    With --repeat R each mode is run R times (interleaved) and the run
 *    with the shortest wall time is shown (other work on a shared machine
 *    only adds time), with the largest peak RSS of the R.
 * 3. Prints one table: akter, mode, threads, wall s, akter/s, ratio of the
 *    throughput to parse-only, CPU seconds (user+sys) and CPU use (over
 *    wall; 200 % = two cores busy), peak RSS MB, and the CPU the rest of
 *    the machine used meanwhile (in cores, from /proc/stat: 0.0 = quiet;
 *    other work skews the figures), with the machine's core count.
 *    --check verifies that each run stored N akter and no failed file
 *    (exit 1 otherwise); --targets also exits 1 when the run with the most
 *    threads is below half the parse-only throughput or at 64 MB or more.
 *
 * The issue 7 figures: from the build folder, with the machine otherwise
 * idle,  tests/bench_run --akter 10000 --repeat 3 --check --dir /tmp/b10k
 * and     tests/bench_run --akter 100000 --repeat 2 --check --dir /tmp/b100k
 * (the 100,000-akt corpus takes about 1 GB of disk).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "akt.h"
#include "generate.h"
#include "paths.h"
#include "store.h"
#include "util.h"
#include "xmlsafe.h"

#define MAX_MODES 16
#define MAX_REPEAT 15

typedef struct sample {
	double wall, cpu;  /* seconds */
	double other;      /* CPU the rest of the machine used meanwhile, in cores */
	long rss_kb;
	int ok;
} sample;

typedef struct mode {
	char name[32];
	int threads;       /* 0: not threaded (parse-only, report) */
	int kind;          /* 0 parse-only, 1 run, 2 report */
	size_t count;      /* akter processed (akter/s); 0: no rate */
	sample s[MAX_REPEAT];
	int n;
} mode;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr, "usage: bench_run [--akter N] [--units U] [--seed S] [--date YYYY-MM-DD]\n"
			"                 [--dir DIR] [--audit PATH] [--repeat R] [--threads T,T,...]\n"
			"                 [--check] [--targets]\n");
}

/* The audit binary beside this one's build folder: <build>/tests/bench_run
 * -> <build>/audit. */
static int default_audit(char *out, size_t n)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (len <= 0)
		return -1;
	self[len] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return -1;
	*slash = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return -1;
	*slash = '\0';
	if ((size_t)snprintf(out, n, "%s/audit", self) >= n)
		return -1;
	return access(out, X_OK);
}

/* out = a + b; exits when it does not fit (paths are short in practice). */
static void join(char *out, size_t n, const char *a, const char *b)
{
	int k = snprintf(out, n, "%s%s", a, b);

	if (k < 0 || (size_t)k >= n) {
		fprintf(stderr, "bench_run: path too long: %s%s\n", a, b);
		exit(2);
	}
}

static void remove_db(const char *path)
{
	char buf[PATH_MAX + 8];

	unlink(path);
	join(buf, sizeof(buf), path, "-wal");
	unlink(buf);
	join(buf, sizeof(buf), path, "-shm");
	unlink(buf);
}

/* Makes sure dir/corpus holds the corpus of these options. */
static int ensure_corpus(const char *dir, long akter, int units, unsigned long long seed,
			 const char *date, char *corpus, size_t n)
{
	char stamp_path[PATH_MAX], want[256], *have = NULL;
	size_t have_len = 0;
	generate_opts go;
	audit_err e;
	double t0;

	join(corpus, n, dir, "/corpus");
	join(stamp_path, sizeof(stamp_path), dir, "/corpus.stamp");
	snprintf(want, sizeof(want), "bench corpus: akter=%ld units=%d seed=%llu date=%s\n", akter,
		 units, seed, date);
	if (util_read_file(&have, &have_len, stamp_path, 4096, &e) == AUDIT_OK &&
	    have_len == strlen(want) && memcmp(have, want, have_len) == 0) {
		free(have);
		printf("corpus: %s (reused: %s)\n", corpus, "same akter, units, seed and date");
		return 0;
	}
	free(have);
	unlink(stamp_path);
	if (util_mkdirs(dir, &e) < 0) {
		fprintf(stderr, "bench_run: %s\n", e.msg);
		return -1;
	}
	{
		/* an earlier corpus with other options: remove it first */
		char cmd[PATH_MAX + 32];
		struct stat sb;
		if (stat(corpus, &sb) == 0) {
			snprintf(cmd, sizeof(cmd), "rm -rf '%s'", corpus);
			if (strchr(corpus, '\'') || system(cmd) != 0) {
				fprintf(stderr, "bench_run: cannot remove the old corpus %s\n", corpus);
				return -1;
			}
		}
	}
	memset(&go, 0, sizeof(go));
	go.units = units;
	go.akter = akter;
	go.seed = seed;
	go.out_dir = corpus;
	go.anchor_date = date;
	go.quiet = 1;
	t0 = now_s();
	if (generate_run(&go, &e) != AUDIT_OK) {
		fprintf(stderr, "bench_run: generate: %s\n", e.msg);
		return -1;
	}
	printf("corpus: %s (generated in %.1f s)\n", corpus, now_s() - t0);
	if (util_write_file_atomic(stamp_path, want, strlen(want), &e) != AUDIT_OK) {
		fprintf(stderr, "bench_run: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* Reads every file once (page cache). */
static void warm(const path_list *files)
{
	char buf[65536];

	for (size_t i = 0; i < files->n; i++) {
		int fd = open(files->v[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		close(fd);
	}
}

/* `bench_run --parse-only DIR`, the parse-only process: akt_load and
 * akt_free on every *.xml file below DIR (listed as `audit run` lists
 * them), one thread.  Exit status 0 when every file loaded. */
static int parse_only(const char *dir)
{
	path_list files = { 0 };
	audit_err e;
	size_t bad = 0;

	if (xmlsafe_global_init(&e) != AUDIT_OK || paths_add(&files, dir, &e) != AUDIT_OK) {
		fprintf(stderr, "bench_run: %s\n", e.msg);
		return 3;
	}
	for (size_t i = 0; i < files.n; i++) {
		akt *a = NULL;
		if (akt_load(&a, files.v[i], NULL, &e) != AUDIT_OK)
			bad++;
		akt_free(a);
	}
	paths_free(&files);
	xmlsafe_global_cleanup();
	return bad ? 1 : 0;
}

/* ---- the spawner ----
 *
 * Linux keeps the peak RSS of the image a process exec'd from (exec_mmap:
 * setmax_mm_hiwater_rss), so a mode exec'd from this process after it
 * listed 100,000 paths would inherit that memory in its figure.  Every
 * measured process is therefore started by a small spawner forked first
 * thing in main, before anything is allocated: it reads an argv from a
 * pipe, forks, execs, waits with wait4 and writes back the wall time, the
 * CPU time and the peak RSS of that process alone. */

typedef struct spawn_result {
	double wall, cpu, other;
	long rss_kb;
	int status;       /* exit status, 128 + signal, or -1 */
} spawn_result;

/* Busy CPU seconds of the whole machine so far (all cores, from the "cpu"
 * line of /proc/stat: user, nice, system, irq, softirq, steal), or -1. */
static double machine_busy(void)
{
	unsigned long long v[8] = { 0 };
	char line[512];
	FILE *f = fopen("/proc/stat", "r");
	long hz = sysconf(_SC_CLK_TCK);
	int n;

	if (f == NULL)
		return -1;
	if (fgets(line, sizeof(line), f) == NULL) {
		fclose(f);
		return -1;
	}
	fclose(f);
	n = sscanf(line, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
		   &v[4], &v[5], &v[6], &v[7]);
	if (n < 7 || hz <= 0)
		return -1;
	return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (double)hz;
}

static int spawn_in = -1, spawn_out = -1;  /* our ends: requests, results */
static pid_t spawner_pid = -1;

static int read_full(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n > 0) {
		ssize_t k = read(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static void spawner_loop(int req, int res)
{
	static char buf[16384];
	char *argv[64];

	for (;;) {
		uint32_t len;
		spawn_result r;
		struct rusage ru;
		int status = 0, argc = 0;
		double t0, busy0, busy1;
		pid_t pid;

		if (read_full(req, &len, sizeof(len)) != 0 || len == 0 || len > sizeof(buf) ||
		    read_full(req, buf, len) != 0)
			_exit(0);
		for (size_t i = 0; i < len && argc < 63; i += strlen(buf + i) + 1)
			argv[argc++] = buf + i;
		argv[argc] = NULL;
		memset(&r, 0, sizeof(r));
		busy0 = machine_busy();
		t0 = now_s();
		pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			if (null >= 0) {
				dup2(null, 1);
				close(null);
			}
			execv(argv[0], argv);
			perror("bench_run: exec");
			_exit(127);
		}
		r.status = -1;
		if (pid > 0) {
			memset(&ru, 0, sizeof(ru));
			while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
				;
			r.wall = now_s() - t0;
			r.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
				(double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
			r.rss_kb = ru.ru_maxrss;
			r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			r.other = -1;
			if (busy0 >= 0 && (busy1 = machine_busy()) >= 0 && r.wall > 0) {
				r.other = (busy1 - busy0 - r.cpu) / r.wall;
				if (r.other < 0)
					r.other = 0;
			}
		}
		if (write_full(res, &r, sizeof(r)) != 0)
			_exit(0);
	}
}

static int spawner_start(void)
{
	int req[2], res[2];

	if (pipe(req) != 0 || pipe(res) != 0)
		return -1;
	spawner_pid = fork();
	if (spawner_pid < 0)
		return -1;
	if (spawner_pid == 0) {
		close(req[1]);
		close(res[0]);
		spawner_loop(req[0], res[1]);
		_exit(0);
	}
	close(req[0]);
	close(res[1]);
	spawn_in = req[1];
	spawn_out = res[0];
	return 0;
}

static void spawner_stop(void)
{
	uint32_t zero = 0;

	if (spawner_pid > 0) {
		(void)write_full(spawn_in, &zero, sizeof(zero));
		close(spawn_in);
		close(spawn_out);
		waitpid(spawner_pid, NULL, 0);
		spawner_pid = -1;
	}
}

/* Runs argv (argv[0] a path) through the spawner and measures it. */
static int measure(const mode *m, char *const argv[], sample *out)
{
	char buf[16384];
	uint32_t len = 0;
	spawn_result r;

	for (int i = 0; argv[i]; i++) {
		size_t k = strlen(argv[i]) + 1;
		if (len + k > sizeof(buf))
			return -1;
		memcpy(buf + len, argv[i], k);
		len += (uint32_t)k;
	}
	fflush(stdout);
	fflush(stderr);
	if (write_full(spawn_in, &len, sizeof(len)) != 0 || write_full(spawn_in, buf, len) != 0 ||
	    read_full(spawn_out, &r, sizeof(r)) != 0) {
		fprintf(stderr, "bench_run: the spawner is gone\n");
		return -1;
	}
	out->wall = r.wall;
	out->cpu = r.cpu;
	out->rss_kb = r.rss_kb;
	out->other = r.other;
	out->ok = r.status == 0;
	if (!out->ok)
		fprintf(stderr, "bench_run: mode %s failed (status %d)\n", m->name, r.status);
	return out->ok ? 0 : -1;
}

/* Checks what the run stored: n akter, none failed. */
static int check_db(const char *db, size_t n)
{
	store *s = NULL;
	store_run *r = NULL;
	long long run = 0;
	audit_err e;
	int ok;

	if (store_open(&s, db, &e) != AUDIT_OK || store_resolve_run(s, "latest", &run, &e) != AUDIT_OK ||
	    store_get_run(s, run, &r, &e) != AUDIT_OK) {
		fprintf(stderr, "bench_run: %s: %s\n", db, e.msg);
		store_close(s);
		return -1;
	}
	ok = r->n_akter >= 0 && (size_t)r->n_akter == n && r->n_failed == 0;
	if (!ok)
		fprintf(stderr, "bench_run: %s: run %lld stored %d akter and %d failures, expected %zu "
				"and 0\n", db, run, r->n_akter, r->n_failed, n);
	store_run_free(r);
	store_close(s);
	return ok ? 0 : -1;
}

/* The run with the shortest wall time: on a shared machine other work
 * only ever adds time.  Peak RSS is the largest of all runs. */
static sample best(const mode *m)
{
	sample b = m->s[0];

	for (int i = 1; i < m->n; i++) {
		if (m->s[i].wall < b.wall) {
			long rss = b.rss_kb;
			b = m->s[i];
			b.rss_kb = rss;
		}
		if (m->s[i].rss_kb > b.rss_kb)
			b.rss_kb = m->s[i].rss_kb;
	}
	return b;
}

int main(int argc, char **argv)
{
	long akter = 10000;
	int units = 30, repeat = 1, check = 0, targets = 0;
	unsigned long long seed = 7;
	const char *date = "2026-10-31", *dir = NULL, *threads_arg = "1,2";
	char audit_bin[PATH_MAX] = "", corpus[PATH_MAX], tmpdir[PATH_MAX];
	path_list files = { 0 };
	mode modes[MAX_MODES];
	int n_modes = 0, failed = 0;
	audit_err e;
	double parse_rate = 0;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	char self[PATH_MAX];
	ssize_t self_len;

	if (argc == 3 && strcmp(argv[1], "--parse-only") == 0)
		return parse_only(argv[2]);
	/* first of all, while this process is small */
	if (spawner_start() != 0) {
		perror("bench_run: cannot start the spawner");
		return 1;
	}
	self_len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (self_len <= 0) {
		perror("bench_run: /proc/self/exe");
		return 1;
	}
	self[self_len] = '\0';

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--check") == 0 || strcmp(a, "--targets") == 0) {
			check = 1;
			targets |= a[2] == 't';
			continue;
		}
		if (v == NULL) {
			usage();
			return 2;
		}
		i++;
		if (strcmp(a, "--akter") == 0)
			akter = strtol(v, NULL, 10);
		else if (strcmp(a, "--units") == 0)
			units = atoi(v);
		else if (strcmp(a, "--seed") == 0)
			seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--date") == 0)
			date = v;
		else if (strcmp(a, "--dir") == 0)
			dir = v;
		else if (strcmp(a, "--audit") == 0)
			snprintf(audit_bin, sizeof(audit_bin), "%s", v);
		else if (strcmp(a, "--repeat") == 0)
			repeat = atoi(v);
		else if (strcmp(a, "--threads") == 0)
			threads_arg = v;
		else {
			usage();
			return 2;
		}
	}
	if (akter < 1 || units < 1 || repeat < 1 || repeat > MAX_REPEAT) {
		usage();
		return 2;
	}
	if (audit_bin[0] == '\0' && default_audit(audit_bin, sizeof(audit_bin)) != 0) {
		fprintf(stderr, "bench_run: no audit binary found beside the build; give --audit PATH\n");
		return 2;
	}
	if (dir == NULL) {
		const char *t = getenv("TMPDIR");
		snprintf(tmpdir, sizeof(tmpdir), "%s/audit-bench", t && *t ? t : "/tmp");
		dir = tmpdir;
	}
	if (ensure_corpus(dir, akter, units, seed, date, corpus, sizeof(corpus)) != 0)
		return 1;
	if (paths_add(&files, corpus, &e) != AUDIT_OK) {
		fprintf(stderr, "bench_run: %s\n", e.msg);
		return 1;
	}
	if (files.n != (size_t)akter) {
		fprintf(stderr, "bench_run: %zu files in %s, expected %ld\n", files.n, corpus, akter);
		paths_free(&files);
		return 1;
	}
	warm(&files);

	/* the modes */
	memset(modes, 0, sizeof(modes));
	snprintf(modes[n_modes].name, sizeof(modes[0].name), "parse-only");
	modes[n_modes].kind = 0;
	modes[n_modes++].count = files.n;
	for (const char *p = threads_arg; *p && n_modes < MAX_MODES - 1;) {
		char *end;
		long t = strtol(p, &end, 10);
		if (end == p || t < 1 || t > 64) {
			usage();
			paths_free(&files);
			return 2;
		}
		snprintf(modes[n_modes].name, sizeof(modes[0].name), "run");
		modes[n_modes].kind = 1;
		modes[n_modes].threads = (int)t;
		modes[n_modes++].count = files.n;
		p = *end == ',' ? end + 1 : end;
	}
	snprintf(modes[n_modes].name, sizeof(modes[0].name), "report --namnd");
	modes[n_modes].kind = 2;
	modes[n_modes++].count = 0;

	for (int r = 0; r < repeat; r++) {
		char last_db[PATH_MAX] = "";
		for (int k = 0; k < n_modes; k++) {
			mode *m = &modes[k];
			char db[PATH_MAX], pdf[PATH_MAX], tbuf[16];
			char *args[16];
			int na = 0;

			if (m->kind == 0) {
				args[na++] = self;
				args[na++] = (char *)"--parse-only";
				args[na++] = corpus;
			} else if (m->kind == 1) {
				snprintf(tbuf, sizeof(tbuf), "%d", m->threads);
				{
					char name[32];
					snprintf(name, sizeof(name), "/run-%d.db", m->threads);
					join(db, sizeof(db), dir, name);
				}
				remove_db(db);
				args[na++] = audit_bin;
				args[na++] = (char *)"run";
				args[na++] = (char *)"--db";
				args[na++] = db;
				args[na++] = (char *)"--quiet";
				args[na++] = (char *)"--threads";
				args[na++] = tbuf;
				args[na++] = (char *)"--date";
				args[na++] = (char *)date;
				args[na++] = corpus;
				snprintf(last_db, sizeof(last_db), "%s", db);
			} else if (m->kind == 2) {
				if (last_db[0] == '\0')
					continue;
				join(pdf, sizeof(pdf), dir, "/namnd.pdf");
				args[na++] = audit_bin;
				args[na++] = (char *)"report";
				args[na++] = (char *)"--quiet";
				args[na++] = (char *)"--db";
				args[na++] = last_db;
				args[na++] = (char *)"--run";
				args[na++] = (char *)"latest";
				args[na++] = (char *)"--namnd";
				args[na++] = (char *)"-o";
				args[na++] = pdf;
			}
			args[na] = NULL;
			if (measure(m, args, &m->s[m->n]) != 0) {
				failed = 1;
				continue;
			}
			if (check && m->kind == 1 && check_db(db, files.n) != 0)
				failed = 1;
			m->n++;
		}
	}

	{
		char host[128] = "";
		gethostname(host, sizeof(host) - 1);
		printf("\nmachine: %s, %ld cores online\n", host, cores);
		printf("corpus: %ld akter in %d units, seed %llu, reference date %s; %s; "
		       "best of %d\n\n", akter, units, seed, date, audit_bin, repeat);
	}
	printf("| akter | mode | threads | wall s | akter/s | ratio to parse-only | CPU s | CPU %% "
	       "| peak RSS MB | other load |\n");
	printf("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (int k = 0; k < n_modes; k++) {
		mode *m = &modes[k];
		sample s;
		char thr[8] = "1", rate[32] = "", ratio[32] = "", other[32] = "?";

		if (m->n == 0)
			continue;
		s = best(m);
		if (m->kind == 1)
			snprintf(thr, sizeof(thr), "%d", m->threads);
		if (m->count) {
			double r = (double)m->count / s.wall;
			snprintf(rate, sizeof(rate), "%.0f", r);
			if (m->kind == 0)
				parse_rate = r;
			if (parse_rate > 0)
				snprintf(ratio, sizeof(ratio), "%.2f", r / parse_rate);
		}
		if (s.other >= 0)
			snprintf(other, sizeof(other), "%.2f", s.other);
		printf("| %ld | %s | %s | %.2f | %s | %s | %.2f | %.0f | %.1f | %s |\n", akter, m->name,
		       thr, s.wall, rate, ratio, s.cpu, 100.0 * s.cpu / s.wall,
		       (double)s.rss_kb / 1024.0, other);
	}
	printf("\nratio: akter/s over parse-only's akter/s; CPU %%: user+sys over wall (200 = two "
	       "cores); other load: CPU the rest of the machine used meanwhile, in cores\n");
	if (targets && !failed) {
		/* the run with the most threads against the targets */
		mode *most = NULL;
		for (int k = 0; k < n_modes; k++)
			if (modes[k].kind == 1 && modes[k].n && (!most || modes[k].threads > most->threads))
				most = &modes[k];
		if (most) {
			sample s = best(most);
			double ratio = parse_rate > 0 ? ((double)most->count / s.wall) / parse_rate : 0;
			if (ratio < 0.5 || (double)s.rss_kb / 1024.0 >= 64.0) {
				printf("\ntarget missed: ratio %.2f (>= 0.50), peak RSS %.1f MB (< 64)\n",
				       ratio, (double)s.rss_kb / 1024.0);
				failed = 1;
			}
		}
	}
	paths_free(&files);
	spawner_stop();
	return failed ? 1 : 0;
}
