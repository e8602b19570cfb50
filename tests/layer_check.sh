#!/bin/sh
# The layer check (cmake/check_layers.cmake) passes on the tree and fails on
# each kind of break: an upward include, one without its folder, a project
# header in <...>, glpk.h outside solver/glpk.c, Cbc_C_Interface.h outside
# solver/cbc.c, CBC's C++ headers outside solver/cbc_main.cpp.  Usage:
# layer_check.sh SRC TMP
set -u
SRC=$1 TMP=$2
cmake -DROOT="$SRC" -P "$SRC/cmake/check_layers.cmake" || { echo "the tree fails its own check"; exit 1; }
fails=0
try() { # file line
  rm -rf "$TMP" && mkdir -p "$TMP/model" "$TMP/io" "$TMP/solver" "$TMP/pipeline" "$TMP/web" "$TMP/cli"
  mkdir -p "$(dirname "$TMP/$1")" && printf '%s\n' "$2" > "$TMP/$1"
  if cmake -DROOT="$TMP" -P "$SRC/cmake/check_layers.cmake" > /dev/null 2>&1; then
    echo "not caught: $1: $2"; fails=$((fails + 1))
  fi
}
try model/x.c '#include "io/out_file.h"'
try io/x.c '#include "solver/solver.h"'
try solver/x.c '#include "pipeline/plan_run.h"'
try cli/x.c '#include "solver/solver.h"'
try model/x.c '#include "county.h"'
try model/x.c '#include <pipeline/plan_run.h>'
try io/x.c '#include <glpk.h>'
try solver/glpk.c '#include <Cbc_C_Interface.h>'
try model/sub/x.c '#include "io/out_file.h"'
try web/x.c '#include "cli/cli.h"'
try web/x.c '#include "solver/solver.h"'
try pipeline/x.c '#include "web/web.h"'
try solver/cbc.c '#include <CbcSolver.hpp>'
try solver/x.cpp '#include <OsiClpSolverInterface.hpp>'
try solver/cbc_main.cpp '#include "pipeline/plan_run.h"'
echo "layer check: $((15 - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
