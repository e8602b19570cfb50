#!/bin/sh
# Benchmark: plans the demo and generated counties of 300 and 1,500 sections,
# verifies each plan, and prints wall time, peak memory (max RSS) and the
# solver's status.  Usage: bench/run.sh [path/to/rotaplan]
# Figures are recorded in docs/benchmarks.md with the machine that made them.
set -eu
BIN=${1:-build/rotaplan}
TMP=${TMPDIR:-/tmp}/rotaplan-bench
mkdir -p "$TMP"
POL="$TMP/policy.ini"
printf '[rotation]\nplan_year = 2026\n' > "$POL"
run() { # name schools teachers gap [method]
  name=$1 s=$2 t=$3 gap=$4 method=${5:-milp}
  /usr/bin/time -f '%e %M' -o "$TMP/$name.time" "$BIN" plan --schools "$s" --teachers "$t" \
    --policy "$POL" --out "$TMP/$name" --gap "$gap" --time-limit 120 --method "$method" \
    > "$TMP/$name.out" 2> "$TMP/$name.err"
  read -r wall rss < "$TMP/$name.time"
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
run demo scenarios/demo/county/schools.csv scenarios/demo/county/teachers.csv 0
run demo-greedy scenarios/demo/county/schools.csv scenarios/demo/county/teachers.csv 0 greedy
run c300 "$TMP/c300/schools.csv" "$TMP/c300/teachers.csv" 0.001
run c300-greedy "$TMP/c300/schools.csv" "$TMP/c300/teachers.csv" 0 greedy
run c1500 "$TMP/c1500/schools.csv" "$TMP/c1500/teachers.csv" 0.001
run c1500-greedy "$TMP/c1500/schools.csv" "$TMP/c1500/teachers.csv" 0 greedy
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
