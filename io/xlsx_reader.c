/* One sheet of an .xlsx workbook read as a CSV table (see xlsx_reader.h).
 *
 * The way through: the zip's entries are listed once (names, positions;
 * RP_XLSX_MAX_ENTRIES); each part needed is inflated in 64 KiB pieces
 * straight into expat, never whole, and refused past its cap
 * (RP_XLSX_MAX_META_BYTES, RP_XLSX_MAX_PART_BYTES), so a zip bomb costs at
 * most the cap's inflation.  _rels/.rels -> the workbook part -> its
 * relationships -> the sheet's part and the shared strings.  The XML may
 * not have a DTD (so no entity can expand) nor nest deeper than
 * RP_XLSX_MAX_DEPTH.  Elements are matched by local name, whatever their
 * namespace prefix (Strict OOXML and other writers' prefixes included).
 *
 * The sheet is written as CSV text, one sheet row per line, quoted, with
 * blank lines for missing rows, and read by io/csv_reader.c; a map from
 * the text's lines to sheet rows then puts the sheet's row numbers back
 * into the table and the messages (a cell with a line break takes two lines
 * of text).  Invariants of the sheet pass: rows strictly increase, cells
 * within a row strictly increase, only non-empty cells are kept, and no
 * kept cell lies beyond RP_CSV_MAX_COLS. */
#include "io/xlsx_reader.h"

#include "model/limits.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

/* Excel's own sheet size: rows and columns beyond it are not a workbook's. */
#define XL_MAX_ROW 1048576L
#define XL_MAX_COL 16384L
#define CHUNK 65536

/* ---- paths ----------------------------------------------------------------- */

/* Does s[0..n) end in ".xlsx", any case? */
static int ends_xlsx(const char *s, size_t n) {
  static const char ext[] = ".xlsx";
  if (n < 5)
    return 0;
  for (size_t i = 0; i < 5; i++) {
    char c = s[n - 5 + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != ext[i])
      return 0;
  }
  return 1;
}

/* The `#` that ends FILE.xlsx and starts a sheet's name (which holds no
 * '/'), or NULL. */
static const char *sheet_mark(const char *path) {
  for (const char *h = strchr(path, '#'); h; h = strchr(h + 1, '#'))
    if (ends_xlsx(path, (size_t)(h - path)) && !strchr(h + 1, '/'))
      return h;
  return NULL;
}

int rp_xlsx_path(const char *path) {
  return ends_xlsx(path, strlen(path)) || sheet_mark(path) != NULL;
}

int rp_xlsx_path_split(const char *path, char **file, char **sheet) {
  const char *h = sheet_mark(path);
  *sheet = NULL;
  *file = h ? rp_strndup(path, (size_t)(h - path)) : rp_strdup(path);
  if (*file && h && h[1] && !(*sheet = rp_strdup(h + 1))) {
    free(*file);
    *file = NULL;
  }
  return *file ? 0 : -1;
}

/* ---- a growing buffer -------------------------------------------------------- */

typedef struct {
  char *p;
  size_t n, cap;
} buf_t;

static int buf_put(buf_t *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + n + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      return -1;
    b->p = p;
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
  return 0;
}

/* ---- the reader's state ---------------------------------------------------- */

typedef struct {
  char *name; /* normalised: '/' separators */
  unz64_file_pos pos;
  int encrypted;
} entry_t;

typedef struct {
  char *id, *type, *target;
} rel_t;

typedef struct {
  rel_t *v;
  size_t n, cap;
} rels_t;

typedef struct {
  char *name, *rid;
  int hidden;
} sheet_t;

typedef struct {
  const char *name; /* for messages */
  rp_diag_t *diag;
  rp_status_t st;   /* the first failure; RP_OK while none */
  /* the zip, read from memory */
  const unsigned char *data;
  size_t len, pos;
  unzFile zf;
  entry_t *entries;
  size_t n_entries;
  /* the workbook */
  sheet_t *sheets;
  size_t n_sheets, cap_sheets;
  /* shared strings: NUL-terminated in `sst`, each starting at sst_at[i] */
  buf_t sst;
  uint32_t *sst_at;
  size_t n_sst, cap_sst;
} xl_t;

/* Reports a defect of the workbook (not an Excel workbook) once. */
static void bad(xl_t *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(xl_t *x, const char *fmt, ...) {
  if (x->st != RP_OK)
    return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rp_diag_error(x->diag, x->name, 0, NULL, "not an Excel workbook (.xlsx): %s", msg);
  x->st = RP_EINPUT;
}

static void nomem(xl_t *x) {
  if (x->st == RP_OK)
    x->st = RP_ENOMEM;
}

/* Reports a limit of model/limits.h crossed, at `line` (0: the file). */
static void over(xl_t *x, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void over(xl_t *x, long line, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rp_diag_error(x->diag, x->name, line, NULL, "%s", msg);
  if (x->st == RP_OK)
    x->st = RP_ELIMIT;
}

/* Makes room for n + 1 items of `size` bytes in *v (capacity *cap);
 * 0, or -1 when out of memory. */
static int grow(void *v, size_t *cap, size_t n, size_t size) {
  if (n < *cap)
    return 0;
  size_t c = *cap ? 2 * *cap : 32;
  void *p = realloc(*(void **)v, c * size);
  if (!p)
    return -1;
  *(void **)v = p;
  *cap = c;
  return 0;
}

/* ---- the zip, from memory (minizip's I/O callbacks) ---------------------------- */

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *filename, int mode) {
  (void)filename;
  (void)mode;
  xl_t *x = opaque;
  x->pos = 0;
  return x;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size) {
  (void)opaque;
  xl_t *x = stream;
  size_t left = x->len - x->pos;
  size_t n = size < left ? (size_t)size : left;
  if (n)
    memcpy(buf, x->data + x->pos, n);
  x->pos += n;
  return (uLong)n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size) {
  (void)opaque;
  (void)stream;
  (void)buf;
  (void)size;
  return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream) {
  (void)opaque;
  return ((xl_t *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin) {
  (void)opaque;
  xl_t *x = stream;
  size_t base = origin == ZLIB_FILEFUNC_SEEK_CUR   ? x->pos
                : origin == ZLIB_FILEFUNC_SEEK_END ? x->len
                                                   : 0;
  if (off > x->len - base)
    return -1;
  x->pos = base + (size_t)off;
  return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream) {
  (void)opaque;
  (void)stream;
  return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream) {
  (void)opaque;
  (void)stream;
  return 0;
}

/* What the first bytes say the file is, when not a zip; NULL for a zip. */
static const char *not_zip(const unsigned char *d, size_t n) {
  if (n >= 4 && d[0] == 'P' && d[1] == 'K' && (d[2] == 3 || d[2] == 5) && (d[3] == 4 || d[3] == 6))
    return NULL;
  if (n >= 4 && d[0] == 0xD0 && d[1] == 0xCF && d[2] == 0x11 && d[3] == 0xE0)
    return "ole";
  return "other";
}

/* Opens the zip and lists its entries. */
static void open_zip(xl_t *x) {
  zlib_filefunc64_def io = {mem_open, mem_read, mem_write, mem_tell,
                            mem_seek, mem_close, mem_error, x};
  if (!(x->zf = unzOpen2_64("workbook", &io))) {
    bad(x, "the zip's directory is missing or damaged (a file cut short?)");
    return;
  }
  size_t cap = 0;
  int rc = unzGoToFirstFile(x->zf);
  while (rc == UNZ_OK) {
    if (x->n_entries >= RP_XLSX_MAX_ENTRIES)
      return over(x, 0, "the zip has more than %d entries (RP_XLSX_MAX_ENTRIES): not a workbook",
                  RP_XLSX_MAX_ENTRIES);
    unz_file_info64 info;
    char name[1024];
    if (unzGetCurrentFileInfo64(x->zf, &info, name, sizeof name - 1, NULL, 0, NULL, 0) !=
        UNZ_OK) {
      bad(x, "the zip's directory is damaged");
      return;
    }
    name[info.size_filename < sizeof name - 1 ? info.size_filename : sizeof name - 1] = '\0';
    for (char *p = name; *p; p++)
      if (*p == '\\')
        *p = '/';
    if (grow(&x->entries, &cap, x->n_entries, sizeof *x->entries) != 0)
      return nomem(x);
    entry_t *e = &x->entries[x->n_entries];
    if (unzGetFilePos64(x->zf, &e->pos) != UNZ_OK) {
      bad(x, "the zip's directory is damaged");
      return;
    }
    e->encrypted = (info.flag & 1) != 0;
    if (!(e->name = rp_strdup(name)))
      return nomem(x);
    x->n_entries++;
    rc = unzGoToNextFile(x->zf);
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE)
    bad(x, "the zip's directory is damaged");
}

/* ASCII case-insensitive equality (part names, sheet names). */
static int same_ci(const char *a, const char *b) {
  for (;; a++, b++) {
    char c = *a, d = *b;
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (d >= 'A' && d <= 'Z')
      d = (char)(d - 'A' + 'a');
    if (c != d)
      return 0;
    if (!c)
      return 1;
  }
}

/* The entry of part `name` (part names are case-insensitive), or NULL. */
static const entry_t *find_part(const xl_t *x, const char *name) {
  for (size_t i = 0; i < x->n_entries; i++)
    if (same_ci(x->entries[i].name, name))
      return &x->entries[i];
  return NULL;
}

/* ---- XML parts through expat ---------------------------------------------------- */

typedef struct xml_s xml_t;
struct xml_s {
  xl_t *x;
  XML_Parser p;
  const char *part;
  int depth;
  int stopped; /* a handler stopped the parser and reported why */
  void (*start)(xml_t *m, const char *local, const char **atts);
  void (*end)(xml_t *m, const char *local);
  void (*text)(xml_t *m, const char *s, int len);
  void *ud;
};

/* The local part of an expat name "URI|local". */
static const char *local_of(const char *name) {
  const char *bar = strrchr(name, '|');
  return bar ? bar + 1 : name;
}

/* Attribute `local` (in no namespace when ns is 0, in one when ns is 1). */
static const char *attr(const char **atts, const char *local, int ns) {
  for (int i = 0; atts[i]; i += 2) {
    const char *bar = strrchr(atts[i], '|');
    if ((bar != NULL) == ns && strcmp(bar ? bar + 1 : atts[i], local) == 0)
      return atts[i + 1];
  }
  return NULL;
}

/* Stops the parse with a defect reported at the part and its line. */
static void xml_fail(xml_t *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void xml_fail(xml_t *m, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (!m->stopped)
    bad(m->x, "%s, line %lu: %s", m->part, (unsigned long)XML_GetCurrentLineNumber(m->p), msg);
  m->stopped = 1;
  XML_StopParser(m->p, XML_FALSE);
}

static void stop_quiet(xml_t *m) {
  m->stopped = 1;
  XML_StopParser(m->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  xml_t *m = ud;
  if (m->stopped)
    return;
  if (++m->depth > RP_XLSX_MAX_DEPTH) {
    xml_fail(m, "elements nested deeper than %d (RP_XLSX_MAX_DEPTH)", RP_XLSX_MAX_DEPTH);
    return;
  }
  if (m->start)
    m->start(m, local_of(name), atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name) {
  xml_t *m = ud;
  if (m->stopped)
    return;
  m->depth--;
  if (m->end)
    m->end(m, local_of(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len) {
  xml_t *m = ud;
  if (!m->stopped && m->text)
    m->text(m, s, len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset) {
  (void)name;
  (void)sysid;
  (void)pubid;
  (void)has_internal_subset;
  xml_fail(ud, "a document type declaration (<!DOCTYPE>), which no workbook has");
}

/* Inflates part `e` into expat with m's handlers, refusing more than `cap`
 * bytes.  The outcome is in x->st. */
static void parse_part(xml_t *m, const entry_t *e, long cap, const char *what) {
  xl_t *x = m->x;
  char *chunk = NULL;
  m->part = e->name;
  if (e->encrypted) {
    bad(x, "%s is encrypted", e->name);
    return;
  }
  if (!(m->p = XML_ParserCreateNS(NULL, '|')) || !(chunk = malloc(CHUNK))) {
    nomem(x);
    goto done;
  }
  XML_SetUserData(m->p, m);
  XML_SetElementHandler(m->p, on_start, on_end);
  XML_SetCharacterDataHandler(m->p, on_text);
  XML_SetStartDoctypeDeclHandler(m->p, on_doctype);
  if (unzGoToFilePos64(x->zf, &e->pos) != UNZ_OK || unzOpenCurrentFile(x->zf) != UNZ_OK) {
    bad(x, "%s cannot be unpacked (damaged, or a compression other than deflate)", e->name);
    goto done;
  }
  long total = 0;
  for (;;) {
    int n = unzReadCurrentFile(x->zf, chunk, CHUNK);
    if (n < 0) {
      bad(x, "%s is damaged (zip error %d)", e->name, n);
      break;
    }
    if (n > cap - total) {
      over(x, 0, "%s (%s) is more than %ld MB unpacked (%s): a zip bomb, or not a county's "
           "workbook", e->name, what, cap / (1024 * 1024),
           cap == RP_XLSX_MAX_PART_BYTES ? "RP_XLSX_MAX_PART_BYTES" : "RP_XLSX_MAX_META_BYTES");
      break;
    }
    total += n;
    if (XML_Parse(m->p, chunk, n, n == 0) != XML_STATUS_OK) {
      if (!m->stopped)
        bad(x, "%s, line %lu: %s", e->name, (unsigned long)XML_GetCurrentLineNumber(m->p),
            XML_ErrorString(XML_GetErrorCode(m->p)));
      break;
    }
    if (n == 0 || x->st != RP_OK)
      break;
  }
  if (unzCloseCurrentFile(x->zf) == UNZ_CRCERROR)
    bad(x, "%s is damaged (its checksum does not match)", e->name);
done:
  if (m->p)
    XML_ParserFree(m->p);
  m->p = NULL;
  free(chunk);
}

/* ---- relationships -------------------------------------------------------------- */

static void rels_free(rels_t *r) {
  for (size_t i = 0; i < r->n; i++) {
    free(r->v[i].id);
    free(r->v[i].type);
    free(r->v[i].target);
  }
  free(r->v);
  *r = (rels_t){0};
}

static void rels_start(xml_t *m, const char *local, const char **atts) {
  rels_t *r = m->ud;
  if (strcmp(local, "Relationship") != 0)
    return;
  const char *id = attr(atts, "Id", 0), *type = attr(atts, "Type", 0),
             *target = attr(atts, "Target", 0), *mode = attr(atts, "TargetMode", 0);
  if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
    return;
  if (r->n >= RP_XLSX_MAX_ENTRIES) {
    xml_fail(m, "more relationships than the zip has entries");
    return;
  }
  if (grow(&r->v, &r->cap, r->n, sizeof *r->v) != 0) {
    nomem(m->x);
    stop_quiet(m);
    return;
  }
  rel_t *e = &r->v[r->n];
  e->id = rp_strdup(id);
  e->type = rp_strdup(type);
  e->target = rp_strdup(target);
  r->n++;
  if (!e->id || !e->type || !e->target) {
    nomem(m->x);
    stop_quiet(m);
  }
}

/* Does a relationship's type end in "/kind"? */
static int rel_is(const rel_t *r, const char *kind) {
  size_t n = strlen(r->type), k = strlen(kind);
  return n > k && r->type[n - k - 1] == '/' && strcmp(r->type + n - k, kind) == 0;
}

/* Reads the relationships of part `source` ("" for the package). */
static void read_rels(xl_t *x, const char *source, rels_t *r) {
  const char *slash = strrchr(source, '/');
  size_t dir = slash ? (size_t)(slash - source) + 1 : 0;
  char path[1200];
  snprintf(path, sizeof path, "%.*s_rels/%s.rels", (int)dir, source, source + dir);
  const entry_t *e = find_part(x, path);
  if (!e)
    return;
  xml_t m = {.x = x, .start = rels_start, .ud = r};
  parse_part(&m, e, RP_XLSX_MAX_META_BYTES, "relationships");
}

/* The part a relationship of `source` points at, resolved against the
 * source's folder ("/x" from the package root), "." and ".." removed;
 * malloc'ed, or NULL when out of memory. */
static char *resolve(const char *source, const char *target) {
  buf_t b = {0};
  const char *slash = strrchr(source, '/');
  if (target[0] != '/' && slash && buf_put(&b, source, (size_t)(slash - source) + 1) != 0)
    return NULL;
  if (buf_put(&b, target[0] == '/' ? target + 1 : target, strlen(target[0] == '/' ? target + 1 : target)) != 0) {
    free(b.p);
    return NULL;
  }
  /* Segments, "." dropped and ".." taking one back. */
  char *out = b.p, *w = out;
  for (char *seg = out; *seg;) {
    char *end = strchr(seg, '/');
    size_t n = end ? (size_t)(end - seg) : strlen(seg);
    if ((n == 1 && seg[0] == '.') || n == 0) {
    } else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
      while (w > out && w[-1] == '/')
        w--;
      while (w > out && w[-1] != '/')
        w--;
    } else {
      memmove(w, seg, n);
      w += n;
      if (end)
        *w++ = '/';
    }
    seg = end ? end + 1 : seg + n;
  }
  *w = '\0';
  return out;
}

/* ---- the workbook part ---------------------------------------------------------- */

typedef struct {
  int root_seen;
  char root[64];
} wb_state_t;

static void wb_start(xml_t *m, const char *local, const char **atts) {
  xl_t *x = m->x;
  wb_state_t *w = m->ud;
  if (!w->root_seen) {
    w->root_seen = 1;
    snprintf(w->root, sizeof w->root, "%s", local);
    if (strcmp(local, "workbook") != 0)
      xml_fail(m, "the document is a <%s>, not a <workbook> (a Word or PowerPoint file?)",
               w->root);
    return;
  }
  if (strcmp(local, "sheet") != 0)
    return;
  const char *name = attr(atts, "name", 0), *rid = attr(atts, "id", 1),
             *state = attr(atts, "state", 0);
  if (!name || !rid) {
    xml_fail(m, "a <sheet> without its name or r:id");
    return;
  }
  if (x->n_sheets >= RP_XLSX_MAX_SHEETS) {
    over(x, 0, "the workbook has more than %d sheets (RP_XLSX_MAX_SHEETS)", RP_XLSX_MAX_SHEETS);
    stop_quiet(m);
    return;
  }
  if (grow(&x->sheets, &x->cap_sheets, x->n_sheets, sizeof *x->sheets) != 0) {
    nomem(x);
    stop_quiet(m);
    return;
  }
  sheet_t *s = &x->sheets[x->n_sheets++];
  s->name = rp_strdup(name);
  s->rid = rp_strdup(rid);
  s->hidden = state && strcmp(state, "visible") != 0;
  if (!s->name || !s->rid) {
    nomem(x);
    stop_quiet(m);
  }
}

/* ---- shared strings and inline strings --------------------------------------------
 * A string item (<si>, or a cell's <is>) is the text of its <t> elements,
 * directly or in rich-text runs <r>, without the phonetic runs <rPh>. */

typedef struct {
  int in_item, in_t, in_rph;
  buf_t text;
} str_state_t;

/* Tracks an item's elements; 1 when `local` was one of them. */
static int str_start(str_state_t *s, const char *local) {
  if (!s->in_item)
    return 0;
  if (strcmp(local, "rPh") == 0)
    s->in_rph++;
  else if (strcmp(local, "t") == 0 && !s->in_rph)
    s->in_t = 1;
  return 1;
}

static void str_end(str_state_t *s, const char *local) {
  if (strcmp(local, "rPh") == 0 && s->in_rph)
    s->in_rph--;
  else if (strcmp(local, "t") == 0)
    s->in_t = 0;
}

static int hexval(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* Decodes in place the _xHHHH_ escapes Excel writes for characters XML
 * cannot hold (a control character, or "_x" itself: _x005F_); a NUL or a
 * surrogate stays as written.  The text only shrinks. */
static void unescape_x(buf_t *b) {
  char *s = b->p, *w = b->p;
  if (!s)
    return;
  size_t n = b->n, i = 0;
  while (i < n) {
    if (i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      int hex = 1; /* four hex digits (shifting hexval's -1 was undefined: fuzz_xlsx) */
      for (int k = 2; k < 6 && hex; k++) {
        int h = hexval(s[i + k]);
        hex = h >= 0;
        cp = cp << 4 | (unsigned)(hex ? h : 0);
      }
      if (hex && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
        if (cp < 0x80) {
          *w++ = (char)cp;
        } else if (cp < 0x800) {
          *w++ = (char)(0xC0 | (cp >> 6));
          *w++ = (char)(0x80 | (cp & 0x3F));
        } else {
          *w++ = (char)(0xE0 | (cp >> 12));
          *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
          *w++ = (char)(0x80 | (cp & 0x3F));
        }
        i += 7;
        continue;
      }
    }
    *w++ = s[i++];
  }
  b->n = (size_t)(w - s);
  *w = '\0';
}

typedef struct {
  str_state_t s;
  int root_seen;
} sst_state_t;

static void sst_start(xml_t *m, const char *local, const char **atts) {
  (void)atts;
  sst_state_t *st = m->ud;
  if (!st->root_seen) {
    st->root_seen = 1;
    if (strcmp(local, "sst") != 0)
      xml_fail(m, "the shared strings part is a <%s>, not an <sst>", local);
    return;
  }
  if (str_start(&st->s, local))
    return;
  if (strcmp(local, "si") == 0) {
    st->s.in_item = 1;
    st->s.text.n = 0;
  }
}

static void sst_end(xml_t *m, const char *local) {
  sst_state_t *st = m->ud;
  xl_t *x = m->x;
  if (!st->s.in_item)
    return;
  if (strcmp(local, "si") != 0) {
    str_end(&st->s, local);
    return;
  }
  st->s.in_item = 0;
  unescape_x(&st->s.text);
  if (x->n_sst >= (size_t)RP_XLSX_MAX_STRINGS) {
    over(x, 0, "more than %ld shared strings (RP_XLSX_MAX_STRINGS)", RP_XLSX_MAX_STRINGS);
    stop_quiet(m);
    return;
  }
  if (grow(&x->sst_at, &x->cap_sst, x->n_sst, sizeof *x->sst_at) != 0)
    goto oom;
  x->sst_at[x->n_sst++] = (uint32_t)x->sst.n;
  if (buf_put(&x->sst, st->s.text.p ? st->s.text.p : "", st->s.text.n) != 0 ||
      buf_put(&x->sst, "", 1) != 0) /* the NUL that ends it */
    goto oom;
  return;
oom:
  nomem(x);
  stop_quiet(m);
}

static void str_text(xml_t *m, str_state_t *s, const char *t, int len) {
  if (s->in_item && s->in_t && buf_put(&s->text, t, (size_t)len) != 0) {
    nomem(m->x);
    stop_quiet(m);
  }
}

static void sst_text(xml_t *m, const char *t, int len) {
  str_text(m, &((sst_state_t *)m->ud)->s, t, len);
}

/* ---- the sheet ------------------------------------------------------------------ */

typedef struct {
  long col;
  size_t at, len; /* in row_text */
} cell_t;

typedef struct {
  int root_seen, in_data, in_row, in_cell, in_v;
  long row, prev_row, col, next_col;
  char type[16];
  buf_t v;       /* the cell's <v> */
  str_state_t is; /* the cell's inline string */
  /* the row's non-empty cells */
  cell_t *cells;
  size_t n_cells, cap_cells;
  buf_t row_text;
  /* the CSV text and, for each of its lines, the sheet row */
  buf_t csv;
  long line;     /* the line of the text being written, 1-based */
  long *row_of;  /* row_of[line] */
  size_t cap_row_of;
  int rows_written;
} sheet_state_t;

/* "B7" for messages. */
static void cell_name(long col, long row, char *out, size_t cap) {
  char letters[8];
  int n = 0;
  for (long c = col; c > 0 && n < 7; c = (c - 1) / 26)
    letters[n++] = (char)('A' + (c - 1) % 26);
  char rev[8];
  for (int i = 0; i < n; i++)
    rev[i] = letters[n - 1 - i];
  rev[n] = '\0';
  snprintf(out, cap, "%s%ld", rev, row);
}

/* Parses a whole decimal number of 1 to 7 digits (rows, indices); -1 if not. */
static long small_number(const char *s) {
  long v = 0;
  int n = 0;
  for (; *s >= '0' && *s <= '9'; s++, n++) {
    if (n >= 10)
      return -1;
    v = v * 10 + (*s - '0');
  }
  return n > 0 && *s == '\0' ? v : -1;
}

/* An A1 reference: *col and *row, 0 when well-formed. */
static int parse_ref(const char *s, long *col, long *row) {
  long c = 0;
  int n = 0;
  for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, n++) {
    if (n >= 3)
      return -1;
    c = c * 26 + ((*s | 0x20) - 'a' + 1);
  }
  long r = small_number(s);
  if (n == 0 || c > XL_MAX_COL || r < 1 || r > XL_MAX_ROW)
    return -1;
  *col = c;
  *row = r;
  return 0;
}

/* Appends to the CSV text, within RP_CSV_MAX_BYTES; 0 or -1 (reported). */
static int csv_put(xml_t *m, sheet_state_t *s, const char *t, size_t n) {
  if (s->csv.n + n > (size_t)RP_CSV_MAX_BYTES) {
    over(m->x, 0, "the sheet is more than %ld bytes as text (RP_CSV_MAX_BYTES): split the "
         "county or raise the limit", RP_CSV_MAX_BYTES);
    stop_quiet(m);
    return -1;
  }
  if (buf_put(&s->csv, t, n) != 0) {
    nomem(m->x);
    stop_quiet(m);
    return -1;
  }
  return 0;
}

/* Ends the text's current line, which holds part of sheet row `row`. */
static int csv_newline(xml_t *m, sheet_state_t *s, long row) {
  if (grow(&s->row_of, &s->cap_row_of, (size_t)s->line + 1, sizeof *s->row_of) != 0) {
    nomem(m->x);
    stop_quiet(m);
    return -1;
  }
  s->row_of[s->line++] = row;
  s->row_of[s->line] = row;
  return csv_put(m, s, "\n", 1);
}

/* One value as a quoted CSV field that io/csv_reader.c reads back as it is:
 * quotes doubled, and one more apostrophe before a leading '= (the reader
 * takes one away, as it does for the CSV files rotaplan writes). */
static int csv_field(xml_t *m, sheet_state_t *s, long row, const char *v, size_t n) {
  size_t a = 0, b = n, q = 0;
  while (a < b && (v[a] == ' ' || v[a] == '\t'))
    a++;
  while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
    b--;
  while (a + q < b && v[a + q] == '\'')
    q++;
  int extra = q > 0 && a + q < b && strchr("=+-@\t\r", v[a + q]);
  if (csv_put(m, s, "\"", 1) != 0 || csv_put(m, s, v, a) != 0 ||
      (extra && csv_put(m, s, "'", 1) != 0))
    return -1;
  for (size_t i = a; i < n; i++) {
    if (v[i] == '"' && csv_put(m, s, "\"", 1) != 0)
      return -1;
    if (v[i] == '\n') {
      if (csv_newline(m, s, row) != 0)
        return -1;
      continue;
    }
    if (csv_put(m, s, v + i, 1) != 0)
      return -1;
  }
  return csv_put(m, s, "\"", 1);
}

/* Writes the row's cells as one record on the line of its row (blank lines
 * before it for the rows the sheet skips). */
static void write_row(xml_t *m, sheet_state_t *s) {
  if (s->n_cells == 0)
    return;
  while (s->line < s->row)
    if (csv_newline(m, s, s->line) != 0)
      return;
  s->row_of[s->line] = s->row;
  long col = 1;
  for (size_t i = 0; i < s->n_cells; i++) {
    for (; col < s->cells[i].col; col++)
      if (csv_put(m, s, ",", 1) != 0)
        return;
    if (csv_field(m, s, s->row, s->row_text.p + s->cells[i].at, s->cells[i].len) != 0)
      return;
  }
  if (csv_newline(m, s, s->row) == 0)
    s->rows_written++;
}

/* A number as Excel shows it in General format: whole numbers in full
 * (1894, not 1894.0, up to 2^53), others with 15 significant digits.  Text
 * that is not a decimal number stays as written. */
static void number_text(const char *v, char *out, size_t cap) {
  const char *p = v;
  int digits = 0;
  for (; *p; p++) {
    if (*p >= '0' && *p <= '9')
      digits++;
    else if (!strchr("+-.eE", *p))
      break;
  }
  char *end = NULL;
  double d = digits && !*p ? strtod(v, &end) : 0;
  if (!end || *end || !isfinite(d)) {
    snprintf(out, cap, "%s", v);
    return;
  }
  if (d == 0)
    d = 0; /* -0 */
  if (fabs(d) <= 9007199254740992.0 && d == floor(d))
    snprintf(out, cap, "%.0f", d);
  else
    snprintf(out, cap, "%.15g", d);
}

static void sheet_start(xml_t *m, const char *local, const char **atts) {
  sheet_state_t *s = m->ud;
  if (!s->root_seen) {
    s->root_seen = 1;
    if (strcmp(local, "worksheet") != 0)
      xml_fail(m, "the sheet's part is a <%s>, not a <worksheet>", local);
    return;
  }
  if (s->in_cell) {
    if (str_start(&s->is, local))
      return;
    if (strcmp(local, "v") == 0) {
      s->in_v = 1;
    } else if (strcmp(local, "is") == 0) {
      s->is.in_item = 1;
      s->is.text.n = 0;
    }
    return;
  }
  if (s->in_row && strcmp(local, "c") == 0) {
    const char *r = attr(atts, "r", 0), *t = attr(atts, "t", 0);
    long col = s->next_col, row = s->row;
    char here[32];
    if (r && (parse_ref(r, &col, &row) != 0 || row != s->row)) {
      xml_fail(m, "cell reference \"%.20s\" in row %ld", r, s->row);
      return;
    }
    if (col < s->next_col || col > XL_MAX_COL) {
      cell_name(col, s->row, here, sizeof here);
      xml_fail(m, "cell %s out of order (after column %ld)", here, s->next_col - 1);
      return;
    }
    s->col = col;
    s->next_col = col + 1;
    snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
    s->in_cell = 1;
    s->v.n = 0;
    s->is.text.n = 0;
    return;
  }
  if (s->in_data && strcmp(local, "row") == 0) {
    const char *r = attr(atts, "r", 0);
    long row = r ? small_number(r) : s->prev_row + 1;
    if (row < 1 || row > XL_MAX_ROW || row <= s->prev_row) {
      xml_fail(m, "row %.20s after row %ld (rows must be numbered 1 to %ld, in order)",
               r ? r : "?", s->prev_row, XL_MAX_ROW);
      return;
    }
    s->row = s->prev_row = row;
    s->next_col = 1;
    s->n_cells = 0;
    s->row_text.n = 0;
    s->in_row = 1;
    return;
  }
  if (strcmp(local, "sheetData") == 0)
    s->in_data = 1;
}

/* The value of the cell just closed: *val and *len point into the cell's
 * buffers, the shared strings, a constant or `num` (cap bytes). */
static void cell_value(xml_t *m, sheet_state_t *s, const char **val, size_t *len, char *num,
                       size_t cap) {
  const char *v = s->v.n ? s->v.p : "";
  *val = v;
  *len = s->v.n;
  if (s->v.n == 0 && strcmp(s->type, "inlineStr") != 0)
    return; /* no saved value: empty, whatever its type */
  if (strcmp(s->type, "s") == 0) {
    long i = small_number(v);
    if (i < 0 || (size_t)i >= m->x->n_sst) {
      char here[32];
      cell_name(s->col, s->row, here, sizeof here);
      xml_fail(m, "cell %s refers to shared string \"%.20s\"; the workbook has %zu", here, v,
               m->x->n_sst);
      *len = 0;
      return;
    }
    *val = m->x->sst.p + m->x->sst_at[i];
    *len = strlen(*val);
  } else if (strcmp(s->type, "inlineStr") == 0) {
    unescape_x(&s->is.text);
    *val = s->is.text.p ? s->is.text.p : "";
    *len = s->is.text.n;
  } else if (strcmp(s->type, "b") == 0) {
    if (strcmp(v, "1") == 0 || strcmp(v, "0") == 0) {
      *val = v[0] == '1' ? "TRUE" : "FALSE";
      *len = strlen(*val);
    }
  } else if (strcmp(s->type, "n") == 0 && s->v.n > 0 && s->v.n < 64) {
    number_text(v, num, cap);
    *val = num;
    *len = strlen(num);
  } /* "str" (a formula's text), "e" (#N/A), "d" (an ISO date): as written */
}

static void sheet_end(xml_t *m, const char *local) {
  sheet_state_t *s = m->ud;
  if (s->in_cell) {
    if (s->is.in_item && strcmp(local, "is") != 0) {
      str_end(&s->is, local);
      return;
    }
    if (strcmp(local, "is") == 0) {
      s->is.in_item = 0;
    } else if (strcmp(local, "v") == 0) {
      s->in_v = 0;
    } else if (strcmp(local, "c") == 0) {
      s->in_cell = 0;
      const char *val;
      size_t len;
      char num[64];
      cell_value(m, s, &val, &len, num, sizeof num);
      if (m->stopped || len == 0)
        return;
      if (s->col > RP_CSV_MAX_COLS) {
        char here[32];
        cell_name(s->col, s->row, here, sizeof here);
        over(m->x, s->row, "cell %s: more than %d columns (RP_CSV_MAX_COLS)", here,
             RP_CSV_MAX_COLS);
        stop_quiet(m);
        return;
      }
      if (grow(&s->cells, &s->cap_cells, s->n_cells, sizeof *s->cells) != 0)
        goto oom;
      s->cells[s->n_cells++] = (cell_t){s->col, s->row_text.n, len};
      if (buf_put(&s->row_text, val, len) != 0)
        goto oom;
    }
    return;
  }
  if (s->in_row && strcmp(local, "row") == 0) {
    s->in_row = 0;
    write_row(m, s);
  } else if (strcmp(local, "sheetData") == 0) {
    s->in_data = 0;
  }
  return;
oom:
  nomem(m->x);
  stop_quiet(m);
}

static void sheet_text(xml_t *m, const char *t, int len) {
  sheet_state_t *s = m->ud;
  if (!s->in_cell)
    return;
  if (s->in_v && buf_put(&s->v, t, (size_t)len) != 0) {
    nomem(m->x);
    stop_quiet(m);
    return;
  }
  str_text(m, &s->is, t, len);
}

/* ---- putting it together ---------------------------------------------------------- */

/* The sheet to read: by name, else the first visible one; NULL (reported)
 * when none.  Its part's path in *part (malloc'ed). */
static const sheet_t *pick_sheet(xl_t *x, const char *want, const rels_t *rels,
                                 const char *wb_part, char **part) {
  const sheet_t *s = NULL;
  const rel_t *rel = NULL;
  *part = NULL;
  for (size_t i = 0; i < x->n_sheets && !s && want; i++)
    if (strcmp(x->sheets[i].name, want) == 0)
      s = &x->sheets[i];
  for (size_t i = 0; i < x->n_sheets && !s && want; i++)
    if (same_ci(x->sheets[i].name, want))
      s = &x->sheets[i];
  if (want && !s) {
    buf_t names = {0};
    for (size_t i = 0; i < x->n_sheets && i < 20; i++)
      if (buf_put(&names, i ? ", \"" : "\"", i ? 3 : 1) != 0 ||
          buf_put(&names, x->sheets[i].name, strlen(x->sheets[i].name)) != 0 ||
          buf_put(&names, "\"", 1) != 0)
        break;
    rp_diag_error(x->diag, x->name, 0, NULL, "no sheet named \"%s\" in the workbook (its sheets: %s%s)",
                  want, names.p ? names.p : "none", x->n_sheets > 20 ? ", ..." : "");
    free(names.p);
    x->st = RP_EINPUT;
    return NULL;
  }
  for (size_t i = 0; i < x->n_sheets && !s; i++) {
    if (x->sheets[i].hidden)
      continue;
    for (size_t k = 0; k < rels->n; k++)
      if (strcmp(rels->v[k].id, x->sheets[i].rid) == 0 && rel_is(&rels->v[k], "worksheet"))
        s = &x->sheets[i];
  }
  if (!s) {
    bad(x, "the workbook has no visible sheet of cells");
    return NULL;
  }
  for (size_t k = 0; k < rels->n && !rel; k++)
    if (strcmp(rels->v[k].id, s->rid) == 0)
      rel = &rels->v[k];
  if (!rel) {
    bad(x, "sheet \"%s\" has no part (relationship %s is missing)", s->name, s->rid);
    return NULL;
  }
  if (!rel_is(rel, "worksheet")) {
    rp_diag_error(x->diag, x->name, 0, NULL,
                  "sheet \"%s\" is a chart or a dialog, not a sheet of cells: name another "
                  "sheet (FILE.xlsx#SHEET)",
                  s->name);
    x->st = RP_EINPUT;
    return NULL;
  }
  if (!(*part = resolve(wb_part, rel->target)))
    nomem(x);
  return s;
}

/* Maps the CSV text's lines to sheet rows in the table and in the messages
 * the CSV reader added from entry `first` on. */
static void map_lines(const char *name, const sheet_state_t *s, rp_table_t *t, rp_diag_t *diag,
                      size_t first) {
  for (size_t i = 0; t && i < t->nrows; i++)
    if (t->lines[i] >= 1 && t->lines[i] <= s->line)
      t->lines[i] = s->row_of[t->lines[i]];
  for (size_t i = first; i < diag->n; i++) {
    rp_diag_entry_t *e = &diag->v[i];
    if (e->file && strcmp(e->file, name) == 0 && e->line >= 1 && e->line <= s->line)
      e->line = s->row_of[e->line];
  }
}

static void xl_free(xl_t *x) {
  if (x->zf)
    unzClose(x->zf);
  for (size_t i = 0; i < x->n_entries; i++)
    free(x->entries[i].name);
  free(x->entries);
  for (size_t i = 0; i < x->n_sheets; i++) {
    free(x->sheets[i].name);
    free(x->sheets[i].rid);
  }
  free(x->sheets);
  free(x->sst.p);
  free(x->sst_at);
}

rp_status_t rp_xlsx_parse(const char *name, const void *data, size_t len, const char *sheet,
                          int allow_empty, rp_table_t **out, rp_diag_t *diag) {
  xl_t x = {.name = name, .diag = diag, .data = data, .len = len};
  rels_t pkg = {0}, wb = {0};
  char *wb_part = NULL, *sheet_part = NULL;
  sheet_state_t s = {0};
  *out = NULL;
  if (len == 0) {
    rp_diag_error(diag, name, 0, NULL, "the file is empty");
    return RP_EINPUT;
  }
  const char *kind = not_zip(data, len);
  if (kind && strcmp(kind, "ole") == 0) {
    rp_diag_error(diag, name, 0, NULL,
                  "an Excel 97-2003 workbook (.xls) or a password-protected one, not a .xlsx: "
                  "save it from Excel as \"Excel Workbook (*.xlsx)\" without a password, or "
                  "as CSV");
    return RP_EINPUT;
  }
  if (kind) {
    bad(&x, "not a zip file (a CSV file named .xlsx? name it .csv)");
    return x.st;
  }
  open_zip(&x);
  /* The package's relationships name the workbook part. */
  if (x.st == RP_OK)
    read_rels(&x, "", &pkg);
  for (size_t i = 0; x.st == RP_OK && i < pkg.n && !wb_part; i++)
    if (rel_is(&pkg.v[i], "officeDocument") && !(wb_part = resolve("", pkg.v[i].target)))
      nomem(&x);
  if (x.st == RP_OK && !wb_part && !(wb_part = rp_strdup("xl/workbook.xml")))
    nomem(&x);
  const entry_t *e = x.st == RP_OK ? find_part(&x, wb_part) : NULL;
  if (x.st == RP_OK && !e)
    bad(&x, "a zip file without %s (a different kind of zip?)", wb_part);
  if (x.st == RP_OK) {
    wb_state_t ws = {0};
    xml_t m = {.x = &x, .start = wb_start, .ud = &ws};
    parse_part(&m, e, RP_XLSX_MAX_META_BYTES, "the workbook");
  }
  if (x.st == RP_OK)
    read_rels(&x, wb_part, &wb);
  const sheet_t *sh = NULL;
  if (x.st == RP_OK)
    sh = pick_sheet(&x, sheet && sheet[0] ? sheet : NULL, &wb, wb_part, &sheet_part);
  /* The shared strings, when the workbook has them. */
  for (size_t i = 0; x.st == RP_OK && sh && i < wb.n; i++) {
    if (!rel_is(&wb.v[i], "sharedStrings"))
      continue;
    char *p = resolve(wb_part, wb.v[i].target);
    const entry_t *se = p ? find_part(&x, p) : NULL;
    if (!p)
      nomem(&x);
    else if (!se)
      bad(&x, "the shared strings part %s is missing", p);
    else {
      sst_state_t ss = {0};
      xml_t m = {.x = &x, .start = sst_start, .end = sst_end, .text = sst_text, .ud = &ss};
      parse_part(&m, se, RP_XLSX_MAX_PART_BYTES, "the shared strings");
      free(ss.s.text.p);
    }
    free(p);
    break;
  }
  if (x.st == RP_OK && sh) {
    const entry_t *pe = find_part(&x, sheet_part);
    if (!pe)
      bad(&x, "the part of sheet \"%s\" (%s) is missing", sh->name, sheet_part);
    else {
      xml_t m = {.x = &x, .start = sheet_start, .end = sheet_end, .text = sheet_text, .ud = &s};
      s.line = 1;
      if (grow(&s.row_of, &s.cap_row_of, 2, sizeof *s.row_of) != 0)
        nomem(&x);
      else
        parse_part(&m, pe, RP_XLSX_MAX_PART_BYTES, "the sheet");
    }
  }
  if (x.st == RP_OK && s.rows_written == 0) {
    rp_diag_error(diag, name, 0, NULL, "the sheet \"%s\" is empty", sh->name);
    x.st = RP_EINPUT;
  }
  if (x.st == RP_OK) {
    size_t first = diag->n;
    x.st = rp_csv_parse_maybe_empty(name, s.csv.p, s.csv.n, allow_empty, out, diag);
    map_lines(name, &s, *out, diag, first);
  }
  rels_free(&pkg);
  rels_free(&wb);
  free(wb_part);
  free(sheet_part);
  free(s.v.p);
  free(s.is.text.p);
  free(s.cells);
  free(s.row_text.p);
  free(s.csv.p);
  free(s.row_of);
  xl_free(&x);
  return x.st;
}
