/* End to end, publication (issue 13, part A): the rotation list's names and
 * reasons, and `rotaplan publish` on the demo.
 *
 * - every mover of the demo's plans (the optimizing model and the greedy
 *   baseline) is at the head of its group in the order docs/model.md gives
 *   ("3. Who goes where"), checked here from the rosters and the written
 *   list alone, and model/choice.c finds none out of order;
 * - a pin and a wish are named as such in why_this_teacher, with the pin's
 *   file and line;
 * - the rotation list with its new columns reads back in verify, in English
 *   and Chinese;
 * - publish on the Chinese demo writes every page, one notice per move, a
 *   公示 list with only name, schools and subject, the names everywhere, and
 *   the same bytes when run again; a list that does not verify publishes
 *   nothing; a bad date is a usage error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/plan_io.h"
#include "model/choice.h"
#include "model/rules.h"
#include "pipeline/inputs.h"
#include "test_util.h"

#define EN "scenarios/demo/county/"
#define ZH "scenarios/demo/county-zh/"
#define EN_ROSTERS "--schools '%s' --teachers '%s' --policy '%s'"
#define EN_ARGS tu_src(EN "schools.csv"), tu_src(EN "teachers.csv"), tu_src(EN "policy.ini")

/* Occurrences of needle in hay. */
static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
    n++;
  return n;
}

/* Runs the command and fails the test, showing its stderr, unless it exits 0. */
static void ok(tu_run_t r) {
  if (r.exit_code != 0)
    fprintf(stderr, "%s", r.err);
  assert_int_equal(r.exit_code, 0);
  tu_run_free(&r);
}

static void plan_en(const char *dir, const char *extra) {
  char cmd[8000];
  tu_snprintf(cmd, sizeof cmd, "plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' %s",
              tu_src(EN "schools.csv"), tu_src(EN "teachers.csv"), tu_src(EN "policy.ini"), dir,
              extra);
  ok(tu_run("%s", cmd));
}

/* The demo county (English) with pins and preferences read, the plan in
 * dir read back; the caller frees. */
typedef struct {
  rp_loaded_inputs_t in;
  rp_audit_t *before;
  rp_plan_t *plan;
} loaded_t;

static void load(loaded_t *x, const char *dir, const char *pins, const char *prefs) {
  rp_diag_t diag = RP_DIAG_INIT;
  rp_inputs_t paths = {tu_src(EN "schools.csv"), tu_src(EN "teachers.csv"),
                       tu_src(EN "policy.ini"), pins, prefs, NULL, NULL, NULL};
  memset(x, 0, sizeof *x);
  assert_int_equal(rp_inputs_load(&paths, NULL, &x->in, &diag), RP_OK);
  assert_int_equal(rp_audit_build(x->in.county, &x->in.policy, &x->before), RP_OK);
  assert_int_equal(rp_plan_read(dir, x->in.county, x->before, &x->plan, &diag), RP_OK);
  rp_diag_clear(&diag);
}

static void unload(loaded_t *x) {
  rp_plan_free(x->plan);
  rp_audit_free(x->before);
  rp_inputs_free(&x->in);
}

/* Free to move: eligible and not pinned to stay (the builder's groups). */
static int free_to_move(const loaded_t *x, size_t k) {
  for (size_t i = 0; i < x->in.n_pins; i++)
    if (x->in.pins[i].teacher == k && x->in.pins[i].action == RP_PIN_STAY)
      return 0;
  return rp_teacher_eligible(&x->in.policy, &x->in.county->teachers[k], NULL);
}

static int pinned_to_move(const loaded_t *x, size_t k) {
  for (size_t i = 0; i < x->in.n_pins; i++)
    if (x->in.pins[i].teacher == k && x->in.pins[i].action != RP_PIN_STAY &&
        x->in.pins[i].action != RP_PIN_NOT_TO)
      return 1;
  return 0;
}

/* Every mover that neither a pin nor a wish put first is, in its group
 * (section x class), before every colleague who stays and has no pin or
 * wish either: earlier school_since, or the same and a smaller id. */
static int movers_out_of_order(const loaded_t *x, int wishes_count) {
  const rp_county_t *c = x->in.county;
  char *moved = calloc(c->n_teachers + 1, 1), *wish = calloc(c->n_teachers + 1, 1);
  assert_non_null(moved);
  assert_non_null(wish);
  for (size_t i = 0; i < x->plan->n_moves; i++)
    moved[x->plan->moves[i].teacher] = 1;
  for (size_t i = 0; wishes_count && i < x->in.n_prefs; i++)
    wish[x->in.prefs[i].teacher] = 1;
  int bad = 0;
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    if (!moved[k] || wish[k] || pinned_to_move(x, k))
      continue;
    for (size_t q = 0; q < c->n_teachers; q++) {
      const rp_teacher_t *u = &c->teachers[q];
      if (moved[q] || wish[q] || !free_to_move(x, q) || u->school != t->school ||
          u->level != t->level ||
          rp_teacher_class(&x->in.policy, u) != rp_teacher_class(&x->in.policy, t))
        continue;
      if (u->school_since < t->school_since ||
          (u->school_since == t->school_since && strcmp(u->id, t->id) < 0)) {
        fprintf(stderr, "%s moved before %s (since %d, %d)\n", t->id, u->id, t->school_since,
                u->school_since);
        bad++;
      }
    }
  }
  free(moved);
  free(wish);
  return bad;
}

static void demo_movers_head_their_groups(void **state) {
  (void)state;
  const char *methods[] = {"", "--method greedy"};
  for (int m = 0; m < 2; m++) {
    char dir[4200];
    tu_snprintf(dir, sizeof dir, "%s/plan%d", tu_tmpdir(), m);
    plan_en(dir, methods[m]);
    loaded_t x;
    load(&x, dir, NULL, NULL);
    assert_int_equal(movers_out_of_order(&x, m == 0), 0);
    assert_int_equal(rp_plan_choices(x.in.county, &x.in.policy, x.before, NULL, 0, NULL, 0, NULL,
                                     m ? RP_ORDER_GREEDY : RP_ORDER_MILP, x.plan),
                     RP_OK);
    assert_int_equal(rp_plan_choices_out_of_order(x.plan), 0);
    for (size_t i = 0; i < x.plan->n_moves; i++) {
      const rp_choice_t *w = &x.plan->why[i];
      assert_true(w->kind == RP_CHOICE_SERVICE || w->kind == RP_CHOICE_ONLY);
      assert_true(w->movers >= 1 && w->movers <= w->group);
      if (w->kind == RP_CHOICE_SERVICE)
        assert_true(w->rank >= 1 && w->rank <= w->movers);
    }
    unload(&x);
    /* The list with its new columns reads back. */
    ok(tu_run("verify " EN_ROSTERS " --plan '%s'", EN_ARGS, dir));
  }
}

/* Column col of data row r (1-based) of a CSV text whose columns up to col
 * hold no quoted commas, into out. */
static void list_cell(const char *csv, int r, int col, char *out, size_t n) {
  const char *line = csv;
  for (int i = 0; i < r && line; i++)
    line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL;
  assert_non_null(line);
  char buf[4096], *save = NULL, *field = NULL;
  tu_snprintf(buf, sizeof buf, "%.*s", (int)strcspn(line, "\n"), line);
  /* strtok_r skips empty fields: none of the columns read here is empty */
  for (int c = 0; c <= col; c++)
    field = strtok_r(c ? NULL : buf, ",", &save);
  assert_non_null(field);
  tu_snprintf(out, n, "%s", field);
}

static void pins_and_wishes_are_named(void **state) {
  (void)state;
  char base[4200], dir[4200];
  tu_snprintf(base, sizeof base, "%s/base", tu_tmpdir());
  plan_en(base, "");
  loaded_t x;
  load(&x, base, NULL, NULL);
  assert_int_equal(rp_plan_choices(x.in.county, &x.in.policy, x.before, NULL, 0, NULL, 0, NULL,
                                   RP_ORDER_MILP, x.plan),
                   RP_OK);
  /* A mover who was not first in its group gets a wish; a free teacher who
   * stayed, at a school that sends some of that group, gets a pin to move. */
  const char *wisher = NULL, *pinned = NULL, *wish_to = NULL;
  for (size_t i = 0; i < x.plan->n_moves && !wisher; i++)
    if (x.plan->why[i].kind == RP_CHOICE_SERVICE && x.plan->why[i].rank >= 2) {
      const rp_move_t *mv = &x.plan->moves[i];
      wisher = x.in.county->teachers[mv->teacher].id;
      wish_to = x.in.county->schools[x.before->sections[mv->to_section].school].id;
    }
  char *moved = calloc(x.in.county->n_teachers + 1, 1);
  for (size_t i = 0; i < x.plan->n_moves; i++)
    moved[x.plan->moves[i].teacher] = 1;
  /* The pinned one stays in the plan without the pin and has a colleague
   * of its group longer at the school: without the pins file, publish
   * finds that colleague ahead of it. */
  const rp_county_t *c = x.in.county;
  for (size_t k = 0; k < c->n_teachers && !pinned; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    if (moved[k] || !free_to_move(&x, k) || c->schools[t->school].area != RP_AREA_URBAN)
      continue;
    for (size_t q = 0; q < c->n_teachers && !pinned; q++)
      if (q != k && !moved[q] && free_to_move(&x, q) && c->teachers[q].school == t->school &&
          c->teachers[q].level == t->level &&
          rp_teacher_class(&x.in.policy, &c->teachers[q]) == rp_teacher_class(&x.in.policy, t) &&
          c->teachers[q].school_since < t->school_since)
        pinned = t->id;
  }
  free(moved);
  assert_non_null(wisher);
  assert_non_null(pinned);
  char pins_text[256], prefs_text[256];
  tu_snprintf(pins_text, sizeof pins_text, "teacher_id,action,school_id\n%s,move,\n", pinned);
  tu_snprintf(prefs_text, sizeof prefs_text, "teacher_id,rank,school_id\n%s,1,%s\n", wisher,
              wish_to);
  char wisher_id[64], pinned_id[64];
  tu_snprintf(wisher_id, sizeof wisher_id, "%s", wisher);
  tu_snprintf(pinned_id, sizeof pinned_id, "%s", pinned);
  unload(&x); /* wisher and pinned pointed into it */
  wisher = wisher_id;
  pinned = pinned_id;
  const char *pins = tu_write("pins.csv", pins_text);
  char pins_path[4200];
  tu_snprintf(pins_path, sizeof pins_path, "%s", pins);
  const char *prefs = tu_write("preferences.csv", prefs_text);
  tu_snprintf(dir, sizeof dir, "%s/pinned", tu_tmpdir());
  char extra[9000];
  tu_snprintf(extra, sizeof extra, "--pins '%s' --preferences '%s'", pins_path, prefs);
  plan_en(dir, extra);
  char path[4300];
  tu_snprintf(path, sizeof path, "%s/rotation_list.csv", dir);
  char *csv = tu_read(path);
  assert_non_null(csv);
  assert_contains(csv, "why_this_teacher");
  int found_pin = 0, found_wish = 0;
  for (int r = 1; r <= count(csv, "\n") - 1; r++) {
    char id[64];
    list_cell(csv, r, 0, id, sizeof id);
    const char *line = csv;
    for (int i = 0; i < r; i++)
      line = strchr(line, '\n') + 1;
    size_t len = strcspn(line, "\n");
    char row[4096];
    assert_true(len < sizeof row);
    memcpy(row, line, len);
    row[len] = '\0';
    if (strcmp(id, pinned) == 0) {
      assert_contains(row, "pinned to move (pins.csv line 2)");
      found_pin = 1;
    }
    if (strcmp(id, wisher) == 0) {
      assert_contains(row, "own wish: choice 1");
      found_wish = 1;
    }
  }
  assert_true(found_pin);
  assert_true(found_wish);
  free(csv);
  loaded_t y;
  load(&y, dir, pins_path, prefs);
  assert_int_equal(movers_out_of_order(&y, 1), 0);
  unload(&y);
  /* Published without the pins and wishes: the pinned teacher's notice
   * does not pass the move off as the order's, and publish warns. */
  char out[4200];
  tu_snprintf(out, sizeof out, "%s/pinned_pub", tu_tmpdir());
  tu_run_t r = tu_run("publish " EN_ROSTERS " --plan '%s' --out '%s' --published 2026-06-01",
                      EN_ARGS, dir, out);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.err, "move while a colleague ahead of them in their group's order stays");
  tu_run_free(&r);
  tu_snprintf(path, sizeof path, "%s/notices.html", out);
  char *notices = tu_read(path);
  assert_non_null(notices);
  assert_contains(notices, "not the plan's choice (a list edited by hand, or other pins or "
                           "preferences)");
  free(notices);
}

/* publish on the Chinese demo, twice. */
static void publish_demo_zh(void **state) {
  (void)state;
  char plan[4200], out[4200], out2[4200], p[4400];
  tu_snprintf(plan, sizeof plan, "%s/zh_plan", tu_tmpdir());
  tu_snprintf(out, sizeof out, "%s/zh_pub", tu_tmpdir());
  tu_snprintf(out2, sizeof out2, "%s/zh_pub2", tu_tmpdir());
  const char *s = tu_src(ZH "学校.csv"), *t = tu_src(ZH "教师.csv"), *pol = tu_src(ZH "policy.ini");
  /* UTF-8 files, to read them here (the GB18030 rosters' default is GB18030) */
  ok(tu_run("plan --schools '%s' --teachers '%s' --policy '%s' --out '%s' --csv-encoding utf-8",
            s, t, pol, plan));
  ok(tu_run("verify --schools '%s' --teachers '%s' --policy '%s' --plan '%s'", s, t, pol, plan));
  tu_run_t r = tu_run("publish --schools '%s' --teachers '%s' --policy '%s' --plan '%s' --out "
                      "'%s' --published 2026-06-01 --csv-encoding utf-8",
                      s, t, pol, plan, out);
  assert_int_equal(r.exit_code, 0);
  assert_contains(r.out, "65 份告知书");
  assert_contains(r.out, "异议截止 2026年6月8日"); /* 5 working days after a Monday */
  assert_contains(r.out, "到岗 2026年9月1日");
  tu_run_free(&r);
  ok(tu_run("publish --schools '%s' --teachers '%s' --policy '%s' --plan '%s' --out '%s' "
            "--published 2026-06-01 --csv-encoding utf-8",
            s, t, pol, plan, out2));

  tu_snprintf(p, sizeof p, "%s/rotation_list.csv", plan);
  char *list = tu_read(p);
  assert_non_null(list);
  int moves = count(list, "\n") - 1;
  assert_int_equal(moves, 65);

  /* The 公示 list: name, the schools' names, subject; nothing else. */
  tu_snprintf(p, sizeof p, "%s/public_list.csv", out);
  char *pub = tu_read(p);
  assert_non_null(pub);
  assert_true(strncmp(pub, "姓名,调出学校名称,调入学校名称,学科\n", strlen("姓名,调出学校名称,调入学校名称,学科\n")) == 0);
  assert_int_equal(count(pub, "\n") - 1, moves);
  assert_null(strstr(pub, "出生"));
  assert_null(strstr(pub, "学历"));
  assert_null(strstr(pub, "本科"));
  assert_null(strstr(pub, "性别"));
  assert_null(strstr(pub, ",男"));
  assert_null(strstr(pub, ",女"));

  /* One notice per move, each teacher's name in the notices, the public
   * page and the pages of both schools. */
  tu_snprintf(p, sizeof p, "%s/notices.html", out);
  char *notices = tu_read(p);
  assert_non_null(notices);
  assert_int_equal(count(notices, "<section class=\"notice\""), moves);
  assert_contains(notices, "教师交流轮岗告知书");
  assert_contains(notices, "交流期限为 3 年");
  assert_contains(notices, "@media print");
  assert_null(strstr(notices, "<script"));
  tu_snprintf(p, sizeof p, "%s/public_list.html", out);
  char *pub_html = tu_read(p);
  assert_non_null(pub_html);
  assert_null(strstr(pub_html, "出生"));
  for (int row = 1; row <= moves; row++) {
    char name[64], from[64], to[64], from_name[128], to_name[128];
    list_cell(list, row, 1, name, sizeof name);
    list_cell(list, row, 2, from, sizeof from);
    list_cell(list, row, 12, from_name, sizeof from_name);
    list_cell(list, row, 3, to, sizeof to);
    list_cell(list, row, 13, to_name, sizeof to_name);
    assert_contains(notices, name);
    assert_contains(pub, name);
    assert_contains(pub_html, name);
    for (int w = 0; w < 2; w++) {
      tu_snprintf(p, sizeof p, "%s/school_%s.html", out, w ? to : from);
      char *page = tu_read(p);
      assert_non_null(page);
      assert_contains(page, name);
      assert_contains(page, w ? to_name : from_name);
      free(page);
    }
  }
  tu_snprintf(p, sizeof p, "%s/index.html", out);
  char *index = tu_read(p);
  assert_non_null(index);
  assert_contains(index, "school_S001.html");
  assert_contains(index, "public_list.html");
  tu_snprintf(p, sizeof p, "%s/public_list.xlsx", out);
  char *xlsx = tu_read(p);
  assert_non_null(xlsx);

  /* The same plan and terms: the same bytes. */
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "diff -r '%s' '%s' >&2", out, out2);
  assert_int_equal(system(cmd), 0);
  free(list);
  free(pub);
  free(notices);
  free(pub_html);
  free(index);
  free(xlsx);
}

static void publish_refuses_what_does_not_verify(void **state) {
  (void)state;
  char plan[4200], out[4200], p[4400];
  tu_snprintf(plan, sizeof plan, "%s/bad_plan", tu_tmpdir());
  tu_snprintf(out, sizeof out, "%s/bad_pub", tu_tmpdir());
  plan_en(plan, "");
  /* A date that is none: a usage error, nothing written. */
  tu_run_t r = tu_run("publish " EN_ROSTERS " --plan '%s' --out '%s' --published 2026-02-30",
                      EN_ARGS, plan, out);
  assert_int_equal(r.exit_code, 2);
  assert_contains(r.err, "--published: \"2026-02-30\" is not a date");
  tu_run_free(&r);
  tu_snprintf(p, sizeof p, "%s/index.html", out);
  assert_null(tu_read(p));
  /* The list without its last row: the summary no longer holds; nothing
   * is published. */
  char cmd[9000];
  tu_snprintf(cmd, sizeof cmd, "sed -i '$d' '%s/rotation_list.csv'", plan);
  assert_int_equal(system(cmd), 0);
  r = tu_run("publish " EN_ROSTERS " --plan '%s' --out '%s' --published 2026-06-01 --lang en",
             EN_ARGS, plan, out);
  assert_int_equal(r.exit_code, 4);
  /* no rule broken (64 moves still meet the quota): only the figures of
   * summary.json differ, which report rebuilds before a list is posted */
  assert_contains(r.err, "figures of summary.json differ from the rotation list: rebuild them "
                         "with `rotaplan report --plan");
  tu_run_free(&r);
  assert_null(tu_read(p));
  tu_snprintf(p, sizeof p, "%s/public_list.csv", out);
  assert_null(tu_read(p));
}

/* English pages when asked; the options' terms in the notices. */
static void publish_terms_from_options(void **state) {
  (void)state;
  char plan[4200], out[4200], p[4400];
  tu_snprintf(plan, sizeof plan, "%s/opt_plan", tu_tmpdir());
  tu_snprintf(out, sizeof out, "%s/opt_pub", tu_tmpdir());
  plan_en(plan, "");
  ok(tu_run("publish " EN_ROSTERS " --plan '%s' --out '%s' --published 2026-06-05 "
            "--appeal-days 3 --start 2026-08-30 --term 2 --contact 'Ms Li, room 204'",
            EN_ARGS, plan, out));
  tu_snprintf(p, sizeof p, "%s/notices.html", out);
  char *n = tu_read(p);
  assert_non_null(n);
  assert_contains(n, "Notice of teacher rotation");
  assert_contains(n, "from 2026-08-30");
  assert_contains(n, "The term of the rotation is 2 years.");
  assert_contains(n, "write to Ms Li, room 204 by 2026-06-10"); /* Fri + 3 working days */
  free(n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(demo_movers_head_their_groups),
      cmocka_unit_test(pins_and_wishes_are_named),
      cmocka_unit_test(publish_demo_zh),
      cmocka_unit_test(publish_refuses_what_does_not_verify),
      cmocka_unit_test(publish_terms_from_options),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
