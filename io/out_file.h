/* Safe output files: written under a temporary name in the same folder
 * (NAME.tmpXXXXXX) and renamed into place only when complete, so that a
 * failed run never leaves half a file and the previous output stays
 * untouched.  A run's files form one transaction (rp_out_txn_t): each is
 * finished (flushed, synced, closed) as it is added, and all are renamed
 * only when every one was written, else none.  Refuses to write over a file
 * registered as an input of the run; the whole set of a run's outputs is
 * checked before anything is solved (rp_out_check, rp_out_check_folder). */
#ifndef RP_OUT_FILE_H
#define RP_OUT_FILE_H

#include <stdio.h>

#include "model/status.h"

typedef struct rp_out_file rp_out_file_t;

/* Registers an input path: later rp_out_open calls on the same file (same
 * device and inode) fail with RP_EUSAGE.  Any number of inputs. */
void rp_out_protect(const char *input_path);

/* Opens a temporary file beside `path`, first removing the temporaries a
 * killed run left for the same name (`path`.tmpXXXXXX).  Returns NULL and fills diag on
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

/* Starts the process's janitor now (else its first temporary file starts
 * it): a small process that removes the temporaries still listed when the
 * run ends without renaming or removing them, killed even by KILL
 * (docs/reliability.md).  A process that forks workers writing outputs
 * calls it first, so that they share it.  Without one (no process could be
 * started) the run goes on. */
void rp_out_janitor_start(void);

/* Text encoding of an output file (--csv-encoding): UTF-8 (the default),
 * UTF-8 with a byte-order mark, or GB18030; the last two open correctly
 * when a double-click hands the file to Excel in China. */
typedef enum { RP_ENC_UTF8, RP_ENC_UTF8_BOM, RP_ENC_GB18030 } rp_encoding_t;
/* "utf-8", "utf-8-bom", "gb18030" (also utf8, utf8-bom, utf8bom and gbk;
 * any case). */
int rp_encoding_parse(const char *s, rp_encoding_t *out);
/* The encoding of outputs for an input read as `encoding` (csv_reader.h's
 * names; NULL: UTF-8): GB18030 rosters give GB18030 outputs, UTF-8 with a
 * BOM gives UTF-8 with a BOM, so that Excel opens them as it opened the
 * rosters. */
rp_encoding_t rp_encoding_of_input(const char *encoding);

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

/* Removes dir/sub and then dir where they are empty (the folders of a
 * year that could not be planned); sub may be NULL. */
void rp_out_rmdir_empty(const char *dir, const char *sub);
/* Creates the folder a file goes in (rp_out_mkdir of its dirname). */
rp_status_t rp_out_mkdir_parent(const char *path, rp_diag_t *diag);

/* ---- checks before a run ------------------------------------------------- */

/* Checks every output of a run before anything is solved: none may be an
 * input of the run (rp_out_protect), anything but a regular file, or the
 * same file as another of them (same folder and name, links and ".."
 * resolved, folders that do not exist yet compared by name).  Any number
 * of paths; NULL entries are skipped.  RP_OK, or RP_EUSAGE with every
 * conflict in diag; RP_ENOMEM. */
rp_status_t rp_out_check(const char *const *paths, size_t n, rp_diag_t *diag);

/* Checks an output folder before anything is solved (what: the option it
 * comes from, for the message, such as "--out"): it must be a folder, or
 * not exist yet under a folder; and it (or the folder it will be created
 * in) must be writable.  RP_OK; RP_EUSAGE when it or a parent is a file;
 * RP_EIO when it cannot be written; the reason in diag. */
rp_status_t rp_out_check_folder(const char *dir, const char *what, rp_diag_t *diag);

/* rp_out_check_folder of the folder a file goes in. */
rp_status_t rp_out_check_parent(const char *path, const char *what, rp_diag_t *diag);

/* ---- a run's transaction --------------------------------------------------- */

/* Every output file of a run, complete and waiting under its temporary
 * name, renamed into place together by rp_out_txn_commit. */
typedef struct rp_out_txn rp_out_txn_t;

rp_out_txn_t *rp_out_txn_create(void); /* NULL when out of memory */
/* Removes every temporary file not yet committed; NULL is a no-op. */
void rp_out_txn_free(rp_out_txn_t *t);

/* Finishes f (converts, flushes, syncs and closes it) and adds it to t,
 * which owns it from now on, on failure too (its temporary file is then
 * removed).  NULL f is a no-op.  RP_OK, RP_EIO or RP_ENOMEM (diag says). */
rp_status_t rp_out_txn_add(rp_out_txn_t *t, rp_out_file_t *f, rp_diag_t *diag);

/* How many files t holds: a mark to roll back to. */
size_t rp_out_txn_mark(const rp_out_txn_t *t);
/* Removes the files added to t after `mark` (a year that could not be
 * planned, after the years that could). */
void rp_out_txn_rollback(rp_out_txn_t *t, size_t mark);

/* Renames every file of t into place, in the order added, and empties t.
 * A rename can fail only on a folder changed under the run (they are in the
 * same folder as their temporaries): the files before it are then in
 * place, the rest removed, and diag says which.  RP_OK or RP_EIO. */
rp_status_t rp_out_txn_commit(rp_out_txn_t *t, rp_diag_t *diag);

/* Ends a writer's file f: with t, added to it (rp_out_txn_add), else
 * committed at once (rp_out_commit). */
rp_status_t rp_out_finish_into(rp_out_txn_t *t, rp_out_file_t *f, rp_diag_t *diag);

/* Hands t's files to another process through fd (each temporary path and
 * final path, NUL-terminated) and empties t without removing them: the
 * receiver adopts them with rp_out_txn_take_over.  0, or -1 when fd could
 * not take them (t then keeps them). */
int rp_out_txn_hand_over(rp_out_txn_t *t, int fd);
/* Adds to t every file handed over through fd (read to its end).  RP_OK or
 * RP_ENOMEM (the temporaries read are removed). */
rp_status_t rp_out_txn_take_over(rp_out_txn_t *t, int fd);

/* The temporary path under which `path` waits in t, or NULL when t does
 * not hold it: a file of the run read back before the commit. */
const char *rp_out_txn_temp_of(const rp_out_txn_t *t, const char *path);

#endif
