/* The one way an input file is read whole: the CSV rosters, pins,
 * preferences and forecast (io/csv_reader.c), policy.ini (io/policy_ini.c)
 * and the scenario files (io/scenario_ini.c).
 *
 * A file that is not a regular file is refused before a byte is read, so
 * that a folder is not reported as a huge file and a FIFO or a device does
 * not hang the run: it is opened without blocking and looked at (fstat).
 * Messages (exit code 3 through RP_EIO):
 *   `cannot open: <reason>`, `cannot read: <reason>`,
 *   `is a folder, not a file`,
 *   `is not a regular file (a FIFO or a device)`.
 * They are reported at the file itself, or, when `from` is given (the
 * scenario line that names the file), at `from:from_line` with the path
 * in the message.
 */
#ifndef RP_INPUT_FILE_H
#define RP_INPUT_FILE_H

#include <stddef.h>

#include "model/status.h"

/* Where a file is named, for its messages: `from` NULL for the file itself. */
typedef struct {
  const char *from;
  long from_line;
} rp_input_at_t;

/* Reads `path` whole into *out (NUL-terminated, caller frees) and its
 * length into *len.  A file larger than max_bytes is not read: RP_ELIMIT
 * with its size in *len and no message (the caller names its limit).
 * Other errors are reported to diag: RP_EIO or RP_ENOMEM, *out NULL. */
rp_status_t rp_input_read(const char *path, rp_input_at_t at, long max_bytes, char **out,
                          size_t *len, rp_diag_t *diag);

/* rp_input_read for an INI file (policy.ini, a scenario): the limit is
 * reported as `<what> larger than N KiB: is this the right file?` and a NUL
 * byte as `contains a NUL byte: not a text file` (RP_EINPUT), both at the
 * file itself. */
rp_status_t rp_input_read_text(const char *path, rp_input_at_t at, long max_bytes,
                               const char *what, char **out, rp_diag_t *diag);

#endif
