# Fails when a file includes a header of a higher layer (docs/architecture.md).
#   cmake -DROOT=<source dir> -P cmake/check_layers.cmake
# Layers, lowest first: model <- io, solver <- pipeline <- web <- cli (web/ is
# the web front end, which cli/ starts).  A folder may
# include its own headers and those of the folders listed for it; io and
# solver are siblings and never include each other.  glpk.h is included by
# solver/glpk.c alone, Cbc_C_Interface.h by solver/cbc.c alone, CBC's C++
# headers (Cbc*.hpp, Osi*.hpp, Coin*.h*) by solver/cbc_main.cpp alone.
# Every project include names its folder.
cmake_minimum_required(VERSION 3.18)
set(ALLOWED_model    "model")
set(ALLOWED_io       "model;io")
set(ALLOWED_solver   "model;solver")
set(ALLOWED_pipeline "model;io;solver;pipeline")
set(ALLOWED_web      "model;io;pipeline;web")
set(ALLOWED_cli      "model;io;pipeline;web;cli")

set(errors "")
foreach(layer model io solver pipeline web cli)
  file(GLOB_RECURSE files "${ROOT}/${layer}/*.c" "${ROOT}/${layer}/*.h" "${ROOT}/${layer}/*.cpp")
  foreach(f ${files})
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    file(RELATIVE_PATH rel "${ROOT}" "${f}")
    foreach(line ${lines})
      if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]*)\"")
        set(inc "${CMAKE_MATCH_1}")
        if(NOT inc MATCHES "^([a-z]+)/[^/]+\\.h$")
          string(APPEND errors "${rel}: #include \"${inc}\" does not name its folder (write \"model/county.h\")\n")
        else()
          set(dir "${CMAKE_MATCH_1}")
          if(NOT dir IN_LIST ALLOWED_${layer})
            string(APPEND errors "${rel}: #include \"${inc}\": ${layer}/ may include only ${ALLOWED_${layer}}\n")
          endif()
        endif()
      elseif(line MATCHES "#[ \t]*include[ \t]*<(model|io|solver|pipeline|web|cli)/[^>]*>")
        string(APPEND errors "${rel}: a project header in <...>: write it \"${CMAKE_MATCH_1}/...\" so that its layer is checked\n")
      elseif(line MATCHES "#[ \t]*include[ \t]*<glpk\\.h>" AND NOT rel STREQUAL "solver/glpk.c")
        string(APPEND errors "${rel}: includes glpk.h; only solver/glpk.c talks to GLPK\n")
      elseif(line MATCHES "#[ \t]*include[ \t]*[<\"]Cbc_C_Interface\\.h[>\"]" AND NOT rel STREQUAL "solver/cbc.c")
        string(APPEND errors "${rel}: includes Cbc_C_Interface.h; only solver/cbc.c talks to CBC\n")
      elseif(line MATCHES "#[ \t]*include[ \t]*<(Cbc|Osi|Coin)[A-Za-z_]*\\.(h|hpp)>" 
             AND NOT line MATCHES "Cbc_C_Interface" AND NOT rel STREQUAL "solver/cbc_main.cpp")
        string(APPEND errors "${rel}: includes CBC's ${CMAKE_MATCH_1}... header; only solver/cbc_main.cpp uses CBC's C++ side\n")
      endif()
    endforeach()
  endforeach()
endforeach()
if(errors)
  message(FATAL_ERROR "layer check failed (docs/architecture.md):\n${errors}")
endif()
