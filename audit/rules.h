/* rules.h - rule files and checklists: loaded from XML data files,
 * validated by their built-in schemas, XPath compiled once, function names,
 * variables and regular expressions checked at load.
 *
 * A checklist names its rules by id; the rules are read from every *.xml
 * file in a rules folder (by default "../rules" beside the checklist's
 * folder).  Everything returned belongs to the checklist and is freed by
 * checklist_free.
 */
#ifndef AUDIT_RULES_H
#define AUDIT_RULES_H

#include <limits.h>
#include <stddef.h>
#include <libxml/xpath.h>
#include "err.h"
#include "util.h"
#include "verdict.h"
#include "xmlsafe.h"

typedef struct legal_ref {
	char *law;        /* "SoL", "SOSFS", "FL", ... */
	char *sfs;        /* "2001:453" */
	char *chapter;    /* "11" or NULL */
	char *paragraph;  /* "5" or NULL */
	char *note;       /* element text, may be "" */
	long valid_from;  /* days; LONG_MIN when open */
	long valid_to;    /* days; LONG_MAX when open */
	int verified;
	int local;
} legal_ref;

typedef struct rule_expr {
	char *src;                 /* the XPath as written */
	xmlXPathCompExprPtr comp;  /* compiled; NULL for "no test" */
	int line, column;          /* where it is written */
} rule_expr;

typedef struct rule_evidence {
	rule_expr select;
	char *kind;                /* optional label, else the element name */
} rule_evidence;

typedef struct rule_outcome {
	verdict value;
	rule_expr test;            /* comp NULL for <otherwise> */
	rule_evidence *evidence;
	size_t n_evidence;
	char *sought;              /* what was looked for, for a miss; may be NULL */
} rule_outcome;

/* A rule's own test case: an akt assembled around the case's elements
 * (see rules-1.xsd) and the verdict the rule must give on it. */
typedef struct rule_case {
	verdict expected;
	char *date;                /* reference date, YYYY-MM-DD */
	char *name;                /* may be NULL */
	char *akt_xml;             /* the complete akt document */
	int line;                  /* of the <case> element */
} rule_case;

typedef struct rule {
	char *id, *area, *title, *description;
	char *file;
	int line;
	legal_ref *refs;
	size_t n_refs;
	int has_applies;
	rule_expr applies;
	char *applies_text;        /* why it may not apply, in Swedish */
	int has_foreach;
	rule_expr foreach;
	char *item_label;          /* "barn", "beslut", ... */
	verdict empty;             /* verdict when the for-each selects nothing */
	int combine_share;         /* 0: all; 1: share >= threshold */
	double threshold;
	rule_outcome *outcomes;    /* the <when>s, then <otherwise> last */
	size_t n_outcomes;
	char *messages[5];         /* by verdict; NULL when missing */
	rule_case *cases;
	size_t n_cases;
	int can_give[5];           /* the verdicts this rule can give */
} rule;

typedef struct checklist_param {
	char *name;
	double value;
	char *text;
} checklist_param;

typedef struct checklist_item {
	const rule *rule;          /* borrowed from checklist.rules */
	char *section_id, *section_title;
	int optional, local;
	double weight;             /* the criterion's weight in its section score (default 1) */
	double section_weight;     /* the section's weight in the total; -1: the section
				    * has no score (no weight given) */
} checklist_item;

typedef struct checklist {
	char *id, *version, *date, *name, *description, *file;
	char hash[65];             /* sha256 over the checklist and its rule files */
	legal_ref *basis;
	size_t n_basis;
	checklist_param *params;
	size_t n_params;
	checklist_item *items;     /* in checklist order */
	size_t n_items;
	rule *rules;               /* every rule loaded from the rules folder */
	size_t n_rules;
} checklist;

/* Finds a checklist: an existing path as given, else NAME or NAME.xml in
 * the checklists folder of the data directory (see rules_data_dir).
 * Returns a malloc'ed path (caller frees) or NULL. */
char *rules_find_checklist(const char *name_or_path);

/* The folder holding rules/, checklists/ (and schemas/): $AUDIT_DATA_DIR,
 * else the source tree the binary was built from, else the installed
 * share/audit, else beside the executable (../share/audit).  Static string. */
const char *rules_data_dir(void);

/* Loads a checklist and its rules.  rules_dir NULL: "<checklist folder>/../rules".
 * Every problem (schema, XPath syntax, unknown function or variable, bad
 * regex, unknown rule id) is passed to fn (may be NULL) with file, line and
 * column; e gets the first.  Returns AUDIT_OK or AUDIT_EINPUT.  *out is
 * freed with checklist_free. */
int checklist_load(checklist **out, const char *path, const char *rules_dir,
		   xmlsafe_problem_fn fn, void *ud, audit_err *e);
void checklist_free(checklist *c);

/* A rule file already in memory: data[0..len) and the name used for it in
 * messages and as each rule's file. */
typedef struct rules_buffer {
	const char *data;
	size_t len;
	const char *name;
} rules_buffer;

/* As checklist_load, from memory: the checklist in buf[0..len) (named name
 * in messages; NULL: "checklist.xml") and its rules from the n_rule_files
 * rule files (none when rule_files is NULL) instead of a rules folder.
 * Every check, problem and result is the same as for files; the buffers
 * need not be NUL-terminated and may be freed once this returns. */
int checklist_load_buffers(checklist **out, const char *buf, size_t len, const char *name,
			   const rules_buffer *rule_files, size_t n_rule_files,
			   xmlsafe_problem_fn fn, void *ud, audit_err *e);

/* Checks what only the maintainers' lint asks for: every rule of the
 * checklist has test cases, at least one for every verdict it can give.
 * Problems go to fn; returns the number of problems. */
int checklist_lint_tests(const checklist *c, xmlsafe_problem_fn fn, void *ud);

/* Value of parameter name; returns 0 and sets *v, or -1 when absent. */
int checklist_param_get(const checklist *c, const char *name, double *v);

/* Appends the display text of ref ("SoL (2001:453) 3 kap. 5 §") to out. */
int legal_ref_format(const legal_ref *r, abuf *out);
/* Appends the refs of a rule that apply on date (days), "; "-separated;
 * refs with no period always apply. */
int rule_refs_on(const rule *r, long date, abuf *out);

#endif
