#!/usr/bin/env bash
# Faults (issue 8): disk full while writing the database and a PDF, a
# read-only output folder, a database locked by another process, a corrupt
# database, SIGINT/SIGTERM during `run` and `report --all`, a missing font,
# and the mode of every file the program creates.  For each: a clear
# message on stderr, the documented exit status (0 ok, 2 usage, 3 input,
# 4 I/O, 130 interrupted), no partial file left behind (no *.tmp.*, no half
# PDF) and no earlier result lost (run 1 still exports byte for byte as it
# did, earlier PDFs unchanged).
#
# Needs: the audit binary ($AUDIT).  Uses when present: $SQLQ
# (tests/tools/sqlq.c, built with the tests) else python3 or sqlite3 for
# the database checks and the lock; root for tmpfs mounts (a really full disk, a
# read-only file system) and a private mount namespace (unshare) for the
# default font folder; without them those parts are skipped and said so.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}"
[ -x "$AUDIT" ] || { echo "FAIL: AUDIT=$AUDIT is not an executable"; exit 1; }
case $AUDIT in /*) ;; *) AUDIT="$PWD/$AUDIT" ;; esac
SQLQ=${SQLQ:-}
[ -n "$SQLQ" ] && [ -x "$SQLQ" ] || SQLQ=
umask 022

# ------------------------------------------------------------ set-up, clean-up
MOUNTS=()
BG=()
cleanup() {
	for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
	for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
	[ -d "$AUDIT_TMP" ] && chmod -R u+rwx "$AUDIT_TMP" 2>/dev/null
	# the large files go; the rest stays for a look when something failed
	rm -rf "$AUDIT_TMP/o/big" "$AUDIT_TMP/o/big.db" "$AUDIT_TMP"/o/sig-*.db* "$AUDIT_TMP/o/rep" 2>/dev/null
	[ "${failn:-1}" -eq 0 ] && rm -rf "$AUDIT_TMP/o" "$AUDIT_TMP/t"
}
trap cleanup EXIT
# mounts left by an earlier run that was killed
if [ -r /proc/mounts ]; then
	awk -v t="$AUDIT_TMP/" 'index($2, t) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
fi
chmod -R u+rwx "$AUDIT_TMP" 2>/dev/null
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP/o" "$AUDIT_TMP/t" || exit 1
cd "$AUDIT_TMP" || exit 1
O="$AUDIT_TMP/o"   # only audit writes below here (checked for modes at the end)
T="$AUDIT_TMP/t"   # files the test makes itself

pass=0 failn=0 skipped=0
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; echo "  condition: $2"; fi; }
note() { echo "  $*"; }

# runs audit with a time limit; status in $rc, output in out / err
A() {
	rc=0
	timeout -k 2 "${LIMIT:-120}" "$AUDIT" "$@" >out 2>err || rc=$?
}
err1() { head -c 400 err | tr '\n' ' '; }
# no temporary file of ours anywhere below $1
no_tmp() { [ -z "$(find "$1" -name '*.tmp.*' 2>/dev/null | head -n 1)" ]; }
mode_of() { stat -c '%a' "$1" 2>/dev/null; }
sha() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }
# a PDF that is whole: starts with %PDF- and ends with %%EOF (and pdfinfo
# reads it when installed)
pdf_whole() {
	[ -s "$1" ] && [ "$(head -c 5 "$1")" = "%PDF-" ] && tail -c 32 "$1" | grep -q '%%EOF' &&
		{ ! command -v pdfinfo >/dev/null 2>&1 || pdfinfo "$1" >/dev/null 2>&1; }
}

# ---- the database, read without audit
DBTOOL=
if [ -n "$SQLQ" ]; then DBTOOL=sqlq
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import sqlite3' 2>/dev/null; then DBTOOL=python
elif command -v sqlite3 >/dev/null 2>&1; then DBTOOL=sqlite3
fi
# db_query DB SQL: rows with a tab between columns (SQL has no parameters here)
db_query() {
	case $DBTOOL in
	sqlq) "$SQLQ" -w 10000 "$1" "$2" ;;
	python) python3 - "$1" "$2" <<'EOF'
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=rw", uri=True, timeout=10)
for row in c.execute(sys.argv[2]):
    print("\t".join("NULL" if v is None else str(v) for v in row))
EOF
		;;
	sqlite3) sqlite3 -separator "$(printf '\t')" -nullvalue NULL -cmd ".timeout 10000" "$1" "$2" ;;
	*) return 2 ;;
	esac
}
db_integrity() { db_query "$1" "PRAGMA integrity_check" 2>&1 | head -n 3 | tr '\n' ' ' | sed 's/ $//'; }
[ -n "$DBTOOL" ] || skip "no sqlq, python3 or sqlite3: integrity and run status are not checked"
# integrity of DB is "ok" (or unchecked)
db_sound() { [ -z "$DBTOOL" ] || [ "$(db_integrity "$1")" = "ok" ]; }
# status of run N: complete / incomplete / running / "" (absent)
run_status() { [ -n "$DBTOOL" ] && db_query "$1" "SELECT status FROM runs WHERE id = $2" 2>/dev/null; }

# ---- mounts (root only)
CAN_MOUNT=0
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$T/probe"
	if mount -t tmpfs -o size=64k tmpfs "$T/probe" 2>/dev/null; then
		CAN_MOUNT=1
		umount "$T/probe"
	fi
fi
[ "$CAN_MOUNT" = 1 ] || skip "cannot mount a tmpfs (not root or not permitted): the really-full disk and read-only file system cases use ulimit and chmod only"
# tmpfs DIR SIZE: a small file system at DIR
tmpfs() { mkdir -p "$1" && mount -t tmpfs -o "size=$2,mode=0755" tmpfs "$1" && MOUNTS+=("$1"); }
# fills the file system holding DIR to the last byte
fill_up() { dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null; dd if=/dev/zero of="$1/filler2" bs=1 2>/dev/null; true; }

# start a command with SIGINT and SIGTERM at their defaults (a background
# job of a script starts with SIGINT ignored; a user's Ctrl-C does not)
if env --default-signal=INT true 2>/dev/null; then
	DEFSIG=(env --default-signal=INT,TERM)
elif command -v perl >/dev/null 2>&1; then
	DEFSIG=(perl -e '$SIG{INT} = $SIG{TERM} = "DEFAULT"; exec @ARGV or die "exec: $!"')
else
	DEFSIG=()
fi

# ------------------------------------------------------------ the data
# a small set (run 1 of every database below) and a large one for signals
LIMIT=300 A generate --units 2 --akter 40 --seed 2026 --date 2026-10-31 -o "$O/small"
check "generate small: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
LIMIT=300 A generate --units 2 --akter 3000 --seed 2027 --date 2026-10-31 -o "$O/big"
check "generate big: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
BASE="$O/base.db"
A run --db "$BASE" --date 2026-10-31 "$O/small"
check "baseline run: exit 0 and run 1 (got $rc, '$(cat out)': $(err1))" '[ "$rc" -eq 0 ] && [ "$(cat out)" = 1 ]'
A export --db "$BASE" --run 1 --format csv -o "$O/base.csv"
check "baseline export: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ] && [ -s "$O/base.csv" ]'
UNITS=$(tail -n +2 "$O/base.csv" | cut -d, -f2 | sort -u | tr '\n' ' ')
U1=${UNITS%% *}
check "baseline: two units ($UNITS)" '[ "$(echo $UNITS | wc -w)" -eq 2 ]'
A report --db "$BASE" --run 1 --unit "$U1" -o "$O/base-$U1.pdf"
check "baseline report: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ] && pdf_whole "$O/base-$U1.pdf"'

# copy_base NAME: a copy of the baseline database (run 1 complete)
copy_base() { cp "$BASE" "$1" && rm -f "$1-wal" "$1-shm"; }
# earlier DB: run 1 exports exactly as before and reports
earlier_ok() {
	local what=$1 db=$2
	A export --db "$db" --run 1 --format csv
	check "$what: run 1 still exports as before (exit $rc: $(err1))" '[ "$rc" -eq 0 ] && cmp -s out "$O/base.csv"'
	A report --db "$db" --run 1 --unit "$U1" -o "$T/earlier.pdf"
	check "$what: run 1 still reports (exit $rc: $(err1))" '[ "$rc" -eq 0 ] && pdf_whole "$T/earlier.pdf"'
	rm -f "$T/earlier.pdf"
	check "$what: the database is sound (integrity: $(db_integrity "$db"))" 'db_sound "$db"'
}
# interrupted DB: run 2 is marked incomplete or absent, never complete
run2_not_complete() {
	local what=$1 db=$2 st
	st=$(run_status "$db" 2)
	check "$what: run 2 is incomplete or absent (status '$st')" '[ "$st" != complete ] && [ "$st" != running ]'
	A export --db "$db" --run latest --format csv
	check "$what: 'latest' is still run 1 (exit $rc)" '[ "$rc" -eq 0 ] && cmp -s out "$O/base.csv"'
}

# ============================================================ 1. disk full: database
echo "-- disk full while writing the database"
# a file size limit (any user): write() fails with EFBIG once the WAL reaches it
mkdir -p "$O/dbfull"
copy_base "$O/dbfull/a.db"
rc=0
( ulimit -f 3072; trap '' XFSZ
  exec timeout -k 2 300 "$AUDIT" run --db "$O/dbfull/a.db" --date 2026-10-31 "$O/big" ) >out 2>err || rc=$?
note "file size limit 3 MiB: exit $rc: $(err1)"
check "db, file size limit: exit 4 (got $rc)" '[ "$rc" -eq 4 ]'
check "db, file size limit: the message names the database and says the disk is full or the size limit is reached" \
	'grep -F "$O/dbfull/a.db" err | grep -Eiq "disk is full|no space|size limit|too large"'
check "db, file size limit: no temporary file" 'no_tmp "$O/dbfull"'
run2_not_complete "db, file size limit" "$O/dbfull/a.db"
earlier_ok "db, file size limit" "$O/dbfull/a.db"

if [ "$CAN_MOUNT" = 1 ]; then
	tmpfs "$O/dbfs" 3m
	copy_base "$O/dbfs/a.db"
	A run --db "$O/dbfs/a.db" --date 2026-10-31 "$O/big"
	note "3 MiB tmpfs: exit $rc: $(err1)"
	check "db, disk full: exit 4 (got $rc)" '[ "$rc" -eq 4 ]'
	check "db, disk full: the message names the database and says the disk is full" \
		'grep -F "$O/dbfs/a.db" err | grep -Eiq "disk is full"'
	check "db, disk full: no temporary file" 'no_tmp "$O/dbfs"'
	run2_not_complete "db, disk full" "$O/dbfs/a.db"
	earlier_ok "db, disk full (still full)" "$O/dbfs/a.db"
	# a new database on a full disk
	fill_up "$O/dbfs"
	A run --db "$O/dbfs/new.db" --date 2026-10-31 "$O/small"
	check "new db on a full disk: exit 4 (got $rc: $(err1))" '[ "$rc" -eq 4 ] && grep -Eiq "disk is full|no space" err'
fi

# ============================================================ 2. disk full: PDF and export
echo "-- disk full while writing a PDF or an export"
mkdir -p "$O/pdflim"
cp "$O/base-$U1.pdf" "$O/pdflim/$U1.pdf"
cp "$O/base.csv" "$O/pdflim/x.csv"
old_pdf=$(sha "$O/pdflim/$U1.pdf")
rc=0
# 128 KiB: room for the database's own -shm and -wal, not for the PDF (200 KB)
( ulimit -f 128; trap '' XFSZ
  exec timeout -k 2 120 "$AUDIT" report --db "$BASE" --run 1 --unit "$U1" -o "$O/pdflim/$U1.pdf" ) >out 2>err || rc=$?
note "pdf, file size limit 128 KiB: exit $rc: $(err1)"
check "pdf, file size limit: exit 4 (got $rc)" '[ "$rc" -eq 4 ]'
check "pdf, file size limit: the message names the PDF and the cause" \
	'grep -F "$O/pdflim/$U1.pdf" err | grep -Eiq "too large|size limit|disk is full"'
check "pdf, file size limit: the earlier PDF is unchanged" '[ "$(sha "$O/pdflim/$U1.pdf")" = "$old_pdf" ]'
check "pdf, file size limit: no temporary file" 'no_tmp "$O/pdflim"'
rc=0
( ulimit -f 128; trap '' XFSZ
  exec timeout -k 2 120 "$AUDIT" report --db "$BASE" --run 1 --all -o "$O/pdflim/all" ) >out 2>err || rc=$?
check "report --all, file size limit: exit 4 (got $rc: $(err1))" '[ "$rc" -eq 4 ]'
check "report --all, file size limit: no temporary file" 'no_tmp "$O/pdflim"'
for f in "$O"/pdflim/all/*.pdf; do
	[ -e "$f" ] || continue
	check "report --all, file size limit: $(basename "$f") is a whole PDF, not a half one" 'pdf_whole "$f"'
done
rc=0
( ulimit -f 128; trap '' XFSZ
  exec timeout -k 2 120 "$AUDIT" export --db "$BASE" --run 1 --format csv -o "$O/pdflim/x.csv" ) >out 2>err || rc=$?
check "export, file size limit: exit 4 and a message (got $rc: $(err1))" \
	'[ "$rc" -eq 4 ] && grep -Eiq "too large|size limit|disk is full|cannot write" err'
check "export, file size limit: the earlier export is unchanged" 'cmp -s "$O/pdflim/x.csv" "$O/base.csv"'
check "export, file size limit: no temporary file" 'no_tmp "$O/pdflim"'
# /dev/full as standard output
rc=0; timeout -k 2 60 "$AUDIT" export --db "$BASE" --run 1 --format csv >/dev/full 2>err || rc=$?
check "export to /dev/full: exit 4 and a message (got $rc: $(err1))" '[ "$rc" -eq 4 ] && grep -Eiq "no space|cannot write" err'
rc=0; timeout -k 2 60 "$AUDIT" export --db "$BASE" --run 1 --format json >/dev/full 2>err || rc=$?
check "export json to /dev/full: exit 4 (got $rc: $(err1))" '[ "$rc" -eq 4 ]'

if [ "$CAN_MOUNT" = 1 ]; then
	tmpfs "$O/pdffs" 512k
	A report --db "$BASE" --run 1 --unit "$U1" -o "$O/pdffs/$U1.pdf"
	A export --db "$BASE" --run 1 --format csv -o "$O/pdffs/x.csv"
	old_pdf=$(sha "$O/pdffs/$U1.pdf")
	fill_up "$O/pdffs"
	A report --db "$BASE" --run 1 --unit "$U1" -o "$O/pdffs/$U1.pdf"
	note "pdf, full tmpfs: exit $rc: $(err1)"
	check "pdf, disk full: exit 4 (got $rc)" '[ "$rc" -eq 4 ]'
	check "pdf, disk full: the message names the PDF and says the disk is full" \
		'grep -F "$O/pdffs/$U1.pdf" err | grep -Eiq "no space|disk is full"'
	check "pdf, disk full: the earlier PDF is unchanged" '[ "$(sha "$O/pdffs/$U1.pdf")" = "$old_pdf" ]'
	check "pdf, disk full: no temporary file" 'no_tmp "$O/pdffs"'
	A report --db "$BASE" --run 1 --all -o "$O/pdffs/all"
	check "report --all, disk full: exit 4 (got $rc: $(err1))" '[ "$rc" -eq 4 ]'
	check "report --all, disk full: no temporary file" 'no_tmp "$O/pdffs"'
	for f in "$O"/pdffs/all/*.pdf; do
		[ -e "$f" ] || continue
		check "report --all, disk full: $(basename "$f") is a whole PDF" 'pdf_whole "$f"'
	done
	A export --db "$BASE" --run 1 --format json -o "$O/pdffs/x.csv"
	check "export, disk full: exit 4 (got $rc: $(err1))" '[ "$rc" -eq 4 ] && grep -Eiq "no space|disk is full" err'
	check "export, disk full: the earlier export is unchanged" 'cmp -s "$O/pdffs/x.csv" "$O/base.csv"'
	check "export, disk full: no temporary file" 'no_tmp "$O/pdffs"'
	check "pdf, disk full: the database is untouched and sound" 'db_sound "$BASE"'
fi

# ============================================================ 3. read-only output folder
echo "-- read-only output folder"
RO="$O/ro"
ro_ready=0
mkdir -p "$RO"
if [ "$(id -u)" != 0 ]; then
	copy_base "$RO/a.db"
	A report --db "$BASE" --run 1 --unit "$U1" -o "$RO/$U1.pdf"
	chmod 0555 "$RO" && ro_ready=1
elif [ "$CAN_MOUNT" = 1 ]; then
	tmpfs "$RO" 8m
	copy_base "$RO/a.db"
	A report --db "$BASE" --run 1 --unit "$U1" -o "$RO/$U1.pdf"
	mount -o remount,ro "$RO" && ro_ready=1
else
	skip "running as root without mount: chmod does not stop root, so the read-only folder is not checked"
fi
if [ "$ro_ready" = 1 ]; then
	old_pdf=$(sha "$RO/$U1.pdf")
	A report --db "$BASE" --run 1 --unit "$U1" -o "$RO/$U1.pdf"
	note "report into a read-only folder: exit $rc: $(err1)"
	check "read-only: report exits 4 (got $rc)" '[ "$rc" -eq 4 ]'
	check "read-only: the message names the file and the cause" \
		'grep -F "$RO/$U1.pdf" err | grep -Eiq "read-only|permission denied"'
	check "read-only: the earlier PDF is unchanged" '[ "$(sha "$RO/$U1.pdf")" = "$old_pdf" ]'
	A report --db "$BASE" --run 1 --all -o "$RO/all"
	check "read-only: report --all into a new folder exits 4 with a message (got $rc: $(err1))" \
		'[ "$rc" -eq 4 ] && grep -F "$RO/all" err | grep -Eiq "read-only|permission denied"'
	A report --db "$BASE" --run 1 --all -o "$RO"
	check "read-only: report --all into the folder itself exits 4 (got $rc: $(err1))" '[ "$rc" -eq 4 ]'
	check "read-only: the earlier PDF is still unchanged" '[ "$(sha "$RO/$U1.pdf")" = "$old_pdf" ]'
	A export --db "$BASE" --run 1 --format csv -o "$RO/x.csv"
	check "read-only: export exits 4 with a message (got $rc: $(err1))" \
		'[ "$rc" -eq 4 ] && grep -Eiq "read-only|permission denied" err && [ ! -e "$RO/x.csv" ]'
	A run --db "$RO/new.db" --date 2026-10-31 "$O/small"
	check "read-only: run with a new database there exits 4 with a message (got $rc: $(err1))" \
		'[ "$rc" -eq 4 ] && grep -F "$RO/new.db" err | grep -Eiq "read-only|permission denied|cannot create"'
	A run --db "$RO/a.db" --date 2026-10-31 "$O/small"
	check "read-only: run on an existing database there exits 4 with a message (got $rc: $(err1))" \
		'[ "$rc" -eq 4 ] && grep -F "$RO/a.db" err | grep -Eiq "read-only|only be read|permission|cannot"'
	check "read-only: nothing was left in the folder ($(ls -A "$RO" | tr '\n' ' '))" \
		'[ "$(ls -A "$RO" | sort | tr "\n" " ")" = "$(printf "%s\n" a.db "$U1.pdf" | sort | tr "\n" " ")" ]'
	if [ "$(id -u)" != 0 ]; then chmod 0755 "$RO"; else mount -o remount,rw "$RO"; fi
	earlier_ok "read-only, once writable again" "$RO/a.db"
fi

# ============================================================ 4. database locked
echo "-- database locked by another process"
LOCKDB="$O/locked.db"
copy_base "$LOCKDB"
locker=()
if [ -n "$SQLQ" ]; then
	locker=("$SQLQ" -hold 60 "$LOCKDB")
elif [ "$DBTOOL" = python ]; then
	locker=(python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE"); print("locked", flush=True); time.sleep(60)' "$LOCKDB")
fi
if [ ${#locker[@]} -eq 0 ]; then
	skip "no sqlq or python3: the locked database is not checked"
else
	rm -f "$T/lock.out"
	"${locker[@]}" >"$T/lock.out" 2>&1 &
	lock_pid=$!
	BG+=("$lock_pid")
	for _ in $(seq 100); do grep -q locked "$T/lock.out" 2>/dev/null && break; sleep 0.1; done
	check "lock: the other process holds the write lock ($(cat "$T/lock.out"))" 'grep -q locked "$T/lock.out"'
	start=$(date +%s)
	LIMIT=60 A run --db "$LOCKDB" --date 2026-10-31 "$O/small"
	secs=$(( $(date +%s) - start ))
	note "run on a locked database: exit $rc after ${secs}s: $(err1)"
	check "lock: run does not hang (${secs}s, exit $rc)" '[ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] && [ "$secs" -lt 30 ]'
	check "lock: run exits 4 (got $rc)" '[ "$rc" -eq 4 ]'
	check "lock: the message names the database and says it is busy or locked" \
		'grep -F "$LOCKDB" err | grep -Eiq "busy|locked"'
	LIMIT=60 A export --db "$LOCKDB" --run 1 --format csv
	check "lock: the earlier run can still be read while it is locked (exit $rc: $(err1))" \
		'[ "$rc" -eq 0 ] && cmp -s out "$O/base.csv"'
	kill "$lock_pid" 2>/dev/null
	wait "$lock_pid" 2>/dev/null
	run2_not_complete "lock" "$LOCKDB"
	earlier_ok "lock, once released" "$LOCKDB"
fi

# ============================================================ 5. corrupt database
echo "-- a database that is corrupt or not a database"
mkdir -p "$T/bad"
if command -v perl >/dev/null 2>&1; then
	perl -e 'srand(8); print map { chr(int(rand(256))) } 1 .. 65536' >"$T/bad/random.db"
else
	head -c 65536 /dev/urandom >"$T/bad/random.db"
fi
head -c $(( $(stat -c %s "$BASE") / 2 )) "$BASE" >"$T/bad/truncated.db"
printf 'SQLite format 3\0' >"$T/bad/header-only.db"
mkdir -p "$T/bad/dir.db"
cp "$BASE" "$T/bad/damaged.db"
# overwrite every page from the third on with garbage, keeping the header
size=$(stat -c %s "$BASE")
for off in $(seq 8192 4096 $((size - 4096))); do
	printf 'garbage-garbage-garbage-garbage-garbage-garbage-garbage-garbage-%04d' "$off" |
		dd of="$T/bad/damaged.db" bs=1 seek="$off" conv=notrunc 2>/dev/null
done
# an SQLite database whose application_id is another program's
if [ -n "$DBTOOL" ]; then
	cp "$BASE" "$T/bad/other-program.db"
	db_query "$T/bad/other-program.db" "PRAGMA application_id = 1234567" >/dev/null 2>&1 ||
		rm -f "$T/bad/other-program.db"
	rm -f "$T/bad/other-program.db-wal" "$T/bad/other-program.db-shm"
fi
for name in random truncated header-only damaged other-program dir; do
	db="$T/bad/$name.db"
	[ -e "$db" ] || { skip "$name.db could not be made"; continue; }
	before=$( [ -f "$db" ] && sha "$db")
	for cmd in run export report; do
		case $cmd in
		run) A run --db "$db" --date 2026-10-31 "$O/small" ;;
		export) A export --db "$db" --run 1 --format csv -o "$T/bad/x.csv" ;;
		report) A report --db "$db" --run 1 --unit "$U1" -o "$T/bad/x.pdf" ;;
		esac
		[ "$cmd" = run ] && note "$name.db, $cmd: exit $rc: $(err1)"
		check "corrupt $name.db, $cmd: exit 3 (got $rc: $(err1))" '[ "$rc" -eq 3 ]'
		check "corrupt $name.db, $cmd: the message names the file and says it is not an audit database or damaged" \
			'grep -F "$db" err | grep -Eiq "not an audit database|damaged|not a regular file|malformed"'
		check "corrupt $name.db, $cmd: no output written" '[ ! -e "$T/bad/x.csv" ] && [ ! -e "$T/bad/x.pdf" ]'
	done
	if [ -f "$db" ]; then
		check "corrupt $name.db: the file is left as it was" '[ "$(sha "$db")" = "$before" ]'
	fi
done
check "corrupt databases: no temporary file" 'no_tmp "$T/bad"'

# ============================================================ 6. SIGINT / SIGTERM during run
echo "-- SIGINT and SIGTERM during run"
if [ ${#DEFSIG[@]} -eq 0 ]; then
	skip "neither env --default-signal nor perl: cannot start a command with default signal handling"
fi
wal_checked=0
for sig in INT TERM; do
	db="$O/sig-$sig.db"
	copy_base "$db"
	"${DEFSIG[@]}" "$AUDIT" run --db "$db" --date 2026-10-31 "$O/big" >"$T/sig.out" 2>"$T/sig.err" &
	pid=$!
	BG+=("$pid")
	# wait until run 2 has begun writing, then a little longer (a run of
	# 3000 akter takes about 2 s with two cores)
	started=0
	for _ in $(seq 200); do
		if [ -n "$DBTOOL" ]; then
			[ "$(run_status "$db" 2)" != "" ] && { started=1; break; }
		elif [ -s "$db-wal" ]; then started=1; break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	sleep 0.2
	if [ "$wal_checked" = 0 ] && [ -e "$db-wal" ]; then
		check "mode: $(basename "$db")-wal is 0600 (got $(mode_of "$db-wal"))" '[ "$(mode_of "$db-wal")" = 600 ]'
		[ -e "$db-shm" ] && check "mode: $(basename "$db")-shm is 0600 (got $(mode_of "$db-shm"))" \
			'[ "$(mode_of "$db-shm")" = 600 ]'
		wal_checked=1
	fi
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		fail "SIG$sig during run: the run ended before the signal (exit $?); the machine is too fast for 3000 akter"
		continue
	fi
	check "SIG$sig during run: run 2 had begun" '[ "$started" = 1 ]'
	kill -"$sig" "$pid"
	rc=0
	for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		fail "SIG$sig during run: still running 30 s after the signal"
		kill -KILL "$pid"
	fi
	wait "$pid" || rc=$?
	note "SIG$sig during run: exit $rc: $(head -c 300 "$T/sig.err" | tr '\n' ' ')"
	check "SIG$sig during run: exit 130 (got $rc)" '[ "$rc" -eq 130 ]'
	check "SIG$sig during run: a message says it was stopped" \
		'grep -Eiq "stopped by a signal|interrupted" "$T/sig.err"'
	check "SIG$sig during run: no run number printed as if it had finished" '! grep -Eq "^[0-9]+$" "$T/sig.out"'
	st=$(run_status "$db" 2)
	check "SIG$sig during run: run 2 is marked incomplete or absent (status '$st')" \
		'[ "$st" = incomplete ] || [ -z "$DBTOOL" ] || [ -z "$st" ]'
	A report --db "$db" --run 2 --unit "$U1" -o "$T/sig.pdf"
	check "SIG$sig during run: report refuses the incomplete run (exit $rc: $(err1))" \
		'[ "$rc" -ne 0 ] && grep -Eiq "incomplete|not complete|ofullständig" err && [ ! -e "$T/sig.pdf" ]'
	run2_not_complete "SIG$sig during run" "$db"
	earlier_ok "SIG$sig during run" "$db"
done

# ============================================================ 7. SIGINT / SIGTERM during report --all
echo "-- SIGINT and SIGTERM during report --all"
BIGDB="$O/big.db"
LIMIT=600 A run --db "$BIGDB" --date 2026-10-31 "$O/big"
check "big run for the report: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
A report --db "$BIGDB" --run 1 --all -o "$O/rep"
check "report --all before the signals: exit 0 (got $rc: $(err1))" '[ "$rc" -eq 0 ]'
declare -A REP_SHA
for f in "$O"/rep/*.pdf; do REP_SHA[$(basename "$f")]=$(sha "$f"); done
A export --db "$BIGDB" --run 1 --format csv -o "$T/big.csv"
for sig in INT TERM; do
	for delay in 0.15 0.45; do # report --all of 3000 akter takes about 0.8 s
		[ ${#DEFSIG[@]} -gt 0 ] || break
		"${DEFSIG[@]}" "$AUDIT" report --db "$BIGDB" --run 1 --all -o "$O/rep" >"$T/sig.out" 2>"$T/sig.err" &
		pid=$!
		BG+=("$pid")
		sleep "$delay"
		if ! kill -0 "$pid" 2>/dev/null; then
			wait "$pid"
			skip "SIG$sig after ${delay}s during report --all: it had already finished (exit $?)"
			continue
		fi
		kill -"$sig" "$pid"
		for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$pid" 2>/dev/null && { fail "SIG$sig during report: still running 30 s after the signal"; kill -KILL "$pid"; }
		rc=0; wait "$pid" || rc=$?
		note "SIG$sig after ${delay}s during report --all: exit $rc: $(head -c 300 "$T/sig.err" | tr '\n' ' ')"
		check "SIG$sig during report --all: exit 130 (got $rc)" '[ "$rc" -eq 130 ]'
		check "SIG$sig during report --all: a message says it was stopped" \
			'grep -Eiq "stopped by a signal|interrupted" "$T/sig.err"'
		check "SIG$sig during report --all: no temporary file" 'no_tmp "$O/rep"'
		for f in "$O"/rep/*.pdf; do
			b=$(basename "$f")
			check "SIG$sig during report --all: $b is whole (the earlier one or a new one)" \
				'[ "$(sha "$f")" = "${REP_SHA[$b]:-}" ] || pdf_whole "$f"'
		done
		check "SIG$sig during report --all: the database is sound" 'db_sound "$BIGDB"'
	done
done
A export --db "$BIGDB" --run 1 --format csv
check "after the signals: the big run still exports as before" '[ "$rc" -eq 0 ] && cmp -s out "$T/big.csv"'

# ============================================================ 8. missing font
echo "-- missing font file"
mkdir -p "$O/font" "$T/nofonts" "$T/onefont" "$T/badfonts"
DEJAVU=/usr/share/fonts/truetype/dejavu
cp "$O/base-$U1.pdf" "$O/font/$U1.pdf"
old_pdf=$(sha "$O/font/$U1.pdf")
font_case() { # name, font dir, file the message must name
	local name=$1 dir=$2 want=$3
	rc=0
	AUDIT_FONT_DIR="$dir" timeout -k 2 60 "$AUDIT" report --db "$BASE" --run 1 --unit "$U1" \
		-o "$O/font/$U1.pdf" >out 2>err || rc=$?
	note "font, $name: exit $rc: $(err1)"
	check "font, $name: exit 4 (got $rc)" '[ "$rc" -eq 4 ]'
	check "font, $name: the message names $want and the package fonts-dejavu-core" \
		'grep -F "$want" err | grep -q "fonts-dejavu-core"'
	check "font, $name: the earlier PDF is unchanged" '[ "$(sha "$O/font/$U1.pdf")" = "$old_pdf" ]'
	check "font, $name: no temporary file" 'no_tmp "$O/font"'
}
font_case "no fonts" "$T/nofonts" "$T/nofonts/DejaVuSans.ttf"
if [ -f "$DEJAVU/DejaVuSans.ttf" ]; then
	cp "$DEJAVU/DejaVuSans.ttf" "$T/onefont/"
	font_case "bold missing" "$T/onefont" "$T/onefont/DejaVuSans-Bold.ttf"
else
	skip "$DEJAVU/DejaVuSans.ttf not installed: the bold-only case is not checked"
fi
: >"$T/badfonts/DejaVuSans.ttf"
head -c 3000 /dev/zero | tr '\0' 'x' >"$T/badfonts/DejaVuSans-Bold.ttf"
font_case "empty font file" "$T/badfonts" "$T/badfonts/DejaVuSans.ttf"
if [ -f "$DEJAVU/DejaVuSans.ttf" ] && [ -f "$DEJAVU/DejaVuSans-Bold.ttf" ]; then
	mkdir -p "$T/cutfont"
	head -c 30000 "$DEJAVU/DejaVuSans.ttf" >"$T/cutfont/DejaVuSans.ttf"
	cp "$DEJAVU/DejaVuSans-Bold.ttf" "$T/cutfont/"
	font_case "truncated font file" "$T/cutfont" "$T/cutfont/DejaVuSans.ttf"
fi
# the default folder itself, hidden in a private mount namespace
if [ "$CAN_MOUNT" = 1 ] && command -v unshare >/dev/null 2>&1 && [ -d "$DEJAVU" ] &&
	unshare -m true 2>/dev/null; then
	rc=0
	env -u AUDIT_FONT_DIR timeout -k 2 60 unshare -m sh -c 'mount --bind "$1" "$2" && exec "$3" report --db "$4" --run 1 --unit "$5" -o "$6"' \
		sh "$T/nofonts" "$DEJAVU" "$AUDIT" "$BASE" "$U1" "$O/font/$U1.pdf" >out 2>err || rc=$?
	note "font, default folder empty: exit $rc: $(err1)"
	check "font, default folder empty: exit 4 (got $rc)" '[ "$rc" -eq 4 ]'
	check "font, default folder empty: the message names $DEJAVU/DejaVuSans.ttf and fonts-dejavu-core" \
		'grep -F "$DEJAVU/DejaVuSans.ttf" err | grep -q "fonts-dejavu-core"'
	check "font, default folder empty: the earlier PDF is unchanged" '[ "$(sha "$O/font/$U1.pdf")" = "$old_pdf" ]'
else
	skip "no private mount namespace (root and unshare): the default font folder is checked through AUDIT_FONT_DIR only"
fi

# ============================================================ 9. modes
echo "-- every file the program creates is its owner's only (umask 022)"
A report --db "$BASE" --run 1 --all -o "$O/modes/all"
A report --db "$BASE" --run 1 --namnd -o "$O/modes/namnd.pdf"
A report --db "$BASE" --run 1 --unit "$U1" --actions -o "$O/modes/actions.pdf"
A export --db "$BASE" --run 1 --format json -o "$O/modes/x.json"
A export --db "$BASE" --run 1 --format csv --bom -o "$O/modes/x.csv"
A run --db "$O/modes/sub/dir/new.db" --date 2026-10-31 "$O/small"
for f in "$BASE" "$O/base.csv" "$O/base-$U1.pdf" "$O"/modes/all/*.pdf "$O/modes/namnd.pdf" \
	"$O/modes/actions.pdf" "$O/modes/x.json" "$O/modes/x.csv" "$O/modes/sub/dir/new.db"; do
	if [ -e "$f" ]; then
		check "mode: ${f#"$AUDIT_TMP"/} is 0600 (got $(mode_of "$f"))" '[ "$(mode_of "$f")" = 600 ]'
	else
		fail "mode: ${f#"$AUDIT_TMP"/} was not created"
	fi
done
for d in "$O/modes/all" "$O/modes/sub" "$O/modes/sub/dir" "$O/small"; do
	check "mode: folder ${d#"$AUDIT_TMP"/} is 0700 (got $(mode_of "$d"))" '[ "$(mode_of "$d")" = 700 ]'
done
bad=$(find "$O/small" -type f ! -perm 600 2>/dev/null | head -n 5)
check "mode: every generated akt is 0600 (${bad:-all are})" '[ -z "$bad" ]'
# and a sweep: no file below $O (audit's output; the test only copies
# audit's files there, and fills the small file systems) is readable by others
others=$(find "$O" -type f -perm /077 ! -name 'filler*' -print 2>/dev/null | head -n 10)
check "mode: no file below the output folder is readable by group or others (${others:-none})" '[ -z "$others" ]'

# ------------------------------------------------------------ summary
echo "faults: $pass passed, $failn failed, $skipped skipped"
[ "$failn" -eq 0 ]
