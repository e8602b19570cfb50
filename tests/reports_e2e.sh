#!/bin/sh
# The workbook and the HTML reports of the demo county, checked from outside
# (registered in tests/CMakeLists.txt as xlsx_readback and browser_report):
#
#   reports_e2e.sh xlsx    ROTAPLAN PYTHON SRC WORK
#     plan of scenarios/demo/county with --xlsx/--html, and a compare of
#     scenarios/demo/*.ini with --xlsx in Chinese, and plan --years 3 with
#     the principals' exchange (every year's sheets), read back by
#     tests/xlsx_readback.py
#   reports_e2e.sh browser ROTAPLAN PYTHON SRC WORK SHOTS
#     the plan's report, the same plan's report in Chinese and the
#     comparison's report opened in headless Chromium by
#     tests/browser_check.py; screenshots SHOTS/plan.png, SHOTS/compare.png,
#     and the subjects section alone (#subjects: chart and table) in
#     SHOTS/subjects.png and SHOTS/subjects_zh.png; then `rotaplan publish`
#     of the Chinese demo's plan, printed (CSS media print, A4 width): one
#     school's page, the first notice and the 公示 list in
#     SHOTS/publish_school.png, SHOTS/publish_notice.png and
#     SHOTS/publish_public.png; the three years' report (plan --years 3 with
#     the principals' exchange) with each year's sections required, in
#     SHOTS/years.png and its overview in SHOTS/years_overview.png
#
# PYTHON is Debian's /usr/bin/python3 (python3-openpyxl).  Every step runs;
# the exit status is 1 if any failed.
set -u
mode=$1 bin=$2 py=$3 src=$4 work=$5/$1 shots=${6:-}
county=$src/scenarios/demo/county
zh=$src/scenarios/demo/county-zh
PLAN_MIN_SVG=4    # html_report.h: per-100 values, coefficients, subject gaps, flows
COMPARE_MIN_SVG=1
status=0

step() { # description, command...
  desc=$1
  shift
  echo "== $desc"
  if "$@"; then echo "   passed: $desc"; else echo "   FAILED ($?): $desc"; status=1; fi
}

rm -rf "$work" && mkdir -p "$work" || exit 1
step "plan of the demo county with --xlsx and --html" \
  "$bin" plan --schools "$county/schools.csv" --teachers "$county/teachers.csv" \
  --policy "$county/policy.ini" --out "$work/plan" --xlsx "$work/plan.xlsx" --html "$work/plan.html"
# Three years with the principals' exchange: the workbook and the report
# show every year (a sheet set and a section a year, the years' overview).
printf '[rotation]\nplan_year = 2026\nprincipal_exchange = yes\n' >"$work/principals.ini"
step "plan --years 3 of the demo county with the principals' exchange, --xlsx and --html" \
  "$bin" plan --schools "$county/schools.csv" --teachers "$county/teachers.csv" \
  --policy "$work/principals.ini" --years 3 --out "$work/years" --xlsx "$work/years.xlsx" \
  --html "$work/years.html"
step "compare of scenarios/demo/*.ini with --xlsx and --html, in Chinese" \
  "$bin" compare --jobs 2 --lang zh --out "$work/compare" --xlsx "$work/compare.xlsx" \
  --html "$work/compare.html" "$src"/scenarios/demo/*.ini

case $mode in
xlsx)
  step "plan workbook read back" "$py" "$src/tests/xlsx_readback.py" plan "$work/plan" "$work/plan.xlsx"
  step "comparison workbook read back" \
    "$py" "$src/tests/xlsx_readback.py" compare "$work/compare" "$work/compare.xlsx"
  step "a scenario's plan.xlsx read back" \
    "$py" "$src/tests/xlsx_readback.py" plan "$work/compare/baseline" "$work/compare/baseline/plan.xlsx"
  step "the three years' workbook read back" \
    "$py" "$src/tests/xlsx_readback.py" years "$work/years" "$work/years.xlsx"
  ;;
browser)
  step "plan report in Chromium" "$py" "$src/tests/browser_check.py" "$work/plan.html" \
    --min-svg $PLAN_MIN_SVG --screenshot "$shots/plan.png"
  step "the plan report's subjects in Chromium" "$py" "$src/tests/browser_check.py" \
    "$work/plan.html" --min-svg $PLAN_MIN_SVG --clip "#subjects" --screenshot "$shots/subjects.png"
  step "plan of the demo county in Chinese with --html" \
    "$bin" plan --schools "$county/schools.csv" --teachers "$county/teachers.csv" \
    --policy "$county/policy.ini" --lang zh --out "$work/plan_zh" --html "$work/plan_zh.html"
  step "the Chinese plan report's subjects in Chromium" "$py" "$src/tests/browser_check.py" \
    "$work/plan_zh.html" --min-svg $PLAN_MIN_SVG --clip "#subjects" \
    --screenshot "$shots/subjects_zh.png"
  step "the three years' report in Chromium: every year, the principals' exchange" \
    "$py" "$src/tests/browser_check.py" "$work/years.html" --min-svg $((3 * PLAN_MIN_SVG)) \
    --require "#years table" --require "#y2026-summary table" --require "#y2027-summary table" \
    --require "#y2028-summary table" --require "#y2026-principals table" \
    --require "#y2028-list table" --screenshot "$shots/years.png"
  step "the three years' overview in Chromium" "$py" "$src/tests/browser_check.py" \
    "$work/years.html" --min-svg 0 --clip "#years" --screenshot "$shots/years_overview.png"
  step "comparison report in Chromium" "$py" "$src/tests/browser_check.py" "$work/compare.html" \
    --min-svg $COMPARE_MIN_SVG --screenshot "$shots/compare.png"
  step "plan of the Chinese demo county" \
    "$bin" plan --schools "$zh/学校.csv" --teachers "$zh/教师.csv" --policy "$zh/policy.ini" \
    --out "$work/plan_zh_demo"
  step "publish of the Chinese demo's plan" \
    "$bin" publish --schools "$zh/学校.csv" --teachers "$zh/教师.csv" --policy "$zh/policy.ini" \
    --plan "$work/plan_zh_demo" --out "$work/publish" --published 2026-06-01
  step "a school's page, printed, in Chromium" "$py" "$src/tests/browser_check.py" \
    "$work/publish/school_S001.html" --min-svg 0 --print --width 794 \
    --screenshot "$shots/publish_school.png"
  step "the first notice, printed, in Chromium" "$py" "$src/tests/browser_check.py" \
    "$work/publish/notices.html" --min-svg 0 --print --width 794 --clip "#n-1" \
    --screenshot "$shots/publish_notice.png"
  step "the 公示 list, printed, in Chromium" "$py" "$src/tests/browser_check.py" \
    "$work/publish/public_list.html" --min-svg 0 --print --width 794 \
    --screenshot "$shots/publish_public.png"
  echo "screenshots: $shots/plan.png $shots/subjects.png $shots/subjects_zh.png $shots/compare.png"
  echo "             $shots/publish_school.png $shots/publish_notice.png $shots/publish_public.png"
  echo "             $shots/years.png $shots/years_overview.png"
  ;;
*)
  echo "usage: reports_e2e.sh xlsx|browser ROTAPLAN PYTHON SRC WORK [SHOTS]" >&2
  exit 2
  ;;
esac
exit $status
