/* Who may come in (docs/web.md, "Security"): the accounts of --users (names
 * and Argon2id hashes, checked with libsodium), or in token mode a single
 * local user and a random access token; and the sessions, each with its own
 * CSRF token, in one table behind a mutex.  Secrets are compared in constant
 * time and never logged. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "web/web.h"
#include "web/web_i.h"

typedef struct {
  char name[RP_WEB_MAX_NAME + 1];
  char hash[crypto_pwhash_STRBYTES];
} user_t;

typedef struct {
  int used;
  char id[RP_WEB_SECRET_HEX + 1];
  char csrf[RP_WEB_SECRET_HEX + 1];
  char user[RP_WEB_MAX_NAME + 1];
  time_t last;
} session_t;

struct rp_auth {
  user_t *users;
  size_t n_users;
  char token[RP_WEB_SECRET_HEX + 1]; /* empty unless token mode */
  pthread_mutex_t lock;              /* sessions */
  pthread_mutex_t verify_lock;       /* one Argon2id check at a time: 64 MB each */
  session_t sessions[RP_WEB_MAX_SESSIONS];
};

static int load_users(rp_auth_t *a, const char *path, char *err, size_t errlen) {
  char *text = rp_web_read_file(path, 1 << 20, NULL);
  if (!text) {
    snprintf(err, errlen, "%s: cannot read the accounts file (make one with "
                          "`rotaplan serve --add-user NAME --users %s`)", path, path);
    return -1;
  }
  int rc = -1, line = 0;
  char *save = NULL;
  for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
    line++;
    size_t len = strlen(l);
    if (len && l[len - 1] == '\r')
      l[--len] = 0;
    if (!len || l[0] == '#')
      continue;
    char *colon = strchr(l, ':');
    if (!colon) {
      snprintf(err, errlen, "%s:%d: expected name:hash", path, line);
      goto done;
    }
    *colon = 0;
    if (!rp_web_name_valid(l) || strlen(colon + 1) >= crypto_pwhash_STRBYTES ||
        strncmp(colon + 1, "$argon2id$", 10) != 0) {
      snprintf(err, errlen, "%s:%d: expected name:hash (a name of letters, digits, . _ -, "
                            "and an Argon2id hash made by --add-user)", path, line);
      goto done;
    }
    user_t *u = realloc(a->users, (a->n_users + 1) * sizeof *u);
    if (!u) {
      snprintf(err, errlen, "out of memory");
      goto done;
    }
    a->users = u;
    snprintf(u[a->n_users].name, sizeof u->name, "%s", l);
    snprintf(u[a->n_users].hash, sizeof u->hash, "%s", colon + 1);
    a->n_users++;
  }
  if (a->n_users == 0) {
    snprintf(err, errlen, "%s: no accounts (add one with --add-user)", path);
    goto done;
  }
  rc = 0;
done:
  sodium_memzero(text, strlen(text));
  free(text);
  return rc;
}

rp_auth_t *rp_auth_create(const char *users_file, char *err, size_t errlen) {
  rp_auth_t *a = calloc(1, sizeof *a);
  if (!a) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  pthread_mutex_init(&a->lock, NULL);
  pthread_mutex_init(&a->verify_lock, NULL);
  if (users_file) {
    if (load_users(a, users_file, err, errlen) != 0) {
      rp_auth_free(a);
      return NULL;
    }
  } else {
    rp_web_random_hex(a->token, RP_WEB_SECRET_HEX / 2);
  }
  return a;
}

void rp_auth_free(rp_auth_t *a) {
  if (!a)
    return;
  pthread_mutex_destroy(&a->lock);
  pthread_mutex_destroy(&a->verify_lock);
  free(a->users);
  sodium_memzero(a, sizeof *a);
  free(a);
}

const char *rp_auth_token(const rp_auth_t *a) { return a->token[0] ? a->token : NULL; }

int rp_auth_token_ok(const rp_auth_t *a, const char *token) {
  return a->token[0] && rp_web_secret_eq(a->token, token);
}

int rp_auth_user_exists(const rp_auth_t *a, const char *user) {
  for (size_t i = 0; user && !a->token[0] && i < a->n_users; i++)
    if (strcmp(a->users[i].name, user) == 0)
      return 1;
  return 0;
}

int rp_auth_password_ok(rp_auth_t *a, const char *user, const char *password) {
  if (!user || !password || a->token[0])
    return 0;
  const char *hash = NULL;
  for (size_t i = 0; i < a->n_users; i++)
    if (strcmp(a->users[i].name, user) == 0)
      hash = a->users[i].hash;
  pthread_mutex_lock(&a->verify_lock);
  int ok;
  if (hash) {
    ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
  } else {
    /* An unknown name costs the same time as a wrong password. */
    static char dummy[crypto_pwhash_STRBYTES];
    if (!dummy[0] && crypto_pwhash_str(dummy, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      dummy[0] = 0;
    int spent = dummy[0] ? crypto_pwhash_str_verify(dummy, password, strlen(password)) : -1;
    (void)spent;
    ok = 0;
  }
  pthread_mutex_unlock(&a->verify_lock);
  return ok;
}

int rp_auth_session_new(rp_auth_t *a, const char *user, char id[RP_WEB_SECRET_HEX + 1]) {
  time_t now = time(NULL);
  pthread_mutex_lock(&a->lock);
  session_t *slot = NULL;
  for (int i = 0; i < RP_WEB_MAX_SESSIONS; i++) {
    session_t *s = &a->sessions[i];
    if (s->used && now - s->last > RP_WEB_SESSION_IDLE)
      s->used = 0;
    if (!s->used && !slot)
      slot = s;
  }
  if (!slot) { /* full: the session idle longest makes room */
    slot = &a->sessions[0];
    for (int i = 1; i < RP_WEB_MAX_SESSIONS; i++)
      if (a->sessions[i].last < slot->last)
        slot = &a->sessions[i];
  }
  memset(slot, 0, sizeof *slot);
  slot->used = 1;
  rp_web_random_hex(slot->id, RP_WEB_SECRET_HEX / 2);
  rp_web_random_hex(slot->csrf, RP_WEB_SECRET_HEX / 2);
  snprintf(slot->user, sizeof slot->user, "%s", user);
  slot->last = now;
  memcpy(id, slot->id, RP_WEB_SECRET_HEX + 1);
  pthread_mutex_unlock(&a->lock);
  return 0;
}

int rp_auth_session_get(rp_auth_t *a, const char *id, char user[RP_WEB_MAX_NAME + 1],
                        char csrf[RP_WEB_SECRET_HEX + 1]) {
  if (!id || strlen(id) != RP_WEB_SECRET_HEX)
    return -1;
  time_t now = time(NULL);
  int rc = -1;
  pthread_mutex_lock(&a->lock);
  for (int i = 0; i < RP_WEB_MAX_SESSIONS; i++) {
    session_t *s = &a->sessions[i];
    if (!s->used || !rp_web_secret_eq(s->id, id))
      continue;
    if (now - s->last > RP_WEB_SESSION_IDLE) {
      s->used = 0;
      break;
    }
    s->last = now;
    memcpy(user, s->user, sizeof s->user);
    memcpy(csrf, s->csrf, sizeof s->csrf);
    rc = 0;
    break;
  }
  pthread_mutex_unlock(&a->lock);
  return rc;
}

void rp_auth_session_end(rp_auth_t *a, const char *id) {
  pthread_mutex_lock(&a->lock);
  for (int i = 0; i < RP_WEB_MAX_SESSIONS; i++)
    if (a->sessions[i].used && rp_web_secret_eq(a->sessions[i].id, id))
      memset(&a->sessions[i], 0, sizeof a->sessions[i]);
  pthread_mutex_unlock(&a->lock);
}

/* Reads one line of stdin into pw (without echo on a terminal). */
static int read_password(char *pw, size_t n) {
  struct termios old, quiet;
  int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    fprintf(stderr, "password: ");
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  int rc = fgets(pw, (int)n, stdin) ? 0 : -1;
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fprintf(stderr, "\n");
  }
  if (rc == 0)
    pw[strcspn(pw, "\r\n")] = 0;
  return rc;
}

int rp_web_add_user(const char *users_file, const char *name) {
  if (!rp_web_name_valid(name)) {
    fprintf(stderr, "rotaplan serve: --add-user: a name is 1 to %d letters, digits, '.', "
                    "'_' or '-', not starting with '.'\n", RP_WEB_MAX_NAME);
    return 2;
  }
  if (sodium_init() < 0)
    return 5;
  char *text = rp_web_read_file(users_file, 1 << 20, NULL);
  if (text) {
    size_t n = strlen(name);
    for (char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
      if (strncmp(l, name, n) == 0 && l[n] == ':') {
        fprintf(stderr, "rotaplan serve: %s: the account %s is already there\n", users_file,
                name);
        free(text);
        return 2;
      }
    free(text);
  }
  char pw[1024], hash[crypto_pwhash_STRBYTES];
  int rc = 5;
  if (read_password(pw, sizeof pw) != 0 || !pw[0]) {
    fprintf(stderr, "rotaplan serve: --add-user: no password on stdin\n");
    rc = 2;
    goto done;
  }
  if (crypto_pwhash_str(hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    fprintf(stderr, "rotaplan serve: out of memory hashing the password\n");
    goto done;
  }
  int fd = open(users_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    fprintf(stderr, "rotaplan serve: %s: %s\n", users_file, strerror(errno));
    goto done;
  }
  char line[RP_WEB_MAX_NAME + crypto_pwhash_STRBYTES + 4];
  int len = snprintf(line, sizeof line, "%s:%s\n", name, hash);
  int ok = write(fd, line, (size_t)len) == len;
  if (close(fd) != 0 || !ok) {
    fprintf(stderr, "rotaplan serve: %s: cannot write\n", users_file);
    goto done;
  }
  printf("added %s to %s\n", name, users_file);
  rc = 0;
done:
  sodium_memzero(pw, sizeof pw);
  return rc;
}
