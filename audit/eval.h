/* eval.h - a checklist applied to one akt: verdicts with evidence.
 *
 * An eval_ctx holds what one thread needs to evaluate (XPath context,
 * extension function state with compiled regular expressions); the
 * checklist's compiled expressions are shared read-only.
 */
#ifndef AUDIT_EVAL_H
#define AUDIT_EVAL_H

#include <stddef.h>
#include "akt.h"
#include "err.h"
#include "rules.h"
#include "verdict.h"

#define EVAL_MAX_EVIDENCE 12

typedef struct eval_ctx eval_ctx;

typedef struct eval_verdict {
	const rule *rule;          /* borrowed from the checklist */
	verdict value;
	char *message;             /* Swedish, placeholders filled */
	int items_total, items_met;
	evidence evidence[EVAL_MAX_EVIDENCE];
	size_t n_evidence;
} eval_verdict;

typedef struct eval_result {
	eval_verdict *v;           /* one per checklist item, in order */
	size_t n;
} eval_result;

/* Trace of one evaluation, for `audit explain`: called with one line of
 * text per step.  May be NULL. */
typedef void (*eval_trace_fn)(void *ud, int depth, const char *line);

/* Creates a context for cl as of reference date ref (days).  The caller
 * frees it with eval_ctx_free; cl must outlive it. */
int eval_ctx_new(eval_ctx **out, const checklist *cl, long ref, audit_err *e);
void eval_ctx_free(eval_ctx *c);
void eval_ctx_set_trace(eval_ctx *c, eval_trace_fn fn, void *ud);

/* Evaluates every criterion of the checklist on a.  On success *out is
 * filled (free with eval_result_free).  An XPath error at run time gives
 * AUDIT_EINPUT naming the rule file, line and column. */
int eval_akt(eval_ctx *c, const akt *a, eval_result *out, audit_err *e);
/* Evaluates one checklist item (index into cl->items) into *v
 * (free with eval_verdict_clear). */
int eval_criterion(eval_ctx *c, const akt *a, size_t item, eval_verdict *v, audit_err *e);
/* Evaluates one rule (of the context's checklist) on a. */
int eval_rule(eval_ctx *c, const akt *a, const rule *r, eval_verdict *v, audit_err *e);
/* Changes the reference date for later evaluations. */
void eval_ctx_set_ref(eval_ctx *c, long ref);
void eval_verdict_clear(eval_verdict *v);
void eval_result_free(eval_result *r);

#endif
