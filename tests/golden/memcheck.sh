#!/usr/bin/env bash
# A golden run and its reports under valgrind memcheck: no invalid reads or
# writes, no leaks.  Skipped (and says so) where valgrind is not installed.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP"
if ! command -v valgrind >/dev/null 2>&1; then
  echo "memcheck: valgrind not installed, skipped"
  echo "memcheck: 0 passed, 0 failed, 1 skipped"
  exit 0
fi
if ldd "$AUDIT" 2>/dev/null | grep -q libasan; then
  echo "memcheck: sanitizer build (valgrind and AddressSanitizer do not mix), skipped"
  echo "memcheck: 0 passed, 0 failed, 1 skipped"
  exit 0
fi
# valgrind cannot see into PCRE2's JIT code: use the interpreter.
export AUDIT_NO_JIT=1
vg() { valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 -q "$@"; }
pass=0 failn=0
# check WHAT LOGFILE: the exit status of the command just run (99 for a
# valgrind error, anything non-zero fails), taken before anything else runs.
check() {
  local rc=$?
  if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); else
    echo "FAIL: $1 (exit $rc)"; grep '==' "$2" | head -5; failn=$((failn + 1)); fi
}
vg "$AUDIT" run --db "$AUDIT_TMP/m.db" --date 2026-10-31 "$AUDIT_SRC/samples/norrby" >/dev/null 2>"$AUDIT_TMP/run.err"
check "run under memcheck" "$AUDIT_TMP/run.err"
vg "$AUDIT" report --db "$AUDIT_TMP/m.db" --run latest --unit norrby -o "$AUDIT_TMP/u.pdf" 2>"$AUDIT_TMP/rep.err"
check "unit report under memcheck" "$AUDIT_TMP/rep.err"
vg "$AUDIT" report --db "$AUDIT_TMP/m.db" --run latest --namnd -o "$AUDIT_TMP/n.pdf" 2>"$AUDIT_TMP/nam.err"
check "nämnd report under memcheck" "$AUDIT_TMP/nam.err"
vg "$AUDIT" validate "$AUDIT_SRC/tests/data/akt" >/dev/null 2>"$AUDIT_TMP/val.err"
check "validate under memcheck" "$AUDIT_TMP/val.err"
echo "memcheck: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
