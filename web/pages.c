/* The pages of the workspace, written on the server: every text from
 * text.c in the page's language, every value HTML-escaped (rp_wbuf_html),
 * one style sheet and one script from /static/, nothing from outside. */
#include <stdio.h>
#include <string.h>

#include "io/appeal_sheet.h"
#include "io/lang.h"
#include "model/county.h"
#include "web/web_i.h"

#define T(key) rp_t(pg->lang, key)

static const char *str(const cJSON *o, const char *k) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
  return s ? s : "";
}

static void csrf_field(rp_wbuf_t *b, const rp_page_t *pg) {
  rp_wbuf_add(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
  rp_wbuf_html(b, pg->csrf);
  rp_wbuf_add(b, "\">");
}

void rp_page_begin(rp_wbuf_t *b, const rp_page_t *pg, const char *title) {
  rp_wbuf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width\">"
                  "<link rel=\"stylesheet\" href=\"/static/app.css\"><title>",
               pg->lang == RP_WEB_EN ? "en" : "zh-CN");
  rp_wbuf_html(b, title);
  rp_wbuf_add(b, "</title></head><body><header><a href=\"/\">");
  rp_wbuf_html(b, T("title"));
  rp_wbuf_add(b, "</a><span class=\"grow\"></span><a href=\"");
  rp_wbuf_html(b, pg->self ? pg->self : "/");
  rp_wbuf_addf(b, "?lang=%s\">", pg->lang == RP_WEB_EN ? "zh" : "en");
  rp_wbuf_html(b, T("lang_switch"));
  rp_wbuf_add(b, "</a>");
  if (pg->user) {
    rp_wbuf_add(b, "<span>");
    rp_wbuf_html(b, pg->user);
    rp_wbuf_add(b, "</span><form class=\"inline\" method=\"post\" action=\"/logout\">");
    csrf_field(b, pg);
    rp_wbuf_add(b, "<button>");
    rp_wbuf_html(b, T("logout"));
    rp_wbuf_add(b, "</button></form>");
  }
  rp_wbuf_add(b, "</header><main>\n");
}

void rp_page_end(rp_wbuf_t *b) { rp_wbuf_add(b, "</main></body></html>\n"); }

void rp_page_message(rp_wbuf_t *b, const rp_page_t *pg, const char *key) {
  rp_page_begin(b, pg, T("title"));
  rp_wbuf_add(b, "<p class=\"err\">");
  rp_wbuf_html(b, T(key));
  rp_wbuf_add(b, "</p><p><a href=\"/\">");
  rp_wbuf_html(b, T("home"));
  rp_wbuf_add(b, "</a></p>");
  rp_page_end(b);
}

void rp_page_login(rp_wbuf_t *b, const rp_page_t *pg, int failed, int token_mode) {
  rp_page_t anon = *pg;
  anon.user = NULL;
  rp_page_begin(b, &anon, T("login"));
  if (token_mode) {
    rp_wbuf_add(b, "<p>");
    rp_wbuf_html(b, T("need_token"));
    rp_wbuf_add(b, "</p>");
  } else {
    if (failed) {
      rp_wbuf_add(b, "<p class=\"err\">");
      rp_wbuf_html(b, T("login_failed"));
      rp_wbuf_add(b, "</p>");
    }
    rp_wbuf_add(b, "<form method=\"post\" action=\"/login\"><p><label>");
    rp_wbuf_html(b, T("user"));
    rp_wbuf_add(b, " <input name=\"user\" autocomplete=\"username\" required></label></p><p><label>");
    rp_wbuf_html(b, T("password"));
    rp_wbuf_add(b, " <input name=\"password\" type=\"password\" autocomplete=\"current-password\" "
                   "required></label></p><p><button>");
    rp_wbuf_html(b, T("login"));
    rp_wbuf_add(b, "</button></p></form>");
  }
  rp_page_end(b);
}

void rp_page_home(rp_wbuf_t *b, const rp_page_t *pg, const cJSON *list) {
  rp_page_begin(b, pg, T("workspaces"));
  rp_wbuf_add(b, "<h1>");
  rp_wbuf_html(b, T("workspaces"));
  rp_wbuf_add(b, "</h1>");
  if (cJSON_GetArraySize(list) == 0) {
    rp_wbuf_add(b, "<p class=\"muted\">");
    rp_wbuf_html(b, T("no_workspaces"));
    rp_wbuf_add(b, "</p>");
  } else {
    rp_wbuf_addf(b, "<table id=\"workspaces\"><tr><th>%s</th><th>%s</th><th>%s</th></tr>",
                 T("name"), T("year"), T("created"));
    const cJSON *w;
    cJSON_ArrayForEach(w, list) {
      rp_wbuf_add(b, "<tr><td><a href=\"/w/");
      rp_wbuf_html(b, str(w, "id"));
      rp_wbuf_add(b, "\">");
      rp_wbuf_html(b, str(w, "name"));
      rp_wbuf_addf(b, "</a></td><td>%d</td><td>",
                   cJSON_GetObjectItemCaseSensitive(w, "year")
                       ? cJSON_GetObjectItemCaseSensitive(w, "year")->valueint : 0);
      rp_wbuf_html(b, str(w, "created"));
      rp_wbuf_add(b, "</td></tr>");
    }
    rp_wbuf_add(b, "</table>");
  }
  rp_wbuf_add(b, "<h2>");
  rp_wbuf_html(b, T("new_workspace"));
  rp_wbuf_add(b, "</h2><form method=\"post\" action=\"/workspaces\">");
  csrf_field(b, pg);
  rp_wbuf_addf(b, "<label>%s <input name=\"name\" required maxlength=\"200\"></label> "
                  "<label>%s <input name=\"year\" type=\"number\" min=\"1950\" max=\"2200\" "
                  "value=\"2026\" required></label> <button>%s</button></form>",
               T("name"), T("year"), T("create"));
  rp_page_end(b);
}

static void status_text(rp_wbuf_t *b, const rp_page_t *pg, const char *status) {
  char key[48];
  snprintf(key, sizeof key, "st_%s", status);
  rp_wbuf_html(b, T(key));
}

/* Which sheet of a workbook input is read: the one chosen at upload, else
 * the first visible one; nothing for a file that is not a workbook. */
static void sheet_note(rp_wbuf_t *b, const rp_page_t *pg, const cJSON *input) {
  const char *f = str(input, "file"), *sheet = str(input, "sheet");
  size_t n = strlen(f);
  if (!*sheet && (n < 5 || strcmp(f + n - 5, ".xlsx") != 0))
    return;
  rp_wbuf_add(b, " <span class=\"sheet\" data-role=\"");
  rp_wbuf_html(b, str(input, "role"));
  rp_wbuf_add(b, "\">");
  rp_wbuf_html(b, T("sheet"));
  rp_wbuf_add(b, pg->lang == RP_WEB_EN ? ": " : "：");
  rp_wbuf_html(b, *sheet ? sheet : T("sheet_first"));
  rp_wbuf_add(b, "</span>");
}

static void hashes(rp_wbuf_t *b, const rp_page_t *pg, const cJSON *rec) {
  const cJSON *i;
  cJSON_ArrayForEach(i, cJSON_GetObjectItemCaseSensitive(rec, "inputs")) {
    rp_wbuf_add(b, "<code>");
    rp_wbuf_html(b, str(i, "file"));
    rp_wbuf_add(b, " ");
    rp_wbuf_html(b, str(i, "sha256"));
    rp_wbuf_add(b, "</code>");
    sheet_note(b, pg, i);
    rp_wbuf_add(b, "<br>");
  }
}

/* The what-if scenarios: each file as written, the form for another. */
static void scenarios_part(rp_wbuf_t *b, const rp_page_t *pg, const char *ws,
                           const cJSON *scenarios, const rp_policy_t *pol) {
  rp_wbuf_addf(b, "<h2>%s</h2><p class=\"muted\">%s</p><ul id=\"scenarios\">", T("whatif"),
               T("whatif_hint"));
  const cJSON *s;
  cJSON_ArrayForEach(s, scenarios) {
    rp_wbuf_add(b, "<li><b>");
    rp_wbuf_html(b, str(s, "name"));
    rp_wbuf_addf(b, "</b> <form class=\"inline\" method=\"post\" "
                    "action=\"/w/%s/scenarios/%s/delete\">",
                 ws, str(s, "file"));
    csrf_field(b, pg);
    rp_wbuf_addf(b, "<button>%s</button></form><pre>", T("delete"));
    rp_wbuf_html(b, str(s, "text"));
    rp_wbuf_add(b, "</pre></li>");
  }
  rp_wbuf_addf(b, "</ul><form method=\"post\" action=\"/w/%s/scenarios\" id=\"scenario-form\">",
               ws);
  csrf_field(b, pg);
  rp_wbuf_addf(b, "<p><label>%s <input name=\"name\" id=\"scenario-name\" required size=\"16\">"
                  "</label></p>",
               T("scenario_name"));
  /* the policy keys a what-if changes, labelled as the policy form labels
   * them (model/policy.c's table), the workspace's value beside each */
  rp_wbuf_addf(b, "<table id=\"scenario-keys\"><tr><th>%s</th><th>%s</th><th>%s</th>"
                  "<th>%s</th><th>%s</th><th>%s</th></tr>",
               T("sc_policy"), T("sc_to"), T("policy_unit"), T("sc_now"), T("policy_default"),
               T("policy_source"));
  rp_page_scenario_keys(b, pg, pol);
  rp_wbuf_add(b, "</table>");
  /* the county changes the form can say in a line each */
  rp_lang_t l = pg->lang == RP_WEB_EN ? RP_LANG_EN : RP_LANG_ZH;
  rp_wbuf_addf(b, "<fieldset id=\"scenario-county\"><legend>%s</legend><p>", T("sc_county"));
  rp_wbuf_addf(b, "<label>%s <input name=\"close_school\" id=\"sc_close_school\" size=\"8\">"
                  "</label> <label>%s <input name=\"close_to\" id=\"sc_close_to\" size=\"16\">"
                  "</label></p><p>",
               T("sc_close"), T("sc_close_to"));
  rp_wbuf_addf(b, "<label>%s <select name=\"recruit_subject\" id=\"sc_recruit_subject\">"
                  "<option value=\"\"></option>",
               T("sc_recruit"));
  for (int v = 0; v < RP_SUBJECTS; v++) {
    rp_wbuf_addf(b, "<option value=\"%s\">", rp_subject_name((rp_subject_t)v));
    rp_wbuf_html(b, rp_subject_label(l, (rp_subject_t)v));
    rp_wbuf_add(b, "</option>");
  }
  rp_wbuf_addf(b, "</select></label> <label>%s <input name=\"recruit_count\" "
                  "id=\"sc_recruit_count\" size=\"4\"></label> <label>%s "
                  "<select name=\"recruit_degree\" id=\"sc_recruit_degree\">"
                  "<option value=\"\"></option>",
               T("sc_count"), T("sc_degree"));
  for (int v = RP_DEG_SECONDARY; v <= RP_DEG_DOCTOR; v++) {
    rp_wbuf_addf(b, "<option value=\"%s\">", rp_degree_name((rp_degree_t)v));
    rp_wbuf_html(b, rp_degree_label(l, (rp_degree_t)v));
    rp_wbuf_add(b, "</option>");
  }
  rp_wbuf_addf(b, "</select></label> <label>%s <input name=\"recruit_school\" "
                  "id=\"sc_recruit_school\" size=\"12\"></label></p><p>",
               T("sc_recruit_school"));
  rp_wbuf_addf(b, "<label>%s <input name=\"enrolment_target\" id=\"sc_enrolment_target\" "
                  "size=\"12\" list=\"sc-targets\"></label><datalist id=\"sc-targets\">",
               T("sc_enrolment"));
  for (int i = 0; rp_enrolment_targets[i]; i++)
    rp_wbuf_addf(b, "<option value=\"%s\">", rp_enrolment_targets[i]);
  rp_wbuf_addf(b, "</datalist> <label>%s <input name=\"enrolment_change\" "
                  "id=\"sc_enrolment_change\" size=\"6\"></label></p></fieldset>",
               T("sc_change"));
  rp_wbuf_addf(b, "<p><button id=\"scenario-add\">%s</button></p></form>", T("scenario_add"));
}

/* Who owns the workspace; with accounts, the form that adds one. */
static void owners_part(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const cJSON *wsj) {
  const cJSON *owners = cJSON_GetObjectItemCaseSensitive(wsj, "owners"), *o;
  rp_wbuf_addf(b, "<h2>%s</h2><p id=\"owners\">", T("owners"));
  int local = 0;
  cJSON_ArrayForEach(o, owners) {
    const char *n = cJSON_GetStringValue(o);
    local |= n && strcmp(n, "local") == 0;
    rp_wbuf_html(b, n ? n : "");
    rp_wbuf_add(b, " ");
  }
  rp_wbuf_add(b, "</p>");
  if (local)
    return; /* token mode: one local user, no accounts to share with */
  rp_wbuf_addf(b, "<form method=\"post\" action=\"/w/%s/owners\" id=\"owner-form\">", ws);
  csrf_field(b, pg);
  rp_wbuf_addf(b, "<label>%s <input name=\"user\" required size=\"16\"></label> "
                  "<button>%s</button></form>",
               T("user"), T("owner_add"));
}

void rp_page_text_error(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const char *text) {
  rp_page_begin(b, pg, T("title"));
  rp_wbuf_add(b, "<p class=\"err\" id=\"error\">");
  rp_wbuf_html(b, text);
  rp_wbuf_addf(b, "</p><p><a href=\"/w/%s\">", ws);
  rp_wbuf_html(b, T("back"));
  rp_wbuf_add(b, "</a></p>");
  rp_page_end(b);
}

void rp_page_workspace(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const cJSON *wsj,
                       const cJSON *inputs, const cJSON *runs, const cJSON *scenarios,
                       const rp_policy_t *pol, size_t max_upload) {
  rp_page_begin(b, pg, str(wsj, "name"));
  rp_wbuf_add(b, "<h1>");
  rp_wbuf_html(b, str(wsj, "name"));
  const cJSON *y = cJSON_GetObjectItemCaseSensitive(wsj, "year");
  rp_wbuf_addf(b, " <span class=\"muted\">%d</span></h1>", y ? y->valueint : 0);
  /* inputs */
  rp_wbuf_addf(b, "<h2>%s</h2><table id=\"inputs\"><tr><th>%s</th><th>%s</th><th>%s</th></tr>",
               T("inputs"), T("role"), T("file"), T("size"));
  for (int r = 0; r < rp_n_roles; r++) {
    char key[48];
    snprintf(key, sizeof key, "role_%s", rp_roles[r].role);
    rp_wbuf_add(b, "<tr><td>");
    rp_wbuf_html(b, T(key));
    rp_wbuf_add(b, "</td>");
    const cJSON *in = NULL, *i;
    cJSON_ArrayForEach(i, inputs) if (strcmp(str(i, "role"), rp_roles[r].role) == 0) in = i;
    if (in) {
      rp_wbuf_addf(b, "<td><a href=\"/w/%s/inputs/%s\">", ws, rp_roles[r].role);
      rp_wbuf_html(b, str(in, "file"));
      rp_wbuf_add(b, "</a>");
      sheet_note(b, pg, in);
      rp_wbuf_addf(b, "</td><td>%.0f</td></tr>",
                   cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(in, "size")));
    } else {
      rp_wbuf_add(b, "<td class=\"muted\">");
      rp_wbuf_html(b, T("missing"));
      rp_wbuf_add(b, "</td><td></td></tr>");
    }
  }
  rp_wbuf_add(b, "</table>");
  rp_wbuf_addf(b, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/w/%s/upload\">",
               ws);
  csrf_field(b, pg);
  rp_wbuf_add(b, "<select name=\"role\">");
  for (int r = 0; r < rp_n_roles; r++) {
    char key[48];
    snprintf(key, sizeof key, "role_%s", rp_roles[r].role);
    rp_wbuf_addf(b, "<option value=\"%s\">", rp_roles[r].role);
    rp_wbuf_html(b, T(key));
    rp_wbuf_add(b, "</option>");
  }
  rp_wbuf_addf(b, "</select> <input type=\"file\" name=\"file\" required> <label>%s "
                  "<input name=\"sheet\" id=\"sheet\" size=\"12\" maxlength=\"%d\"></label> "
                  "<button>%s</button><br><span class=\"muted\">%s %zu MB. %s</span></form>",
               T("sheet"), RP_WEB_MAX_SHEET, T("upload"), T("upload_hint"), max_upload >> 20,
               T("sheet_hint"));
  rp_wbuf_addf(b, "<p><a id=\"policy-link\" href=\"/w/%s/policy\">%s</a></p>", ws,
               T("policy_edit"));
  scenarios_part(b, pg, ws, scenarios, pol);
  owners_part(b, pg, ws, wsj);
  /* runs */
  rp_wbuf_addf(b, "<h2>%s</h2>", T("run"));
  for (int k = 0; k < rp_n_job_kinds; k++) {
    if (strcmp(rp_job_kinds[k].kind, "publish") == 0 ||
        strcmp(rp_job_kinds[k].kind, "report") == 0 || strcmp(rp_job_kinds[k].kind, "appeal") == 0)
      continue; /* from a plan run's page */
    rp_wbuf_addf(b, "<form class=\"inline\" method=\"post\" action=\"/w/%s/run\">", ws);
    csrf_field(b, pg);
    rp_wbuf_addf(b, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><button>%s</button></form> ",
                 rp_job_kinds[k].kind, T(rp_job_kinds[k].label_key));
  }
  rp_wbuf_addf(b, "<h2>%s</h2>", T("runs"));
  if (cJSON_GetArraySize(runs) == 0) {
    rp_wbuf_add(b, "<p class=\"muted\">");
    rp_wbuf_html(b, T("no_runs"));
    rp_wbuf_add(b, "</p>");
  } else {
    rp_wbuf_addf(b, "<table id=\"runs\"><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                    "<th>%s</th><th>%s</th></tr>",
                 T("created"), T("kind"), T("status"), T("ended"), T("started_by"),
                 T("input_hashes"));
    const cJSON *r;
    cJSON_ArrayForEach(r, runs) {
      rp_wbuf_add(b, "<tr><td><a href=\"/w/");
      rp_wbuf_html(b, ws);
      rp_wbuf_add(b, "/runs/");
      rp_wbuf_html(b, str(r, "id"));
      rp_wbuf_add(b, "\">");
      rp_wbuf_html(b, str(r, "created"));
      rp_wbuf_add(b, "</a></td><td>");
      int k = rp_job_kind_find(str(r, "kind"));
      rp_wbuf_html(b, k >= 0 ? T(rp_job_kinds[k].label_key) : str(r, "kind"));
      rp_wbuf_add(b, "</td><td>");
      status_text(b, pg, str(r, "status"));
      rp_wbuf_add(b, "</td><td>");
      rp_wbuf_html(b, str(r, "ended"));
      rp_wbuf_add(b, "</td><td>");
      rp_wbuf_html(b, str(r, "user"));
      rp_wbuf_add(b, "</td><td>");
      hashes(b, pg, r);
      rp_wbuf_add(b, "</td></tr>");
    }
    rp_wbuf_add(b, "</table>");
  }
  rp_page_end(b);
}

/* A name of a run's list in a link: '/' kept, bytes other than
 * [A-Za-z0-9._-] percent-encoded (a scenario's folder, 比例15/). */
static void href_name(rp_wbuf_t *b, const char *n) {
  for (const unsigned char *p = (const unsigned char *)n; *p; p++) {
    if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
        *p == '.' || *p == '_' || *p == '-' || *p == '/')
      rp_wbuf_addn(b, (const char *)p, 1);
    else
      rp_wbuf_addf(b, "%%%02X", *p);
  }
}

static int is_html(const char *n) {
  size_t nl = strlen(n);
  return nl > 5 && strcmp(n + nl - 5, ".html") == 0;
}

/* One file of the run's list: its page shown (an .html file) and its
 * download; shown is the text of the link (the name without its folder). */
static void file_links(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const char *id,
                       const char *n, const char *shown) {
  if (is_html(n)) { /* the report, the comparison, a published page */
    rp_wbuf_addf(b, "<a href=\"/w/%s/runs/%s/view/", ws, id);
    href_name(b, n);
    if (strcmp(shown, "report.html") == 0 || strcmp(shown, "comparison.html") == 0) {
      rp_wbuf_addf(b, "\"><b>%s</b></a> &middot; ", T("report"));
    } else {
      rp_wbuf_addf(b, "\">%s ", T("view"));
      rp_wbuf_html(b, shown);
      rp_wbuf_add(b, "</a> &middot; ");
    }
  }
  rp_wbuf_addf(b, "<a href=\"/w/%s/runs/%s/files/", ws, id);
  href_name(b, n);
  rp_wbuf_add(b, "\">");
  rp_wbuf_html(b, shown);
  rp_wbuf_add(b, "</a>");
}

/* The run's files: out/'s own, one to a line, then each folder's (a
 * comparison's scenarios) on a line of its own; the two logs. */
static void files_part(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const char *id,
                       const cJSON *outs) {
  const cJSON *o;
  rp_wbuf_addf(b, "<h2>%s</h2><ul id=\"files\">", T("files"));
  cJSON_ArrayForEach(o, outs) {
    const char *n = cJSON_GetStringValue(o);
    if (!n || !rp_web_name_valid(n))
      continue;
    rp_wbuf_add(b, "<li>");
    file_links(b, pg, ws, id, n, n);
    rp_wbuf_add(b, "</li>");
  }
  size_t open_len = 0;
  const char *open_dir = NULL;
  cJSON_ArrayForEach(o, outs) {
    const char *n = cJSON_GetStringValue(o), *slash = n ? strrchr(n, '/') : NULL;
    if (!slash || !rp_web_relname_valid(n))
      continue;
    size_t dl = (size_t)(slash - n);
    if (!open_dir || dl != open_len || strncmp(n, open_dir, dl) != 0) {
      rp_wbuf_add(b, open_dir ? "</li><li class=\"folder\"><b>" : "<li class=\"folder\"><b>");
      rp_wbuf_t d = {0};
      rp_wbuf_addn(&d, n, dl);
      rp_wbuf_html(b, d.s ? d.s : "");
      rp_wbuf_free(&d);
      rp_wbuf_add(b, "/</b> ");
      open_dir = n, open_len = dl;
    } else {
      rp_wbuf_add(b, " &middot; ");
    }
    file_links(b, pg, ws, id, n, slash + 1);
  }
  if (open_dir)
    rp_wbuf_add(b, "</li>");
  rp_wbuf_addf(b, "<li><a href=\"/w/%s/runs/%s/files/stdout.txt\">stdout.txt</a></li>"
                  "<li><a href=\"/w/%s/runs/%s/files/stderr.txt\">stderr.txt</a></li></ul>",
               ws, id, ws, id);
}

/* An appeal round's appeals.csv as a table: each header in the page's
 * language (the CLI's own words for its columns, rp_appeals_columns), the
 * cells as the command wrote them. */
static void appeals_part(rp_wbuf_t *b, const rp_page_t *pg, const rp_table_t *t) {
  rp_lang_t l = pg->lang == RP_WEB_EN ? RP_LANG_EN : RP_LANG_ZH;
  rp_wbuf_addf(b, "<h2>%s</h2><p class=\"muted\">%s</p><table id=\"appeals\"><tr>",
               T("appeals_table"), T("appeals_table_hint"));
  for (size_t c = 0; c < t->ncols; c++) {
    const char *h = t->header[c];
    for (int k = 0; rp_appeals_columns[k]; k++)
      if (strcmp(h, rp_tr(RP_LANG_EN, rp_appeals_columns[k])) == 0 ||
          strcmp(h, rp_tr(RP_LANG_ZH, rp_appeals_columns[k])) == 0)
        h = rp_tr(l, rp_appeals_columns[k]);
    rp_wbuf_add(b, "<th>");
    rp_wbuf_html(b, h);
    rp_wbuf_add(b, "</th>");
  }
  rp_wbuf_add(b, "</tr>");
  for (size_t r = 0; r < t->nrows; r++) {
    rp_wbuf_add(b, "<tr>");
    for (size_t c = 0; c < t->ncols; c++) {
      rp_wbuf_add(b, "<td>");
      rp_wbuf_html(b, rp_table_cell(t, r, (int)c));
      rp_wbuf_add(b, "</td>");
    }
    rp_wbuf_add(b, "</tr>");
  }
  rp_wbuf_add(b, "</table>");
}

void rp_page_run(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const cJSON *rec,
                 const char *out_text, const char *err_text, const char *policy_text,
                 const rp_table_t *appeals) {
  const char *status = str(rec, "status"), *id = str(rec, "id");
  int k = rp_job_kind_find(str(rec, "kind"));
  const char *title = k >= 0 ? T(rp_job_kinds[k].label_key) : str(rec, "kind");
  rp_page_begin(b, pg, title);
  rp_wbuf_addf(b, "<p><a href=\"/w/%s\">", ws);
  rp_wbuf_html(b, T("back"));
  rp_wbuf_add(b, "</a></p><h1>");
  rp_wbuf_html(b, title);
  rp_wbuf_add(b, "</h1><table id=\"run\"><tr><th>");
  rp_wbuf_html(b, T("status"));
  rp_wbuf_add(b, "</th><td id=\"status\" data-status=\"");
  rp_wbuf_html(b, status);
  rp_wbuf_add(b, "\">");
  status_text(b, pg, status);
  rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td>", T("created"));
  rp_wbuf_html(b, str(rec, "created"));
  rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td>", T("started"));
  rp_wbuf_html(b, str(rec, "started"));
  rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td>", T("ended"));
  rp_wbuf_html(b, str(rec, "ended"));
  const cJSON *code = cJSON_GetObjectItemCaseSensitive(rec, "exit_code");
  if (code)
    rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td>%d", T("exit_code"), code->valueint);
  rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td id=\"started-by\">", T("started_by"));
  rp_wbuf_html(b, str(rec, "user"));
  if (*str(rec, "plan_run")) {
    rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td><a href=\"/w/%s/runs/", T("plan_run"), ws);
    rp_wbuf_html(b, str(rec, "plan_run"));
    rp_wbuf_add(b, "\">");
    rp_wbuf_html(b, str(rec, "plan_run"));
    rp_wbuf_add(b, "</a>");
  }
  rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td>", T("input_hashes"));
  hashes(b, pg, rec);
  rp_wbuf_addf(b, "</td></tr><tr><th>%s</th><td><pre id=\"run-policy\">", T("policy_title"));
  rp_wbuf_html(b, policy_text ? policy_text : T("policy_defaults"));
  rp_wbuf_add(b, "</pre>");
  rp_wbuf_add(b, "</td></tr></table>");
  int active = strcmp(status, "queued") == 0 || strcmp(status, "running") == 0;
  if (active) {
    rp_wbuf_addf(b, "<div id=\"progress\" data-api=\"/api/w/%s/runs/%s\" data-limit=\"600\">"
                    "<div class=\"bar\"><div id=\"p-bar\"></div></div>"
                    "<p>%s: <span id=\"p-stage\"></span> &middot; %s: <span id=\"p-elapsed\">0"
                    "</span> &middot; %s: <span id=\"p-gap\"></span></p></div>",
                 ws, id, T("stage"), T("elapsed"), T("gap"));
    rp_wbuf_addf(b, "<form method=\"post\" action=\"/w/%s/runs/%s/cancel\">", ws, id);
    csrf_field(b, pg);
    rp_wbuf_addf(b, "<button id=\"cancel\">%s</button></form>"
                    "<script src=\"/static/app.js\"></script>", T("cancel"));
  }
  const cJSON *outs = cJSON_GetObjectItemCaseSensitive(rec, "outputs");
  if (!active && appeals)
    appeals_part(b, pg, appeals);
  if (!active)
    files_part(b, pg, ws, id, outs);
  if (!active && strcmp(str(rec, "kind"), "plan") == 0 && strcmp(status, "done") == 0) {
    rp_wbuf_addf(b, "<h2>%s</h2><form method=\"post\" action=\"/w/%s/runs/%s/publish\" "
                    "id=\"publish-form\">",
                 T("publish"), ws, id);
    csrf_field(b, pg);
    rp_wbuf_addf(b, "<label>%s <input type=\"date\" name=\"published\"></label> "
                    "<label>%s <input name=\"appeal_days\" size=\"3\" value=\"5\"></label> "
                    "<label>%s <input name=\"contact\" size=\"40\"></label> "
                    "<button id=\"publish\">%s</button></form>",
                 T("published"), T("appeal_days"), T("contact"), T("run_publish"));
    rp_wbuf_addf(b, "<h2>%s</h2><p class=\"muted\">%s</p><form method=\"post\" "
                    "enctype=\"multipart/form-data\" action=\"/w/%s/runs/%s/edited\" "
                    "id=\"edited-form\">",
                 T("edited"), T("edited_hint"), ws, id);
    csrf_field(b, pg);
    rp_wbuf_addf(b, "<input type=\"file\" name=\"file\" required> <button id=\"edited\">%s"
                    "</button></form>",
                 T("run_report"));
    rp_wbuf_addf(b, "<h2>%s</h2><p class=\"muted\">%s</p><form method=\"post\" "
                    "action=\"/w/%s/runs/%s/appeal\" id=\"appeal-form\">",
                 T("appeal_round"), T("appeal_hint"), ws, id);
    csrf_field(b, pg);
    rp_wbuf_addf(b, "<button id=\"appeal\">%s</button></form>", T("run_appeal"));
  }
  if (out_text && *out_text) {
    rp_wbuf_addf(b, "<h2>%s</h2><pre id=\"stdout\">", T("output"));
    rp_wbuf_html(b, out_text);
    rp_wbuf_add(b, "</pre>");
  }
  if (err_text && *err_text) {
    rp_wbuf_addf(b, "<h2>%s</h2><pre id=\"stderr\">", T("messages"));
    rp_wbuf_html(b, err_text);
    rp_wbuf_add(b, "</pre>");
  }
  rp_page_end(b);
}
