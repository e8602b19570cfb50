/* Reading a scenario file (docs/scenarios.md) into the rp_scenario_t that
 * model/scenario.c applies to a county. */
#ifndef RP_SCENARIO_INI_H
#define RP_SCENARIO_INI_H

#include "model/scenario.h"
#include "model/status.h"

/* Reads `path`, following `extends` (cycles are an error).  Paths inside a
 * scenario are relative to the folder of the file that names them.  Every
 * defect is reported as `file:line: ...` in diag; RP_EINPUT then. */
rp_status_t rp_scenario_load(const char *path, rp_scenario_t **out, rp_diag_t *diag);

#endif
