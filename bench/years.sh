#!/bin/sh
# Three-year plans, planned together (the default) and year by year
# (--sequential), on the demo county and the generated 300-section county
# (docs/model.md, "Years planned together"; issue 15's target: the joint
# three-year plan of the 300-section county in under 60 s).  Prints, for
# each run, wall time, peak memory and exit code, then each year's moves,
# backbone moves and shortfall after the plan from years.csv, and each
# year's solver status and `rotaplan verify` of its plan.  The joint plans
# run with GLPK (the default) and, when this rotaplan has it, with CBC
# (--solver cbc).
# Usage: bench/years.sh [path/to/rotaplan] (Release build; --time-limit 300)
set -u
BIN=${1:-build/rotaplan}
TMP=${TMPDIR:-/tmp}/rotaplan-years
rm -rf "$TMP"
mkdir -p "$TMP"
"$BIN" generate --sections 300 --seed 1 --out "$TMP/c300" > /dev/null || exit 1
printf '[rotation]\nplan_year = 2026\n' > "$TMP/c300/policy.ini"
D=scenarios/demo/county
run() { # name schools teachers policy gap args...
  name=$1 s=$2 t=$3 p=$4 gap=$5
  shift 5
  /usr/bin/time -f '%e %M' -o "$TMP/$name.time" "$BIN" plan --schools "$s" --teachers "$t" \
    --policy "$p" --years 3 --gap "$gap" --time-limit 300 --out "$TMP/$name" "$@" \
    > "$TMP/$name.out" 2> "$TMP/$name.err"
  rc=$?
  set -- $(tail -1 "$TMP/$name.time")
  awk -v n="$name" -v w="$1" -v k="$2" -v rc="$rc" \
    'BEGIN { printf "%-18s wall %7.2f s  peak %7.1f MB  exit %s\n", n, w, k / 1024, rc }'
  [ -f "$TMP/$name/years.csv" ] &&
    awk -F, 'NR > 1 { printf "  %s: moved %s, backbone %s, shortfall %s -> %s\n", $1, $2, $3, $7, $8 }' \
      "$TMP/$name/years.csv"
  for f in "$TMP/$name"/year_*/summary.json; do
    [ -f "$f" ] || continue
    y=$(dirname "$f")
    if "$BIN" verify --schools "$y/input/schools.csv" --teachers "$y/input/teachers.csv" \
      --policy "$y/input/policy.ini" --plan "$y" > /dev/null 2>&1; then v="verify ok"; else
      v="VERIFY FAILED"; fi
    printf '  %s: %s, %s s of solving, %s\n' "$(basename "$y")" \
      "$(sed -n 's/^[[:space:]]*"status":[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | head -1)" \
      "$(sed -n 's/^[[:space:]]*"seconds":[[:space:]]*\([0-9.]*\).*/\1/p' "$f" | tail -1)" "$v"
  done
  grep -h "years planned together\|cannot be planned" "$TMP/$name.err" | sed 's/^/  /'
}
run demo-joint "$D/schools.csv" "$D/teachers.csv" "$D/policy.ini" 0.000005
run demo-sequential "$D/schools.csv" "$D/teachers.csv" "$D/policy.ini" 0.000005 --sequential
run c300-joint "$TMP/c300/schools.csv" "$TMP/c300/teachers.csv" "$TMP/c300/policy.ini" 0.001
run c300-sequential "$TMP/c300/schools.csv" "$TMP/c300/teachers.csv" "$TMP/c300/policy.ini" 0.001 \
  --sequential
# CBC, when this rotaplan has it (a build without it refuses --solver cbc).
if "$BIN" plan --solver cbc --help > /dev/null 2>&1; then
  run demo-joint-cbc "$D/schools.csv" "$D/teachers.csv" "$D/policy.ini" 0.000005 --solver cbc
  run c300-joint-cbc "$TMP/c300/schools.csv" "$TMP/c300/teachers.csv" "$TMP/c300/policy.ini" \
    0.001 --solver cbc
else
  echo "cbc                not in this build (Debian coinor-libcbc-dev): GLPK only"
fi
