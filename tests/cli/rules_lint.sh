#!/usr/bin/env bash
# Deliberately broken rule and checklist files: each gets a message naming
# file:line:column and what is wrong, and exit status 3.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP"
pass=0 failn=0
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }

"$AUDIT" rules lint >/dev/null 2>"$AUDIT_TMP/clean.err"
if [ $? -eq 0 ] && [ ! -s "$AUDIT_TMP/clean.err" ]; then pass=$((pass + 1)); else fail "shipped rules are not lint-clean: $(cat "$AUDIT_TMP/clean.err")"; fi

# lint_case NAME EXPECTED-REGEX: writes rules/broken.xml from stdin beside a
# copy of the shipped rules and checklist, lints, checks the message.
lint_case() {
  local name=$1 expect=$2 d="$AUDIT_TMP/$1"
  mkdir -p "$d/rules" "$d/checklists"
  cp "$AUDIT_SRC"/rules/*.xml "$d/rules/"
  cp "$AUDIT_SRC/checklists/ekonomiskt-bistand.xml" "$d/checklists/"
  cat > "$d/rules/broken.xml"
  if [ -n "${CHECKLIST_EDIT:-}" ]; then sed -i "$CHECKLIST_EDIT" "$d/checklists/ekonomiskt-bistand.xml"; fi
  "$AUDIT" rules lint --checklist "$d/checklists/ekonomiskt-bistand.xml" >"$d/out" 2>"$d/err"
  local rc=$?
  if [ $rc -ne 3 ]; then fail "$name: exit $rc, expected 3"; return; fi
  if grep -Eq "$expect" "$d/err"; then pass=$((pass + 1)); else fail "$name: expected /$expect/ in: $(cat "$d/err")"; fi
}

head='<?xml version="1.0" encoding="UTF-8"?>
<rules xmlns="urn:audit:rules:1">
  <rule id="TEST-01" area="beslut">
    <title>Test</title>
    <legal><ref law="SoL" sfs="2001:453" chapter="11" paragraph="5"/></legal>'
tail='    <messages>
      <message verdict="uppfyllt">Ja.</message>
      <message verdict="ej-uppfyllt">Nej.</message>
    </messages>
  </rule>
</rules>'

lint_case xpath-syntax 'broken\.xml:8:[0-9]+: the XPath expression does not compile' <<EOF
$head

    <verdicts>
      <when verdict="uppfyllt" test="beslut[@datum"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

lint_case unknown-function 'broken\.xml:7:38: unknown function beslutz\(\)' <<EOF
$head
    <verdicts>
      <when verdict="uppfyllt" test="beslutz(@datum)"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

lint_case bad-regex 'broken\.xml:7:[0-9]+: the regular expression "\(barn" does not compile' <<EOF
$head
    <verdicts>
      <when verdict="uppfyllt" test="matches(beslut/motivering, '(barn', 'i')"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

lint_case unknown-variable 'broken\.xml:7:[0-9]+: unknown variable \$handlaggningstid' <<EOF
$head
    <verdicts>
      <when verdict="uppfyllt" test="count(beslut) &gt; \$handlaggningstid"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

lint_case schema-typo "broken\.xml:7:[0-9]+: .*verdict.*'uppfylt' is not an element of the set \{'uppfyllt'" <<EOF
$head
    <verdicts>
      <when verdict="uppfylt" test="beslut"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

lint_case missing-message 'broken\.xml:3:.*rule TEST-01 can give "delvis" but has no <message' <<EOF
$head
    <verdicts>
      <when verdict="uppfyllt" test="beslut"/>
      <when verdict="delvis" test="ansokan"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

lint_case duplicate-id 'rule id UTR-02 is used twice' <<EOF
${head/TEST-01/UTR-02}
    <verdicts>
      <when verdict="uppfyllt" test="beslut"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

CHECKLIST_EDIT='s/rule="PLAN-04"/rule="PLAN-4"/' lint_case unknown-rule-id 'ekonomiskt-bistand\.xml:[0-9]+:[0-9]+: no rule with id "PLAN-4"' <<EOF
$head
    <verdicts>
      <when verdict="uppfyllt" test="beslut"/>
      <otherwise verdict="ej-uppfyllt"/>
    </verdicts>
$tail
EOF

lint_case not-xml 'broken\.xml:[0-9]+:[0-9]+: not well-formed XML' <<EOF
$head
    <verdicts>
$tail
EOF

echo "rules_lint: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
