/* The data folder (docs/web.md, "Data"): DIR/workspaces/<id>/ with
 * workspace.json, inputs/ (one file per role, from the fixed table below)
 * and runs/<run>/.  Every path is built here from an id that passed
 * rp_web_id_valid and a name from a table, so no text of a request ever
 * becomes a path. */
#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "web/web_i.h"

/* The inputs a workspace keeps, in the order of the page.  A new input is a
 * row here (and its use in a job kind's arguments, jobs.c). */
const rp_input_role_t rp_roles[] = {
    {"schools", "--schools", "schools.csv", "schools.xlsx", 1},
    {"teachers", "--teachers", "teachers.csv", "teachers.xlsx", 1},
    {"policy", "--policy", "policy.ini", NULL, 0},
    {"curriculum", "--curriculum", "curriculum.csv", "curriculum.xlsx", 0},
    {"pins", "--pins", "pins.csv", "pins.xlsx", 0},
    {"preferences", "--preferences", "preferences.csv", "preferences.xlsx", 0},
    {"appeals", "--appeals", "appeals.csv", "appeals.xlsx", 0},
};
const int rp_n_roles = (int)(sizeof rp_roles / sizeof rp_roles[0]);

int rp_role_find(const char *role) {
  for (int i = 0; role && i < rp_n_roles; i++)
    if (strcmp(rp_roles[i].role, role) == 0)
      return i;
  return -1;
}

/* Removes the temporary files of uploads a stopped server left unfinished
 * (inputs/.upload-XXXXXX; a clean stop or a closed connection removes its
 * own). */
static void remove_stale_uploads(const char *root) {
  char p[RP_WEB_PATH], f[RP_WEB_PATH];
  rp_web_path(p, sizeof p, "%s/workspaces", root);
  DIR *d = opendir(p);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (!rp_web_id_valid(e->d_name) || rp_store_path(p, sizeof p, root, e->d_name, "inputs"))
      continue;
    DIR *in = opendir(p);
    struct dirent *u;
    while (in && (u = readdir(in)) != NULL)
      if (strncmp(u->d_name, ".upload-", 8) == 0 &&
          rp_web_path(f, sizeof f, "%s/%s", p, u->d_name) == 0)
        unlink(f);
    if (in)
      closedir(in);
  }
  if (d)
    closedir(d);
}

int rp_store_init(const char *root, char *err, size_t errlen) {
  char p[RP_WEB_PATH];
  if (mkdir(root, 0700) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "%s: cannot create the data folder: %s", root, strerror(errno));
    return -1;
  }
  rp_web_path(p, sizeof p, "%s/workspaces", root);
  if (mkdir(p, 0700) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "%s: cannot create: %s", p, strerror(errno));
    return -1;
  }
  if (access(p, W_OK | X_OK) != 0) {
    snprintf(err, errlen, "%s: not writable", p);
    return -1;
  }
  remove_stale_uploads(root);
  return 0;
}

int rp_store_path(char *out, size_t n, const char *root, const char *ws, const char *rest) {
  if (!rp_web_id_valid(ws))
    return -1;
  int len = snprintf(out, n, "%s/workspaces/%s%s%s", root, ws, rest ? "/" : "", rest ? rest : "");
  return len < 0 || (size_t)len >= n ? -1 : 0;
}

int rp_ws_create(const char *root, const char *owner, const char *name, int year,
                 char id[RP_WEB_ID_LEN + 1]) {
  char p[RP_WEB_PATH];
  rp_web_id_new(id);
  if (rp_store_path(p, sizeof p, root, id, NULL) != 0 || mkdir(p, 0700) != 0)
    return -1;
  if (rp_store_path(p, sizeof p, root, id, "inputs") != 0 || mkdir(p, 0700) != 0)
    return -1;
  if (rp_store_path(p, sizeof p, root, id, "runs") != 0 || mkdir(p, 0700) != 0)
    return -1;
  cJSON *j = cJSON_CreateObject();
  cJSON *owners = cJSON_AddArrayToObject(j, "owners");
  cJSON_AddItemToArray(owners, cJSON_CreateString(owner));
  cJSON_AddStringToObject(j, "name", name);
  cJSON_AddNumberToObject(j, "year", year);
  char when[32];
  time_t now = time(NULL);
  struct tm tm;
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
  cJSON_AddStringToObject(j, "created", when);
  int rc = rp_store_path(p, sizeof p, root, id, "workspace.json") == 0 &&
                   rp_web_write_json(p, j) == 0 ? 0 : -1;
  cJSON_Delete(j);
  return rc;
}

static int owns(const cJSON *ws, const char *user) {
  const cJSON *o;
  cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(ws, "owners"))
    if (cJSON_IsString(o) && strcmp(o->valuestring, user) == 0)
      return 1;
  return 0;
}

/* Adding an owner reads, changes and writes workspace.json: one at a time. */
static pthread_mutex_t owners_lock = PTHREAD_MUTEX_INITIALIZER;

int rp_ws_add_owner(const char *root, const char *ws, const char *user) {
  char p[RP_WEB_PATH];
  if (rp_store_path(p, sizeof p, root, ws, "workspace.json") != 0)
    return -1;
  pthread_mutex_lock(&owners_lock);
  int rc = -1;
  cJSON *j = rp_web_read_json(p);
  cJSON *owners = cJSON_GetObjectItemCaseSensitive(j, "owners");
  if (cJSON_IsArray(owners)) {
    if (!owns(j, user))
      cJSON_AddItemToArray(owners, cJSON_CreateString(user));
    rc = rp_web_write_json(p, j);
  }
  cJSON_Delete(j);
  pthread_mutex_unlock(&owners_lock);
  return rc;
}

cJSON *rp_ws_open(const char *root, const char *ws, const char *user) {
  char p[RP_WEB_PATH];
  if (rp_store_path(p, sizeof p, root, ws, "workspace.json") != 0)
    return NULL;
  cJSON *j = rp_web_read_json(p);
  if (j && !owns(j, user)) {
    cJSON_Delete(j);
    return NULL;
  }
  return j;
}

static int by_created_desc(const void *a, const void *b) {
  const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
  const char *cx = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "created"));
  const char *cy = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(y, "created"));
  int c = strcmp(cy ? cy : "", cx ? cx : "");
  if (c)
    return c;
  const char *ix = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "id"));
  const char *iy = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(y, "id"));
  return strcmp(ix ? ix : "", iy ? iy : "");
}

/* Sorts the array's items (deterministic pages: newest first, then id). */
static cJSON *sorted(cJSON *arr) {
  int n = cJSON_GetArraySize(arr);
  if (n < 2)
    return arr;
  cJSON **v = malloc((size_t)n * sizeof *v);
  if (!v)
    return arr;
  for (int i = n - 1; i >= 0; i--)
    v[i] = cJSON_DetachItemFromArray(arr, i);
  qsort(v, (size_t)n, sizeof *v, by_created_desc);
  for (int i = 0; i < n; i++)
    cJSON_AddItemToArray(arr, v[i]);
  free(v);
  return arr;
}

/* The records of the folder dir's entries named by a generated id (the
 * others are not ours), made by load, sorted newest first. */
static cJSON *records(const char *dir, cJSON *(*load)(const char *id, const void *ctx),
                      const void *ctx) {
  cJSON *arr = cJSON_CreateArray();
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    cJSON *j = rp_web_id_valid(e->d_name) ? load(e->d_name, ctx) : NULL;
    if (j)
      cJSON_AddItemToArray(arr, j);
  }
  if (d)
    closedir(d);
  return sorted(arr);
}

typedef struct {
  const char *root, *user;
} owner_t;

static cJSON *load_ws(const char *id, const void *ctx) {
  const owner_t *o = ctx;
  cJSON *w = rp_ws_open(o->root, id, o->user);
  if (w)
    cJSON_AddStringToObject(w, "id", id);
  return w;
}

cJSON *rp_ws_list(const char *root, const char *user) {
  char p[RP_WEB_PATH];
  owner_t o = {root, user};
  rp_web_path(p, sizeof p, "%s/workspaces", root);
  return records(p, load_ws, &o);
}

int rp_ws_input(const char *root, const char *ws, int role, char *path, size_t n) {
  const rp_input_role_t *r = &rp_roles[role];
  const char *names[2] = {r->csv, r->xlsx};
  char rest[64];
  struct stat st;
  for (int i = 0; i < 2; i++) {
    if (!names[i])
      continue;
    rp_web_path(rest, sizeof rest, "inputs/%s", names[i]);
    if (rp_store_path(path, n, root, ws, rest) == 0 && lstat(path, &st) == 0 &&
        S_ISREG(st.st_mode))
      return 0;
  }
  return -1;
}

/* inputs/ROLE.sheet: the sheet's name, the file's whole text. */
static int sheet_path(const char *root, const char *ws, int role, char *path, size_t n) {
  char rest[64];
  return rp_web_path(rest, sizeof rest, "inputs/%s.sheet", rp_roles[role].role) == 0
             ? rp_store_path(path, n, root, ws, rest) : -1;
}

int rp_ws_input_sheet(const char *root, const char *ws, int role, char *sheet, size_t n) {
  char p[RP_WEB_PATH];
  if (role < 0 || role >= rp_n_roles || !rp_roles[role].xlsx ||
      sheet_path(root, ws, role, p, sizeof p) != 0)
    return -1;
  char *s = rp_web_read_file(p, RP_WEB_SHEET_BYTES, NULL);
  int rc = s && rp_web_sheet_valid(s) && rp_web_path(sheet, n, "%s", s) == 0 ? 0 : -1;
  free(s);
  return rc;
}

int rp_ws_set_sheet(const char *root, const char *ws, int role, const char *sheet) {
  char p[RP_WEB_PATH];
  if (role < 0 || role >= rp_n_roles || sheet_path(root, ws, role, p, sizeof p) != 0)
    return -1;
  if (!sheet)
    return unlink(p) == 0 || errno == ENOENT ? 0 : -1;
  return rp_web_sheet_valid(sheet) && rp_roles[role].xlsx ? rp_web_write_file(p, sheet) : -1;
}

static cJSON *load_run(const char *id, const void *ctx) {
  char p[RP_WEB_PATH];
  return rp_web_path(p, sizeof p, "%s/%s/job.json", (const char *)ctx, id) == 0
             ? rp_web_read_json(p) : NULL;
}

cJSON *rp_ws_runs(const char *root, const char *ws) {
  char p[RP_WEB_PATH];
  if (rp_store_path(p, sizeof p, root, ws, "runs") != 0)
    return cJSON_CreateArray();
  return records(p, load_run, p);
}
