/* Reading policy.ini (with inih) into an rp_policy_t.
 *
 * Keys and their ranges come from model/policy.c; this file only knows INI.
 * Every bad line is reported as `policy.ini:LINE: ...`, all in one run.
 */
#ifndef RP_POLICY_INI_H
#define RP_POLICY_INI_H

#include "io/out_file.h"
#include "model/policy.h"
#include "model/status.h"

/* Applies the keys of `path` on top of *p.  Returns RP_OK, RP_EIO (cannot
 * open) or RP_EINPUT (unknown key, bad value, bad syntax; see diag). */
rp_status_t rp_policy_load(const char *path, rp_policy_t *p, rp_diag_t *diag);
/* Same from a string (tests, fuzzers); `name` is used in messages. */
rp_status_t rp_policy_parse(const char *name, const char *text, rp_policy_t *p,
                            rp_diag_t *diag);

/* Writes every key of p (defaults included) as an INI file that
 * rp_policy_load reads back to the same policy: into the run's transaction
 * txn, or with txn NULL renamed into place at once. */
rp_status_t rp_policy_write(const char *path, const rp_policy_t *p, rp_out_txn_t *txn,
                            rp_diag_t *diag);

#endif
