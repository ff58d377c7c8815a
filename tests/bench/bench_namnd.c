/* bench_namnd.c - how long one nämnd delrapport takes to render: a model of
 * 30 units x 35 criteria built by hand (no store), rendered 20 times; prints
 * the mean milliseconds per render.  Target: under 1 s.  Not a ctest test.
 *
 *   cc -O2 -std=c11 -Iaudit tests/bench/bench_namnd.c <auditcore> -lhpdf ...
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* the model: the same one test_pdf renders and checks */
#include "namnd_fixture.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int main(void)
{
	const int rounds = 20;
	report_namnd *r;
	double t0, total = 0.0, worst = 0.0;
	size_t len = 0;
	audit_err e;
	int i;

	t0 = now_ms();
	r = namnd_fixture(30, 35);
	if (r == NULL) {
		fprintf(stderr, "bench_namnd: building the model failed\n");
		return 1;
	}
	printf("model 30 units x 35 criteria built in %.2f ms\n", now_ms() - t0);
	for (i = 0; i < rounds; i++) {
		unsigned char *pdf = NULL;
		double t, dt;

		t = now_ms();
		if (pdf_render_namnd_report(&pdf, &len, r, NULL, &e) != AUDIT_OK) {
			fprintf(stderr, "bench_namnd: %s\n", e.msg);
			report_namnd_free(r);
			return 1;
		}
		dt = now_ms() - t;
		total += dt;
		if (dt > worst)
			worst = dt;
		free(pdf);
	}
	printf("render: mean %.1f ms, worst %.1f ms over %d rounds (%zu bytes)\n",
	       total / rounds, worst, rounds, len);
	report_namnd_free(r);
	return 0;
}
