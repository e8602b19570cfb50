/* The planner's decisions about individual teachers, read from pins.csv
 * and preferences.csv (io/plan_io.c) and honoured by every planning method
 * and by verify.  Indices refer to the county's sorted teachers and schools. */
#ifndef RP_PINS_H
#define RP_PINS_H

#include <stddef.h>

/* A pin from pins.csv. */
typedef enum { RP_PIN_STAY, RP_PIN_MOVE, RP_PIN_TO, RP_PIN_NOT_TO } rp_pin_action_t;
typedef struct {
  size_t teacher;
  rp_pin_action_t action;
  size_t school; /* for TO and NOT_TO */
  const char *file; /* pins file, for messages (not owned) */
  long line;
} rp_pin_t;

/* A teacher's ranked wish from preferences.csv (rank 1 = first choice). */
typedef struct {
  size_t teacher;
  int rank;
  size_t school;
} rp_pref_t;

/* The previous plan's decisions (plan --previous DIR): who it sent where.
 * Not a rule: the `stability` stage keeps as many of them as the rules and
 * the shortfall allow (docs/model.md), and the assignment gives each kept
 * move to the same teacher. */
typedef struct {
  size_t teacher;
  size_t school; /* the school the previous plan sent the teacher to */
} rp_prev_move_t;

typedef struct {
  const rp_prev_move_t *moves;
  size_t n;
} rp_previous_t;

#endif
