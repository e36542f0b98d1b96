// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "libbpf_log.h"

#define LOG_KEEP 2048 /* the verifier's conclusion is at the end of its log */

static char log_buf[64 * 1024];
static size_t log_len;
static int log_installed;
static int log_echo;

static int keep_log(enum libbpf_print_level level, const char *fmt, va_list args)
{
	va_list copy;
	int n;

	if (log_echo) {
		va_copy(copy, args);
		/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): it is, by va_copy */
		vfprintf(stderr, fmt, copy);
		va_end(copy);
	}
	if (level == LIBBPF_DEBUG)
		return 0;
	if (log_len > sizeof(log_buf) - 512) {
		/* Keep the newest half. */
		memmove(log_buf, log_buf + log_len / 2, log_len - log_len / 2);
		log_len -= log_len / 2;
	}
	n = vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, args);
	if (n > 0)
		log_len += (size_t)n < sizeof(log_buf) - log_len ? (size_t)n :
								   sizeof(log_buf) - log_len - 1;
	return 0;
}

void kcap_libbpf_log_reset(void)
{
	if (!log_installed) {
		const char *dbg = getenv("KCAP_DEBUG");

		log_echo = dbg && *dbg && strcmp(dbg, "0") != 0;
		libbpf_set_print(keep_log);
		log_installed = 1;
	}
	log_len = 0;
	log_buf[0] = '\0';
}

const char *kcap_libbpf_log_tail(void)
{
	const char *p = log_len > LOG_KEEP ? log_buf + log_len - LOG_KEEP : log_buf;

	return log_len ? p : "(no log; set KCAP_DEBUG=1)";
}
