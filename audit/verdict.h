/* verdict.h - the four verdicts and the evidence that backs one.
 * Shared vocabulary of eval, store and report; no dependencies. */
#ifndef AUDIT_VERDICT_H
#define AUDIT_VERDICT_H

typedef enum verdict {
	VERDICT_NONE = 0,          /* not decided (internal only) */
	VERDICT_UPPFYLLT = 1,      /* met */
	VERDICT_DELVIS = 2,        /* partly met */
	VERDICT_EJ_UPPFYLLT = 3,   /* not met */
	VERDICT_EJ_TILLAMPLIGT = 4 /* does not apply */
} verdict;

/* Stable machine names used in files, the database and exports:
 * "uppfyllt", "delvis", "ej-uppfyllt", "ej-tillampligt". */
const char *verdict_name(verdict v);
/* Swedish label for reports: "uppfyllt", "delvis uppfyllt", "ej uppfyllt",
 * "ej tillämpligt". */
const char *verdict_label(verdict v);
/* Parses a machine name; returns VERDICT_NONE when unknown. */
verdict verdict_parse(const char *s);

/* One piece of evidence.  All strings are owned by whoever owns the struct
 * (eval_result for eval, copies in the store).  Any may be NULL. */
typedef struct evidence {
	char *kind;      /* document kind: "utredning", "beslut", "arbetsplan", ... */
	char *doc_id;    /* the document's id attribute in the akt */
	char *date;      /* the document's date, YYYY-MM-DD */
	char *location;  /* XPath location of the node, e.g. /akt/beslut[2] */
	char *item;      /* which item, pseudonymous: "barn 2 av 3" */
	char *quote;     /* matched passage (length-limited); secret: only for
			    exports and action lists, never unit/nämnd reports */
	char *pattern;   /* the regular expression that matched or was sought */
	char *sought;    /* for a miss: what was looked for, in words */
	int found;       /* 1 evidence of something present, 0 of something missing */
} evidence;

/* Frees the strings of ev and zeroes it (ev itself is not freed). */
void evidence_clear(evidence *ev);

#endif
