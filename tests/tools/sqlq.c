/* sqlq.c - a tiny SQLite query tool for the shell tests (Debian's sqlite3
 * command-line program is not installed by the build's packages).
 *
 *   sqlq DB SQL     prints every result row, columns separated by a tab;
 *                   exit 0 on success, 1 with SQLite's message on failure.
 *   sqlq -w MS DB SQL   same with a busy timeout of MS milliseconds.
 *   sqlq -hold SECONDS DB   takes an exclusive lock on DB and holds it
 *                   (prints "locked" once it has it), for lock tests.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int print_row(void *ud, int n, char **val, char **col)
{
	(void)ud;
	(void)col;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "\t" : "", val[i] ? val[i] : "NULL");
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int busy = 0, hold = -1, rc;

	if (argc >= 3 && strcmp(argv[1], "-w") == 0) {
		busy = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	} else if (argc >= 3 && strcmp(argv[1], "-hold") == 0) {
		hold = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc != (hold >= 0 ? 2 : 3)) {
		fprintf(stderr, "usage: sqlq [-w MS] DB SQL | sqlq -hold SECONDS DB\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlq: %s\n", db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return 1;
	}
	sqlite3_busy_timeout(db, busy);
	if (hold >= 0) {
		rc = sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, &msg);
		if (rc == SQLITE_OK) {
			printf("locked\n");
			fflush(stdout);
			sleep((unsigned)hold);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		}
	} else {
		rc = sqlite3_exec(db, argv[2], print_row, NULL, &msg);
	}
	if (rc != SQLITE_OK)
		fprintf(stderr, "sqlq: %s\n", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : 1;
}
