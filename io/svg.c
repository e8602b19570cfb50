/* SVG shapes (see svg.h). */
#include "io/svg.h"

void rp_html_text(FILE *fp, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&': fputs("&amp;", fp); break;
    case '<': fputs("&lt;", fp); break;
    case '>': fputs("&gt;", fp); break;
    case '"': fputs("&quot;", fp); break;
    default: fputc(*s, fp);
    }
  }
}

/* One decimal, and never "-0.0". */
static double r1(double v) { return v > -0.05 && v < 0.05 ? 0 : v; }

void rp_svg_open(FILE *fp, double w, double h, const char *label) {
  fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
              "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"",
          w, h, w, h);
  rp_html_text(fp, label);
  fputs("\">\n", fp);
}

void rp_svg_close(FILE *fp) { fputs("</svg>\n", fp); }

void rp_svg_line(FILE *fp, double x1, double y1, double x2, double y2, const char *cls) {
  fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>\n", r1(x1),
          r1(y1), r1(x2), r1(y2), cls);
}

static void title_close(FILE *fp, const char *tag, const char *title) {
  if (!title) {
    fputs("/>\n", fp);
    return;
  }
  fputs("><title>", fp);
  rp_html_text(fp, title);
  fprintf(fp, "</title></%s>\n", tag);
}

void rp_svg_rect(FILE *fp, double x, double y, double w, double h, const char *cls,
                 const char *title) {
  if (h < 0) {
    y += h;
    h = -h;
  }
  fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\"", r1(x),
          r1(y), r1(w), r1(h), cls);
  title_close(fp, "rect", title);
}

void rp_svg_circle(FILE *fp, double cx, double cy, double r, const char *cls,
                   const char *title) {
  fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" class=\"%s\"", r1(cx), r1(cy), r1(r),
          cls);
  title_close(fp, "circle", title);
}

void rp_svg_text(FILE *fp, double x, double y, const char *anchor, double rotate,
                 const char *cls, const char *text) {
  fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\"", r1(x), r1(y),
          anchor, cls);
  if (rotate != 0)
    fprintf(fp, " transform=\"rotate(%.0f %.1f %.1f)\"", rotate, r1(x), r1(y));
  fputc('>', fp);
  rp_html_text(fp, text);
  fputs("</text>\n", fp);
}
