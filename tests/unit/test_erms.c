/* test_erms.c - archival formats (issue 6).
 *
 * 1. Every file in ../shared/formats/ (beside the source tree; skipped when
 *    absent): no crash, each either imported (with warnings) or rejected
 *    with a reason.
 * 2. The Church of Sweden example yields its case number, responsible
 *    person, documents and decision.
 * 3. Every sample akt converted to ERMS v3 is valid against ERMS_v3.xsd,
 *    reads back to the same akt (attributes, elements, text) and gives the
 *    same verdict, message and evidence for every criterion of both
 *    checklists.
 * 4. Profiles, identity numbers, FGS 1.0, hostile input in ERMS clothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/tree.h>

#include "akt.h"
#include "convert.h"
#include "eval.h"
#include "import_erms.h"
#include "import_util.h"
#include "paths.h"
#include "profile.h"
#include "rules.h"
#include "util.h"
#include "xmlsafe.h"

#define REF_DATE "2026-10-31"

/* ---- a canonical text of a document: names, sorted attributes, trimmed text ---- */

static int cmp_attr(const void *a, const void *b)
{
	return strcmp((*(xmlAttrPtr const *)a)->name ? (const char *)(*(xmlAttrPtr const *)a)->name : "",
		      (const char *)(*(xmlAttrPtr const *)b)->name);
}

static void canon(xmlNodePtr n, abuf *out, int depth)
{
	xmlAttrPtr at[64];
	size_t k = 0;

	for (xmlAttrPtr a = n->properties; a && k < 64; a = a->next)
		at[k++] = a;
	qsort(at, k, sizeof(at[0]), cmp_attr);
	abuf_printf(out, "%*s<%s", depth * 2, "", (const char *)n->name);
	for (size_t i = 0; i < k; i++) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)at[i]);
		abuf_printf(out, " %s=\"%s\"", (const char *)at[i]->name, v ? (const char *)v : "");
		xmlFree(v);
	}
	abuf_puts(out, ">\n");
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			canon(c, out, depth + 1);
		} else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			char *t = import_text(c);
			if (t && t[0])
				abuf_printf(out, "%*s\"%s\"\n", depth * 2 + 2, "", t);
			xmlFree(t);
		}
	}
}

static char *canon_doc(xmlDocPtr doc)
{
	abuf b = ABUF_INIT;
	canon(xmlDocGetRootElement(doc), &b, 0);
	return abuf_take(&b);
}

/* ---- 1. every shared file ---- */

struct count {
	int n;
	akt *keep;
};

static int count_akt(void *ud, akt *a)
{
	struct count *c = ud;
	c->n++;
	if (c->keep == NULL)
		c->keep = a;
	else
		akt_free(a);
	return AUDIT_OK;
}

static void each_file(const char *dir, int *files, int *imported, int *rejected)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char *p;
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		p = util_path_join(dir, de->d_name);
		if (p && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			each_file(p, files, imported, rejected);
		} else if (p) {
			struct count c = { 0, NULL };
			audit_err e;
			int rc;
			audit_err_clear(&e);
			rc = akt_load_each(p, NULL, count_akt, &c, &e);
			(*files)++;
			if (rc == AUDIT_OK && c.n > 0) {
				(*imported)++;
				printf("     imported %s: %d akt(er), format %s, %zu warnings\n", de->d_name, c.n,
				       c.keep->format, c.keep->n_warnings);
			} else {
				char buf[1200];
				(*rejected)++;
				TEST_COND("a rejected file has a reason", rc < 0 && e.msg[0] != '\0');
				printf("     rejected %s: %s\n", de->d_name, audit_err_str(&e, buf, sizeof(buf)));
			}
			akt_free(c.keep);
		}
		free(p);
	}
	closedir(d);
}

static xmlNodePtr first_el(xmlNodePtr n, const char *name)
{
	return xmlsafe_child(n, name);
}

static int has_warning(const akt *a, const char *needle)
{
	for (size_t i = 0; i < a->n_warnings; i++)
		if (strstr(a->warnings[i], needle))
			return 1;
	return 0;
}

static void check_svk(const char *shared)
{
	char path[4096];
	akt *a = NULL;
	audit_err e;
	xmlNodePtr root, n;
	char *v;

	{
		int k = snprintf(path, sizeof(path), "%s/svk/exempel.xml", shared);
		if (k < 0 || (size_t)k >= sizeof(path))
			return;
	}
	TEST_COND("SvK example imports", akt_load(&a, path, NULL, &e) == AUDIT_OK && a);
	if (a == NULL) {
		printf("     %s\n", e.msg);
		return;
	}
	TEST_STREQ("SvK: format (valid 2.1.2, invalid v3 only on 'digitial')", a->format, "erms-2.1");
	TEST_STREQ("SvK: case number", a->id, "F-2019-0032");
	TEST_STREQ("SvK: responsible person", a->handlaggare_name, "Johan Göransson");
	TEST_STREQ("SvK: responsible person's user id", a->handlaggare_id, "svkjogo");
	TEST_STREQ("SvK: unit from the archive creator", a->unit_name, "Sunne pastorat");
	root = xmlDocGetRootElement(a->doc);
	n = first_el(root, "arende");
	v = xmlsafe_attr(n, "status");
	TEST_STREQ("SvK: closed case", v, "avslutat");
	xmlFree(v);
	v = xmlsafe_attr(n, "oppnat");
	TEST_STREQ("SvK: opened", v, "2020-05-20");
	xmlFree(v);
	v = xmlsafe_attr(n, "avslutat");
	TEST_STREQ("SvK: closed", v, "2020-05-30");
	xmlFree(v);
	n = first_el(root, "beslut");
	TEST_COND("SvK: the decision is there", n != NULL);
	v = xmlsafe_attr(n, "datum");
	TEST_STREQ("SvK: decision date", v, "2020-05-20");
	xmlFree(v);
	v = xmlsafe_attr(n, "beslutsfattare");
	TEST_STREQ("SvK: decided by", v, "Kyrkorådet");
	xmlFree(v);
	for (n = first_el(first_el(root, "journal"), "anteckning"); n; n = n->next) {
		char *r = n->type == XML_ELEMENT_NODE ? xmlsafe_attr(n, "rubrik") : NULL;
		int hit = r != NULL;
		xmlFree(r);
		if (hit)
			break;
	}
	TEST_COND("SvK: the document is there (kept as a journal entry)", n != NULL);
	v = xmlsafe_attr(n, "rubrik");
	TEST_STREQ("SvK: document title", v, "Handlingens titel");
	xmlFree(v);
	v = xmlsafe_attr(n, "datum");
	TEST_STREQ("SvK: document date (registered)", v, "2020-02-03");
	xmlFree(v);
	v = xmlsafe_attr(n, "signatur");
	TEST_STREQ("SvK: document creator", v, "amahan");
	xmlFree(v);
	TEST_COND("SvK: unknown record type reported",
		  has_warning(a, "okänd handlingstyp 'ärendedokument'") && has_warning(a, "inte mappad"));
	TEST_COND("SvK: outcome guessed and reported", has_warning(a, "utfall"));
	n = first_el(first_el(root, "journal"), "anteckning");
	v = xmlsafe_attr(n, "datum");
	TEST_STREQ("SvK: the case's comment is a dated journal entry", v, "2019-02-21");
	xmlFree(v);
	TEST_COND("SvK: extension data reported", has_warning(a, "ERMS-SVK-ARENDE"));
	TEST_COND("SvK: warnings name the file and line", a->n_warnings > 0 && strstr(a->warnings[0], "exempel.xml:"));
	akt_free(a);

	/* a copy that breaks the schema: still imported, with the departure as a warning */
	{
		char *buf = NULL, *pos;
		size_t len;
		abuf b = ABUF_INIT;
		if (util_read_file(&buf, &len, path, 1 << 22, &e) == AUDIT_OK &&
		    (pos = strstr(buf, "<keywords>")) != NULL) {
			abuf_add(&b, buf, (size_t)(pos - buf));
			abuf_puts(&b, "<bogus/>");
			abuf_puts(&b, pos);
			TEST_COND("schema violation is a warning, not an error",
				  akt_load_buffer(&a, b.data, b.len, "bad.xml", NULL, &e) == AUDIT_OK && a &&
				  has_warning(a, "följer inte") && has_warning(a, "bogus"));
			akt_free(a);
			a = NULL;
		}
		abuf_free(&b);
		free(buf);
	}
}

/* ---- 3. round trip ---- */

static int same_verdicts(eval_ctx *ev, const akt *x, const akt *y, char *why, size_t n)
{
	eval_result rx = { 0 }, ry = { 0 };
	audit_err e;
	int same = 1;

	if (eval_akt(ev, x, &rx, &e) != AUDIT_OK || eval_akt(ev, y, &ry, &e) != AUDIT_OK || rx.n != ry.n) {
		snprintf(why, n, "evaluation failed: %.400s", e.msg);
		same = 0;
	}
	for (size_t i = 0; same && i < rx.n; i++) {
		const eval_verdict *a = &rx.v[i], *b = &ry.v[i];
		if (a->value != b->value || strcmp(a->message ? a->message : "", b->message ? b->message : "") != 0 ||
		    a->items_total != b->items_total || a->items_met != b->items_met ||
		    a->n_evidence != b->n_evidence) {
			snprintf(why, n, "%s: %d/%d '%s' vs '%s'", a->rule->id, (int)a->value, (int)b->value,
				 a->message ? a->message : "", b->message ? b->message : "");
			same = 0;
		}
	}
	eval_result_free(&rx);
	eval_result_free(&ry);
	return same;
}

static void round_trip(const char *src, int have_schema)
{
	char path[4096];
	path_list files = { 0 };
	checklist *cl[2] = { NULL, NULL };
	eval_ctx *ev[2] = { NULL, NULL };
	const char *names[2] = { "ekonomiskt-bistand", "egenkontroll" };
	audit_err e;
	long ref, today = 0;
	int n = 0, valid = 0, same_doc = 0, same_v = 0, warned = 0;

	util_date_parse(REF_DATE, &ref);
	util_date_parse("2026-11-23", &today);
	for (int k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "%s/checklists/%s.xml", src, names[k]);
		if (checklist_load(&cl[k], path, NULL, NULL, NULL, &e) != AUDIT_OK ||
		    eval_ctx_new(&ev[k], cl[k], ref, &e) != AUDIT_OK)
			printf("     checklist %s: %s\n", names[k], e.msg);
	}
	TEST_COND("checklists load", ev[0] && ev[1]);
	snprintf(path, sizeof(path), "%s/samples", src);
	TEST_COND("samples found", paths_add(&files, path, &e) == AUDIT_OK && files.n >= 60);
	for (size_t i = 0; i < files.n && ev[0] && ev[1]; i++) {
		akt *a = NULL, *b = NULL;
		abuf out = ABUF_INIT;
		char *ca = NULL, *cb = NULL, why[600] = "";
		if (akt_load(&a, files.v[i], NULL, &e) != AUDIT_OK) {
			printf("     %s: %s\n", files.v[i], e.msg);
			continue;
		}
		n++;
		if (convert_to_erms(a, NULL, today, &out, NULL, NULL, &e) != AUDIT_OK) {
			printf("FAIL convert %s: %s\n", files.v[i], e.msg);
			akt_free(a);
			abuf_free(&out);
			continue;
		}
		if (have_schema) {
			xmlDocPtr d = NULL;
			if (xmlsafe_parse(&d, out.data, out.len, "erms.xml", &e) == AUDIT_OK &&
			    import_erms_validate_v3(d, NULL, NULL) == 0)
				valid++;
			else
				printf("FAIL %s: not valid ERMS v3\n", files.v[i]);
			xmlFreeDoc(d);
		}
		if (akt_load_buffer(&b, out.data, out.len, "erms.xml", NULL, &e) != AUDIT_OK) {
			printf("FAIL import back %s: %s\n", files.v[i], e.msg);
		} else {
			if (b->n_warnings) {
				warned++;
				printf("     %s: %s\n", files.v[i], b->warnings[0]);
			}
			ca = canon_doc(a->doc);
			cb = canon_doc(b->doc);
			if (ca && cb && strcmp(ca, cb) == 0)
				same_doc++;
			else if (same_doc + 3 > n) {
				/* show where the first difference is */
				size_t k = 0;
				while (ca && cb && ca[k] && ca[k] == cb[k])
					k++;
				printf("FAIL %s differs after round trip at:\n  %.200s\n  vs\n  %.200s\n", files.v[i],
				       ca ? ca + (k > 80 ? k - 80 : 0) : "", cb ? cb + (k > 80 ? k - 80 : 0) : "");
			}
			if (same_verdicts(ev[0], a, b, why, sizeof(why)) && same_verdicts(ev[1], a, b, why, sizeof(why)))
				same_v++;
			else
				printf("FAIL %s: verdicts differ: %s\n", files.v[i], why);
		}
		free(ca);
		free(cb);
		abuf_free(&out);
		akt_free(a);
		akt_free(b);
	}
	printf("     %d sample akter: %d valid ERMS v3, %d read back the same, %d same verdicts, %d with warnings\n",
	       n, valid, same_doc, same_v, warned);
	TEST_COND("every sample converted to ERMS v3 is valid against ERMS_v3.xsd", !have_schema || valid == n);
	TEST_COND("every sample reads back to the same akt", same_doc == n && n > 0);
	TEST_COND("every sample gives the same verdicts as ERMS", same_v == n && n > 0);
	TEST_COND("no warnings reading our own ERMS back", warned == 0);
	for (int k = 0; k < 2; k++) {
		eval_ctx_free(ev[k]);
		checklist_free(cl[k]);
	}
	paths_free(&files);
}

/* ---- 4. small cases ---- */

static void check_small(void)
{
	char d[11];
	audit_err e;
	akt *a = NULL;
	profile *p = NULL;
	char *s;

	TEST_COND("personnummer with century", import_birth_from_idnumber("19870812-8024", 0, d) == 0 &&
		  strcmp(d, "1987-08-12") == 0);
	TEST_COND("samordningsnummer: day + 60", import_birth_from_idnumber("199003720012", 1, d) == 0 &&
		  strcmp(d, "1990-03-12") == 0);
	TEST_COND("samordningsnummer without century",
		  import_birth_from_idnumber("900372-0012", 1, d) == 0 && strcmp(d, "1990-03-12") == 0);
	TEST_COND("not a date", import_birth_from_idnumber("19871312-8024", 0, d) < 0);
	TEST_COND("date-time to date", import_date("2020-05-22T00:00:00", d) == 0 && strcmp(d, "2020-05-22") == 0);
	TEST_COND("no date", import_date("2020-13-01", d) < 0 && import_date("x", d) < 0);
	s = import_id("F 2019-0032");
	TEST_STREQ("ids made valid", s, "F-2019-0032");
	free(s);
	s = import_slug("Sunne pastorat, Södra");
	TEST_STREQ("slugs", s, "sunne-pastorat-sodra");
	free(s);
	s = profile_normalize("  Fördjupad_UTREDNING ");
	TEST_STREQ("normalised values", s, "fördjupad utredning");
	free(s);
	{
		const profile *dp = profile_default(&e);
		int sec;
		TEST_COND("default profile loads", dp != NULL);
		TEST_COND("alternatives, any case", dp && profile_lookup(dp, PG_RECORD, "FÖRÄNDRINGSPLAN", NULL) == PR_ARBETSPLAN);
		TEST_COND("child role", dp && profile_lookup(dp, PG_ROLE, "hushållsmedlem:barn", NULL) == PO_BARN);
		TEST_COND("appeal note", dp && profile_lookup(dp, PG_NOTE, "Överklagandehänvisning", NULL) == PN_BESVARSHANVISNING);
		TEST_COND("section note", dp && profile_lookup(dp, PG_NOTE, "Barnets bästa", &sec) == PN_AVSNITT &&
			  strcmp(profile_sections[sec], "barnets-basta") == 0);
		TEST_COND("outcome by words, delavslag before avslag",
			  dp && profile_lookup(dp, PG_OUTCOME, "Ansökan avslås delvis", NULL) == PU_DELAVSLAG &&
			  profile_lookup(dp, PG_OUTCOME, "Ansökan avslås", NULL) == PU_AVSLAG);
		TEST_COND("unknown value", dp && profile_lookup(dp, PG_RECORD, "faktura", NULL) < 0);
	}
	{
		const char *x = "<profile xmlns=\"urn:audit:profile:1\" version=\"1\" id=\"x\"><title>t</title></profile>";
		TEST_COND("an incomplete profile is refused with a place", profile_load_buffer(&p, x, strlen(x), "p.xml", &e) ==
			  AUDIT_EINPUT && e.line == 1 && strstr(e.file, "p.xml"));
		profile_free(p);
	}
	{
		/* hostile input in ERMS clothing is refused before parsing */
		const char *x = "<?xml version=\"1.0\"?><!DOCTYPE erms [<!ENTITY a \"aaaa\">]>"
				"<erms xmlns=\"https://DILCIS.eu/XML/ERMS\">&a;</erms>";
		TEST_COND("DTD in an ERMS file refused", akt_load_buffer(&a, x, strlen(x), "h.xml", NULL, &e) == AUDIT_EINPUT &&
			  strstr(e.msg, "document type"));
		akt_free(a);
	}
	{
		const char *x = "<erms xmlns=\"https://DILCIS.eu/XML/ERMS\"><control/><records/></erms>";
		TEST_COND("records without a case are rejected with a reason",
			  akt_load_buffer(&a, x, strlen(x), "r.xml", NULL, &e) == AUDIT_EINPUT && strstr(e.msg, "case file"));
		akt_free(a);
	}
	{
		/* FGS Ärendehantering 1.0: two ärenden in one file */
		const char *x =
			"<Leveransobjekt xmlns=\"http://xml.ra.se/e-arkiv/FGS-ERMS\"><ArkivobjektListaArenden>"
			"<ArkivobjektArende><ArkivobjektID>SN 2024-17</ArkivobjektID>"
			"<ExtraID ExtraIDTyp=\"enhet\">norr</ExtraID><Avslutat>2024-06-01</Avslutat>"
			"<Agent><Roll>Handläggare</Roll><Namn>Eva Ek</Namn><Enhetsnamn>Norr</Enhetsnamn></Agent>"
			"<Motpart><Namn>Ali A</Namn><IDnummer Typ=\"2\">199003720012</IDnummer></Motpart>"
			"<Inkommen>2024-01-10</Inkommen><StatusArande>Stängt</StatusArande><Arendemening>EB</Arendemening>"
			"<ArkivobjektListaHandlingar>"
			"<ArkivobjektHandling><ArkivobjektID>1</ArkivobjektID><Handlingstyp>Ansökan</Handlingstyp>"
			"<Beskrivning>Ansökan om försörjningsstöd</Beskrivning><Inkommen>2024-01-10</Inkommen></ArkivobjektHandling>"
			"<ArkivobjektHandling><ArkivobjektID>2</ArkivobjektID><Handlingstyp>Beslut</Handlingstyp>"
			"<Rubrik>Beslut: avslag</Rubrik><Upprattad>2024-01-20</Upprattad></ArkivobjektHandling>"
			"<ArkivobjektHandling><ArkivobjektID>3</ArkivobjektID><Handlingstyp>Faktura</Handlingstyp>"
			"<Rubrik>Hyra</Rubrik><Upprattad>2024-01-21</Upprattad></ArkivobjektHandling>"
			"</ArkivobjektListaHandlingar></ArkivobjektArende>"
			"<ArkivobjektArende><ArkivobjektID>SN 2024-18</ArkivobjektID><Inkommen>2024-02-01</Inkommen>"
			"<Arendemening>EB</Arendemening></ArkivobjektArende>"
			"</ArkivobjektListaArenden></Leveransobjekt>";
		struct count c = { 0, NULL };
		TEST_COND("FGS 1.0 file with two ärenden", akt_load_buffer_each(x, strlen(x), "f.xml", NULL, count_akt, &c, &e) ==
			  AUDIT_OK && c.n == 2);
		if (c.keep) {
			xmlNodePtr root = xmlDocGetRootElement(c.keep->doc), p1 = xmlsafe_child(xmlsafe_child(root, "hushall"), "person");
			char *fodd = xmlsafe_attr(p1, "fodd"), *utfall = xmlsafe_attr(xmlsafe_child(root, "beslut"), "utfall");
			TEST_STREQ("FGS: format", c.keep->format, "fgs-1");
			TEST_STREQ("FGS: akt id", c.keep->id, "SN-2024-17");
			TEST_STREQ("FGS: unit", c.keep->unit_id, "norr");
			TEST_STREQ("FGS: handläggare", c.keep->handlaggare_name, "Eva Ek");
			TEST_STREQ("FGS: birth date from samordningsnummer", fodd, "1990-03-12");
			TEST_STREQ("FGS: outcome from the title", utfall, "avslag");
			TEST_COND("FGS: unknown Handlingstyp reported", has_warning(c.keep, "okänd handlingstyp 'Faktura'"));
			xmlFree(fodd);
			xmlFree(utfall);
			akt_free(c.keep);
		}
	}
}

int main(void)
{
	const char *src = getenv("AUDIT_SRC");
	char shared[4096], schemas[4200];
	struct stat st;
	audit_err e;
	int have_shared, v3 = 0;

	if (src == NULL)
		src = ".";
	snprintf(shared, sizeof(shared), "%s/../shared/formats", src);
	have_shared = stat(shared, &st) == 0 && S_ISDIR(st.st_mode);
	snprintf(schemas, sizeof(schemas), "%s/erms", shared);
	if (have_shared)
		setenv("AUDIT_ERMS_SCHEMAS", schemas, 1);
	TEST_COND("xml init", xmlsafe_global_init(&e) == AUDIT_OK);
	import_erms_schemas(&v3, NULL);
	if (have_shared) {
		int files = 0, imported = 0, rejected = 0;
		TEST_COND("ERMS schemas load from ../shared", v3);
		each_file(shared, &files, &imported, &rejected);
		TEST_COND("every shared file imported or rejected", files > 0 && imported + rejected == files);
		TEST_COND("the ERMS examples import", imported >= 2);
		check_svk(shared);
	} else {
		printf("     skip: %s is absent (shared examples and ERMS_v3.xsd)\n", shared);
	}
	check_small();
	round_trip(src, v3);
	xmlsafe_global_cleanup();
	return TEST_REPORT();
}
