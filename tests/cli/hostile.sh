#!/usr/bin/env bash
# Hostile input: every file is generated here into $AUDIT_TMP (nothing large
# is committed).  Each must be refused by `audit validate` with exit 1 and a
# clear message naming the file, within 5 s and (when /usr/bin/time exists)
# under 256 MB; no secret may leak, nothing may be fetched.  Then `audit run`
# on a folder of all of them plus 3 good akter stores exactly the 3 good ones.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
[ -x "$AUDIT" ] || { echo "FAIL: AUDIT=$AUDIT is not an executable"; exit 1; }
case $AUDIT in /*) ;; *) AUDIT="$PWD/$AUDIT" ;; esac
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP/h" || exit 1
cd "$AUDIT_TMP" || exit 1
EX="$AUDIT_SRC/tests/data/akt/example.xml"
[ -f "$EX" ] || { echo "FAIL: no example akt at $EX"; exit 1; }
H="$AUDIT_TMP/h"            # the folder given to `audit run`
LIMIT_S=5                   # per file
LIMIT_KB=$((256 * 1024))    # per file, peak RSS
pass=0 failn=0 skipped=0
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; echo "  condition: $2"; fi; }

TIME=; [ -x /usr/bin/time ] && TIME=/usr/bin/time
STRACE=; command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null && STRACE=strace
# LeakSanitizer cannot run under ptrace: the traced commands run without its leak check.
SQLITE=; command -v sqlite3 >/dev/null 2>&1 && SQLITE=sqlite3
[ -n "$TIME" ] || skip "/usr/bin/time missing: memory limits not checked"
[ -n "$STRACE" ] || skip "strace missing or not permitted: file-open and connect checks not made"

MARK="AUDIT-SECRET-$$-$RANDOM-7f3a9c"
SECRET="$AUDIT_TMP/secret.txt"
printf '%s\n' "$MARK" >"$SECRET"

# The example with a prolog $1 before <akt> and motivering's text replaced
# by $2 (so a substituted entity would give a valid, stored akt).
with_prolog_and_body() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n%s\n' "$1"
	tail -n +2 "$EX" | sed "s|<motivering>[^<]*</motivering>|<motivering>$2</motivering>|"
}
AKT_OPEN='<akt xmlns="urn:audit:akt:1" version="1" id="H-1">'

# ---------------------------------------------------------------- generation
# Each hostile file: name, the regex its message must match, and when it
# differs for a path given directly: the exit status and message then.
declare -A WANT WANT_RC WANT_DIRECT
add() { WANT[$1]=$2; WANT_RC[$1]=${3:-1}; WANT_DIRECT[$1]=${4:-$2}; }

with_prolog_and_body "<!DOCTYPE akt [<!ENTITY s SYSTEM \"file://$SECRET\">]>" '\&s;' >"$H/ext-general-entity.xml"
add ext-general-entity.xml 'document type declaration'

with_prolog_and_body "<!DOCTYPE akt [<!ENTITY % p SYSTEM \"file://$SECRET\"> %p;]>" 'x' >"$H/ext-param-entity.xml"
add ext-param-entity.xml 'document type declaration'

with_prolog_and_body '<!DOCTYPE akt SYSTEM "http://127.0.0.1:9/x.dtd">' 'x' >"$H/ext-dtd-url.xml"
add ext-dtd-url.xml 'document type declaration'

# a DOCTYPE hidden from a byte scan by UTF-7 (libxml2 must not honour it)
{
	printf '<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE akt +AFs-+ADw-!ENTITY s SYSTEM +ACI-file://%s+ACI-+AD4-+AF0-+AD4-\n' "$SECRET"
	tail -n +2 "$EX" | sed 's|<motivering>[^<]*</motivering>|<motivering>\&s;</motivering>|'
} >"$H/utf7-doctype.xml"
add utf7-doctype.xml 'not well-formed|document type'

# XInclude: must not be processed; the element is not in the schema
with_prolog_and_body '' "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://$SECRET\" parse=\"text\"/>" \
	>"$H/xinclude.xml"
add xinclude.xml "xinclude\\.xml:[0-9]+:[1-9][0-9]*: Element 'motivering'" 

{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE akt ['
	echo ' <!ENTITY lol "lol">'
	prev=lol
	for i in 1 2 3 4 5 6 7 8 9; do
		printf ' <!ENTITY lol%d "' "$i"
		for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
		echo '">'
		prev=lol$i
	done
	echo ']>'
	echo "$AKT_OPEN&lol9;</akt>"
} >"$H/billion-laughs.xml"
add billion-laughs.xml 'document type declaration'

{
	echo '<?xml version="1.0"?>'
	printf '<!DOCTYPE akt [<!ENTITY a "'
	head -c 102400 /dev/zero | tr '\0' 'a'
	echo '">]>'
	printf '%s' "$AKT_OPEN"
	for _ in $(seq 100); do printf '&a;%.0s' $(seq 100); done
	echo '</akt>'
} >"$H/quadratic.xml"
add quadratic.xml 'document type declaration'

{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	printf '%s' "$AKT_OPEN"
	head -c 200000 /dev/zero | sed 's/\x0/<d>/g'
	head -c 200000 /dev/zero | sed 's/\x0/<\/d>/g'
	echo '</akt>'
} >"$H/deep-nesting.xml"
add deep-nesting.xml 'not well-formed|[Dd]epth|too deep|nest'

{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<akt xmlns="urn:audit:akt:1" version="1" id="'
	head -c 31457280 /dev/zero | tr '\0' 'A'
	echo '"/>'
} >"$H/huge-attr.xml"
add huge-attr.xml 'over the limit|too large'

{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	printf '<akt xmlns="urn:audit:akt:1" version="1" id="H-1"'
	seq 200000 | sed 's/.*/ a&="x"/' | tr -d '\n'
	echo '/>'
} >"$H/many-attrs.xml"
add many-attrs.xml 'more than 256 attributes'

sed 's|<motivering>Bistånd|<motivering>Bist\xffnd|' "$EX" >"$H/bad-utf8.xml"
add bad-utf8.xml 'not valid UTF-8'

sed 's|<motivering>Bistånd|<motivering>Bist\x00nd|' "$EX" >"$H/nul-byte.xml"
add nul-byte.xml 'NUL byte'

head -c 700 "$EX" >"$H/truncated.xml"
add truncated.xml 'not well-formed'

: >"$H/empty.xml"
add empty.xml 'empty'

# 4096 pseudo-random bytes, the same on every run (perl's srand is seeded);
# /dev/urandom only when perl is missing.
if command -v perl >/dev/null 2>&1; then
	perl -e 'srand(20261031); print map { chr(int(rand(256))) } 1 .. 4096' >"$H/random-bytes.xml"
else
	head -c 4096 /dev/urandom >"$H/random-bytes.xml"
fi
add random-bytes.xml 'NUL byte|not valid UTF-8|not well-formed'

# The prescan skips a start tag up to its '>' outside quotes, and a comment
# up to its '-->'; inside a processing instruction neither is real, so
# "<?pi <z '?>" or "<?pi <!-- ?>" make it skip what follows.  The parser must
# still refuse what the prescan missed.
SQ="'"
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<?pi <z %s?>\n' "$SQ"
	printf '<!DOCTYPE akt [<!ENTITY s SYSTEM "file://%s"><!-- %s -->]>\n' "$SECRET" "$SQ"
	tail -n +2 "$EX" | sed 's|<motivering>[^<]*</motivering>|<motivering>\&s;</motivering>|'
} >"$H/pi-quote-ext-entity.xml"
add pi-quote-ext-entity.xml 'document type declaration'
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<?pi <!-- ?>\n'
	printf '<!DOCTYPE akt [<!ENTITY %% p SYSTEM "file://%s"> %%p; <!-- -->]>\n' "$SECRET"
	tail -n +2 "$EX"
} >"$H/pi-comment-param-entity.xml"
add pi-comment-param-entity.xml 'document type declaration'
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<?pi <!-- ?>\n'
	echo '<!DOCTYPE akt SYSTEM "http://127.0.0.1:9/x.dtd" [<!-- -->]>'
	tail -n +2 "$EX"
} >"$H/pi-comment-dtd-url.xml"
add pi-comment-dtd-url.xml 'document type declaration'
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<?pi <!-- ?>\n'
	sed -n '/^<!DOCTYPE/,/^]>/p' "$H/billion-laughs.xml" | sed 's|^]>|<!-- -->]>|'
	echo "$AKT_OPEN&lol9;</akt>"
} >"$H/pi-comment-laughs.xml"
add pi-comment-laughs.xml 'entity reference loop|amplification|document type declaration'
# Regression (fixed): 200,000 attributes once hidden from the prescan by
# a quote in a processing instruction; libxml2 2.9 is quadratic in them
# (about 2 minutes here; 40,000 take 5 s).
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<?pi <z %s?>\n' "$SQ"
	printf '<akt xmlns="urn:audit:akt:1" version="1" id="H-1"'
	seq 200000 | sed 's/.*/ a&="x"/' | tr -d '\n'
	printf '/>\n<!-- %s -->\n' "$SQ"
} >"$H/pi-quote-many-attrs.xml"
add pi-quote-many-attrs.xml 'more than 256 attributes'

printf '<?xml version="1.0" encoding="UTF-8"?>\n<html><body>not an akt</body></html>\n' >"$H/wrong-root.xml"
add wrong-root.xml 'root element is <html>'

# odd file types: a fifo (must not block), a device, a loop, a dangling link
mkfifo "$H/fifo.xml" && add fifo.xml 'not a regular file'
ln -s /dev/zero "$H/dev-zero.xml" && add dev-zero.xml 'not a regular file'
# (given directly these are "a path missing": exit 3)
ln -s loop.xml "$H/loop.xml" && add loop.xml 'cannot open' 3 'no such file|symbolic links'
ln -s "$AUDIT_TMP/nowhere.xml" "$H/dangling.xml" && add dangling.xml 'cannot open' 3 'no such file'

# a folder called x.xml holding a bad file: traversed, the file inside reported
mkdir -p "$H/x.xml"
printf '<?xml version="1.0"?>\n<foo/>\n' >"$H/x.xml/inside.xml"
add x.xml/inside.xml 'root element is <foo>'

# no read permission (means nothing to root)
if [ "$(id -u)" = 0 ]; then
	skip "running as root: the unreadable-file case is not checked"
else
	sed 's/id="EX-2025-0001"/id="H-UNREADABLE"/' "$EX" >"$H/no-read.xml"
	chmod 000 "$H/no-read.xml"
	add no-read.xml 'cannot open.*[Pp]ermission'
fi

# ---------------------------------------------------------------- validate each
slowest= slowest_s=0 slowest_kb=0 maxkb_file= maxkb=0 timed_out=
for name in $(printf '%s\n' "${!WANT[@]}" | sort); do
	f="$H/$name"
	rc=0
	if [ -n "$TIME" ]; then
		timeout -k 1 "$LIMIT_S" "$TIME" -f '%e %M' -o tm "$AUDIT" validate "$f" >out 2>err || rc=$?
	else
		start=$(date +%s.%N)
		timeout -k 1 "$LIMIT_S" "$AUDIT" validate "$f" >out 2>err || rc=$?
		echo "$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo 0) 0" >tm
	fi
	read -r secs kb < <(tail -n 1 tm 2>/dev/null || echo "0 0")
	case $secs in [0-9]*) ;; *) secs=0 kb=0 ;; esac
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		fail "$name: validate did not finish within ${LIMIT_S}s (exit $rc);" \
			"the file is moved out of the run folder to $AUDIT_TMP/excluded/"
		mkdir -p "$AUDIT_TMP/excluded" && mv "$f" "$AUDIT_TMP/excluded/"
		unset "WANT[$name]"
		timed_out="$timed_out $name"
		printf '  %-24s exit %s  killed at %ss\n' "$name" "$rc" "$LIMIT_S"
		continue
	elif [ "$rc" -ge 128 ]; then
		fail "$name: validate crashed (exit $rc, signal $((rc - 128)))"
	else
		check "$name: validate exits ${WANT_RC[$name]} (got $rc)" '[ "$rc" -eq "${WANT_RC[$name]}" ]'
	fi
	cat out err >both
	check "$name: the message names the file (output: $(head -c 300 both))" 'grep -qF "$f" both'
	check "$name: the message is clear: /${WANT_DIRECT[$name]}/ (output: $(head -c 300 both))" \
		'grep -F "$f" both | grep -Eq -- "${WANT_DIRECT[$name]}"'
	if [ "${WANT_RC[$name]}" -eq 1 ]; then
		check "$name: the summary counts it invalid" 'grep -q "0 valid, 1 invalid" err'
	fi
	check "$name: secret marker never printed" '! grep -qF "$MARK" out err'
	if [ -n "$TIME" ]; then
		check "$name: peak memory ${kb} KB under $LIMIT_KB KB" '[ "$kb" -gt 0 ] && [ "$kb" -lt "$LIMIT_KB" ]'
	fi
	if awk -v a="$secs" -v b="$slowest_s" 'BEGIN { exit !(a > b) }'; then
		slowest=$name slowest_s=$secs slowest_kb=$kb
	fi
	if [ "${kb:-0}" -gt "$maxkb" ]; then maxkb=$kb maxkb_file=$name; fi
	printf '  %-24s exit %s  %5ss  %7s KB\n' "$name" "$rc" "$secs" "$kb"
done

# ---------------------------------------------------------------- no secret opened, no connection
if [ -n "$STRACE" ]; then
	for name in ext-general-entity.xml ext-param-entity.xml utf7-doctype.xml xinclude.xml \
		pi-quote-ext-entity.xml pi-comment-param-entity.xml; do
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" timeout -k 1 20 strace -f -e trace=open,openat -o trace.txt "$AUDIT" validate "$H/$name" >/dev/null 2>&1
		check "$name: strace saw the akt opened (the trace works)" 'grep -qF "$name" trace.txt'
		check "$name: secret.txt never opened" '! grep -qF "secret.txt" trace.txt'
	done
	for name in ext-dtd-url.xml pi-comment-dtd-url.xml; do
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" timeout -k 1 20 strace -f -e trace=socket,connect -o trace.txt "$AUDIT" validate "$H/$name" >/dev/null 2>&1
		check "$name: no socket opened, no connection made" '! grep -Eq "socket\(|connect\(" trace.txt'
	done
fi

# a symbolic link to a valid file is followed and validates
sed 's/id="EX-2025-0001"/id="H-LINKED"/' "$EX" >linked-target.xml
ln -s "$AUDIT_TMP/linked-target.xml" link.xml
rc=0; timeout -k 1 "$LIMIT_S" "$AUDIT" validate link.xml >out 2>err || rc=$?
check "symlink to a valid file: validate exits 0 (got $rc)" '[ "$rc" -eq 0 ]'

# the whole folder at once: exit 1, every file named, nothing crashes
n_hostile=${#WANT[@]}
rc=0; timeout -k 1 60 "$AUDIT" validate "$H" >out 2>err || rc=$?
check "validate on the folder: exit 1 (got $rc)" '[ "$rc" -eq 1 ]'
for name in "${!WANT[@]}"; do
	check "validate on the folder: $name named, /${WANT[$name]}/" \
		'grep -F "$H/$name" out | grep -Eq -- "${WANT[$name]}"'
done
check "validate on the folder: $n_hostile files, all invalid" 'grep -q "^$n_hostile files checked: 0 valid, $n_hostile invalid" err'

# ---------------------------------------------------------------- run
for i in 1 2 3; do
	sed "s/id=\"EX-2025-0001\"/id=\"GOOD-$i\"/" "$EX" >"$H/good-$i.xml"
done
# the same akt again through a link: followed, found to be a duplicate (same
# akt id in one run), and reported rather than stored twice
ln -s good-1.xml "$H/link-to-good-1.xml"
DB="$AUDIT_TMP/h.db"
run_cmd=("$AUDIT" run --db "$DB" --date 2026-10-31 "$H")
rc=0
if [ -n "$STRACE" ]; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" timeout -k 1 120 strace -f -e trace=open,openat,socket,connect -o trace.txt "${run_cmd[@]}" >run.out 2>run.err || rc=$?
	check "run: secret.txt never opened" '! grep -qF "secret.txt" trace.txt'
	check "run: no socket opened, no connection made" '! grep -Eq "socket\(|connect\(" trace.txt'
else
	timeout -k 1 60 "${run_cmd[@]}" >run.out 2>run.err || rc=$?
fi
check "run: exit 0 (got $rc; stderr: $(tail -n 3 run.err))" '[ "$rc" -eq 0 ]'
check "run: prints a run number (got '$(cat run.out)')" 'grep -Eq "^[0-9]+$" run.out'
for name in "${!WANT[@]}"; do
	check "run: stderr names $name as skipped, /${WANT[$name]}/" \
		'grep -F "skipped $H/$name" run.err | grep -Eq -- "${WANT[$name]}"'
done
check "run: stderr reports the duplicate reached through the link" \
	'grep -F "link-to-good-1.xml" run.err | grep -q "appears twice"'
for i in 1 2 3; do
	check "run: good-$i.xml not skipped" '! grep -qF "skipped $H/good-$i.xml" run.err'
done
check "run: stderr summary: 3 akter evaluated, $((n_hostile + 1)) files not imported" \
	'grep -q "3 akter evaluated, $((n_hostile + 1)) files could not be imported" run.err'
check "run: secret marker never printed" '! grep -qF "$MARK" run.out run.err'

run=$(cat run.out)
rc=0; "$AUDIT" export --db "$DB" --run latest --format csv >export.csv 2>export.err || rc=$?
check "export csv: exit 0 (got $rc)" '[ "$rc" -eq 0 ]'
check "export csv: header" 'head -n 1 export.csv | grep -q "^run,unit,akt,handlaggare,criterion,verdict,"'
rows=$(grep -c "^$run," export.csv)
check "export csv: 96 verdict rows (3 akter x 32 criteria), got $rows" '[ "$rows" -eq 96 ]'
for i in 1 2 3; do
	n=$(grep -c "^$run,EX,GOOD-$i," export.csv)
	check "export csv: 32 rows for GOOD-$i, got $n" '[ "$n" -eq 32 ]'
done
n=$(grep -c "^$run," export.csv | tr -d ' ')
m=$(grep -Ec "^$run,EX,GOOD-[123]," export.csv)
check "export csv: no rows but the 3 good akter ($n rows, $m for GOOD-1..3)" '[ "$n" -eq "$m" ]'
check "export csv: secret marker absent" '! grep -qF "$MARK" export.csv'
"$AUDIT" export --db "$DB" --run latest --format json >export.json 2>/dev/null
check "export json: secret marker absent" '[ -s export.json ] && ! grep -qF "$MARK" export.json'
if [ -n "$SQLITE" ]; then
	sqlite3 "$DB" .dump >dump.sql
	check "database: secret marker absent from the whole dump" '[ -s dump.sql ] && ! grep -qF "$MARK" dump.sql'
	stored=$(sqlite3 "$DB" "SELECT count(*) FROM akter WHERE run_id = $run AND error IS NULL")
	failed=$(sqlite3 "$DB" "SELECT count(*) FROM akter WHERE run_id = $run AND error IS NOT NULL")
	check "database: 3 akter stored, got $stored" '[ "$stored" = 3 ]'
	# (the duplicate akt id is refused by the store and recorded as a failed file too)
	check "database: every hostile file and the duplicate recorded as failed ($((n_hostile + 1))), got $failed" \
		'[ "$failed" -eq $((n_hostile + 1)) ]'
else
	skip "sqlite3 missing: the database is checked through export only"
fi

# ---------------------------------------------------------------- report
echo "slowest hostile file that finished: $slowest, ${slowest_s} s, peak ${slowest_kb} KB" \
	"(limits ${LIMIT_S} s, $LIMIT_KB KB per file)"
echo "largest peak memory: $maxkb_file, $maxkb KB"
[ -z "$timed_out" ] || echo "killed after ${LIMIT_S} s:$timed_out"
rm -f "$H/huge-attr.xml"   # 30 MB: not kept in the build tree
echo "hostile: $pass passed, $failn failed, $skipped skipped"
[ "$failn" -eq 0 ]
