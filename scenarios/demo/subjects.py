#!/usr/bin/env python3
"""How the demo county's subjects are set.

The demo county (scenarios/demo/county/) is the synthetic county

    rotaplan generate --sections 40 --seed 1 --year 2026

and its subjects are the generator's: each section's teachers split over the
subjects in proportion to the section's curriculum demand (the built-in
table and the default loads, model/curriculum.c), its PE + arts teachers over
PE, music and art, then rural sections short of English (and IT) to Chinese
and maths, and a few urban and town sections with a surplus of Chinese and
maths (model/generator.c, "subjects"; docs/scenarios.md, "The demo county").

This script runs the generator and copies its subject column into the demo's
three teacher rosters, by teacher id, changing nothing else:

  scenarios/demo/county/teachers.csv     UTF-8, English subject names
  scenarios/demo/county-zh/教师.csv      GB18030, CRLF, Chinese names
  scenarios/demo/broken-zh/教师.csv      the same, with the guides' mistakes

It refuses to write when the generated county differs from the demo in any
other column, or when a teacher would move into or out of PE, music and art
(the PE + arts indicator would change).  With --check it writes nothing and
exits 1 when a roster's subjects differ from the generator's (a test runs
this).  Deterministic: the generator is.

Usage: python3 scenarios/demo/subjects.py ROTAPLAN [--check]
"""
import csv
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ZH = {"chinese": "语文", "math": "数学", "english": "英语", "pe": "体育",
      "music": "音乐", "art": "美术", "science": "科学", "morality": "道德与法治",
      "history": "历史", "geography": "地理", "physics": "物理",
      "chemistry": "化学", "biology": "生物", "it": "信息技术", "other": "其他"}
PE_ART = {"pe", "music", "art"}
SUBJECT = 4  # the subject column in all three rosters


def generated(rotaplan):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([rotaplan, "generate", "--sections", "40", "--seed", "1",
                        "--year", "2026", "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(out, "teachers.csv"), encoding="utf-8",
                  newline="") as f:
            return list(csv.reader(f))


def relabel(path, encoding, subjects, names):
    """The roster's bytes with each row's subject field replaced (rows are
    plain comma-separated, no quotes: checked); its line ends kept."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.decode(encoding).split("\n")
    out, changed = [lines[0]], 0
    for line in lines[1:]:
        if not line.strip():
            out.append(line)
            continue
        if '"' in line:
            sys.exit(f"{path}: a quoted field; this script handles plain rows")
        cells = line.split(",")
        tid = cells[0]
        if tid not in subjects:
            sys.exit(f"{path}: teacher {tid} is not in the generated county")
        new = names[subjects[tid]]
        old = cells[SUBJECT]
        inv = {v: k for k, v in names.items()}
        if (inv.get(old, old) in PE_ART) != (subjects[tid] in PE_ART):
            sys.exit(f"{path}: teacher {tid} would move into or out of PE + arts "
                     f"({old} -> {new})")
        changed += old != new
        cells[SUBJECT] = new
        out.append(",".join(cells))
    return "\n".join(out).encode(encoding), data, changed


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != "--check"):
        sys.exit(__doc__.split("Usage: ")[1])
    check = len(sys.argv) == 3
    gen = generated(sys.argv[1])
    with open(os.path.join(HERE, "county", "teachers.csv"), encoding="utf-8",
              newline="") as f:
        demo = list(csv.reader(f))
    if len(gen) != len(demo) or gen[0] != demo[0]:
        sys.exit("the generated county has other teachers than the demo")
    for g, d in zip(gen[1:], demo[1:]):
        if g[:SUBJECT] + g[SUBJECT + 1:] != d[:SUBJECT] + d[SUBJECT + 1:]:
            sys.exit(f"teacher {d[0]}: the generated county differs in more "
                     f"than the subject:\n  {d}\n  {g}")
    subjects = {row[0]: row[SUBJECT] for row in gen[1:]}
    rosters = [("county/teachers.csv", "utf-8", {k: k for k in ZH}),
               ("county-zh/教师.csv", "gb18030", ZH),
               ("broken-zh/教师.csv", "gb18030", ZH)]
    differ = 0
    for rel, enc, names in rosters:
        path = os.path.join(HERE, rel)
        new, old, changed = relabel(path, enc, subjects, names)
        print(f"{rel}: {changed} subjects differ from the generator's")
        if new != old:
            differ += 1
            if not check:
                with open(path, "wb") as f:
                    f.write(new)
    if check and differ:
        sys.exit(f"{differ} roster(s) differ: run python3 scenarios/demo/subjects.py ROTAPLAN")


if __name__ == "__main__":
    main()
