#!/usr/bin/env bash
# `cmake --install` gives a binary that works outside the source tree: it
# finds its rules, checklists and fonts, runs and writes a report.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP/work"
build=$(dirname "$AUDIT")
pass=0 failn=0
check() { if eval "$2"; then pass=$((pass + 1)); else echo "FAIL: $1"; failn=$((failn + 1)); fi; }

cmake --install "$build" --prefix "$AUDIT_TMP/prefix" >/dev/null
check "install succeeds" '[ $? -eq 0 ] && [ -x "$AUDIT_TMP/prefix/bin/audit" ]'
check "checklist installed" '[ -f "$AUDIT_TMP/prefix/share/audit/checklists/ekonomiskt-bistand.xml" ]'
check "schemas installed" '[ -f "$AUDIT_TMP/prefix/share/audit/schemas/akt-1.xsd" ]'
check "man page audit(1) installed" '[ -s "$AUDIT_TMP/prefix/share/man/man1/audit.1" ] && grep -q "^.TH AUDIT 1" "$AUDIT_TMP/prefix/share/man/man1/audit.1"'
cp -r "$AUDIT_SRC/samples/norrby" "$AUDIT_TMP/work/"
cd "$AUDIT_TMP/work" || exit 1
# the installed binary looks beside itself (../share/audit) first
"$AUDIT_TMP/prefix/bin/audit" rules lint > lint.out 2>&1
check "installed binary lints its own rules" 'grep -q "32 criteria" lint.out'
"$AUDIT_TMP/prefix/bin/audit" run --db my.db --date 2026-10-31 norrby > run.out 2> run.err
check "installed binary runs" '[ "$(cat run.out)" = 1 ]'
"$AUDIT_TMP/prefix/bin/audit" report --db my.db --run latest --unit norrby -o norrby.pdf 2>/dev/null
check "installed binary writes a report" '[ -s norrby.pdf ]'
"$AUDIT_TMP/prefix/bin/audit" run --db bundled.db --date 2026-10-31 > bundled.out 2> bundled.err
check "without PATH the installed samples are used (72 akter)" 'grep -q "72 akter evaluated" bundled.err'
echo "install: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
