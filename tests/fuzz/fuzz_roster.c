/* libFuzzer harness for io/roster: rp_roster_load on two CSV files made from
 * the input, then the audit (model/indicators) on every county it accepts.
 *
 * The input is split at its first NUL or 0x1E (record separator) byte:
 * before it is schools.csv, after it teachers.csv (without a separator,
 * teachers.csv is empty).  rp_roster_load reads paths, so the two parts go
 * into memory files (memfd_create, opened again through /proc/self/fd);
 * where that is unavailable, into /tmp files named with the process id.
 * Checked (abort() is a finding): a refused roster says why; an accepted
 * county points only at its own schools, within the plan year's ranges.  Built as a libFuzzer
 * binary with RP_FUZZ=ON and replayed over tests/fuzz/corpus/roster by
 * fuzz_replay_roster. */
#define _GNU_SOURCE /* memfd_create */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "model/county.h"
#include "model/indicators.h"
#include "model/policy.h"
#include "io/roster.h"
#include "model/status.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
  int fd;
  char path[64];
} mfile_t;

static mfile_t files[2] = {{-1, ""}, {-1, ""}};

static void remove_tmp_files(void) {
  for (int i = 0; i < 2; i++)
    if (strncmp(files[i].path, "/tmp/", 5) == 0)
      unlink(files[i].path);
}

/* Opens the two files once per process and reuses them for every input. */
static int open_files(void) {
  static const char *const names[2] = {"schools.csv", "teachers.csv"};
  if (files[0].fd >= 0)
    return 0;
  for (int i = 0; i < 2; i++) {
    int fd = memfd_create(names[i], MFD_CLOEXEC);
    if (fd >= 0) {
      snprintf(files[i].path, sizeof files[i].path, "/proc/self/fd/%d", fd);
      if (access(files[i].path, R_OK) == 0) {
        files[i].fd = fd;
        continue;
      }
      close(fd);
    }
    snprintf(files[i].path, sizeof files[i].path, "/tmp/rp_fuzz_%ld_%s",
             (long)getpid(), names[i]);
    files[i].fd = open(files[i].path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (files[i].fd < 0)
      return -1;
    if (i == 0)
      atexit(remove_tmp_files);
  }
  return 0;
}

static int put(mfile_t *f, const uint8_t *data, size_t len) {
  if (ftruncate(f->fd, 0) != 0)
    return -1;
  size_t done = 0;
  while (done < len) {
    ssize_t w = pwrite(f->fd, data + done, len - done, (off_t)done);
    if (w <= 0)
      return -1;
    done += (size_t)w;
  }
  return 0;
}

static void check_county(const rp_county_t *c, const rp_policy_t *p) {
  check(c->n_schools >= 1 && c->n_teachers >= 1);
  for (size_t i = 0; i < c->n_schools; i++)
    check(c->schools[i].id && c->schools[i].id[0] && c->schools[i].name &&
          c->schools[i].group);
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    check(t->id && t->id[0] && t->name && t->exempt);
    check(t->school < c->n_schools);
    check(t->level == RP_PRIMARY || t->level == RP_JUNIOR);
    check(t->birth_year <= p->plan_year - 16 && t->school_since <= p->plan_year);
  }
  rp_audit_t *a = NULL;
  if (rp_audit_build(c, p, &a) == RP_OK) {
    for (size_t s = 0; s < a->n_sections; s++)
      check(a->sections[s].school < c->n_schools);
  }
  rp_audit_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (open_files() != 0)
    abort(); /* cannot test anything: say so loudly */
  size_t cut = 0;
  while (cut < size && data[cut] != '\0' && data[cut] != 0x1E)
    cut++;
  size_t rest = cut < size ? cut + 1 : size;
  if (put(&files[0], data, cut) != 0 || put(&files[1], data + rest, size - rest) != 0)
    abort();

  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_diag_t d = RP_DIAG_INIT;
  rp_county_t *c = NULL;
  rp_status_t st = rp_roster_load(files[0].path, files[1].path, &p, &c, &d);
  if (st == RP_OK) {
    check(c != NULL && d.n_errors == 0);
    check_county(c, &p);
  } else {
    check(c == NULL);
    check(st == RP_ENOMEM || d.n_errors > 0);
  }
  rp_county_free(c);
  rp_diag_clear(&d);
  return 0;
}
