/* Temporary-then-rename output files (see out_file.h). */
#define _DEFAULT_SOURCE /* realpath */
#include "io/out_file.h"

#include <errno.h>
#include <iconv.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
  if (stat(input_path, &st) != 0)
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

rp_out_file_t *rp_out_open(const char *path, rp_diag_t *diag, rp_status_t *st) {
  const char *no = not_replaceable(path, st);
  if (no) {
    rp_diag_error(diag, path, 0, NULL, "%s", no);
    return NULL;
  }
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
  if (f->tmp)
    unlink(f->tmp);
  free(f->tmp);
  free(f->path);
  free(f);
}

rp_status_t rp_out_commit(rp_out_file_t *f, rp_diag_t *diag) {
  if (f->file && (ferror(f->fp) || convert_out(f, diag) != 0)) {
    rp_out_abort(f);
    return RP_EIO;
  }
  int bad = ferror(f->fp);
  bad |= fflush(f->fp) != 0;
  bad |= fsync(fileno(f->fp)) != 0;
  bad |= fclose(f->fp) != 0;
  f->fp = NULL;
  if (bad || rename(f->tmp, f->path) != 0) {
    rp_diag_error(diag, f->path, 0, NULL, "cannot write: %s", strerror(errno));
    rp_out_abort(f);
    return RP_EIO;
  }
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

int rp_out_same_path(const char *a, const char *b) {
  const char *ba, *bb;
  char *da = rp_out_folder_of(a, &ba), *db = rp_out_folder_of(b, &bb);
  int same = da && db && strcmp(da, db) == 0 && strcmp(ba, bb) == 0;
  free(da);
  free(db);
  return same;
}
