#!/usr/bin/python3
"""Rosters given as Excel workbooks (io/xlsx_reader.c), checked from outside.

  xlsx_input.py ROTAPLAN SRC WORK

Makes workbooks with openpyxl from the Chinese demo county
(scenarios/demo/county-zh, GB18030 CSV): 学校.xlsx and 教师.xlsx (one sheet
each, numbers stored as numbers), and 县.xlsx (a hidden notes sheet first,
then 学校 and 教师).  Checks:
  - audit on the workbooks prints what audit on the CSV files prints;
  - plan (--csv-encoding utf-8) writes the same rotation_list.csv,
    schools_after.csv, subjects.csv and recruitment.csv byte for byte, and
    the same summary.json but for the inputs' hashes and the solver's
    seconds; the hashes are those of the workbook files; verify accepts it;
  - `县.xlsx` (the first visible sheet) with `县.xlsx#教师` plans the same;
  - a bad cell at row 7 of a sheet whose rows 1 to 7 hold a row left empty
    and a name with a line break is reported at `学校.xlsx:7:` with its
    column; a sheet that is not there lists the sheets (in Chinese, as the
    rosters' headers are); a CSV named .xlsx,
    an input workbook as an output, are refused.

Run with Debian's /usr/bin/python3 (python3-openpyxl).  Exits 1 with a
message on the first failure."""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys

import openpyxl

PLAN_CSVS = ["rotation_list.csv", "schools_after.csv", "subjects.csv", "recruitment.csv"]


def fail(msg):
    print("FAILED: " + msg)
    sys.exit(1)


def load_csv(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return list(csv.reader(text.splitlines()))


def cell(v):
    """A CSV field as a planner's sheet holds it: numbers as numbers."""
    if v == "":
        return None
    try:
        return int(v) if v.lstrip("-").isdigit() else float(v)
    except ValueError:
        return v


def add_sheet(wb, title, rows, first=False):
    ws = wb.active if first else wb.create_sheet(title)
    ws.title = title
    for r in rows:
        ws.append([cell(v) for v in r])
    return ws


def run(bin_, *args, expect=0):
    r = subprocess.run([bin_] + list(args), capture_output=True, text=True)
    if expect is not None and r.returncode != expect:
        fail("rotaplan %s: exit %d, expected %d\n%s" % (" ".join(args), r.returncode, expect,
                                                          r.stderr))
    return r


def summary_without_run(path):
    s = json.load(open(path, encoding="utf-8"))
    s["solver"].pop("seconds", None)
    hashes = s["audit_trail"].pop("inputs_sha256")
    return s, hashes


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def same_plan(a, b, what):
    for name in PLAN_CSVS:
        if open(os.path.join(a, name), "rb").read() != open(os.path.join(b, name), "rb").read():
            fail("%s: %s differs from the CSV rosters' plan" % (what, name))
    sa, _ = summary_without_run(os.path.join(a, "summary.json"))
    sb, _ = summary_without_run(os.path.join(b, "summary.json"))
    if sa != sb:
        fail("%s: summary.json differs from the CSV rosters' plan (hashes and seconds aside)" % what)
    print("   passed: %s: the plan's files are the CSV rosters' plan" % what)


def main():
    bin_, src, work = sys.argv[1], sys.argv[2], sys.argv[3]
    county = os.path.join(src, "scenarios", "demo", "county-zh")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    schools = load_csv(os.path.join(county, "学校.csv"))
    teachers = load_csv(os.path.join(county, "教师.csv"))
    policy = os.path.join(county, "policy.ini")
    csv_s, csv_t = os.path.join(county, "学校.csv"), os.path.join(county, "教师.csv")

    xs, xt, xc = (os.path.join(work, n) for n in ("学校.xlsx", "教师.xlsx", "县.xlsx"))
    wb = openpyxl.Workbook()
    add_sheet(wb, "学校", schools, first=True)
    wb.save(xs)
    wb = openpyxl.Workbook()
    add_sheet(wb, "教师", teachers, first=True)
    wb.save(xt)
    wb = openpyxl.Workbook()
    notes = add_sheet(wb, "说明", [["本工作簿：学校与教师名册"]], first=True)
    notes.sheet_state = "hidden"
    add_sheet(wb, "学校", schools)
    add_sheet(wb, "教师", teachers)
    wb.active = 1
    wb.save(xc)

    # audit
    a_csv = run(bin_, "audit", "--schools", csv_s, "--teachers", csv_t, "--policy", policy)
    a_x = run(bin_, "audit", "--schools", xs, "--teachers", xt, "--policy", policy)
    if a_csv.stdout != a_x.stdout or a_csv.stderr != a_x.stderr:
        fail("audit of the workbooks differs from audit of the CSV files")
    print("   passed: audit of 学校.xlsx and 教师.xlsx prints what audit of the CSV files prints")

    # plan, verify
    p_csv, p_x, p_c = (os.path.join(work, n) for n in ("plan_csv", "plan_xlsx", "plan_one"))
    run(bin_, "plan", "--schools", csv_s, "--teachers", csv_t, "--policy", policy,
        "--csv-encoding", "utf-8", "--out", p_csv)
    run(bin_, "plan", "--schools", xs, "--teachers", xt, "--policy", policy,
        "--csv-encoding", "utf-8", "--out", p_x)
    same_plan(p_x, p_csv, "plan of 学校.xlsx and 教师.xlsx")
    _, hashes = summary_without_run(os.path.join(p_x, "summary.json"))
    if hashes.get("schools") != sha256(xs) or hashes.get("teachers") != sha256(xt):
        fail("summary.json: the inputs' hashes are not the workbooks'")
    run(bin_, "verify", "--schools", xs, "--teachers", xt, "--policy", policy, "--plan", p_x)
    print("   passed: verify of that plan against the workbooks")
    run(bin_, "plan", "--schools", xc, "--teachers", xc + "#教师", "--policy", policy,
        "--csv-encoding", "utf-8", "--out", p_c)
    same_plan(p_c, p_csv, "plan of 县.xlsx (first visible sheet) and 县.xlsx#教师")
    _, hashes = summary_without_run(os.path.join(p_c, "summary.json"))
    if hashes.get("teachers") != sha256(xc):
        fail("summary.json: the hash of 县.xlsx#教师 is not that of 县.xlsx")

    # A bad cell at row 7: row 5 left empty, a line break in row 3's name.
    bad = os.path.join(work, "bad", "学校.xlsx")
    os.makedirs(os.path.dirname(bad))
    header = schools[0]
    col_students = header.index("小学在校生数")
    col_name = header.index("学校名称")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学校"
    ws.append(header)
    for i, r in enumerate(schools[1:7]):  # sheet rows 2 to 7, row 5 empty
        row = [cell(v) for v in r]
        if i == 1:
            row[col_name] = "城关\n第二小学"
        if i == 3:
            continue
        if i == 5:
            row[col_students] = "1,894"
        ws.cell(row=2 + i, column=1)  # the row exists even when left empty
        for c, v in enumerate(row):
            ws.cell(row=2 + i, column=1 + c, value=v)
    wb.save(bad)
    r = run(bin_, "audit", "--schools", bad, "--teachers", xt, "--policy", policy, expect=3)
    line = [l for l in r.stderr.splitlines() if l.startswith(bad + ":7: ")]
    # Chinese headers: the message is in Chinese and names the column as the
    # sheet's header wrote it
    if not line or '"1,894"' not in line[0] or '列"小学在校生数"' not in line[0]:
        fail("the bad cell at row 7 is not reported at %s:7 with its column:\n%s"
             % (bad, r.stderr))
    print("   passed: a bad cell at row 7 is reported as %s" % line[0])

    r = run(bin_, "audit", "--schools", xc + "#学校名册", "--teachers", xt, "--policy", policy,
            expect=3)
    # Chinese headers: the message is in Chinese, the workbook's sheets listed
    if '工作簿中没有名为“学校名册”的工作表' not in r.stderr or \
            '"说明", "学校", "教师"' not in r.stderr:
        fail("a missing sheet is not reported with the workbook's sheets:\n" + r.stderr)
    print("   passed: a missing sheet: " + r.stderr.splitlines()[0])

    fake = os.path.join(work, "fake.xlsx")
    shutil.copy(csv_s, fake)
    r = run(bin_, "audit", "--schools", fake, "--teachers", xt, "--policy", policy, expect=3)
    if "not an Excel workbook (.xlsx): not a zip file" not in r.stderr:
        fail("a CSV file named .xlsx is not refused as such:\n" + r.stderr)
    print("   passed: a CSV file named .xlsx: " + r.stderr.splitlines()[0])

    before = sha256(xc)
    r = run(bin_, "plan", "--schools", xc + "#学校", "--teachers", xc + "#教师", "--policy",
            policy, "--out", os.path.join(work, "plan_over"), "--xlsx", xc, expect=None)
    if r.returncode == 0 or sha256(xc) != before or "input file" not in r.stderr:
        fail("an input workbook named with #SHEET was not protected from --xlsx:\n" + r.stderr)
    print("   passed: an input workbook (县.xlsx#学校) is not written over by --xlsx")


if __name__ == "__main__":
    main()
