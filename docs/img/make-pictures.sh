#!/bin/sh
# Makes the pictures of the user guides (docs/guide.*.md) from the demo:
# the plan's report and the comparison's, in English and in Chinese, each
# cut to one part of the page by tests/browser_check.py in headless
# Chromium; and the published pages (`rotaplan publish`: a school's page,
# a notice, the 公示 list) as printed, A4 wide, of the English demo and of
# the Chinese one (scenarios/demo/county-zh).  Needs the test packages
# (make test-deps) and a build.
# Usage: docs/img/make-pictures.sh [path/to/rotaplan]
set -eu
BIN=${1:-build/rotaplan}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
IMG="$SRC/docs/img"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
D="$SRC/scenarios/demo/county"
R="--schools $D/schools.csv --teachers $D/teachers.csv --policy $D/policy.ini"
shot() { # page selector picture
  /usr/bin/python3 "$SRC/tests/browser_check.py" "$1" --clip "$2" --screenshot "$IMG/$3" >/dev/null
  echo "$IMG/$3"
}
pshot() { # page picture [selector]: as printed, A4 wide
  /usr/bin/python3 "$SRC/tests/browser_check.py" "$1" --min-svg 0 --print --width 794 \
    ${3:+--clip "$3"} --screenshot "$IMG/$2" >/dev/null
  echo "$IMG/$2"
}
for lang in en zh; do
  sfx=$([ "$lang" = zh ] && echo .zh || true)
  "$BIN" plan $R --out "$TMP/$lang" --html "$TMP/$lang/report.html" --lang $lang >/dev/null 2>&1
  # The Chinese comparison: the Chinese demo county's scenarios (Chinese names).
  scen=$([ "$lang" = zh ] && echo demo-zh || echo demo)
  "$BIN" compare --out "$TMP/cmp-$lang" --html "$TMP/cmp-$lang/report.html" --lang $lang \
    "$SRC"/scenarios/$scen/*.ini >/dev/null 2>&1
  shot "$TMP/$lang/report.html" "#indicators svg" "report-plan$sfx.png"
  shot "$TMP/$lang/report.html" "#flows svg" "report-flows$sfx.png"
  shot "$TMP/$lang/report.html" "#balance svg" "report-balance$sfx.png"
  shot "$TMP/$lang/report.html" "#subjects svg" "report-subjects$sfx.png"
  shot "$TMP/cmp-$lang/report.html" "#figures" "report-compare$sfx.png"
  shot "$TMP/cmp-$lang/report.html" "#table" "report-compare-table$sfx.png"
done
# The published pages: the English demo in English, the Chinese demo in
# Chinese, as the guides' commands make them.
Z="$SRC/scenarios/demo/county-zh"
"$BIN" plan --schools "$Z/学校.csv" --teachers "$Z/教师.csv" --policy "$Z/policy.ini" \
  --out "$TMP/pub-plan-zh" >/dev/null 2>&1
"$BIN" publish --schools "$Z/学校.csv" --teachers "$Z/教师.csv" --policy "$Z/policy.ini" \
  --plan "$TMP/pub-plan-zh" --out "$TMP/pub-zh" --published 2026-06-01 >/dev/null
"$BIN" publish $R --plan "$TMP/en" --out "$TMP/pub-en" --published 2026-06-01 >/dev/null
for lang in en zh; do
  sfx=$([ "$lang" = zh ] && echo .zh || true)
  pshot "$TMP/pub-$lang/school_S001.html" "publish-school$sfx.png"
  pshot "$TMP/pub-$lang/notices.html" "publish-notice$sfx.png" "#n-1"
  pshot "$TMP/pub-$lang/public_list.html" "publish-public$sfx.png"
done
# The web workspace (guide section 网页工作台 / The web workspace): the
# screenshots tests/web_browser.py takes of the planner's day in headless
# Chromium, on the Chinese demo county in Chinese (web-*.zh.png) and on the
# English one with the pages switched to English (web-*.en.png).
(cd "$SRC/tests" && /usr/bin/python3 web_browser.py "$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")" \
  "$SRC" "$TMP/web" "$TMP/shots" >/dev/null)
for lang in zh en; do
  sfx=$([ "$lang" = zh ] && true || echo .en)
  for p in policy scenarios compare compare_report compare_scenario notice; do
    to=$(echo "$p" | sed 's/^compare$/compare-run/; s/^compare_report$/compare/; s/_/-/g')
    cp "$TMP/shots/web_$p$sfx.png" "$IMG/web-$to.$lang.png"
    echo "$IMG/web-$to.$lang.png"
  done
done
cp "$TMP/shots/web_audit_errors.png" "$IMG/web-audit-errors.zh.png"
echo "$IMG/web-audit-errors.zh.png"
