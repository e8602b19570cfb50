/* The language of what people read: column headers, values, report text
 * and the summary on stdout (--lang zh|en).
 *
 * One mechanism, gettext's: the code keeps its English text and rp_tr()
 * looks up the Chinese one in a single table (io/lang.c), falling back to
 * the English when there is none.  rp_tr is declared format_arg, so the
 * compiler checks printf arguments against the English format; a unit test
 * checks that each Chinese format has the same conversions in the same
 * order.  Enumerated values are translated to the Chinese names the roster
 * reader accepts, so a Chinese rotation list reads back like an English one.
 * Machine outputs (summary.json, comparison.json) keep English keys.
 *
 * A word that needs two Chinese translations carries a context, gettext's
 * msgctxt: "school\004name" is "name" in English and 学校名称 in Chinese,
 * where the teacher's "name" is 姓名. */
#ifndef RP_LANG_H
#define RP_LANG_H

#include <stddef.h>

#include "model/county.h"
#include "model/plan.h"

typedef enum { RP_LANG_EN, RP_LANG_ZH } rp_lang_t;

/* "en" / "zh" (also "zh_CN", "zh-CN", "cn"; any case); 0, or -1 if unknown. */
int rp_lang_parse(const char *s, rp_lang_t *out);
const char *rp_lang_code(rp_lang_t l); /* "en" or "zh" */

/* The text in language l: en itself, or its Chinese entry. */
const char *rp_tr(rp_lang_t l, const char *en) __attribute__((format_arg(2)));

/* rp_tr(RP_LANG_ZH, en): the translator of the messages
 * (rp_diag_set_translator). */
const char *rp_tr_zh(const char *en) __attribute__((format_arg(1)));

/* The language of the messages when --lang is not given: zh when most of
 * the rosters' headers read (hdr_zh of hdr_all) are Chinese, else the
 * locale's (LC_ALL, LC_MESSAGES, LANG: the first one set; zh when it starts
 * with "zh"), else en. */
rp_lang_t rp_lang_of_messages(size_t hdr_zh, size_t hdr_all);

/* The translation table, for tests: entry i's English and Chinese text, or
 * NULL past the end. */
const char *rp_tr_entry(size_t i, const char **zh);

/* snprintf that never cuts a character in two: a result longer than n - 1
 * bytes ends at the last whole UTF-8 character that fits, so that text cut
 * to a buffer stays valid UTF-8 (an invalid byte breaks the workbook's XML
 * and the report's page).  Returns what snprintf returns. */
int rp_fmt(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Columns of text on a terminal: s padded with spaces to `width` columns,
 * a Chinese character taking two (as terminals show it), into buf; like
 * printf's %-Ns, and %Ns (right-aligned) for a negative width. */
const char *rp_pad(char *buf, size_t n, const char *s, int width);
/* Terminal columns of s (a Chinese character two). */
int rp_text_width(const char *s);

/* Enumerated values: the English name (county.h), or the Chinese one. */
const char *rp_level_label(rp_lang_t l, rp_level_t v);
const char *rp_area_label(rp_lang_t l, rp_area_t v);
const char *rp_degree_label(rp_lang_t l, rp_degree_t v);
/* A move's direction (model/plan.h): 城区->乡村, ... in Chinese. */
const char *rp_move_dir_label(rp_lang_t l, rp_move_dir_t v);
const char *rp_backbone_label(rp_lang_t l, rp_backbone_t v);
/* A title (rp_title_t) in the language: 初级 ... 正高级; "" for unknown. */
const char *rp_title_label(rp_lang_t l, rp_title_t v);
const char *rp_role_label(rp_lang_t l, rp_role_t v);
/* 'M' / 'F', or 男 / 女. */
const char *rp_gender_label(rp_lang_t l, char g);
const char *rp_subject_label(rp_lang_t l, rp_subject_t v);
/* Indicator i (indicators.h order: degree, backbone, PE + arts). */
const char *rp_indicator_label(rp_lang_t l, int i);
/* The column header of a difference coefficient: "cv_primary_degree" or
 * "差异系数_小学_高学历教师". */
void rp_cv_header(rp_lang_t l, int level, int i, char *buf, size_t n);
/* The same for a narrow column: "degree", "backbn", "pe_art". */
const char *rp_indicator_short(rp_lang_t l, int i);

#endif
