/* End to end: a rotation list a planner edited by hand (issue 13, "Edited
 * lists").  `rotaplan verify` tells the rules the edit breaks from the
 * figures of summary.json it merely changes, under two headings, in
 * English and Chinese, and exits 0 when only figures differ; `rotaplan
 * report` rebuilds the plan's files from the edited list (in place beside
 * it, never over it, or into another folder), refuses a list that breaks a
 * rule with nothing written, and refuses an output over the list; the
 * rebuilt folder passes `verify --strict`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "test_util.h"

#define EN "--schools '%s' --teachers '%s' --policy '%s'"
#define EN_ARGS                                                                              \
  tu_src("scenarios/demo/county/schools.csv"), tu_src("scenarios/demo/county/teachers.csv"), \
      tu_src("scenarios/demo/county/policy.ini")
#define ZH_ARGS                                                                              \
  tu_src("scenarios/demo/county-zh/学校.csv"), tu_src("scenarios/demo/county-zh/教师.csv"), \
      tu_src("scenarios/demo/county-zh/policy.ini")

enum { MAXROWS = 512, MAXCOLS = 24 };

/* A rotation list split into its header and rows of fields (quoted cells
 * kept as written, quotes and all). */
typedef struct {
  char *text;
  char *header;
  char *cell[MAXROWS][MAXCOLS];
  int ncols, nrows;
} list_t;

static void list_read(list_t *l, const char *dir) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  memset(l, 0, sizeof *l);
  l->text = tu_read(path);
  assert_non_null(l->text);
  char *save = NULL;
  char *line = strtok_r(l->text, "\n", &save);
  l->header = line;
  while ((line = strtok_r(NULL, "\n", &save)) && l->nrows < MAXROWS) {
    int c = 0;
    for (char *f = line, *comma; f && c < MAXCOLS; f = comma ? comma + 1 : NULL) {
      char *end = f; /* a quoted cell (why_this_teacher) keeps its commas and quotes */
      if (*f == '"')
        for (end = f + 1; *end && !(end[0] == '"' && end[1] != '"'); end += end[0] == '"' ? 2 : 1)
          ;
      comma = strchr(end, ',');
      if (comma)
        *comma = '\0';
      l->cell[l->nrows][c++] = f;
    }
    l->ncols = c;
    l->nrows++;
  }
}

/* Writes the list into dir/rotation_list.csv, without row `drop` (-1:
 * none), in GB18030 when gb (through iconv, as Excel in China saves). */
static void list_write(const list_t *l, const char *dir, int drop, int gb) {
  char path[4300], cmd[9000];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  fprintf(fp, "%s\n", l->header);
  for (int r = 0; r < l->nrows; r++) {
    if (r == drop)
      continue;
    for (int c = 0; c < l->ncols; c++)
      fprintf(fp, "%s%s", c ? "," : "", l->cell[r][c]);
    fputc('\n', fp);
  }
  fclose(fp);
  if (gb) {
    tu_snprintf(cmd, sizeof cmd,
                "iconv -f UTF-8 -t GB18030 '%s' > '%s.gb' && mv '%s.gb' '%s'", path, path,
                path, path);
    assert_int_equal(system(cmd), 0);
  }
}

/* Not a rotation backbone (below county level): moving them elsewhere
 * changes no backbone rule. */
static int minor(const char *backbone) {
  return !strcmp(backbone, "none") || !strcmp(backbone, "school") || !strcmp(backbone, "无") ||
         !strcmp(backbone, "校级");
}

/* The hand edit: two teachers of the same section and subject, neither a
 * rotation backbone, swap destinations (columns: 3 to_school, 4 section,
 * 5 subject, 7 backbone), and the last such row is dropped (one move
 * fewer, the quota still met).  Returns the row dropped. */
static int edit(list_t *l) {
  for (int i = 0; i < l->nrows; i++)
    for (int j = i + 1; j < l->nrows; j++) {
      char **a = l->cell[i], **b = l->cell[j];
      if (strcmp(a[3], b[3]) && !strcmp(a[4], b[4]) && !strcmp(a[5], b[5]) && minor(a[7]) &&
          minor(b[7])) {
        char *t = a[3];
        a[3] = b[3];
        b[3] = t;
        for (int d = l->nrows - 1; d >= 0; d--)
          if (d != i && d != j && minor(l->cell[d][7]))
            return d;
      }
    }
  fail_msg("no two teachers of one section and subject to swap");
  return -1;
}

static void copy_dir(const char *from, const char *to) {
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s'", to, from, to);
  assert_int_equal(system(cmd), 0);
}

static char *file_in(const char *dir, const char *name) {
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/%s", dir, name);
  return tu_read(path);
}

/* dir/name still holds `before` (which is freed). */
static void unchanged(const char *dir, const char *name, char *before) {
  char *now = file_in(dir, name);
  assert_non_null(now);
  assert_string_equal(before, now);
  free(before);
  free(now);
}

static void plan_demo(const char *dir, int zh) {
  /* UTF-8 files, to edit them here (the Chinese rosters' default is GB18030) */
  tu_run_t r = zh ? tu_run("plan " EN " --out '%s' --csv-encoding utf-8", ZH_ARGS, dir)
                  : tu_run("plan " EN " --out '%s'", EN_ARGS, dir);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
}

/* The English demo: verify sorts the edit's findings (only figures), and
 * report rebuilds the folder from the list, which then verifies strictly;
 * into another folder, the list is written there too. */
static void edited_list_rebuilt(void **state) {
  (void)state;
  char plan[4200], edited[4200], other[4200];
  tu_snprintf(plan, sizeof plan, "%s/edit_plan", tu_tmpdir());
  tu_snprintf(edited, sizeof edited, "%s/edit_edited", tu_tmpdir());
  tu_snprintf(other, sizeof other, "%s/edit_other", tu_tmpdir());
  plan_demo(plan, 0);
  copy_dir(plan, edited);
  list_t l;
  list_read(&l, plan);
  int n = l.nrows, drop = edit(&l);
  list_write(&l, edited, drop, 0);
  free(l.text);
  char *list_before = file_in(edited, "rotation_list.csv");
  /* Only figures differ: exit 0, the notice, one heading. */
  tu_run_t r = tu_run("verify " EN " --plan '%s'", EN_ARGS, edited);
  assert_int_equal(r.exit_code, 0);
  assert_null(strstr(r.err, "== Rule breaks"));
  assert_non_null(strstr(r.err, "== Figures that differ from summary.json: "));
  char want[256];
  tu_snprintf(want, sizeof want, "moved: the summary says %d, recomputed %d", n, n - 1);
  assert_non_null(strstr(r.err, want));
  tu_snprintf(want, sizeof want, "verified: %d moves, every rule holds; ", n - 1);
  assert_non_null(strstr(r.out, want));
  assert_non_null(strstr(r.out, "rotaplan report --plan"));
  tu_run_free(&r);
  r = tu_run("verify --strict " EN " --plan '%s'", EN_ARGS, edited);
  assert_int_equal(r.exit_code, 4);
  tu_run_free(&r);
  /* Rebuilt in place: the list untouched, everything else from it. */
  r = tu_run("report " EN " --plan '%s' --xlsx '%s/plan.xlsx' --html '%s/report.html'", EN_ARGS,
             edited, edited, edited);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Rotation plan 2026 (edited list)"));
  tu_run_free(&r);
  unchanged(edited, "rotation_list.csv", list_before);
  cJSON *sum = tu_read_summary(edited);
  assert_string_equal(cJSON_GetObjectItem(sum, "method")->valuestring, "edited list");
  assert_string_equal(
      cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "solver"), "status")->valuestring,
      "edited list");
  assert_int_equal(cJSON_GetObjectItem(sum, "moved")->valueint, n - 1);
  cJSON_Delete(sum);
  char *html = file_in(edited, "report.html");
  assert_non_null(html);
  assert_non_null(strstr(html, "edited list"));
  free(html);
  r = tu_run("verify --strict " EN " --plan '%s'", EN_ARGS, edited);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "every figure in summary.json matches"));
  tu_run_free(&r);
  /* Into another folder: the list written there in the plan's order. */
  r = tu_run("report " EN " --plan '%s' --out '%s'", EN_ARGS, edited, other);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  r = tu_run("verify --strict " EN " --plan '%s'", EN_ARGS, other);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
  list_read(&l, other);
  assert_int_equal(l.nrows, n - 1);
  free(l.text);
}

/* The Chinese demo, the list saved in GB18030: a swap that sends a county
 * backbone teacher to a school neither rural nor weak is a rule break, in
 * Chinese, under its heading; report refuses it and writes nothing.  A
 * harmless edit is rebuilt, in Chinese. */
static void edited_list_zh(void **state) {
  (void)state;
  char plan[4200], bad[4200], good[4200], out[4200];
  tu_snprintf(plan, sizeof plan, "%s/edit_zh_plan", tu_tmpdir());
  tu_snprintf(bad, sizeof bad, "%s/edit_zh_bad", tu_tmpdir());
  tu_snprintf(good, sizeof good, "%s/edit_zh_good", tu_tmpdir());
  tu_snprintf(out, sizeof out, "%s/edit_zh_out", tu_tmpdir());
  plan_demo(plan, 1);
  copy_dir(plan, bad);
  copy_dir(plan, good);
  list_t l;
  list_read(&l, plan);
  /* Every primary move to the first row's school (a town school that is
   * not weak in the demo): backbone teachers among them break
   * backbone_direction. */
  const char *first = l.cell[0][3];
  assert_string_equal(l.cell[0][10], "城区->镇区");
  for (int i = 1; i < l.nrows; i++)
    if (!strcmp(l.cell[i][4], l.cell[0][4]))
      l.cell[i][3] = (char *)first;
  list_write(&l, bad, -1, 1);
  free(l.text);
  char *summary_before = file_in(bad, "summary.json");
  tu_run_t r = tu_run("verify " EN " --plan '%s'", ZH_ARGS, bad);
  assert_int_equal(r.exit_code, 4);
  const char *rules = strstr(r.err, "== 违反规则：");
  const char *figures = strstr(r.err, "== 与 summary.json 不一致的数字：");
  assert_true(rules && figures && rules < figures);
  assert_non_null(strstr(r.err, "但骨干教师只能到乡村或薄弱学校交流，该校两者都不是"));
  assert_non_null(strstr(r.err, "：summary.json 中为 "));
  assert_non_null(strstr(r.err, "名单不能按现状公布"));
  tu_run_free(&r);
  r = tu_run("report " EN " --plan '%s' --html '%s/report.html'", ZH_ARGS, bad, bad);
  assert_int_equal(r.exit_code, 4);
  assert_non_null(strstr(r.err, "== 违反规则："));
  assert_non_null(strstr(r.err, "未写入任何文件"));
  tu_run_free(&r);
  unchanged(bad, "summary.json", summary_before);
  char *html = file_in(bad, "report.html");
  assert_null(html);
  /* A harmless edit, in GB18030, rebuilt into another folder in Chinese. */
  list_read(&l, plan);
  int n = l.nrows, drop = edit(&l);
  list_write(&l, good, drop, 1);
  free(l.text);
  r = tu_run("report " EN " --plan '%s' --out '%s'", ZH_ARGS, good, out);
  if (r.exit_code != 0)
    fprintf(stderr, "%s\n", r.err);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "2026 年度交流轮岗方案（手工修改的名单）"));
  tu_run_free(&r);
  r = tu_run("verify --strict " EN " --plan '%s'", ZH_ARGS, out);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "核验通过："));
  tu_run_free(&r);
  list_read(&l, out);
  assert_int_equal(l.nrows, n - 1);
  assert_non_null(strstr(l.header, "工号,姓名,调出学校,调入学校"));
  free(l.text);
}

/* The edited list is an input: an output over it is refused before
 * anything is written. */
static void report_never_writes_over_the_list(void **state) {
  (void)state;
  char plan[4200];
  tu_snprintf(plan, sizeof plan, "%s/edit_guard", tu_tmpdir());
  plan_demo(plan, 0);
  char *list_before = file_in(plan, "rotation_list.csv");
  char *summary_before = file_in(plan, "summary.json");
  tu_run_t r = tu_run("report " EN " --plan '%s' --html '%s/rotation_list.csv'", EN_ARGS, plan,
                      plan);
  assert_int_equal(r.exit_code, 2);
  assert_non_null(strstr(r.err, "rotation_list.csv"));
  tu_run_free(&r);
  unchanged(plan, "rotation_list.csv", list_before);
  unchanged(plan, "summary.json", summary_before);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(edited_list_rebuilt),
      cmocka_unit_test(edited_list_zh),
      cmocka_unit_test(report_never_writes_over_the_list),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
