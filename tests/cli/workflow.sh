#!/usr/bin/env bash
# The inspection workflow (issue 4) through the command line: a seeded
# sample against the checked-in expected sample, the sample-size
# computation, `run --sample` (and its refusal of changed akter), the
# inspector's review one by one and through a spreadsheet CSV (a file with
# bad rows changes nothing), history across runs, reviewed verdicts in
# the report, and the man page.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}" "${SQLQ:?}"
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP"
cd "$AUDIT_TMP" || exit 1
pass=0 failn=0
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; fi; }

db="$AUDIT_TMP/w.db"
cp -r "$AUDIT_SRC/samples" "$AUDIT_TMP/akter"
S="$AUDIT_TMP/akter"

# ---- sampling: the same seed and frame give the checked-in sample
"$AUDIT" sample --db "$db" --unit norrby --size 8 --seed 2026 "$S" >s1.out 2>s1.err
check "sample exits 0" '[ $? -eq 0 ]'
check "sample prints its number, method, size and seed" \
	'grep -q "^urval 1: obundet slumpmässigt, 8 av 24 akter, enhet norrby, frö 2026$" s1.out'
"$AUDIT" sample --db "$db" --unit soderas --margin 0.10 --stratify barn --date 2026-10-31 \
	--seed 2026 "$S" >s2.out 2>s2.err
check "stratified sample exits 0" '[ $? -eq 0 ]'
{
	echo "# audit sample --unit norrby --size 8 --seed 2026 samples"
	awk '/^  [A-Z][A-Z]-/{print $1}' s1.out
	echo "# audit sample --unit soderas --margin 0.10 --stratify barn --date 2026-10-31 --seed 2026 samples"
	awk '/^  [A-Z][A-Z]-/{print $1}' s2.out
} >samples.txt
check "both samples equal the checked-in expected sample" \
	'diff -u "$AUDIT_SRC/tests/golden/expected-sample.txt" samples.txt'
check "the size computation is printed (N=24, e=0.10, 95 %: 19.36 -> 20)" \
	'grep -q "n = n0/(1 + (n0 − 1)/N) = 96,04/(1 + 95,04/24) = 19,36 → 20" s2.out'
check "strata allocated proportionally (12 of 14 with children, 8 of 10 without)" \
	'grep -q "stratum med barn  *12 av 14" s2.out && grep -q "stratum utan barn  *8 av 10" s2.out'
"$AUDIT" sample --db "$db" --show 1 >show.out
check "a stored sample verifies: drawn again from its frame and seed" \
	'[ $? -eq 0 ] && grep -q "^verifierat" show.out && [ "$(grep -c "sha256" show.out)" = 8 ]'
"$AUDIT" sample --db "$db" --unit norrby --size 8 "$S" >s3.out 2>/dev/null
check "without --seed a new seed is drawn, printed and stored" \
	'grep -q "(nytt frö)" s3.out && seed=$(sed -n "1s/.*frö \([0-9]*\).*/\1/p" s3.out) && "$AUDIT" sample --db "$db" --show 3 | grep -q "frö $seed"'
"$AUDIT" sample --db "$db" --unit norrby --size 25 "$S" >/dev/null 2>big.err
check "a sample larger than the population is refused" '[ $? -eq 2 ] && grep -q "larger than the population" big.err'
"$AUDIT" sample --db "$db" --active-from 2000-01-01 --active-to 2000-12-31 --size 1 "$S" >/dev/null 2>empty.err
check "an empty population is refused" '[ $? -eq 3 ] && grep -q "population is empty" empty.err'
"$AUDIT" sample --db "$db" --active-from 2026-06-01 --active-to 2026-10-31 --size 5 --seed 1 "$S" >act.out 2>/dev/null
n_active=$(sed -n '1s/.* av \([0-9]*\) akter.*/\1/p' act.out)
check "the active-period filter narrows the population ($n_active of 72)" \
	'[ -n "$n_active" ] && [ "$n_active" -lt 72 ] && [ "$n_active" -gt 5 ]'

# ---- run --sample checks exactly the sampled akter
run1=$("$AUDIT" run --db "$db" --date 2026-10-31 --sample 1 2>r1.err)
check "run --sample exits 0" '[ $? -eq 0 ] && [ "$run1" = 1 ]'
check "8 akter evaluated" 'grep -q "8 akter evaluated" r1.err'
"$AUDIT" export --db "$db" --run "$run1" --format csv -o r1.csv
awk -F, 'NR>1{print $3}' r1.csv | sort -u >r1.akter
check "exactly the sampled akter were checked" \
	'diff <(sed -n "2,9p" "$AUDIT_SRC/tests/golden/expected-sample.txt") r1.akter'
check "the run records the sample" \
	'[ "$("$SQLQ" "$db" "SELECT sample_id, seed FROM runs WHERE id = $run1")" = "$(printf "1\t2026")" ]'

# an akt changed after sampling is refused unless accepted
changed=$(sed -n 2p "$AUDIT_SRC/tests/golden/expected-sample.txt")
printf '<!-- ändrad -->\n' >>"$S/norrby/$changed.xml"
run2=$("$AUDIT" run --db "$db" --date 2026-10-31 --sample 1 --strict 2>r2.err)
check "a changed akt is refused (--strict: exit 1)" '[ $? -eq 1 ]'
check "the message names the akt and the way out" \
	'grep -q "akt $changed has changed since it was sampled" r2.err && grep -q -- "--accept-changed" r2.err'
check "and the other 7 are evaluated" 'grep -q "7 akter evaluated, 1 file could not be imported" r2.err'
"$AUDIT" run --db "$db" --date 2026-10-31 --sample 1 --accept-changed >/dev/null 2>r3.err
check "--accept-changed audits it as it is now, with a warning" \
	'grep -q "8 akter evaluated" r3.err && grep -q "warning: .*$changed has changed" r3.err'

# ---- review: one verdict
"$AUDIT" export --db "$db" --run "$run1" --format csv -o before.csv
first=$(awk -F, 'NR==2{print $3","$5","$7}' r1.csv)
akt=${first%%,*}; rest=${first#*,}; crit=${rest%%,*}; auto=${rest#*,}
other=uppfyllt; [ "$auto" = uppfyllt ] && other=ej-uppfyllt
"$AUDIT" review --db "$db" --run "$run1" --akt "$akt" --criterion "$crit" --verdict "$other" \
	--reviewer "Inspektör Öst" 2>nocomment.err
check "changing a verdict without a comment is refused" '[ $? -eq 3 ] && grep -q "has no comment" nocomment.err'
"$AUDIT" export --db "$db" --run "$run1" --format csv -o same.csv
check "and changes nothing" 'cmp -s before.csv same.csv'
"$AUDIT" review --db "$db" --run "$run1" --akt "$akt" --criterion "$crit" --verdict "$other" \
	--reviewer "Inspektör Öst" --comment "Kontrollerat mot pappersakten, å ä ö." --at 2026-11-20T10:00:00Z 2>/dev/null
check "a review with a comment is saved" '[ $? -eq 0 ]'
"$AUDIT" export --db "$db" --run "$run1" --format csv -o after1.csv
check "export: verdict is the reviewed one, the automatic one is kept beside it" \
	'grep -q "^$run1,norrby,$akt,[^,]*,$crit,$other,$auto,.*,$other,\"\\?Kontrollerat mot pappersakten, å ä ö.\"\\?,Inspektör Öst,2026-11-20T10:00:00Z" after1.csv'

# ---- review through a spreadsheet: ';'-separated, as Swedish Excel saves it
a2=$(awk -F, 'NR==40{print $3}' r1.csv); c2=$(awk -F, 'NR==40{print $5}' r1.csv); v2=$(awk -F, 'NR==40{print $7}' r1.csv)
a3=$(awk -F, 'NR==70{print $3}' r1.csv); c3=$(awk -F, 'NR==70{print $5}' r1.csv)
printf '\xef\xbb\xbfakt;criterion;review_verdict;review_comment;reviewer\r\n' >good.csv
printf '%s;%s;%s;;Inspektör Väst\r\n' "$a2" "$c2" "$v2" >>good.csv
printf '%s;%s;delvis;"Delvis: planen är ""påbörjad""; se journal";Inspektör Väst\r\n' "$a3" "$c3" >>good.csv
cp good.csv bad.csv
printf '%s;%s;kanske;;Inspektör Väst\r\n' "$a2" "$c3" >>bad.csv
printf 'NB-0000-9999;%s;uppfyllt;x;Inspektör Väst\r\n' "$c2" >>bad.csv
printf '%s;%s;uppfyllt;x;Inspektör Väst\r\n' "$a2" "$c2" >>bad.csv
"$AUDIT" export --db "$db" --run "$run1" --format csv -o pre-bad.csv
"$AUDIT" review --db "$db" --run "$run1" --import bad.csv 2>bad.err
check "a file with bad rows is refused (exit 3)" '[ $? -eq 3 ]'
check "the bad verdict is reported with its line" 'grep -q "^bad.csv:4: \"kanske\" is not a verdict" bad.err'
check "the unknown akt is reported with its line" 'grep -q "^bad.csv:5: .*NB-0000-9999" bad.err'
check "the duplicate row is reported with its line" 'grep -q "^bad.csv:6: .* is reviewed twice (also on line 2)" bad.err'
check "it says nothing was saved" 'grep -q "nothing was saved" bad.err'
"$AUDIT" export --db "$db" --run "$run1" --format csv -o post-bad.csv
check "and nothing changed" 'cmp -s pre-bad.csv post-bad.csv'
"$AUDIT" review --db "$db" --run "$run1" --import good.csv 2>good.err
check "the good file is imported" '[ $? -eq 0 ] && grep -q "2 reviews saved, 0 unchanged" good.err'
"$AUDIT" export --db "$db" --run "$run1" --format csv --bom -o round.csv
check "the spreadsheet comment with quotes and ; survives" \
	'grep -q "\"Delvis: planen är \"\"påbörjad\"\"; se journal\"" round.csv'
"$AUDIT" review --db "$db" --run "$run1" --import round.csv 2>round.err
check "re-importing the whole export changes nothing (round trip)" \
	'[ $? -eq 0 ] && grep -q "0 reviews saved, 3 unchanged" round.err'
check "three reviews in the run" '[ "$("$SQLQ" "$db" "SELECT count(*) FROM verdicts WHERE run_id = $run1 AND reviewed IS NOT NULL")" = 3 ]'
"$AUDIT" export --db "$db" --run "$run1" --format json -o r1.json
check "JSON export carries the review" 'grep -q "\"review\":{\"verdict\":\"delvis\",\"comment\":\"Delvis: planen är \\\\\"påbörjad\\\\\"; se journal\"" r1.json'

# ---- reports use the reviewed verdicts and say so
"$AUDIT" report --db "$db" --run "$run1" --unit norrby -o norrby.pdf 2>/dev/null
check "report of the reviewed run written" '[ -s norrby.pdf ]'
if command -v pdftotext >/dev/null; then
	pdftotext -layout norrby.pdf norrby.txt 2>/dev/null
	check "the report says the inspector reviewed verdicts" 'grep -q "Inspektören har granskat" norrby.txt'
	check "the report scores the weighted sections and the total" \
		'grep -q "Poäng per avsnitt" norrby.txt && grep -Eq "Ansökan och utredning +3 +10 +[0-9]" norrby.txt && grep -Eq "Totalt \(viktat\) +[0-9]+(,[0-9])? %" norrby.txt'
	check "and marks the reviewed criterion" 'grep -q "$crit.*granskad i 1" norrby.txt || tr -s " \n" " " <norrby.txt | grep -q "$crit.*(\* granskad i 1)"'
fi

# ---- history: the unit over two runs
"$AUDIT" run --db "$db" --date 2027-10-31 "$S/norrby" >/dev/null 2>&1
"$AUDIT" history --db "$db" --unit norrby --checklist ekonomiskt-bistand >hist.out
check "history exits 0" '[ $? -eq 0 ]'
check "history lists the complete runs of the unit" \
	'grep -q "^1 *2026-10-31 *1.0 *8$" hist.out && grep -q "^2 *2026-10-31 *1.0 *7$" hist.out && grep -q "^4 *2027-10-31 *1.0 *24$" hist.out'
check "history shows the share per criterion and the change" \
	'grep -q "^AKT-01 .*%.*%.*\(p\.e\.\|oförändrat\)" hist.out'
check "reviewed criteria are marked" 'grep -q "^$crit .*\*" hist.out'
"$AUDIT" history --db "$db" --unit norrby --format csv >hist.csv
check "history as CSV" 'head -1 hist.csv | grep -q "^unit,checklist,run,ref_date,criterion,met,applicable,share,reviewed,change"'
"$AUDIT" history --db "$db" --unit ingen 2>/dev/null
check "history of an unknown unit is an input error" '[ $? -eq 3 ]'

# ---- the man page is generated from the help text
man1="$(dirname "$AUDIT")/audit.1"
check "man page built" '[ -s "$man1" ] && head -3 "$man1" | grep -q "^.TH AUDIT 1"'
for c in validate run sample review history report export rules explain generate; do
	check "man page and --help both list '$c'" \
		'grep -q "^  $c" "$man1" && "$AUDIT" --help | grep -q "^  $c"'
done

echo "workflow: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
