#!/usr/bin/env bash
# A run killed with SIGKILL in the middle (as by the OOM killer or a power
# loss) leaves the database consistent (PRAGMA integrity_check), the earlier
# run's verdicts unchanged, and the killed run marked incomplete, never
# mistaken for a finished run.
set -u
: "${AUDIT:?}" "${AUDIT_SRC:?}" "${AUDIT_TMP:?}" "${SQLQ:?}"
rm -rf "$AUDIT_TMP" && mkdir -p "$AUDIT_TMP"
cd "$AUDIT_TMP" || exit 1
pass=0 failn=0
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL: $*"; failn=$((failn + 1)); }
check() { if eval "$2"; then ok; else fail "$1"; fi; }

db="$AUDIT_TMP/k.db"
"$AUDIT" generate --units 2 --akter 4000 --seed 11 --date 2026-10-31 -o big --quiet
check "corpus generated" '[ "$(find big -name "*.xml" | wc -l)" = 4000 ]'
run1=$("$AUDIT" run --db "$db" --date 2026-10-31 --quiet "$AUDIT_SRC/samples")
check "first run complete" '[ "$run1" = 1 ]'
"$AUDIT" export --db "$db" --run 1 --format csv -o before.csv

for attempt in 1 2 3; do
	# --threads 1 keeps it slow enough to be caught in the middle
	"$AUDIT" run --db "$db" --date 2026-10-31 --quiet --threads 1 big >/dev/null 2>&1 &
	pid=$!
	n=0
	for _ in $(seq 1 400); do
		n=$("$SQLQ" -w 2000 "$db" "SELECT count(*) FROM akter WHERE run_id = $((attempt + 1))" 2>/dev/null)
		[ "${n:-0}" -ge 600 ] && break
		sleep 0.05
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	status=$?
	check "attempt $attempt: the run was killed in the middle ($n akter stored, status $status)" \
		'[ "$status" = 137 ] && [ "${n:-0}" -ge 600 ] && [ "${n:-0}" -lt 4000 ]'
	check "attempt $attempt: integrity_check ok" '[ "$("$SQLQ" "$db" "PRAGMA integrity_check")" = ok ]'
	check "attempt $attempt: foreign keys consistent" '[ -z "$("$SQLQ" "$db" "PRAGMA foreign_key_check")" ]'
	"$AUDIT" export --db "$db" --run 1 --format csv -o after.csv
	check "attempt $attempt: the earlier run's verdicts are unchanged" 'cmp -s before.csv after.csv'
	check "attempt $attempt: 'latest' is still the earlier, complete run" \
		'"$AUDIT" export --db "$db" --run latest --format csv | cmp -s - before.csv'
	check "attempt $attempt: the killed run is marked incomplete" \
		'[ "$("$SQLQ" "$db" "SELECT status FROM runs WHERE id = $((attempt + 1))")" = incomplete ]'
	"$AUDIT" report --db "$db" --run $((attempt + 1)) --unit u01 -o killed.pdf 2>refuse.err
	check "attempt $attempt: a report of the killed run is refused, saying why" \
		'[ $? -eq 3 ] && [ ! -e killed.pdf ] && grep -qi "incomplete" refuse.err'
done

# after all that, the database takes a complete run as usual
run5=$("$AUDIT" run --db "$db" --date 2026-10-31 --quiet "$AUDIT_SRC/samples/norrby")
check "a new run completes afterwards" '[ "$run5" = 5 ] && [ "$("$SQLQ" "$db" "SELECT status FROM runs WHERE id = 5")" = complete ]'

echo "interrupt: $pass passed, $failn failed"
[ "$failn" -eq 0 ]
