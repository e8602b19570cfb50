/* Why this teacher (see choice.h).  The order here is solver/assign.c's
 * cand_cmp and solver/greedy.c's pool order, written a second time from
 * docs/model.md: tests/test_e2e_publish.c checks that every mover of the
 * demo's plans is at the head of its group. */
#include "model/choice.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/rules.h"

typedef struct {
  size_t teacher, section;
  int subject, cls;
  int pinned;          /* its place in the order: 0 none, 1 move, 2 to */
  const rp_pin_t *pin; /* the pin that decides it (its action names the kind) */
  int wishes;         /* named in preferences.csv (milp order only) */
  int prev;           /* the previous plan's move: 0 none, 1 can be kept, 2 now forbidden */
  size_t move;        /* index in plan->moves, SIZE_MAX: stays */
  int tier;           /* fairness: rotations so far (0 when fairness is off) */
  int applicant;      /* title_service: lacks the year, no pin, wish, previous move, not_to */
  int title;          /* applicant whose priority counts here (set_title) */
  int rw;             /* moves to a rural or weak school */
} member_t;

static const rp_county_t *g_county; /* qsort has no context argument */
static const rp_policy_t *g_policy;

static int group_cmp(const member_t *x, const member_t *y) {
  if (x->section != y->section)
    return x->section < y->section ? -1 : 1;
  if (x->subject != y->subject)
    return x->subject - y->subject;
  return x->cls - y->cls;
}

/* Who goes first within a group: a `to` pin, a `move` pin, a previous
 * move that can be kept, then a wish; a teacher whose previous move the
 * rules now forbid goes last (solver/assign.c, previous_rank). */
static int priority(const member_t *x) {
  int prev_rank = x->prev == 1 ? 0 : x->prev == 2 ? 2 : 1; /* assign.c's previous_rank */
  return x->pinned * 16 + (2 - prev_rank) * 2 + x->wishes;
}

/* The group, then the pins, fairness (fewer rotations first), the rest of
 * the priority, a title applicant's place, then model/history.h's order:
 * backbone level when priority = backbone, years at the school (earliest
 * school_since first), teacher id (docs/model.md, "Who goes where"). */
static int member_cmp(const void *a, const void *b) {
  const member_t *x = a, *y = b;
  const rp_teacher_t *tx = &g_county->teachers[x->teacher], *ty = &g_county->teachers[y->teacher];
  int c = group_cmp(x, y);
  if (!c)
    c = y->pinned - x->pinned;
  if (!c)
    c = x->tier - y->tier;
  if (!c)
    c = priority(y) - priority(x);
  if (!c)
    c = y->title - x->title;
  return c ? c : rp_history_order_cmp(g_policy, tx, ty);
}

/* title_service: an applicant's priority counts for a move to a rural or
 * weak school; an applicant who stays is ahead only of the plain movers of
 * the fairness tier who went to such a school (solver/assign.c gives
 * those moves to the applicants first). */
static void set_title(member_t *m, size_t g0, size_t g1) {
  for (size_t i = g0; i < g1; i++) {
    member_t *x = &m[i];
    if (!x->applicant)
      continue;
    if (x->move != SIZE_MAX) {
      x->title = x->rw;
      continue;
    }
    for (size_t j = g0; j < g1 && !x->title; j++)
      x->title = m[j].move != SIZE_MAX && m[j].rw && !m[j].applicant && !m[j].pinned &&
                 !m[j].wishes && m[j].prev != 1 && m[j].tier == x->tier;
  }
}

rp_choice_order_t rp_choice_order_of(const char *method) {
  return method && strcmp(method, "greedy") == 0 ? RP_ORDER_GREEDY : RP_ORDER_MILP;
}

/* The group's members [g0, g1) in order: each mover's reason. */
static void explain_group(const rp_county_t *c, const member_t *m, size_t g0, size_t g1,
                          rp_choice_t *why) {
  int movers = 0, stayed = 0, plain_rank = 0;
  for (size_t i = g0; i < g1; i++)
    movers += m[i].move != SIZE_MAX;
  for (size_t i = g0; i < g1; i++) {
    const member_t *x = &m[i];
    plain_rank += !x->pinned && !x->wishes && x->prev != 1;
    if (x->move == SIZE_MAX) {
      stayed++;
      continue;
    }
    rp_choice_t *w = &why[x->move];
    *w = (rp_choice_t){RP_CHOICE_SERVICE, NULL, 0, 0, (int)(g1 - g0), movers, 0, stayed, 0, 0};
    /* The plain stayers after this one whom fairness, then the backbone
     * priority, put behind. */
    const rp_teacher_t *tx = &c->teachers[x->teacher];
    int more_rot = 0, lower_bb = 0;
    for (size_t j = i + 1; j < g1; j++) {
      const member_t *y = &m[j];
      if (y->move != SIZE_MAX || y->pinned)
        continue;
      more_rot += y->tier > x->tier;
      lower_bb += y->tier == x->tier && g_policy->priority == RP_PRIORITY_BACKBONE &&
                  c->teachers[y->teacher].backbone < tx->backbone;
    }
    if (x->pinned) {
      w->kind = x->pin->action == RP_PIN_TO ? RP_CHOICE_PIN_TO : RP_CHOICE_PIN_MOVE;
      w->pin_file = x->pin->file;
      w->pin_line = x->pin->line;
    } else if (x->prev == 1) {
      w->kind = RP_CHOICE_PREVIOUS;
    } else if (more_rot > 0) {
      w->kind = RP_CHOICE_FAIRNESS;
      w->passed = more_rot;
    } else if (x->wishes) {
      w->kind = RP_CHOICE_WISH; /* its rank: rp_plan_choices */
    } else if (x->title) {
      w->kind = RP_CHOICE_TITLE;
    } else if (lower_bb > 0) {
      w->kind = RP_CHOICE_BACKBONE;
      w->passed = lower_bb;
    } else if (g1 - g0 == 1) {
      w->kind = RP_CHOICE_ONLY;
    } else {
      w->rank = plain_rank;
      int since = c->teachers[x->teacher].school_since;
      for (size_t j = i + 1; j < g1; j++)
        w->tie_stayed += m[j].move == SIZE_MAX && !m[j].pinned && !m[j].wishes && !m[j].prev &&
                         c->teachers[m[j].teacher].school_since == since;
    }
  }
}

rp_status_t rp_plan_choices(const rp_county_t *c, const rp_policy_t *p, const rp_audit_t *a,
                            const rp_pin_t *pins, size_t n_pins, const rp_pref_t *prefs,
                            size_t n_prefs, const rp_previous_t *previous,
                            rp_choice_order_t order, rp_plan_t *plan) {
  member_t *m = malloc((c->n_teachers + 1) * sizeof *m);
  size_t *move_of = malloc((c->n_teachers + 1) * sizeof *move_of);
  rp_choice_t *why = calloc(plan->n_moves + 1, sizeof *why);
  /* The previous plan's moves (the milp order only), as the assignment
   * reads them. */
  const rp_move_ctx_t ctx = {c, p, a, pins, n_pins};
  size_t *prev_to =
      previous && order == RP_ORDER_MILP ? rp_previous_sections(&ctx, previous) : NULL;
  if (!m || !move_of || !why || (previous && order == RP_ORDER_MILP && !prev_to)) {
    free(m);
    free(move_of);
    free(why);
    free(prev_to);
    return RP_ENOMEM;
  }
  for (size_t k = 0; k < c->n_teachers; k++)
    move_of[k] = SIZE_MAX;
  for (size_t i = 0; i < plan->n_moves; i++)
    move_of[plan->moves[i].teacher] = i;
  size_t n = 0;
  for (size_t k = 0; k < c->n_teachers; k++) {
    const rp_teacher_t *t = &c->teachers[k];
    if (!rp_teacher_eligible(p, t, NULL))
      continue;
    member_t x = {k, a->section_of[t->school * 2 + t->level], (int)t->subject,
                  rp_teacher_class(p, t), 0, NULL, 0, 0, move_of[k], 0, 0, 0, 0};
    if (p->fairness == RP_FAIRNESS_ONCE_BEFORE_TWICE)
      x.tier = rp_history_rotations(t);
    if (move_of[k] != SIZE_MAX)
      x.rw = rp_school_serves_title(
          &c->schools[a->sections[plan->moves[move_of[k]].to_section].school]);
    int not_to = 0;
    int stay = 0;
    /* As the assignment reads them: a `to` pin decides over a `move` pin. */
    for (size_t i = 0; i < n_pins; i++) {
      if (pins[i].teacher != k)
        continue;
      if (pins[i].action == RP_PIN_STAY)
        stay = 1;
      else if (pins[i].action == RP_PIN_NOT_TO)
        not_to = 1;
      else if (pins[i].action == RP_PIN_MOVE && x.pinned < 1) {
        x.pinned = 1;
        x.pin = &pins[i];
      } else if (pins[i].action == RP_PIN_TO) {
        x.pinned = 2;
        x.pin = &pins[i];
      }
    }
    if (stay)
      continue; /* a pin to stay takes the teacher out of the group */
    if (order == RP_ORDER_GREEDY && x.pinned)
      x.pinned = 1; /* greedy's first pass takes every pinned teacher, by service */
    for (size_t i = 0; i < n_prefs && !x.wishes && order == RP_ORDER_MILP; i++)
      x.wishes = prefs[i].teacher == k;
    if (prev_to && prev_to[k] != RP_ANY)
      x.prev = prev_to[k] == RP_PREV_REFUSED ? 2 : 1;
    /* the greedy baseline knows no title applicants (solver/greedy.c) */
    x.applicant = order == RP_ORDER_MILP && p->title_service && !x.pinned && !x.wishes &&
                  !x.prev && !not_to && rp_history_title_lacks(p, t);
    m[n++] = x;
  }
  g_county = c;
  g_policy = p;
  qsort(m, n, sizeof *m, member_cmp);
  for (size_t g0 = 0, g1; g0 < n; g0 = g1) {
    for (g1 = g0 + 1; g1 < n && group_cmp(&m[g0], &m[g1]) == 0;)
      g1++;
    if (p->title_service) {
      set_title(m, g0, g1);
      qsort(m + g0, g1 - g0, sizeof *m, member_cmp);
    }
    explain_group(c, m, g0, g1, why);
  }
  /* The wish's rank: the destination school among the teacher's wishes. */
  for (size_t i = 0; i < plan->n_moves; i++) {
    if (why[i].kind != RP_CHOICE_WISH)
      continue;
    size_t dest = a->sections[plan->moves[i].to_section].school;
    for (size_t q = 0; q < n_prefs; q++)
      if (prefs[q].teacher == plan->moves[i].teacher && prefs[q].school == dest)
        why[i].wish_rank = prefs[q].rank;
  }
  free(m);
  free(move_of);
  free(prev_to);
  free(plan->why);
  plan->why = why;
  return RP_OK;
}

size_t rp_plan_choices_out_of_order(const rp_plan_t *plan) {
  size_t n = 0;
  for (size_t i = 0; plan->why && i < plan->n_moves; i++)
    n += plan->why[i].ahead_stayed > 0;
  return n;
}
