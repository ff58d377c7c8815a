/* verdict.c - verdict names. */
#include "verdict.h"

#include <stdlib.h>
#include <string.h>

const char *verdict_name(verdict v)
{
	switch (v) {
	case VERDICT_UPPFYLLT: return "uppfyllt";
	case VERDICT_DELVIS: return "delvis";
	case VERDICT_EJ_UPPFYLLT: return "ej-uppfyllt";
	case VERDICT_EJ_TILLAMPLIGT: return "ej-tillampligt";
	default: return "none";
	}
}

const char *verdict_label(verdict v)
{
	switch (v) {
	case VERDICT_UPPFYLLT: return "uppfyllt";
	case VERDICT_DELVIS: return "delvis uppfyllt";
	case VERDICT_EJ_UPPFYLLT: return "ej uppfyllt";
	case VERDICT_EJ_TILLAMPLIGT: return "ej tillämpligt";
	default: return "ej bedömt";
	}
}

verdict verdict_parse(const char *s)
{
	if (s == NULL)
		return VERDICT_NONE;
	if (strcmp(s, "uppfyllt") == 0) return VERDICT_UPPFYLLT;
	if (strcmp(s, "delvis") == 0) return VERDICT_DELVIS;
	if (strcmp(s, "ej-uppfyllt") == 0) return VERDICT_EJ_UPPFYLLT;
	if (strcmp(s, "ej-tillampligt") == 0) return VERDICT_EJ_TILLAMPLIGT;
	return VERDICT_NONE;
}

void evidence_clear(evidence *ev)
{
	free(ev->kind);
	free(ev->doc_id);
	free(ev->date);
	free(ev->location);
	free(ev->item);
	free(ev->quote);
	free(ev->pattern);
	free(ev->sought);
	memset(ev, 0, sizeof(*ev));
}
