// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "verifier_log.h"

#define MAX_MESSAGES 3 /* lines kept after the failing instruction */
#define INSN_MAX 120
#define MESSAGE_MAX 240
#define SOURCE_MAX 120

struct span {
	const char *p;
	size_t n;
};

static bool starts_with(struct span l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l.n >= n && memcmp(l.p, prefix, n) == 0;
}

/* Digits then ": ", or NULL: the start of what follows the instruction index. */
static const char *after_index(struct span l)
{
	size_t i = 0;

	while (i < l.n && isdigit((unsigned char)l.p[i]))
		i++;
	if (i == 0 || i + 2 > l.n || l.p[i] != ':' || l.p[i + 1] != ' ')
		return NULL;
	return l.p + i + 2;
}

/* "12: (85) call ..." or libbpf's "12: <invalid CO-RE relocation>". */
static bool is_insn(struct span l)
{
	const char *rest = after_index(l);

	return rest && rest < l.p + l.n && (*rest == '(' || *rest == '<');
}

/* "R1=ctx() R10=fp0" or "R0_w=...": a register state. */
static bool is_state(const char *p, const char *end)
{
	const char *q = p + 1;

	if (p >= end || *p != 'R')
		return false;
	while (q < end && isdigit((unsigned char)*q))
		q++;
	return q > p + 1 && q < end && (*q == '=' || *q == '_');
}

/* Register states, precision tracking and statistics: never the reason. */
static bool is_noise(struct span l)
{
	static const char *const prefixes[] = {
		"processed ",  "verification time", "stack depth",  "max_states_per_insn",
		"-- END PROG", "-- BEGIN PROG",	    "from ",	    "mark_precise:",
		"last_idx ",   "parent ",	    "regs=",	    "func#",
		"Func#",       "Validating ",	    "propagating ", "frame",
	};
	const char *rest, *end = l.p + l.n;

	if (l.n == 0 || is_state(l.p, end))
		return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_with(l, prefixes[i]))
			return true;
	/* "12: R0=..." or "12: frame1: R1=...": the state at an instruction */
	rest = after_index(l);
	return rest && (is_state(rest, end) || (end - rest >= 5 && memcmp(rest, "frame", 5) == 0));
}

static struct span trim(struct span l)
{
	while (l.n && isspace((unsigned char)l.p[0])) {
		l.p++;
		l.n--;
	}
	while (l.n && isspace((unsigned char)l.p[l.n - 1]))
		l.n--;
	return l;
}

/* An instruction without the register state newer kernels append ("  ; R0_w=..."). */
static struct span insn_text(struct span l)
{
	for (size_t i = 1; i + 1 < l.n; i++)
		if (l.p[i] == ';' && l.p[i + 1] == ' ' && isspace((unsigned char)l.p[i - 1])) {
			l.n = i;
			return trim(l);
		}
	return l;
}

/* Appends at most max bytes of s to out (length *o, size outlen). */
static void put(char *out, size_t outlen, size_t *o, const char *s, size_t n, size_t max)
{
	if (n > max)
		n = max;
	if (*o + 1 >= outlen)
		return;
	if (n > outlen - 1 - *o)
		n = outlen - 1 - *o;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
}

static void puts_str(char *out, size_t outlen, size_t *o, const char *s)
{
	put(out, outlen, o, s, strlen(s), strlen(s));
}

size_t kcap_verifier_log_reason(const char *log, char *out, size_t outlen)
{
	struct span insn = { NULL, 0 }, source = { NULL, 0 }, insn_source = { NULL, 0 };
	struct span msgs[MAX_MESSAGES], tail[2] = { { NULL, 0 }, { NULL, 0 } };
	size_t nmsgs = 0, o = 0, budget;
	const char *p = log;

	if (!outlen)
		return 0;
	out[0] = '\0';
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		struct span l = trim((struct span){ p, nl ? (size_t)(nl - p) : strlen(p) });

		p = nl ? nl + 1 : NULL;
		if (starts_with(l, "; ")) {
			source = (struct span){ l.p + 2, l.n - 2 };
			continue;
		}
		if (is_insn(l)) {
			insn = insn_text(l);
			insn_source = source;
			nmsgs = 0;
			continue;
		}
		if (is_noise(l))
			continue;
		tail[0] = tail[1];
		tail[1] = l;
		if (insn.p && nmsgs < MAX_MESSAGES)
			msgs[nmsgs++] = l;
	}
	if (insn.p && nmsgs) {
		put(out, outlen, &o, insn.p, insn.n, INSN_MAX);
		puts_str(out, outlen, &o, ": ");
		budget = MESSAGE_MAX;
		for (size_t i = 0; i < nmsgs && budget; i++) {
			size_t n = msgs[i].n < budget ? msgs[i].n : budget;

			if (i)
				puts_str(out, outlen, &o, "; ");
			put(out, outlen, &o, msgs[i].p, n, n);
			budget -= n;
		}
		if (insn_source.p) {
			puts_str(out, outlen, &o, " (source: ");
			put(out, outlen, &o, insn_source.p, insn_source.n, SOURCE_MAX);
			puts_str(out, outlen, &o, ")");
		}
	} else {
		/* no instruction (a load-time check): the last words of the log */
		for (int i = 0; i < 2; i++) {
			if (!tail[i].p)
				continue;
			if (o)
				puts_str(out, outlen, &o, "; ");
			put(out, outlen, &o, tail[i].p, tail[i].n, MESSAGE_MAX);
		}
	}
	return o;
}
