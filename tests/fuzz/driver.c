/* driver.c - replays a fuzz corpus without libFuzzer, so ctest runs every
 * fuzz target over its corpus (after libgit2's standalone driver).
 * Usage: fuzz_X_replay FILE-OR-DIR... */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path, int *n)
{
	struct stat st;
	char *buf;
	size_t len;
	audit_err e;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s: missing\n", path);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		int rc = 0;
		if (d == NULL)
			return 1;
		while ((de = readdir(d)) != NULL) {
			char *p;
			if (de->d_name[0] == '.')
				continue;
			p = util_path_join(path, de->d_name);
			if (p)
				rc |= replay(p, n);
			free(p);
		}
		closedir(d);
		return rc;
	}
	if (util_read_file(&buf, &len, path, (size_t)64 << 20, &e) != AUDIT_OK) {
		fprintf(stderr, "%s: %s\n", path, e.msg);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	(*n)++;
	return 0;
}

int main(int argc, char **argv)
{
	int n = 0, rc = 0;

	for (int i = 1; i < argc; i++)
		rc |= replay(argv[i], &n);
	printf("%d inputs replayed\n", n);
	printf("%d passed, %d failed\n", rc ? 0 : n, rc ? 1 : 0);
	return rc;
}
