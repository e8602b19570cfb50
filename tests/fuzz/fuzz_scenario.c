/* libFuzzer harness for io/scenario_ini.c: rp_scenario_load on the input
 * written to a scenario file, with a small valid county beside it (so that
 * inputs that name schools.csv / teachers.csv get as far as applying), then
 * rp_scenario_apply_policy and rp_scenario_apply_county on that county.
 *
 * Inputs are cut at 64 KiB.  Checked (abort() is a finding): a refusal says
 * why in diag; an accepted scenario has a name, and applying it never
 * breaks the county's invariants (every teacher's school index in range).
 * Built as a libFuzzer binary with RP_FUZZ=ON and replayed over
 * tests/fuzz/corpus/scenario by fuzz_replay_scenario. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/builder.h"
#include "model/policy.h"
#include "io/roster.h"
#include "io/scenario_ini.h"
#include "model/status.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[256];

static void write_file(const char *name, const void *data, size_t n) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *fp = fopen(path, "wb");
  check(fp != NULL);
  check(fwrite(data, 1, n, fp) == n);
  fclose(fp);
}

static void setup(void) {
  if (dir[0])
    return;
  snprintf(dir, sizeof dir, "/tmp/rotaplan-fuzz-scenario.%ld", (long)getpid());
  char cmd[300];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
  check(system(cmd) == 0);
  static const char schools[] =
      "school_id,name,area,weak,primary_students,junior_students,primary_classes,"
      "junior_classes,x_km,y_km\n"
      "A01,A,urban,0,400,300,9,6,0,0\n"
      "B01,B,town,0,200,0,5,0,5,0\n"
      "C01,C,rural,1,60,0,3,0,9,1\n";
  static const char teachers[] =
      "teacher_id,name,school_id,section,subject,gender,birth_year,school_since,degree,"
      "backbone,exempt,last_rotated_year\n"
      "T01,a,A01,primary,chinese,F,1980,2010,bachelor,county,,\n"
      "T02,b,A01,junior,math,M,1966,2000,master,city,,\n"
      "T03,c,A01,primary,pe,F,1990,2012,bachelor,none,,\n"
      "T04,d,B01,primary,music,F,1985,2015,associate,none,病休,\n"
      "T05,e,B01,primary,chinese,M,1975,2005,bachelor,none,,2024\n"
      "T06,f,C01,primary,math,F,1992,2016,associate,none,,\n";
  write_file("schools.csv", schools, sizeof schools - 1);
  write_file("teachers.csv", teachers, sizeof teachers - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 65536)
    size = 65536;
  setup();
  write_file("s.ini", data, size);
  char path[512];
  snprintf(path, sizeof path, "%s/s.ini", dir);
  rp_diag_t diag = RP_DIAG_INIT;
  rp_scenario_t *sc = NULL;
  rp_status_t st = rp_scenario_load(path, &sc, &diag);
  if (st != RP_OK) {
    check(sc == NULL);
    check(diag.n_errors > 0 || st == RP_ENOMEM);
    rp_diag_clear(&diag);
    return 0;
  }
  check(sc != NULL && rp_scenario_name(sc) != NULL);
  rp_policy_t p;
  rp_policy_default(&p, 2026);
  rp_county_t *c = NULL;
  rp_pin_t *pins = NULL;
  size_t n_pins = 0;
  if (rp_scenario_apply_policy(sc, &p, &diag) == RP_OK &&
      rp_scenario_input(sc, "schools") && rp_scenario_input(sc, "teachers") &&
      rp_roster_load(rp_scenario_input(sc, "schools"), rp_scenario_input(sc, "teachers"), &p,
                     &c, &diag) == RP_OK &&
      rp_scenario_apply_county(sc, &p, c, &pins, &n_pins, &diag) == RP_OK) {
    for (size_t k = 0; k < c->n_teachers; k++)
      check(c->teachers[k].school < c->n_schools);
    for (size_t i = 0; i < n_pins; i++)
      check(pins[i].teacher < c->n_teachers);
  }
  free(pins);
  rp_county_free(c);
  rp_scenario_free(sc);
  rp_diag_clear(&diag);
  return 0;
}
