// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * A socket address as kcap shows it, before any escaping: "1.2.3.4:80",
 * "[::1]:80", "unix:/path", "unix:@abstract", or "family=N". The one
 * rendering the formatters and the descriptor table share.
 */
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "decode.h"
#include "sbuf.h"

size_t kcap_sockaddr_render(const uint8_t *data, size_t len, char *out, size_t outlen)
{
	char ip[INET6_ADDRSTRLEN];
	struct sbuf sb;
	uint16_t family;

	if (len < sizeof(family) || outlen < KCAP_SOCKADDR_TEXT_MAX)
		return 0;
	memcpy(&family, data, sizeof(family));
	sb_init(&sb, out, outlen);
	if (family == AF_UNIX) {
		size_t off = offsetof(struct sockaddr_un, sun_path);
		const uint8_t *path = data + off;
		size_t n = len > off ? len - off : 0;
		const uint8_t *nul;

		sb_puts(&sb, "unix:");
		if (n && path[0] == '\0') {
			sb_putc(&sb, '@'); /* abstract: every byte counts */
			sb_putn(&sb, (const char *)path + 1, n - 1);
		} else {
			nul = memchr(path, '\0', n);
			sb_putn(&sb, (const char *)path, nul ? (size_t)(nul - path) : n);
		}
	} else if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;

		memcpy(&in, data, sizeof(in));
		inet_ntop(AF_INET, &in.sin_addr, ip, sizeof(ip));
		sb_puts(&sb, ip);
		sb_putc(&sb, ':');
		sb_u64(&sb, ntohs(in.sin_port));
	} else if (family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;

		memcpy(&in6, data, sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, ip, sizeof(ip));
		sb_putc(&sb, '[');
		sb_puts(&sb, ip);
		sb_puts(&sb, "]:");
		sb_u64(&sb, ntohs(in6.sin6_port));
	} else {
		sb_puts(&sb, "family=");
		sb_u64(&sb, family);
	}
	return sb_finish(&sb) < 0 ? 0 : sb.len;
}
