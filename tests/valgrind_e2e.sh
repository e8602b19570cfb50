#!/bin/sh
# End-to-end runs of the real binary under valgrind's memcheck (a build
# without sanitizers: the two do not mix).  Every command of the user guide
# on the demo county, plus runs that fail on purpose, must finish with zero
# memcheck errors and no definite or indirect leaks.
# Usage: tests/valgrind_e2e.sh path/to/rotaplan
set -u
BIN=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
TMP=${TMPDIR:-/tmp}/rotaplan-valgrind.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
D="$SRC/scenarios/demo/county"
R="--schools $D/schools.csv --teachers $D/teachers.csv --policy $D/policy.ini"
pass=0 fail=0
check() { # expected-exit description args...
  want=$1 what=$2
  shift 2
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$BIN" "$@" > "$TMP/out" 2> "$TMP/err"
  got=$?
  if [ "$got" = "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $what: exit $got, wanted $want"
    sed -n '1,40p' "$TMP/err"
  fi
}
printf 'teacher_id,action,school_id\nT000046,stay,\n' > "$TMP/pins.csv"
printf 'teacher_id,rank,school_id\nT000002,1,S020\n' > "$TMP/prefs.csv"
printf '[rotation]\nplan_year = 2026\nquota_share = 0.9\n' > "$TMP/impossible.ini"
printf 'school_id,name\n' > "$TMP/empty.csv"
check 0 "audit" audit $R
check 0 "audit --json" audit $R --json
check 0 "plan" plan $R --out "$TMP/plan" --pins "$TMP/pins.csv" --preferences "$TMP/prefs.csv"
check 0 "verify" verify $R --plan "$TMP/plan" --pins "$TMP/pins.csv"
check 0 "publish (pins and wishes named)" publish $R --plan "$TMP/plan" --pins "$TMP/pins.csv" \
  --preferences "$TMP/prefs.csv" --out "$TMP/publish" --published 2026-06-01
check 2 "publish with a date that is none" publish $R --plan "$TMP/plan" --out "$TMP/pub2" \
  --published 2026-13-01
check 0 "plan with workbook and report, Chinese, GB18030" plan $R --out "$TMP/zh" \
  --xlsx "$TMP/zh/plan.xlsx" --html "$TMP/zh/report.html" --lang zh --csv-encoding gb18030
check 0 "audit --lang zh" audit $R --lang zh
check 0 "plan --method greedy" plan $R --out "$TMP/greedy" --method greedy
check 0 "plan with max_km" plan --schools "$SRC/tests/data/regress/max_km/schools.csv" \
  --teachers "$SRC/tests/data/regress/max_km/teachers.csv" \
  --policy "$SRC/tests/data/regress/max_km/policy.ini" --out "$TMP/km"
check 0 "generate" generate --sections 60 --seed 3 --out "$TMP/gen"
check 4 "impossible plan (diagnosis)" plan --schools "$D/schools.csv" --teachers "$D/teachers.csv" \
  --policy "$TMP/impossible.ini" --out "$TMP/none"
check 3 "bad input" audit --schools "$TMP/empty.csv" --teachers "$D/teachers.csv"
check 2 "usage error" plan --schools x.csv
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
