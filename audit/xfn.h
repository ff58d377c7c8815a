/* xfn.h - the XPath extension functions rules may call, registered from
 * one table (after jq's builtin table).
 *
 *   matches(s, pattern [, flags])  PCRE2, UTF-8 and Unicode properties;
 *                                   flags "i" = case-insensitive.  s may be
 *                                   a node-set: true when any node matches.
 *   has-text(nodes [, min])        some node's whitespace-normalised text is
 *                                   at least min characters (default 10)
 *   days-between(a, b)             days from date a to date b (NaN if either
 *                                   is not a YYYY-MM-DD date)
 *   add-days(d, n), add-months(d, n)  a date, as YYYY-MM-DD ("" if invalid)
 *   age-on(birth, d)               whole years
 *   max-date(nodes)                the latest valid date among the nodes' values
 *   ref-date()                     the run's reference date
 *
 * Each evaluation context owns one xfn_state: the reference date, compiled
 * regular expressions (JIT where available), match data, and the last match
 * (passage and pattern) for the evidence.
 */
#ifndef AUDIT_XFN_H
#define AUDIT_XFN_H

#include <libxml/xpath.h>
#include "err.h"

typedef struct xfn_state xfn_state;

/* Creates a state for reference date ref (days since 1970-01-01).  The
 * caller frees it with xfn_state_free. */
xfn_state *xfn_state_new(long ref);
void xfn_state_free(xfn_state *st);
/* Changes the reference date ref-date() returns. */
void xfn_state_set_ref(xfn_state *st, long ref);

/* Registers every function of the table on ctx, with st as their data. */
int xfn_register(xmlXPathContextPtr ctx, xfn_state *st);

/* Returns 1 when name is a function the engine provides (XPath 1.0 core or
 * the table above), 0 otherwise; min_args and max_args (may be NULL) get the arity. */
int xfn_known(const char *name, int *min_args, int *max_args);

/* Compiles pattern (with flags) as matches() would; returns AUDIT_OK, or
 * AUDIT_EINPUT with the PCRE2 message and the offset in *erroffset. */
int xfn_check_regex(const char *pattern, const char *flags, char *msg, size_t msg_size,
		    size_t *erroffset);

/* The last successful match since xfn_clear_match: the matched passage with
 * a little context (at most 160 bytes, valid UTF-8) and the pattern.
 * Strings borrowed from st; NULL when none. */
const char *xfn_last_quote(const xfn_state *st);
const char *xfn_last_pattern(const xfn_state *st);
void xfn_clear_match(xfn_state *st);

/* The same text as libxml2's xmlGetNodePath(node) ("/akt/beslut[2]/@datum"),
 * built without its repeated snprintf and copies for the element and
 * attribute nodes of an akt (no namespaces); other nodes go through
 * xmlGetNodePath itself.  Returns a string the caller frees with free(),
 * or NULL when out of memory or node is NULL. */
char *xfn_node_path(const xmlNode *node);

#endif
