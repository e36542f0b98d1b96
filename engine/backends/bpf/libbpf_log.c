// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "kcap.h"
#include "libbpf_log.h"
#include "verifier_log.h"

#define LOG_KEEP 2048 /* the verifier's conclusion is at the end of its log */
#define REASON_MAX 640 /* a backend's message quotes it whole */

static char log_buf[64 * 1024];
static size_t log_len;
static char reason[REASON_MAX];
/* the application's: where its messages go (kcap_set_log), its libbpf print callback */
static kcap_log_fn app_log;
static void *app_log_ctx;
static libbpf_print_fn_t app_print;
static int depth; /* nested kcap_libbpf_log_enter() */

/* Keeps the newest bytes of the messages: a verifier log can be megabytes long. */
static void append(const char *msg, size_t n)
{
	if (n >= sizeof(log_buf)) {
		msg += n - (sizeof(log_buf) - 1);
		n = sizeof(log_buf) - 1;
	}
	if (log_len + n >= sizeof(log_buf)) {
		size_t drop = log_len + n - (sizeof(log_buf) - 1);

		memmove(log_buf, log_buf + drop, log_len - drop);
		log_len -= drop;
	}
	memcpy(log_buf + log_len, msg, n);
	log_len += n;
	log_buf[log_len] = '\0';
}

/*
 * libbpf prints a rejected program's verifier log in one message:
 * "prog 'NAME': -- BEGIN PROG LOAD LOG --\n<log>-- END PROG LOAD LOG --\n".
 * The first rejection is the one to report (libbpf stops there).
 */
static void note_rejection(const char *msg)
{
	const char *begin = strstr(msg, "-- BEGIN PROG LOAD LOG --\n");
	const char *name = strstr(msg, "prog '");
	char why[REASON_MAX - 128];
	size_t name_len = 0;

	if (!begin || reason[0])
		return;
	if (name && name < begin) {
		name += strlen("prog '");
		name_len = strcspn(name, "'");
	}
	if (!kcap_verifier_log_reason(begin + strlen("-- BEGIN PROG LOAD LOG --\n"), why,
				      sizeof(why)))
		snprintf(why, sizeof(why), "the log is empty");
	snprintf(reason, sizeof(reason), "the verifier rejected program %.*s: %s", (int)name_len,
		 name ? name : "", why);
}

static enum kcap_log_level level_of(enum libbpf_print_level level)
{
	switch (level) {
	case LIBBPF_WARN:
		return KCAP_LOG_WARN;
	case LIBBPF_INFO:
		return KCAP_LOG_INFO;
	default:
		return KCAP_LOG_DEBUG;
	}
}

static int keep_log(enum libbpf_print_level level, const char *fmt, va_list args)
{
	char small[512], *msg = small;
	va_list copy;
	int n;

	if (level == LIBBPF_DEBUG && !app_log)
		return 0;
	va_copy(copy, args);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): it is, by va_copy */
	n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		return 0;
	if ((size_t)n >= sizeof(small)) {
		msg = malloc((size_t)n + 1);
		if (!msg)
			return 0;
		vsnprintf(msg, (size_t)n + 1, fmt, args);
	}
	if (app_log)
		app_log(level_of(level), msg, app_log_ctx);
	if (level != LIBBPF_DEBUG) {
		note_rejection(msg);
		append(msg, (size_t)n);
	}
	if (msg != small)
		free(msg);
	return 0;
}

void kcap_set_log(kcap_log_fn fn, void *ctx)
{
	app_log = fn;
	app_log_ctx = ctx;
}

void kcap_libbpf_log_enter(void)
{
	if (depth++ == 0)
		app_print = libbpf_set_print(keep_log);
}

void kcap_libbpf_log_leave(void)
{
	if (depth > 0 && --depth == 0)
		libbpf_set_print(app_print);
}

void kcap_libbpf_log_reset(void)
{
	log_len = 0;
	log_buf[0] = '\0';
	reason[0] = '\0';
}

const char *kcap_libbpf_log_tail(void)
{
	const char *p = log_len > LOG_KEEP ? log_buf + log_len - LOG_KEEP : log_buf;

	return log_len ?
		       p :
		       "(no log; kcap_set_log() gets libbpf's messages, kcap prints them with KCAP_DEBUG=1)";
}

/* libbpf's closing lines that only repeat that loading failed. */
static bool says_nothing(const char *line, size_t n)
{
	static const char *const generic[] = { "failed to load object",
					       "failed to load BPF skeleton", "failed to load: " };

	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++) {
		const char *hit = strstr(line, generic[i]);

		if (hit && hit < line + n)
			return true;
	}
	return n == 0;
}

const char *kcap_libbpf_load_error(void)
{
	static char last[REASON_MAX];
	const char *lines[2] = { NULL, NULL };
	size_t lens[2] = { 0, 0 };
	const char *p = log_buf;

	if (reason[0])
		return reason;
	/* otherwise libbpf's last two meaningful lines */
	while (*p) {
		size_t n = strcspn(p, "\n");

		if (!says_nothing(p, n)) {
			lines[0] = lines[1];
			lens[0] = lens[1];
			lines[1] = p;
			lens[1] = n;
		}
		p += n + (p[n] == '\n');
	}
	if (!lines[1])
		return "libbpf said nothing (kcap_set_log() gets all it says, kcap prints it with KCAP_DEBUG=1)";
	if (lines[0])
		snprintf(last, sizeof(last), "%.*s; %.*s", (int)(lens[0] < 240 ? lens[0] : 240),
			 lines[0], (int)(lens[1] < 240 ? lens[1] : 240), lines[1]);
	else
		snprintf(last, sizeof(last), "%.*s", (int)(lens[1] < 480 ? lens[1] : 480),
			 lines[1]);
	return last;
}
