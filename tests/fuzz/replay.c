/* Replays fuzz corpora through a harness without libFuzzer, so that gcc
 * builds (and `make test` under ASan/UBSan) run every committed input.
 *
 * Usage: fuzz_replay_X PATH...  where each PATH is a file or a folder of
 * files (not recursive, sorted by name).  Each file is read into an
 * exact-size buffer and handed to LLVMFuzzerTestOneInput once.  A harness
 * finding aborts, failing the CTest test; an empty corpus fails too, so that
 * a wrong path cannot pass silently. */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  int rc = -1;
  uint8_t *buf = NULL;
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    perror(path);
    return -1;
  }
  long len = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
  /* Exact size: a harness reading past the input trips ASan, as it would
   * under libFuzzer. */
  if (len < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
      !(buf = malloc(len ? (size_t)len : 1)) ||
      fread(buf, 1, (size_t)len, fp) != (size_t)len) {
    fprintf(stderr, "%s: cannot read\n", path);
    goto done;
  }
  printf("%s (%ld bytes)\n", path, len);
  fflush(stdout);
  LLVMFuzzerTestOneInput(buf, (size_t)len);
  rc = 0;
done:
  free(buf);
  fclose(fp);
  return rc;
}

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static int skip_dots(const struct dirent *e) { return e->d_name[0] != '.'; }

int main(int argc, char **argv) {
  size_t files = 0;
  int failed = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    struct stat sb;
    if (stat(argv[i], &sb) != 0) {
      perror(argv[i]);
      failed = 1;
      continue;
    }
    if (!S_ISDIR(sb.st_mode)) {
      failed |= run_file(argv[i]) != 0;
      files++;
      continue;
    }
    struct dirent **list = NULL;
    int n = scandir(argv[i], &list, skip_dots, by_name);
    if (n < 0) {
      perror(argv[i]);
      failed = 1;
      continue;
    }
    for (int k = 0; k < n; k++) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", argv[i], list[k]->d_name);
      if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
        failed |= run_file(path) != 0;
        files++;
      }
      free(list[k]);
    }
    free(list);
  }
  if (files == 0) {
    fprintf(stderr, "%s: no corpus files found\n", argv[0]);
    return 1;
  }
  printf("%zu inputs replayed\n", files);
  return failed;
}
