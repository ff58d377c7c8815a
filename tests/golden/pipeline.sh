#!/usr/bin/env bash
# Whole pipeline on the bundled samples: run -> store -> one PDF per unit.
# Checks each report's extracted text against the expected verdicts (counts
# per criterion), the legal references, Swedish characters, that every page
# renders, and that no personal data from the akter reaches the report.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP"
pass=0 failn=0
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; fi; }

db="$AUDIT_TMP/a.db"
run=$("$AUDIT" run --db "$db" --date 2026-10-31 "$AUDIT_SRC/samples" 2>"$AUDIT_TMP/run.err")
check "run exits 0 and prints the run number" '[ $? -eq 0 ] && [ "$run" = 1 ]'
check "run summary on stderr" 'grep -q "72 akter evaluated" "$AUDIT_TMP/run.err"'
check "database is private (0600)" '[ "$(stat -c %a "$db")" = 600 ]'

"$AUDIT" report --db "$db" --run latest --all -o "$AUDIT_TMP/out" 2>/dev/null
check "report exits 0" '[ $? -eq 0 ]'
exp="$AUDIT_SRC/tests/golden/expected-verdicts.tsv"

# akt id -> unit, from the sample folders
for d in "$AUDIT_SRC"/samples/*/; do
  u=$(basename "$d")
  for f in "$d"*.xml; do echo "$(basename "$f" .xml) $u"; done
done > "$AUDIT_TMP/units.txt"

# names and personnummer of the sample people (secret: never in a report)
cat "$AUDIT_SRC"/samples/*/*.xml | grep -o '<namn>[^<]*</namn>' | sed 's/<[^>]*>//g' | sort -u > "$AUDIT_TMP/names.txt"
cat "$AUDIT_SRC"/samples/*/*.xml | grep -o '<handlaggare id="[^"]*">[^<]*<' | sed 's/.*">//; s/<$//' | sort -u >> "$AUDIT_TMP/names.txt"
check "sample names collected" '[ "$(wc -l < "$AUDIT_TMP/names.txt")" -gt 50 ]'

for d in "$AUDIT_SRC"/samples/*/; do
  u=$(basename "$d")
  pdf="$AUDIT_TMP/out/$u.pdf"
  check "$u: PDF written" '[ -s "$pdf" ]'
  check "$u: PDF is private (0600)" '[ "$(stat -c %a "$pdf")" = 600 ]'
  txt="$AUDIT_TMP/$u.txt"
  pdftotext -layout "$pdf" "$txt" 2>/dev/null
  name=$(grep -o '<enhet id="[^"]*" namn="[^"]*"' "$d"/*.xml | head -1 | sed 's/.*namn="//; s/"$//')
  n=$(ls "$d"*.xml | wc -l)
  check "$u: unit name with å/ä/ö intact ($name)" 'grep -qF "$name" "$txt"'
  check "$u: number of akter" 'grep -Eq "Granskade akter +$n" "$txt"'
  check "$u: reference date" 'grep -q "Referensdatum *2026-10-31" "$txt"'
  check "$u: Swedish characters extract" 'grep -q "Sammanfattning" "$txt" && grep -q "Tillämpliga" "$txt" && grep -q "Område\|område" "$txt"'
  check "$u: page numbers" 'grep -q "Sida 1 av" "$txt"'
  check "$u: legal references cited for the reference date" 'grep -q "SoL (2025:400) 14 kap. 3 §" "$txt"'
  # per criterion: applicable and met from the oracle appear in its table row
  awk -v U="$u" 'NR==FNR { unit[$1]=$2; next }
      FNR>1 && unit[$1]==U { t[$2]++; if ($3=="ej-tillampligt") et[$2]++; if ($3=="uppfyllt") m[$2]++ }
      END { for (c in t) printf "%s %d %d\n", c, t[c]-et[c], m[c] }' \
      "$AUDIT_TMP/units.txt" FS='\t' "$exp" > "$AUDIT_TMP/$u.counts"
  while read -r crit app met; do
    if [ "$app" -gt 0 ]; then
      check "$u $crit: $met of $app in the table" 'grep -Eq "^$crit .* $app +$met +[0-9]" "$txt"'
    fi
  done < "$AUDIT_TMP/$u.counts"
  check "$u: no personnummer" '! grep -Eq "[0-9]{6}([0-9]{2})?[-+][0-9]{4}" "$txt"'
  leaked=$(grep -Fwof "$AUDIT_TMP/names.txt" "$txt" | head -3)
  check "$u: no names of people from the akter (found: $leaked)" '[ -z "$leaked" ]'
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pdftoppm -r 20 -png "$pdf" "$AUDIT_TMP/$u-page" 2>/dev/null
  check "$u: every page renders ($pages pages)" '[ "$(ls "$AUDIT_TMP/$u-page"*.png | wc -l)" = "$pages" ]'
  for png in "$AUDIT_TMP/$u-page"*.png; do
    check "$u: $(basename "$png") is not blank" '[ "$(stat -c %s "$png")" -gt 2000 ]'
  done
done

# the nämnd delrapport: every unit, no personal data, every page renders
"$AUDIT" report --db "$db" --run latest --namnd -o "$AUDIT_TMP/namnd.pdf" 2>/dev/null
check "nämnd report exits 0" '[ $? -eq 0 ] && [ -s "$AUDIT_TMP/namnd.pdf" ]'
pdftotext -layout "$AUDIT_TMP/namnd.pdf" "$AUDIT_TMP/namnd.txt" 2>/dev/null
for d in "$AUDIT_SRC"/samples/*/; do
  name=$(grep -o '<enhet id="[^"]*" namn="[^"]*"' "$d"/*.xml | head -1 | sed 's/.*namn="//; s/",.*//; s/"$//')
  check "nämnd: unit $name present" 'grep -qF "${name%%,*}" "$AUDIT_TMP/namnd.txt"'
done
check "nämnd: no personnummer" '! grep -Eq "[0-9]{6}([0-9]{2})?[-+][0-9]{4}" "$AUDIT_TMP/namnd.txt"'
leaked=$(grep -Fwof "$AUDIT_TMP/names.txt" "$AUDIT_TMP/namnd.txt" | head -3)
check "nämnd: no names of people from the akter (found: $leaked)" '[ -z "$leaked" ]'
check "nämnd: no akt ids" '! grep -Eq "(NB|SA|VD|SO|VA)-20[0-9]{2}-[0-9]{4}" "$AUDIT_TMP/namnd.txt"'
check "nämnd: comparison across units" 'grep -q "Samtliga enheter" "$AUDIT_TMP/namnd.txt"'
pages=$(pdfinfo "$AUDIT_TMP/namnd.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
pdftoppm -r 20 -png "$AUDIT_TMP/namnd.pdf" "$AUDIT_TMP/namnd-page" 2>/dev/null
check "nämnd: every page renders ($pages)" '[ "$(ls "$AUDIT_TMP/namnd-page"*.png | wc -l)" = "$pages" ]'

# the action list: internal, marked secret on every page, names akter by id
"$AUDIT" report --db "$db" --run latest --unit vasterdal --actions -o "$AUDIT_TMP/actions.pdf" 2>/dev/null
check "action list exits 0" '[ $? -eq 0 ] && [ -s "$AUDIT_TMP/actions.pdf" ]'
pages=$(pdfinfo "$AUDIT_TMP/actions.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
for p in $(seq 1 "$pages"); do
  check "action list page $p marked OSL 26 kap." 'pdftotext -f $p -l $p "$AUDIT_TMP/actions.pdf" - 2>/dev/null | grep -q "sekretess enligt OSL 26 kap"'
done
pdftotext -layout "$AUDIT_TMP/actions.pdf" "$AUDIT_TMP/actions.txt" 2>/dev/null
first=$(ls "$AUDIT_SRC/samples/vasterdal" | head -1 | sed 's/\.xml$//')
check "action list names akter by id ($first)" 'grep -q "$first" "$AUDIT_TMP/actions.txt"'
check "action list has no evidence quotes (personnummer)" '! grep -Eq "[0-9]{8}-[0-9]{4}" "$AUDIT_TMP/actions.txt"'

# reproducible: the same database gives the same PDF bytes
"$AUDIT" report --db "$db" --run 1 --unit norrby -o "$AUDIT_TMP/again.pdf" 2>/dev/null
check "same database, same PDF" 'cmp -s "$AUDIT_TMP/again.pdf" "$AUDIT_TMP/out/norrby.pdf"'
# the same akter, checklist and date give the same verdicts in a second run
"$AUDIT" run --db "$db" --date 2026-10-31 "$AUDIT_SRC/samples" >/dev/null 2>&1
"$AUDIT" export --db "$db" --run 1 --format csv | cut -d, -f2- > "$AUDIT_TMP/r1.csv"
"$AUDIT" export --db "$db" --run 2 --format csv | cut -d, -f2- > "$AUDIT_TMP/r2.csv"
check "second run gives the same verdicts" 'cmp -s "$AUDIT_TMP/r1.csv" "$AUDIT_TMP/r2.csv"'
check "export has one row per akt and criterion" '[ "$(grep -c "^[a-z]*,[A-Z][A-Z]-20" "$AUDIT_TMP/r1.csv")" = 2304 ]'

echo "pipeline: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
