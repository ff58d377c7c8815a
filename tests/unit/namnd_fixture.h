/* namnd_fixture.h - a hand-built nämnd delrapport model (no store) shared by
 * test_pdf and bench_namnd: n_units units x n_crit criteria with Swedish
 * unit names, small cells and a criterion that is never applicable in one
 * unit.  Header-only: each program that includes it gets its own copy. */
#ifndef AUDIT_TEST_NAMND_FIXTURE_H
#define AUDIT_TEST_NAMND_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

static const char *UNIT_NAMES[30] = {
	"Årsta mottagning", "Älvsjö försörjningsstöd", "Östermalm vuxen", "Södermalm ungdom",
	"Hägersten-Älvsjö", "Skärholmen", "Vällingby", "Hässelby gård", "Farsta söder",
	"Spånga-Tensta", "Kärrtorp", "Björkhagen", "Högdalen", "Rågsved", "Sköndal",
	"Fruängen", "Mälarhöjden", "Västertorp", "Gröndal", "Bandhagen söder",
	"Stureby östra", "Hökarängen", "Solna västra", "Täby centrum", "Järva försörjning",
	"Bälsta", "Norrtälje hamn", "Sundbyberg öst", "Kista gård", "Lidingö ö",
};

static const char *NAMND_AREAS[8] = { "utredning", "helhetssyn", "arbetsplan", "uppfoljning",
				      "barnperspektiv", "delaktighet", "beslut", "dokumentation" };

/* n_units units x n_crit criteria; unit u, criterion k: n applicable
 * varies, and (u + k) % 9 == 0 gives a small cell of 3 applicable akter;
 * criterion 4 is never applicable in unit 2. */
static report_namnd *namnd_fixture(size_t n_units, size_t n_crit)
{
	report_namnd_info info = { "Ekonomiskt bistånd – full granskning", "1.2",
				   "SoL 3 kap. 3 §; SOSFS 2006:11", "2025-03-31", "2025-04-07",
				   "stickprov, enkelt slumpmässigt urval", 4711, 0, 0 };
	report_namnd *r = NULL;
	report_criterion_in *c = calloc(n_crit, sizeof(*c));
	char (*ids)[24] = calloc(n_crit, sizeof(*ids));
	char (*titles)[96] = calloc(n_crit, sizeof(*titles));
	audit_err e;
	size_t u, k;

	if (c == NULL || ids == NULL || titles == NULL ||
	    report_namnd_new(&r, &info, &e) != AUDIT_OK)
		goto fail;
	for (k = 0; k < n_crit; k++) {
		snprintf(ids[k], sizeof(ids[k]), "K-%02zu", k + 1);
		snprintf(titles[k], sizeof(titles[k]), k % 3 ? "Bedömning av skälig levnadsnivå %zu"
							     : "Åtgärder för självförsörjning följs upp %zu",
			 k + 1);
	}
	for (u = 0; u < n_units; u++) {
		int n_akter = 20 + (int)(u % 7) * 3;
		for (k = 0; k < n_crit; k++) {
			int app = n_akter - (int)(k % 4), upp, del;
			memset(&c[k], 0, sizeof(c[k]));
			c[k].id = ids[k];
			c[k].title = titles[k];
			c[k].area = NAMND_AREAS[(k * 8) / n_crit];
			c[k].legal_refs = k % 2 ? "SoL (2001:453) 4 kap. 1 §" : "SOSFS 2014:5 4 kap. 2 §";
			c[k].position = (int)k + 1;
			if ((u + k) % 9 == 0)
				app = 3;
			if (u == 2 && k == 4)
				app = 0;
			upp = (int)((long)app * (long)(50 + (k * 37) % 50 + (int)((u * 13 + k * 7) % 21) - 10) / 100);
			if (upp > app)
				upp = app;
			del = (app - upp) / 3;
			c[k].n_uppfyllt = upp;
			c[k].n_delvis = del;
			c[k].n_ej_uppfyllt = app - upp - del;
			c[k].n_ej_tillampligt = n_akter - app;
			c[k].n_total = n_akter;
		}
		if (report_namnd_add_unit(r, "", NULL, 0, NULL, 0, &e) == AUDIT_OK)
			goto fail; /* an empty id must be refused */
		{
			char id[32];
			snprintf(id, sizeof(id), "enhet-%02zu", u + 1);
			if (report_namnd_add_unit(r, id, UNIT_NAMES[u % 30], n_akter, c, n_crit, &e) !=
			    AUDIT_OK)
				goto fail;
		}
	}
	if (report_namnd_finish(r, &e) != AUDIT_OK)
		goto fail;
	free(c);
	free(ids);
	free(titles);
	return r;
fail:
	report_namnd_free(r);
	free(c);
	free(ids);
	free(titles);
	return NULL;
}

#endif
