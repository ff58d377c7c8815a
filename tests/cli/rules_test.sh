#!/usr/bin/env bash
# Every shipped rule passes its own test cases, and both checklists lint clean.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP"
pass=0 failn=0
check() { if eval "$2"; then pass=$((pass + 1)); else echo "FAIL: $1"; failn=$((failn + 1)); fi; }
for c in ekonomiskt-bistand egenkontroll; do
  "$AUDIT" rules lint --checklist "$c" > "$AUDIT_TMP/$c.lint" 2>&1; rc=$?
  check "$c lints clean: $(cat "$AUDIT_TMP/$c.lint")" '[ $rc -eq 0 ] && grep -q "no problems" "$AUDIT_TMP/$c.lint"'
done
"$AUDIT" rules test > "$AUDIT_TMP/test.out" 2>&1; rc=$?
check "rules test passes: $(grep -E 'FEL|expected' "$AUDIT_TMP/test.out")" '[ $rc -eq 0 ]'
check "rules test ran cases" 'grep -Eq "^[0-9]{3,} passed, 0 failed" "$AUDIT_TMP/test.out"'
# the runner can fail: a case with the wrong expectation
mkdir -p "$AUDIT_TMP/x/rules" "$AUDIT_TMP/x/checklists"
cp "$AUDIT_SRC"/rules/*.xml "$AUDIT_TMP/x/rules/"
cp "$AUDIT_SRC/checklists/ekonomiskt-bistand.xml" "$AUDIT_TMP/x/checklists/"
sed -i '0,/<case verdict="uppfyllt" name="undertecknad med datum">/s//<case verdict="delvis" name="undertecknad med datum">/' "$AUDIT_TMP/x/rules/arbetsplan.xml"
"$AUDIT" rules test --checklist "$AUDIT_TMP/x/checklists/ekonomiskt-bistand.xml" > "$AUDIT_TMP/x.out" 2> "$AUDIT_TMP/x.err"; rc=$?
check "a wrong expectation fails with exit 1" '[ $rc -eq 1 ]'
check "the failure names file, line and rule" 'grep -Eq "arbetsplan\.xml:[0-9]+: rule PLAN-02, case 1: expected delvis, got uppfyllt" "$AUDIT_TMP/x.err"'
"$AUDIT" rules list --format md > "$AUDIT_TMP/list.md"
check "rules list has every criterion with its law" '[ "$(grep -c "^| [A-Z]*-[0-9]" "$AUDIT_TMP/list.md")" = 32 ] && grep -q "SoL (2025:400) 10 kap. 3 §" "$AUDIT_TMP/list.md"'
echo "rules_test: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
