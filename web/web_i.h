/* What the files of web/ share, private to the folder (docs/web.md): a
 * growing text buffer with HTML escaping, generated ids, the accounts and
 * sessions (auth.c), the workspaces' folders (store.c), the jobs (jobs.c),
 * the words of the pages (text.c) and the pages (pages.c).  server.c ties
 * them to libmicrohttpd. */
#ifndef RP_WEB_I_H
#define RP_WEB_I_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "io/csv_reader.h"
#include "model/policy.h"

/* Limits, in one place. */
#define RP_WEB_ID_LEN 16          /* generated ids: 16 lowercase hex digits */
#define RP_WEB_SECRET_HEX 64      /* tokens, session ids, CSRF tokens: 32 random bytes */
#define RP_WEB_MAX_SESSIONS 256
#define RP_WEB_SESSION_IDLE 43200 /* seconds: 12 h */
#define RP_WEB_MAX_NAME 64        /* account names, file names of a run */
#define RP_WEB_MAX_FIELD 4096     /* a form field other than a file */
#define RP_WEB_MAX_QUEUE 64       /* jobs waiting; past that 429 */
#define RP_WEB_CANCEL_GRACE 5     /* seconds between SIGTERM and SIGKILL */
#define RP_WEB_PATH 1024
#define RP_WEB_MAX_EXTRA 24       /* a job kind's own inputs (scenarios) */
#define RP_WEB_MAX_FORM_KEYS 128  /* fields of a form with named keys (the policy form) */
#define RP_WEB_MAX_REL 240        /* a file of a run's out/ tree: "比例15/report.html" */
#define RP_WEB_MAX_DEPTH 2        /* folders of out/ a run's file list goes into */
#define RP_WEB_MAX_OUTPUTS 1024   /* files of a run's list */
#define RP_WEB_MAX_SHEET 31       /* characters of a workbook's sheet name (Excel's own limit) */
#define RP_WEB_SHEET_BYTES (4 * RP_WEB_MAX_SHEET + 1) /* its bytes in UTF-8, and the NUL */

/* ---- buf.c: text that grows; a failed allocation sets oom and stops. */
typedef struct {
  char *s;
  size_t n, cap;
  int oom;
} rp_wbuf_t;
void rp_wbuf_add(rp_wbuf_t *b, const char *s);
void rp_wbuf_addn(rp_wbuf_t *b, const char *s, size_t n);
void rp_wbuf_addf(rp_wbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with & < > " ' written as entities. */
void rp_wbuf_html(rp_wbuf_t *b, const char *s);
void rp_wbuf_free(rp_wbuf_t *b);

/* ---- ids and secrets (buf.c) */
void rp_web_random_hex(char *out, size_t bytes); /* 2*bytes hex digits and NUL */
void rp_web_id_new(char id[RP_WEB_ID_LEN + 1]);
int rp_web_id_valid(const char *s);   /* exactly RP_WEB_ID_LEN of [0-9a-f] */
int rp_web_name_valid(const char *s); /* [A-Za-z0-9._-], 1..RP_WEB_MAX_NAME, no leading dot */
/* A name of a run's file list: up to RP_WEB_MAX_DEPTH folders and a file,
 * joined by '/', each of [A-Za-z0-9._-] or well-formed UTF-8 beyond ASCII,
 * none empty or starting with a dot (so no "..", no absolute path), at
 * most RP_WEB_MAX_REL bytes. */
int rp_web_relname_valid(const char *s);
/* A sheet name the planner may choose for a workbook (FILE.xlsx#SHEET):
 * well-formed UTF-8 of 1..RP_WEB_MAX_SHEET characters, no control
 * character, none of \ / ? * [ ] : (Excel allows none of them), no ;
 * (0-current.ini would read it as a comment), not starting or ending with
 * a space or ' (Excel refuses the ', an INI reader trims the space). */
int rp_web_sheet_valid(const char *s);
int rp_web_secret_eq(const char *a, const char *b); /* constant time; 0 if different lengths */
/* snprintf for paths: 0, or -1 when the result would not fit (nothing is
 * ever opened under a cut path). */
int rp_web_path(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reads a whole small file (<= max bytes) into a NUL-terminated malloc'd
 * string; NULL if missing, too big or unreadable. */
char *rp_web_read_file(const char *path, size_t max, size_t *len);
/* Writes text to path through a temporary file in the same folder and a
 * rename; 0 or -1. */
int rp_web_write_file(const char *path, const char *text);
cJSON *rp_web_read_json(const char *path);
int rp_web_write_json(const char *path, const cJSON *j);

/* ---- auth.c */
typedef struct rp_auth rp_auth_t;
/* users_file NULL: token mode, one local user "local" and a printed token. */
rp_auth_t *rp_auth_create(const char *users_file, char *err, size_t errlen);
void rp_auth_free(rp_auth_t *a);
const char *rp_auth_token(const rp_auth_t *a); /* NULL unless token mode */
int rp_auth_token_ok(const rp_auth_t *a, const char *token);
int rp_auth_password_ok(rp_auth_t *a, const char *user, const char *password);
/* 1 when user is an account of the users file (never in token mode). */
int rp_auth_user_exists(const rp_auth_t *a, const char *user);
/* New session for user; id gets the cookie's value. 0, or -1 when full. */
int rp_auth_session_new(rp_auth_t *a, const char *user, char id[RP_WEB_SECRET_HEX + 1]);
/* Looks the session up (and renews its idle time): 0 with its user and
 * CSRF token copied out, or -1 (unknown or expired). */
int rp_auth_session_get(rp_auth_t *a, const char *id, char user[RP_WEB_MAX_NAME + 1],
                        char csrf[RP_WEB_SECRET_HEX + 1]);
void rp_auth_session_end(rp_auth_t *a, const char *id);

/* ---- store.c: the data folder.  Every path is built here from validated
 * ids and the fixed tables below, never from a client's text. */
typedef struct {
  const char *role;   /* "schools": the name in forms and URLs */
  const char *option; /* the CLI's option: "--schools" */
  const char *csv;    /* file name as text: "schools.csv" */
  const char *xlsx;   /* file name as a workbook, or NULL */
  int required;       /* audit and plan need it */
} rp_input_role_t;
extern const rp_input_role_t rp_roles[];
extern const int rp_n_roles;
int rp_role_find(const char *role); /* index, or -1 */

int rp_store_init(const char *root, char *err, size_t errlen);
/* root/workspaces/<ws>[/rest]; -1 if too long. */
int rp_store_path(char *out, size_t n, const char *root, const char *ws, const char *rest);
int rp_ws_create(const char *root, const char *owner, const char *name, int year,
                 char id[RP_WEB_ID_LEN + 1]);
/* The workspace's workspace.json when user owns it, else NULL (as missing). */
cJSON *rp_ws_open(const char *root, const char *ws, const char *user);
/* Adds user to the workspace's owners (nothing if one already): 0 or -1. */
int rp_ws_add_owner(const char *root, const char *ws, const char *user);
/* Workspaces user owns, newest first: array of workspace.json objects plus "id". */
cJSON *rp_ws_list(const char *root, const char *user);
/* The current file of a role (csv or xlsx variant): 0 with its path, or -1. */
int rp_ws_input(const char *root, const char *ws, int role, char *path, size_t n);
/* The sheet chosen for a role's workbook (inputs/ROLE.sheet, written at
 * upload): 0 with it in sheet, or -1 when none was chosen (the first
 * visible sheet is read) or the file does not hold a valid name. */
int rp_ws_input_sheet(const char *root, const char *ws, int role, char *sheet, size_t n);
/* Keeps sheet (a valid name) for the role, or forgets the role's sheet
 * when sheet is NULL: 0 or -1. */
int rp_ws_set_sheet(const char *root, const char *ws, int role, const char *sheet);
/* Runs of a workspace, newest first: array of job.json objects. */
cJSON *rp_ws_runs(const char *root, const char *ws);

/* ---- jobs.c */
typedef struct rp_jobs rp_jobs_t;
typedef struct {
  const char *kind;
  const char *label_key; /* text.c key of its button */
  /* Appends the job's arguments after argv[0] "rotaplan": in is the prefix
   * of an input's name (the command runs in the run's inputs/: ""), out the
   * output folder ("../out"), name[r] the file name of role r as the
   * command reads it (FILE.xlsx#SHEET when a sheet was chosen), NULL when
   * the workspace has none.  Returns the count, or -1. */
  int (*args)(char **argv, int max, const char *in, const char *out, const char *lang,
              const char *const name[], const char *const extra[]);
  /* NULL, or writes the kind's own inputs into the run's inputs/ folder in
   * (a comparison's scenarios), their names into files: the count, or -1.
   * They are hashed into job.json and given to args as extra (NULL-ended). */
  int (*stage)(const char *root, const char *ws, const char *in, const char *lang,
               const char *const name[], char files[][RP_WEB_MAX_NAME + 1], int max);
} rp_job_kind_t;
extern const rp_job_kind_t rp_job_kinds[];
extern const int rp_n_job_kinds;
int rp_job_kind_find(const char *kind);

rp_jobs_t *rp_jobs_create(const char *root, int max_jobs);
/* Cancels every job (TERM, then KILL after the grace), waits for them and frees. */
void rp_jobs_free(rp_jobs_t *j);
/* Queues a job: 0 with its run id; -1 on I/O errors, -2 when the queue is
 * full, -3 when a required input is missing. */
int rp_jobs_submit(rp_jobs_t *j, const char *ws, int kind, const char *lang, const char *user,
                   char run[RP_WEB_ID_LEN + 1]);
/* The same for a kind that works on a finished plan run (publish): its
 * inputs are that run's (as its job.json lists them), its out/ files are
 * linked into the new run's inputs/plan/, opts (NULL-ended options the
 * server checked) go to the kind's arguments as extra; edited, when not
 * NULL, is a file (on the same file system) renamed over the copy's
 * plan/rotation_list.csv (the report kind).  -4 when there is
 * no such run, -5 when it is not a finished plan. */
int rp_jobs_submit_from(rp_jobs_t *j, const char *ws, int kind, const char *lang,
                        const char *user, const char *from_run, const char *const opts[],
                        const char *edited, char run[RP_WEB_ID_LEN + 1]);
/* 0 when the job was queued or running and is now being cancelled, else -1. */
int rp_jobs_cancel(rp_jobs_t *j, const char *ws, const char *run);
/* The run's job.json (from memory while active, else from its folder) with
 * "progress" {stage, elapsed, gap} while it runs; NULL if no such run. */
cJSON *rp_jobs_status(rp_jobs_t *j, const char *ws, const char *run);

/* ---- text.c: every word of the pages, Chinese and English */
typedef enum { RP_WEB_ZH = 0, RP_WEB_EN = 1 } rp_web_lang_t;
const char *rp_t(rp_web_lang_t lang, const char *key);

/* ---- static.c */
extern const char rp_web_css[];
extern const char rp_web_js[];

/* ---- pages.c: server-rendered pages; every value HTML-escaped. */
typedef struct {
  rp_web_lang_t lang;
  const char *user; /* NULL: not logged in */
  const char *csrf; /* the session's token, for the forms */
  const char *self; /* the page's path, for the language switch */
} rp_page_t;
void rp_page_begin(rp_wbuf_t *b, const rp_page_t *pg, const char *title);
void rp_page_end(rp_wbuf_t *b);
void rp_page_message(rp_wbuf_t *b, const rp_page_t *pg, const char *key);
void rp_page_login(rp_wbuf_t *b, const rp_page_t *pg, int failed, int token_mode);
void rp_page_home(rp_wbuf_t *b, const rp_page_t *pg, const cJSON *list);
/* inputs: array of {role, file, size} for the roles present. */
/* pol: the workspace's policy now (its policy.ini on the defaults), shown
 * beside the scenario form's keys. */
void rp_page_workspace(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const cJSON *wsj,
                       const cJSON *inputs, const cJSON *runs, const cJSON *scenarios,
                       const rp_policy_t *pol, size_t max_upload);
/* A refusal in words of its own (the reader's message), with the way back. */
void rp_page_text_error(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const char *text);
/* policy_text: the run's inputs/policy.ini, NULL when it had none;
 * appeals: an appeal round's out/appeals.csv read back, else NULL. */
void rp_page_run(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const cJSON *rec,
                 const char *out_text, const char *err_text, const char *policy_text,
                 const rp_table_t *appeals);

/* ---- scenarios.c: what-if scenarios (docs/scenarios.md files) */
extern const char *const rp_scenario_keys[]; /* the policy keys the form offers */
extern const char *const rp_scenario_fields[];   /* its county changes' fields */
extern const char *const rp_enrolment_targets[]; /* areas and levels of an enrolment change */
/* Array of {file, name, text}, in the order they were made. */
cJSON *rp_scenarios_list(const char *root, const char *ws);
/* Writes scenarios/sNN.ini from the form: 0; 1 when refused (msg says why,
 * in lang); -1 on I/O errors. */
int rp_scenario_add(const char *root, const char *ws, const char *name, const cJSON *form,
                    rp_web_lang_t lang, char *msg, size_t n);
int rp_scenario_delete(const char *root, const char *ws, const char *file);
/* The compare kind's stage (rp_job_kind_t). */
int rp_scenarios_stage(const char *root, const char *ws, const char *in, const char *lang,
                       const char *const name[], char files[][RP_WEB_MAX_NAME + 1], int max);

/* ---- policy_form.c: the policy form (model/policy.c's key table) */
/* The workspace's policy: defaults for year, then the file at path (NULL:
 * none).  0, or -1 when the file does not read (msg says why; *p holds the
 * defaults). */
int rp_web_policy_current(const char *path, int year, rp_policy_t *p, char *msg, size_t n);
/* The rows of the scenario form's policy keys (rp_scenario_keys), labelled
 * as the policy form labels them, p's value beside each. */
void rp_page_scenario_keys(rp_wbuf_t *b, const rp_page_t *pg, const rp_policy_t *p);
void rp_page_policy(rp_wbuf_t *b, const rp_page_t *pg, const char *ws, const cJSON *wsj,
                    const rp_policy_t *p, int has_file, const char *error);
/* policy.ini's text from the form's fields (key: value): plan_year (the
 * form's, else year) and the keys whose value differs from the default,
 * checked by the CLI's reader.  malloc'd, or NULL with the reader's
 * message in msg. */
char *rp_web_policy_ini(const cJSON *form, int year, rp_web_lang_t lang, char *msg, size_t n);

#endif
