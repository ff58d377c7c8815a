/* fuzz_rules.c - fuzz target for the rule and checklist loader.
 *
 * Each input is loaded twice through checklist_load_buffers, which takes the
 * same path as files (size limit, hardened parse, schema validation, XPath
 * compilation, checks of function names, variables, regular expressions,
 * ids and messages):
 *   1. as a rule file, under a checklist that declares the five shipped
 *      parameters and lists the rule ids the input seems to define;
 *   2. as a checklist, over a small fixed rule file (PLAN-01, UTR-03,
 *      BESL-05, which use parameters).
 * When a load succeeds the result is used as `audit rules test` and
 * `audit run` would: the lint of test cases, the legal references, every
 * rule's own test cases evaluated (eval.c, xfn.c), and the checklist
 * applied to a fixed akt.  Any input must give AUDIT_OK or an error, never
 * a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akt.h"
#include "eval.h"
#include "rules.h"
#include "util.h"
#include "xmlsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_IDS 64
#define MAX_ID_LEN 64

static const char checklist_head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<checklist xmlns=\"urn:audit:checklist:1\" id=\"fuzz\" version=\"1\" date=\"2026-01-01\">\n"
	"<name>fuzz</name>\n"
	"<legal-basis><ref law=\"SoL\" sfs=\"2001:453\" chapter=\"3\" paragraph=\"3\" "
	"valid-to=\"2025-06-30\">x</ref><ref law=\"SOSFS\" sfs=\"2014:5\">y</ref></legal-basis>\n"
	"<params>\n"
	"<param name=\"utredning-max-manader\" value=\"12\">a</param>\n"
	"<param name=\"uppfoljning-marginal-dagar\" value=\"14\">b</param>\n"
	"<param name=\"handlaggningstid-dagar\" value=\"14\">c</param>\n"
	"<param name=\"utredning-start-dagar\" value=\"14\">d</param>\n"
	"<param name=\"fordjupad-efter-manader\" value=\"5\">e</param>\n"
	"</params>\n"
	"<section id=\"s\" title=\"s\">\n";

static const char checklist_tail[] = "</section>\n</checklist>\n";

static const char fixed_rules[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rules xmlns=\"urn:audit:rules:1\">\n"
	"<rule id=\"PLAN-01\" area=\"arbetsplan\">\n"
	"<title>Arbetsplan finns</title>\n"
	"<legal><ref law=\"SoL\" sfs=\"2001:453\" chapter=\"3\" paragraph=\"5\" valid-to=\"2025-06-30\" verified=\"false\"/>"
	"<ref law=\"SoL\" sfs=\"2025:400\" chapter=\"10\" paragraph=\"3\" valid-from=\"2025-07-01\"/></legal>\n"
	"<applies test=\"arende/@status='pagaende'\">Ärendet är avslutat.</applies>\n"
	"<verdicts><when verdict=\"uppfyllt\" test=\"arbetsplan\"><evidence select=\"arbetsplan\"/></when>"
	"<otherwise verdict=\"ej-uppfyllt\"><sought>arbetsplan</sought></otherwise></verdicts>\n"
	"<messages><message verdict=\"uppfyllt\">Finns.</message><message verdict=\"ej-uppfyllt\">Saknas.</message>"
	"<message verdict=\"ej-tillampligt\">Avslutat.</message></messages>\n"
	"</rule>\n"
	"<rule id=\"UTR-03\" area=\"utredning\">\n"
	"<title>Grundutredningen är aktuell</title>\n"
	"<legal><ref law=\"SoL\" sfs=\"2025:400\" chapter=\"5\" paragraph=\"1\" valid-from=\"2025-07-01\"/></legal>\n"
	"<applies test=\"utredning[@typ='grundutredning'] and arende/@status='pagaende'\">Ej.</applies>\n"
	"<verdicts><when verdict=\"uppfyllt\" test=\"days-between($ref, add-months(max-date("
	"utredning[@typ='grundutredning']/@datum | utredning[@typ='grundutredning']/@reviderad), "
	"$utredning-max-manader)) &gt;= 0\"><evidence select=\"utredning[@typ='grundutredning']\"/></when>"
	"<otherwise verdict=\"ej-uppfyllt\"><sought>aktuell grundutredning</sought></otherwise></verdicts>\n"
	"<messages><message verdict=\"uppfyllt\">Aktuell.</message>"
	"<message verdict=\"ej-uppfyllt\">Inte aktuell per {ref}.</message>"
	"<message verdict=\"ej-tillampligt\">Ej.</message></messages>\n"
	"</rule>\n"
	"<rule id=\"BESL-05\" area=\"beslut\">\n"
	"<title>Handläggningstiden är rimlig</title>\n"
	"<legal><ref law=\"FL\" sfs=\"2017:900\" paragraph=\"9\"/></legal>\n"
	"<for-each select=\"beslut[@datum][@ansokan = ../ansokan[@datum]/@id]\" item=\"beslut\"/>\n"
	"<verdicts><when verdict=\"uppfyllt\" test=\"days-between($akt/ansokan[@id = $item/@ansokan]/@datum, "
	"@datum) &lt;= $handlaggningstid-dagar and matches(../ansokan, 'f\xc3\xb6rs\\w+', 'i')\"/>"
	"<otherwise verdict=\"ej-uppfyllt\"><sought>beslut i tid</sought></otherwise></verdicts>\n"
	"<messages><message verdict=\"uppfyllt\">{met} av {total}.</message>"
	"<message verdict=\"delvis\">Överskreds för {failed}.</message>"
	"<message verdict=\"ej-uppfyllt\">Överskreds.</message>"
	"<message verdict=\"ej-tillampligt\">Inga.</message></messages>\n"
	"</rule>\n"
	"</rules>\n";

static const char fixed_akt[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<akt xmlns=\"urn:audit:akt:1\" version=\"1\" id=\"FZ-2025-0001\">\n"
	"<enhet id=\"FZ\" namn=\"Fuzzenheten\"/>\n"
	"<handlaggare id=\"fz-h1\">Handläggare</handlaggare>\n"
	"<arende status=\"pagaende\" oppnat=\"2025-02-03\"/>\n"
	"<hushall><person id=\"P1\" roll=\"sokande\" fodd=\"1988-04-12\"><namn>Namn</namn></person>"
	"<barn id=\"B1\" fodd=\"2016-09-01\"><namn>Barn</namn></barn></hushall>\n"
	"<ansokan id=\"ANS1\" datum=\"2025-02-03\" avser=\"försörjningsstöd\">Ansökan om försörjningsstöd.</ansokan>\n"
	"<utredning id=\"U1\" typ=\"grundutredning\" datum=\"2025-02-10\" upprattad-av=\"fz-h1\">"
	"<avsnitt typ=\"forsorjningshinder\" rubrik=\"Försörjningshinder\">Arbetslös sedan 2024.</avsnitt>"
	"<avsnitt typ=\"barnens-situation\" barn=\"B1\">Barnet går i skolan.</avsnitt></utredning>\n"
	"<beslut id=\"BE1\" datum=\"2025-02-12\" beslutsfattare=\"Socialsekreterare\" ansokan=\"ANS1\" "
	"utfall=\"delavslag\"><lagrum>4 kap. 1 § SoL</lagrum><motivering>Motivering.</motivering>"
	"<besvarshanvisning>Hur man överklagar.</besvarshanvisning></beslut>\n"
	"<arbetsplan id=\"AP1\" datum=\"2025-02-20\" uppfoljning-planerad=\"2025-05-20\"><mal>Arbete.</mal>"
	"<underskrift person=\"P1\" datum=\"2025-02-20\"/></arbetsplan>\n"
	"<journal><anteckning id=\"J1\" datum=\"2025-02-03\" signatur=\"fz-h1\" rubrik=\"Nybesök\">Besök.</anteckning></journal>\n"
	"</akt>\n";

static akt *the_akt;
static int verbose; /* FUZZ_VERBOSE=1: print every problem and what loaded */

static void on_problem(void *ud, const audit_err *p)
{
	char buf[2048];

	(void)ud;
	if (verbose)
		fprintf(stderr, "  %s\n", audit_err_str(p, buf, sizeof(buf)));
}

/* Collects the values of id="..." in <rule ...> start tags of data, as
 * long as they can be written into an attribute unchanged. */
static size_t find_rule_ids(const char *data, size_t size, char ids[][MAX_ID_LEN + 1])
{
	size_t n = 0;

	for (size_t i = 0; i + 6 < size && n < MAX_IDS; i++) {
		size_t j;
		if (memcmp(data + i, "<rule", 5) != 0 || (data[i + 5] != ' ' && data[i + 5] != '\n' &&
							  data[i + 5] != '\t'))
			continue;
		for (j = i + 5; j + 4 < size && data[j] != '>'; j++) {
			char q;
			size_t k, len;
			if (memcmp(data + j, " id=", 4) != 0 && memcmp(data + j, "\nid=", 4) != 0 &&
			    memcmp(data + j, "\tid=", 4) != 0)
				continue;
			q = data[j + 4];
			if (q != '"' && q != '\'')
				break;
			for (k = j + 5; k < size && data[k] != q; k++)
				;
			len = k - (j + 5);
			if (k >= size || len > MAX_ID_LEN || memchr(data + j + 5, '<', len) ||
			    memchr(data + j + 5, '&', len) || memchr(data + j + 5, '"', len) ||
			    memchr(data + j + 5, '\0', len))
				break;
			memcpy(ids[n], data + j + 5, len);
			ids[n][len] = '\0';
			n++;
			for (size_t m = 0; m + 1 < n; m++)
				if (strcmp(ids[m], ids[n - 1]) == 0) {
					n--; /* listed once */
					break;
				}
			break;
		}
	}
	return n;
}

/* Uses a loaded checklist as the program would. */
static void exercise(const checklist *cl)
{
	eval_ctx *ev = NULL;
	audit_err e;
	abuf b = ABUF_INIT;
	long ref = 0;

	checklist_lint_tests(cl, NULL, NULL);
	util_date_parse("2026-10-31", &ref);
	for (size_t i = 0; i < cl->n_basis; i++)
		legal_ref_format(&cl->basis[i], &b);
	for (size_t i = 0; i < cl->n_rules; i++)
		rule_refs_on(&cl->rules[i], ref, &b);
	abuf_free(&b);
	if (eval_ctx_new(&ev, cl, ref, &e) != AUDIT_OK)
		return;
	/* every rule's own test cases, as `audit rules test` */
	for (size_t i = 0; i < cl->n_rules; i++) {
		const rule *r = &cl->rules[i];
		for (size_t k = 0; k < r->n_cases; k++) {
			const rule_case *c = &r->cases[k];
			akt *a = NULL;
			eval_verdict v;
			long d = ref;

			util_date_parse(c->date, &d);
			eval_ctx_set_ref(ev, d);
			if (akt_load_buffer(&a, c->akt_xml, strlen(c->akt_xml), "case.xml", NULL, &e) == AUDIT_OK &&
			    eval_rule(ev, a, r, &v, &e) == AUDIT_OK)
				eval_verdict_clear(&v);
			akt_free(a);
		}
	}
	/* the checklist on a fixed akt, as `audit run` */
	if (the_akt) {
		eval_result res = { 0 };
		eval_ctx_set_ref(ev, ref);
		if (eval_akt(ev, the_akt, &res, &e) == AUDIT_OK)
			eval_result_free(&res);
	}
	eval_ctx_free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	static char ids[MAX_IDS][MAX_ID_LEN + 1];
	audit_err e;
	checklist *cl = NULL;
	abuf b = ABUF_INIT;
	size_t n_ids;
	rules_buffer rb;

	if (!initialised) {
		if (xmlsafe_global_init(&e) != AUDIT_OK)
			return 0;
		if (akt_load_buffer(&the_akt, fixed_akt, sizeof(fixed_akt) - 1, "fixed.xml", NULL, &e) != AUDIT_OK)
			the_akt = NULL;
		verbose = getenv("FUZZ_VERBOSE") != NULL;
		initialised = 1;
	}

	/* 1. the input as a rule file */
	n_ids = find_rule_ids((const char *)data, size, ids);
	abuf_puts(&b, checklist_head);
	for (size_t i = 0; i < n_ids; i++)
		abuf_printf(&b, "<criterion rule=\"%s\"/>\n", ids[i]);
	if (n_ids == 0)
		abuf_puts(&b, "<criterion rule=\"NONE\"/>\n");
	abuf_puts(&b, checklist_tail);
	rb.data = (const char *)data;
	rb.len = size;
	rb.name = "fuzz-rules.xml";
	if (checklist_load_buffers(&cl, abuf_str(&b), b.len, "fuzz-checklist.xml", &rb, 1, on_problem,
				   NULL, &e) == AUDIT_OK) {
		if (verbose)
			fprintf(stderr, "as rules: %zu rules, %zu criteria loaded\n", cl->n_rules, cl->n_items);
		exercise(cl);
		checklist_free(cl);
	}
	abuf_free(&b);

	/* 2. the input as a checklist */
	rb.data = fixed_rules;
	rb.len = sizeof(fixed_rules) - 1;
	rb.name = "fixed-rules.xml";
	if (checklist_load_buffers(&cl, (const char *)data, size, "fuzz-checklist.xml", &rb, 1,
				   on_problem, NULL, &e) == AUDIT_OK) {
		if (verbose)
			fprintf(stderr, "as checklist: %zu criteria loaded\n", cl->n_items);
		exercise(cl);
		checklist_free(cl);
	}
	return 0;
}
