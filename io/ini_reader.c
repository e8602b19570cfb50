/* The INI line reader shared by io/policy_ini.c and io/scenario_ini.c (see
 * ini_reader.h): the reader callback inih's ini_parse_stream pulls lines
 * from, the syntax check of each line, and the message for a bad file that
 * inih found and the check did not. */
#include "io/ini_reader.h"

#include <ini.h>
#include <stdio.h>
#include <string.h>

/* Hands inih an empty line in place of a bad one. */
static char *blank_line(char *str) {
  strcpy(str, "\n");
  return str;
}

static void report_long_line(rp_ini_reader_t *r, int most) {
  if (r->long_line_advice)
    rp_diag_error(r->diag, r->file, r->line, NULL, "line too long (at most %d bytes; %s)",
                  most, r->long_line_advice);
  else
    rp_diag_error(r->diag, r->file, r->line, NULL, "line too long");
  r->syntax_errors++;
}

/* Whether `name` (n bytes, blanks around it ignored) is one of r->sections. */
static int section_known(const rp_ini_reader_t *r, const char *name, size_t n) {
  while (n > 0 && (*name == ' ' || *name == '\t')) {
    name++;
    n--;
  }
  while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
    n--;
  for (const char *const *s = r->sections; *s; s++)
    if (strlen(*s) == n && strncmp(*s, name, n) == 0)
      return 1;
  return 0;
}

/* Reports a header's section when the caller lists its sections and this
 * is none of them.  `p` starts at the `[`, `end` is the `]`. */
static void check_section(rp_ini_reader_t *r, const char *p, const char *end) {
  char name[64], known[256];
  size_t n = (size_t)(end - p - 1);
  if (!r->sections || section_known(r, p + 1, n))
    return;
  if (n >= sizeof name)
    n = sizeof name - 1;
  memcpy(name, p + 1, n);
  name[n] = '\0';
  size_t k = 0;
  known[0] = '\0';
  for (const char *const *s = r->sections; *s && k < sizeof known; s++)
    k += (size_t)snprintf(known + k, sizeof known - k, "%s%s", s == r->sections ? "" : ", ",
                          *s);
  rp_diag_error(r->diag, r->file, r->line, NULL, "unknown section [%s] (%s)", name, known);
}

/* What is wrong with line `p` (its text before the line end: `body` bytes),
 * or NULL when inih can read it. */
static const char *syntax_fault(rp_ini_reader_t *r, const char *p, size_t body) {
  if (body == 0 || *p == ';' || *p == '#')
    return NULL;
  if (*p == '[') {
    const char *end = memchr(p, ']', body);
    if (!end)
      return "a section header without its closing ]";
    check_section(r, p, end);
    return NULL;
  }
  /* inih splits at the first = or :, unless an inline comment (` ;`) comes
   * first. */
  size_t k = 0;
  while (k < body && p[k] != '=' && p[k] != ':' &&
         !(p[k] == ';' && k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t')))
    k++;
  if (k == body || p[k] == ';')
    return "not an INI line (expected [section] or key = value)";
  return k == 0 ? "a value without a key" : NULL;
}

/* ini_parse_stream's reader: the next line into str (num bytes), checked. */
static char *read_line(char *str, int num, void *stream) {
  rp_ini_reader_t *r = stream;
  if (!r->text || *r->text == '\0')
    return NULL;
  while (*r->text == ' ' || *r->text == '\t')
    r->text++;
  const char *nl = strchr(r->text, '\n');
  size_t len = nl ? (size_t)(nl - r->text) + 1 : strlen(r->text);
  const char *ln = r->text;
  r->text += len;
  r->line++;
  if (len >= (size_t)num) {
    report_long_line(r, num - 1);
    return blank_line(str);
  }
  memcpy(str, ln, len);
  str[len] = '\0';
  const char *p = str;
  if (r->line == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  const char *bad = syntax_fault(r, p, strcspn(p, "\r\n"));
  if (!bad)
    return str;
  rp_diag_error(r->diag, r->file, r->line, NULL, "%s", bad);
  r->syntax_errors++;
  return blank_line(str);
}

rp_status_t rp_ini_parse(rp_ini_reader_t *r, const char *text, rp_ini_handler_t on_key,
                         void *user) {
  r->text = text;
  r->line = 0;
  r->syntax_errors = 0;
  int rc = ini_parse_stream(read_line, r, on_key, user);
  if (rc < 0)
    return RP_ENOMEM;
  if (rc > 0 && r->syntax_errors == 0)
    rp_diag_error(r->diag, r->file, rc, NULL,
                  "not an INI line (expected [section] or key = value)");
  return RP_OK;
}
