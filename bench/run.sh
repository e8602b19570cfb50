#!/bin/sh
# Benchmark: plans the demo and generated counties of 300 and 1,500 sections
# with each solver backend (GLPK, then CBC: --solver, when the build has it)
# and the rule of thumb, verifies each plan, and prints wall time, peak
# memory (max RSS) and the solver's status (for a run that writes no plan,
# its exit code and last message); then CBC the program on the models the
# 1,500-section plan writes (--write-model), for comparison.
# Usage: bench/run.sh [path/to/rotaplan]; BENCH_TIME_LIMIT (default 120 s)
# is each plan's --time-limit.
# Figures are recorded in docs/benchmarks.md with the machine that made them.
set -eu
BIN=${1:-build/rotaplan}
TMP=${TMPDIR:-/tmp}/rotaplan-bench
mkdir -p "$TMP"
POL="$TMP/policy.ini"
printf '[rotation]\nplan_year = 2026\n' > "$POL"
run() { # name schools teachers gap [method [solver [extra...]]]
  name=$1 s=$2 t=$3 gap=$4 method=${5:-milp} solver=${6:-glpk}
  shift 4; shift $(($# < 2 ? $# : 2))
  rc=0
  /usr/bin/time -f '%e %M' -o "$TMP/$name.time" "$BIN" plan --schools "$s" --teachers "$t" \
    --policy "$POL" --out "$TMP/$name" --gap "$gap" --time-limit "${BENCH_TIME_LIMIT:-120}" --method "$method" \
    --solver "$solver" "$@" > "$TMP/$name.out" 2> "$TMP/$name.err" || rc=$?
  # (time's last line: a failed command's status comes first)
  wall=$(tail -1 "$TMP/$name.time" | cut -d' ' -f1) rss=$(tail -1 "$TMP/$name.time" | cut -d' ' -f2)
  if [ "$rc" -ne 0 ]; then # e.g. GLPK finds no plan of the 1,500-section county in time
    printf '%-12s wall %6.2f s  peak %6.1f MB  no plan (exit %s): %s\n' "$name" "$wall" \
      "$(echo "$rss" | awk '{print $1/1024}')" "$rc" "$(grep -v '^ ' "$TMP/$name.err" | tail -1)"
    return 0
  fi
  "$BIN" verify --schools "$s" --teachers "$t" --policy "$POL" --plan "$TMP/$name" > /dev/null
  status=$(sed -n 's/.*"status":[[:space:]]*"\([^"]*\)".*/\1/p' "$TMP/$name/summary.json" | head -1)
  moved=$(sed -n 's/^.*"moved":[[:space:]]*\([0-9]*\).*/\1/p' "$TMP/$name/summary.json" | head -1)
  model=$(grep '^model:' "$TMP/$name.err" || true)
  printf '%-12s wall %6.2f s  peak %6.1f MB  %-32s moved %-6s verify ok  (%s)\n' \
    "$name" "$wall" "$(echo "$rss" | awk '{print $1/1024}')" "$status" "$moved" "$model"
  # Quality: shortfall before/after and every coefficient after (stdout summary).
  sed -n 's/^  shortfall in whole teachers: /           shortfall /p' "$TMP/$name.out"
  awk '/->/ {printf "           cv %-7s %-9s %s -> %s %s\n", $1, $2, $3, $5, $7}' "$TMP/$name.out"
}
"$BIN" generate --sections 300 --seed 1 --out "$TMP/c300" > /dev/null
"$BIN" generate --sections 1500 --seed 1 --out "$TMP/c1500" > /dev/null
# Every county with GLPK, with CBC (when this rotaplan has it: a build
# without it refuses --solver cbc, exit 2) and with the rule of thumb.
cbc=yes
"$BIN" plan --solver cbc --help > /dev/null 2>&1 || cbc=
[ -n "$cbc" ] || echo "cbc          not in this build (Debian coinor-libcbc-dev): GLPK only"
county() { # name schools teachers gap
  run "$1" "$2" "$3" "$4" milp glpk
  [ -z "$cbc" ] || run "$1-cbc" "$2" "$3" "$4" milp cbc
  run "$1-greedy" "$2" "$3" 0 greedy
}
county demo scenarios/demo/county/schools.csv scenarios/demo/county/teachers.csv 0
county c300 "$TMP/c300/schools.csv" "$TMP/c300/teachers.csv" 0.001
county c1500 "$TMP/c1500/schools.csv" "$TMP/c1500/teachers.csv" 0.001
# CBC the program (Debian coinor-cbc) on the models the 1,500-section plan
# writes: each stage's model as --write-model leaves it (MPS, the stages
# before it held at their optima), solved to proven optimality.  The plan
# runs above solve the same stages with --gap 0.001.  The models are the
# same whichever backend plans; they are written by a CBC plan when this
# rotaplan has CBC (GLPK finds no plan of this county within minutes, and
# writes only the stages it reached).
if command -v cbc > /dev/null 2>&1; then
  writer=glpk
  [ -z "$cbc" ] || writer=cbc
  rm -f "$TMP"/c1500-model*.mps
  run c1500-model "$TMP/c1500/schools.csv" "$TMP/c1500/teachers.csv" 0.001 milp "$writer" \
    --write-model "$TMP/c1500-model.mps" > /dev/null
  total=0
  for m in "$TMP"/c1500-model.*.mps; do
    [ -f "$m" ] || continue # no stage model written
    stage=${m#"$TMP"/c1500-model.}
    stage=${stage%.mps}
    /usr/bin/time -f '%e %M' -o "$TMP/cbc.time" cbc "$m" solve > "$TMP/cbc.log" 2>&1
    read -r wall rss < "$TMP/cbc.time"
    total=$(awk -v a="$total" -v b="$wall" 'BEGIN {print a + b}')
    obj=$(sed -n 's/^Objective value:[[:space:]]*//p' "$TMP/cbc.log" | head -1)
    printf 'cbc-program  c1500 %-20s wall %6.2f s  peak %6.1f MB  objective %s\n' "$stage" \
      "$wall" "$(echo "$rss" | awk '{print $1/1024}')" "$obj"
  done
  printf 'cbc-program  c1500 all stage models: wall %.2f s in all\n' "$total"
fi
# The workbook and the report of the largest county: the same greedy plan
# written with and without them, best of three each; their sizes.
reports() { # extra-args...
  best=999999
  for i in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$TMP/rep.time" "$BIN" plan --schools "$TMP/c1500/schools.csv" \
      --teachers "$TMP/c1500/teachers.csv" --policy "$POL" --out "$TMP/rep" --method greedy \
      "$@" > /dev/null 2>&1
    read -r wall rss < "$TMP/rep.time"
    best=$(awk -v a="$best" -v b="$wall" 'BEGIN {print (b < a) ? b : a}')
  done
  echo "$best $rss"
}
set -- $(reports)
plain=$1
set -- $(reports --xlsx "$TMP/rep/plan.xlsx" --html "$TMP/rep/report.html" --lang zh)
printf 'reports      c1500 greedy plan: wall %.2f s without, %.2f s with workbook + report (peak %.1f MB); plan.xlsx %s KB, report.html %s KB\n' \
  "$plain" "$1" "$(echo "$2" | awk '{print $1/1024}')" \
  "$(du -k "$TMP/rep/plan.xlsx" | cut -f1)" "$(du -k "$TMP/rep/report.html" | cut -f1)"
