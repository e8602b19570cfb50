/* policy.ini through inih (see policy_ini.h), read line by line by
 * io/ini_reader.c, which counts the lines and reports every bad one. */
#include "io/policy_ini.h"

#include "io/ini_reader.h"
#include "io/input_file.h"
#include "io/out_file.h"
#include "model/limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *name;
  rp_ini_reader_t *rd;
  rp_policy_t *p;
  rp_diag_t *diag;
  char seen[64][48]; /* keys already set, to catch a key given twice */
  int nseen;
} ctx_t;

static int on_key(void *user, const char *section, const char *name,
                  const char *value) {
  ctx_t *c = user;
  if (!name) /* a new section: inih 55 calls with name NULL when configured */
    return 1;
  static const char *const sections[] = {"", "staffing", "targets", "balance",
                                         "rotation", NULL};
  int known = 0;
  for (int i = 0; sections[i]; i++)
    known |= strcmp(section, sections[i]) == 0;
  if (!known) {
    rp_diag_error(c->diag, c->name, c->rd->line, NULL,
                  "unknown section [%s] (staffing, targets, balance, rotation)",
                  section);
    return 1;
  }
  for (int i = 0; i < c->nseen; i++)
    if (strcmp(c->seen[i], name) == 0) {
      rp_diag_error(c->diag, c->name, c->rd->line, NULL,
                    "key \"%s\" is set twice", name);
      return 1;
    }
  if (c->nseen < 64 && strlen(name) < sizeof c->seen[0])
    strcpy(c->seen[c->nseen++], name);
  rp_policy_set_at(c->p, section, name, value, c->name, c->rd->line, "", c->diag);
  return 1;
}

rp_status_t rp_policy_parse(const char *name, const char *text, rp_policy_t *p,
                            rp_diag_t *diag) {
  rp_ini_reader_t rd = {.file = name, .diag = diag};
  ctx_t c = {.name = name, .rd = &rd, .diag = diag};
  size_t errors0 = diag->n_errors;
  rp_policy_t work = *p;
  c.p = &work;
  if (rp_ini_parse(&rd, text, on_key, &c) != RP_OK)
    return RP_ENOMEM;
  if (diag->n_errors > errors0)
    return RP_EINPUT;
  rp_policy_at_t at[RP_POLICY_CHECKS] = {{name, 0}, {name, 0}};
  if (rp_policy_check(&work, at, RP_CHECK_POLICY_FILE, diag) != RP_OK)
    return RP_EINPUT;
  *p = work;
  return RP_OK;
}

rp_status_t rp_policy_load(const char *path, rp_policy_t *p, rp_diag_t *diag) {
  char *text;
  rp_status_t st = rp_input_read_text(path, (rp_input_at_t){NULL, 0}, RP_MAX_POLICY_BYTES,
                                      "policy file", &text, diag);
  if (st != RP_OK)
    return st;
  st = rp_policy_parse(path, text, p, diag);
  free(text);
  return st;
}

typedef struct {
  FILE *fp;
  char section[32];
} writer_t;

static void write_key(void *ud, const char *section, const char *key, const char *value) {
  writer_t *w = ud;
  if (strcmp(w->section, section) != 0) {
    fprintf(w->fp, "%s[%s]\n", w->section[0] ? "\n" : "", section);
    snprintf(w->section, sizeof w->section, "%s", section);
  }
  fprintf(w->fp, "%s = %s\n", key, value);
}

rp_status_t rp_policy_write(const char *path, const rp_policy_t *p, rp_out_txn_t *txn,
                            rp_diag_t *diag) {
  rp_status_t st;
  rp_out_file_t *f = rp_out_open(path, diag, &st);
  if (!f)
    return st;
  writer_t w = {rp_out_stream(f), ""};
  fputs("; every policy key in force (written by rotaplan)\n", w.fp);
  rp_policy_each(p, write_key, &w);
  return rp_out_finish_into(txn, f, diag);
}
