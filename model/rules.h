/* The rules of the plan, one home each (docs/model.md, "The rules").
 *
 * One table lists every hard rule with its policy key, whether it is in
 * force, how the diagnosis relaxes it, and for the rules about where a
 * teacher may go (the move rules) the test and the words of a breach.  One
 * function, rp_move_forbidden, answers "may this teacher go to section d,
 * and if not, which rule says no?"; the builder (columns and routes), the
 * assignment, the greedy baseline, the pin checks and verify all ask it, and
 * the diagnosis walks the table.  A new move rule is one row here and its
 * policy key: nothing else changes.
 *
 * The builder counts teachers by class, not by name, so a question may leave
 * the teacher (RP_ANY) or even the school left (RP_ANY) open: the rules that
 * need what is left open are then skipped, and answered again where the
 * teacher or the route is known.
 */
#ifndef RP_RULES_H
#define RP_RULES_H

#include <stddef.h>

#include "model/county.h"
#include "model/indicators.h"
#include "model/pins.h"
#include "model/policy.h"

/* The class of a teacher: level, subject and the flags the rules and
 * indicators see, k = 16 (RP_SUBJECTS level + subject) + flags.  Teachers of
 * one class at one section are interchangeable for every rule (docs/model.md,
 * "Teachers are pooled by class"). */
#define RP_CLASS_DEGREE 1u
#define RP_CLASS_BACKBONE 2u  /* county-level or above: the indicator */
#define RP_CLASS_ROT_BB 4u    /* backbone for the rotation rules */
#define RP_CLASS_PE_ART 8u
#define RP_CLASS_FLAGS 16
#define RP_CLASSES_PER_LEVEL (RP_SUBJECTS * RP_CLASS_FLAGS)

int rp_teacher_class(const rp_policy_t *p, const rp_teacher_t *t);
/* A class's level, subject and flags. */
rp_level_t rp_class_level(int k);
rp_subject_t rp_class_subject(int k);
unsigned rp_class_flags(int k);

#define RP_ANY ((size_t)-1)

/* A message's words in the language of the run: the translation of an
 * English format (io/lang.c's table, handed down by the pipeline, since
 * model/ may not include io/), or NULL for the English itself.  Declared
 * format_arg, so that the compiler checks the arguments against the
 * English format. */
typedef const char *(*rp_tr_fn)(const char *en) __attribute__((format_arg(1)));
/* en, or its translation by tr when there is one. */
#define RP_TR(tr, en) ((tr) ? (tr)(en) : (en))

/* A subject's name in the words of tr ("math", or 数学 through the entry
 * "subject\004math"), using buf (n bytes) when tr is given. */
const char *rp_subject_word(rp_tr_fn tr, rp_subject_t j, char *buf, size_t n);

/* What a move rule is asked about. */
typedef struct {
  const rp_county_t *county;
  const rp_policy_t *policy;
  const rp_audit_t *audit; /* the county's sections before the plan */
  const rp_pin_t *pins;    /* the planner's pins (not_to), or NULL */
  size_t n_pins;
} rp_move_ctx_t;

/* Who would move: a teacher, or any teacher of class cls leaving school. */
typedef struct {
  size_t teacher; /* index in county->teachers, or RP_ANY */
  size_t school;  /* the school left, or RP_ANY */
  int cls;        /* rp_teacher_class */
} rp_mover_t;

/* The mover of a known teacher. */
rp_mover_t rp_mover_of(const rp_move_ctx_t *x, size_t teacher);

typedef struct rp_rule {
  const char *name; /* the rule's name in docs/model.md, messages and code */
  const char *key;  /* the policy key that governs it, or NULL (always in force) */
  /* In force under p (NULL: always). */
  int (*in_force)(const rp_policy_t *p);
  /* The diagnosis's relaxation (NULL: never relaxed) and its words, as a
   * policy.ini line: "max_km = 0". */
  void (*relax)(rp_policy_t *p);
  const char *relaxed;
  /* Move rules only (NULL for rules on sections or the county, which the
   * builder writes as rows).  needs says what the test looks at. */
  enum { RP_NEEDS_CLASS, RP_NEEDS_ROUTE, RP_NEEDS_TEACHER } needs;
  int (*allows)(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest);
  /* Why not, as a clause about the destination ("it is 31.0 km away, beyond
   * max_km = 20"), written to buf in the words of tr (NULL: English). */
  void (*why)(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest, rp_tr_fn tr, char *buf,
              size_t n);
  /* The pooled model needs flows between sections to hold this rule (a
   * route rule the self rows do not already cover). */
  int routed;
} rp_rule_t;

extern const rp_rule_t rp_rules[];
extern const size_t rp_n_rules;

/* A previous plan's moves (plan --previous), as the builder, the
 * assignment and why_this_teacher read them: per teacher, the section the
 * previous plan sent the teacher to when the move rules allow that move
 * now; RP_PREV_REFUSED when they forbid it (an appeal's not_to, a rule
 * changed since) or the school has no section of the teacher's level;
 * RP_ANY when the previous plan did not move the teacher.  NULL when out
 * of memory; the caller frees it. */
#define RP_PREV_REFUSED (RP_ANY - 1)
size_t *rp_previous_sections(const rp_move_ctx_t *x, const rp_previous_t *previous);

/* The first move rule in force that forbids m going to section dest, or
 * NULL when every rule allows it.  Rules that need a teacher or a school
 * left open (RP_ANY) are not asked. */
const rp_rule_t *rp_move_forbidden(const rp_move_ctx_t *x, const rp_mover_t *m, size_t dest);

/* As rp_move_forbidden, for a destination school: its section of the
 * mover's level goes to *section (SIZE_MAX when it has none, which breaks
 * the destination rule), and the rule's reason to why (size n) when one
 * forbids the move. */
const rp_rule_t *rp_move_forbidden_to_school(const rp_move_ctx_t *x, const rp_mover_t *m,
                                             size_t school, size_t *section, char *why,
                                             size_t n);

/* A pin to move (`move` or `to`) of a teacher who is not eligible: a pin
 * cannot overrule an exemption, nor move_leaders = no.  Reported at the
 * pin's file and line with the reason, `teacher "X" is pinned to move but
 * is not eligible (REASON)`; returns 1 then, else 0 (any other pin too). */
int rp_pin_refused_ineligible(const rp_county_t *c, const rp_policy_t *p, const rp_pin_t *pin,
                              rp_diag_t *diag);

/* Is rule r in force under p? */
int rp_rule_in_force(const rp_rule_t *r, const rp_policy_t *p);

/* Does the pooled model need flow columns between sections under p (a
 * routed rule in force)? */
int rp_rules_need_routes(const rp_policy_t *p);

/* The names of the rules in force under p that the plan must meet, for the
 * message when none can: ", max_outflow_share, subject_cover, ..." appended
 * to buf. */
void rp_rules_in_force(const rp_policy_t *p, char *buf, size_t n);

#endif
