#!/usr/bin/python3
"""Reads a rotaplan workbook back with openpyxl and checks it against the CSV
files written beside it.

  xlsx_readback.py plan DIR WORKBOOK      (rotaplan plan --out DIR --xlsx WORKBOOK)
  xlsx_readback.py compare DIR WORKBOOK   (rotaplan compare --out DIR --xlsx WORKBOOK)
  xlsx_readback.py years DIR WORKBOOK     (rotaplan plan --years N --out DIR --xlsx WORKBOOK)

Plan: 6 sheets; the first four equal rotation_list.csv, schools_after.csv,
subjects.csv and recruitment.csv cell for cell (numeric columns stored as
numbers, text as text); every sheet has its header row frozen (A2), an
autofilter and column widths at least the header's text width; flagged
(red, FFC7CE) cells are exactly the schools sheet's *_short_after and
subject_gaps_after cells > 0 and the per-100 value after of the same
indicator, and the subjects sheet's gap_after cells > 0 (io/plan_sheets.h);
the sixth, the public (公示) list, is the rotation list's name, school names
and subject columns and nothing else; a seventh, when principals.csv is
written (principal_exchange = yes), equals principals.csv.
Years: the first sheet equals years.csv, then each year of years.csv has
the sheets of a plan, named after the year ("2027 ..."), checked as above
against DIR/year_YYYY/.
Compare: one sheet, a row a scenario as in comparison.csv, figures stored
as numbers equal to the leading figure of the CSV text ("163 (+1)"), failed
scenarios' figures empty, coefficients flagged exactly where the CSV says
FAIL.

Run with Debian's /usr/bin/python3 (python3-openpyxl).  Exits 1 with a
message on the first mismatch."""
import csv
import os
import re
import sys
import unicodedata

import openpyxl

FLAG = "FFC7CE"
NUM_RE = re.compile(r"^-?\d+(\.\d+)?")

# Plan sheets: CSV file and the columns that hold numbers (0-based).
PLAN_SHEETS = [
    ("rotation_list.csv", {9, 15}),          # km, years_at_school
    ("schools_after.csv", set(range(3, 25))),  # students .. subject_gaps_after
    ("subjects.csv", set(range(4, 12))),     # demand .. part_time
    ("recruitment.csv", {4}),                # teachers
]
# schools_after.csv: (per-100 after column, shortfall after column) per
# indicator; staff_short_after (16) and subject_gaps_after (24) have no
# per-100 column.
SCHOOLS_FLAG_PAIRS = [(10, 18), (12, 20), (14, 22), (None, 16), (None, 24)]
SUBJECTS_GAP_AFTER = 9


class Mismatch(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Mismatch(msg)


def text_width(s):
    """Excel character units: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def flagged(cell):
    f = cell.fill
    return f is not None and f.fill_type == "solid" and str(f.fgColor.rgb).upper().endswith(FLAG)


def check_layout(ws, header):
    """Frozen header row, autofilter over the table, fitted widths."""
    check(ws.freeze_panes == "A2", f"{ws.title}: freeze_panes is {ws.freeze_panes!r}, not 'A2'")
    ref = ws.auto_filter.ref
    check(ref and ref.startswith("A1:"), f"{ws.title}: no autofilter (ref {ref!r})")
    for k, name in enumerate(header):
        letter = openpyxl.utils.get_column_letter(k + 1)
        dim = ws.column_dimensions.get(letter)
        width = dim.width if dim is not None else None
        need = min(text_width(name), 60)
        check(width and width >= need,
              f"{ws.title}: column {letter} ({name}) width {width} < header width {need}")


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


PRINCIPALS_NUMERIC = {7, 8, 9}  # years_at_school, principal_rating, km


def check_same(where, got, rows, numeric):
    """A sheet's rows equal a CSV's cell for cell."""
    check(got[0] == rows[0], f"{where}: header differs\n  xlsx {got[0]}\n  csv  {rows[0]}")
    check(len(got) == len(rows), f"{where}: {len(got) - 1} rows, CSV has {len(rows) - 1}")
    for r in range(1, len(rows)):
        check(len(got[r]) == len(rows[r]), f"{where} row {r + 1}: column count differs")
        for k, (x, c) in enumerate(zip(got[r], rows[r])):
            at = f"{where} row {r + 1} column {k + 1} ({rows[0][k]})"
            if c == "":
                check(x is None, f"{at}: CSV empty, workbook {x!r}")
            elif k in numeric:
                check(isinstance(x, (int, float)) and not isinstance(x, bool),
                      f"{at}: {x!r} is {type(x).__name__}, not a number")
                check(abs(x - float(c)) < 1e-9, f"{at}: workbook {x!r}, CSV {c!r}")
            else:
                check(isinstance(x, str) and x == c, f"{at}: workbook {x!r}, CSV {c!r}")


def check_plan(out_dir, wb, sheets=None):
    sheets = wb.worksheets if sheets is None else sheets
    has_principals = os.path.exists(os.path.join(out_dir, "principals.csv"))
    want_n = 7 if has_principals else 6
    check(len(sheets) == want_n, f"plan workbook has {len(sheets)} sheets, not {want_n}: "
          f"{[ws.title for ws in sheets]}")
    for ws in sheets:
        check(ws.max_row >= 1 and ws.cell(1, 1).value, f"sheet {ws.title!r} has no header")
        check_layout(ws, [c.value for c in ws[1]])
    n_flags = 0
    for idx, (name, numeric) in enumerate(PLAN_SHEETS):
        ws = sheets[idx]
        rows = read_csv(os.path.join(out_dir, name))
        got = sheet_rows(ws)
        where = f"{name} / sheet {ws.title!r}"
        check_same(where, got, rows, numeric)
        # Flags: on the schools and subjects sheets, exactly where targets
        # are missed.
        want = set()
        if name == "schools_after.csv":
            for r in range(1, len(rows)):
                for per100, short in SCHOOLS_FLAG_PAIRS:
                    if float(rows[r][short]) > 0:
                        want.add((r, short))
                        if per100 is not None:
                            want.add((r, per100))
        if name == "subjects.csv":
            want = {(r, SUBJECTS_GAP_AFTER) for r in range(1, len(rows))
                    if float(rows[r][SUBJECTS_GAP_AFTER]) > 0}
        have = {(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row if flagged(c)}
        check(have == want, f"{where}: flagged cells differ: only in workbook "
              f"{sorted(have - want)}, only expected {sorted(want - have)}")
        n_flags += len(have)
        print(f"ok  {where}: {len(rows) - 1} rows x {len(rows[0])} columns, "
              f"{len(have)} flagged")
    summary = sheets[4]
    check(summary.max_row > 5, f"summary sheet {summary.title!r} has {summary.max_row} rows")
    print(f"ok  summary sheet {summary.title!r}: {summary.max_row - 1} rows")
    # The public list: name, from/to school names, subject of each move.
    rows = read_csv(os.path.join(out_dir, "rotation_list.csv"))
    pub = sheet_rows(sheets[5])
    cols = [1, 12, 13, 5]  # name, from_school_name, to_school_name, subject
    want = [[r[k] for k in cols] for r in rows]
    check(pub == want, f"public list sheet {sheets[5].title!r} differs from the "
          f"rotation list's columns {[rows[0][k] for k in cols]}")
    print(f"ok  public list sheet {sheets[5].title!r}: {len(pub) - 1} rows x "
          f"{len(pub[0])} columns")
    if has_principals:
        rows = read_csv(os.path.join(out_dir, "principals.csv"))
        check_same(f"principals.csv / sheet {sheets[6].title!r}", sheet_rows(sheets[6]), rows,
                   PRINCIPALS_NUMERIC)
        print(f"ok  principals sheet {sheets[6].title!r}: {len(rows) - 1} rows")
    return n_flags


def check_years(out_dir, wb):
    """The years' overview, then every year's sheets, named after the year."""
    rows = read_csv(os.path.join(out_dir, "years.csv"))
    numeric = set(range(len(rows[0])))
    check_same(f"years.csv / sheet {wb.worksheets[0].title!r}", sheet_rows(wb.worksheets[0]),
               rows, numeric)
    years = [r[0] for r in rows[1:]]
    print(f"ok  years sheet {wb.worksheets[0].title!r}: years {', '.join(years)}")
    for year in years:
        sheets = [ws for ws in wb.worksheets[1:] if ws.title.startswith(year + " ")]
        check(sheets, f"no sheet of year {year}: {wb.sheetnames}")
        check_plan(os.path.join(out_dir, f"year_{year}"), wb, sheets)
        print(f"ok  year {year}: {len(sheets)} sheets")
    named = sum(1 for ws in wb.worksheets[1:] if ws.title.split(" ")[0] in years)
    check(named == len(wb.worksheets) - 1, f"sheets of no year: {wb.sheetnames}")


def check_compare(out_dir, wb):
    check(len(wb.worksheets) == 1, f"comparison workbook has {len(wb.worksheets)} sheets")
    ws = wb.worksheets[0]
    rows = read_csv(os.path.join(out_dir, "comparison.csv"))
    got = sheet_rows(ws)
    check_layout(ws, rows[0])
    check(got[0] == rows[0], f"comparison header differs\n  xlsx {got[0]}\n  csv  {rows[0]}")
    check(len(got) == len(rows), f"comparison: {len(got) - 1} scenarios, CSV has {len(rows) - 1}")
    nums = 0
    for r in range(1, len(rows)):
        check(got[r][0] == rows[r][0].replace(" (reference)", "").replace("（基准）", "")
              or got[r][0] == rows[r][0], f"row {r + 1}: scenario {got[r][0]!r} vs {rows[r][0]!r}")
        check(got[r][1] == rows[r][1], f"row {r + 1}: status {got[r][1]!r} vs {rows[r][1]!r}")
        for k in range(2, len(rows[0])):
            x, c = got[r][k], rows[r][k]
            at = f"comparison row {r + 1} ({rows[r][0]}) column {rows[0][k]}"
            cell = ws.cell(r + 1, k + 1)
            if c == "-":
                check(x is None, f"{at}: CSV '-', workbook {x!r}")
                continue
            m = NUM_RE.match(c)
            check(m, f"{at}: CSV {c!r} has no figure")
            check(isinstance(x, (int, float)) and not isinstance(x, bool),
                  f"{at}: {x!r} is {type(x).__name__}, not a number")
            check(abs(x - float(m.group(0))) < 1e-9, f"{at}: workbook {x!r}, CSV {c!r}")
            fail = c.endswith(" FAIL") or c.endswith(" 未达标")
            check(flagged(cell) == fail, f"{at}: flagged {flagged(cell)}, CSV {c!r}")
            nums += 1
    print(f"ok  comparison sheet {ws.title!r}: {len(rows) - 1} scenarios, {nums} numbers")


def main(argv):
    if len(argv) != 4 or argv[1] not in ("plan", "compare", "years"):
        sys.exit(__doc__.split("\n\n")[1])
    kind, out_dir, path = argv[1:]
    wb = openpyxl.load_workbook(path)
    try:
        if kind == "plan":
            check_plan(out_dir, wb)
        elif kind == "years":
            check_years(out_dir, wb)
        else:
            check_compare(out_dir, wb)
    except Mismatch as e:
        print(f"FAIL {path}: {e}", file=sys.stderr)
        return 1
    print(f"xlsx_readback: {path} matches {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
