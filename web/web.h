/* The web workspace (`rotaplan serve`, docs/web.md): an HTTP server on
 * libmicrohttpd that keeps the planners' workspaces under a data folder and
 * runs every computation as a job of the rotaplan binary itself.  The front
 * end (cli/cmd_serve.c) parses the options and calls rp_web_serve. */
#ifndef RP_WEB_H
#define RP_WEB_H

#include <stddef.h>

typedef struct {
  const char *listen;     /**< "ADDR:PORT" (default "127.0.0.1:8080"); port 0: any free port */
  const char *data_dir;   /**< workspaces' folder (default "./rotaplan-data"), created 0700 */
  const char *users_file; /**< "name:argon2id-hash" lines, or NULL: token mode (loopback only) */
  const char *cert_file;  /**< PEM certificate for TLS, or NULL */
  const char *key_file;   /**< PEM private key for TLS, or NULL */
  size_t max_upload;      /**< bytes per uploaded file (0: 50 MB) */
  int max_jobs;           /**< jobs running at once (0: 2); more wait in a queue */
} rp_web_opts_t;

/* Runs the server until SIGINT or SIGTERM, then stops accepting, cancels the
 * jobs and frees everything.  Prints the address (and in token mode the
 * link with the access token) to stdout, one line per request to stderr.
 * Returns an exit code: 0 after a clean stop, 2 for options the server
 * refuses (a non-loopback address without --users and TLS), 5 when it
 * cannot start (address in use, data folder unwritable). */
int rp_web_serve(const rp_web_opts_t *opts);

/* Adds an account to users_file ("name:hash" lines, created 0600): the
 * password is read from stdin (without echo on a terminal) and hashed with
 * Argon2id (libsodium crypto_pwhash_str, interactive limits).  Returns an
 * exit code: 0, 2 for a bad name or a name already there, 5 on I/O errors. */
int rp_web_add_user(const char *users_file, const char *name);

#endif
