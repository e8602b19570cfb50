/* A workbook made in memory for the xlsx tests and fuzzer: a zip of stored
 * (uncompressed) entries, and the parts a minimal workbook needs, so that
 * a test or a fuzz input only writes the XML it is about. */
#ifndef RP_XLSX_ZIP_H
#define RP_XLSX_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  unsigned char *p;
  size_t n, cap;
} zbuf_t;

static void zb_put(zbuf_t *b, const void *s, size_t n) {
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->n + n)
      cap *= 2;
    unsigned char *p = realloc(b->p, cap);
    if (!p)
      abort();
    b->p = p;
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void zb_le(zbuf_t *b, uint32_t v, int bytes) {
  unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                        (unsigned char)(v >> 24)};
  zb_put(b, c, (size_t)bytes);
}

static uint32_t zip_crc32(const unsigned char *s, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= s[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

/* A zip of n stored entries; malloc'ed bytes, their count in *len. */
static unsigned char *zip_stored(int n, const char *const *names, const char *const *data,
                                 const size_t *lens, size_t *len) {
  zbuf_t z = {0}, dir = {0};
  for (int i = 0; i < n; i++) {
    uint32_t crc = zip_crc32((const unsigned char *)data[i], lens[i]);
    size_t nl = strlen(names[i]);
    uint32_t at = (uint32_t)z.n;
    zb_le(&z, 0x04034b50, 4); /* local header */
    zb_le(&z, 20, 2);
    zb_le(&z, 0, 2); /* flags */
    zb_le(&z, 0, 2); /* stored */
    zb_le(&z, 0, 4); /* time, date */
    zb_le(&z, crc, 4);
    zb_le(&z, (uint32_t)lens[i], 4);
    zb_le(&z, (uint32_t)lens[i], 4);
    zb_le(&z, (uint32_t)nl, 2);
    zb_le(&z, 0, 2);
    zb_put(&z, names[i], nl);
    zb_put(&z, data[i], lens[i]);
    zb_le(&dir, 0x02014b50, 4); /* central directory entry */
    zb_le(&dir, 20, 2);
    zb_le(&dir, 20, 2);
    zb_le(&dir, 0, 2);
    zb_le(&dir, 0, 2);
    zb_le(&dir, 0, 4);
    zb_le(&dir, crc, 4);
    zb_le(&dir, (uint32_t)lens[i], 4);
    zb_le(&dir, (uint32_t)lens[i], 4);
    zb_le(&dir, (uint32_t)nl, 2);
    zb_le(&dir, 0, 2); /* extra */
    zb_le(&dir, 0, 2); /* comment */
    zb_le(&dir, 0, 2); /* disk */
    zb_le(&dir, 0, 2); /* internal attributes */
    zb_le(&dir, 0, 4); /* external attributes */
    zb_le(&dir, at, 4);
    zb_put(&dir, names[i], nl);
  }
  uint32_t dir_at = (uint32_t)z.n;
  zb_put(&z, dir.p, dir.n);
  zb_le(&z, 0x06054b50, 4); /* end of central directory */
  zb_le(&z, 0, 2);
  zb_le(&z, 0, 2);
  zb_le(&z, (uint32_t)n, 2);
  zb_le(&z, (uint32_t)n, 2);
  zb_le(&z, (uint32_t)dir.n, 4);
  zb_le(&z, dir_at, 4);
  zb_le(&z, 0, 2);
  free(dir.p);
  *len = z.n;
  return z.p;
}

/* The parts of a workbook, in the order a fuzz input gives them (split at
 * 0x1E); a part not given is XLSX_DEFAULT[i].  Sheet1 is "Sheet1", sheet2
 * "二" (hidden parts are the test's business). */
enum { XP_SHEET1, XP_STRINGS, XP_WORKBOOK, XP_WB_RELS, XP_SHEET2, XP_RELS, XP_N };
static const char *const XLSX_PART_NAMES[XP_N] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml", "_rels/.rels"};
#define XLSX_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define XLSX_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
static const char *const XLSX_DEFAULT[XP_N] = {
    "<worksheet xmlns=\"" XLSX_NS "\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B1\" t=\"inlineStr\">"
    "<is><t>b</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c>"
    "</row></sheetData></worksheet>",
    "<sst xmlns=\"" XLSX_NS "\"><si><t>x</t></si><si><r><t>y</t></r><r><t>z</t></r></si></sst>",
    "<workbook xmlns=\"" XLSX_NS "\" xmlns:r=\"" XLSX_R "\"><sheets>"
    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"二\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" XLSX_R "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" XLSX_R "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" XLSX_R "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>",
    "<worksheet xmlns=\"" XLSX_NS "\"><sheetData><row r=\"3\"><c t=\"s\"><v>0</v></c>"
    "<c t=\"s\"><v>1</v></c></row><row r=\"5\"><c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c>"
    "</row></sheetData></worksheet>",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" XLSX_R "/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>"};

/* A workbook of the XP_N parts (NULL: the default); malloc'ed. */
static unsigned char *xlsx_make(const char *const parts[XP_N], const size_t part_len[XP_N],
                                size_t *len) {
  const char *data[XP_N];
  size_t lens[XP_N];
  for (int i = 0; i < XP_N; i++) {
    data[i] = parts[i] ? parts[i] : XLSX_DEFAULT[i];
    lens[i] = parts[i] ? part_len[i] : strlen(XLSX_DEFAULT[i]);
  }
  return zip_stored(XP_N, XLSX_PART_NAMES, data, lens, len);
}

#endif
