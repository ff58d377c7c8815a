#!/usr/bin/env bash
# Injection and privacy (issue 8): unit ids, akt ids and names holding
# quotes, semicolons, slashes, "..", newlines (as &#10; where XML allows it)
# and 10,000 characters.  Names the akt format allows are stored byte for
# byte and printed safely; ids it does not allow are refused with a short,
# one-line message and the run goes on; `report --all -o DIR` writes one PDF
# per unit inside DIR and nowhere else, under a safe file name even for a
# unit id that is not one; no control character reaches the terminal; and
# an error about a malformed akt names the file but does not quote its
# text.  Person names and personnummer never reach the database, an export
# or a PDF.
set -u
shopt -u patsub_replacement 2>/dev/null   # bash 5.2: '&' in ${x//a/b} stays '&'
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
[ -x "$AUDIT" ] || { echo "FAIL: AUDIT=$AUDIT is not an executable"; exit 1; }
case $AUDIT in /*) ;; *) AUDIT="$PWD/$AUDIT" ;; esac
SQLQ=${SQLQ:-}
[ -n "$SQLQ" ] && [ -x "$SQLQ" ] || SQLQ=
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP" || exit 1
cd "$AUDIT_TMP" || exit 1
EX="$AUDIT_SRC/tests/data/akt/example.xml"
[ -f "$EX" ] || { echo "FAIL: no example akt at $EX"; exit 1; }
umask 022

pass=0 failn=0 skipped=0
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; echo "  condition: $2"; fi; }
A() { rc=0; timeout -k 2 120 "$AUDIT" "$@" >out 2>err || rc=$?; }
err1() { head -c 300 err | tr '\n\r' '  '; }
hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F; }
# a control character other than newline (tab allowed) in file $1
has_ctl() { LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"; }
# the longest line of file $1, in bytes
longest() { LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$1"; }

rc=0; "$AUDIT" validate "$EX" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: the example akt $EX does not validate (exit $rc); fix that first"; exit 1; }
EXAMPLE=$(<"$EX")
# values in the example that the cases replace
grep -q 'id="EX-2025-0001"' "$EX" && grep -q '<enhet id="EX" namn="[^"]*"/>' "$EX" &&
	grep -q '<handlaggare id="ex-h1">[^<]*</handlaggare>' "$EX" ||
	{ echo "FAIL: the example akt no longer has the elements this test edits"; exit 1; }
ENHET_LINE=$(grep -o '<enhet id="EX" namn="[^"]*"/>' "$EX")
HANDL_LINE=$(grep -o '<handlaggare id="ex-h1">[^<]*</handlaggare>' "$EX")
PERSON_NAME=$(grep -o '<namn>[^<]*</namn>' "$EX" | head -n 1 | sed 's/<[^>]*>//g')
PNR=$(grep -o '<personnummer>[^<]*</personnummer>' "$EX" | head -n 1 | sed 's/<[^>]*>//g')

# mk FILE AKT_ID UNIT_ID UNIT_NAME_XML HANDLAGGARE_XML [FROM TO]...: the
# example with those values (already escaped for XML) and optional further
# replacements
mk() {
	local f=$1 akt=$2 unit=$3 uname=$4 handl=$5 x=$EXAMPLE
	shift 5
	x=${x//id=\"EX-2025-0001\"/id=\"$akt\"}
	x=${x//"$ENHET_LINE"/<enhet id=\"$unit\" namn=\"$uname\"/>}
	x=${x//"$HANDL_LINE"/<handlaggare id=\"ex-h1\">$handl</handlaggare>}
	while [ $# -ge 2 ]; do x=${x//"$1"/$2}; shift 2; done
	printf '%s\n' "$x" >"$f"
}

# ------------------------------------------------------------ hostile names (allowed by the format)
# Unit name and handläggare name: quotes, semicolons, SQL, slashes, "..",
# a backslash, markup, a newline and a tab as character references, a
# right-to-left override, and a name at the format's limit (200).
NAME1_XML='Enhet &quot;Citat&quot; &apos;apostrof&apos;; DROP TABLE units; -- ../../etc/passwd \ &lt;b&gt;&amp;amp;&#10;rad två&#9;slut'
NAME1=$(printf 'Enhet "Citat" '"'"'apostrof'"'"'; DROP TABLE units; -- ../../etc/passwd \\ <b>&amp;\nrad två\tslut')
HANDL1_XML='Anna &quot;A&quot; O&apos;Neil; /../..&#10;rm -rf / ‮gnp.exe'
HANDL1=$(printf 'Anna "A" O'"'"'Neil; /../..\nrm -rf / \342\200\256gnp.exe')
LONG200=$(printf 'L%.0s' $(seq 199))X
# 10,000 characters of text where the format allows it (a motivering)
LONG10K=$(printf '"; DROP TABLE akter; -- ../%.0s' $(seq 400) | head -c 10000)
LONG10K_XML=${LONG10K//\"/&quot;}

mkdir -p in/good in/bad
# valid ids that are not safe file names, or only just: "..", ":", a
# trailing ".", 64 characters, and two ids that a naive mapping would merge
mk in/good/1.xml 'INJ..1' 'u..x' "$NAME1_XML" "$HANDL1_XML"
mk in/good/2.xml 'INJ:2' 'v:1' 'Enhet v:1' 'Handläggare två'
mk in/good/3.xml 'INJ_3' 'v_1' 'Enhet v_1' 'Handläggare tre'
mk in/good/4.xml 'INJ.4.' 'w.' "$LONG200" "$LONG200"
ID64=$(printf 'Z%.0s' $(seq 64))
mk in/good/5.xml "I$(printf '9%.0s' $(seq 63))" "$ID64" 'Enhet med långt id' 'Handläggare fem'
mk in/good/6.xml 'INJ-6' 'plain' 'Enhet ;&amp; vanlig' 'Handläggare sex' \
	'<motivering>' "<motivering>$LONG10K_XML "
GOOD_UNITS=('u..x' 'v:1' 'v_1' 'w.' "$ID64" 'plain')
GOOD_AKTER=('INJ..1' 'INJ:2' 'INJ_3' 'INJ.4.' "I$(printf '9%.0s' $(seq 63))" 'INJ-6')
for f in in/good/*.xml; do
	rc=0; "$AUDIT" validate "$f" >out 2>err || rc=$?
	check "good akt $f validates (exit $rc: $(head -c 300 out | tr '\n' ' '))" '[ "$rc" -eq 0 ]'
done

# ------------------------------------------------------------ hostile ids (refused by the format)
declare -A BAD
LOGLINE="FAKE-LOG-LINE-$$"
bad() { BAD[$1]=1; mk "in/bad/$1.xml" "${2}" "${3}" 'Enhet' 'Handläggare'; }
bad unit-quote      'BAD-1' 'u&quot;x'
bad unit-apos       'BAD-2' "u'x"
bad unit-semicolon  'BAD-3' 'u;rm -rf ~'
bad unit-slash      'BAD-4' 'a/b'
bad unit-dotdot     'BAD-5' '..'
bad unit-traversal  'BAD-6' '../../../../tmp/pwned'
bad unit-newline    'BAD-7' "u&#10;$LOGLINE: run 1 complete"
bad unit-10k        'BAD-8' "$(printf 'U%.0s' $(seq 10000))"
bad akt-quote       'A&quot;1' 'okunit'
bad akt-slash       'A/../../1' 'okunit'
bad akt-newline     "A&#10;$LOGLINE" 'okunit'
bad akt-10k         "$(printf 'A%.0s' $(seq 10000))" 'okunit'
bad akt-empty       '' 'okunit'
# names over the format's limit
mk in/bad/name-10k.xml 'BAD-N1' 'okunit' "$(printf 'N%.0s' $(seq 10000))" 'Handläggare'
BAD[name-10k]=1
mk in/bad/handl-10k.xml 'BAD-N2' 'okunit' 'Enhet' "$(printf 'H%.0s' $(seq 10000))"
BAD[handl-10k]=1
for name in $(printf '%s\n' "${!BAD[@]}" | sort); do
	f="in/bad/$name.xml"
	rc=0; timeout -k 2 20 "$AUDIT" validate "$f" >out 2>err || rc=$?
	cat out err >both
	check "$name: validate exits 1 (got $rc)" '[ "$rc" -eq 1 ]'
	check "$name: the message names the file ($(head -c 200 both | tr '\n' ' '))" 'grep -qF "$f" both'
	check "$name: no line of output is longer than 1,500 bytes (got $(longest both))" '[ "$(longest both)" -le 1500 ]'
	check "$name: no control character in the output" '! has_ctl both'
	check "$name: no line starts with text from the file" '! grep -q "^$LOGLINE" both'
done

# ------------------------------------------------------------ run
mkdir -p "in/all"
cp in/good/*.xml in/all/
for name in "${!BAD[@]}"; do cp "in/bad/$name.xml" "in/all/bad-$name.xml"; done
# a file whose name holds a newline and an escape sequence (it is refused:
# its unit id has a slash)
cp in/bad/unit-slash.xml "in/all/$(printf 'nl\n%s: run 1 complete \033[2J.xml' "$LOGLINE")"
n_bad=$(( ${#BAD[@]} + 1 ))
DB="$AUDIT_TMP/inj.db"
A run --db "$DB" --date 2026-10-31 in/all
check "run: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
check "run: 6 akter evaluated, $n_bad files refused ($(tail -n 1 err))" \
	'grep -q "6 akter evaluated, $n_bad files could not be imported" err'
check "run: no control character on stdout or stderr" '! has_ctl out && ! has_ctl err'
check "run: no line of output starts with text from a file" '! grep -q "^$LOGLINE" out err'
check "run: no line longer than 1,500 bytes (got $(longest err))" '[ "$(longest err)" -le 1500 ]'
check "run: neither the 10,000-character id nor the name is printed whole" \
	'! grep -Eq "U{1100}|A{1100}|N{1100}|H{1100}" out err'

# ---- stored intact
A export --db "$DB" --run latest --format csv -o "$AUDIT_TMP/x.csv"
check "export csv: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
A export --db "$DB" --run latest --format json -o "$AUDIT_TMP/x.json"
check "export json: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
for i in "${!GOOD_AKTER[@]}"; do
	akt=${GOOD_AKTER[$i]} unit=${GOOD_UNITS[$i]}
	n=$(grep -cF ",$unit,$akt,ex-h1," x.csv)
	check "export csv: the rows of unit $unit, akt $akt as written (got $n)" '[ "$n" -ge 1 ]'
	check "export json: akt $akt of unit $unit as written" \
		'grep -qF "\"akt\":\"$akt\",\"unit\":\"$unit\"" x.json'
done
if command -v python3 >/dev/null 2>&1; then
	check "export json: one valid JSON document" 'python3 -m json.tool x.json >/dev/null 2>&1'
	check "export csv: every row has as many fields as the header (RFC 4180)" \
		'python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\"))); sys.exit(0 if len(r) > 1 and all(len(x) == len(r[0]) for x in r) else 1)" x.csv'
else
	skip "python3 missing: JSON and CSV are not parsed"
fi
if [ -n "$SQLQ" ]; then
	got=$("$SQLQ" "$DB" "SELECT hex(name) FROM units WHERE unit_id = 'u..x'")
	check "database: the unit name with quotes, SQL, slashes, markup, newline and tab is stored byte for byte" \
		'[ "$got" = "$(hex "$NAME1")" ]'
	got=$("$SQLQ" "$DB" "SELECT hex(handlaggare_name) FROM akter WHERE akt_id = 'INJ..1'")
	check "database: the handläggare name is stored byte for byte" '[ "$got" = "$(hex "$HANDL1")" ]'
	got=$("$SQLQ" "$DB" "SELECT name FROM units WHERE unit_id = 'w.'")
	check "database: a 200-character name is stored whole" '[ "$got" = "$LONG200" ]'
	check "database: the tables are all still there" \
		'[ "$("$SQLQ" "$DB" "SELECT count(*) FROM sqlite_schema WHERE name IN (\"units\", \"akter\", \"verdicts\")")" = 3 ]'
	"$SQLQ" "$DB" "SELECT * FROM runs; SELECT * FROM units; SELECT * FROM akter; SELECT * FROM verdicts; SELECT * FROM reviews" >dump.txt 2>&1
	check "database: no person name or personnummer stored" \
		'[ -s dump.txt ] && ! grep -qF "$PERSON_NAME" dump.txt && ! grep -qF "$PNR" dump.txt'
	check "database: the 10,000-character text is not stored" '! grep -qF "${LONG10K:0:200}" dump.txt'
else
	skip "sqlq missing: the stored names are not compared byte for byte"
fi

# ---- report --all stays inside its folder
SAND="$AUDIT_TMP/sand"
mkdir -p "$SAND/out"
: >"$AUDIT_TMP/stamp"
sleep 1
A report --db "$DB" --run latest --all -o "$SAND/out"
check "report --all: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
check "report --all: no control character on stderr" '! has_ctl err'
# every file written since the stamp, here and one level up (where another
# unit's "../x" would land), and where the traversal ids point
outside=$( { find "$AUDIT_TMP" -newer "$AUDIT_TMP/stamp" -type f ! -path "$SAND/out/*" \
	! -path "$AUDIT_TMP/out" ! -path "$AUDIT_TMP/err" ! -path "$DB" ! -path "$DB-*";
	find "$(dirname "$AUDIT_TMP")" -maxdepth 1 -newer "$AUDIT_TMP/stamp" -type f -name '*.pdf';
	ls -d /tmp/pwned* 2>/dev/null; } 2>/dev/null | head -n 5)
check "report --all: no file written outside the folder (${outside:-none})" '[ -z "$outside" ]'
check "report --all: nothing created beside the folder" '[ "$(ls -A "$SAND")" = out ]'
n_pdf=$(find "$SAND/out" -type f -name '*.pdf' | wc -l)
check "report --all: one PDF per unit, ${#GOOD_UNITS[@]} (got $n_pdf: $(ls "$SAND/out" | tr '\n' ' '))" \
	'[ "$n_pdf" -eq "${#GOOD_UNITS[@]}" ]'
check "report --all: nothing but files directly in the folder" \
	'[ -z "$(find "$SAND/out" -mindepth 1 ! -type f)" ]'
bad_names=$(ls -A "$SAND/out" | LC_ALL=C grep -Ev '^[A-Za-z0-9_-][A-Za-z0-9._-]{0,110}\.pdf$')
check "report --all: every file name is a safe name (${bad_names:-all are})" '[ -z "$bad_names" ]'
check "report --all: the safe unit ids keep their own names" \
	'[ -f "$SAND/out/u..x.pdf" ] && [ -f "$SAND/out/v_1.pdf" ] && [ -f "$SAND/out/plain.pdf" ] && [ -f "$SAND/out/$ID64.pdf" ]'
for f in "$SAND"/out/*.pdf; do
	[ -e "$f" ] || continue
	check "report --all: $(basename "$f") is 0600 (got $(stat -c %a "$f"))" '[ "$(stat -c %a "$f")" = 600 ]'
done
# the unit that has no safe name still gets its report by name
A report --db "$DB" --run latest --unit 'v:1' -o "$SAND/out/v-colon.pdf"
check "report --unit v:1: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ] && [ -s "$SAND/out/v-colon.pdf" ]'
# an id that is a path is a unit name, never a path
A report --db "$DB" --run latest --unit '../../../../tmp/pwned' -o "$SAND/out/x.pdf"
check "report --unit ../../..: refused as an unknown unit (exit $rc: $(err1))" \
	'[ "$rc" -ne 0 ] && [ ! -e /tmp/pwned.pdf ] && [ ! -e "$SAND/out/x.pdf" ]'

# ---- printed safely in the PDFs; person data never in them
A report --db "$DB" --run latest --namnd -o "$SAND/namnd.pdf"
check "report --namnd: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
A report --db "$DB" --run latest --unit 'u..x' --actions -o "$SAND/actions.pdf"
check "report --actions: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
if command -v pdftotext >/dev/null 2>&1; then
	for f in "$SAND"/out/*.pdf "$SAND/namnd.pdf" "$SAND/actions.pdf"; do
		[ -e "$f" ] || continue
		pdftotext -enc UTF-8 "$f" text.txt 2>/dev/null
		check "$(basename "$f"): no person name or personnummer" \
			'! grep -qF "$PERSON_NAME" text.txt && ! grep -qF "$PNR" text.txt'
		check "$(basename "$f"): none of the 10,000-character text" '! grep -qF "DROP TABLE akter" text.txt'
	done
	pdftotext -enc UTF-8 "$SAND/out/u..x.pdf" text.txt 2>/dev/null
	check "u..x.pdf: the unit name is printed with its quotes, semicolon and markup as text" \
		'tr "\n" " " <text.txt | grep -qF "DROP TABLE units"'
else
	skip "pdftotext missing: the PDFs' text is not checked"
fi

# ------------------------------------------------------------ errors do not quote akt content
SECRET="HEMLIG-$$-TEXT"
mkdir -p in/malformed
# not well-formed: a tag left open inside the secret text
mk in/malformed/open-tag.xml 'MAL-1' 'okunit' 'Enhet' 'Handläggare' \
	'<motivering>' "<motivering>$SECRET <b> mer $SECRET "
# an element the format does not know, holding the secret
mk in/malformed/unknown-element.xml 'MAL-2' 'okunit' 'Enhet' 'Handläggare' \
	'<motivering>' "<hemlig>$SECRET</hemlig><motivering>"
# a text over its limit (a personnummer of 300 characters)
mk in/malformed/too-long.xml 'MAL-3' 'okunit' 'Enhet' 'Handläggare' \
	"<personnummer>$PNR</personnummer>" "<personnummer>$SECRET$(printf 'x%.0s' $(seq 300))</personnummer>"
# text where the format wants a date or a choice
mk in/malformed/bad-date.xml 'MAL-4' 'okunit' 'Enhet' 'Handläggare' \
	'datum="2025-02-12"' "datum=\"$SECRET\""
mk in/malformed/bad-choice.xml 'MAL-5' 'okunit' 'Enhet' 'Handläggare' \
	'utfall="delavslag"' "utfall=\"$SECRET\""
# an invalid byte in the secret text
mk in/malformed/bad-utf8.xml 'MAL-6' 'okunit' 'Enhet' 'Handläggare' \
	'<motivering>' "<motivering>$SECRET $(printf '\377') "
for f in in/malformed/*.xml; do
	name=$(basename "$f" .xml)
	rc=0; timeout -k 2 20 "$AUDIT" validate "$f" >out 2>err || rc=$?
	cat out err >both
	check "malformed $name: validate exits 1 and names the file (exit $rc)" '[ "$rc" -eq 1 ] && grep -qF "$f" both'
	check "malformed $name: validate does not quote the akt's content ($(grep -F "$SECRET" both | head -c 200))" \
		'! grep -qF "$SECRET" both'
	rc=0; timeout -k 2 60 "$AUDIT" run --db "$AUDIT_TMP/mal.db" --date 2026-10-31 "$f" >out 2>err || rc=$?
	cat out err >both
	check "malformed $name: run names the file as skipped (exit $rc)" 'grep -F "$f" both | grep -q skipped'
	check "malformed $name: run does not quote the akt's content ($(grep -F "$SECRET" both | head -c 200))" \
		'! grep -qF "$SECRET" both'
done
A export --db "$AUDIT_TMP/mal.db" --run latest --format json
check "malformed: the stored reasons do not quote the content either" '! grep -qF "$SECRET" out'

echo "injection: $pass passed, $failn failed, $skipped skipped"
[ "$failn" -eq 0 ]
