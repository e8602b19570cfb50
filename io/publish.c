/* The published pages and the 公示 list (see publish.h).
 *
 * Each page is written top to bottom in one pass from the plan view and
 * the notice terms; the same plan and terms give the same bytes.  Print
 * layout: A4, a notice a page (page-break-after), tables that never scroll,
 * the index's links hidden on paper. */
#include "io/publish.h"

#include <stdlib.h>
#include <string.h>

#include "io/plan_io.h"
#include "io/svg.h"
#include "io/xlsx_writer.h"

static const char style[] =
    "body{font-family:\"Noto Serif CJK SC\",\"Noto Sans CJK SC\",\"SimSun\",\"Microsoft YaHei\","
    "serif;margin:24px auto;max-width:900px;color:#111;line-height:1.6}\n"
    "h1{font-size:22px;text-align:center;margin:8px 0 4px}h2{font-size:17px;margin:22px 0 6px;"
    "border-bottom:1px solid #444}\n"
    ".meta{color:#444;font-size:13px;text-align:center}.note{color:#444;font-size:13px}\n"
    "table{border-collapse:collapse;font-size:13px;margin:6px 0;width:100%}\n"
    "th,td{border:1px solid #888;padding:3px 6px;text-align:left;vertical-align:top}\n"
    "th{background:#eee}td.num{text-align:right}td.bad{background:#ffc7ce;color:#9c0006}\n"
    "table.moves td:nth-child(-n+5),table.moves th:nth-child(-n+5){white-space:nowrap}\n"
    ".notice{max-width:720px;margin:0 auto 48px;font-size:16px}\n"
    ".notice p{margin:10px 0;text-indent:2em}.notice p.to,.notice p.sign{text-indent:0}\n"
    ".notice p.sign{text-align:right;margin-top:36px}\n"
    ".notice dl{margin:12px 0 12px 2em}.notice dt{font-weight:bold}.notice dd{margin:0 0 8px 0}\n"
    "@page{size:A4;margin:18mm 16mm}\n"
    "@media print{body{margin:0;max-width:none}nav{display:none}"
    ".notice{page-break-after:always;break-after:page;margin:0 auto}"
    ".notice:last-of-type{page-break-after:auto;break-after:auto}"
    "tr{page-break-inside:avoid}th{background:#eee !important;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* ---- dates -------------------------------------------------------------- */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

int rp_date_parse(const char *s, rp_date_t *out) {
  int y, m, d, used = 0;
  if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || s[used] != '\0' ||
      strlen(s) != 10 || y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 ||
      d > month_days(y, m))
    return -1;
  *out = (rp_date_t){y, m, d};
  return 0;
}

/* Day of the week, 0 = Monday (Sakamoto's method). */
static int weekday(rp_date_t t) {
  static const int k[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = t.y - (t.m < 3);
  int sunday0 = (y + y / 4 - y / 100 + y / 400 + k[t.m - 1] + t.d) % 7;
  return (sunday0 + 6) % 7;
}

static rp_date_t next_day(rp_date_t t) {
  if (++t.d > month_days(t.y, t.m)) {
    t.d = 1;
    if (++t.m > 12) {
      t.m = 1;
      t.y++;
    }
  }
  return t;
}

rp_date_t rp_date_add_working_days(rp_date_t d, int days) {
  while (days > 0) {
    d = next_day(d);
    days -= weekday(d) < 5;
  }
  return d;
}

void rp_date_format(rp_lang_t l, rp_date_t d, char *buf, size_t n) {
  if (l == RP_LANG_ZH)
    rp_fmt(buf, n, "%d年%d月%d日", d.y, d.m, d.d);
  else
    rp_fmt(buf, n, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* ---- pages -------------------------------------------------------------- */

void rp_publish_school_file(const rp_county_t *c, size_t i, char *buf, size_t n) {
  const char *id = c->schools[i].id;
  int safe = id[0] != '\0' && strlen(id) < 64;
  for (const char *p = id; *p && safe; p++)
    safe = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '-' || *p == '_';
  if (safe)
    rp_fmt(buf, n, "school_%s.html", id);
  else
    rp_fmt(buf, n, "school_%zu.html", i + 1);
}

typedef struct {
  const rp_plan_view_t *v;
  rp_lang_t l;
  const rp_notice_terms_t *terms;
  char published[32], start[32], deadline[32];
} ctx_t;

static void tag_text(FILE *fp, const char *tag, const char *cls, const char *text);

/* The English title fmt (with the plan year's %d) translated and filled
 * in, into buf. */
static const char *year_title(const ctx_t *x, const char *fmt, char *buf, size_t n) {
  rp_fmt(buf, n, rp_tr(x->l, fmt), x->v->policy->plan_year);
  return buf;
}

/* Opens dir/name with the page's head and title, written as the page's h1
 * too when `h1`.  NULL on failure (*st, diag). */
static rp_out_file_t *page_open(const char *dir, const char *name, const ctx_t *x,
                                const char *title, int h1, rp_status_t *st, rp_diag_t *diag) {
  char path[4200];
  rp_fmt(path, sizeof path, "%s/%s", dir, name);
  rp_out_file_t *f = rp_out_open(path, diag, st);
  if (!f)
    return NULL;
  FILE *fp = rp_out_stream(f);
  fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
          x->l == RP_LANG_ZH ? "zh-CN" : "en");
  rp_html_text(fp, title);
  fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
  if (h1)
    tag_text(fp, "h1", NULL, title);
  return f;
}

/* Ends a page and hands it to the run's transaction. */
static rp_status_t page_close(rp_out_file_t *f, rp_out_txn_t *txn, rp_diag_t *diag) {
  fputs("</body>\n</html>\n", rp_out_stream(f));
  return rp_out_txn_add(txn, f, diag);
}

static void tag_text(FILE *fp, const char *tag, const char *cls, const char *text) {
  if (cls)
    fprintf(fp, "<%s class=\"%s\">", tag, cls);
  else
    fprintf(fp, "<%s>", tag);
  rp_html_text(fp, text);
  fprintf(fp, "</%s>\n", tag);
}

/* A row of cells: NULL-terminated texts, th or td. */
static void row(FILE *fp, const char *cell, const char *const *texts) {
  fputs("<tr>", fp);
  for (const char *const *t = texts; *t; t++) {
    fprintf(fp, "<%s>", cell);
    rp_html_text(fp, *t);
    fprintf(fp, "</%s>", cell);
  }
  fputs("</tr>\n", fp);
}

static void header_row(FILE *fp, rp_lang_t l, const char *const *en) {
  const char *zh[16];
  size_t n = 0;
  for (; en[n] && n < 15; n++)
    zh[n] = rp_tr(l, en[n]);
  zh[n] = NULL;
  row(fp, "th", zh);
}

static const rp_school_t *school_of(const rp_plan_view_t *v, size_t section) {
  return &v->county->schools[v->before->sections[section].school];
}

/* "Published 2026年6月1日; appeals by ...; contact ..." under a title. */
static void terms_line(FILE *fp, const ctx_t *x) {
  char line[1024];
  rp_fmt(line, sizeof line,
         rp_tr(x->l, "Published %s. Questions and appeals: %s, by %s."), x->published,
         x->terms->contact, x->deadline);
  tag_text(fp, "p", "meta", line);
}

/* Who leaves school i, or who arrives (arrivals 1). */
static void school_moves(FILE *fp, const ctx_t *x, size_t i, int arrivals) {
  const rp_plan_view_t *v = x->v;
  const rp_plan_t *plan = v->plan;
  rp_lang_t l = x->l;
  static const char *const out_hdr[] = {"name", "gender", "section", "subject",
                                        "page\004to school", "page\004why the move",
                                        "page\004why this teacher", NULL};
  static const char *const in_hdr[] = {"name", "gender", "section", "subject",
                                       "page\004from school", "page\004why the move", NULL};
  int n = 0;
  for (size_t k = 0; k < plan->n_moves; k++)
    n += school_of(v, arrivals ? plan->moves[k].to_section : plan->moves[k].from_section) ==
         &v->county->schools[i];
  char title[128], why[1024];
  rp_fmt(title, sizeof title, rp_tr(l, arrivals ? "Who arrives: %d" : "Who leaves: %d"), n);
  tag_text(fp, "h2", NULL, title);
  if (n == 0) {
    tag_text(fp, "p", "note", rp_tr(l, arrivals ? "Nobody arrives." : "Nobody leaves."));
    return;
  }
  fputs("<table class=\"moves\">\n", fp);
  header_row(fp, l, arrivals ? in_hdr : out_hdr);
  for (size_t k = 0; k < plan->n_moves; k++) {
    const rp_move_t *mv = &plan->moves[k];
    if (school_of(v, arrivals ? mv->to_section : mv->from_section) != &v->county->schools[i])
      continue;
    const rp_teacher_t *t = &v->county->teachers[mv->teacher];
    rp_choice_text(l, v, k, why, sizeof why);
    const char *cells[] = {t->name,
                           rp_gender_label(l, t->gender),
                           rp_level_label(l, t->level),
                           rp_subject_label(l, t->subject),
                           school_of(v, arrivals ? mv->from_section : mv->to_section)->name,
                           mv->reason ? rp_tr(l, mv->reason) : "",
                           arrivals ? NULL : why,
                           NULL};
    row(fp, "td", cells);
  }
  fputs("</table>\n", fp);
}

/* The school's sections: teachers and staffing before and after, then each
 * subject asked for or taught against the curriculum's demand. */
static void school_subjects(FILE *fp, const ctx_t *x, size_t i) {
  const rp_plan_view_t *v = x->v;
  rp_lang_t l = x->l;
  static const char *const staff_hdr[] = {"section", "students", "page\004required staff",
                                          "page\004teachers before", "page\004teachers after",
                                          NULL};
  static const char *const subj_hdr[] = {"section", "subject", "page\004demand", "page\004need",
                                         "before", "after", "page\004short after", NULL};
  tag_text(fp, "h2", NULL, rp_tr(l, "Teachers before and after"));
  fputs("<table>\n", fp);
  header_row(fp, l, staff_hdr);
  for (size_t k = 0; k < v->before->n_sections; k++) {
    const rp_section_t *sb = &v->before->sections[k], *sa = &v->after->sections[k];
    if (sb->school != i)
      continue;
    fprintf(fp, "<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
            rp_level_label(l, sb->level), sb->students, sb->required_staff, sb->teachers,
            sa->teachers);
  }
  fputs("</table>\n", fp);
  tag_text(fp, "h2", NULL, rp_tr(l, "Subjects before and after, against the demand"));
  tag_text(fp, "p", "note",
           rp_tr(l, "Demand: the curriculum's weekly periods in full-time teachers; need: its "
                    "whole part. Red: still short after the plan."));
  fputs("<table>\n", fp);
  header_row(fp, l, subj_hdr);
  for (size_t k = 0; k < v->before->n_sections; k++) {
    if (v->before->sections[k].school != i)
      continue;
    for (int j = 0; j < RP_SUBJECTS; j++) {
      const rp_subject_stat_t *b = &v->before->subjects[k * RP_SUBJECTS + (size_t)j];
      const rp_subject_stat_t *a = &v->after->subjects[k * RP_SUBJECTS + (size_t)j];
      if (b->demand <= 0 && b->teachers == 0 && a->teachers == 0)
        continue;
      int gap = rp_subject_gap(v->after, k, (rp_subject_t)j);
      fprintf(fp, "<tr><td>%s</td><td>%s</td><td class=\"num\">%.2f</td>"
                  "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                  "<td class=\"num%s\">%d</td></tr>\n",
              rp_level_label(l, v->before->sections[k].level),
              rp_subject_label(l, (rp_subject_t)j), b->demand, b->need, b->teachers,
              a->teachers, gap > 0 ? " bad" : "", gap);
    }
  }
  fputs("</table>\n", fp);
}

static rp_status_t school_page(const char *dir, const ctx_t *x, size_t i, rp_out_txn_t *txn,
                               rp_diag_t *diag) {
  const rp_school_t *s = &x->v->county->schools[i];
  char name[128], title[512];
  rp_status_t st;
  rp_publish_school_file(x->v->county, i, name, sizeof name);
  rp_fmt(title, sizeof title, rp_tr(x->l, "%s (%s): teacher rotation %d"), s->name, s->id,
         x->v->policy->plan_year);
  rp_out_file_t *f = page_open(dir, name, x, title, 0, &st, diag);
  if (!f)
    return st;
  FILE *fp = rp_out_stream(f);
  fputs("<nav><a href=\"index.html\">", fp);
  rp_html_text(fp, rp_tr(x->l, "All schools"));
  fputs("</a></nav>\n", fp);
  tag_text(fp, "h1", NULL, title);
  terms_line(fp, x);
  school_moves(fp, x, i, 0);
  school_moves(fp, x, i, 1);
  school_subjects(fp, x, i);
  return page_close(f, txn, diag);
}

/* The reason of a move in a sentence's words. */
static const char *reason_words(rp_lang_t l, const char *reason) {
  static const char *const map[][2] = {
      {"staffing", "staffing ratio not reached"},
      {"degree target", "degree target per 100 students not reached"},
      {"backbone target", "backbone target per 100 students not reached"},
      {"pe_art target", "PE + arts target per 100 students not reached"},
      {"rotation quota and balance", "the county's rotation quota and the balance between "
                                     "schools"}};
  for (size_t i = 0; reason && i < sizeof map / sizeof map[0]; i++)
    if (strcmp(reason, map[i][0]) == 0)
      return rp_tr(l, map[i][1]);
  return reason ? rp_tr(l, reason) : "";
}

static void notice(FILE *fp, const ctx_t *x, size_t k) {
  const rp_plan_view_t *v = x->v;
  const rp_move_t *mv = &v->plan->moves[k];
  const rp_teacher_t *t = &v->county->teachers[mv->teacher];
  rp_lang_t l = x->l;
  const char *from = school_of(v, mv->from_section)->name;
  const char *to = school_of(v, mv->to_section)->name;
  char buf[2048], why[1024];
  fprintf(fp, "<section class=\"notice\" id=\"n-%zu\">\n", k + 1);
  tag_text(fp, "h1", NULL, rp_tr(l, "Notice of teacher rotation"));
  rp_fmt(buf, sizeof buf, rp_tr(l, "To %s (teacher %s):"), t->name, t->id);
  tag_text(fp, "p", "to", buf);
  rp_fmt(buf, sizeof buf,
         rp_tr(l, "Under the county's teacher rotation plan for %d, you will move from %s to "
                  "%s from %s, to teach %s %s there."),
         v->policy->plan_year, from, to, x->start, rp_level_label(l, t->level),
         rp_subject_label(l, t->subject));
  tag_text(fp, "p", NULL, buf);
  if (x->terms->term_years > 0) {
    rp_fmt(buf, sizeof buf, rp_tr(l, "The term of the rotation is %d years."),
           x->terms->term_years);
    tag_text(fp, "p", NULL, buf);
  }
  fputs("<dl>\n", fp);
  tag_text(fp, "dt", NULL, rp_tr(l, "Why the move"));
  rp_fmt(buf, sizeof buf, rp_tr(l, "%s (the receiving school: %s)"),
         reason_words(l, mv->reason), to);
  tag_text(fp, "dd", NULL, buf);
  rp_choice_text(l, v, k, why, sizeof why);
  tag_text(fp, "dt", NULL, rp_tr(l, "Why you"));
  tag_text(fp, "dd", NULL, why);
  fputs("</dl>\n", fp);
  rp_fmt(buf, sizeof buf, rp_tr(l, "For questions, ask %s."), x->terms->contact);
  tag_text(fp, "p", NULL, buf);
  rp_fmt(buf, sizeof buf,
         rp_tr(l, "If you object to this decision, write to %s by %s; the appeal is "
                  "answered before the move."),
         x->terms->contact, x->deadline);
  tag_text(fp, "p", NULL, buf);
  tag_text(fp, "p", "sign", x->published);
  fputs("</section>\n", fp);
}

static rp_status_t notices_page(const char *dir, const ctx_t *x, rp_out_txn_t *txn,
                                rp_diag_t *diag) {
  rp_status_t st;
  char t[256];
  rp_out_file_t *f = page_open(dir, "notices.html", x,
                               year_title(x, "Notices of teacher rotation %d", t, sizeof t), 0,
                               &st, diag);
  if (!f)
    return st;
  for (size_t k = 0; k < x->v->plan->n_moves; k++)
    notice(rp_out_stream(f), x, k);
  if (x->v->plan->n_moves == 0)
    tag_text(rp_out_stream(f), "p", "note", rp_tr(x->l, "Nobody moves."));
  return page_close(f, txn, diag);
}

/* A list to post, the sheet s as the page `name` titled `title` (an
 * English format with the plan year's %d): the teachers' 公示 list, or the
 * principals' (校长交流名单). */
static rp_status_t public_page(const char *dir, const ctx_t *x, const rp_sheet_t *s,
                               const char *name, const char *title, rp_out_txn_t *txn,
                               rp_diag_t *diag) {
  rp_status_t st;
  char line[1024], t[256];
  rp_out_file_t *f = page_open(dir, name, x, year_title(x, title, t, sizeof t), 1, &st, diag);
  if (!f)
    return st;
  FILE *fp = rp_out_stream(f);
  rp_fmt(line, sizeof line,
         rp_tr(x->l, "Posted from %s to %s. Objections to %s within that time."), x->published,
         x->deadline, x->terms->contact);
  tag_text(fp, "p", "meta", line);
  fputs("<table>\n<tr><th>", fp);
  rp_html_text(fp, rp_tr(x->l, "no."));
  fputs("</th>", fp);
  /* The sheet's columns (public_list.csv's keys) in words. */
  static const char *const words[] = {"name", "page\004from school", "page\004to school",
                                      "subject"};
  for (size_t c = 0; c < s->ncols; c++)
    tag_text(fp, "th", NULL, c < 4 ? rp_tr(x->l, words[c]) : s->header[c]);
  fputs("</tr>\n", fp);
  for (size_t r = 0; r < rp_sheet_rows(s); r++) {
    fprintf(fp, "<tr><td class=\"num\">%zu</td>", r + 1);
    for (size_t c = 0; c < s->ncols; c++) {
      fputs("<td>", fp);
      rp_html_text(fp, rp_sheet_cell(s, r, c)->text ? rp_sheet_cell(s, r, c)->text : "");
      fputs("</td>", fp);
    }
    fputs("</tr>\n", fp);
  }
  fputs("</table>\n", fp);
  return page_close(f, txn, diag);
}

static rp_status_t index_page(const char *dir, const ctx_t *x, rp_out_txn_t *txn,
                              rp_diag_t *diag) {
  const rp_plan_view_t *v = x->v;
  const rp_county_t *c = v->county;
  rp_status_t st;
  char file[128], num[2][16], t[256];
  rp_out_file_t *f = page_open(dir, "index.html", x,
                               year_title(x, "Teacher rotation %d: lists and notices", t, sizeof t),
                               1, &st, diag);
  if (!f)
    return st;
  FILE *fp = rp_out_stream(f);
  terms_line(fp, x);
  fputs("<ul>\n<li><a href=\"public_list.html\">", fp);
  rp_html_text(fp, rp_tr(x->l, "The public list (公示), to post"));
  fputs("</a></li>\n<li><a href=\"notices.html\">", fp);
  rp_html_text(fp, rp_tr(x->l, "The notices, one per teacher who moves"));
  if (v->plan->principals) {
    fputs("</a></li>\n<li><a href=\"principals_list.html\">", fp);
    rp_html_text(fp, rp_tr(x->l, "The principals' exchange list (校长交流名单), to post"));
  }
  fputs("</a></li>\n</ul>\n", fp);
  tag_text(fp, "h2", NULL, rp_tr(x->l, "Each school's list"));
  static const char *const hdr[] = {"page\004school code", "page\004school", "page\004leave",
                                    "page\004arrive", NULL};
  fputs("<table>\n", fp);
  header_row(fp, x->l, hdr);
  for (size_t i = 0; i < c->n_schools; i++) {
    int out = 0, in = 0;
    for (size_t k = 0; k < v->plan->n_moves; k++) {
      out += school_of(v, v->plan->moves[k].from_section) == &c->schools[i];
      in += school_of(v, v->plan->moves[k].to_section) == &c->schools[i];
    }
    rp_publish_school_file(c, i, file, sizeof file);
    rp_fmt(num[0], sizeof num[0], "%d", out);
    rp_fmt(num[1], sizeof num[1], "%d", in);
    fputs("<tr><td>", fp);
    rp_html_text(fp, c->schools[i].id);
    fprintf(fp, "</td><td><a href=\"%s\">", file);
    rp_html_text(fp, c->schools[i].name);
    fprintf(fp, "</a></td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n", num[0],
            num[1]);
  }
  fputs("</table>\n", fp);
  return page_close(f, txn, diag);
}

rp_status_t rp_publish_write(const char *dir, const rp_plan_view_t *v, rp_lang_t lang,
                             rp_encoding_t enc, const rp_notice_terms_t *terms,
                             rp_out_txn_t *txn, rp_diag_t *diag) {
  ctx_t x = {v, lang, terms, "", "", ""};
  rp_date_format(lang, terms->published, x.published, sizeof x.published);
  rp_date_format(lang, terms->start, x.start, sizeof x.start);
  rp_date_format(lang, terms->deadline, x.deadline, sizeof x.deadline);
  rp_status_t st = rp_out_mkdir(dir, diag);
  rp_sheet_t *pub = st == RP_OK ? rp_sheet_public_list(lang, v) : NULL;
  if (st == RP_OK && !pub)
    st = RP_ENOMEM;
  if (st == RP_OK)
    st = index_page(dir, &x, txn, diag);
  for (size_t i = 0; st == RP_OK && i < v->county->n_schools; i++)
    st = school_page(dir, &x, i, txn, diag);
  if (st == RP_OK)
    st = notices_page(dir, &x, txn, diag);
  if (st == RP_OK)
    st = public_page(dir, &x, pub, "public_list.html", "Teacher rotation %d: public list", txn,
                     diag);
  /* The principals' exchange, a list of its own (principal_exchange = yes). */
  if (st == RP_OK && v->plan->principals) {
    rp_sheet_t *pl = rp_sheet_principals_public(lang, v);
    st = pl ? public_page(dir, &x, pl, "principals_list.html",
                          "Principals' exchange %d: public list", txn, diag)
            : RP_ENOMEM;
    if (st == RP_OK)
      st = rp_sheet_write_csv_file(dir, "principals_list.csv", pl, enc, txn, diag);
    else
      rp_sheet_free(pl);
  }
  if (st == RP_OK) {
    char path[4200];
    rp_fmt(path, sizeof path, "%s/public_list.xlsx", dir);
    st = rp_xlsx_write(path, &pub, 1, v->policy->plan_year, txn, diag);
  }
  if (st == RP_OK) {
    st = rp_sheet_write_csv_file(dir, "public_list.csv", pub, enc, txn, diag);
    pub = NULL; /* freed by it */
  }
  rp_sheet_free(pub);
  return st;
}
