/* The HTML report (see html_report.h).
 *
 * The page is written top to bottom in one pass: a style sheet, then one
 * <section> per part, each chart an inline <svg> whose colours come from
 * the style sheet's classes.  No script runs and nothing is fetched, so the
 * page opens the same from a USB stick, an e-mail or a browser offline.
 * Coordinates are printed with one decimal: the same plan gives the same
 * bytes. */
#include "io/html_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/out_file.h"
#include "io/svg.h"

static const char style[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
    "margin:24px auto;max-width:1180px;color:#222;line-height:1.45}\n"
    "h1{font-size:24px;margin-bottom:4px}h2{font-size:19px;margin-top:32px;"
    "border-bottom:2px solid #2f6db5;padding-bottom:4px}h3{font-size:15px;margin:18px 0 4px}\n"
    ".meta,.note{color:#555;font-size:13px}\n"
    "table{border-collapse:collapse;font-size:12px;margin:8px 0}\n"
    "th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}\n"
    "th{background:#ddebf7;position:sticky;top:0;min-width:4em}\n"
    "td{white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.bad{background:#ffc7ce;color:#9c0006}\n"
    ".wide{overflow-x:auto;max-height:560px;overflow-y:auto}\n"
    "svg{display:block;margin:6px 0 14px;background:#fff}\n"
    "svg text{font-size:11px;fill:#333}svg text.title{font-size:13px;font-weight:bold}\n"
    "svg text.small{font-size:9px}svg text.halo{paint-order:stroke;stroke:#fff;stroke-width:3px}\n"
    ".before{fill:#b8bec9}.after{fill:#2f6db5}.miss{fill:#d9534f}.ref{fill:#6f42c1}\n"
    ".axis{stroke:#333;stroke-width:1}.grid{stroke:#e6e6e6;stroke-width:1}\n"
    ".target{stroke:#d9534f;stroke-width:1.5;stroke-dasharray:6 4}\n"
    ".flow{stroke:#2f6db5;stroke-opacity:.5;fill:none}\n"
    ".urban{fill:#7a8591}.town{fill:#f0ad4e}.rural{fill:#5cb85c}\n"
    ".weak{stroke:#d9534f;stroke-width:2}.plain{stroke:#fff;stroke-width:1}\n"
    ".legend rect{stroke:none}section{padding-top:1px}\n"
    ".ser{stroke-width:2;fill:none}.dot{stroke:#fff;stroke-width:1}.jr{stroke-dasharray:6 3}\n"
    ".i0{stroke:#2f6db5}.i1{stroke:#6f42c1}.i2{stroke:#5cb85c}.sf{stroke:#d9534f}\n"
    ".dot.i0{fill:#2f6db5}.dot.i1{fill:#6f42c1}.dot.i2{fill:#5cb85c}.dot.sf{fill:#d9534f}\n"
    "@media print{.wide{max-height:none;overflow:visible}h2{page-break-before:auto}}\n";

static void page_open(FILE *fp, rp_lang_t l, const char *title) {
  fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<title>",
          l == RP_LANG_ZH ? "zh-CN" : "en");
  rp_html_text(fp, title);
  fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
  rp_html_text(fp, title);
  fputs("</h1>\n", fp);
}

static void page_close(FILE *fp) { fputs("</body>\n</html>\n", fp); }

static void heading(FILE *fp, const char *tag, const char *id, const char *text) {
  if (id)
    fprintf(fp, "<section id=\"%s\">\n", id);
  fprintf(fp, "<%s>", tag);
  rp_html_text(fp, text);
  fprintf(fp, "</%s>\n", tag);
}

/* A relative URL from a file path: every byte but unreserved characters
 * and '/' percent-encoded (a scenario named "quota 15% #2" links right). */
static void url_path(FILE *fp, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("-._~/", *p))
      fputc(*p, fp);
    else
      fprintf(fp, "%%%02X", *p);
  }
}

static void para(FILE *fp, const char *cls, const char *text) {
  fprintf(fp, "<p class=\"%s\">", cls);
  rp_html_text(fp, text);
  fputs("</p>\n", fp);
}

/* A table of the report: the sheet's header and up to max_rows rows; flagged
 * cells marked like the workbook's. */
static void sheet_table(FILE *fp, rp_lang_t l, const rp_sheet_t *s, size_t max_rows) {
  size_t rows = rp_sheet_rows(s);
  fputs("<div class=\"wide\"><table>\n<tr>", fp);
  for (size_t k = 0; k < s->ncols; k++) {
    fputs("<th>", fp);
    rp_html_text(fp, s->header[k]);
    fputs("</th>", fp);
  }
  fputs("</tr>\n", fp);
  for (size_t r = 0; r < rows && r < max_rows; r++) {
    fputs("<tr>", fp);
    for (size_t k = 0; k < s->ncols; k++) {
      const rp_cell_t *c = rp_sheet_cell(s, r, k);
      char num[64]; /* a number as shown; text is written whole, never cut */
      rp_cell_format(c, num, sizeof num);
      const char *cls = c->flag ? (c->kind == RP_CELL_NUM ? "num bad" : "bad")
                                : (c->kind == RP_CELL_NUM ? "num" : NULL);
      if (cls)
        fprintf(fp, "<td class=\"%s\">", cls);
      else
        fputs("<td>", fp);
      rp_html_text(fp, c->kind == RP_CELL_TEXT ? c->text : num);
      fputs("</td>", fp);
    }
    fputs("</tr>\n", fp);
  }
  fputs("</table></div>\n", fp);
  if (rows > max_rows) {
    char note[160];
    rp_fmt(note, sizeof note, rp_tr(l, "%zu more rows: see the CSV file."), rows - max_rows);
    para(fp, "note", note);
  }
}

/* ---- axes ------------------------------------------------------------------ */

/* A "nice" upper bound for an axis from 0 to at least v, its step (1, 2 or
 * 5 times a power of ten) and the decimals that step needs. */
static double nice_max(double v, double *step, int *decimals) {
  if (!(v > 0))
    v = 1;
  double mag = pow(10, floor(log10(v)));
  double f = v / mag;
  double s = f <= 1 ? 0.2 : f <= 2.5 ? 0.5 : f <= 5 ? 1 : 2;
  *step = s * mag;
  int d = (int)-floor(log10(*step) + 1e-9);
  *decimals = d > 0 ? d : 0;
  return ceil(v / *step - 1e-9) * *step;
}

typedef struct {
  double x0, y0, w, h; /* plot area, y0 its top */
  double ymax;
} plot_t;

static double py(const plot_t *p, double v) { return p->y0 + p->h - v / p->ymax * p->h; }

/* Frame, horizontal grid lines with their values, and a title. */
static void axes(FILE *fp, plot_t *p, double vmax, const char *title) {
  double step;
  int decimals;
  p->ymax = nice_max(vmax, &step, &decimals);
  rp_svg_text(fp, p->x0, p->y0 - 10, "start", 0, "title", title);
  char buf[32];
  for (double v = 0; v <= p->ymax + step / 2; v += step) {
    rp_svg_line(fp, p->x0, py(p, v), p->x0 + p->w, py(p, v), "grid");
    rp_fmt(buf, sizeof buf, "%.*f", decimals, v);
    rp_svg_text(fp, p->x0 - 6, py(p, v) + 4, "end", 0, "", buf);
  }
  rp_svg_line(fp, p->x0, p->y0 + p->h, p->x0 + p->w, p->y0 + p->h, "axis");
  rp_svg_line(fp, p->x0, p->y0, p->x0, p->y0 + p->h, "axis");
}

/* Width of text at 11px: about 6 px a column (a Chinese character: two). */
static double text_px(const char *s) { return 6.0 * rp_text_width(s); }

/* Legend entries: (class, text) pairs, a row at (x, y); a class starting
 * with "line:" draws a dashed line instead of a box. */
static void legend(FILE *fp, double x, double y, const char *const *items, int n) {
  fputs("<g class=\"legend\">\n", fp);
  for (int i = 0; i < n; i++) {
    const char *cls = items[2 * i], *text = items[2 * i + 1];
    if (strncmp(cls, "line:", 5) == 0)
      rp_svg_line(fp, x, y - 4, x + 18, y - 4, cls + 5);
    else
      rp_svg_rect(fp, x + 4, y - 10, 10, 10, cls, NULL);
    rp_svg_text(fp, x + 22, y, "start", 0, "", text);
    x += 40 + text_px(text);
  }
  fputs("</g>\n", fp);
}

/* ---- the plan's charts ------------------------------------------------------ */

typedef struct {
  size_t k;
  double before;
} order_t;

static int order_cmp(const void *a, const void *b) {
  const order_t *x = a, *y = b;
  if (x->before != y->before)
    return x->before < y->before ? -1 : 1;
  return x->k < y->k ? -1 : x->k > y->k;
}

/* Each counted section of a level: its per-100 value of indicator i before
 * (grey) and after (blue; red where it still misses), lowest first, against
 * the target line. */
static void per100_chart(FILE *fp, rp_lang_t l, const rp_plan_view_t *v, int lv, int i) {
  const rp_audit_t *b = v->before, *a = v->after;
  const double target = rp_indicator_target(v->policy, (rp_level_t)lv, (rp_indicator_t)i);
  order_t *ord = calloc(a->n_sections + 1, sizeof *ord);
  if (!ord)
    return;
  size_t n = 0;
  double vmax = target;
  for (size_t k = 0; k < a->n_sections; k++) {
    const rp_section_t *sb = &b->sections[k], *sa = &a->sections[k];
    if ((int)sa->level != lv || !sa->counted)
      continue;
    double x = rp_per100(sb->count[i], sb->students), y = rp_per100(sa->count[i], sa->students);
    ord[n].k = k;
    ord[n++].before = x;
    vmax = fmax(vmax, fmax(x, y));
  }
  qsort(ord, n, sizeof *ord, order_cmp);
  char title[256], tip[256];
  rp_fmt(title, sizeof title, "%s · %s", rp_level_label(l, (rp_level_t)lv),
           rp_tr(l, i == RP_IND_DEGREE     ? "teachers above the required degree per 100 students"
                    : i == RP_IND_BACKBONE ? "county-level backbone teachers per 100 students"
                                           : "PE + arts teachers per 100 students"));
  plot_t p = {50, 30, 1060, 200, 0};
  int labels = n > 0 && p.w / (double)n >= 11;
  double label_h = 16; /* the schools' names, turned by 60 degrees */
  for (size_t j = 0; labels && j < n; j++)
    label_h = fmax(label_h,
                   12 + 0.87 * text_px(v->county->schools[a->sections[ord[j].k].school].name));
  double H = p.y0 + p.h + label_h + 22;
  rp_svg_open(fp, 1130, H, title);
  axes(fp, &p, vmax, title);
  double gw = n ? p.w / (double)n : p.w, bw = fmax(gw * 0.38, 0.6);
  for (size_t j = 0; j < n; j++) {
    const rp_section_t *sb = &b->sections[ord[j].k], *sa = &a->sections[ord[j].k];
    const rp_school_t *sc = &v->county->schools[sa->school];
    char who[160];
    rp_fmt(who, sizeof who, "%s %s", sc->id, sc->name);
    double x = p.x0 + gw * (double)j + gw * 0.1;
    double vb = rp_per100(sb->count[i], sb->students), va = rp_per100(sa->count[i], sa->students);
    rp_fmt(tip, sizeof tip, rp_tr(l, "%s: %.4f before, %.4f after (target %.2f)"), who, vb, va,
             target);
    rp_svg_rect(fp, x, py(&p, vb), bw, p.y0 + p.h - py(&p, vb), "before", tip);
    rp_svg_rect(fp, x + bw, py(&p, va), bw, p.y0 + p.h - py(&p, va),
                rp_section_misses(sa, (rp_indicator_t)i) ? "miss" : "after", tip);
    if (labels)
      rp_svg_text(fp, x + bw, p.y0 + p.h + 8, "end", -60, "small", sc->name);
  }
  rp_svg_line(fp, p.x0, py(&p, target), p.x0 + p.w, py(&p, target), "target");
  const char *items[] = {"before", rp_tr(l, "before"), "after", rp_tr(l, "after"), "miss",
                         rp_tr(l, "after, target missed"), "line:target", rp_tr(l, "target")};
  legend(fp, p.x0, H - 6, items, 4);
  rp_svg_close(fp);
  free(ord);
}

/* The six difference coefficients before and after, against each level's
 * limit. */
static void cv_chart(FILE *fp, rp_lang_t l, const rp_plan_view_t *v) {
  const rp_audit_t *b = v->before, *a = v->after;
  double vmax = 0;
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    vmax = fmax(vmax, v->policy->cv_limit[lv]);
    for (int i = 0; i < RP_INDICATORS; i++)
      vmax = fmax(vmax, fmax(b->level[lv].cv[i], a->level[lv].cv[i]));
  }
  const char *title = rp_tr(l, "Difference coefficients between schools, before and after");
  plot_t p = {50, 30, 1060, 220, 0};
  double H = p.y0 + p.h + 64;
  rp_svg_open(fp, 1130, H, title);
  axes(fp, &p, vmax, title);
  double gw = p.w / (RP_LEVELS * RP_INDICATORS), bw = gw * 0.3;
  char tip[256], val[32];
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    for (int i = 0; i < RP_INDICATORS; i++) {
      double x = p.x0 + gw * (lv * RP_INDICATORS + i) + gw * 0.2;
      double cb = b->level[lv].cv[i], ca = a->level[lv].cv[i];
      rp_fmt(tip, sizeof tip, rp_tr(l, "%s %s: %.4f before, %.4f after (limit %.2f)"),
               rp_level_label(l, (rp_level_t)lv), rp_indicator_label(l, i), cb, ca,
               v->policy->cv_limit[lv]);
      rp_svg_rect(fp, x, py(&p, cb), bw, p.y0 + p.h - py(&p, cb), "before", tip);
      rp_svg_rect(fp, x + bw, py(&p, ca), bw, p.y0 + p.h - py(&p, ca),
                  a->level[lv].pass[i] ? "after" : "miss", tip);
      rp_fmt(val, sizeof val, "%.4f", ca);
      rp_svg_text(fp, x + 1.5 * bw, py(&p, ca) - 4, "middle", 0, "small", val);
      rp_fmt(tip, sizeof tip, "%s · %s", rp_level_label(l, (rp_level_t)lv),
               rp_indicator_label(l, i));
      rp_svg_text(fp, x + bw, p.y0 + p.h + 16, "middle", 0, "", tip);
    }
    double lim = v->policy->cv_limit[lv];
    double x0 = p.x0 + gw * lv * RP_INDICATORS, x1 = x0 + gw * RP_INDICATORS;
    rp_svg_line(fp, x0 + 4, py(&p, lim), x1 - 4, py(&p, lim), "target");
  }
  const char *items[] = {"before", rp_tr(l, "before"), "after", rp_tr(l, "after"), "miss",
                         rp_tr(l, "after, over the limit"), "line:target", rp_tr(l, "the limit")};
  legend(fp, p.x0, H - 8, items, 4);
  rp_svg_close(fp);
}

/* The county's subject gaps (whole teachers below the whole part of a
 * section's demand, summed over sections) before (grey) and after (blue),
 * one pair of bars a subject the curriculum asks for anywhere, in the
 * subjects' order. */
static void subject_chart(FILE *fp, rp_lang_t l, const rp_plan_view_t *v) {
  const rp_audit_t *b = v->before, *a = v->after;
  int gb[RP_SUBJECTS], ga[RP_SUBJECTS], nb[RP_SUBJECTS] = {0}, na[RP_SUBJECTS] = {0};
  int asked[RP_SUBJECTS] = {0}, n = 0;
  rp_audit_subject_gaps(b, gb);
  rp_audit_subject_gaps(a, ga);
  for (size_t k = 0; k < a->n_sections; k++)
    for (int j = 0; j < RP_SUBJECTS; j++) {
      asked[j] |= a->subjects[k * RP_SUBJECTS + (size_t)j].demand > 0;
      nb[j] += rp_subject_gap(b, k, (rp_subject_t)j) > 0;
      na[j] += rp_subject_gap(a, k, (rp_subject_t)j) > 0;
    }
  double vmax = 1;
  for (int j = 0; j < RP_SUBJECTS; j++) {
    asked[j] |= gb[j] > 0 || ga[j] > 0;
    n += asked[j];
    vmax = fmax(vmax, fmax(gb[j], ga[j]));
  }
  const char *title = rp_tr(l, "Subject gaps in the county, in whole teachers, before and after");
  plot_t p = {50, 30, 1060, 200, 0};
  double H = p.y0 + p.h + 58;
  rp_svg_open(fp, 1130, H, title);
  axes(fp, &p, vmax, title);
  double gw = p.w / (n ? n : 1), bw = fmin(gw * 0.32, 40);
  char tip[256], val[32];
  int col = 0;
  for (int j = 0; j < RP_SUBJECTS; j++) {
    if (!asked[j])
      continue;
    const char *name = rp_subject_label(l, (rp_subject_t)j);
    double x = p.x0 + gw * col++ + gw / 2 - bw;
    rp_fmt(tip, sizeof tip,
           rp_tr(l, "%s: %d before (%d sections), %d after (%d sections)"), name, gb[j], nb[j],
           ga[j], na[j]);
    rp_svg_rect(fp, x, py(&p, gb[j]), bw, p.y0 + p.h - py(&p, gb[j]), "before", tip);
    rp_svg_rect(fp, x + bw, py(&p, ga[j]), bw, p.y0 + p.h - py(&p, ga[j]), "after", tip);
    rp_fmt(val, sizeof val, "%d", gb[j]);
    rp_svg_text(fp, x + bw / 2, py(&p, gb[j]) - 4, "middle", 0, "small", val);
    rp_fmt(val, sizeof val, "%d", ga[j]);
    rp_svg_text(fp, x + 1.5 * bw, py(&p, ga[j]) - 4, "middle", 0, "small", val);
    rp_svg_text(fp, x + bw, p.y0 + p.h + 16, "middle", 0, "", name);
  }
  const char *items[] = {"before", rp_tr(l, "before"), "after", rp_tr(l, "after")};
  legend(fp, p.x0, H - 8, items, 2);
  rp_svg_close(fp);
}

/* Moves aggregated by (from school, to school). */
typedef struct {
  size_t from, to;
  int n;
} flow_t;

static int flow_cmp(const void *a, const void *b) {
  const flow_t *x = a, *y = b;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->to < y->to ? -1 : x->to > y->to;
}

static size_t flows_of(const rp_plan_view_t *v, flow_t **out) {
  const rp_plan_t *plan = v->plan;
  flow_t *f = calloc(plan->n_moves + 1, sizeof *f);
  size_t n = 0;
  if (!f)
    return 0;
  for (size_t k = 0; k < plan->n_moves; k++) {
    f[k].from = v->before->sections[plan->moves[k].from_section].school;
    f[k].to = v->before->sections[plan->moves[k].to_section].school;
    f[k].n = 1;
  }
  qsort(f, plan->n_moves, sizeof *f, flow_cmp);
  for (size_t k = 0; k < plan->n_moves; k++) {
    if (n > 0 && f[n - 1].from == f[k].from && f[n - 1].to == f[k].to)
      f[n - 1].n++;
    else
      f[n++] = f[k];
  }
  *out = f;
  return n;
}

/* Schools at their positions (or on a circle when the rosters give none),
 * a line for each (from, to) pair as wide as the teachers it carries, an
 * arrowhead at the receiving school. */
static void flow_chart(FILE *fp, rp_lang_t l, const rp_plan_view_t *v, const flow_t *f,
                       size_t nf) {
  const rp_county_t *c = v->county;
  size_t ns = c->n_schools;
  double *X = calloc(ns + 1, sizeof *X), *Y = calloc(ns + 1, sizeof *Y);
  if (!X || !Y) {
    free(X);
    free(Y);
    return;
  }
  /* Positions are used when every school a teacher leaves or joins has one;
   * schools without one are then left off the map. */
  size_t n_pos = 0;
  for (size_t s = 0; s < ns; s++)
    n_pos += c->schools[s].has_pos != 0;
  int positions = n_pos > 0;
  for (size_t k = 0; k < nf; k++)
    positions &= c->schools[f[k].from].has_pos && c->schools[f[k].to].has_pos;
  const double W = 1130, H = 700, M = 40;
  if (positions) { /* same scale on both axes, north up */
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY, px, py;
    for (size_t s = 0; s < ns; s++) {
      if (!rp_school_xy(&c->schools[s], &px, &py))
        continue;
      x0 = fmin(x0, px);
      x1 = fmax(x1, px);
      y0 = fmin(y0, py);
      y1 = fmax(y1, py);
    }
    double k = fmin((W - 2 * M) / fmax(x1 - x0, 1e-9), (H - 2 * M - 30) / fmax(y1 - y0, 1e-9));
    for (size_t s = 0; s < ns; s++) {
      px = py = 0;
      rp_school_xy(&c->schools[s], &px, &py);
      X[s] = M + (px - x0) * k;
      Y[s] = H - M - (py - y0) * k;
    }
  } else {
    for (size_t s = 0; s < ns; s++) {
      double t = 2 * 3.14159265358979 * (double)s / (double)ns;
      X[s] = W / 2 + (H / 2 - M - 20) * sin(t);
      Y[s] = H / 2 - (H / 2 - M - 20) * cos(t);
    }
  }
  const char *title =
      rp_tr(l, positions ? "Teachers moved between schools (schools at their positions)"
                         : "Teachers moved between schools (schools in a circle: the rosters "
                           "give no positions)");
  rp_svg_open(fp, W, H, title);
  fputs("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
        "markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">"
        "<path d=\"M0,0L10,5L0,10z\" fill=\"#2f6db5\"/></marker></defs>\n",
        fp);
  rp_svg_text(fp, M, 20, "start", 0, "title", title);
  char tip[300];
  for (size_t k = 0; k < nf; k++) {
    double x1 = X[f[k].from], y1 = Y[f[k].from], x2 = X[f[k].to], y2 = Y[f[k].to];
    double d = hypot(x2 - x1, y2 - y1);
    if (d < 1)
      continue;
    double r = 7; /* stop at the receiving school's edge */
    x2 -= (x2 - x1) / d * r;
    y2 -= (y2 - y1) / d * r;
    rp_fmt(tip, sizeof tip, rp_tr(l, "%s → %s: %d teachers"), c->schools[f[k].from].name,
             c->schools[f[k].to].name, f[k].n);
    fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"flow\" "
                "stroke-width=\"%.1f\" marker-end=\"url(#arrow)\"><title>",
            x1, y1, x2, y2, 1 + 1.2 * sqrt((double)f[k].n));
    rp_html_text(fp, tip);
    fputs("</title></line>\n", fp);
  }
  static const char *const area_cls[] = {"urban", "town", "rural"};
  size_t *labelled = calloc(ns + 1, sizeof *labelled), n_labelled = 0;
  for (size_t s = 0; s < ns; s++) {
    const rp_school_t *sc = &c->schools[s];
    if (positions && !sc->has_pos)
      continue;
    rp_fmt(tip, sizeof tip, "%s %s (%s%s)", sc->id, sc->name, rp_area_label(l, sc->area),
             sc->weak ? rp_tr(l, ", weak school") : "");
    char cls[32];
    rp_fmt(cls, sizeof cls, "%s %s", area_cls[sc->area], sc->weak ? "weak" : "plain");
    int students = sc->students[0] + sc->students[1];
    rp_svg_circle(fp, X[s], Y[s], 3 + sqrt((double)students) / 6, cls, tip);
  }
  /* Labels on top of every circle, each where it does not cover an earlier
   * one (the others show on hover). */
  for (size_t s = 0; s < ns && ns <= 200 && labelled; s++) {
    int room = !positions || c->schools[s].has_pos;
    for (size_t j = 0; room && j < n_labelled; j++) /* names: 9 px type, a Chinese 9 px */
      room = fabs(X[labelled[j]] - X[s]) > 4.5 * rp_text_width(c->schools[X[labelled[j]] < X[s]
                                                                   ? labelled[j] : s].name) + 6 ||
             fabs(Y[labelled[j]] - Y[s]) > 11;
    if (room) {
      rp_svg_text(fp, X[s] + 8, Y[s] - 6, "start", 0, "small halo", c->schools[s].name);
      labelled[n_labelled++] = s;
    }
  }
  free(labelled);
  const char *items[] = {"urban", rp_area_label(l, RP_AREA_URBAN), "town",
                         rp_area_label(l, RP_AREA_TOWN), "rural", rp_area_label(l, RP_AREA_RURAL),
                         "miss", rp_tr(l, "red ring: weak school")};
  legend(fp, M, H - 10, items, 4);
  rp_svg_close(fp);
  free(X);
  free(Y);
}

/* ---- the move frontier ------------------------------------------------------ */

/* x of a number of moves on the frontier's charts: from the fewest to the
 * most moves of its points. */
static double frontier_x(const plot_t *p, const rp_frontier_t *f, double moves) {
  double lo = f->point[0].moves, hi = f->point[f->n - 1].moves;
  return p->x0 + (hi > lo ? (moves - lo) / (hi - lo) : 0.5) * p->w;
}

/* The x axis of the frontier's charts: a tick and the number of moves at
 * each point, and the axis's name. */
static void frontier_x_axis(FILE *fp, rp_lang_t l, const plot_t *p, const rp_frontier_t *f) {
  char buf[32];
  for (size_t k = 0; k < f->n; k++) {
    double x = frontier_x(p, f, f->point[k].moves);
    rp_svg_line(fp, x, p->y0 + p->h, x, p->y0 + p->h + 4, "axis");
    rp_fmt(buf, sizeof buf, "%d", f->point[k].moves);
    rp_svg_text(fp, x, p->y0 + p->h + 16, "middle", 0, "", buf);
  }
  rp_svg_text(fp, p->x0 + p->w, p->y0 + p->h + 32, "end", 0, "", rp_tr(l, "teachers moved"));
}

/* One series of the frontier: a line through the points and a dot at each,
 * y(k) giving its value at point k; tip(k) the dot's title. */
static void frontier_series(FILE *fp, const plot_t *p, const rp_frontier_t *f, const double *y,
                            const char *cls, const char *dot_cls, char tips[][160]) {
  for (size_t k = 0; k + 1 < f->n; k++)
    rp_svg_line(fp, frontier_x(p, f, f->point[k].moves), py(p, y[k]),
                frontier_x(p, f, f->point[k + 1].moves), py(p, y[k + 1]), cls);
  for (size_t k = 0; k < f->n; k++)
    rp_svg_circle(fp, frontier_x(p, f, f->point[k].moves), py(p, y[k]), 3.5, dot_cls, tips[k]);
}

/* The six coefficients after each point of the frontier against its number
 * of moves (primary solid, junior dashed), with the two limits; below, the
 * shortfall after. */
static void frontier_charts(FILE *fp, rp_lang_t l, const rp_plan_view_t *v) {
  const rp_frontier_t *f = v->frontier;
  double *y = calloc(f->n, sizeof *y);
  char(*tips)[160] = calloc(f->n, sizeof *tips);
  if (!y || !tips) {
    free(y);
    free(tips);
    return;
  }
  double vmax = 0;
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    vmax = fmax(vmax, v->policy->cv_limit[lv]);
    for (size_t k = 0; k < f->n; k++)
      for (int i = 0; i < RP_INDICATORS; i++)
        vmax = fmax(vmax, f->point[k].cv[lv][i]);
  }
  const char *title = rp_tr(l, "Difference coefficients against the number of teachers moved");
  plot_t p = {50, 30, 1000, 260, 0};
  double H = p.y0 + p.h + 76;
  rp_svg_open(fp, 1130, H, title);
  axes(fp, &p, vmax, title);
  frontier_x_axis(fp, l, &p, f);
  char cls[32], item_cls[RP_LEVELS * RP_INDICATORS][32], item_text[RP_LEVELS * RP_INDICATORS][96];
  const char *items[4 * RP_LEVELS * RP_INDICATORS];
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    double lim = v->policy->cv_limit[lv];
    rp_svg_line(fp, p.x0, py(&p, lim), p.x0 + p.w, py(&p, lim), "target");
    rp_svg_text(fp, p.x0 + p.w + 4, py(&p, lim) + 4, "start", 0, "small",
                rp_tr(l, lv == RP_PRIMARY ? "limit, primary" : "limit, junior"));
    for (int i = 0; i < RP_INDICATORS; i++) {
      for (size_t k = 0; k < f->n; k++) {
        y[k] = f->point[k].cv[lv][i];
        rp_fmt(tips[k], sizeof tips[k], rp_tr(l, "%d moves: %s %s %.4f"), f->point[k].moves,
               rp_level_label(l, (rp_level_t)lv), rp_indicator_label(l, i), y[k]);
      }
      int j = lv * RP_INDICATORS + i;
      rp_fmt(item_cls[j], sizeof item_cls[j], "line:ser i%d%s", i, lv ? " jr" : "");
      rp_fmt(cls, sizeof cls, "dot i%d", i);
      frontier_series(fp, &p, f, y, item_cls[j] + 5, cls, tips);
      rp_fmt(item_text[j], sizeof item_text[j], "%s · %s", rp_level_label(l, (rp_level_t)lv),
             rp_indicator_label(l, i));
      items[2 * j] = item_cls[j];
      items[2 * j + 1] = item_text[j];
    }
  }
  legend(fp, p.x0, H - 8, items, RP_LEVELS * RP_INDICATORS);
  rp_svg_close(fp);

  double smax = 0;
  for (size_t k = 0; k < f->n; k++) {
    y[k] = f->point[k].shortfall;
    smax = fmax(smax, y[k]);
    rp_fmt(tips[k], sizeof tips[k], rp_tr(l, "%d moves: shortfall %d"), f->point[k].moves,
           f->point[k].shortfall);
  }
  title = rp_tr(l, "Shortfall after, in whole teachers, against the number of teachers moved");
  plot_t q = {50, 30, 1000, 120, 0};
  rp_svg_open(fp, 1130, q.y0 + q.h + 44, title);
  axes(fp, &q, smax, title);
  frontier_x_axis(fp, l, &q, f);
  frontier_series(fp, &q, f, y, "ser sf", "dot sf", tips);
  rp_svg_close(fp);
  free(y);
  free(tips);
}

/* The tables of a year's part of the report, built before the page. */
enum { T_SUMMARY, T_LIST, T_SCHOOLS, T_RECRUIT, T_SUBJECTS, T_FRONTIER, T_PRINCIPALS, NT };

static int plan_tables(const rp_plan_view_t *v, rp_lang_t l, rp_sheet_t *sh[NT]) {
  sh[T_SUMMARY] = rp_sheet_summary(l, v);
  sh[T_LIST] = rp_sheet_rotation_list(l, v);
  sh[T_SCHOOLS] = rp_sheet_schools(l, v);
  sh[T_RECRUIT] = rp_sheet_recruitment(l, v);
  sh[T_SUBJECTS] = rp_sheet_subjects_by_section(l, v);
  sh[T_FRONTIER] = v->frontier ? rp_sheet_frontier(l, v->frontier) : NULL;
  sh[T_PRINCIPALS] = v->plan->principals ? rp_sheet_principals(l, v) : NULL;
  for (int i = 0; i < NT; i++)
    if (!sh[i] && (i < T_FRONTIER || (i == T_FRONTIER && v->frontier) ||
                   (i == T_PRINCIPALS && v->plan->principals)))
      return -1;
  return 0;
}

/* A section's heading: tag h2 for a plan's page, h3 inside a year of a
 * multi-year page, its id after the year's prefix ("y2027-summary"). */
typedef struct {
  const char *tag;
  const char *prefix; /* "" or "y2027-" */
} part_t;

static void part_heading(FILE *fp, const part_t *pt, const char *id, const char *text) {
  char full[64];
  snprintf(full, sizeof full, "%s%s", pt->prefix, id);
  heading(fp, pt->tag, full, text);
}

/* The report's body for one planned year: summary, charts and tables. */
static void plan_body(FILE *fp, const rp_plan_view_t *v, rp_lang_t l, const part_t *pt,
                      rp_sheet_t *sh[NT], const flow_t *flows, size_t nf) {
  char buf[512];
  if (strcmp(v->plan->method, v->plan->status) == 0) /* not solved: an edited list */
    rp_fmt(buf, sizeof buf, rp_tr(l, "%zu teachers moved; %s. Made by rotaplan %s."),
           v->plan->n_moves, rp_tr(l, v->plan->method), RP_VERSION);
  else
    rp_fmt(buf, sizeof buf, rp_tr(l, "%zu teachers moved; method %s, %s. Made by rotaplan %s."),
           v->plan->n_moves, rp_tr(l, v->plan->method), rp_tr(l, v->plan->status),
           RP_VERSION);
  para(fp, "meta", buf);

  part_heading(fp, pt, "summary", rp_tr(l, "Summary"));
  sheet_table(fp, l, sh[T_SUMMARY], (size_t)-1);
  fputs("</section>\n", fp);

  part_heading(fp, pt, "indicators", rp_tr(l, "Per-100-student indicators of each section"));
  para(fp, "note", rp_tr(l, "Each pair of bars is one school section, lowest before first: "
                            "grey before the plan, blue after, red where the target is still "
                            "missed; the dashed line is the target."));
  for (int lv = 0; lv < RP_LEVELS; lv++)
    if (v->after->level[lv].sections > 0)
      for (int i = 0; i < RP_INDICATORS; i++)
        per100_chart(fp, l, v, lv, i);
  fputs("</section>\n", fp);

  part_heading(fp, pt, "balance", rp_tr(l, "Balance between schools"));
  cv_chart(fp, l, v);
  fputs("</section>\n", fp);

  part_heading(fp, pt, "subjects", rp_tr(l, "Subjects: teachers against the curriculum's demand"));
  para(fp, "note",
       rp_tr(l, "A section's gap in a subject is the whole teachers it has below the whole part "
                "of the curriculum's demand. Grey: the county's gaps before the plan, blue: "
                "after."));
  subject_chart(fp, l, v);
  para(fp, "note",
       rp_tr(l, "Each cell: teachers before → after the plan (the demand in full-time "
                "teachers); red where the section is still short of the subject after the "
                "plan; * a demand under one teacher: taught part-time or shared (走教), never "
                "a gap. Every row in subjects.csv."));
  sheet_table(fp, l, sh[T_SUBJECTS], 2000);
  fputs("</section>\n", fp);

  if (v->frontier && v->frontier->n > 0) {
    part_heading(fp, pt, "frontier", rp_tr(l, "The move frontier: how many teachers to move"));
    para(fp, "note",
         rp_tr(l, "Each point is a whole plan of the county, verified, made with balance_moves "
                  "as shown: the fewest moves first, then more moves allowed to lower the "
                  "difference coefficients, up to the plan with the best balance. Its files "
                  "are in the folder of the last column."));
    frontier_charts(fp, l, v);
    sheet_table(fp, l, sh[T_FRONTIER], (size_t)-1);
    fputs("</section>\n", fp);
  }

  part_heading(fp, pt, "flows", rp_tr(l, "Where the teachers move"));
  flow_chart(fp, l, v, flows, nf);
  fputs("</section>\n", fp);

  part_heading(fp, pt, "recruitment", rp_tr(l, "What moving teachers cannot reach: recruitment"));
  sheet_table(fp, l, sh[T_RECRUIT], (size_t)-1);
  fputs("</section>\n", fp);

  part_heading(fp, pt, "schools", rp_tr(l, "Schools before and after"));
  sheet_table(fp, l, sh[T_SCHOOLS], (size_t)-1);
  fputs("</section>\n", fp);

  part_heading(fp, pt, "list", rp_tr(l, "Rotation list"));
  sheet_table(fp, l, sh[T_LIST], 2000);
  fputs("</section>\n", fp);

  if (v->plan->principals) {
    part_heading(fp, pt, "principals", rp_tr(l, "The principals' exchange"));
    rp_fmt(buf, sizeof buf,
           rp_tr(l, "%zu of %d eligible principals exchanged (at least principal_min_years = "
                    "%d years at their school), one principal per school; the stronger toward "
                    "weak and rural schools, then the shorter way. Every row in principals.csv."),
           v->plan->principals->n, v->plan->principals->eligible,
           v->policy->principal_min_years);
    para(fp, "note", buf);
    sheet_table(fp, l, sh[T_PRINCIPALS], (size_t)-1);
    fputs("</section>\n", fp);
  }
}

rp_status_t rp_html_write_plan(const char *path, const rp_plan_view_t *v, rp_lang_t l,
                               rp_out_txn_t *txn, rp_diag_t *diag) {
  rp_sheet_t *sh[NT] = {0};
  flow_t *flows = NULL;
  size_t nf = flows_of(v, &flows);
  rp_status_t st = flows && plan_tables(v, l, sh) == 0 ? RP_OK : RP_ENOMEM;
  rp_out_file_t *f = st == RP_OK ? rp_out_open(path, diag, &st) : NULL;
  if (f) {
    FILE *fp = rp_out_stream(f);
    char buf[512];
    rp_fmt(buf, sizeof buf, rp_tr(l, "Teacher rotation plan %d"), v->policy->plan_year);
    page_open(fp, l, buf);
    const part_t pt = {"h2", ""};
    plan_body(fp, v, l, &pt, sh, flows, nf);
    page_close(fp);
    st = rp_out_finish_into(txn, f, diag);
  }
  for (int i = 0; i < NT; i++)
    rp_sheet_free(sh[i]);
  free(flows);
  return st;
}

rp_status_t rp_html_write_years(const char *path, const rp_plan_view_t *years, size_t n,
                                const rp_sheet_t *overview, rp_lang_t l, rp_out_txn_t *txn,
                                rp_diag_t *diag) {
  rp_status_t st = n ? RP_OK : RP_EINTERNAL;
  rp_out_file_t *f = st == RP_OK ? rp_out_open(path, diag, &st) : NULL;
  if (!f)
    return st;
  FILE *fp = rp_out_stream(f);
  char buf[512], id[32];
  rp_fmt(buf, sizeof buf, rp_tr(l, "Teacher rotation plan %d to %d"),
         years[0].policy->plan_year, years[n - 1].policy->plan_year);
  page_open(fp, l, buf);
  heading(fp, "h2", "years", rp_tr(l, "The years at a glance"));
  para(fp, "note", rp_tr(l, "One row a school year planned (years.csv); each year's plan "
                            "follows, with its own summary, charts and lists."));
  fputs("<p class=\"note\">", fp);
  for (size_t y = 0; y < n; y++) {
    fprintf(fp, "%s<a href=\"#y%d\">", y ? " · " : "", years[y].policy->plan_year);
    rp_fmt(buf, sizeof buf, rp_tr(l, "School year %d"), years[y].policy->plan_year);
    rp_html_text(fp, buf);
    fputs("</a>", fp);
  }
  fputs("</p>\n", fp);
  sheet_table(fp, l, overview, (size_t)-1);
  fputs("</section>\n", fp);
  for (size_t y = 0; st == RP_OK && y < n; y++) {
    const rp_plan_view_t *v = &years[y];
    rp_sheet_t *sh[NT] = {0};
    flow_t *flows = NULL;
    size_t nf = flows_of(v, &flows);
    if (!flows || plan_tables(v, l, sh) != 0) {
      st = RP_ENOMEM;
    } else {
      snprintf(id, sizeof id, "y%d", v->policy->plan_year);
      rp_fmt(buf, sizeof buf, rp_tr(l, "School year %d"), v->policy->plan_year);
      heading(fp, "h2", id, buf);
      char prefix[16];
      snprintf(prefix, sizeof prefix, "y%d-", v->policy->plan_year);
      const part_t pt = {"h3", prefix};
      plan_body(fp, v, l, &pt, sh, flows, nf);
      fputs("</section>\n", fp);
    }
    for (int i = 0; i < NT; i++)
      rp_sheet_free(sh[i]);
    free(flows);
  }
  page_close(fp);
  if (st == RP_OK)
    return rp_out_finish_into(txn, f, diag);
  rp_out_abort(f);
  return st;
}

/* ---- the comparison --------------------------------------------------------- */

/* One figure of every planned scenario as bars, the reference in purple. */
static void scenario_bars(FILE *fp, rp_lang_t l, const rp_html_scenario_t *s, size_t n,
                          const char *title, const double *fig) {
  double vmax = 0;
  for (size_t k = 0; k < n; k++)
    if (s[k].ok)
      vmax = fmax(vmax, fig[k]);
  plot_t p = {50, 30, 500, 160, 0};
  double H = p.y0 + p.h + 70;
  rp_svg_open(fp, 560, H, title);
  axes(fp, &p, vmax, title);
  double gw = p.w / (double)(n ? n : 1), bw = fmin(gw * 0.6, 60);
  char val[32];
  for (size_t k = 0; k < n; k++) {
    double x = p.x0 + gw * (double)k + (gw - bw) / 2;
    if (s[k].ok) {
      double y = fig[k];
      rp_svg_rect(fp, x, py(&p, y), bw, p.y0 + p.h - py(&p, y), k == 0 ? "ref" : "after",
                  s[k].name);
      rp_fmt(val, sizeof val, "%.0f", y);
      rp_svg_text(fp, x + bw / 2, py(&p, y) - 4, "middle", 0, "small", val);
    } else {
      rp_svg_text(fp, x + bw / 2, p.y0 + p.h - 4, "middle", 0, "small", rp_tr(l, "failed"));
    }
    rp_svg_text(fp, x + bw / 2, p.y0 + p.h + 10, "end", -35, "small", s[k].name);
  }
  rp_svg_close(fp);
}

/* The six coefficients after each scenario, against the limits. */
static void scenario_cv(FILE *fp, rp_lang_t l, const rp_html_scenario_t *s, size_t n) {
  double vmax = 0;
  for (size_t k = 0; k < n; k++)
    for (int lv = 0; s[k].ok && lv < RP_LEVELS; lv++) {
      vmax = fmax(vmax, s[k].cv_limit[lv]);
      for (int i = 0; i < RP_INDICATORS; i++)
        vmax = fmax(vmax, s[k].cv[lv][i]);
    }
  const char *title = rp_tr(l, "Difference coefficients after each scenario, against the limits");
  plot_t p = {50, 30, 1060, 220, 0};
  double H = p.y0 + p.h + 64;
  rp_svg_open(fp, 1130, H, title);
  axes(fp, &p, vmax, title);
  const char *items[] = {"ref",         rp_tr(l, "the reference"),
                         "after",       rp_tr(l, "the other scenarios, in order"),
                         "miss",        rp_tr(l, "over the limit"),
                         "line:target", rp_tr(l, "the limit")};
  legend(fp, p.x0, H - 8, items, 4);
  double gw = p.w / (RP_LEVELS * RP_INDICATORS), bw = gw * 0.8 / (double)(n ? n : 1);
  char tip[256];
  for (int lv = 0; lv < RP_LEVELS; lv++) {
    /* One limit line for the level when every scenario has the same limit,
     * else a limit tick over each scenario's bar. */
    double lim = NAN;
    int same = 1;
    for (size_t k = 0; k < n; k++)
      if (s[k].ok) {
        same &= isnan(lim) || s[k].cv_limit[lv] == lim;
        lim = s[k].cv_limit[lv];
      }
    for (int i = 0; i < RP_INDICATORS; i++) {
      double x0 = p.x0 + gw * (lv * RP_INDICATORS + i) + gw * 0.1;
      for (size_t k = 0; k < n; k++) {
        if (!s[k].ok)
          continue;
        double y = s[k].cv[lv][i], x = x0 + bw * (double)k;
        rp_fmt(tip, sizeof tip, "%s: %.4f (%.2f)", s[k].name, y, s[k].cv_limit[lv]);
        rp_svg_rect(fp, x, py(&p, y), bw * 0.85, p.y0 + p.h - py(&p, y),
                    !s[k].pass[lv][i] ? "miss" : k == 0 ? "ref" : "after", tip);
        if (!same)
          rp_svg_line(fp, x, py(&p, s[k].cv_limit[lv]), x + bw * 0.85,
                      py(&p, s[k].cv_limit[lv]), "target");
      }
      rp_fmt(tip, sizeof tip, "%s · %s", rp_level_label(l, (rp_level_t)lv),
               rp_indicator_label(l, i));
      rp_svg_text(fp, x0 + gw * 0.4, p.y0 + p.h + 16, "middle", 0, "", tip);
    }
    if (same && !isnan(lim))
      rp_svg_line(fp, p.x0 + gw * lv * RP_INDICATORS + 4, py(&p, lim),
                  p.x0 + gw * (lv + 1) * RP_INDICATORS - 4, py(&p, lim), "target");
  }
  rp_svg_close(fp);
}

rp_status_t rp_html_write_compare(const char *path, const rp_html_scenario_t *s, size_t n,
                                  const rp_sheet_t *table, rp_lang_t l, rp_out_txn_t *txn,
                                  rp_diag_t *diag) {
  rp_status_t st;
  rp_out_file_t *f = rp_out_open(path, diag, &st);
  if (!f)
    return st;
  FILE *fp = rp_out_stream(f);
  page_open(fp, l, rp_tr(l, "What-if scenarios side by side"));
  char buf[512];
  rp_fmt(buf, sizeof buf, rp_tr(l, "%zu scenarios; the first, %s, is the reference. Made by "
                                     "rotaplan %s."),
           n, n ? s[0].name : "-", RP_VERSION);
  para(fp, "meta", buf);
  heading(fp, "h2", "table", rp_tr(l, "The scenarios"));
  sheet_table(fp, l, table, (size_t)-1);
  fputs("<p>", fp);
  rp_html_text(fp, rp_tr(l, "Each scenario's own report:"));
  fputs(" ", fp);
  for (size_t k = 0; k < n; k++) {
    if (!s[k].ok || !s[k].link)
      continue;
    fputs("<a href=\"", fp);
    url_path(fp, s[k].link);
    fputs("\">", fp);
    rp_html_text(fp, s[k].name);
    fputs("</a> ", fp);
  }
  fputs("</p>\n</section>\n", fp);
  heading(fp, "h2", "figures", rp_tr(l, "The figures side by side"));
  fputs("<div style=\"display:flex;flex-wrap:wrap\">\n", fp);
  static const char *const titles[6] = {"Teachers moved", "Moves toward rural or weak schools",
                                        NULL, "Shortfall after, in whole teachers",
                                        "Sections still missing a target", "Teachers to recruit"};
  double *fig = calloc(n + 1, sizeof *fig);
  char far[128];
  rp_fmt(far, sizeof far, rp_tr(l, "Moves over %g km"), RP_FAR_KM);
  for (int j = 0; fig && j < 6; j++) {
    for (size_t k = 0; k < n; k++) {
      const double v[6] = {s[k].moved,       s[k].toward,  s[k].far,
                           s[k].short_after, s[k].missing, s[k].recruit};
      fig[k] = v[j];
    }
    scenario_bars(fp, l, s, n, titles[j] ? rp_tr(l, titles[j]) : far, fig);
  }
  fputs("</div>\n", fp);
  scenario_cv(fp, l, s, n);
  fputs("</section>\n", fp);
  page_close(fp);
  if (!fig) {
    rp_out_abort(f);
    return RP_ENOMEM;
  }
  free(fig);
  return rp_out_finish_into(txn, f, diag);
}
