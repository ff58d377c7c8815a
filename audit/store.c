/* store.c - see store.h.  The only file that talks to SQLite.
 *
 * Layout of the database (schema version 1):
 *
 *   runs      one row per `audit run`: checklist, reference date, parameters,
 *             status running/complete/incomplete
 *   units     the units seen in a run (per run, so an old report keeps the
 *             unit name it had then)
 *   akter     the akter (files) seen in a run: id, unit, handläggare,
 *             source, format, content hash (never the content), or the
 *             reason the file could not be imported
 *   criteria  the checklist's criteria as they were in the run
 *   verdicts  one per akt x criterion, with message, item counts and
 *             (from version 2) its evidence packed into one JSON column
 *             (store_pack_evidence); run_id and unit are copies of the
 *             akt's
 *   verdict_counts  (version 2) the number of verdicts per run, unit,
 *             criterion, counting verdict (the reviewed one where there is
 *             one) and whether it was reviewed: what reports count, kept
 *             in the same transactions as the verdicts (version 1 had the
 *             index verdicts_count for that, which every verdict had to
 *             be inserted into)
 *   evidence  version 1 only: one row per evidence item; version 2 packs
 *             the rows into verdicts.evidence and drops the table
 *   reviews   the inspector's own verdicts (issue 4; no API yet)
 *   reports   report generations
 *
 * Versioning: PRAGMA user_version holds the schema version and
 * PRAGMA application_id marks the file as ours.  migrations[v] upgrades a
 * database from version v to v + 1; a file newer than the program is
 * refused.  Every statement is prepared once per store and cached in
 * s->st; every value is bound, never pasted into SQL.
 *
 * Writing akter: store_run_add_akt opens a transaction on its first call and
 * commits every STORE_BATCH akter (and in store_run_finish).  Per akt it
 * writes one akter row and one row per verdict, nothing else: what would
 * break a constraint (an akt id seen twice, an unknown criterion, two
 * verdicts on one criterion, no verdict) is checked before anything is
 * written, so no savepoint is needed; a constraint failure all the same
 * (not expected) is undone by deleting the akt's rows and its unit's when
 * the akt was the unit's first.  Such an akt is reported as AUDIT_EINPUT and
 * the batch goes on; any other failure rolls back the whole open batch,
 * returns AUDIT_EIO and the run can no longer be finished as complete.
 * Hot statements are reset without clearing their bindings: every
 * parameter is bound again on each use.
 *
 * No clock is read here: the store keeps what it is given.
 */
#define _POSIX_C_SOURCE 200809L
#include "store.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define STORE_BUSY_MS 5000
/* Page cache of the connection (KiB), twice SQLite's default: akter are
 * written in order, so a batch's pages are seldom touched again once full
 * (a larger cache measured no faster) and memory stays flat. */
#define STORE_CACHE_KIB 4096
/* WAL pages after which a commit copies the WAL into the database
 * (PRAGMA wal_autocheckpoint; SQLite's default is 1000).  Each checkpoint
 * waits for two fsyncs, and the writer with it; 8192 pages (32 MiB) is
 * about 4,000 akter.  The last connection to close checkpoints too, so a
 * finished run is in the database file when `audit run` has exited. */
#define STORE_WAL_PAGES 8192
#define AUDIT_STR_(x) #x
#define AUDIT_STR(x) AUDIT_STR_(x)
/* PRAGMA application_id: "AUDT" */
#define STORE_APP_ID 0x41554454

/* ------------------------------------------------------------ schema */

static const char schema_v1[] =
	"CREATE TABLE runs (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  status TEXT NOT NULL DEFAULT 'running'\n"
	"    CHECK (status IN ('running', 'complete', 'incomplete')),\n"
	"  checklist_id TEXT NOT NULL,\n"
	"  checklist_name TEXT,\n"
	"  checklist_version TEXT,\n"
	"  checklist_hash TEXT,\n"
	"  legal_basis TEXT,\n"
	"  ref_date TEXT NOT NULL,\n"
	"  ref_date_is_today INTEGER NOT NULL DEFAULT 0 CHECK (ref_date_is_today IN (0, 1)),\n"
	"  params TEXT,\n"
	"  tool_version TEXT,\n"
	"  method TEXT,\n"
	"  seed INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX runs_status ON runs (status, id);\n"
	"CREATE TABLE units (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  unit_id TEXT NOT NULL,\n"
	"  name TEXT,\n"
	"  UNIQUE (run_id, unit_id)\n"
	");\n"
	"CREATE TABLE akter (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  akt_id TEXT,\n"
	"  unit INTEGER REFERENCES units (id) ON DELETE CASCADE,\n"
	"  handlaggare_id TEXT,\n"
	"  handlaggare_name TEXT,\n"
	"  source_path TEXT,\n"
	"  source_format TEXT,\n"
	"  content_hash TEXT,\n"
	"  error TEXT,\n"
	"  UNIQUE (run_id, akt_id),\n"
	"  CHECK (error IS NOT NULL OR (akt_id IS NOT NULL AND unit IS NOT NULL))\n"
	");\n"
	"CREATE INDEX akter_unit ON akter (unit, akt_id);\n"
	"CREATE INDEX akter_failed ON akter (run_id, source_path) WHERE error IS NOT NULL;\n"
	"CREATE TABLE criteria (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  criterion_id TEXT NOT NULL,\n"
	"  title TEXT,\n"
	"  area TEXT,\n"
	"  section TEXT,\n"
	"  legal_refs TEXT,\n"
	"  position INTEGER NOT NULL,\n"
	"  UNIQUE (run_id, criterion_id)\n"
	");\n"
	"CREATE TABLE verdicts (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  akt INTEGER NOT NULL REFERENCES akter (id) ON DELETE CASCADE,\n"
	"  criterion INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,\n"
	"  run_id INTEGER NOT NULL, -- copy of akter.run_id, for counting\n"
	"  unit INTEGER NOT NULL,   -- copy of akter.unit, for counting\n"
	"  verdict TEXT NOT NULL\n"
	"    CHECK (verdict IN ('uppfyllt', 'delvis', 'ej-uppfyllt', 'ej-tillampligt')),\n"
	"  message TEXT,\n"
	"  items_total INTEGER NOT NULL DEFAULT 0,\n"
	"  items_met INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (akt, criterion)\n"
	");\n"
	"CREATE INDEX verdicts_count ON verdicts (run_id, unit, criterion, verdict);\n"
	"CREATE TABLE evidence (\n"
	"  verdict INTEGER NOT NULL REFERENCES verdicts (id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  kind TEXT,\n"
	"  doc_id TEXT,\n"
	"  date TEXT,\n"
	"  location TEXT,\n"
	"  item TEXT,\n"
	"  quote TEXT,\n"
	"  pattern TEXT,\n"
	"  sought TEXT,\n"
	"  found INTEGER NOT NULL CHECK (found IN (0, 1)),\n"
	"  PRIMARY KEY (verdict, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE reviews (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  akt_id TEXT NOT NULL,\n"
	"  criterion_id TEXT NOT NULL,\n"
	"  verdict TEXT NOT NULL\n"
	"    CHECK (verdict IN ('uppfyllt', 'delvis', 'ej-uppfyllt', 'ej-tillampligt')),\n"
	"  comment TEXT NOT NULL,\n"
	"  reviewer TEXT NOT NULL,\n"
	"  reviewed_at TEXT NOT NULL,\n"
	"  FOREIGN KEY (run_id, akt_id) REFERENCES akter (run_id, akt_id) ON DELETE CASCADE,\n"
	"  FOREIGN KEY (run_id, criterion_id) REFERENCES criteria (run_id, criterion_id)\n"
	"    ON DELETE CASCADE\n"
	");\n"
	"CREATE INDEX reviews_verdict ON reviews (run_id, akt_id, criterion_id, id);\n"
	"CREATE TABLE reports (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('unit', 'namnd', 'actions')),\n"
	"  unit_id TEXT,\n"
	"  path TEXT NOT NULL,\n"
	"  sha256 TEXT\n"
	");\n"
	"CREATE INDEX reports_run ON reports (run_id);\n";

/* Version 2: inspection samples (the frame with content hashes, the
 * method, the seed and the members), a run's sample, and the inspector's
 * reviewed verdict kept beside the automatic one: verdicts.reviewed is the
 * verdict of the latest review (NULL when none), verdicts.review points at
 * that review's row; reviews keeps every review ever made.  A verdict's
 * evidence moves into verdicts.evidence (see store_pack_evidence): the
 * rows of version 1 are packed there in seq order and the evidence table
 * goes, so a verdict is one row however much evidence it has.  The counts
 * move from the index verdicts_count into the table verdict_counts (filled
 * here from the verdicts of version 1; it counts the reviewed verdict
 * where there is one), so writing a verdict updates two b-trees (the table
 * and its UNIQUE (akt, criterion) index), not three.  The verdicts table
 * is rebuilt for that (same ids, same columns plus reviewed, review and
 * evidence), with its CHECKs written as comparisons: a CHECK with IN and
 * more than two values makes SQLite build a temporary b-tree for every row
 * inserted, which cost more than the row itself. */
static const char schema_v2[] =
	"CREATE TABLE samples (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  unit_id TEXT,             -- population filter, NULL: every unit\n"
	"  method TEXT NOT NULL CHECK (method IN ('simple', 'stratified')),\n"
	"  stratify_by TEXT CHECK (stratify_by IN ('handlaggare', 'barn')),\n"
	"  seed INTEGER NOT NULL,\n"
	"  size INTEGER NOT NULL CHECK (size >= 0),\n"
	"  frame_size INTEGER NOT NULL CHECK (frame_size >= size),\n"
	"  active_from TEXT,         -- population filter: ärende active in the period\n"
	"  active_to TEXT,\n"
	"  ref_date TEXT,            -- date used for ages (household with children)\n"
	"  size_note TEXT,           -- how the size was decided, as printed\n"
	"  tool_version TEXT\n"
	");\n"
	"CREATE TABLE sample_frame (\n"
	"  sample_id INTEGER NOT NULL REFERENCES samples (id) ON DELETE CASCADE,\n"
	"  akt_id TEXT NOT NULL,\n"
	"  unit_id TEXT,\n"
	"  source_path TEXT NOT NULL,\n"
	"  content_hash TEXT NOT NULL,\n"
	"  stratum TEXT,\n"
	"  selected INTEGER NOT NULL CHECK (selected IN (0, 1)),\n"
	"  PRIMARY KEY (sample_id, akt_id)\n"
	") WITHOUT ROWID;\n"
	"ALTER TABLE runs ADD COLUMN sample_id INTEGER REFERENCES samples (id);\n"
	"ALTER TABLE runs ADD COLUMN pid INTEGER;  -- process writing a running run\n"
	"ALTER TABLE runs ADD COLUMN host TEXT;    -- and its host\n"
	"ALTER TABLE akter ADD COLUMN warnings TEXT;  -- import warnings, one per line\n"
	"ALTER TABLE criteria ADD COLUMN weight REAL NOT NULL DEFAULT 1;  -- in its section's score\n"
	"ALTER TABLE criteria ADD COLUMN section_weight REAL;  -- NULL: the section has no score\n"
	"DROP INDEX verdicts_count;\n"
	"CREATE TABLE verdicts_v2 (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  akt INTEGER NOT NULL REFERENCES akter (id) ON DELETE CASCADE,\n"
	"  criterion INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,\n"
	"  run_id INTEGER NOT NULL, -- copy of akter.run_id\n"
	"  unit INTEGER NOT NULL,   -- copy of akter.unit\n"
	"  verdict TEXT NOT NULL CHECK (verdict = 'uppfyllt' OR verdict = 'delvis' OR\n"
	"    verdict = 'ej-uppfyllt' OR verdict = 'ej-tillampligt'),\n"
	"  message TEXT,\n"
	"  items_total INTEGER NOT NULL DEFAULT 0,\n"
	"  items_met INTEGER NOT NULL DEFAULT 0,\n"
	"  reviewed TEXT CHECK (reviewed = 'uppfyllt' OR reviewed = 'delvis' OR\n"
	"    reviewed = 'ej-uppfyllt' OR reviewed = 'ej-tillampligt'),\n"
	"  review INTEGER REFERENCES reviews (id),\n"
	"  -- [[found, kind, doc_id, date, location, item, quote, pattern, sought], ...]\n"
	"  evidence TEXT,\n"
	"  UNIQUE (akt, criterion)\n"
	");\n"
	"INSERT INTO verdicts_v2 (id, akt, criterion, run_id, unit, verdict, message, items_total,\n"
	"                         items_met, evidence)\n"
	"  SELECT v.id, v.akt, v.criterion, v.run_id, v.unit, v.verdict, v.message, v.items_total,\n"
	"         v.items_met, (\n"
	"    SELECT json_group_array(json(x)) FROM (\n"
	"      SELECT json_array(e.found, e.kind, e.doc_id, e.date, e.location, e.item,\n"
	"                        e.quote, e.pattern, e.sought) AS x\n"
	"      FROM evidence e WHERE e.verdict = v.id ORDER BY e.seq)\n"
	"    HAVING count(*) > 0)\n"
	"  FROM verdicts v ORDER BY v.id;\n"
	"DROP TABLE evidence;\n"
	"DROP TABLE verdicts;\n"
	"ALTER TABLE verdicts_v2 RENAME TO verdicts;\n"
	"CREATE TABLE verdict_counts (\n"
	"  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,\n"
	"  unit INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,\n"
	"  criterion INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,\n"
	"  verdict TEXT NOT NULL  -- coalesce(verdicts.reviewed, verdicts.verdict)\n"
	"    CHECK (verdict = 'uppfyllt' OR verdict = 'delvis' OR verdict = 'ej-uppfyllt' OR\n"
	"      verdict = 'ej-tillampligt'),\n"
	"  reviewed INTEGER NOT NULL CHECK (reviewed = 0 OR reviewed = 1),\n"
	"  n INTEGER NOT NULL CHECK (n >= 0),\n"
	"  PRIMARY KEY (run_id, unit, criterion, verdict, reviewed)\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO verdict_counts (run_id, unit, criterion, verdict, reviewed, n)\n"
	"  SELECT run_id, unit, criterion, verdict, 0, count(*) FROM verdicts\n"
	"  GROUP BY run_id, unit, criterion, verdict;\n";

/* migrations[v] takes a database from user_version v to v + 1.  Append,
 * never edit a released step. */
static const char *const migrations[] = {
	schema_v1,
	schema_v2,
};

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_version(void)
{
	return N_MIGRATIONS;
}

/* ------------------------------------------------------- statements */

enum {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
	ST_RUN_INSERT, ST_RUN_STATUS, ST_RUN_SET_STATUS,
	ST_CRIT_INSERT, ST_CRIT_IDS,
	ST_UNIT_UPSERT, ST_UNIT_ROW,
	ST_AKT_FIND, ST_AKT_INSERT, ST_VERDICT_INSERT, ST_AKT_UNDO_VERDICTS, ST_AKT_UNDO,
	ST_UNIT_UNDO, ST_COUNT_ADD, ST_COUNT_SUB,
	ST_LATEST, ST_RUN_GET, ST_UNITS, ST_CRITERIA, ST_COUNT_UNIT, ST_COUNT_ALL,
	ST_VERDICTS_UNIT, ST_VERDICTS_ALL, ST_FAILURES, ST_REPORT_INSERT,
	ST_REVIEW_FIND, ST_REVIEW_INSERT, ST_REVIEW_SET,
	ST_SAMPLE_INSERT, ST_FRAME_INSERT, ST_SAMPLE_GET, ST_FRAME_GET, ST_SAMPLES,
	ST_HISTORY,
	ST__N
};

#define VERDICT_COLS \
	"SELECT v.id, a.akt_id, u.unit_id, a.handlaggare_id, a.handlaggare_name, " \
	"c.criterion_id, coalesce(v.reviewed, v.verdict), v.message, v.items_total, " \
	"v.items_met, " \
	"json_extract(e.value, '$[1]'), json_extract(e.value, '$[2]'), " \
	"json_extract(e.value, '$[3]'), json_extract(e.value, '$[4]'), " \
	"json_extract(e.value, '$[5]'), json_extract(e.value, '$[6]'), " \
	"json_extract(e.value, '$[7]'), json_extract(e.value, '$[8]'), " \
	"json_extract(e.value, '$[0]'), e.key, " \
	"v.verdict, v.reviewed, r.comment, r.reviewer, r.reviewed_at " \
	"FROM units u JOIN akter a ON a.unit = u.id " \
	"JOIN verdicts v ON v.akt = a.id " \
	"JOIN criteria c ON c.id = v.criterion " \
	"LEFT JOIN reviews r ON r.id = v.review " \
	"LEFT JOIN json_each(CASE WHEN ?3 THEN v.evidence END) e "

static const char *const stmt_sql[ST__N] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_RUN_INSERT] =
		"INSERT INTO runs (status, checklist_id, checklist_name, checklist_version, "
		"checklist_hash, legal_basis, ref_date, ref_date_is_today, params, "
		"tool_version, method, seed, sample_id, pid, host) "
		"VALUES ('running', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[ST_RUN_STATUS] = "SELECT status FROM runs WHERE id = ?1",
	[ST_RUN_SET_STATUS] =
		"UPDATE runs SET status = ?2 WHERE id = ?1 AND status = 'running'",
	[ST_CRIT_INSERT] =
		"INSERT INTO criteria (run_id, criterion_id, title, area, section, "
		"legal_refs, position, weight, section_weight) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_CRIT_IDS] = "SELECT criterion_id, id FROM criteria WHERE run_id = ?1",
	[ST_UNIT_UPSERT] =
		"INSERT INTO units (run_id, unit_id, name) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (run_id, unit_id) DO UPDATE SET name = coalesce(name, excluded.name)",
	[ST_UNIT_ROW] = "SELECT id FROM units WHERE run_id = ?1 AND unit_id = ?2",
	[ST_AKT_FIND] = "SELECT source_path FROM akter WHERE run_id = ?1 AND akt_id = ?2",
	[ST_AKT_INSERT] =
		"INSERT INTO akter (run_id, akt_id, unit, handlaggare_id, handlaggare_name, "
		"source_path, source_format, content_hash, error, warnings) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_VERDICT_INSERT] =
		"INSERT INTO verdicts (akt, criterion, run_id, unit, verdict, message, "
		"items_total, items_met, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_AKT_UNDO_VERDICTS] = "DELETE FROM verdicts WHERE akt = ?1",
	[ST_AKT_UNDO] = "DELETE FROM akter WHERE id = ?1",
	[ST_COUNT_ADD] =
		"INSERT INTO verdict_counts (run_id, unit, criterion, verdict, reviewed, n) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
		"ON CONFLICT (run_id, unit, criterion, verdict, reviewed) DO UPDATE SET n = n + excluded.n",
	[ST_COUNT_SUB] =
		"UPDATE verdict_counts SET n = n - ?6 WHERE run_id = ?1 AND unit = ?2 AND "
		"criterion = ?3 AND verdict = ?4 AND reviewed = ?5",
	[ST_UNIT_UNDO] =
		"DELETE FROM units WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM akter WHERE unit = ?1)",
	[ST_LATEST] =
		"SELECT id FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT 1",
	[ST_RUN_GET] =
		"SELECT id, checklist_id, checklist_name, checklist_version, checklist_hash, "
		"legal_basis, ref_date, params, tool_version, method, status, "
		"ref_date_is_today, seed, "
		"(SELECT count(*) FROM akter a WHERE a.run_id = runs.id AND a.error IS NULL), "
		"(SELECT count(*) FROM akter a WHERE a.run_id = runs.id AND a.error IS NOT NULL), "
		"sample_id, "
		"(SELECT coalesce(sum(n), 0) FROM verdict_counts k WHERE k.run_id = runs.id AND k.reviewed) "
		"FROM runs WHERE id = ?1",
	[ST_UNITS] =
		"SELECT u.unit_id, u.name, "
		"(SELECT count(*) FROM akter a WHERE a.unit = u.id AND a.error IS NULL) "
		"FROM units u WHERE u.run_id = ?1 ORDER BY u.unit_id",
	[ST_CRITERIA] =
		"SELECT id, criterion_id, title, area, section, legal_refs, position, weight, "
		"section_weight FROM criteria WHERE run_id = ?1 ORDER BY position, criterion_id",
	[ST_COUNT_UNIT] =
		"SELECT k.criterion, k.verdict, sum(k.n), sum(CASE WHEN k.reviewed THEN k.n ELSE 0 END) "
		"FROM verdict_counts k "
		"WHERE k.run_id = ?1 AND k.unit = (SELECT id FROM units WHERE run_id = ?1 AND unit_id = ?2) "
		"GROUP BY k.criterion, k.verdict",
	[ST_COUNT_ALL] =
		"SELECT k.criterion, k.verdict, sum(k.n), sum(CASE WHEN k.reviewed THEN k.n ELSE 0 END) "
		"FROM verdict_counts k WHERE k.run_id = ?1 "
		"GROUP BY k.criterion, k.verdict",
	[ST_VERDICTS_UNIT] = VERDICT_COLS
		"WHERE u.run_id = ?1 AND u.unit_id = ?2 "
		"ORDER BY a.akt_id, c.position, c.criterion_id, e.key",
	[ST_VERDICTS_ALL] = VERDICT_COLS
		"WHERE u.run_id = ?1 "
		"ORDER BY u.unit_id, a.akt_id, c.position, c.criterion_id, e.key",
	[ST_FAILURES] =
		"SELECT source_path, error FROM akter WHERE run_id = ?1 AND error IS NOT NULL "
		"ORDER BY source_path",
	[ST_REPORT_INSERT] =
		"INSERT INTO reports (run_id, kind, unit_id, path, sha256) "
		"VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_REVIEW_FIND] =
		"SELECT v.id, coalesce(v.reviewed, v.verdict), r.comment, r.reviewer, v.verdict, "
		"v.unit, v.criterion, v.reviewed IS NOT NULL "
		"FROM akter a JOIN verdicts v ON v.akt = a.id "
		"JOIN criteria c ON c.id = v.criterion LEFT JOIN reviews r ON r.id = v.review "
		"WHERE a.run_id = ?1 AND a.akt_id = ?2 AND c.criterion_id = ?3",
	[ST_REVIEW_INSERT] =
		"INSERT INTO reviews (run_id, akt_id, criterion_id, verdict, comment, reviewer, "
		"reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_REVIEW_SET] = "UPDATE verdicts SET reviewed = ?2, review = ?3 WHERE id = ?1",
	[ST_SAMPLE_INSERT] =
		"INSERT INTO samples (unit_id, method, stratify_by, seed, size, frame_size, "
		"active_from, active_to, ref_date, size_note, tool_version) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_FRAME_INSERT] =
		"INSERT INTO sample_frame (sample_id, akt_id, unit_id, source_path, content_hash, "
		"stratum, selected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_SAMPLE_GET] =
		"SELECT id, unit_id, method, stratify_by, seed, size, frame_size, active_from, "
		"active_to, ref_date, size_note, tool_version FROM samples WHERE id = ?1",
	[ST_FRAME_GET] =
		"SELECT akt_id, unit_id, source_path, content_hash, stratum, selected "
		"FROM sample_frame WHERE sample_id = ?1 AND (selected OR NOT ?2) ORDER BY akt_id",
	[ST_SAMPLES] = "SELECT id FROM samples ORDER BY id",
	[ST_HISTORY] =
		"SELECT r.id, r.ref_date, r.checklist_id, r.checklist_version, r.status, "
		"(SELECT count(*) FROM akter a WHERE a.unit = u.id AND a.error IS NULL) "
		"FROM runs r JOIN units u ON u.run_id = r.id "
		"WHERE u.unit_id = ?1 AND (?2 IS NULL OR r.checklist_id = ?2) "
		"AND r.status = 'complete' ORDER BY r.ref_date, r.id",
};

typedef struct crit_entry {
	char *id;
	long long row;
} crit_entry;

typedef struct count_cell {
	long long unit, crit, n;   /* n == 0: empty cell */
	int value;                 /* verdict */
} count_cell;

struct store {
	sqlite3 *db;
	char *path;
	char host[256];         /* this machine's name, for runs' owners */
	sqlite3_stmt *st[ST__N];
	int in_batch;           /* a batch transaction is open */
	long long batch_run;    /* run of the open batch */
	int batch_count;        /* akter in the open batch */
	long long lost_run;     /* run whose batch was rolled back, or 0 */
	/* criteria of crit_run, sorted by id, for verdict inserts */
	long long crit_run;
	crit_entry *crit;
	size_t n_crit;
	/* the last unit looked up (akter usually come unit by unit) */
	long long unit_run;
	char *unit_key;
	long long unit_row;
	int unit_named;         /* the unit's name is stored */
	char *pack;             /* scratch for packing evidence */
	size_t pack_cap;
	/* verdict counts of the open batch, added to verdict_counts when it
	 * is committed: an open-addressing table of cnt_cap (a power of 2) */
	struct count_cell *cnt;
	size_t n_cnt, cnt_cap;
};

/* ---------------------------------------------------------- helpers */

/* Turns a SQLite failure into an error record.  what says what we were
 * doing ("save the run"). */
static int sql_fail(store *s, int rc, const char *what, audit_err *e)
{
	const char *path = s->path;

	switch (rc & 0xff) {
	case SQLITE_FULL:
		return audit_err_set(e, AUDIT_EIO, path, 0, 0,
				     "the disk is full: could not %s; free some space and "
				     "run again", what);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "the database is damaged or is not an audit database "
				     "(%s); give another --db", sqlite3_errmsg(s->db));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return audit_err_set(e, AUDIT_EIO, path, 0, 0,
				     "could not %s: the database is busy (another audit is "
				     "writing to it); try again when it has finished", what);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return audit_err_set(e, AUDIT_EIO, path, 0, 0,
				     "could not %s: %s; check the permissions of the file and "
				     "its folder", what, sqlite3_errmsg(s->db));
	case SQLITE_NOMEM:
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	case SQLITE_IOERR: {
		/* a full disk or a file size limit can reach SQLite as an I/O
		 * error rather than SQLITE_FULL */
		int sys = sqlite3_system_errno(s->db);
		if (sys == ENOSPC || sys == EFBIG
#ifdef EDQUOT
		    || sys == EDQUOT
#endif
		)
			return audit_err_set(e, AUDIT_EIO, path, 0, 0,
					     "the disk is full or the file size limit is reached "
					     "(%s): could not %s; free some space and run again",
					     strerror(sys), what);
		/* a short write (the file size limit reached mid-write) leaves
		 * no errno; a failed write or truncate is most often space */
		if (sys == 0 && (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_TRUNCATE ||
				 rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR))
			return audit_err_set(e, AUDIT_EIO, path, 0, 0,
					     "could not %s: writing the database failed; the "
					     "disk is probably full or the file size limit is "
					     "reached: free some space and run again", what);
		return audit_err_set(e, AUDIT_EIO, path, 0, 0, "could not %s: %s (%s)", what,
				     sqlite3_errmsg(s->db), sys ? strerror(sys) : "no detail");
	}
	default:
		return audit_err_set(e, AUDIT_EIO, path, 0, 0, "could not %s: %s", what,
				     sqlite3_errmsg(s->db));
	}
}

static int is_constraint(int rc)
{
	return (rc & 0xff) == SQLITE_CONSTRAINT;
}

/* The cached statement id, prepared on first use.  Done with it: st_done. */
static int st_get(store *s, int id, sqlite3_stmt **out, audit_err *e)
{
	int rc;

	*out = NULL;
	if (s->st[id] == NULL) {
		rc = sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
					&s->st[id], NULL);
		if (rc != SQLITE_OK) {
			s->st[id] = NULL;
			return sql_fail(s, rc, "prepare a query", e);
		}
	}
	*out = s->st[id];
	return AUDIT_OK;
}

static void st_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

/* Binds s (NULL binds NULL).  The string must outlive the step. */
static int bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Runs a statement without result rows (or ignoring them). */
static int st_exec(store *s, int id, const char *what, audit_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = st_get(s, id, &st, e)) < 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		rc = sql_fail(s, rc, what, e);
		st_done(st);
		return rc;
	}
	st_done(st);
	return AUDIT_OK;
}

/* A copy of a text column, NULL for SQL NULL; *oom set when out of memory. */
static char *col_dup(sqlite3_stmt *st, int i, int *oom)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	char *c;

	if (t == NULL)
		return NULL;
	c = strdup((const char *)t);
	if (c == NULL)
		*oom = 1;
	return c;
}

static void crit_cache_clear(store *s)
{
	size_t i;

	for (i = 0; i < s->n_crit; i++)
		free(s->crit[i].id);
	free(s->crit);
	s->crit = NULL;
	s->n_crit = 0;
	s->crit_run = 0;
}

static void unit_cache_clear(store *s)
{
	free(s->unit_key);
	s->unit_key = NULL;
	s->unit_run = 0;
	s->unit_row = 0;
	s->unit_named = 0;
}

static void counts_clear(store *s)
{
	if (s->n_cnt)
		memset(s->cnt, 0, s->cnt_cap * sizeof(*s->cnt));
	s->n_cnt = 0;
}

/* Rolls back whatever transaction is open (SQLite may already have done so
 * itself, e.g. after SQLITE_FULL) and forgets cached row ids. */
static void rollback_all(store *s)
{
	if (!sqlite3_get_autocommit(s->db)) {
		sqlite3_stmt *st;

		if (st_get(s, ST_ROLLBACK, &st, NULL) == AUDIT_OK) {
			sqlite3_step(st);
			st_done(st);
		}
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (s->in_batch)
		s->lost_run = s->batch_run;
	s->in_batch = 0;
	s->batch_count = 0;
	counts_clear(s);
	unit_cache_clear(s);
}

/* Counts one more verdict of the open batch. */
static int count_add(store *s, long long unit, long long crit, int value)
{
	size_t h, mask;

	if (2 * (s->n_cnt + 1) > s->cnt_cap) {
		size_t nc = s->cnt_cap ? 2 * s->cnt_cap : 1024;
		count_cell *t = calloc(nc, sizeof(*t));

		if (t == NULL)
			return -1;
		for (size_t i = 0; i < s->cnt_cap; i++) {
			count_cell *c = &s->cnt[i];
			if (c->n == 0)
				continue;
			h = ((size_t)c->unit * 0x9E3779B1u + (size_t)c->crit * 131u + (size_t)c->value) &
			    (nc - 1);
			while (t[h].n != 0)
				h = (h + 1) & (nc - 1);
			t[h] = *c;
		}
		free(s->cnt);
		s->cnt = t;
		s->cnt_cap = nc;
	}
	mask = s->cnt_cap - 1;
	h = ((size_t)unit * 0x9E3779B1u + (size_t)crit * 131u + (size_t)value) & mask;
	for (;; h = (h + 1) & mask) {
		count_cell *c = &s->cnt[h];
		if (c->n == 0) {
			c->unit = unit;
			c->crit = crit;
			c->value = value;
			c->n = 1;
			s->n_cnt++;
			return 0;
		}
		if (c->unit == unit && c->crit == crit && c->value == value) {
			c->n++;
			return 0;
		}
	}
}

/* Adds the counts of the open batch to verdict_counts (in the batch's
 * transaction) and forgets them. */
static int counts_flush(store *s, audit_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (s->n_cnt == 0)
		return AUDIT_OK;
	if ((rc = st_get(s, ST_COUNT_ADD, &st, e)) < 0)
		return rc;
	for (size_t i = 0; i < s->cnt_cap; i++) {
		const count_cell *c = &s->cnt[i];

		if (c->n == 0)
			continue;
		sqlite3_bind_int64(st, 1, s->batch_run);
		sqlite3_bind_int64(st, 2, c->unit);
		sqlite3_bind_int64(st, 3, c->crit);
		bind_text(st, 4, verdict_name((verdict)c->value));
		sqlite3_bind_int(st, 5, 0);
		sqlite3_bind_int64(st, 6, c->n);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return sql_fail(s, rc, "save the verdict counts", e);
	}
	counts_clear(s);
	return AUDIT_OK;
}

/* Before counts are read: adds those of the open batch, if any, to
 * verdict_counts inside its transaction.  On failure the batch is lost. */
static int counts_pending(store *s, audit_err *e)
{
	int rc;

	if (s->in_batch && (rc = counts_flush(s, e)) < 0) {
		rollback_all(s);
		return rc;
	}
	return AUDIT_OK;
}

/* Commits the open batch, if any.  On failure everything in it is lost. */
static int batch_commit(store *s, audit_err *e)
{
	int rc;

	if (!s->in_batch)
		return AUDIT_OK;
	if ((rc = counts_flush(s, e)) < 0 || (rc = st_exec(s, ST_COMMIT, "save the akter", e)) < 0) {
		rollback_all(s);
		return rc;
	}
	s->in_batch = 0;
	s->batch_count = 0;
	return AUDIT_OK;
}

/* The status of a run ("running", ...) into buf, or AUDIT_EINPUT when the
 * run does not exist. */
static int run_status(store *s, long long run_id, char *buf, size_t n, audit_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = st_get(s, ST_RUN_STATUS, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(buf, n, "%s", t ? (const char *)t : "");
		st_done(st);
		return AUDIT_OK;
	}
	if (rc == SQLITE_DONE) {
		st_done(st);
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0, "no run %lld in %s",
				     run_id, s->path);
	}
	rc = sql_fail(s, rc, "read the run", e);
	st_done(st);
	return rc;
}

static int run_must_be_running(store *s, long long run_id, audit_err *e)
{
	char status[32];
	int rc;

	if ((rc = run_status(s, run_id, status, sizeof(status), e)) < 0)
		return rc;
	if (strcmp(status, "running") != 0)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "run %lld is already %s; start a new run", run_id, status);
	return AUDIT_OK;
}

static int run_must_exist(store *s, long long run_id, audit_err *e)
{
	char status[32];

	return run_status(s, run_id, status, sizeof(status), e);
}

/* ------------------------------------------------------- open, close */

/* Creates the parent folder when missing, then the file with mode 0600
 * when missing. */
static int prepare_file(const char *path, audit_err *e)
{
	const char *slash = strrchr(path, '/');
	struct stat sb;
	int fd;

	if (slash != NULL && slash != path) {
		char *dir = strndup(path, (size_t)(slash - path));
		int rc = AUDIT_OK;

		if (dir == NULL)
			return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
		if (stat(dir, &sb) != 0 && errno == ENOENT)
			rc = util_mkdirs(dir, e);
		free(dir);
		if (rc < 0)
			return rc;
	}
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		/* umask can only take bits away; make sure of 0600 anyway */
		int ok = fchmod(fd, 0600) == 0;
		int saved = errno;

		close(fd);
		if (!ok)
			return audit_err_set(e, AUDIT_EIO, path, 0, 0,
					     "cannot make the database private (mode 0600): %s",
					     strerror(saved));
		return AUDIT_OK;
	}
	if (errno != EEXIST)
		return audit_err_set(e, AUDIT_EIO, path, 0, 0,
				     "cannot create the database: %s; check the folder and "
				     "its permissions, or give another --db", strerror(errno));
	if (stat(path, &sb) != 0)
		return audit_err_set(e, AUDIT_EIO, path, 0, 0, "cannot open the database: %s",
				     strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return audit_err_set(e, AUDIT_EINPUT, path, 0, 0,
				     "this is not a regular file, so not an audit database; "
				     "give another --db");
	return AUDIT_OK;
}

/* One integer from a PRAGMA or query without parameters. */
static int query_int(store *s, const char *sql, long long *out, audit_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			*out = 0;
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		int r;

		if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
			r = audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					  "this file is not an audit database (%s); give another --db",
					  sqlite3_errmsg(s->db));
		else
			r = sql_fail(s, rc, "read the database", e);
		sqlite3_finalize(st);
		return r;
	}
	sqlite3_finalize(st);
	return AUDIT_OK;
}

static int exec_sql(store *s, const char *sql, const char *what, audit_err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return sql_fail(s, rc, what, e);
	return AUDIT_OK;
}

/* Checks that the file is ours (or empty) and not newer than we are. */
static int check_identity(store *s, audit_err *e)
{
	long long app = 0, ver = 0, n_tables = 0;
	int rc;

	if ((rc = query_int(s, "PRAGMA application_id", &app, e)) < 0 ||
	    (rc = query_int(s, "PRAGMA user_version", &ver, e)) < 0 ||
	    (rc = query_int(s, "SELECT count(*) FROM sqlite_schema", &n_tables, e)) < 0)
		return rc;
	if (app != STORE_APP_ID && (app != 0 || ver != 0 || n_tables != 0))
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "this is an SQLite database of another program, not an "
				     "audit database; give another --db");
	if (ver > N_MIGRATIONS)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "this database was written by a newer version of audit "
				     "(database version %lld, this program knows up to %d); upgrade "
				     "audit or give another --db", ver, N_MIGRATIONS);
	return AUDIT_OK;
}

/* Upgrades the schema to the current version, step by step, in one
 * transaction that holds the write lock (so two programs opening a new
 * file at once do not both create it). */
static int migrate(store *s, audit_err *e)
{
	long long ver = 0;
	char sql[96];
	int rc;

	if ((rc = query_int(s, "PRAGMA user_version", &ver, e)) < 0)
		return rc;
	if (ver == N_MIGRATIONS) {
		long long final = 0;

		/* version 2 changed before its release: a file of a development
		 * build has no verdict_counts; say so rather than fail later */
		if ((rc = query_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
				    "AND name = 'verdict_counts'", &final, e)) < 0)
			return rc;
		if (final != 1)
			return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "this database was written by a development version of "
					     "audit (database version 2 before its release); give "
					     "another --db or remove the file");
		return AUDIT_OK;
	}
	if ((rc = exec_sql(s, "BEGIN IMMEDIATE", "upgrade the database", e)) < 0)
		return rc;
	if ((rc = query_int(s, "PRAGMA user_version", &ver, e)) < 0)
		goto fail;
	if (ver > N_MIGRATIONS) {
		rc = check_identity(s, e);
		goto fail;
	}
	for (; ver < N_MIGRATIONS; ver++) {
		if ((rc = exec_sql(s, migrations[ver], "upgrade the database", e)) < 0)
			goto fail;
		/* integers only: nothing from outside reaches this SQL */
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %lld", ver + 1);
		if ((rc = exec_sql(s, sql, "upgrade the database", e)) < 0)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", STORE_APP_ID);
	if ((rc = exec_sql(s, sql, "upgrade the database", e)) < 0 ||
	    (rc = exec_sql(s, "COMMIT", "upgrade the database", e)) < 0)
		goto fail;
	return AUDIT_OK;
fail:
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* A run whose process ended without finishing it (killed, power loss)
 * stays "running" in the file.  Runs of this host whose process no longer
 * exists are marked "incomplete" here, so they are never mistaken for a
 * run in progress. */
static int mark_abandoned(store *s, audit_err *e)
{
	sqlite3_stmt *st = NULL;
	long long dead[64];
	int n = 0, rc;

	rc = sqlite3_prepare_v2(s->db,
				"SELECT id, pid FROM runs WHERE status = 'running' AND host = ?1 "
				"AND pid IS NOT NULL LIMIT 64", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sql_fail(s, rc, "check for interrupted runs", e);
	bind_text(st, 1, s->host);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pid_t pid = (pid_t)sqlite3_column_int64(st, 1);
		if (pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH)
			dead[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sql_fail(s, rc, "check for interrupted runs", e);
	for (int i = 0; i < n; i++) {
		char sql[128];
		/* integers only: nothing from outside reaches this SQL */
		snprintf(sql, sizeof(sql),
			 "UPDATE runs SET status = 'incomplete' WHERE id = %lld AND status = 'running'",
			 dead[i]);
		if ((rc = exec_sql(s, sql, "mark an interrupted run incomplete", e)) < 0)
			return rc;
	}
	return AUDIT_OK;
}

/* Once, before SQLite is first used: no memory statistics (they take a
 * global lock on every allocation; nothing here reads them).  Too late
 * when the process used SQLite already: then this does nothing. */
static void sqlite_setup_once(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void sqlite_setup(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	(void)pthread_once(&once, sqlite_setup_once);
}

int store_open(store **out, const char *path, audit_err *e)
{
	store *s;
	char *open_path = NULL;
	long long fk = 0;
	int rc;

	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "no database given; use --db FILE");
	if ((rc = prepare_file(path, e)) < 0)
		return rc;
	s = calloc(1, sizeof(*s));
	if (s == NULL || (s->path = strdup(path)) == NULL) {
		free(s);
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	}
	/* A name starting with "file:" could be read as a URI. */
	if (strncmp(path, "file:", 5) == 0)
		open_path = util_path_join(".", path);
	sqlite_setup();
	/* NOMUTEX: a store is used by one thread at a time (store.h), so the
	 * connection needs no lock of its own around every call */
	rc = sqlite3_open_v2(open_path ? open_path : path, &s->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	free(open_path);
	if (rc != SQLITE_OK) {
		if (s->db == NULL)
			rc = audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
		else
			rc = sql_fail(s, rc, "open the database", e);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		rc = audit_err_set(e, AUDIT_EIO, path, 0, 0,
				   "the database can only be read, not written; check its "
				   "permissions or give another --db");
		goto fail;
	}
	if ((rc = check_identity(s, e)) < 0)
		goto fail;
	if ((rc = query_int(s, "PRAGMA journal_mode = WAL", &fk, e)) < 0 ||
	    (rc = exec_sql(s, "PRAGMA synchronous = NORMAL", "open the database", e)) < 0 ||
	    (rc = exec_sql(s, "PRAGMA cache_size = -" AUDIT_STR(STORE_CACHE_KIB), "open the database",
			   e)) < 0 ||
	    (rc = exec_sql(s, "PRAGMA wal_autocheckpoint = " AUDIT_STR(STORE_WAL_PAGES),
			   "open the database", e)) < 0 ||
	    (rc = exec_sql(s, "PRAGMA foreign_keys = ON", "open the database", e)) < 0)
		goto fail;
	if ((rc = query_int(s, "PRAGMA foreign_keys", &fk, e)) < 0)
		goto fail;
	if (fk != 1) {
		rc = audit_err_set(e, AUDIT_EIO, path, 0, 0,
				   "this SQLite library cannot enforce foreign keys");
		goto fail;
	}
	if ((rc = migrate(s, e)) < 0)
		goto fail;
	if (gethostname(s->host, sizeof(s->host) - 1) != 0)
		s->host[0] = '\0';
	/* best effort: a database busy with another writer is checked next time */
	(void)mark_abandoned(s, NULL);
	*out = s;
	return AUDIT_OK;
fail:
	store_close(s);
	return rc;
}

void store_close(store *s)
{
	int i;

	if (s == NULL)
		return;
	if (s->db && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < ST__N; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close_v2(s->db);
	crit_cache_clear(s);
	unit_cache_clear(s);
	free(s->pack);
	free(s->cnt);
	free(s->path);
	free(s);
}

/* --------------------------------------------------------- writing */

/* Appends n bytes of p to out[0..cap) at *len (counting what does not fit). */
static void pack_put(char *out, size_t cap, size_t *len, const char *p, size_t n)
{
	if (*len < cap) {
		size_t k = cap - *len < n ? cap - *len : n;
		memcpy(out + *len, p, k);
	}
	*len += n;
}

/* A JSON string (or null) of s. */
static void pack_str(char *out, size_t cap, size_t *len, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run;

	if (s == NULL) {
		pack_put(out, cap, len, "null", 4);
		return;
	}
	pack_put(out, cap, len, "\"", 1);
	for (run = s; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[6];
		size_t k = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		pack_put(out, cap, len, run, (size_t)(s - run));
		run = s + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			k = 6;
		}
		pack_put(out, cap, len, esc, k);
	}
	pack_put(out, cap, len, run, (size_t)(s - run));
	pack_put(out, cap, len, "\"", 1);
}

size_t store_pack_evidence(const evidence *ev, size_t n, char *out, size_t cap)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		const char *f[8] = { ev[i].kind, ev[i].doc_id, ev[i].date, ev[i].location,
				     ev[i].item, ev[i].quote, ev[i].pattern, ev[i].sought };
		int last = 8;

		while (last > 0 && f[last - 1] == NULL)
			last--;
		pack_put(out, cap, &len, i == 0 ? "[[" : ",[", 2);
		pack_put(out, cap, &len, ev[i].found ? "1" : "0", 1);
		for (int k = 0; k < last; k++) {
			pack_put(out, cap, &len, ",", 1);
			pack_str(out, cap, &len, f[k]);
		}
		pack_put(out, cap, &len, "]", 1);
	}
	if (n > 0)
		pack_put(out, cap, &len, "]", 1);
	if (cap > 0)
		out[len < cap ? len : cap - 1] = '\0';
	return len;
}

int store_run_begin(store *s, const store_run_new *r, long long *run_id, audit_err *e)
{
	sqlite3_stmt *st;
	long days;
	int rc;

	*run_id = 0;
	if (r->checklist_id == NULL || r->checklist_id[0] == '\0')
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "a run needs a checklist id");
	if (r->ref_date == NULL || util_date_parse(r->ref_date, &days) != 0)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "the reference date '%s' is not a date YYYY-MM-DD",
				     r->ref_date ? r->ref_date : "");
	if ((rc = batch_commit(s, e)) < 0)
		return rc;
	if ((rc = st_get(s, ST_RUN_INSERT, &st, e)) < 0)
		return rc;
	bind_text(st, 1, r->checklist_id);
	bind_text(st, 2, r->checklist_name);
	bind_text(st, 3, r->checklist_version);
	bind_text(st, 4, r->checklist_hash);
	bind_text(st, 5, r->legal_basis);
	bind_text(st, 6, r->ref_date);
	sqlite3_bind_int(st, 7, r->ref_date_is_today ? 1 : 0);
	bind_text(st, 8, r->params);
	bind_text(st, 9, r->tool_version);
	bind_text(st, 10, r->method);
	sqlite3_bind_int64(st, 11, r->seed);
	if (r->sample_id > 0)
		sqlite3_bind_int64(st, 12, r->sample_id);
	else
		sqlite3_bind_null(st, 12);
	sqlite3_bind_int64(st, 13, (sqlite3_int64)getpid());
	bind_text(st, 14, s->host);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		rc = sql_fail(s, rc, "save the run", e);
		st_done(st);
		return rc;
	}
	st_done(st);
	*run_id = sqlite3_last_insert_rowid(s->db);
	return AUDIT_OK;
}

int store_run_add_criteria(store *s, long long run_id, const store_criterion_new *c,
			   size_t n, audit_err *e)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = batch_commit(s, e)) < 0 || (rc = run_must_be_running(s, run_id, e)) < 0)
		return rc;
	for (i = 0; i < n; i++)
		if (c[i].id == NULL || c[i].id[0] == '\0')
			return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "criterion %zu of run %lld has no id", i + 1, run_id);
	crit_cache_clear(s);
	if ((rc = st_exec(s, ST_BEGIN, "save the criteria", e)) < 0)
		return rc;
	if ((rc = st_get(s, ST_CRIT_INSERT, &st, e)) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, run_id);
		bind_text(st, 2, c[i].id);
		bind_text(st, 3, c[i].title);
		bind_text(st, 4, c[i].area);
		bind_text(st, 5, c[i].section);
		bind_text(st, 6, c[i].legal_refs);
		sqlite3_bind_int(st, 7, c[i].position);
		/* weight 0 in the struct means "not given": 1 */
		sqlite3_bind_double(st, 8, c[i].weight > 0 ? c[i].weight : 1.0);
		if (c[i].section_weight >= 0 && c[i].has_section_weight)
			sqlite3_bind_double(st, 9, c[i].section_weight);
		else
			sqlite3_bind_null(st, 9);
		rc = sqlite3_step(st);
		if (rc != SQLITE_DONE) {
			if (is_constraint(rc))
				rc = audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
						   "criterion %s is given twice for run %lld; "
						   "check the checklist", c[i].id, run_id);
			else
				rc = sql_fail(s, rc, "save the criteria", e);
			st_done(st);
			goto fail;
		}
		st_done(st);
	}
	if ((rc = st_exec(s, ST_COMMIT, "save the criteria", e)) < 0)
		goto fail;
	return AUDIT_OK;
fail:
	rollback_all(s);
	return rc;
}

static int crit_cmp(const void *a, const void *b)
{
	return strcmp(((const crit_entry *)a)->id, ((const crit_entry *)b)->id);
}

/* Loads the criteria ids of run_id into the cache. */
static int crit_cache_load(store *s, long long run_id, audit_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, oom = 0;

	if (s->crit_run == run_id)
		return AUDIT_OK;
	crit_cache_clear(s);
	if ((rc = st_get(s, ST_CRIT_IDS, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->n_crit == cap) {
			size_t nc = cap ? cap * 2 : 32;
			crit_entry *p = realloc(s->crit, nc * sizeof(*p));

			if (p == NULL) {
				oom = 1;
				break;
			}
			s->crit = p;
			cap = nc;
		}
		s->crit[s->n_crit].id = col_dup(st, 0, &oom);
		s->crit[s->n_crit].row = sqlite3_column_int64(st, 1);
		if (oom)
			break;
		s->n_crit++;
	}
	if (oom) {
		st_done(st);
		crit_cache_clear(s);
		return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	}
	if (rc != SQLITE_DONE) {
		rc = sql_fail(s, rc, "read the criteria", e);
		st_done(st);
		crit_cache_clear(s);
		return rc;
	}
	st_done(st);
	if (s->n_crit > 1)
		qsort(s->crit, s->n_crit, sizeof(*s->crit), crit_cmp);
	s->crit_run = run_id;
	return AUDIT_OK;
}

static long long crit_row(const store *s, const char *id)
{
	crit_entry key, *hit;

	if (id == NULL || s->n_crit == 0)
		return 0;
	key.id = (char *)id;
	key.row = 0;
	hit = bsearch(&key, s->crit, s->n_crit, sizeof(*s->crit), crit_cmp);
	return hit ? hit->row : 0;
}

/* The row of unit_id in run_id, created when new.  *row is 0 for NULL. */
static int unit_row(store *s, long long run_id, const char *unit_id, const char *name,
		    long long *row, audit_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*row = 0;
	if (unit_id == NULL)
		return AUDIT_OK;
	if (s->unit_key && s->unit_run == run_id && strcmp(s->unit_key, unit_id) == 0 &&
	    (name == NULL || s->unit_named)) {
		*row = s->unit_row;
		return AUDIT_OK;
	}
	if ((rc = st_get(s, ST_UNIT_UPSERT, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, unit_id);
	bind_text(st, 3, name);
	rc = sqlite3_step(st);
	st_done(st);
	if (rc != SQLITE_DONE)
		return sql_fail(s, rc, "save the unit", e);
	if (s->unit_key && s->unit_run == run_id && strcmp(s->unit_key, unit_id) == 0) {
		*row = s->unit_row;
		s->unit_named = 1;
		return AUDIT_OK;
	}
	if ((rc = st_get(s, ST_UNIT_ROW, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, unit_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = sql_fail(s, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, "find the unit", e);
		st_done(st);
		return rc;
	}
	*row = sqlite3_column_int64(st, 0);
	st_done(st);
	unit_cache_clear(s);
	s->unit_key = strdup(unit_id);
	if (s->unit_key != NULL) {
		s->unit_run = run_id;
		s->unit_row = *row;
		s->unit_named = name != NULL;
	}
	return AUDIT_OK;
}

/* Checks what can be checked before touching the database, so that the
 * writes of an akt do not fail on a constraint: every verdict has a value,
 * a criterion of the run and evidence where it says so, and no criterion
 * has two verdicts.  rows[i] gets the criterion row of verdict i. */
static int akt_check(store *s, long long run_id, const store_akt_new *a, long long *rows,
		     audit_err *e)
{
	size_t i, j;

	if (a->error == NULL && (a->akt_id == NULL || a->akt_id[0] == '\0' ||
				 a->unit_id == NULL || a->unit_id[0] == '\0'))
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "an akt from %s has no id or no unit; it cannot be stored",
				     a->source_path ? a->source_path : "(unknown file)");
	for (i = 0; i < a->n_verdicts; i++) {
		const store_verdict_new *v = &a->verdicts[i];

		if (v->value < VERDICT_UPPFYLLT || v->value > VERDICT_EJ_TILLAMPLIGT)
			return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "akt %s: criterion %s has no verdict",
					     a->akt_id ? a->akt_id : "?",
					     v->criterion_id ? v->criterion_id : "?");
		if ((rows[i] = crit_row(s, v->criterion_id)) == 0)
			return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "akt %s: criterion %s is not among the criteria of "
					     "run %lld", a->akt_id ? a->akt_id : "?",
					     v->criterion_id ? v->criterion_id : "(none)", run_id);
		if (v->evidence_packed == NULL && v->n_evidence > 0 && v->evidence == NULL)
			return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "akt %s: criterion %s: evidence missing",
					     a->akt_id ? a->akt_id : "?", v->criterion_id);
		for (j = 0; j < i; j++)
			if (rows[j] == rows[i])
				return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
						     "akt %s: criterion %s has two verdicts",
						     a->akt_id ? a->akt_id : "?",
						     v->criterion_id);
	}
	return AUDIT_OK;
}

/* Refuses an akt id already stored in the run, naming the earlier file. */
static int akt_unique(store *s, long long run_id, const store_akt_new *a, audit_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (a->akt_id == NULL)
		return AUDIT_OK;
	if ((rc = st_get(s, ST_AKT_FIND, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, a->akt_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *first = sqlite3_column_text(st, 0);

		rc = audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				   "akt %s appears twice in run %lld (%s and %s); each akt "
				   "must have its own id", a->akt_id, run_id,
				   first ? (const char *)first : "?",
				   a->source_path ? a->source_path : "?");
		st_done(st);
		return rc;
	}
	if (rc != SQLITE_DONE) {
		rc = sql_fail(s, rc, "look up the akt", e);
		st_done(st);
		return rc;
	}
	st_done(st);
	return AUDIT_OK;
}

/* The packed evidence of v (see store_pack_evidence) into *buf, or NULL
 * when it has none.  *buf is a scratch buffer of *cap bytes, grown here. */
static int verdict_evidence(const store_verdict_new *v, char **buf, size_t *cap,
			    const char **out)
{
	size_t need;

	*out = NULL;
	if (v->evidence_packed) {
		*out = v->evidence_packed[0] ? v->evidence_packed : NULL;
		return 0;
	}
	if (v->n_evidence == 0)
		return 0;
	need = store_pack_evidence(v->evidence, v->n_evidence, *buf, *cap);
	if (need >= *cap) {
		size_t nc = need + 1 > 2 * *cap ? need + 1 : 2 * *cap;
		char *p = realloc(*buf, nc);

		if (p == NULL)
			return -1;
		*buf = p;
		*cap = nc;
		store_pack_evidence(v->evidence, v->n_evidence, *buf, *cap);
	}
	*out = *buf;
	return 0;
}

/* Removes what akt_write wrote of an akt after a constraint failure: its
 * verdicts and row (akt, 0 when not written) and its unit when no other
 * akt has it (unit, 0 for none). */
static int akt_undo(store *s, long long akt, long long unit, audit_err *e)
{
	static const int ids[] = { ST_AKT_UNDO_VERDICTS, ST_AKT_UNDO, ST_UNIT_UNDO };
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		long long row = ids[i] == ST_UNIT_UNDO ? unit : akt;

		if (row == 0)
			continue;
		if ((rc = st_get(s, ids[i], &st, e)) < 0)
			return rc;
		sqlite3_bind_int64(st, 1, row);
		rc = sqlite3_step(st);
		st_done(st);
		if (rc != SQLITE_DONE)
			return sql_fail(s, rc, "undo the akt", e);
	}
	return AUDIT_OK;
}

/* Writes the akt's rows (crit[i]: the criterion row of verdict i).
 * Constraint failures give AUDIT_EINPUT with nothing of the akt left. */
static int akt_write(store *s, long long run_id, const store_akt_new *a, const long long *crit,
		     audit_err *e)
{
	sqlite3_stmt *st, *sv;
	long long unit = 0, akt;
	size_t i;
	int rc;

	if ((rc = unit_row(s, run_id, a->unit_id, a->unit_name, &unit, e)) < 0)
		return rc;
	if ((rc = st_get(s, ST_AKT_INSERT, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, a->akt_id);
	if (unit)
		sqlite3_bind_int64(st, 3, unit);
	else
		sqlite3_bind_null(st, 3);
	bind_text(st, 4, a->handlaggare_id);
	bind_text(st, 5, a->handlaggare_name);
	bind_text(st, 6, a->source_path);
	bind_text(st, 7, a->source_format);
	bind_text(st, 8, a->content_hash);
	bind_text(st, 9, a->error);
	bind_text(st, 10, a->warnings);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (!is_constraint(rc))
			return sql_fail(s, rc, "save the akt", e);
		rc = audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				   "akt %s from %s cannot be stored: %s",
				   a->akt_id ? a->akt_id : "?",
				   a->source_path ? a->source_path : "?",
				   sqlite3_errmsg(s->db));
		if (akt_undo(s, 0, unit, NULL) < 0)
			return sql_fail(s, SQLITE_ERROR, "undo the akt", e);
		return rc;
	}
	akt = sqlite3_last_insert_rowid(s->db);
	if (a->n_verdicts == 0)
		return AUDIT_OK;
	if ((rc = st_get(s, ST_VERDICT_INSERT, &sv, e)) < 0)
		return rc;
	for (i = 0; i < a->n_verdicts; i++) {
		const store_verdict_new *v = &a->verdicts[i];
		const char *packed;

		if (verdict_evidence(v, &s->pack, &s->pack_cap, &packed) != 0)
			return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
		sqlite3_bind_int64(sv, 1, akt);
		sqlite3_bind_int64(sv, 2, crit[i]);
		sqlite3_bind_int64(sv, 3, run_id);
		sqlite3_bind_int64(sv, 4, unit);
		bind_text(sv, 5, verdict_name(v->value));
		bind_text(sv, 6, v->message);
		sqlite3_bind_int(sv, 7, v->items_total);
		sqlite3_bind_int(sv, 8, v->items_met);
		bind_text(sv, 9, packed);
		rc = sqlite3_step(sv);
		sqlite3_reset(sv);
		if (rc != SQLITE_DONE) {
			if (!is_constraint(rc))
				return sql_fail(s, rc, "save a verdict", e);
			rc = audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					   "akt %s: the verdict on %s cannot be stored: %s",
					   a->akt_id ? a->akt_id : "?", v->criterion_id,
					   sqlite3_errmsg(s->db));
			if (akt_undo(s, akt, unit, NULL) < 0)
				return sql_fail(s, SQLITE_ERROR, "undo the akt", e);
			return rc;
		}
	}
	for (i = 0; i < a->n_verdicts; i++)
		if (count_add(s, unit, crit[i], (int)a->verdicts[i].value) != 0)
			return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	return AUDIT_OK;
}

int store_run_add_akt(store *s, long long run_id, const store_akt_new *a, audit_err *e)
{
	long long crit_small[64], *crit = crit_small;
	int rc;

	if (s->in_batch && s->batch_run != run_id && (rc = batch_commit(s, e)) < 0)
		return rc;
	if (!s->in_batch) {
		if ((rc = run_must_be_running(s, run_id, e)) < 0)
			return rc;
		if ((rc = st_exec(s, ST_BEGIN, "save the akter", e)) < 0)
			return rc;
		s->in_batch = 1;
		s->batch_run = run_id;
		s->batch_count = 0;
	}
	if (a->n_verdicts > sizeof(crit_small) / sizeof(crit_small[0]) &&
	    (crit = malloc(a->n_verdicts * sizeof(*crit))) == NULL) {
		rollback_all(s);
		return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	}
	if ((rc = crit_cache_load(s, run_id, e)) < 0 || (rc = akt_check(s, run_id, a, crit, e)) < 0 ||
	    (rc = akt_unique(s, run_id, a, e)) < 0 || (rc = akt_write(s, run_id, a, crit, e)) < 0) {
		if (crit != crit_small)
			free(crit);
		if (rc == AUDIT_EINPUT) {
			/* nothing of the akt is written; the batch goes on (a row
			 * id cached for it may be gone) */
			unit_cache_clear(s);
			return rc;
		}
		rollback_all(s);
		return rc;
	}
	if (crit != crit_small)
		free(crit);
	if (++s->batch_count >= STORE_BATCH)
		return batch_commit(s, e);
	return AUDIT_OK;
}

int store_run_finish(store *s, long long run_id, int complete, audit_err *e)
{
	sqlite3_stmt *st;
	audit_err commit_err;
	int rc, commit_rc;
	char status[32];

	audit_err_clear(&commit_err);
	commit_rc = batch_commit(s, &commit_err);
	if (s->lost_run == run_id)
		complete = 0;
	if ((rc = st_get(s, ST_RUN_SET_STATUS, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, complete ? "complete" : "incomplete");
	rc = sqlite3_step(st);
	st_done(st);
	if (rc != SQLITE_DONE)
		return sql_fail(s, rc, "mark the run finished", e);
	if (sqlite3_changes(s->db) == 0) {
		if ((rc = run_status(s, run_id, status, sizeof(status), e)) < 0)
			return rc;
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "run %lld is already %s", run_id, status);
	}
	if (commit_rc < 0) {
		s->lost_run = 0;
		if (e)
			*e = commit_err;
		return commit_rc;
	}
	if (s->lost_run == run_id) {
		s->lost_run = 0;
		return audit_err_set(e, AUDIT_EIO, s->path, 0, 0,
				     "some akter of run %lld could not be saved, so the run is "
				     "marked incomplete; run the audit again", run_id);
	}
	return AUDIT_OK;
}

/* --------------------------------------------------------- reading */

int store_resolve_run(store *s, const char *spec, long long *run_id, audit_err *e)
{
	sqlite3_stmt *st;
	long long n = 0;
	const char *p;
	int rc;

	*run_id = 0;
	if (spec == NULL || spec[0] == '\0')
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "no run given; use --run NUMBER or --run latest");
	if (strcmp(spec, "latest") == 0) {
		if ((rc = st_get(s, ST_LATEST, &st, e)) < 0)
			return rc;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*run_id = sqlite3_column_int64(st, 0);
			st_done(st);
			return AUDIT_OK;
		}
		if (rc == SQLITE_DONE) {
			st_done(st);
			return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "no complete run in %s; run `audit run` first or "
					     "give another --db", s->path);
		}
		rc = sql_fail(s, rc, "find the latest run", e);
		st_done(st);
		return rc;
	}
	for (p = spec; *p; p++) {
		if (*p < '0' || *p > '9' || n > (9223372036854775807LL - 9) / 10)
			return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
					     "'%s' is not a run; give a run number or 'latest'",
					     spec);
		n = n * 10 + (*p - '0');
	}
	if ((rc = run_must_exist(s, n, e)) < 0)
		return rc;
	*run_id = n;
	return AUDIT_OK;
}

void store_run_free(store_run *r)
{
	if (r == NULL)
		return;
	free(r->checklist_id);
	free(r->checklist_name);
	free(r->checklist_version);
	free(r->checklist_hash);
	free(r->legal_basis);
	free(r->ref_date);
	free(r->params);
	free(r->tool_version);
	free(r->method);
	free(r->status);
	free(r);
}

int store_get_run(store *s, long long run_id, store_run **out, audit_err *e)
{
	sqlite3_stmt *st;
	store_run *r;
	int rc, oom = 0;

	*out = NULL;
	if ((rc = counts_pending(s, e)) < 0 || (rc = st_get(s, ST_RUN_GET, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		st_done(st);
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0, "no run %lld in %s",
				     run_id, s->path);
	}
	if (rc != SQLITE_ROW) {
		rc = sql_fail(s, rc, "read the run", e);
		st_done(st);
		return rc;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		st_done(st);
		return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	}
	r->id = sqlite3_column_int64(st, 0);
	r->checklist_id = col_dup(st, 1, &oom);
	r->checklist_name = col_dup(st, 2, &oom);
	r->checklist_version = col_dup(st, 3, &oom);
	r->checklist_hash = col_dup(st, 4, &oom);
	r->legal_basis = col_dup(st, 5, &oom);
	r->ref_date = col_dup(st, 6, &oom);
	r->params = col_dup(st, 7, &oom);
	r->tool_version = col_dup(st, 8, &oom);
	r->method = col_dup(st, 9, &oom);
	r->status = col_dup(st, 10, &oom);
	r->ref_date_is_today = sqlite3_column_int(st, 11);
	r->seed = sqlite3_column_int64(st, 12);
	r->n_akter = sqlite3_column_int(st, 13);
	r->n_failed = sqlite3_column_int(st, 14);
	r->sample_id = sqlite3_column_int64(st, 15);
	r->n_reviewed = sqlite3_column_int(st, 16);
	st_done(st);
	if (oom) {
		store_run_free(r);
		return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	}
	*out = r;
	return AUDIT_OK;
}

/* Makes room for one more element in *arr (of *cap elements of size sz). */
static int grow(void **arr, size_t *cap, size_t n, size_t sz)
{
	size_t nc;
	void *p;

	if (n < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 16;
	if (nc > ((size_t)-1) / sz)
		return -1;
	p = realloc(*arr, nc * sz);
	if (p == NULL)
		return -1;
	memset((char *)p + *cap * sz, 0, (nc - *cap) * sz);
	*arr = p;
	*cap = nc;
	return 0;
}

void store_units_free(store_unit *u, size_t n)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(u[i].id);
		free(u[i].name);
	}
	free(u);
}

int store_get_units(store *s, long long run_id, store_unit **out, size_t *n, audit_err *e)
{
	sqlite3_stmt *st;
	store_unit *u = NULL;
	size_t cap = 0, k = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((rc = run_must_exist(s, run_id, e)) < 0 || (rc = st_get(s, ST_UNITS, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&u, &cap, k, sizeof(*u)) < 0) {
			oom = 1;
			break;
		}
		u[k].id = col_dup(st, 0, &oom);
		u[k].name = col_dup(st, 1, &oom);
		u[k].n_akter = sqlite3_column_int(st, 2);
		k++;
		if (oom)
			break;
	}
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		rc = oom ? audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory")
			 : sql_fail(s, rc, "read the units", e);
		st_done(st);
		store_units_free(u, k);
		return rc;
	}
	st_done(st);
	*out = u;
	*n = k;
	return AUDIT_OK;
}

void store_criteria_free(store_criterion *c, size_t n)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(c[i].id);
		free(c[i].title);
		free(c[i].area);
		free(c[i].section);
		free(c[i].legal_refs);
	}
	free(c);
}

int store_get_criteria(store *s, long long run_id, const char *unit_id,
		       store_criterion **out, size_t *n, audit_err *e)
{
	sqlite3_stmt *st;
	store_criterion *c = NULL;
	long long *rows = NULL;
	size_t cap = 0, rcap = 0, k = 0, i;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((rc = counts_pending(s, e)) < 0 || (rc = run_must_exist(s, run_id, e)) < 0 ||
	    (rc = st_get(s, ST_CRITERIA, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&c, &cap, k, sizeof(*c)) < 0 ||
		    grow((void **)&rows, &rcap, k, sizeof(*rows)) < 0) {
			oom = 1;
			break;
		}
		rows[k] = sqlite3_column_int64(st, 0);
		c[k].id = col_dup(st, 1, &oom);
		c[k].title = col_dup(st, 2, &oom);
		c[k].area = col_dup(st, 3, &oom);
		c[k].section = col_dup(st, 4, &oom);
		c[k].legal_refs = col_dup(st, 5, &oom);
		c[k].position = sqlite3_column_int(st, 6);
		c[k].weight = sqlite3_column_double(st, 7);
		c[k].has_section_weight = sqlite3_column_type(st, 8) != SQLITE_NULL;
		c[k].section_weight = c[k].has_section_weight ? sqlite3_column_double(st, 8) : 0;
		k++;
		if (oom)
			break;
	}
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		rc = oom ? audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory")
			 : sql_fail(s, rc, "read the criteria", e);
		st_done(st);
		goto fail;
	}
	st_done(st);

	/* counts: one covering-index scan of verdicts_count */
	if ((rc = st_get(s, unit_id ? ST_COUNT_UNIT : ST_COUNT_ALL, &st, e)) < 0)
		goto fail;
	sqlite3_bind_int64(st, 1, run_id);
	if (unit_id)
		bind_text(st, 2, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long row = sqlite3_column_int64(st, 0);
		verdict v = verdict_parse((const char *)sqlite3_column_text(st, 1));
		int cnt = sqlite3_column_int(st, 2);

		for (i = 0; i < k && rows[i] != row; i++)
			;
		if (i == k)
			continue;
		c[i].n_total += cnt;
		c[i].n_reviewed += sqlite3_column_int(st, 3);
		switch (v) {
		case VERDICT_UPPFYLLT: c[i].n_uppfyllt += cnt; break;
		case VERDICT_DELVIS: c[i].n_delvis += cnt; break;
		case VERDICT_EJ_UPPFYLLT: c[i].n_ej_uppfyllt += cnt; break;
		case VERDICT_EJ_TILLAMPLIGT: c[i].n_ej_tillampligt += cnt; break;
		default: break;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = sql_fail(s, rc, "count the verdicts", e);
		st_done(st);
		goto fail;
	}
	st_done(st);
	free(rows);
	*out = c;
	*n = k;
	return AUDIT_OK;
fail:
	free(rows);
	store_criteria_free(c, k);
	return rc;
}

void store_verdicts_free(store_verdict *v, size_t n)
{
	size_t i, j;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].akt_id);
		free(v[i].unit_id);
		free(v[i].handlaggare_id);
		free(v[i].handlaggare_name);
		free(v[i].criterion_id);
		free(v[i].message);
		free(v[i].review_comment);
		free(v[i].reviewer);
		free(v[i].reviewed_at);
		for (j = 0; j < v[i].n_evidence; j++)
			evidence_clear(&v[i].evidence[j]);
		free(v[i].evidence);
	}
	free(v);
}

int store_get_verdicts(store *s, long long run_id, const char *unit_id, int with_evidence,
		       store_verdict **out, size_t *n, audit_err *e)
{
	sqlite3_stmt *st;
	store_verdict *v = NULL;
	size_t cap = 0, k = 0, ecap = 0;
	long long last = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((rc = run_must_exist(s, run_id, e)) < 0 ||
	    (rc = st_get(s, unit_id ? ST_VERDICTS_UNIT : ST_VERDICTS_ALL, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	if (unit_id)
		bind_text(st, 2, unit_id);
	sqlite3_bind_int(st, 3, with_evidence ? 1 : 0);
	/* one row per evidence (or per verdict without evidence), in order */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long row = sqlite3_column_int64(st, 0);
		store_verdict *cur;

		if (k == 0 || row != last) {
			if (grow((void **)&v, &cap, k, sizeof(*v)) < 0) {
				oom = 1;
				break;
			}
			cur = &v[k++];
			last = row;
			ecap = 0;
			cur->akt_id = col_dup(st, 1, &oom);
			cur->unit_id = col_dup(st, 2, &oom);
			cur->handlaggare_id = col_dup(st, 3, &oom);
			cur->handlaggare_name = col_dup(st, 4, &oom);
			cur->criterion_id = col_dup(st, 5, &oom);
			cur->value = verdict_parse((const char *)sqlite3_column_text(st, 6));
			cur->message = col_dup(st, 7, &oom);
			cur->items_total = sqlite3_column_int(st, 8);
			cur->items_met = sqlite3_column_int(st, 9);
			cur->auto_value = verdict_parse((const char *)sqlite3_column_text(st, 20));
			cur->reviewed = sqlite3_column_type(st, 21) != SQLITE_NULL;
			cur->review_comment = col_dup(st, 22, &oom);
			cur->reviewer = col_dup(st, 23, &oom);
			cur->reviewed_at = col_dup(st, 24, &oom);
			if (oom)
				break;
		}
		cur = &v[k - 1];
		if (sqlite3_column_type(st, 19) != SQLITE_NULL) {
			evidence *ev;

			if (grow((void **)&cur->evidence, &ecap, cur->n_evidence,
				 sizeof(*cur->evidence)) < 0) {
				oom = 1;
				break;
			}
			ev = &cur->evidence[cur->n_evidence++];
			ev->kind = col_dup(st, 10, &oom);
			ev->doc_id = col_dup(st, 11, &oom);
			ev->date = col_dup(st, 12, &oom);
			ev->location = col_dup(st, 13, &oom);
			ev->item = col_dup(st, 14, &oom);
			ev->quote = col_dup(st, 15, &oom);
			ev->pattern = col_dup(st, 16, &oom);
			ev->sought = col_dup(st, 17, &oom);
			ev->found = sqlite3_column_int(st, 18);
			if (oom)
				break;
		}
	}
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		rc = oom ? audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory")
			 : sql_fail(s, rc, "read the verdicts", e);
		st_done(st);
		store_verdicts_free(v, k);
		return rc;
	}
	st_done(st);
	*out = v;
	*n = k;
	return AUDIT_OK;
}

void store_failures_free(store_failure *f, size_t n)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(f[i].source_path);
		free(f[i].error);
	}
	free(f);
}

int store_get_failures(store *s, long long run_id, store_failure **out, size_t *n, audit_err *e)
{
	sqlite3_stmt *st;
	store_failure *f = NULL;
	size_t cap = 0, k = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((rc = run_must_exist(s, run_id, e)) < 0 ||
	    (rc = st_get(s, ST_FAILURES, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&f, &cap, k, sizeof(*f)) < 0) {
			oom = 1;
			break;
		}
		f[k].source_path = col_dup(st, 0, &oom);
		f[k].error = col_dup(st, 1, &oom);
		k++;
		if (oom)
			break;
	}
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		rc = oom ? audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory")
			 : sql_fail(s, rc, "read the failed files", e);
		st_done(st);
		store_failures_free(f, k);
		return rc;
	}
	st_done(st);
	*out = f;
	*n = k;
	return AUDIT_OK;
}

int store_add_report(store *s, long long run_id, const char *kind, const char *unit_id,
		     const char *path, const char *sha256, audit_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (kind == NULL || (strcmp(kind, "unit") != 0 && strcmp(kind, "namnd") != 0 &&
			     strcmp(kind, "actions") != 0))
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "unknown report kind '%s' (unit, namnd or actions)",
				     kind ? kind : "");
	if (path == NULL)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "a report generation needs the report's path");
	if ((rc = batch_commit(s, e)) < 0 || (rc = run_must_exist(s, run_id, e)) < 0 ||
	    (rc = st_get(s, ST_REPORT_INSERT, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, kind);
	bind_text(st, 3, unit_id);
	bind_text(st, 4, path);
	bind_text(st, 5, sha256);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		rc = sql_fail(s, rc, "record the report", e);
		st_done(st);
		return rc;
	}
	st_done(st);
	return AUDIT_OK;
}

/* --------------------------------------------------------- reviews */

static int streq0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Adds delta (1 or -1) to the count of (run, unit, criterion, value,
 * reviewed). */
static int count_move(store *s, long long run_id, long long unit, long long crit, verdict value,
		      int reviewed, int delta, audit_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = st_get(s, delta < 0 ? ST_COUNT_SUB : ST_COUNT_ADD, &st, e)) < 0)
		return rc;
	if (delta < 0)
		delta = -delta;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, unit);
	sqlite3_bind_int64(st, 3, crit);
	bind_text(st, 4, verdict_name(value));
	sqlite3_bind_int(st, 5, reviewed ? 1 : 0);
	sqlite3_bind_int(st, 6, delta);
	rc = sqlite3_step(st);
	st_done(st);
	if (rc != SQLITE_DONE)
		return sql_fail(s, rc, "save the verdict counts", e);
	if (sqlite3_changes(s->db) != 1)
		return audit_err_set(e, AUDIT_EIO, s->path, 0, 0,
				     "the verdict counts of run %lld do not match its verdicts; "
				     "the database is damaged", run_id);
	return AUDIT_OK;
}

/* Adds one review inside the open transaction. */
static int review_one(store *s, long long run_id, const store_review_new *r, int *unchanged,
		      audit_err *e)
{
	sqlite3_stmt *st;
	long long vrow, unit, crit;
	verdict current, automatic;
	int rc, same = 0, has_review, was_reviewed;
	char *old_comment = NULL, *old_reviewer = NULL;
	int oom = 0;

	*unchanged = 0;
	if (r->akt_id == NULL || r->criterion_id == NULL)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "a review needs an akt and a criterion");
	if (r->value == VERDICT_NONE)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "the review of %s %s has no verdict", r->akt_id,
				     r->criterion_id);
	if (r->reviewer == NULL || r->reviewer[0] == '\0')
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "the review of %s %s names no reviewer", r->akt_id,
				     r->criterion_id);
	if (r->reviewed_at == NULL || r->reviewed_at[0] == '\0')
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "the review of %s %s has no time", r->akt_id,
				     r->criterion_id);
	if ((rc = st_get(s, ST_REVIEW_FIND, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, r->akt_id);
	bind_text(st, 3, r->criterion_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		st_done(st);
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "run %lld has no verdict for akt '%s' and criterion '%s'",
				     run_id, r->akt_id, r->criterion_id);
	}
	if (rc != SQLITE_ROW) {
		rc = sql_fail(s, rc, "read the verdict", e);
		st_done(st);
		return rc;
	}
	vrow = sqlite3_column_int64(st, 0);
	current = verdict_parse((const char *)sqlite3_column_text(st, 1));
	automatic = verdict_parse((const char *)sqlite3_column_text(st, 4));
	unit = sqlite3_column_int64(st, 5);
	crit = sqlite3_column_int64(st, 6);
	was_reviewed = sqlite3_column_int(st, 7);
	if (r->value != automatic && (r->comment == NULL || r->comment[0] == '\0')) {
		st_done(st);
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "the review of %s %s changes the automatic verdict (%s) "
				     "but has no comment; say why in the comment",
				     r->akt_id, r->criterion_id, verdict_name(automatic));
	}
	has_review = sqlite3_column_type(st, 3) != SQLITE_NULL;
	old_comment = col_dup(st, 2, &oom);
	old_reviewer = col_dup(st, 3, &oom);
	st_done(st);
	if (oom) {
		free(old_comment);
		free(old_reviewer);
		return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	}
	same = has_review && current == r->value && streq0(old_comment, r->comment) &&
	       streq0(old_reviewer, r->reviewer);
	free(old_comment);
	free(old_reviewer);
	if (same) {
		*unchanged = 1;
		return AUDIT_OK;
	}
	if ((rc = st_get(s, ST_REVIEW_INSERT, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	bind_text(st, 2, r->akt_id);
	bind_text(st, 3, r->criterion_id);
	bind_text(st, 4, verdict_name(r->value));
	bind_text(st, 5, r->comment ? r->comment : "");
	bind_text(st, 6, r->reviewer);
	bind_text(st, 7, r->reviewed_at);
	rc = sqlite3_step(st);
	st_done(st);
	if (rc != SQLITE_DONE)
		return sql_fail(s, rc, "save the review", e);
	if ((rc = st_get(s, ST_REVIEW_SET, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, vrow);
	bind_text(st, 2, verdict_name(r->value));
	sqlite3_bind_int64(st, 3, sqlite3_last_insert_rowid(s->db));
	rc = sqlite3_step(st);
	st_done(st);
	if (rc != SQLITE_DONE)
		return sql_fail(s, rc, "save the review", e);
	/* the verdict now counts as reviewed, with the reviewed value */
	if ((rc = count_move(s, run_id, unit, crit, current, was_reviewed, -1, e)) < 0 ||
	    (rc = count_move(s, run_id, unit, crit, r->value, 1, 1, e)) < 0)
		return rc;
	return AUDIT_OK;
}

static int reviews_apply(store *s, long long run_id, const store_review_new *r, size_t n,
			 store_bad_fn on_bad, void *ud, size_t *n_unchanged, int check_only,
			 audit_err *e)
{
	size_t i, same = 0, n_bad = 0;
	int rc, unchanged;
	audit_err row_err;

	if (n_unchanged)
		*n_unchanged = 0;
	if ((rc = batch_commit(s, e)) < 0 || (rc = run_must_exist(s, run_id, e)) < 0)
		return rc;
	if ((rc = st_exec(s, ST_BEGIN, "save the reviews", e)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		audit_err_clear(&row_err);
		if ((rc = review_one(s, run_id, &r[i], &unchanged, &row_err)) < 0) {
			if (rc != AUDIT_EINPUT) {
				if (e)
					*e = row_err;
				rollback_all(s);
				return rc;
			}
			/* keep checking, so every bad review is reported at once */
			if (on_bad)
				on_bad(ud, i, &row_err);
			if (n_bad++ == 0 && e)
				*e = row_err;
			continue;
		}
		same += (size_t)unchanged;
	}
	if (n_bad || check_only) {
		rollback_all(s);
		if (n_bad == 0)
			return AUDIT_OK;
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
				     "%zu of %zu reviews are not valid; nothing was saved", n_bad, n);
	}
	if ((rc = st_exec(s, ST_COMMIT, "save the reviews", e)) < 0) {
		rollback_all(s);
		return rc;
	}
	if (n_unchanged)
		*n_unchanged = same;
	return AUDIT_OK;
}

/* --------------------------------------------------------- samples */

int store_sample_add(store *s, const store_sample_new *smp, const store_frame_item *frame,
		     size_t n, long long *sample_id, audit_err *e)
{
	sqlite3_stmt *st;
	size_t i, size = 0;
	long long id;
	int rc;

	*sample_id = 0;
	if (smp->method == NULL)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0, "a sample needs a method");
	for (i = 0; i < n; i++)
		size += frame[i].selected ? 1 : 0;
	if ((rc = batch_commit(s, e)) < 0 ||
	    (rc = st_exec(s, ST_BEGIN, "save the sample", e)) < 0)
		return rc;
	if ((rc = st_get(s, ST_SAMPLE_INSERT, &st, e)) < 0)
		goto fail;
	bind_text(st, 1, smp->unit_id);
	bind_text(st, 2, smp->method);
	bind_text(st, 3, smp->stratify_by);
	sqlite3_bind_int64(st, 4, smp->seed);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)size);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)n);
	bind_text(st, 7, smp->active_from);
	bind_text(st, 8, smp->active_to);
	bind_text(st, 9, smp->ref_date);
	bind_text(st, 10, smp->size_note);
	bind_text(st, 11, smp->tool_version);
	rc = sqlite3_step(st);
	st_done(st);
	if (rc != SQLITE_DONE) {
		rc = is_constraint(rc)
			     ? audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "the sample description is not valid (method '%s')",
					     smp->method)
			     : sql_fail(s, rc, "save the sample", e);
		goto fail;
	}
	id = sqlite3_last_insert_rowid(s->db);
	if ((rc = st_get(s, ST_FRAME_INSERT, &st, e)) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, frame[i].akt_id);
		bind_text(st, 3, frame[i].unit_id);
		bind_text(st, 4, frame[i].source_path);
		bind_text(st, 5, frame[i].content_hash);
		bind_text(st, 6, frame[i].stratum);
		sqlite3_bind_int(st, 7, frame[i].selected ? 1 : 0);
		rc = sqlite3_step(st);
		st_done(st);
		if (rc != SQLITE_DONE) {
			rc = is_constraint(rc)
				     ? audit_err_set(e, AUDIT_EINPUT, frame[i].source_path, 0, 0,
						     "akt id '%s' occurs twice in the population; "
						     "each akt must have its own id",
						     frame[i].akt_id ? frame[i].akt_id : "")
				     : sql_fail(s, rc, "save the sample", e);
			goto fail;
		}
	}
	if ((rc = st_exec(s, ST_COMMIT, "save the sample", e)) < 0)
		goto fail;
	*sample_id = id;
	return AUDIT_OK;
fail:
	rollback_all(s);
	return rc;
}

int store_resolve_sample(store *s, const char *spec, long long *sample_id, audit_err *e)
{
	sqlite3_stmt *st;
	long long n = 0, last = 0;
	int rc, found = 0;
	const char *p;

	*sample_id = 0;
	if (spec == NULL || spec[0] == '\0')
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "no sample given; use --sample NUMBER or --sample latest");
	if (strcmp(spec, "latest") != 0) {
		for (p = spec; *p; p++) {
			if (*p < '0' || *p > '9' || n > (9223372036854775807LL - 9) / 10)
				return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
						     "'%s' is not a sample; give a sample number "
						     "or 'latest'", spec);
			n = n * 10 + (*p - '0');
		}
	}
	if ((rc = st_get(s, ST_SAMPLES, &st, e)) < 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		if (last == n)
			found = 1;
	}
	st_done(st);
	if (rc != SQLITE_DONE)
		return sql_fail(s, rc, "read the samples", e);
	if (strcmp(spec, "latest") == 0) {
		if (last == 0)
			return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
					     "no sample in %s; draw one with `audit sample` first",
					     s->path);
		*sample_id = last;
		return AUDIT_OK;
	}
	if (!found)
		return audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0, "no sample %lld in %s", n,
				     s->path);
	*sample_id = n;
	return AUDIT_OK;
}

void store_sample_free(store_sample *smp)
{
	if (smp == NULL)
		return;
	free(smp->unit_id);
	free(smp->method);
	free(smp->stratify_by);
	free(smp->active_from);
	free(smp->active_to);
	free(smp->ref_date);
	free(smp->size_note);
	free(smp->tool_version);
	free(smp);
}

int store_get_sample(store *s, long long sample_id, store_sample **out, audit_err *e)
{
	sqlite3_stmt *st;
	store_sample *m;
	int rc, oom = 0;

	*out = NULL;
	if ((rc = st_get(s, ST_SAMPLE_GET, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, sample_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? audit_err_set(e, AUDIT_EINPUT, s->path, 0, 0,
						       "no sample %lld in %s", sample_id, s->path)
				       : sql_fail(s, rc, "read the sample", e);
		st_done(st);
		return rc;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		st_done(st);
		return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	}
	m->id = sqlite3_column_int64(st, 0);
	m->unit_id = col_dup(st, 1, &oom);
	m->method = col_dup(st, 2, &oom);
	m->stratify_by = col_dup(st, 3, &oom);
	m->seed = sqlite3_column_int64(st, 4);
	m->size = sqlite3_column_int(st, 5);
	m->frame_size = sqlite3_column_int(st, 6);
	m->active_from = col_dup(st, 7, &oom);
	m->active_to = col_dup(st, 8, &oom);
	m->ref_date = col_dup(st, 9, &oom);
	m->size_note = col_dup(st, 10, &oom);
	m->tool_version = col_dup(st, 11, &oom);
	st_done(st);
	if (oom) {
		store_sample_free(m);
		return audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory");
	}
	*out = m;
	return AUDIT_OK;
}

void store_frame_free(store_frame_row *f, size_t n)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(f[i].akt_id);
		free(f[i].unit_id);
		free(f[i].source_path);
		free(f[i].content_hash);
		free(f[i].stratum);
	}
	free(f);
}

int store_get_sample_frame(store *s, long long sample_id, int selected_only,
			   store_frame_row **out, size_t *n, audit_err *e)
{
	sqlite3_stmt *st;
	store_frame_row *f = NULL;
	size_t cap = 0, k = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((rc = st_get(s, ST_FRAME_GET, &st, e)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, sample_id);
	sqlite3_bind_int(st, 2, selected_only ? 1 : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&f, &cap, k, sizeof(*f)) < 0) {
			oom = 1;
			break;
		}
		f[k].akt_id = col_dup(st, 0, &oom);
		f[k].unit_id = col_dup(st, 1, &oom);
		f[k].source_path = col_dup(st, 2, &oom);
		f[k].content_hash = col_dup(st, 3, &oom);
		f[k].stratum = col_dup(st, 4, &oom);
		f[k].selected = sqlite3_column_int(st, 5);
		k++;
		if (oom)
			break;
	}
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		rc = oom ? audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory")
			 : sql_fail(s, rc, "read the sample", e);
		st_done(st);
		store_frame_free(f, k);
		return rc;
	}
	st_done(st);
	*out = f;
	*n = k;
	return AUDIT_OK;
}

/* --------------------------------------------------------- history */

void store_history_free(store_history_run *h, size_t n)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(h[i].ref_date);
		free(h[i].checklist_id);
		free(h[i].checklist_version);
		free(h[i].status);
	}
	free(h);
}

int store_unit_history(store *s, const char *unit_id, const char *checklist_id,
		       store_history_run **out, size_t *n, audit_err *e)
{
	sqlite3_stmt *st;
	store_history_run *h = NULL;
	size_t cap = 0, k = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((rc = batch_commit(s, e)) < 0 || (rc = st_get(s, ST_HISTORY, &st, e)) < 0)
		return rc;
	bind_text(st, 1, unit_id);
	bind_text(st, 2, checklist_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&h, &cap, k, sizeof(*h)) < 0) {
			oom = 1;
			break;
		}
		h[k].run_id = sqlite3_column_int64(st, 0);
		h[k].ref_date = col_dup(st, 1, &oom);
		h[k].checklist_id = col_dup(st, 2, &oom);
		h[k].checklist_version = col_dup(st, 3, &oom);
		h[k].status = col_dup(st, 4, &oom);
		h[k].n_akter = sqlite3_column_int(st, 5);
		k++;
		if (oom)
			break;
	}
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		rc = oom ? audit_err_set(e, AUDIT_ENOMEM, s->path, 0, 0, "out of memory")
			 : sql_fail(s, rc, "read the history", e);
		st_done(st);
		store_history_free(h, k);
		return rc;
	}
	st_done(st);
	*out = h;
	*n = k;
	return AUDIT_OK;
}

int store_add_reviews(store *s, long long run_id, const store_review_new *r, size_t n,
		      store_bad_fn on_bad, void *ud, size_t *n_unchanged, audit_err *e)
{
	return reviews_apply(s, run_id, r, n, on_bad, ud, n_unchanged, 0, e);
}

int store_check_reviews(store *s, long long run_id, const store_review_new *r, size_t n,
			store_bad_fn on_bad, void *ud, audit_err *e)
{
	return reviews_apply(s, run_id, r, n, on_bad, ud, NULL, 1, e);
}
