#!/bin/sh
# How long the default solve takes to prove its optimum (issue: no plan may
# spin at a proven 0.000%): every shipped scenario, and the demo county at
# quota_share 10%, 15%, 20%, 30% and 40% over three years, each with the
# default --gap and a --time-limit of 60 s for the whole run.  Prints wall
# time, exit code and each year's solver status; a year "feasible" ran into
# the limit.  Usage: bench/optimum.sh [path/to/rotaplan]
set -u
BIN=${1:-build/rotaplan}
TMP=${TMPDIR:-/tmp}/rotaplan-optimum
rm -rf "$TMP"
mkdir -p "$TMP"
D=scenarios/demo/county
row() { # name wall rc dir
  statuses=$(for f in "$4"/summary.json "$4"/year_*/summary.json; do
    [ -f "$f" ] && sed -n 's/^[[:space:]]*"status":[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | head -1
  done | tr '\n' ',' | sed 's/,$//')
  printf '%-26s wall %6.2f s  exit %s  %s\n' "$1" "$2" "$3" "$statuses"
}
timed() { # name dir args...
  name=$1 dir=$2
  shift 2
  /usr/bin/time -f '%e' -o "$TMP/$name.time" "$BIN" plan "$@" --out "$dir" --time-limit 60 \
    > "$TMP/$name.out" 2> "$TMP/$name.err"
  rc=$?
  row "$name" "$(tail -1 "$TMP/$name.time")" "$rc" "$dir"
}
for f in scenarios/demo/*.ini; do
  name=$(basename "$f" .ini)
  timed "$name" "$TMP/$name" --scenario "$f"
done
for q in 0.10 0.15 0.20 0.30 0.40; do
  printf '[rotation]\nplan_year = 2026\nquota_share = %s\n' "$q" > "$TMP/q$q.ini"
  timed "demo quota $q x 3 years" "$TMP/q$q" --schools "$D/schools.csv" \
    --teachers "$D/teachers.csv" --policy "$TMP/q$q.ini" --years 3
done
