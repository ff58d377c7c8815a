#!/usr/bin/env bash
# `audit validate`: exit codes (0 valid, 1 invalid, 2 usage, 3 missing path)
# and problems reported as FILE:LINE:COL: message on stdout.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
[ -x "$AUDIT" ] || { echo "FAIL: AUDIT=$AUDIT is not an executable"; exit 1; }
case $AUDIT in /*) ;; *) AUDIT="$PWD/$AUDIT" ;; esac
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP/mix" || exit 1
cd "$AUDIT_TMP" || exit 1
EX="$AUDIT_SRC/tests/data/akt/example.xml"
pass=0 failn=0
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }
# check NAME CONDITION: evaluates the condition; on failure shows the last output
check() {
	if eval "$2"; then ok; else
		fail "$1"
		echo "  condition: $2"
		echo "  last exit status: $rc"
		echo "  stdout: $(head -c 600 out 2>/dev/null)"
		echo "  stderr: $(head -c 600 err 2>/dev/null)"
	fi
}
v() { "$AUDIT" validate "$@" >out 2>err; rc=$?; }

[ -f "$EX" ] || { echo "FAIL: no example akt at $EX"; exit 1; }
grep -q 'utfall="delavslag"' "$EX" || { echo "FAIL: example.xml changed: no utfall=\"delavslag\""; exit 1; }
beslut_line=$(grep -n 'utfall="delavslag"' "$EX" | head -1 | cut -d: -f1)

# 1. the valid example
v "$EX"
check "valid example: exit 0" '[ $rc -eq 0 ]'
check "valid example: nothing on stdout" '[ ! -s out ]'
check "valid example: summary says 1 valid" 'grep -q "1 valid, 0 invalid" err'

# 2. a bad enum value: FILE:LINE:COL with the right line, a column > 0, naming utfall
sed 's/utfall="delavslag"/utfall="godkänd"/' "$EX" >bad-enum.xml
v bad-enum.xml
check "bad enum: exit 1" '[ $rc -eq 1 ]'
check "bad enum: FILE:$beslut_line:COL: line naming utfall" \
	'grep -Eq "^bad-enum\.xml:$beslut_line:[1-9][0-9]*: .*utfall" out'
check "bad enum: the value (content of the akt) is not quoted without --verbose" '! grep -q "godkänd" out && grep -q "The value is not an element of the set" out'
"$AUDIT" validate --verbose bad-enum.xml >out.v 2>/dev/null
check "bad enum: with --verbose the message names the bad value" 'grep -q "The value .godkänd. is not an element" out.v'
check "bad enum: no namespace noise {urn:...} in the message" '! grep -q "{urn:" out'

# 3. a required attribute missing (beslut/@utfall)
sed 's/ utfall="delavslag"//' "$EX" >missing-attr.xml
v missing-attr.xml
check "missing attribute: exit 1" '[ $rc -eq 1 ]'
check "missing attribute: FILE:$beslut_line:COL: ... utfall ... required" \
	'grep -Eq "^missing-attr\.xml:$beslut_line:[1-9][0-9]*: .*utfall.*(required|missing)" out'

# 4. a required element missing (handlaggare)
grep -v '<handlaggare ' "$EX" >missing-elem.xml
v missing-elem.xml
check "missing element: exit 1" '[ $rc -eq 1 ]'
check "missing element: FILE:LINE:COL message naming handlaggare" \
	'grep -Eq "^missing-elem\.xml:[0-9]+:[0-9]+: .*handlaggare" out'

# 5. wrong root element
printf '<?xml version="1.0" encoding="UTF-8"?>\n<foo/>\n' >wrong-root.xml
v wrong-root.xml
check "wrong root: exit 1" '[ $rc -eq 1 ]'
check "wrong root: clear message (<foo>, expected <akt xmlns=...>)" \
	'grep -q "^wrong-root\.xml:.*<foo>.*<akt xmlns=\"urn:audit:akt:1\">" out'

# 6. right name, wrong namespace; and no namespace at all
sed 's|xmlns="urn:audit:akt:1"|xmlns="urn:audit:akt:2"|' "$EX" >wrong-ns.xml
v wrong-ns.xml
check "wrong namespace: exit 1" '[ $rc -eq 1 ]'
check "wrong namespace: message names the namespace found and the one expected" \
	'grep -q "^wrong-ns\.xml:.*<akt>.*urn:audit:akt:2.*urn:audit:akt:1" out'
sed 's| xmlns="urn:audit:akt:1"||' "$EX" >no-ns.xml
v no-ns.xml
check "no namespace: exit 1" '[ $rc -eq 1 ]'
check "no namespace: message says 'without a namespace'" \
	'grep -q "^no-ns\.xml:.*<akt> without a namespace.*urn:audit:akt:1" out'

# 7. not well-formed: line number reported
{ head -n 10 "$EX"; echo '<oops>'; tail -n +11 "$EX"; } >malformed.xml
v malformed.xml
check "malformed: exit 1" '[ $rc -eq 1 ]'
check "malformed: FILE:LINE: not well-formed" 'grep -Eq "^malformed\.xml:[0-9]+(:[0-9]+)?: not well-formed" out'

# 8. a folder with a mix: every invalid file named, valid ones not; non-.xml ignored
cp "$EX" mix/a-valid.xml
sed 's/EX-2025-0001/EX-2025-0002/' "$EX" >mix/b-valid.xml
cp bad-enum.xml missing-attr.xml wrong-root.xml wrong-ns.xml malformed.xml mix/
mkdir -p mix/sub && cp missing-elem.xml mix/sub/
echo 'not xml at all' >mix/notes.txt
v mix
check "mixed folder: exit 1" '[ $rc -eq 1 ]'
for f in bad-enum missing-attr wrong-root wrong-ns malformed sub/missing-elem; do
	check "mixed folder: $f.xml named" 'grep -q "^mix/$f\.xml:" out'
done
check "mixed folder: valid files not named" '! grep -q "valid\.xml" out'
check "mixed folder: notes.txt ignored" '! grep -q "notes" out err'
check "mixed folder: summary 8 files, 2 valid, 6 invalid" 'grep -q "8 files checked: 2 valid, 6 invalid" err'
v mix/a-valid.xml mix/b-valid.xml
check "two valid files: exit 0" '[ $rc -eq 0 ]'

# 9. nonexistent path: exit 3 (also when given alongside a valid file)
v "$AUDIT_TMP/does-not-exist.xml"
check "nonexistent path: exit 3" '[ $rc -eq 3 ]'
check "nonexistent path: named on stderr" 'grep -q "does-not-exist\.xml" err'
v "$EX" "$AUDIT_TMP/does-not-exist.xml"
check "valid file + nonexistent path: exit 3" '[ $rc -eq 3 ]'

# 10. usage
v
check "no arguments: exit 2" '[ $rc -eq 2 ]'
check "no arguments: usage message" 'grep -q "validate needs files or folders" err'
v --bogus-option "$EX"
check "unknown option: exit 2" '[ $rc -eq 2 ]'
v --help
check "--help: exit 0" '[ $rc -eq 0 ]'
check "--help: help on stdout" 'grep -q "^Usage: audit" out'

# 11. -q and -v
v -q bad-enum.xml
check "--quiet: no summary on stderr, problems still on stdout" '[ $rc -eq 1 ] && [ ! -s err ] && [ -s out ]'
v -v "$EX"
check "--verbose: ok line with the akt id" '[ $rc -eq 0 ] && grep -q "ok (akt EX-2025-0001" out'

echo "validate: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
