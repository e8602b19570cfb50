/* SHA-256 of a file, for the audit trail in summary.json (FIPS 180-4). */
#ifndef RP_SHA256_H
#define RP_SHA256_H

/* Writes 64 hex digits and a NUL into hex; returns 0, or -1 if unreadable. */
int rp_sha256_file(const char *path, char hex[65]);

#endif
