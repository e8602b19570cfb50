/* libFuzzer harness for io/policy_ini: rp_policy_parse on the input as a
 * NUL-terminated string, over the defaults.
 *
 * Inputs are cut at 64 KiB and at the first NUL, as rp_policy_load refuses
 * larger files and NUL bytes before parsing.  Checked (abort() is a
 * finding): a refusal leaves the policy untouched and says why; an accepted
 * policy passes the cross-key checks, and written by rp_policy_write (as
 * `plan --years` keeps it beside each year's plan for verify) it reads back
 * as the same policy.  The file goes to a per-process folder under /dev/shm
 * (else /tmp), removed at exit.  Built as a libFuzzer binary with
 * RP_FUZZ=ON and replayed over tests/fuzz/corpus/policy by
 * fuzz_replay_policy. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/policy.h"
#include "io/policy_ini.h"
#include "model/status.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void each_key(void *ud, const char *section, const char *key,
                     const char *value) {
  size_t *n = ud;
  check(section && key && value);
  *n += strlen(section) + strlen(key) + strlen(value);
}

static char dir[64], path[96];

static void remove_dir(void) {
  unlink(path);
  rmdir(dir);
}

/* The folder for the written policy, made once per process. */
static const char *out_path(void) {
  if (!dir[0]) {
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/rp_fuzz_policy_%ld", base, (long)getpid());
    snprintf(path, sizeof path, "%s/policy.ini", dir);
    check(mkdir(dir, 0700) == 0);
    atexit(remove_dir);
  }
  return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 65536)
    return 0;
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  if (size)
    memcpy(text, data, size);
  text[size] = '\0';

  rp_policy_t p, before;
  rp_policy_default(&p, 2026);
  memcpy(&before, &p, sizeof p); /* padding too, for memcmp */
  rp_diag_t d = RP_DIAG_INIT;
  rp_status_t st = rp_policy_parse("fuzz.ini", text, &p, &d);
  if (st == RP_OK) {
    check(d.n_errors == 0);
    check(p.quota_max_share == 0 || p.quota_max_share >= p.quota_share);
    size_t n = 0;
    rp_policy_each(&p, each_key, &n);
    check(n > 0);
    rp_policy_t q;
    rp_policy_default(&q, 2026);
    check(rp_policy_write(out_path(), &p, NULL, &d) == RP_OK);
    rp_status_t st2 = rp_policy_load(path, &q, &d);
    if (d.n)
      rp_diag_print(&d, stderr);
    check(st2 == RP_OK && d.n_errors == 0);
    check(memcmp(&p, &q, sizeof p) == 0); /* same path in, same padding */
  } else {
    check(st == RP_EINPUT || st == RP_ENOMEM);
    check(st == RP_ENOMEM || d.n_errors > 0);
    check(memcmp(&p, &before, sizeof p) == 0);
  }
  rp_diag_clear(&d);
  free(text);
  return 0;
}
