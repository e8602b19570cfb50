/* Temporary-then-rename output files, the run's transaction of them, and
 * the checks of a run's outputs before it solves (see out_file.h). */
#define _DEFAULT_SOURCE /* realpath */
#include "io/out_file.h"
#include "io/xlsx_reader.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *folder_of(const char *path, const char **base);

struct rp_out_file {
  char *path, *tmp;
  FILE *fp;
  /* GB18030: fp is a memory stream; the bytes go to `file` at commit. */
  FILE *file;
  char *mem;
  size_t mem_len;
};

/* The run's inputs, by device and inode: as many as the run names. */
typedef struct {
  dev_t dev;
  ino_t ino;
} file_id_t;
static file_id_t *protected_;
static size_t n_protected, cap_protected;

void rp_out_protect(const char *input_path) {
  struct stat st;
  char *file = NULL, *sheet = NULL; /* FILE.xlsx#SHEET protects FILE.xlsx */
  if (rp_xlsx_path_split(input_path, &file, &sheet) != 0)
    abort(); /* as below */
  int found = stat(file, &st) == 0;
  free(file);
  free(sheet);
  if (!found)
    return; /* a missing input is reported by its reader */
  if (n_protected == cap_protected) {
    size_t cap = cap_protected ? 2 * cap_protected : 16;
    file_id_t *p = realloc(protected_, cap * sizeof *p);
    if (!p)
      abort(); /* a few bytes per input: no run gets past this without them */
    protected_ = p;
    cap_protected = cap;
  }
  protected_[n_protected++] = (file_id_t){st.st_dev, st.st_ino};
}

/* Why path may not be replaced by an output, or NULL: an input of the run,
 * or anything but a regular file (a device such as /dev/null, a FIFO, a
 * link, a folder), which a rename would replace by a plain file. */
static const char *not_replaceable(const char *path, rp_status_t *st) {
  struct stat sb;
  if (lstat(path, &sb) != 0)
    return NULL; /* a new file */
  *st = RP_EUSAGE;
  if (S_ISDIR(sb.st_mode))
    return "is a folder, not a file: give the output a file name";
  if (!S_ISREG(sb.st_mode))
    return "is not a regular file (a device, a FIFO, a socket or a link): rotaplan never "
           "replaces one; give the output the name of a new or a plain file";
  for (size_t i = 0; i < n_protected; i++)
    if (protected_[i].dev == sb.st_dev && protected_[i].ino == sb.st_ino)
      return "refusing to write over an input file of this run";
  return NULL;
}

/* ---- the janitor ---------------------------------------------------------------
 * A run killed while temporaries exist (being written, or waiting for the
 * commit while a later year solves or other scenarios plan) runs no code of
 * its own, KILL least of all.  So the first temporary of a process starts
 * its janitor: a small process told each temporary's name as it is made
 * ('A') and as it is renamed or removed ('R'), one message each through a
 * socket that the process and those it forks share.  When the socket's
 * last writer closes (the run ended, or died and its processes with it),
 * the janitor removes the names still listed and exits. */

static int janitor_sock = -1;
static pid_t janitor_pid, janitor_owner; /* it, and the process that started it */
static char **janitor_names; /* in the janitor: the names listed (static: reachable) */
static size_t janitor_n, janitor_cap;

static void janitor_add(const char *name) {
  if (janitor_n == janitor_cap) {
    size_t cap = janitor_cap ? 2 * janitor_cap : 64;
    char **v = realloc(janitor_names, cap * sizeof *v);
    if (!v)
      return;
    janitor_names = v;
    janitor_cap = cap;
  }
  if ((janitor_names[janitor_n] = rp_strdup(name)) != NULL)
    janitor_n++;
}

static void janitor_forget(const char *name) {
  for (size_t i = janitor_n; i-- > 0;)
    if (strcmp(janitor_names[i], name) == 0) {
      free(janitor_names[i]);
      janitor_names[i] = janitor_names[--janitor_n];
    }
}

/* The janitor's life: messages until the socket's writers are gone, then
 * the names still listed are removed. */
static void janitor_main(int sock) {
  signal(SIGINT, SIG_IGN); /* the run's signals are the run's to act on */
  signal(SIGTERM, SIG_IGN);
  long max = sysconf(_SC_OPEN_MAX);
  for (int fd = 0; fd < (max > 0 && max < 65536 ? max : 1024); fd++)
    if (fd != sock)
      close(fd); /* hold no pipe of the run open */
  static char msg[PATH_MAX + 2];
  for (;;) {
    ssize_t r = recv(sock, msg, sizeof msg - 1, 0);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    msg[r] = '\0';
    if (msg[0] == 'A')
      janitor_add(msg + 1);
    else if (msg[0] == 'R')
      janitor_forget(msg + 1);
  }
  for (size_t i = 0; i < janitor_n; i++)
    unlink(janitor_names[i]);
  _exit(0);
}

/* At the exit of the process that started it: the socket closes, and the
 * janitor (nothing left to remove) is waited for, not left to a parent that
 * may never reap it. */
static void janitor_stop(void) {
  if (janitor_sock < 0 || getpid() != janitor_owner)
    return;
  close(janitor_sock);
  janitor_sock = -1;
  waitpid(janitor_pid, NULL, 0);
}

void rp_out_janitor_start(void) {
  int sv[2];
  if (janitor_sock >= 0 || socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0)
    return;
  pid_t pid = fork();
  if (pid == 0)
    janitor_main(sv[1]);
  close(sv[1]);
  if (pid < 0) {
    close(sv[0]);
    return; /* no janitor: the next run removes what a kill leaves */
  }
  janitor_sock = sv[0];
  janitor_pid = pid;
  janitor_owner = getpid();
  static int stop_registered;
  if (!stop_registered)
    stop_registered = atexit(janitor_stop) == 0;
}

/* Tells the janitor that temporary `tmp` was made ('A') or is gone or
 * someone else's ('R'); errors are ignored (the janitor is a safety net,
 * the run's own cleanup comes first). */
static void janitor_tell(char kind, const char *tmp) {
  char msg[PATH_MAX + 2];
  if (kind == 'A')
    rp_out_janitor_start();
  int n = snprintf(msg, sizeof msg, "%c%s", kind, tmp);
  if (janitor_sock < 0 || n < 0 || (size_t)n >= sizeof msg)
    return;
  while (send(janitor_sock, msg, (size_t)n, MSG_NOSIGNAL) < 0 && errno == EINTR)
    continue;
}

/* Is `name` a temporary of `base` as rp_out_open names them (base.tmp and
 * six letters or digits)? */
static int temp_of(const char *name, const char *base) {
  size_t n = strlen(base);
  if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp", 4) != 0 ||
      strlen(name + n + 4) != 6)
    return 0;
  for (const char *p = name + n + 4; *p; p++)
    if (!isalnum((unsigned char)*p))
      return 0;
  return 1;
}

/* Removes the temporaries of path that a run killed between writing and
 * renaming left behind (docs/reliability.md). */
static void remove_stale_temps(const char *path) {
  const char *base;
  char *dir = folder_of(path, &base);
  DIR *d = dir ? opendir(dir) : NULL;
  for (struct dirent *e; d && (e = readdir(d)) != NULL;)
    if (temp_of(e->d_name, base))
      unlinkat(dirfd(d), e->d_name, 0);
  if (d)
    closedir(d);
  free(dir);
}

rp_out_file_t *rp_out_open(const char *path, rp_diag_t *diag, rp_status_t *st) {
  const char *no = not_replaceable(path, st);
  if (no) {
    rp_diag_error(diag, path, 0, NULL, "%s", no);
    return NULL;
  }
  remove_stale_temps(path);
  *st = RP_EIO;
  rp_out_file_t *f = calloc(1, sizeof *f);
  size_t n = strlen(path) + 16;
  if (!f || !(f->path = rp_strdup(path)) || !(f->tmp = malloc(n))) {
    rp_out_abort(f);
    *st = RP_ENOMEM;
    return NULL;
  }
  snprintf(f->tmp, n, "%s.tmpXXXXXX", path);
  int fd = mkstemp(f->tmp);
  if (fd >= 0)
    janitor_tell('A', f->tmp);
  if (fd < 0) {
    rp_diag_error(diag, path, 0, NULL, "cannot create: %s", strerror(errno));
    free(f->tmp);
    f->tmp = NULL;
    rp_out_abort(f);
    return NULL;
  }
  /* mkstemp makes 0600; outputs get the user's umask like any new file. */
  mode_t um = umask(0);
  umask(um);
  if (fchmod(fd, 0666 & ~um) != 0 || !(f->fp = fdopen(fd, "wb"))) {
    rp_diag_error(diag, path, 0, NULL, "cannot create: %s", strerror(errno));
    close(fd);
    rp_out_abort(f);
    return NULL;
  }
  *st = RP_OK;
  return f;
}

FILE *rp_out_stream(rp_out_file_t *f) { return f->fp; }

const char *rp_out_temp_path(const rp_out_file_t *f) { return f->tmp; }

rp_encoding_t rp_encoding_of_input(const char *encoding) {
  if (encoding && strcmp(encoding, "GB18030") == 0)
    return RP_ENC_GB18030;
  if (encoding && strcmp(encoding, "UTF-8 BOM") == 0)
    return RP_ENC_UTF8_BOM;
  return RP_ENC_UTF8;
}

int rp_encoding_parse(const char *s, rp_encoding_t *out) {
  static const struct {
    const char *name;
    rp_encoding_t enc;
  } names[] = {{"utf-8", RP_ENC_UTF8},         {"utf8", RP_ENC_UTF8},
               {"utf-8-bom", RP_ENC_UTF8_BOM}, {"utf8-bom", RP_ENC_UTF8_BOM},
               {"utf8bom", RP_ENC_UTF8_BOM},
               {"gb18030", RP_ENC_GB18030},    {"gbk", RP_ENC_GB18030}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcasecmp(s, names[i].name) == 0) {
      *out = names[i].enc;
      return 0;
    }
  return -1;
}

rp_status_t rp_out_set_encoding(rp_out_file_t *f, rp_encoding_t enc) {
  if (enc == RP_ENC_UTF8_BOM)
    fputs("\xEF\xBB\xBF", f->fp);
  if (enc != RP_ENC_GB18030)
    return RP_OK;
  FILE *mem = open_memstream(&f->mem, &f->mem_len);
  if (!mem)
    return RP_ENOMEM;
  f->file = f->fp;
  f->fp = mem;
  return RP_OK;
}

/* GB18030 files: the memory stream's UTF-8, converted, into the file. */
static int convert_out(rp_out_file_t *f, rp_diag_t *diag) {
  if (fclose(f->fp) != 0) {
    f->fp = f->file;
    f->file = NULL;
    return -1;
  }
  f->fp = f->file;
  f->file = NULL;
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == (iconv_t)-1) {
    rp_diag_error(diag, f->path, 0, NULL, "cannot convert to GB18030: %s", strerror(errno));
    return -1;
  }
  char *in = f->mem, out[8192];
  size_t left = f->mem_len;
  int bad = 0;
  while (left > 0 && !bad) {
    char *o = out;
    size_t room = sizeof out;
    size_t r = iconv(cd, &in, &left, &o, &room);
    int err = r == (size_t)-1 ? errno : 0;
    fwrite(out, 1, sizeof out - room, f->fp); /* write errors: ferror at commit */
    if (err && err != E2BIG) {
      rp_diag_error(diag, f->path, 0, NULL, "text cannot be written in GB18030 (at byte %zu)",
                    (size_t)(in - f->mem));
      bad = 1;
    }
  }
  iconv_close(cd);
  free(f->mem);
  f->mem = NULL;
  return bad ? -1 : 0;
}

void rp_out_abort(rp_out_file_t *f) {
  if (!f)
    return;
  if (f->file) { /* a GB18030 file's memory stream */
    fclose(f->fp);
    f->fp = f->file;
  }
  free(f->mem);
  if (f->fp)
    fclose(f->fp);
  if (f->tmp) {
    unlink(f->tmp);
    janitor_tell('R', f->tmp);
  }
  free(f->tmp);
  free(f->path);
  free(f);
}

/* Makes f's temporary file complete on disk: converted, flushed, closed and
 * synced (by its name: a writer such as GLPK's may have replaced the file
 * the stream was opened on).  0, or -1 with the reason in diag; f keeps its
 * temporary either way. */
static int finish(rp_out_file_t *f, rp_diag_t *diag) {
  if (f->file && (ferror(f->fp) || convert_out(f, diag) != 0))
    return -1;
  errno = 0;
  int bad = ferror(f->fp) || fflush(f->fp) != 0;
  bad |= fclose(f->fp) != 0;
  f->fp = NULL;
  int fd = bad ? -1 : open(f->tmp, O_RDONLY);
  bad |= fd < 0 || fsync(fd) != 0;
  int err = errno;
  if (fd >= 0)
    close(fd);
  if (bad && err)
    rp_diag_error(diag, f->path, 0, NULL, "cannot write: %s", strerror(err));
  else if (bad)
    rp_diag_error(diag, f->path, 0, NULL, "cannot write (is the disk full?)");
  return bad ? -1 : 0;
}

rp_status_t rp_out_commit(rp_out_file_t *f, rp_diag_t *diag) {
  if (finish(f, diag) != 0) {
    rp_out_abort(f);
    return RP_EIO;
  }
  if (rename(f->tmp, f->path) != 0) {
    rp_diag_error(diag, f->path, 0, NULL, "cannot write: %s", strerror(errno));
    rp_out_abort(f);
    return RP_EIO;
  }
  janitor_tell('R', f->tmp);
  free(f->tmp);
  f->tmp = NULL;
  rp_out_abort(f);
  return RP_OK;
}

rp_status_t rp_out_mkdir(const char *dir, rp_diag_t *diag) {
  char *p = rp_strdup(dir);
  if (!p)
    return RP_ENOMEM;
  for (char *s = p + 1;; s++) {
    int end = *s == '\0';
    if (*s == '/' || end) {
      *s = '\0';
      if (mkdir(p, 0777) != 0 && errno != EEXIST) {
        rp_diag_error(diag, p, 0, NULL, "cannot create folder: %s",
                      strerror(errno));
        free(p);
        return RP_EIO;
      }
      if (end)
        break;
      *s = '/';
    }
  }
  struct stat st;
  int ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
  if (!ok)
    rp_diag_error(diag, dir, 0, NULL, "is not a folder");
  free(p);
  return ok ? RP_OK : RP_EIO;
}

/* The folder a file goes in, as given ("." or "/" for none), malloc'ed;
 * *base gets the file's own name. */
static char *folder_of(const char *path, const char **base) {
  const char *slash = strrchr(path, '/');
  *base = slash ? slash + 1 : path;
  char *dir = rp_strdup(slash ? path : ".");
  if (dir && slash)
    dir[slash == path ? 1 : slash - path] = '\0';
  return dir;
}

void rp_out_rmdir_empty(const char *dir, const char *sub) {
  if (sub) {
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    rmdir(path); /* fails, as it should, when not empty */
  }
  rmdir(dir);
}

rp_status_t rp_out_mkdir_parent(const char *path, rp_diag_t *diag) {
  const char *base;
  char *dir = folder_of(path, &base);
  if (!dir)
    return RP_ENOMEM;
  rp_status_t st = rp_out_mkdir(dir, diag);
  free(dir);
  return st;
}

char *rp_out_folder_of(const char *path, const char **base) {
  char *dir = folder_of(path, base);
  char *real = dir ? realpath(dir, NULL) : NULL;
  free(dir);
  return real;
}


/* ---- checks before a run ------------------------------------------------- */

/* path/tail with "." dropped and ".." taking off the last name (tail is a
 * path under a folder that does not exist, so no link can be in it). */
static void append_lexical(char *out, size_t cap, const char *tail) {
  while (*tail) {
    size_t n = strcspn(tail, "/");
    size_t len = strlen(out);
    if (n == 2 && strncmp(tail, "..", 2) == 0) {
      char *slash = strrchr(out, '/');
      if (slash)
        *(slash == out ? slash + 1 : slash) = '\0';
    } else if (n > 0 && !(n == 1 && tail[0] == '.') && len + n + 2 <= cap) {
      snprintf(out + len, cap - len, "%s%.*s", len && out[len - 1] == '/' ? "" : "/", (int)n,
               tail);
    }
    tail += n + (tail[n] == '/');
  }
}

/* The absolute form of path, links and ".." resolved in the part that
 * exists, the rest taken by name; malloc'ed, NULL when out of memory. */
static char *canonical(const char *path) {
  size_t n = strlen(path), cap = PATH_MAX + n + 2;
  char *p = rp_strdup(path), *out = malloc(cap);
  if (!p || !out) {
    free(p);
    free(out);
    return NULL;
  }
  size_t cut = n; /* p[0..cut) is tried; the rest is the tail */
  for (;;) {
    char save = p[cut];
    p[cut] = '\0';
    char *real = realpath(cut ? p : (path[0] == '/' ? "/" : "."), NULL);
    p[cut] = save;
    if (real) {
      snprintf(out, cap, "%s", real);
      free(real);
      append_lexical(out, cap, p + cut);
      break;
    }
    if (cut == 0) { /* not even the working folder resolves */
      snprintf(out, cap, "%s", path);
      break;
    }
    while (cut > 0 && p[cut - 1] == '/')
      cut--;
    while (cut > 0 && p[cut - 1] != '/')
      cut--;
  }
  free(p);
  return out;
}

rp_status_t rp_out_check(const char *const *paths, size_t n, rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  char **canon = calloc(n + 1, sizeof *canon);
  if (!canon)
    return RP_ENOMEM;
  for (size_t i = 0; i < n && st != RP_ENOMEM; i++) {
    if (!paths[i])
      continue;
    rp_status_t s1 = RP_OK;
    const char *no = not_replaceable(paths[i], &s1);
    if (no) {
      rp_diag_error(diag, paths[i], 0, NULL, "%s", no);
      st = s1;
    }
    if (!(canon[i] = canonical(paths[i])))
      st = RP_ENOMEM;
    /* The same folder and name (two hard links are two names: each output
     * replaces its own). */
    for (size_t j = 0; canon[i] && j < i; j++)
      if (canon[j] && strcmp(canon[i], canon[j]) == 0) {
        rp_diag_error(diag, paths[i], 0, NULL,
                      "is also %s, another output of this run: give each output its own file",
                      paths[j]);
        st = RP_EUSAGE;
        break;
      }
  }
  for (size_t i = 0; i < n; i++)
    free(canon[i]);
  free(canon);
  return st;
}

rp_status_t rp_out_check_folder(const char *dir, const char *what, rp_diag_t *diag) {
  char *p = rp_strdup(dir);
  if (!p)
    return RP_ENOMEM;
  rp_status_t st = RP_OK;
  struct stat sb;
  /* The folder, or the nearest folder above it that exists. */
  for (;;) {
    if (stat(p, &sb) == 0) {
      if (!S_ISDIR(sb.st_mode)) {
        rp_diag_error(diag, p, 0, NULL, "is a file, not a folder: %s cannot be written there",
                      what);
        st = RP_EUSAGE;
      } else if (access(p, W_OK | X_OK) != 0) {
        rp_diag_error(diag, p, 0, NULL, "cannot write into this folder (%s): %s cannot be "
                      "written there", strerror(errno), what);
        st = RP_EIO;
      }
      break;
    }
    char *slash = strrchr(p, '/');
    while (slash && slash > p && slash[1] == '\0') { /* "a/b/": drop the last '/' */
      *slash = '\0';
      slash = strrchr(p, '/');
    }
    if (!slash) {
      if (!*p || strcmp(p, ".") == 0)
        break;
      snprintf(p, strlen(p) + 1, "."); /* a name under the working folder */
      continue;
    }
    slash[slash == p ? 1 : 0] = '\0';
  }
  free(p);
  return st;
}

/* ---- a run's transaction --------------------------------------------------- */

typedef struct {
  char *tmp, *path;
} pending_t;

struct rp_out_txn {
  pending_t *v;
  size_t n, cap;
};

rp_out_txn_t *rp_out_txn_create(void) { return calloc(1, sizeof(rp_out_txn_t)); }

/* Removes the temporaries of t from index `from` on. */
static void remove_from(rp_out_txn_t *t, size_t from) {
  for (size_t i = from; i < t->n; i++) {
    unlink(t->v[i].tmp);
    janitor_tell('R', t->v[i].tmp);
    free(t->v[i].tmp);
    free(t->v[i].path);
  }
  t->n = from < t->n ? from : t->n;
}

size_t rp_out_txn_mark(const rp_out_txn_t *t) { return t->n; }

void rp_out_txn_rollback(rp_out_txn_t *t, size_t mark) { remove_from(t, mark); }

void rp_out_txn_free(rp_out_txn_t *t) {
  if (!t)
    return;
  remove_from(t, 0);
  free(t->v);
  free(t);
}

/* Appends a finished temporary (the strings become t's).  -1 when out of
 * memory (the caller still owns them). */
static int push(rp_out_txn_t *t, char *tmp, char *path) {
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 16;
    pending_t *v = realloc(t->v, cap * sizeof *v);
    if (!v)
      return -1;
    t->v = v;
    t->cap = cap;
  }
  t->v[t->n++] = (pending_t){tmp, path};
  return 0;
}

rp_status_t rp_out_txn_add(rp_out_txn_t *t, rp_out_file_t *f, rp_diag_t *diag) {
  if (!f)
    return RP_OK;
  if (finish(f, diag) != 0) {
    rp_out_abort(f);
    return RP_EIO;
  }
  if (push(t, f->tmp, f->path) != 0) {
    rp_out_abort(f);
    return RP_ENOMEM;
  }
  f->tmp = f->path = NULL;
  rp_out_abort(f);
  return RP_OK;
}

rp_status_t rp_out_finish_into(rp_out_txn_t *t, rp_out_file_t *f, rp_diag_t *diag) {
  return t ? rp_out_txn_add(t, f, diag) : rp_out_commit(f, diag);
}

/* t's first k files are no longer its own (in place, or handed over). */
static void forget_first(rp_out_txn_t *t, size_t k) {
  for (size_t i = 0; i < k; i++) {
    free(t->v[i].tmp);
    free(t->v[i].path);
  }
  memmove(t->v, t->v + k, (t->n - k) * sizeof *t->v);
  t->n -= k;
}

rp_status_t rp_out_txn_commit(rp_out_txn_t *t, rp_diag_t *diag) {
  rp_status_t st = RP_OK;
  size_t done = 0;
  for (; done < t->n; done++)
    if (rename(t->v[done].tmp, t->v[done].path) != 0) {
      rp_diag_error(diag, t->v[done].path, 0, NULL,
                    "cannot put in place: %s; %zu of the run's %zu files were (the folder "
                    "changed under the run?)", strerror(errno), done, t->n);
      st = RP_EIO;
      break;
    }
  for (size_t i = 0; i < done; i++)
    janitor_tell('R', t->v[i].tmp);
  forget_first(t, done);
  remove_from(t, 0);
  return st;
}

int rp_out_txn_hand_over(rp_out_txn_t *t, int fd) {
  int d = dup(fd);
  FILE *fp = d >= 0 ? fdopen(d, "wb") : NULL;
  if (!fp) {
    if (d >= 0)
      close(d);
    return -1;
  }
  for (size_t i = 0; i < t->n; i++) {
    fputs(t->v[i].tmp, fp);
    fputc('\0', fp);
    fputs(t->v[i].path, fp);
    fputc('\0', fp);
  }
  int bad = ferror(fp);
  bad |= fclose(fp) != 0;
  if (bad)
    return -1;
  /* The receiver's now: a janitor this process started would remove them
   * when it exits; one it shares with the receiver keeps them listed. */
  for (size_t i = 0; i < t->n && janitor_owner == getpid(); i++)
    janitor_tell('R', t->v[i].tmp);
  forget_first(t, t->n);
  return 0;
}

/* The whole of fd, malloc'ed, *len its length; NULL when out of memory. */
static char *read_all(int fd, size_t *len) {
  size_t cap = 4096;
  char *buf = malloc(cap);
  *len = 0;
  for (ssize_t r = 1; buf && r != 0;) {
    if (*len == cap) {
      char *b = realloc(buf, cap *= 2);
      if (!b) {
        free(buf);
        return NULL;
      }
      buf = b;
    }
    r = read(fd, buf + *len, cap - *len);
    if (r < 0 && errno != EINTR)
      break;
    *len += r > 0 ? (size_t)r : 0;
  }
  return buf;
}

rp_status_t rp_out_txn_take_over(rp_out_txn_t *t, int fd) {
  size_t len;
  char *buf = read_all(fd, &len);
  if (!buf)
    return RP_ENOMEM;
  rp_status_t st = RP_OK;
  for (size_t at = 0; at < len;) {
    const char *tmp = buf + at, *path = memchr(tmp, '\0', len - at);
    if (!path || !memchr(path + 1, '\0', len - (size_t)(path + 1 - buf)))
      break; /* cut short: the sender died while writing */
    path++;
    at = (size_t)(path - buf) + strlen(path) + 1;
    char *a = rp_strdup(tmp), *b = rp_strdup(path);
    janitor_tell('A', tmp);
    if (st != RP_OK || !a || !b || push(t, a, b) != 0) {
      unlink(tmp);
      janitor_tell('R', tmp);
      free(a);
      free(b);
      st = RP_ENOMEM;
    }
  }
  free(buf);
  return st;
}

const char *rp_out_txn_temp_of(const rp_out_txn_t *t, const char *path) {
  for (size_t i = 0; i < t->n; i++)
    if (strcmp(t->v[i].path, path) == 0)
      return t->v[i].tmp;
  return NULL;
}

rp_status_t rp_out_check_parent(const char *path, const char *what, rp_diag_t *diag) {
  const char *base;
  char *dir = folder_of(path, &base);
  if (!dir)
    return RP_ENOMEM;
  rp_status_t st = rp_out_check_folder(dir, what, diag);
  free(dir);
  return st;
}
