// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * /proc/net socket tables (proc_net.h). An inet line:
 *   "  0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 12345 ..."
 * addresses in hex as the kernel's 32-bit words in host order, ports in hex;
 * the inode is the tenth field. A unix line:
 *   "0000000000000000: 00000002 00000000 00010000 0001 01 12345 /run/x.sock"
 * the inode is the seventh field, the path (if any) the rest of the line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdbool.h>
#include "kcap.h"
#include "proc_net.h"
#include "sockname.h"
#include "hex.h"

/* The field at *s (after blanks): its start, its length, and *s past it. */
static size_t next_field(const char **s, const char *end, const char **field)
{
	const char *p = *s;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	*field = p;
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	*s = p;
	return (size_t)(p - *field);
}

/* Exactly n hex digits: 0 and *v, or -1. */
static int parse_hex(const char *s, size_t n, uint32_t *v)
{
	uint32_t r = 0;

	if (n == 0 || n > 8)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int d = kcap_hex_digit(s[i]);

		if (d < 0)
			return -1;
		r = r << 4 | (uint32_t)d;
	}
	*v = r;
	return 0;
}

static int parse_dec(const char *s, size_t n, uint64_t *v)
{
	uint64_t r = 0;

	if (n == 0 || n > 19)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		r = r * 10 + (uint64_t)(s[i] - '0');
	}
	*v = r;
	return 0;
}

/* "0100007F:1F90" or a 32-digit IPv6 address and port, as a wire sockaddr in sa. */
static size_t parse_inet_end(const char *f, size_t n, struct sockaddr_storage *sa)
{
	uint32_t port, word;

	memset(sa, 0, sizeof(*sa));
	if (n == 8 + 1 + 4 && f[8] == ':') {
		struct sockaddr_in *in = (struct sockaddr_in *)sa;

		if (parse_hex(f, 8, &word) || parse_hex(f + 9, 4, &port))
			return 0;
		in->sin_family = AF_INET;
		memcpy(&in->sin_addr, &word, 4); /* the word in host order is the address's bytes */
		in->sin_port = htons((uint16_t)port);
		return sizeof(*in);
	}
	if (n == 32 + 1 + 4 && f[32] == ':') {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;

		for (size_t i = 0; i < 4; i++) {
			if (parse_hex(f + 8 * i, 8, &word))
				return 0;
			memcpy((uint8_t *)&in6->sin6_addr + 4 * i, &word, 4);
		}
		if (parse_hex(f + 33, 4, &port))
			return 0;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return sizeof(*in6);
	}
	return 0;
}

static void parse_inet_line(const char *s, const char *end, kcap_socket_fn fn, void *ctx,
			    size_t *named)
{
	struct sockaddr_storage local, remote;
	char name[KCAP_SOCKNAME_MAX];
	const char *f, *lf = NULL, *rf = NULL;
	size_t n, ln = 0, rn = 0, llen, rlen;
	uint64_t ino = 0;
	int kind;

	for (int i = 0; i < 10; i++) {
		n = next_field(&s, end, &f);
		if (!n)
			return;
		if (i == 1) {
			lf = f;
			ln = n;
		} else if (i == 2) {
			rf = f;
			rn = n;
		} else if (i == 9 && parse_dec(f, n, &ino)) {
			return;
		}
	}
	llen = parse_inet_end(lf, ln, &local);
	rlen = parse_inet_end(rf, rn, &remote);
	if (!ino || !llen || !rlen)
		return;
	n = kcap_sockname((const uint8_t *)&local, llen, (const uint8_t *)&remote, rlen, name,
			  sizeof(name), &kind);
	if (n) {
		fn(ctx, ino, kind, name, n);
		(*named)++;
	}
}

/* Calls line() for every line after the header. */
static size_t each_line(const char *text, size_t len, kcap_socket_fn fn, void *ctx,
			void (*line)(const char *, const char *, kcap_socket_fn, void *, size_t *))
{
	const char *p = text, *end = text + len;
	size_t named = 0;
	bool header = true;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		if (!header)
			line(p, eol, fn, ctx, &named);
		header = false;
		p = nl ? nl + 1 : end;
	}
	return named;
}

size_t kcap_proc_net_parse_inet(const char *text, size_t len, kcap_socket_fn fn, void *ctx)
{
	return each_line(text, len, fn, ctx, parse_inet_line);
}

static void parse_unix_line(const char *s, const char *end, kcap_socket_fn fn, void *ctx,
			    size_t *named)
{
	char name[KCAP_SOCKNAME_MAX];
	const char *f;
	size_t n = 0, plen;
	uint64_t ino = 0;

	for (int i = 0; i < 7; i++) {
		n = next_field(&s, end, &f);
		if (!n)
			return;
	}
	if (parse_dec(f, n, &ino) || !ino)
		return;
	if (s < end && *s == ' ')
		s++;
	plen = (size_t)(end - s);
	if (plen > sizeof(name) - sizeof("unix:"))
		plen = sizeof(name) - sizeof("unix:");
	memcpy(name, "unix:", 5);
	memcpy(name + 5, s, plen);
	name[5 + plen] = '\0';
	fn(ctx, ino, KCAP_FD_UNIX, name, 5 + plen);
	(*named)++;
}

size_t kcap_proc_net_parse_unix(const char *text, size_t len, kcap_socket_fn fn, void *ctx)
{
	return each_line(text, len, fn, ctx, parse_unix_line);
}

/* The whole file, up to max bytes, in a malloc'd buffer: its length, or -1. */
static ssize_t read_file(const char *path, size_t max, char **out)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || !buf) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return -1;
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *bigger = cap * 2 <= max ? realloc(buf, cap * 2) : NULL;

			if (!bigger)
				break; /* at the bound: what was read is used */
			buf = bigger;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	*out = buf;
	return (ssize_t)len;
}

size_t kcap_proc_net_load(const char *net_dir, size_t max_bytes, kcap_socket_fn fn, void *ctx)
{
	static const char *const inet[] = { "tcp", "tcp6", "udp", "udp6" };
	char path[256];
	size_t named = 0;
	ssize_t n;
	char *text;

	for (size_t i = 0; i <= sizeof(inet) / sizeof(inet[0]); i++) {
		bool is_unix = i == sizeof(inet) / sizeof(inet[0]);

		snprintf(path, sizeof(path), "%s/%s", net_dir, is_unix ? "unix" : inet[i]);
		n = read_file(path, max_bytes, &text);
		if (n < 0)
			continue;
		named += is_unix ? kcap_proc_net_parse_unix(text, (size_t)n, fn, ctx) :
				   kcap_proc_net_parse_inet(text, (size_t)n, fn, ctx);
		free(text);
	}
	return named;
}
