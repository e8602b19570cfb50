/* The policy form (docs/web.md, "Policy form"): every key of model/policy.c's
 * table with its label, unit, default and where the default comes from
 * (rp_policy_each_labelled: the one table, not a copy), the workspace's
 * current value beside it.  Saving writes inputs/policy.ini with plan_year
 * and the keys that differ from their default, and reads that text back
 * with the command line's own reader (rp_policy_parse) before it replaces
 * the file: a value the CLI would refuse is refused here with the CLI's
 * message, and the previous file stays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/policy_ini.h"
#include "model/policy.h"
#include "web/web_i.h"

#define T(key) rp_t(pg->lang, key)

/* The workspace's current policy: defaults for its year, then its
 * policy.ini when it has one.  Returns 0, or -1 when that file does not
 * read (msg then says why, and *p holds the defaults). */
int rp_web_policy_current(const char *path, int year, rp_policy_t *p, char *msg, size_t n) {
  rp_policy_default(p, year);
  msg[0] = 0;
  if (!path)
    return 0;
  rp_diag_t d = RP_DIAG_INIT;
  rp_policy_t q = *p;
  int rc = 0;
  if (rp_policy_load(path, &q, &d) != RP_OK) {
    const char *base = strrchr(path, '/');
    if (d.n > 0)
      snprintf(msg, n, "%s:%ld: %s", d.v[0].file ? d.v[0].file : "policy.ini", d.v[0].line,
               d.v[0].msg);
    else
      snprintf(msg, n, "%s", base ? base + 1 : path);
    rc = -1;
  } else {
    *p = q;
  }
  rp_diag_clear(&d);
  return rc;
}

typedef struct {
  rp_wbuf_t *b;
  const rp_page_t *pg;
  const char *section;
} form_t;

/* Where a key's default comes from: the national document, or local
 * practice. */
static void source_cell(rp_wbuf_t *b, const rp_page_t *pg, const rp_policy_key_view_t *k) {
  if (k->document) {
    rp_wbuf_html(b, T("policy_national"));
    rp_wbuf_add(b, "<br><span class=\"muted\">");
    rp_wbuf_html(b, k->document);
    rp_wbuf_add(b, "</span>");
  } else {
    rp_wbuf_html(b, T("policy_local"));
  }
}

static void form_row(void *ud, const rp_policy_key_view_t *k) {
  form_t *f = ud;
  rp_wbuf_t *b = f->b;
  const rp_page_t *pg = f->pg;
  int en = pg->lang == RP_WEB_EN;
  if (!f->section || strcmp(f->section, k->section) != 0) {
    rp_wbuf_addf(b, "<tr class=\"section\"><th colspan=\"5\">[%s]</th></tr>", k->section);
    f->section = k->section;
  }
  rp_wbuf_add(b, "<tr><td><label for=\"k_");
  rp_wbuf_html(b, k->key);
  rp_wbuf_add(b, "\">");
  rp_wbuf_html(b, en ? k->label_en : k->label_zh);
  rp_wbuf_add(b, "</label><br><code>");
  rp_wbuf_html(b, k->key);
  rp_wbuf_add(b, "</code></td><td>");
  if (k->choices) {
    rp_wbuf_add(b, "<select id=\"k_");
    rp_wbuf_html(b, k->key);
    rp_wbuf_add(b, "\" name=\"");
    rp_wbuf_html(b, k->key);
    rp_wbuf_add(b, "\">");
    for (int i = 0; k->choices[i]; i++) {
      rp_wbuf_add(b, "<option");
      if (strcmp(k->choices[i], k->value) == 0)
        rp_wbuf_add(b, " selected");
      rp_wbuf_add(b, ">");
      rp_wbuf_html(b, k->choices[i]);
      rp_wbuf_add(b, "</option>");
    }
    rp_wbuf_add(b, "</select>");
  } else {
    rp_wbuf_add(b, "<input id=\"k_");
    rp_wbuf_html(b, k->key);
    rp_wbuf_add(b, "\" name=\"");
    rp_wbuf_html(b, k->key);
    rp_wbuf_add(b, "\" size=\"10\" value=\"");
    rp_wbuf_html(b, k->value);
    rp_wbuf_add(b, "\">");
  }
  rp_wbuf_add(b, "</td><td>");
  rp_wbuf_html(b, en ? k->unit_en : k->unit_zh);
  rp_wbuf_add(b, "</td><td>");
  rp_wbuf_html(b, k->dflt ? k->dflt : T("policy_run_year"));
  rp_wbuf_add(b, "</td><td>");
  source_cell(b, pg, k);
  rp_wbuf_add(b, "</td></tr>");
}

/* A row of the scenario form for a key of rp_scenario_keys: its label,
 * key, field (empty: unchanged; a list of the allowed words for a word),
 * unit, the workspace's value, the default and where it comes from. */
static void scenario_row(void *ud, const rp_policy_key_view_t *k) {
  form_t *f = ud;
  rp_wbuf_t *b = f->b;
  const rp_page_t *pg = f->pg;
  int en = pg->lang == RP_WEB_EN, offered = 0;
  for (int i = 0; rp_scenario_keys[i]; i++)
    offered |= strcmp(rp_scenario_keys[i], k->key) == 0;
  if (!offered)
    return;
  rp_wbuf_addf(b, "<tr><td><label for=\"sc_%s\">", k->key);
  rp_wbuf_html(b, en ? k->label_en : k->label_zh);
  rp_wbuf_addf(b, "</label><br><code>%s</code></td><td>", k->key);
  if (k->choices) {
    rp_wbuf_addf(b, "<select name=\"%s\" id=\"sc_%s\"><option value=\"\">", k->key, k->key);
    rp_wbuf_html(b, T("sc_unchanged"));
    rp_wbuf_add(b, "</option>");
    for (int i = 0; k->choices[i]; i++) {
      rp_wbuf_add(b, "<option>");
      rp_wbuf_html(b, k->choices[i]);
      rp_wbuf_add(b, "</option>");
    }
    rp_wbuf_add(b, "</select>");
  } else {
    rp_wbuf_addf(b, "<input name=\"%s\" id=\"sc_%s\" size=\"6\">", k->key, k->key);
  }
  rp_wbuf_add(b, "</td><td>");
  rp_wbuf_html(b, en ? k->unit_en : k->unit_zh);
  rp_wbuf_add(b, "</td><td>");
  rp_wbuf_html(b, k->value);
  rp_wbuf_add(b, "</td><td>");
  rp_wbuf_html(b, k->dflt ? k->dflt : "");
  rp_wbuf_add(b, "</td><td>");
  source_cell(b, pg, k);
  rp_wbuf_add(b, "</td></tr>");
}

void rp_page_scenario_keys(rp_wbuf_t *b, const rp_page_t *pg, const rp_policy_t *p) {
  form_t f = {b, pg, NULL};
  rp_policy_each_labelled(p, scenario_row, &f);
}

void rp_page_policy(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const cJSON *wsj,
                    const rp_policy_t *p, int has_file, const char *error) {
  const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(wsj, "name"));
  rp_page_begin(b, pg, T("policy_title"));
  rp_wbuf_addf(b, "<p><a href=\"/w/%s\">", ws);
  rp_wbuf_html(b, name ? name : "");
  rp_wbuf_add(b, "</a></p><h1>");
  rp_wbuf_html(b, T("policy_title"));
  rp_wbuf_add(b, "</h1><p class=\"muted\">");
  rp_wbuf_html(b, T("policy_hint"));
  rp_wbuf_add(b, "</p>");
  if (error && *error) {
    rp_wbuf_add(b, "<p class=\"err\" id=\"policy-error\">");
    rp_wbuf_html(b, error);
    rp_wbuf_add(b, "</p>");
  }
  if (has_file) {
    rp_wbuf_addf(b, "<p><a id=\"policy-download\" href=\"/w/%s/inputs/policy\">policy.ini</a></p>",
                 ws);
  }
  rp_wbuf_addf(b, "<form method=\"post\" action=\"/w/%s/policy\" id=\"policy-form\">", ws);
  rp_wbuf_add(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
  rp_wbuf_html(b, pg->csrf);
  rp_wbuf_addf(b, "\"><table id=\"policy\"><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                  "<th>%s</th></tr>",
               T("policy_key"), T("policy_value"), T("policy_unit"), T("policy_default"),
               T("policy_source"));
  form_t f = {b, pg, NULL};
  rp_policy_each_labelled(p, form_row, &f);
  rp_wbuf_addf(b, "</table><p><button id=\"policy-save\">%s</button></p></form>",
               T("policy_save"));
  rp_page_end(b);
}

typedef struct {
  const cJSON *form;
  rp_wbuf_t *ini;
  const char *section;
  int year;
} ini_t;

/* One key into the file when the form's value differs from its default
 * (plan_year always). */
static void ini_row(void *ud, const rp_policy_key_view_t *k) {
  ini_t *w = ud;
  const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(w->form, k->key));
  char year[16];
  if (!k->dflt && (!v || !*v)) { /* plan_year: the workspace's year when left empty */
    snprintf(year, sizeof year, "%d", w->year);
    v = year;
  }
  if (!v || !*v || (k->dflt && strcmp(v, k->dflt) == 0))
    return;
  if (!w->section || strcmp(w->section, k->section) != 0) {
    rp_wbuf_addf(w->ini, "%s[%s]\n", w->section ? "\n" : "", k->section);
    w->section = k->section;
  }
  rp_wbuf_addf(w->ini, "%s = %s\n", k->key, v);
}

char *rp_web_policy_ini(const cJSON *form, int year, rp_web_lang_t lang, char *msg, size_t n) {
  rp_policy_t d;
  rp_policy_default(&d, year);
  rp_wbuf_t ini = {0};
  rp_wbuf_add(&ini, "; policy.ini written by the web workspace's policy form:\n"
                    "; plan_year and the keys that differ from their default.\n");
  /* A value with a line break or a comment sign would change the file's
   * lines: refused before the reader sees it. */
  const cJSON *it;
  cJSON_ArrayForEach(it, form) {
    const char *v = cJSON_GetStringValue(it);
    if (v && strpbrk(v, "\r\n;#[]=")) {
      snprintf(msg, n, "%s = \"%s\": %s", it->string, v, rp_t(lang, "policy_bad_char"));
      rp_wbuf_free(&ini);
      return NULL;
    }
  }
  ini_t w = {form, &ini, NULL, year};
  rp_policy_each_labelled(&d, ini_row, &w);
  if (ini.oom) {
    rp_wbuf_free(&ini);
    snprintf(msg, n, "out of memory");
    return NULL;
  }
  rp_diag_t diag = RP_DIAG_INIT;
  rp_policy_t p = d;
  if (rp_policy_parse("policy.ini", ini.s, &p, &diag) != RP_OK) {
    const rp_diag_entry_t *e = diag.n ? &diag.v[0] : NULL;
    const char *m = e ? (lang == RP_WEB_ZH && e->msg_zh ? e->msg_zh : e->msg) : "policy.ini";
    snprintf(msg, n, "%s", m);
    rp_diag_clear(&diag);
    rp_wbuf_free(&ini);
    return NULL;
  }
  rp_diag_clear(&diag);
  return ini.s;
}
