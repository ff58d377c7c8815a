/* progress.c - see progress.h. */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(progress *p, const char *what, size_t total, int enabled)
{
	p->what = what;
	p->total = total;
	p->on = enabled && isatty(STDERR_FILENO);
	p->drawn = 0;
	p->start = p->on ? now() : 0;
	p->last = p->start;
}

void progress_update(progress *p, size_t done)
{
	double t, rate;

	if (!p->on)
		return;
	t = now();
	if (t - p->last < 0.2 && done != p->total)
		return;
	p->last = t;
	rate = t > p->start ? (double)done / (t - p->start) : 0;
	if (p->total) {
		double left = rate > 0 ? (double)(p->total - done) / rate : 0;
		fprintf(stderr, "\r%zu/%zu %s (%3.0f %%), %.0f/s, %.0f s kvar   ", done, p->total,
			p->what, 100.0 * (double)done / (double)p->total, rate, left);
	} else {
		fprintf(stderr, "\r%zu %s, %.0f/s   ", done, p->what, rate);
	}
	p->drawn = 1;
}

void progress_end(progress *p)
{
	if (p->on && p->drawn)
		fprintf(stderr, "\r\033[K");
	p->drawn = 0;
}
