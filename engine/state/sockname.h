/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A socket's name as the descriptor table shows it, from its two ends:
 * "10.0.0.1:41234->10.0.0.2:80", "0.0.0.0:80" (nothing on the other end),
 * "unix:/run/x.sock" (the end that has a path). One rule for the ends
 * events carry and for those /proc/net lists.
 */
#ifndef KCAP_SOCKNAME_H
#define KCAP_SOCKNAME_H

#include <stddef.h>
#include <stdint.h>

/* Room for a name: two rendered ends and the arrow. */
#define KCAP_SOCKNAME_MAX (2 * (128 + 16) + 4)

/*
 * The name of a socket whose local and remote ends are these wire sockaddrs
 * (remote may be empty), NUL-terminated in out (KCAP_SOCKNAME_MAX bytes):
 * its length and *kind (enum kcap_fd_kind), or 0 when local is no address.
 */
size_t kcap_sockname(const uint8_t *local, size_t local_len, const uint8_t *remote,
		     size_t remote_len, char *out, size_t outlen, int *kind);

#endif /* KCAP_SOCKNAME_H */
