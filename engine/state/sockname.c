// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Socket names from their two ends (sockname.h). */
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "sockname.h"
#include "kcap.h"
#include "decode/decode.h"

static uint16_t family_of(const uint8_t *sa, size_t len)
{
	uint16_t family = 0;

	if (len >= sizeof(family))
		memcpy(&family, sa, sizeof(family));
	return family;
}

/* An address with nothing in it: 0.0.0.0:0, [::]:0, or no bytes at all. */
static int is_unset(const uint8_t *sa, size_t len)
{
	static const uint8_t zero[16];
	uint16_t family = family_of(sa, len);

	if (family == AF_INET && len >= sizeof(struct sockaddr_in))
		return !memcmp(sa + 2, zero, 6); /* port and address */
	if (family == AF_INET6 && len >= sizeof(struct sockaddr_in6))
		return !memcmp(sa + 2, zero, 2) &&
		       !memcmp(sa + offsetof(struct sockaddr_in6, sin6_addr), zero, 16);
	return len < sizeof(family) || family == AF_UNSPEC;
}

size_t kcap_sockname(const uint8_t *local, size_t local_len, const uint8_t *remote,
		     size_t remote_len, char *out, size_t outlen, int *kind)
{
	char r[KCAP_SOCKADDR_TEXT_MAX];
	uint16_t family = family_of(local, local_len);
	size_t n, rn;

	if (outlen < KCAP_SOCKNAME_MAX || local_len < sizeof(family) || family == AF_UNSPEC)
		return 0;
	n = kcap_sockaddr_render(local, local_len, out, outlen);
	if (!n)
		return 0;
	if (family == AF_UNIX) {
		*kind = KCAP_FD_UNIX;
		/* a client's end has no path, its peer's has: show the one with a path */
		rn = kcap_sockaddr_render(remote, remote_len, r, sizeof(r));
		if (n == strlen("unix:") && rn > n) {
			memcpy(out, r, rn + 1);
			n = rn;
		}
		return n;
	}
	*kind = family == AF_INET  ? KCAP_FD_IPV4 :
		family == AF_INET6 ? KCAP_FD_IPV6 :
				     KCAP_FD_SOCKET;
	if (is_unset(remote, remote_len) || family_of(remote, remote_len) != family)
		return n;
	rn = kcap_sockaddr_render(remote, remote_len, r, sizeof(r));
	if (!rn)
		return n;
	out[n] = '-';
	out[n + 1] = '>';
	memcpy(out + n + 2, r, rn + 1); /* with its NUL */
	return n + 2 + rn;
}
