/* `rotaplan serve` (docs/web.md): libmicrohttpd with a pool of threads, one
 * table of routes, and for every request the same checks in one order:
 * the access token or the session, the route, the workspace's owner, then
 * for a POST the size, the form and the CSRF token, and only then the
 * route's handler.  Every response carries the security headers; every
 * request is logged as one line (method, path without query, status, ms). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <arpa/inet.h>
#include <limits.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "io/xlsx_reader.h"
#include "model/policy.h"
#include "web/web.h"
#include "web/web_i.h"

#define FORM_LIMIT (64 * 1024) /* body of a POST that is not an upload */

typedef struct {
  char root[RP_WEB_PATH];
  rp_auth_t *auth;
  rp_jobs_t *jobs;
  int tls;
  size_t max_upload;
} server_t;

enum { F_CSRF, F_NAME, F_YEAR, F_ROLE, F_KIND, F_USER, F_PASSWORD, F_PUBLISHED, F_CONTACT,
       F_APPEAL_DAYS, F_SHEET, N_FIELDS };
static const char *const field_names[N_FIELDS] = {
    "csrf", "name", "year", "role", "kind", "user", "password", "published", "contact",
    "appeal_days", "sheet"};

typedef struct route route_t;

typedef struct {
  struct timespec t0;
  char method[8], path[160];
  int status, responded;
  const route_t *route;
  char ws[RP_WEB_ID_LEN + 1], run[RP_WEB_ID_LEN + 1], name[RP_WEB_MAX_NAME + 1];
  char file[RP_WEB_MAX_REL + 1]; /* :file, a name of a run's list (folders and all) */
  int role;
  cJSON *wsj; /* the workspace's record, when the route names one */
  int have_session;
  char session[RP_WEB_SECRET_HEX + 1], user[RP_WEB_MAX_NAME + 1], csrf[RP_WEB_SECRET_HEX + 1];
  rp_web_lang_t lang;
  int lang_cookie; /* set the language cookie in the response */
  /* a POST's body */
  struct MHD_PostProcessor *pp;
  size_t body;
  int bad, too_big;
  rp_wbuf_t field[N_FIELDS];
  int fd, got_file;
  size_t file_bytes;
  unsigned char head[4];
  char tmp[RP_WEB_PATH];
  cJSON *form; /* FORM_KEYS routes: the other fields, by name */
} req_t;

typedef enum MHD_Result (*handler_t)(server_t *, struct MHD_Connection *, req_t *);

/* FORM_KEYS: the route reads fields of any plain name (the policy form's
 * keys), at most RP_WEB_MAX_FORM_KEYS of them, into req_t.form. */
enum { PUBLIC = 1, NO_CSRF = 2, UPLOAD = 4, FORM_KEYS = 8 };
struct route {
  const char *method, *pattern;
  handler_t fn;
  int flags;
};

/* ---- responses */

static int is_api(const req_t *r) { return strncmp(r->path, "/api/", 5) == 0; }

static void security_headers(struct MHD_Response *res, const char *csp, int cache) {
  MHD_add_response_header(res, "Content-Security-Policy",
                          csp ? csp
                              : "default-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                "base-uri 'none'");
  MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(res, "X-Frame-Options", "DENY");
  MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(res, "Cache-Control", cache ? "private, max-age=3600" : "no-store");
}

static void lang_cookie(struct MHD_Response *res, const req_t *r) {
  if (r->lang_cookie)
    MHD_add_response_header(res, "Set-Cookie", r->lang == RP_WEB_EN
                                                   ? "rp_lang=en; Path=/; SameSite=Strict"
                                                   : "rp_lang=zh; Path=/; SameSite=Strict");
}

/* Sends b (taken: freed here) with the given status and type. */
static enum MHD_Result send_buf(struct MHD_Connection *c, req_t *r, unsigned status,
                                const char *type, rp_wbuf_t *b, const char *cookie,
                                const char *location) {
  if (b->oom) {
    rp_wbuf_free(b);
    rp_wbuf_add(b, "out of memory\n");
    status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    type = "text/plain; charset=utf-8";
  }
  struct MHD_Response *res =
      MHD_create_response_from_buffer(b->n, b->s ? b->s : (char *)"", b->s ? MHD_RESPMEM_MUST_FREE
                                                                           : MHD_RESPMEM_PERSISTENT);
  if (!res) {
    rp_wbuf_free(b);
    return MHD_NO;
  }
  b->s = NULL;
  rp_wbuf_free(b);
  MHD_add_response_header(res, "Content-Type", type);
  security_headers(res, NULL, 0);
  lang_cookie(res, r);
  if (cookie)
    MHD_add_response_header(res, "Set-Cookie", cookie);
  if (location)
    MHD_add_response_header(res, "Location", location);
  enum MHD_Result ok = MHD_queue_response(c, status, res);
  MHD_destroy_response(res);
  r->status = (int)status;
  r->responded = 1;
  return ok;
}

static rp_page_t page_of(const req_t *r) {
  rp_page_t pg = {r->lang, r->have_session ? r->user : NULL, r->csrf, r->path};
  return pg;
}

/* Closes and removes the request's temporary upload, if any. */
static void drop_upload(req_t *r) {
  if (r->fd >= 0)
    close(r->fd);
  r->fd = -1;
  if (r->tmp[0])
    unlink(r->tmp);
  r->tmp[0] = 0;
}

/* An error: JSON under /api/, else a page with the message of key.  A
 * refused upload is removed before the answer leaves. */
static enum MHD_Result send_error(struct MHD_Connection *c, req_t *r, unsigned status,
                                  const char *key) {
  rp_wbuf_t b = {0};
  drop_upload(r);
  if (is_api(r)) {
    rp_wbuf_addf(&b, "{\"error\":\"%s\"}\n", key);
    return send_buf(c, r, status, "application/json", &b, NULL, NULL);
  }
  rp_page_t pg = page_of(r);
  pg.self = "/"; /* the language switch leads home, not back to the bad path */
  rp_page_message(&b, &pg, key);
  return send_buf(c, r, status, "text/html; charset=utf-8", &b, NULL, NULL);
}

static enum MHD_Result redirect(struct MHD_Connection *c, req_t *r, const char *to,
                                const char *cookie) {
  rp_wbuf_t b = {0};
  rp_wbuf_add(&b, "");
  return send_buf(c, r, MHD_HTTP_SEE_OTHER, "text/plain; charset=utf-8", &b, cookie, to);
}

static enum MHD_Result send_json(struct MHD_Connection *c, req_t *r, cJSON *j) {
  char *s = cJSON_Print(j);
  cJSON_Delete(j);
  rp_wbuf_t b = {0};
  if (!s)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  rp_wbuf_add(&b, s);
  rp_wbuf_add(&b, "\n");
  cJSON_free(s);
  return send_buf(c, r, MHD_HTTP_OK, "application/json", &b, NULL, NULL);
}

static void session_cookie(const server_t *s, const char *id, char *out, size_t n) {
  snprintf(out, n, "rp_session=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%d%s", id,
           RP_WEB_SESSION_IDLE, s->tls ? "; Secure" : "");
}

static const char *content_type(const char *name) {
  static const struct {
    const char *ext, *type;
  } types[] = {{".csv", "text/csv"},
               {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
               {".json", "application/json"},
               {".html", "text/html; charset=utf-8"},
               {".txt", "text/plain; charset=utf-8"},
               {".ini", "text/plain; charset=utf-8"}};
  const char *dot = strrchr(name, '.');
  for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
    if (strcmp(dot, types[i].ext) == 0)
      return types[i].type;
  return "application/octet-stream";
}

/* Sends the open file fd (taken: closed here) of the data folder: as a
 * download (attachment, named name with any '/' as '_'), or inline under
 * csp (a run's report, sandboxed). */
static enum MHD_Result send_fd(struct MHD_Connection *c, req_t *r, int fd, const char *name,
                               const char *inline_csp) {
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0)
      close(fd);
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  }
  struct MHD_Response *res = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
  if (!res) {
    close(fd);
    return MHD_NO;
  }
  MHD_add_response_header(res, "Content-Type", content_type(name));
  security_headers(res, inline_csp, 0);
  if (!inline_csp) {
    /* The name as RFC 6266 gives it: plain ASCII as it is; a name with a
     * folder of another script (比例15/plan.xlsx) also percent-encoded in
     * filename*, the file's own name the fallback.  '/' becomes '_'. */
    const char *base = strrchr(name, '/');
    int plain = 1, base_plain = 1;
    base = base ? base + 1 : name;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
      plain &= *p < 0x80, base_plain &= p < (const unsigned char *)base || *p < 0x80;
    rp_wbuf_t cd = {0};
    rp_wbuf_add(&cd, "attachment; filename=\"");
    for (const char *p = plain ? name : base_plain ? base : "download"; *p; p++)
      rp_wbuf_addn(&cd, *p == '/' ? "_" : p, 1);
    rp_wbuf_add(&cd, "\"");
    if (!plain) {
      rp_wbuf_add(&cd, "; filename*=UTF-8''");
      for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            *p == '.' || *p == '_' || *p == '-')
          rp_wbuf_addn(&cd, (const char *)p, 1);
        else if (*p == '/')
          rp_wbuf_add(&cd, "_");
        else
          rp_wbuf_addf(&cd, "%%%02X", *p);
      }
    }
    if (cd.oom || MHD_add_response_header(res, "Content-Disposition", cd.s) != MHD_YES) {
      rp_wbuf_free(&cd); /* never a download shown as a page */
      MHD_destroy_response(res);
      return MHD_NO;
    }
    rp_wbuf_free(&cd);
  }
  lang_cookie(res, r);
  enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, res);
  MHD_destroy_response(res);
  r->status = MHD_HTTP_OK;
  r->responded = 1;
  return ok;
}

static enum MHD_Result send_file(struct MHD_Connection *c, req_t *r, const char *path,
                                 const char *name, const char *inline_csp) {
  return send_fd(c, r, open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), name, inline_csp);
}

/* Opens rel ("比例15/report.html", checked by rp_web_relname_valid) under
 * the folder dir one name at a time, never through a link (O_NOFOLLOW on
 * every folder and the file): a link planted in a run's out/ leads
 * nowhere.  The file's descriptor, or -1. */
static int open_beneath(const char *dir, const char *rel) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  char seg[RP_WEB_MAX_REL + 1];
  while (fd >= 0) {
    size_t n = strcspn(rel, "/");
    memcpy(seg, rel, n);
    seg[n] = 0;
    int last = rel[n] == 0;
    int next = openat(fd, seg, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? 0 : O_DIRECTORY));
    close(fd);
    fd = next;
    if (last)
      break;
    rel += n + 1;
  }
  return fd;
}

/* ---- handlers */

static const char *field(const req_t *r, int f) { return r->field[f].s ? r->field[f].s : ""; }

static enum MHD_Result h_home(server_t *s, struct MHD_Connection *c, req_t *r) {
  cJSON *list = rp_ws_list(s->root, r->user);
  rp_wbuf_t b = {0};
  rp_page_t pg = page_of(r);
  rp_page_home(&b, &pg, list);
  cJSON_Delete(list);
  return send_buf(c, r, MHD_HTTP_OK, "text/html; charset=utf-8", &b, NULL, NULL);
}

static enum MHD_Result h_api_workspaces(server_t *s, struct MHD_Connection *c, req_t *r) {
  return send_json(c, r, rp_ws_list(s->root, r->user));
}

static enum MHD_Result h_ws_create(server_t *s, struct MHD_Connection *c, req_t *r) {
  const char *name = field(r, F_NAME), *ys = field(r, F_YEAR);
  char *end;
  long year = strtol(ys, &end, 10);
  size_t n = strlen(name);
  if (n == 0 || n > 200 || !*ys || *end || year < 1950 || year > 2200)
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  char id[RP_WEB_ID_LEN + 1], to[64];
  if (rp_ws_create(s->root, r->user, name, (int)year, id) != 0)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  snprintf(to, sizeof to, "/w/%s", id);
  return redirect(c, r, to, NULL);
}

static int ws_year(const req_t *r);

static enum MHD_Result h_ws(server_t *s, struct MHD_Connection *c, req_t *r) {
  cJSON *inputs = cJSON_CreateArray();
  char p[RP_WEB_PATH];
  for (int i = 0; i < rp_n_roles; i++) {
    struct stat st;
    if (rp_ws_input(s->root, r->ws, i, p, sizeof p) != 0 || stat(p, &st) != 0)
      continue;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "role", rp_roles[i].role);
    cJSON_AddStringToObject(o, "file", strrchr(p, '/') + 1);
    cJSON_AddNumberToObject(o, "size", (double)st.st_size);
    char sheet[RP_WEB_SHEET_BYTES];
    if (rp_ws_input_sheet(s->root, r->ws, i, sheet, sizeof sheet) == 0 &&
        rp_roles[i].xlsx && strcmp(strrchr(p, '/') + 1, rp_roles[i].xlsx) == 0)
      cJSON_AddStringToObject(o, "sheet", sheet);
    cJSON_AddItemToArray(inputs, o);
  }
  cJSON *runs = rp_ws_runs(s->root, r->ws);
  cJSON *scenarios = rp_scenarios_list(s->root, r->ws);
  rp_wbuf_t b = {0};
  rp_page_t pg = page_of(r);
  rp_policy_t pol; /* the defaults when policy.ini does not read (its form says why) */
  char msg[512];
  int has = rp_ws_input(s->root, r->ws, rp_role_find("policy"), p, sizeof p) == 0 &&
            access(p, R_OK) == 0;
  rp_web_policy_current(has ? p : NULL, ws_year(r), &pol, msg, sizeof msg);
  rp_page_workspace(&b, &pg, r->ws, r->wsj, inputs, runs, scenarios, &pol, s->max_upload);
  cJSON_Delete(scenarios);
  cJSON_Delete(inputs);
  cJSON_Delete(runs);
  return send_buf(c, r, MHD_HTTP_OK, "text/html; charset=utf-8", &b, NULL, NULL);
}

static enum MHD_Result h_input(server_t *s, struct MHD_Connection *c, req_t *r) {
  char p[RP_WEB_PATH];
  if (rp_ws_input(s->root, r->ws, r->role, p, sizeof p) != 0)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  return send_file(c, r, p, strrchr(p, '/') + 1, NULL);
}

/* Why the sheet named for an upload cannot be kept, into why (in the
 * page's language), or 0 when it can: a name for a workbook only, a name
 * a workbook may hold, and one the uploaded workbook has, read by the
 * command line's own reader (io/xlsx_reader.c: its message lists the
 * workbook's sheets). */
static int sheet_refused(const server_t *s, const req_t *r, const rp_input_role_t *ro, int xlsx,
                         const char *sheet, rp_wbuf_t *why) {
  if (!xlsx) {
    rp_wbuf_add(why, rp_t(r->lang, "sheet_not_workbook"));
    return 1;
  }
  if (!rp_web_sheet_valid(sheet)) {
    rp_wbuf_addf(why, "%s \"%s\": %s", rp_t(r->lang, "sheet"), sheet, rp_t(r->lang, "sheet_bad"));
    return 1;
  }
  size_t len = 0;
  char *data = rp_web_read_file(r->tmp, s->max_upload, &len);
  if (!data) {
    rp_wbuf_add(why, rp_t(r->lang, "error"));
    return 1;
  }
  rp_diag_t d = RP_DIAG_INIT;
  rp_table_t *t = NULL;
  int refused = rp_xlsx_parse(ro->xlsx, data, len, sheet, 1, &t, &d) != RP_OK;
  for (size_t i = 0; refused && i < d.n; i++)
    if (d.v[i].sev == RP_SEV_ERROR) {
      const rp_diag_entry_t *e = &d.v[i];
      rp_wbuf_addf(why, "%s%s%s", e->file ? e->file : "", e->file ? ": " : "",
                   r->lang == RP_WEB_ZH && e->msg_zh ? e->msg_zh : e->msg);
      break;
    }
  if (refused && why->n == 0)
    rp_wbuf_add(why, rp_t(r->lang, "error"));
  rp_table_free(t);
  rp_diag_clear(&d);
  free(data);
  return refused;
}

static enum MHD_Result h_upload(server_t *s, struct MHD_Connection *c, req_t *r) {
  int role = rp_role_find(field(r, F_ROLE));
  if (role < 0 || !r->got_file || r->fd < 0 || r->file_bytes == 0)
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  const rp_input_role_t *ro = &rp_roles[role];
  int xlsx = r->file_bytes >= 4 && memcmp(r->head, "PK\3\4", 4) == 0;
  if (xlsx && !ro->xlsx)
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  if (fsync(r->fd) != 0 || close(r->fd) != 0) {
    r->fd = -1;
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  }
  r->fd = -1;
  /* The sheet the planner named (spaces around it as typed dropped). */
  char sheet[RP_WEB_MAX_FIELD + 1];
  const char *f = field(r, F_SHEET);
  f += strspn(f, " \t");
  size_t n = strlen(f);
  while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\t'))
    n--;
  snprintf(sheet, sizeof sheet, "%.*s", (int)n, f);
  if (sheet[0]) {
    rp_wbuf_t why = {0};
    if (sheet_refused(s, r, ro, xlsx, sheet, &why)) {
      rp_wbuf_t b = {0};
      rp_page_t pg = page_of(r);
      drop_upload(r);
      rp_page_text_error(&b, &pg, r->ws, why.s ? why.s : "");
      rp_wbuf_free(&why);
      return send_buf(c, r, MHD_HTTP_BAD_REQUEST, "text/html; charset=utf-8", &b, NULL, NULL);
    }
    rp_wbuf_free(&why);
  }
  char dst[RP_WEB_PATH], other[RP_WEB_PATH], rest[64];
  snprintf(rest, sizeof rest, "inputs/%s", xlsx ? ro->xlsx : ro->csv);
  /* The previous file's sheet goes first: a new file is read at the sheet
   * named with it, or at its first one. */
  if (rp_store_path(dst, sizeof dst, s->root, r->ws, rest) != 0 ||
      rp_ws_set_sheet(s->root, r->ws, role, NULL) != 0 || rename(r->tmp, dst) != 0)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  r->tmp[0] = 0;
  if (sheet[0] && rp_ws_set_sheet(s->root, r->ws, role, sheet) != 0)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  if (ro->xlsx) { /* the other variant is no longer the current file */
    snprintf(rest, sizeof rest, "inputs/%s", xlsx ? ro->csv : ro->xlsx);
    if (rp_store_path(other, sizeof other, s->root, r->ws, rest) == 0)
      unlink(other);
  }
  char to[64];
  snprintf(to, sizeof to, "/w/%s", r->ws);
  return redirect(c, r, to, NULL);
}

/* The answer to a submitted job: the new run's page, or why not (conflict:
 * the message of a missing input, -3, or of a run that is no finished
 * plan, -5). */
static enum MHD_Result started(struct MHD_Connection *c, req_t *r, int rc,
                               const char run[RP_WEB_ID_LEN + 1], const char *conflict) {
  char to[64];
  if (rc == -4)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  if (rc == -5 || rc == -3)
    return send_error(c, r, MHD_HTTP_CONFLICT, conflict);
  if (rc == -2)
    return send_error(c, r, MHD_HTTP_TOO_MANY_REQUESTS, "busy");
  if (rc != 0)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  snprintf(to, sizeof to, "/w/%s/runs/%s", r->ws, run);
  return redirect(c, r, to, NULL);
}

static enum MHD_Result h_run(server_t *s, struct MHD_Connection *c, req_t *r) {
  int kind = rp_job_kind_find(field(r, F_KIND));
  if (kind < 0 || strcmp(rp_job_kinds[kind].kind, "publish") == 0 ||
      strcmp(rp_job_kinds[kind].kind, "report") == 0 ||
      strcmp(rp_job_kinds[kind].kind, "appeal") == 0) /* those: of a plan run */
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  char run[RP_WEB_ID_LEN + 1];
  int rc = rp_jobs_submit(s->jobs, r->ws, kind, r->lang == RP_WEB_EN ? "en" : "zh", r->user,
                          run);
  return started(c, r, rc, run, "need_rosters");
}

/* A publish job of a finished plan run, with the planner's options, each
 * checked before it becomes an argument (no shell: argv as it is). */
static enum MHD_Result h_publish(server_t *s, struct MHD_Connection *c, req_t *r) {
  const char *date = field(r, F_PUBLISHED), *contact = field(r, F_CONTACT),
             *days = field(r, F_APPEAL_DAYS);
  int ok = 1;
  if (*date) {
    ok &= strlen(date) == 10 && date[4] == '-' && date[7] == '-';
    for (int i = 0; ok && i < 10; i++)
      ok &= i == 4 || i == 7 || (date[i] >= '0' && date[i] <= '9');
  }
  if (*days) {
    char *end;
    long n = strtol(days, &end, 10);
    ok &= *end == 0 && n >= 1 && n <= 60 && days[0] != '-' && days[0] != '+';
  }
  ok &= strlen(contact) <= 300;
  for (const unsigned char *p = (const unsigned char *)contact; ok && *p; p++)
    ok &= *p >= 0x20 && *p != 0x7f;
  if (!ok)
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  const char *opts[8] = {0};
  int n = 0;
  if (*date)
    opts[n++] = "--published", opts[n++] = date;
  if (*days)
    opts[n++] = "--appeal-days", opts[n++] = days;
  if (*contact)
    opts[n++] = "--contact", opts[n++] = contact;
  char run[RP_WEB_ID_LEN + 1];
  int rc = rp_jobs_submit_from(s->jobs, r->ws, rp_job_kind_find("publish"),
                               r->lang == RP_WEB_EN ? "en" : "zh", r->user, r->run, opts,
                               NULL, run);
  return started(c, r, rc, run, "need_plan");
}

/* The appeal round of a plan run: planned again with that plan kept where
 * it can be (--previous) and the workspace's appeals.csv granted. */
static enum MHD_Result h_appeal(server_t *s, struct MHD_Connection *c, req_t *r) {
  char run[RP_WEB_ID_LEN + 1];
  int rc = rp_jobs_submit_from(s->jobs, r->ws, rp_job_kind_find("appeal"),
                               r->lang == RP_WEB_EN ? "en" : "zh", r->user, r->run, NULL, NULL,
                               run);
  return started(c, r, rc, run, "need_appeals");
}

/* An edited rotation_list.csv for a plan run: a report job in a new run
 * (the plan's files copied there, the list put over the copy's), never
 * written into the plan run. */
static enum MHD_Result h_edited(server_t *s, struct MHD_Connection *c, req_t *r) {
  if (!r->got_file || r->fd < 0 || r->file_bytes == 0 ||
      (r->file_bytes >= 4 && memcmp(r->head, "PK\3\4", 4) == 0)) /* a CSV, not a workbook */
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  if (fsync(r->fd) != 0 || close(r->fd) != 0) {
    r->fd = -1;
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  }
  r->fd = -1;
  char run[RP_WEB_ID_LEN + 1];
  int rc = rp_jobs_submit_from(s->jobs, r->ws, rp_job_kind_find("report"),
                               r->lang == RP_WEB_EN ? "en" : "zh", r->user, r->run, NULL, r->tmp,
                               run);
  if (rc == 0)
    r->tmp[0] = 0; /* renamed into the run */
  return started(c, r, rc, run, "need_plan");
}

static char *run_text(const server_t *s, const req_t *r, const char *file) {
  char p[RP_WEB_PATH], rest[64];
  snprintf(rest, sizeof rest, "runs/%s/%s", r->run, file);
  if (rp_store_path(p, sizeof p, s->root, r->ws, rest) != 0)
    return NULL;
  return rp_web_read_file(p, 1 << 20, NULL);
}

static enum MHD_Result h_run_page(server_t *s, struct MHD_Connection *c, req_t *r) {
  cJSON *rec = rp_jobs_status(s->jobs, r->ws, r->run);
  if (!rec)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  char *out = run_text(s, r, "stdout.txt"), *err = run_text(s, r, "stderr.txt");
  char *pol = run_text(s, r, "inputs/policy.ini"); /* the policy the run read */
  rp_wbuf_t b = {0};
  rp_page_t pg = page_of(r);
  /* An appeal round's appeals.csv, shown as a table (docs/web.md) */
  rp_table_t *appeals = NULL;
  const cJSON *o;
  char p[RP_WEB_PATH], rest[64];
  cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(rec, "outputs"))
    if (cJSON_IsString(o) && strcmp(o->valuestring, "appeals.csv") == 0 &&
        snprintf(rest, sizeof rest, "runs/%s/out/appeals.csv", r->run) < (int)sizeof rest &&
        rp_store_path(p, sizeof p, s->root, r->ws, rest) == 0) {
      rp_diag_t d = RP_DIAG_INIT;
      if (rp_csv_read_maybe_empty(p, &appeals, &d) != RP_OK)
        appeals = NULL; /* then the download alone, as before */
      rp_diag_clear(&d);
    }
  rp_page_run(&b, &pg, r->ws, rec, out, err, pol, appeals);
  rp_table_free(appeals);
  free(pol);
  free(out);
  free(err);
  cJSON_Delete(rec);
  return send_buf(c, r, MHD_HTTP_OK, "text/html; charset=utf-8", &b, NULL, NULL);
}

static enum MHD_Result h_api_run(server_t *s, struct MHD_Connection *c, req_t *r) {
  cJSON *rec = rp_jobs_status(s->jobs, r->ws, r->run);
  if (!rec)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  cJSON *p = cJSON_GetObjectItemCaseSensitive(rec, "progress");
  const char *stage = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "stage"));
  char key[80];
  if (stage && snprintf(key, sizeof key, "stage_%s", stage) < (int)sizeof key &&
      strcmp(rp_t(r->lang, key), key) != 0)
    cJSON_AddStringToObject(p, "label", rp_t(r->lang, key)); /* else the stage's own name */
  return send_json(c, r, rec);
}

static enum MHD_Result h_cancel(server_t *s, struct MHD_Connection *c, req_t *r) {
  cJSON *rec = rp_jobs_status(s->jobs, r->ws, r->run);
  if (!rec)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  cJSON_Delete(rec);
  rp_jobs_cancel(s->jobs, r->ws, r->run);
  char to[64];
  snprintf(to, sizeof to, "/w/%s/runs/%s", r->ws, r->run);
  return redirect(c, r, to, NULL);
}

/* A file of a run, found by name in the run's own list (job.json
 * "outputs": out/'s files and those of its folders, "比例15/report.html")
 * or, as a download, one of its two logs.  Under view/ an .html file is
 * shown inline (csp), any other file of the list downloads, so that the
 * links of a shown report (comparison.html to each scenario's
 * report.html, a published index to its schools' pages) lead somewhere. */
static enum MHD_Result run_file(server_t *s, struct MHD_Connection *c, req_t *r,
                                const char *csp) {
  cJSON *rec = rp_jobs_status(s->jobs, r->ws, r->run);
  const char *dir = NULL;
  const cJSON *o;
  cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(rec, "outputs"))
    if (cJSON_IsString(o) && strcmp(o->valuestring, r->file) == 0)
      dir = "out";
  if (!csp && (strcmp(r->file, "stdout.txt") == 0 || strcmp(r->file, "stderr.txt") == 0))
    dir = ".";
  cJSON_Delete(rec);
  if (!dir)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  if (csp && strcmp(content_type(r->file), "text/html; charset=utf-8") != 0)
    csp = NULL; /* not a page: a download */
  char p[RP_WEB_PATH], rest[64];
  snprintf(rest, sizeof rest, "runs/%s/%s", r->run, dir);
  if (rp_store_path(p, sizeof p, s->root, r->ws, rest) != 0)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  return send_fd(c, r, open_beneath(p, r->file), r->file, csp);
}

static enum MHD_Result h_file(server_t *s, struct MHD_Connection *c, req_t *r) {
  return run_file(s, c, r, NULL);
}

/* The report is one self-contained page (inline style and SVG, no
 * script): shown sandboxed, allowed no script, no form, nothing from
 * elsewhere.  allow-same-origin keeps the page of the workspace's origin,
 * so that following one of its links (comparison.html to a scenario's
 * report) carries the SameSite session cookie (a sandboxed page's own
 * origin is opaque, and its navigations cross-site); without scripts it
 * gives the page nothing else.  allow-downloads: its links to a workbook. */
#define VIEW_CSP                                                                           \
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "     \
  "base-uri 'none'; frame-ancestors 'none'; sandbox allow-same-origin allow-downloads"

static enum MHD_Result h_view(server_t *s, struct MHD_Connection *c, req_t *r) {
  return run_file(s, c, r, VIEW_CSP);
}

static enum MHD_Result h_static(struct MHD_Connection *c, req_t *r, const char *text,
                                const char *type) {
  struct MHD_Response *res =
      MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
  if (!res)
    return MHD_NO;
  MHD_add_response_header(res, "Content-Type", type);
  security_headers(res, NULL, 1);
  enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, res);
  MHD_destroy_response(res);
  r->status = MHD_HTTP_OK;
  r->responded = 1;
  return ok;
}

static enum MHD_Result h_js(server_t *s, struct MHD_Connection *c, req_t *r) {
  (void)s;
  return h_static(c, r, rp_web_js, "text/javascript; charset=utf-8");
}

static enum MHD_Result h_css(server_t *s, struct MHD_Connection *c, req_t *r) {
  (void)s;
  return h_static(c, r, rp_web_css, "text/css; charset=utf-8");
}

static enum MHD_Result h_favicon(server_t *s, struct MHD_Connection *c, req_t *r) {
  (void)s; /* none: the browsers' request answered without an error */
  return h_static(c, r, "", "image/x-icon");
}

static enum MHD_Result h_login_page(server_t *s, struct MHD_Connection *c, req_t *r) {
  rp_wbuf_t b = {0};
  rp_page_t pg = page_of(r);
  rp_page_login(&b, &pg, 0, rp_auth_token(s->auth) != NULL);
  return send_buf(c, r, MHD_HTTP_OK, "text/html; charset=utf-8", &b, NULL, NULL);
}

static enum MHD_Result h_login(server_t *s, struct MHD_Connection *c, req_t *r) {
  if (!rp_auth_password_ok(s->auth, field(r, F_USER), field(r, F_PASSWORD))) {
    rp_wbuf_t b = {0};
    rp_page_t pg = page_of(r);
    rp_page_login(&b, &pg, 1, rp_auth_token(s->auth) != NULL);
    return send_buf(c, r, MHD_HTTP_UNAUTHORIZED, "text/html; charset=utf-8", &b, NULL, NULL);
  }
  char id[RP_WEB_SECRET_HEX + 1], cookie[256];
  rp_auth_session_new(s->auth, field(r, F_USER), id);
  session_cookie(s, id, cookie, sizeof cookie);
  sodium_memzero(id, sizeof id);
  return redirect(c, r, "/", cookie);
}

static enum MHD_Result h_logout(server_t *s, struct MHD_Connection *c, req_t *r) {
  rp_auth_session_end(s->auth, r->session);
  return redirect(c, r, rp_auth_token(s->auth) ? "/" : "/login",
                  "rp_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
}

static int ws_year(const req_t *r) {
  const cJSON *y = cJSON_GetObjectItemCaseSensitive(r->wsj, "year");
  return cJSON_IsNumber(y) ? y->valueint : 0;
}

static enum MHD_Result policy_form(server_t *s, struct MHD_Connection *c, req_t *r,
                                   unsigned status, const rp_policy_t *shown,
                                   const char *error) {
  char p[RP_WEB_PATH], msg[512];
  int has = rp_ws_input(s->root, r->ws, rp_role_find("policy"), p, sizeof p) == 0 &&
            access(p, R_OK) == 0;
  rp_policy_t cur;
  if (!shown && rp_web_policy_current(has ? p : NULL, ws_year(r), &cur, msg, sizeof msg) != 0)
    error = msg; /* the file does not read: defaults shown, and why */
  rp_wbuf_t b = {0};
  rp_page_t pg = page_of(r);
  rp_page_policy(&b, &pg, r->ws, r->wsj, shown ? shown : &cur, has, error);
  return send_buf(c, r, status, "text/html; charset=utf-8", &b, NULL, NULL);
}

static enum MHD_Result h_policy_page(server_t *s, struct MHD_Connection *c, req_t *r) {
  return policy_form(s, c, r, MHD_HTTP_OK, NULL, NULL);
}

/* Saves the form as the workspace's policy.ini, after the CLI's reader
 * accepted it; a refused form is shown again with the message (400) and
 * the previous file stays. */
static enum MHD_Result h_policy_save(server_t *s, struct MHD_Connection *c, req_t *r) {
  char msg[512], dst[RP_WEB_PATH];
  char *ini = rp_web_policy_ini(r->form, ws_year(r), r->lang, msg, sizeof msg);
  if (!ini) {
    return policy_form(s, c, r, MHD_HTTP_BAD_REQUEST, NULL, msg);
  }
  int rc = rp_store_path(dst, sizeof dst, s->root, r->ws, "inputs/policy.ini") == 0
               ? rp_web_write_file(dst, ini)
               : -1;
  free(ini);
  if (rc != 0)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  char to[64];
  snprintf(to, sizeof to, "/w/%s/policy", r->ws);
  return redirect(c, r, to, NULL);
}

static enum MHD_Result back_to_ws(struct MHD_Connection *c, req_t *r) {
  char to[64];
  snprintf(to, sizeof to, "/w/%s", r->ws);
  return redirect(c, r, to, NULL);
}

/* Sharing: an owner adds another account as owner (accounts mode only;
 * to everyone else the workspace stays 404). */
static enum MHD_Result h_owner_add(server_t *s, struct MHD_Connection *c, req_t *r) {
  const char *user = field(r, F_USER);
  if (!rp_auth_user_exists(s->auth, user)) {
    rp_wbuf_t b = {0};
    rp_page_t pg = page_of(r);
    rp_page_text_error(&b, &pg, r->ws, rp_t(r->lang, "no_such_user"));
    return send_buf(c, r, MHD_HTTP_BAD_REQUEST, "text/html; charset=utf-8", &b, NULL, NULL);
  }
  if (rp_ws_add_owner(s->root, r->ws, user) != 0)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  return back_to_ws(c, r);
}

static enum MHD_Result h_scenario_add(server_t *s, struct MHD_Connection *c, req_t *r) {
  char msg[512];
  int rc = rp_scenario_add(s->root, r->ws, field(r, F_NAME), r->form, r->lang, msg, sizeof msg);
  if (rc < 0)
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
  if (rc > 0) {
    rp_wbuf_t b = {0};
    rp_page_t pg = page_of(r);
    rp_page_text_error(&b, &pg, r->ws, msg);
    return send_buf(c, r, MHD_HTTP_BAD_REQUEST, "text/html; charset=utf-8", &b, NULL, NULL);
  }
  return back_to_ws(c, r);
}

static enum MHD_Result h_scenario_delete(server_t *s, struct MHD_Connection *c, req_t *r) {
  if (rp_scenario_delete(s->root, r->ws, r->name) != 0)
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  return back_to_ws(c, r);
}

/* Every page and API call.  A new page is a row here; a name in the
 * pattern (:ws, :run, :role, :name) is checked before its handler runs;
 * :file, last in a pattern, takes the rest of the path, folders and all
 * (rp_web_relname_valid). */
static const route_t routes[] = {
    {"GET", "/", h_home, 0},
    {"POST", "/workspaces", h_ws_create, 0},
    {"GET", "/w/:ws", h_ws, 0},
    {"POST", "/w/:ws/upload", h_upload, UPLOAD},
    {"GET", "/w/:ws/inputs/:role", h_input, 0},
    {"GET", "/w/:ws/policy", h_policy_page, 0},
    {"POST", "/w/:ws/policy", h_policy_save, FORM_KEYS},
    {"POST", "/w/:ws/owners", h_owner_add, 0},
    {"POST", "/w/:ws/scenarios", h_scenario_add, FORM_KEYS},
    {"POST", "/w/:ws/scenarios/:name/delete", h_scenario_delete, 0},
    {"POST", "/w/:ws/run", h_run, 0},
    {"GET", "/w/:ws/runs/:run", h_run_page, 0},
    {"POST", "/w/:ws/runs/:run/cancel", h_cancel, 0},
    {"POST", "/w/:ws/runs/:run/publish", h_publish, 0},
    {"POST", "/w/:ws/runs/:run/edited", h_edited, UPLOAD},
    {"POST", "/w/:ws/runs/:run/appeal", h_appeal, 0},
    {"GET", "/w/:ws/runs/:run/files/:file", h_file, 0},
    {"GET", "/w/:ws/runs/:run/view/:file", h_view, 0},
    {"GET", "/api/workspaces", h_api_workspaces, 0},
    {"GET", "/api/w/:ws/runs/:run", h_api_run, 0},
    {"GET", "/static/app.js", h_js, PUBLIC},
    {"GET", "/static/app.css", h_css, PUBLIC},
    {"GET", "/favicon.ico", h_favicon, PUBLIC},
    {"GET", "/login", h_login_page, PUBLIC},
    {"POST", "/login", h_login, PUBLIC | NO_CSRF},
    {"POST", "/logout", h_logout, 0},
};

/* Matches path against pattern, filling r's names; 1 on a match. */
static int match(const char *pattern, const char *path, req_t *r) {
  const char *p = pattern, *u = path;
  while (*p && *u) {
    if (*p == ':') {
      const char *pe = p + strcspn(p, "/");
      if (pe - p == 5 && strncmp(p, ":file", 5) == 0 && !*pe) {
        size_t rn = strlen(u);
        if (rn > RP_WEB_MAX_REL || !rp_web_relname_valid(u))
          return 0;
        memcpy(r->file, u, rn + 1);
        return 1;
      }
      size_t un = strcspn(u, "/");
      char seg[RP_WEB_MAX_NAME + 1];
      if (un > RP_WEB_MAX_NAME)
        return 0;
      memcpy(seg, u, un);
      seg[un] = 0;
      size_t pn = (size_t)(pe - p);
      if (pn == 3 && strncmp(p, ":ws", 3) == 0) {
        if (!rp_web_id_valid(seg))
          return 0;
        memcpy(r->ws, seg, un + 1);
      } else if (pn == 4 && strncmp(p, ":run", 4) == 0) {
        if (!rp_web_id_valid(seg))
          return 0;
        memcpy(r->run, seg, un + 1);
      } else if (pn == 5 && strncmp(p, ":role", 5) == 0) {
        if ((r->role = rp_role_find(seg)) < 0)
          return 0;
      } else if (pn == 5 && strncmp(p, ":name", 5) == 0) {
        if (!rp_web_name_valid(seg))
          return 0;
        memcpy(r->name, seg, un + 1);
      } else {
        return 0;
      }
      p = pe;
      u += un;
    } else if (*p++ != *u++) {
      return 0;
    }
  }
  return !*p && !*u;
}

/* ---- the request's life */

static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *transfer_encoding, const char *data, uint64_t off,
                                  size_t size) {
  req_t *r = cls;
  (void)kind, (void)filename, (void)content_type, (void)transfer_encoding, (void)off;
  if (strcmp(key, "file") == 0 && (r->route->flags & UPLOAD)) {
    r->got_file = 1;
    if (r->fd < 0)
      return MHD_NO; /* the temporary file could not be made */
    if (r->file_bytes < 4)
      memcpy(r->head + r->file_bytes, data,
             size < 4 - r->file_bytes ? size : 4 - r->file_bytes);
    size_t done = 0;
    while (done < size) {
      ssize_t w = write(r->fd, data + done, size - done);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0) {
        r->bad = 1;
        return MHD_NO;
      }
      done += (size_t)w;
    }
    r->file_bytes += size;
    return MHD_YES;
  }
  for (int f = 0; f < N_FIELDS; f++)
    if (strcmp(key, field_names[f]) == 0) {
      if (r->field[f].n + size > RP_WEB_MAX_FIELD || memchr(data, 0, size)) {
        r->bad = 1;
        return MHD_NO;
      }
      rp_wbuf_addn(&r->field[f], data, size);
      if (!r->field[f].s)
        rp_wbuf_add(&r->field[f], "");
      return MHD_YES;
    }
  if (r->route->flags & FORM_KEYS) {
    cJSON *old = cJSON_GetObjectItemCaseSensitive(r->form, key);
    const char *prev = old ? cJSON_GetStringValue(old) : "";
    size_t pn = prev ? strlen(prev) : 0;
    if (!rp_web_name_valid(key) || pn + size > RP_WEB_MAX_FIELD || memchr(data, 0, size) ||
        (!old && cJSON_GetArraySize(r->form) >= RP_WEB_MAX_FORM_KEYS) ||
        (!r->form && !(r->form = cJSON_CreateObject()))) {
      r->bad = 1;
      return MHD_NO;
    }
    rp_wbuf_t v = {0};
    rp_wbuf_addn(&v, prev ? prev : "", pn);
    rp_wbuf_addn(&v, data, size);
    rp_wbuf_add(&v, "");
    if (v.oom) {
      rp_wbuf_free(&v);
      r->bad = 1;
      return MHD_NO;
    }
    if (old)
      cJSON_ReplaceItemInObjectCaseSensitive(r->form, key, cJSON_CreateString(v.s));
    else
      cJSON_AddStringToObject(r->form, key, v.s);
    rp_wbuf_free(&v);
    return MHD_YES;
  }
  return MHD_YES; /* a field no handler reads */
}

static void read_lang(struct MHD_Connection *c, req_t *r) {
  const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
  const char *k = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "rp_lang");
  if (q && (strcmp(q, "en") == 0 || strcmp(q, "zh") == 0)) {
    r->lang = strcmp(q, "en") == 0 ? RP_WEB_EN : RP_WEB_ZH;
    r->lang_cookie = 1;
  } else {
    r->lang = k && strcmp(k, "en") == 0 ? RP_WEB_EN : RP_WEB_ZH;
  }
}

static enum MHD_Result unauthorized(server_t *s, struct MHD_Connection *c, req_t *r) {
  if (is_api(r))
    return send_error(c, r, MHD_HTTP_UNAUTHORIZED, "unauthorized");
  rp_wbuf_t b = {0};
  rp_page_t pg = page_of(r);
  rp_page_login(&b, &pg, 0, rp_auth_token(s->auth) != NULL);
  return send_buf(c, r, MHD_HTTP_UNAUTHORIZED, "text/html; charset=utf-8", &b, NULL, NULL);
}

/* The first call: everything the headers decide. */
static enum MHD_Result begin(server_t *s, struct MHD_Connection *c, req_t *r, const char *url,
                             const char *method) {
  read_lang(c, r);
  const char *tok = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
  const char *sid = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "rp_session");
  if (sid && rp_auth_session_get(s->auth, sid, r->user, r->csrf) == 0) {
    r->have_session = 1;
    snprintf(r->session, sizeof r->session, "%s", sid);
  }
  if (tok && rp_auth_token(s->auth) && strcmp(method, "GET") == 0) {
    if (!rp_auth_token_ok(s->auth, tok))
      return unauthorized(s, c, r);
    char id[RP_WEB_SECRET_HEX + 1], cookie[256];
    rp_auth_session_new(s->auth, "local", id);
    session_cookie(s, id, cookie, sizeof cookie);
    sodium_memzero(id, sizeof id);
    return redirect(c, r, "/", cookie);
  }
  int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
  for (size_t i = 0; i < sizeof routes / sizeof routes[0] && !r->route; i++)
    if ((strcmp(routes[i].method, "GET") == 0 ? is_get : strcmp(method, routes[i].method) == 0) &&
        match(routes[i].pattern, url, r))
      r->route = &routes[i];
  if (!r->route || !(r->route->flags & PUBLIC)) {
    if (!r->have_session)
      return unauthorized(s, c, r);
    if (!r->route)
      return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found");
  }
  if (r->ws[0] && !(r->wsj = rp_ws_open(s->root, r->ws, r->user)))
    return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found"); /* not yours: as missing */
  if (is_get)
    return r->route->fn(s, c, r);
  /* A POST: its size, then its body in the next calls. */
  const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
  size_t limit = (r->route->flags & UPLOAD) ? s->max_upload + FORM_LIMIT : FORM_LIMIT;
  if (cl && strtoull(cl, NULL, 10) > limit)
    return send_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "too_big");
  r->pp = MHD_create_post_processor(c, 16 * 1024, post_field, r);
  if (!r->pp)
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  if (r->route->flags & UPLOAD) {
    char rest[64];
    snprintf(rest, sizeof rest, "inputs/.upload-XXXXXX");
    if (rp_store_path(r->tmp, sizeof r->tmp, s->root, r->ws, rest) != 0 ||
        (r->fd = mkstemp(r->tmp)) < 0) {
      r->tmp[0] = 0;
      return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "error");
    }
  }
  return MHD_YES;
}

/* The last call of a POST: the body is in. */
static enum MHD_Result end_post(server_t *s, struct MHD_Connection *c, req_t *r) {
  if (MHD_destroy_post_processor(r->pp) != MHD_YES)
    r->bad = 1;
  r->pp = NULL;
  if (r->too_big)
    return send_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "too_big");
  if (r->bad)
    return send_error(c, r, MHD_HTTP_BAD_REQUEST, "bad_request");
  if (!(r->route->flags & NO_CSRF)) {
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    if (!rp_web_secret_eq(r->csrf, h ? h : field(r, F_CSRF)))
      return send_error(c, r, MHD_HTTP_FORBIDDEN, "forbidden");
  }
  return r->route->fn(s, c, r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls) {
  server_t *s = cls;
  req_t *r = *con_cls;
  (void)version;
  if (!r) {
    r = calloc(1, sizeof *r);
    if (!r)
      return MHD_NO;
    *con_cls = r;
    r->fd = -1;
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    snprintf(r->method, sizeof r->method, "%s", method);
    snprintf(r->path, sizeof r->path, "%s", url);
    return begin(s, c, r, url, method);
  }
  if (r->responded) {
    *upload_size = 0; /* the answer is given: the rest of the body is dropped */
    return MHD_YES;
  }
  if (*upload_size) {
    r->body += *upload_size;
    size_t limit = (r->route->flags & UPLOAD) ? s->max_upload + FORM_LIMIT : FORM_LIMIT;
    if (r->body > limit || r->file_bytes > s->max_upload)
      r->too_big = 1;
    if (!r->too_big && !r->bad && MHD_post_process(r->pp, upload_data, *upload_size) != MHD_YES)
      r->bad = 1;
    if (r->file_bytes > s->max_upload)
      r->too_big = 1;
    *upload_size = 0;
    return MHD_YES;
  }
  return end_post(s, c, r);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe) {
  req_t *r = *con_cls;
  (void)cls, (void)c;
  if (!r)
    return;
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long ms = (t1.tv_sec - r->t0.tv_sec) * 1000 + (t1.tv_nsec - r->t0.tv_nsec) / 1000000;
  fprintf(stderr, "%s %s %d %ldms%s\n", r->method, r->path, r->status, ms,
          toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed)");
  if (r->pp)
    MHD_destroy_post_processor(r->pp);
  drop_upload(r); /* an upload that did not complete leaves nothing */
  for (int f = 0; f < N_FIELDS; f++) {
    if (r->field[f].s)
      sodium_memzero(r->field[f].s, r->field[f].n);
    rp_wbuf_free(&r->field[f]);
  }
  cJSON_Delete(r->wsj);
  cJSON_Delete(r->form);
  sodium_memzero(r, sizeof *r);
  free(r);
  *con_cls = NULL;
}

/* Percent-decoding of the path and the query (MHD_OPTION_UNESCAPE_CALLBACK):
 * as libmicrohttpd's, except that %00 becomes DEL instead of ending the
 * string early, so "<id>%00" is no id (404) rather than the id. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s) {
  (void)cls, (void)c;
  char *w = s;
  for (const char *p = s; *p; p++) {
    unsigned v;
    if (*p == '%' && p[1] && p[2] && sscanf(p + 1, "%2x", &v) == 1 &&
        strchr("0123456789abcdefABCDEF", p[1]) && strchr("0123456789abcdefABCDEF", p[2])) {
      *w++ = v ? (char)v : '\x7f';
      p += 2;
    } else {
      *w++ = *p;
    }
  }
  *w = 0;
  return (size_t)(w - s);
}

/* ---- starting and stopping */

static int parse_listen(const char *s, struct sockaddr_storage *ss, int *v6, int *loopback) {
  char host[128];
  const char *colon = strrchr(s, ':');
  if (!colon || colon == s || (size_t)(colon - s) >= sizeof host)
    return -1;
  memcpy(host, s, (size_t)(colon - s));
  host[colon - s] = 0;
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (!colon[1] || *end || port < 0 || port > 65535)
    return -1;
  memset(ss, 0, sizeof *ss);
  if (host[0] == '[' && host[strlen(host) - 1] == ']') {
    host[strlen(host) - 1] = 0;
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((uint16_t)port);
    if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
      return -1;
    *v6 = 1;
    *loopback = IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
    return 0;
  }
  struct sockaddr_in *a = (struct sockaddr_in *)ss;
  a->sin_family = AF_INET;
  a->sin_port = htons((uint16_t)port);
  if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
    return -1;
  *v6 = 0;
  *loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
  return 0;
}

int rp_web_serve(const rp_web_opts_t *o) {
  const char *listen = o->listen ? o->listen : "127.0.0.1:8080";
  const char *data = o->data_dir ? o->data_dir : "./rotaplan-data";
  struct sockaddr_storage ss;
  int v6 = 0, loopback = 0, rc = 5;
  if (parse_listen(listen, &ss, &v6, &loopback) != 0) {
    fprintf(stderr, "rotaplan serve: --listen %s: expected ADDR:PORT (127.0.0.1:8080, "
                    "[::1]:8080, 0.0.0.0:443)\n", listen);
    return 2;
  }
  if (!o->cert_file != !o->key_file) {
    fprintf(stderr, "rotaplan serve: --cert and --key go together\n");
    return 2;
  }
  if (!loopback && (!o->users_file || !o->cert_file)) {
    fprintf(stderr, "rotaplan serve: %s is not a loopback address: serving it needs accounts "
                    "(--users FILE, made with --add-user) and TLS (--cert FILE --key FILE); "
                    "refusing to start (docs/web.md)\n", listen);
    return 2;
  }
  if (sodium_init() < 0) {
    fprintf(stderr, "rotaplan serve: libsodium failed to start\n");
    return 5;
  }
  server_t s = {0};
  char err[512] = "", *cert = NULL, *key = NULL;
  struct MHD_Daemon *d = NULL;
  s.max_upload = o->max_upload ? o->max_upload : (size_t)50 << 20;
  s.tls = o->cert_file != NULL;
  umask(077);
  char *real = NULL;
  if (rp_store_init(data, err, sizeof err) != 0 || !(real = realpath(data, NULL))) {
    fprintf(stderr, "rotaplan serve: %s\n", err[0] ? err : data);
    return 5;
  }
  if (strlen(real) > RP_WEB_PATH / 2) { /* every path under it then fits */
    fprintf(stderr, "rotaplan serve: --data %s: a shorter path, please\n", real);
    free(real);
    return 2;
  }
  snprintf(s.root, sizeof s.root, "%s", real);
  free(real);
  if (!(s.auth = rp_auth_create(o->users_file, err, sizeof err))) {
    fprintf(stderr, "rotaplan serve: %s\n", err);
    return 2;
  }
  if (s.tls && (!(cert = rp_web_read_file(o->cert_file, 1 << 20, NULL)) ||
                !(key = rp_web_read_file(o->key_file, 1 << 20, NULL)))) {
    fprintf(stderr, "rotaplan serve: cannot read %s\n", cert ? o->key_file : o->cert_file);
    rc = 2;
    goto done;
  }
  /* SIGINT and SIGTERM wait for sigwait below: blocked in every thread. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);
  if (!(s.jobs = rp_jobs_create(s.root, o->max_jobs))) {
    fprintf(stderr, "rotaplan serve: cannot start the job manager\n");
    goto done;
  }
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                   (v6 ? MHD_USE_IPv6 : 0) | (s.tls ? MHD_USE_TLS : 0);
  if (s.tls)
    d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, &ss,
                         MHD_OPTION_THREAD_POOL_SIZE, 4, MHD_OPTION_CONNECTION_TIMEOUT, 120,
                         MHD_OPTION_CONNECTION_LIMIT, 200, MHD_OPTION_NOTIFY_COMPLETED, on_done,
                         &s, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
                         MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_MEM_KEY, key,
                         MHD_OPTION_END);
  else
    d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, &ss,
                         MHD_OPTION_THREAD_POOL_SIZE, 4, MHD_OPTION_CONNECTION_TIMEOUT, 120,
                         MHD_OPTION_CONNECTION_LIMIT, 200, MHD_OPTION_NOTIFY_COMPLETED, on_done,
                         &s, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "rotaplan serve: cannot listen on %s (in use, or not an address of this "
                    "machine)\n", listen);
    goto done;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned port = info ? info->port : 0;
  char host[128];
  snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
  const char *scheme = s.tls ? "https" : "http";
  if (rp_auth_token(s.auth))
    printf("rotaplan serve: open %s://%s:%u/?token=%s\n", scheme, host, port,
           rp_auth_token(s.auth));
  else
    printf("rotaplan serve: listening on %s://%s:%u/\n", scheme, host, port);
  printf("rotaplan serve: data in %s; stop with Ctrl-C\n", s.root);
  fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  fprintf(stderr, "rotaplan serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  rc = 0;
done:
  if (d)
    MHD_stop_daemon(d);
  rp_jobs_free(s.jobs);
  rp_auth_free(s.auth);
  if (key)
    sodium_memzero(key, strlen(key));
  free(key);
  free(cert);
  return rc;
}
