/* Safe output files: written under a temporary name in the same folder and
 * renamed into place only when complete, so that a failed run never leaves
 * half a file and the previous output stays untouched.  Refuses to write over
 * a file registered as an input of the run. */
#ifndef RP_OUT_FILE_H
#define RP_OUT_FILE_H

#include <stdio.h>

#include "model/status.h"

typedef struct rp_out_file rp_out_file_t;

/* Registers an input path: later rp_out_open calls on the same file (same
 * device and inode) fail with RP_EUSAGE.  Any number of inputs. */
void rp_out_protect(const char *input_path);

/* Opens a temporary file beside `path`.  Returns NULL and fills diag on
 * failure (*st gets the status): RP_EUSAGE when path is an input of the run
 * or exists as anything but a regular file (a device, a FIFO, a link or a
 * folder is never replaced). */
rp_out_file_t *rp_out_open(const char *path, rp_diag_t *diag, rp_status_t *st);
FILE *rp_out_stream(rp_out_file_t *f);
/* Flushes, closes and renames into place; on any error removes the temporary
 * file.  Frees f. */
rp_status_t rp_out_commit(rp_out_file_t *f, rp_diag_t *diag);
/* Removes the temporary file and frees f; NULL is a no-op. */
void rp_out_abort(rp_out_file_t *f);

/* Text encoding of an output file (--csv-encoding): UTF-8 (the default),
 * UTF-8 with a byte-order mark, or GB18030; the last two open correctly
 * when a double-click hands the file to Excel in China. */
typedef enum { RP_ENC_UTF8, RP_ENC_UTF8_BOM, RP_ENC_GB18030 } rp_encoding_t;
/* "utf-8", "utf-8-bom", "gb18030" (also utf8, utf8-bom, utf8bom and gbk;
 * any case). */
int rp_encoding_parse(const char *s, rp_encoding_t *out);

/* Sets the encoding of f, before anything is written: the stream takes
 * UTF-8 and the file gets enc (the BOM written first; GB18030 converted at
 * commit, which fails on text GB18030 cannot hold).  RP_OK or RP_ENOMEM. */
rp_status_t rp_out_set_encoding(rp_out_file_t *f, rp_encoding_t enc);

/* The temporary file's path, for a writer that opens the file itself
 * (libxlsxwriter); nothing may then be written to the stream. */
const char *rp_out_temp_path(const rp_out_file_t *f);

/* Creates a folder (and its parents) with the user's umask; RP_OK if it
 * exists already. */
rp_status_t rp_out_mkdir(const char *dir, rp_diag_t *diag);

/* The resolved folder of a file's path (links and ".." followed; malloc'ed),
 * NULL when it does not exist; *base gets the file's own name. */
char *rp_out_folder_of(const char *path, const char **base);

/* Do two output paths name the same file: the same name in the same folder
 * (folders compared after resolving links and "..")?  A folder that does
 * not exist yet matches nothing. */
int rp_out_same_path(const char *a, const char *b);

/* Creates the folder a file goes in (rp_out_mkdir of its dirname). */
rp_status_t rp_out_mkdir_parent(const char *path, rp_diag_t *diag);

#endif
