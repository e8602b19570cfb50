#!/usr/bin/python3
"""Writes the seed corpus of tests/fuzz/fuzz_xlsx.c into tests/fuzz/corpus/xlsx/.

  make_xlsx_corpus.py [DIR]

Two kinds of seed (fuzz_xlsx.c reads every input both ways):
  *.xlsx  whole workbooks: made by openpyxl (a small Chinese roster, a
          workbook with a hidden first sheet), and broken ones (cut short,
          a damaged checksum, a part that inflates past its cap, a CSV and
          an Excel 97-2003 header under the name .xlsx, an empty zip);
  *.parts XML parts separated by 0x1E, in xlsx_zip.h's order (sheet1,
          shared strings, workbook, workbook rels, sheet2, package rels),
          each about one thing the reader handles or refuses (an empty part:
          the default).
Run with Debian's /usr/bin/python3 (python3-openpyxl); the output is the
same on every run but for openpyxl's timestamps."""
import io
import os
import sys
import zipfile

import openpyxl

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SEP = "\x1e"


def sheet(rows_xml):
    return '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (NS, rows_xml)


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


HEADER = '<row r="1">%s%s</row>' % (inline("A1", "学校代码"), inline("B1", "小学在校生数"))

PARTS = {
    # rows 2 and 7 with row 3-6 missing; B7 a shared string in runs and a phonetic run
    "gaps_and_runs": [sheet(HEADER + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1894</v></c>'
                            '</row><row r="7"><c r="A7" t="s"><v>1</v></c><c r="C7" t="b"><v>1</v></c>'
                            '</row>'),
                      '<sst xmlns="%s"><si><t>S001</t></si><si><r><t>S0</t></r><rPh><t>x</t></rPh>'
                      '<r><t xml:space="preserve">02 </t></r></si></sst>' % NS],
    "numbers": [sheet('<row r="1">' + "".join(inline("%s1" % c, "n" + c) for c in "ABCDEFGH") +
                      '</row><row r="2"><c r="A2"><v>12.0</v></c><c r="B2"><v>0.30000000000000004'
                      '</v></c><c r="C2"><v>-0</v></c><c r="D2"><v>1E+20</v></c><c r="E2"><v>4.5e-3'
                      '</v></c><c r="F2"><v>abc</v></c><c r="G2" t="e"><v>#N/A</v></c>'
                      '<c r="H2" t="d"><v>2026-09-01</v></c></row>')],
    "escapes": [sheet(HEADER + '<row r="2">' + inline("A2", "a_x000D__x000A_b_x005F_x0041__x-001_") +
                      inline("B2", "&apos;=1+1") + '</row>')],
    "no_refs": [sheet('<row>%s%s</row><row><c t="inlineStr"><is><t>x</t></is></c><c><v>2</v></c>'
                      '</row>' % (inline("A1", "a").replace(' r="A1"', ''),
                                  inline("B1", "b").replace(' r="B1"', '')))],
    "rows_out_of_order": [sheet(HEADER + '<row r="5"><c r="A5"><v>1</v></c></row>'
                                '<row r="3"><c r="A3"><v>1</v></c></row>')],
    "cells_out_of_order": [sheet(HEADER + '<row r="2"><c r="C2"><v>1</v></c><c r="A2"><v>1</v></c>'
                                 '</row>')],
    "bad_ref": [sheet(HEADER + '<row r="2"><c r="A3"><v>1</v></c><c r="ZZZZ2"><v>1</v></c></row>')],
    "sst_index_out_of_range": [sheet(HEADER + '<row r="2"><c r="A2" t="s"><v>99</v></c></row>')],
    "column_beyond_limit": [sheet(HEADER + '<row r="2"><c r="A2"><v>1</v></c><c r="IW2"><v>1</v></c>'
                                  '</row>')],
    "doctype": ['<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' +
                sheet(HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>&b;</t></is></c></row>')],
    "deep": [sheet(HEADER + "<x>" * 100 + "</x>" * 100)],
    "not_a_workbook": ["", "", '<document xmlns="x"><body/></document>'],
    "chart_first": ["", "", "", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'relationships"><Relationship Id="rId1" Type="%s/chartsheet" Target="charts/c.xml"/>'
                    '<Relationship Id="rId2" Type="%s/worksheet" Target="/xl/worksheets/../worksheets/'
                    'sheet2.xml"/><Relationship Id="rId3" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
                    '</Relationships>' % (R, R, R)],
    "hidden_first": ["", "", '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Sheet1" '
                     'sheetId="1" state="hidden" r:id="rId1"/><sheet name="二" sheetId="2" '
                     'r:id="rId2"/></sheets></workbook>' % (NS, R)],
    "empty_sheet": [sheet("")],
    "header_only": [sheet(HEADER)],
    "malformed_xml": [sheet(HEADER + '<row r="2"><c r="A2"><v>1</c></row>')],
    "title_and_blank_cells": [sheet('<row r="1">%s</row><row r="2">%s<c r="B2" s="3"/>%s</row>'
                                    '<row r="3"><c r="A3"><v>1</v></c><c r="C3"><v>2</v></c></row>'
                                    % (inline("A1", "2026年学校名册"), inline("A2", "代码"),
                                       inline("C2", "人数")))],
}


def openpyxl_seeds(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学校"
    ws.append(["学校代码", "学校名称", "小学在校生数", "薄弱学校"])
    ws.append(["S001", "城关第一小学", 1894, "否"])
    ws.append(["S002", "城关\n第二小学", 2211.5, True])
    ws.append([])
    ws.append(["S003", None, 1946, "是"])
    wb.save(os.path.join(out, "roster_openpyxl.xlsx"))
    hidden = wb.create_sheet("说明", 0)
    hidden.sheet_state = "hidden"
    hidden.append(["说明"])
    wb.active = 1
    wb.save(os.path.join(out, "hidden_first_sheet.xlsx"))
    return open(os.path.join(out, "roster_openpyxl.xlsx"), "rb").read()


def broken_seeds(out, good):
    def write(name, data):
        open(os.path.join(out, name), "wb").write(data)

    write("cut_short.xlsx", good[:len(good) // 2])
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts:
            z.writestr(name, data)
    damaged = bytearray(buf.getvalue())  # a digit changed: the XML stays well-formed
    at = damaged.find(b"<v>1894</v>")
    damaged[at + 6] = ord("5")
    write("crc_damaged.xlsx", bytes(damaged))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "xl/workbook.xml":
                data = data.replace(b"<sheets>", b"<sheets>" + b" " * (5 * 1024 * 1024))
            z.writestr(name, data)
    write("workbook_over_meta_cap.xlsx", buf.getvalue())
    write("csv_named_xlsx.xlsx", "学校代码,小学在校生数\nS001,1894\n".encode("gb18030"))
    write("xls_header.xlsx", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 56)
    write("empty_zip.xlsx", b"PK\x05\x06" + b"\0" * 18)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus",
                                                              "xlsx")
    os.makedirs(out, exist_ok=True)
    good = openpyxl_seeds(out)
    broken_seeds(out, good)
    for name, parts in PARTS.items():
        open(os.path.join(out, name + ".parts"), "wb").write(SEP.join(parts).encode("utf-8"))


if __name__ == "__main__":
    main()
