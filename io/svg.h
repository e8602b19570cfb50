/* Writing SVG charts into the HTML report: a few shapes, text escaped,
 * coordinates with one decimal so that the same plan gives the same bytes. */
#ifndef RP_SVG_H
#define RP_SVG_H

#include <stdio.h>

/* Text with &, <, > and " escaped (HTML and SVG alike). */
void rp_html_text(FILE *fp, const char *s);

void rp_svg_open(FILE *fp, double w, double h, const char *label);
void rp_svg_close(FILE *fp);
/* `cls` names a CSS class of the report (colours live in its style sheet). */
void rp_svg_line(FILE *fp, double x1, double y1, double x2, double y2, const char *cls);
void rp_svg_rect(FILE *fp, double x, double y, double w, double h, const char *cls,
                 const char *title);
void rp_svg_circle(FILE *fp, double cx, double cy, double r, const char *cls, const char *title);
/* anchor: "start", "middle" or "end"; rotate in degrees (0: none). */
void rp_svg_text(FILE *fp, double x, double y, const char *anchor, double rotate,
                 const char *cls, const char *text);

#endif
