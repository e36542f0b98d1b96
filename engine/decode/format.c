// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Parameter values, table-driven: the parameter's format decides. Hostile
 * bytes are safe in both styles: JSON output is always valid JSON (invalid
 * UTF-8 bytes become the six characters \\xHH), text output never carries
 * control characters, spaces or characters that reorder a line.
 */
#define _GNU_SOURCE
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "format.h"

#define AT_FDCWD_VALUE (-100)

static const char hexdigits[] = "0123456789abcdef";

/* Length of a valid UTF-8 sequence at s (at most n bytes) and its code point, or 0. */
static size_t utf8_len(const uint8_t *s, size_t n, uint32_t *codepoint)
{
	size_t need;
	uint32_t cp;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	need = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (n < need)
		return 0;
	cp = s[0] & (0x7f >> need);
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*codepoint = cp;
	return need;
}

/*
 * Code points that would let a name rewrite the line around it in a terminal
 * or a log viewer: C1 controls, bidirectional overrides and isolates, line and
 * paragraph separators. Text output shows their bytes escaped.
 */
static bool reorders_text(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void put_hex_escape(struct sbuf *sb, uint8_t c, enum fmt_style style)
{
	char e[6] = { '\\', '\\', 'x', hexdigits[c >> 4], hexdigits[c & 15] };

	/* JSON: a literal backslash then xHH; text: \xHH. */
	if (style == STYLE_JSON)
		sb_putn(sb, e, 5);
	else
		sb_putn(sb, e + 1, 4);
}

/*
 * JSON: a valid string body. Text: one field that cannot be taken for more:
 * no space (fields are space-separated), no control or reordering character.
 */
void kcap_fmt_escaped(struct sbuf *sb, const uint8_t *s, size_t n, enum fmt_style style)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = s[i];
		uint32_t cp;
		size_t u;

		if (c > 0x20 && c < 0x7f && c != '"' && c != '\\') {
			run++;
			continue;
		}
		if (c == ' ' && style == STYLE_JSON) {
			run++;
			continue;
		}
		sb_putn(sb, (const char *)s + i - run, run);
		run = 0;
		switch (c) {
		case '"':
			sb_putn(sb, "\\\"", 2);
			continue;
		case '\\':
			sb_putn(sb, "\\\\", 2);
			continue;
		case '\n':
			sb_putn(sb, "\\n", 2);
			continue;
		case '\t':
			sb_putn(sb, "\\t", 2);
			continue;
		case '\r':
			sb_putn(sb, "\\r", 2);
			continue;
		}
		if (c <= 0x20 || c == 0x7f) {
			if (style == STYLE_JSON) {
				char e[6] = {
					'\\', 'u', '0', '0', hexdigits[c >> 4], hexdigits[c & 15]
				};
				sb_putn(sb, e, 6);
			} else {
				put_hex_escape(sb, c, style);
			}
			continue;
		}
		u = utf8_len(s + i, n - i, &cp);
		if (u && (style == STYLE_JSON || !reorders_text(cp))) {
			sb_putn(sb, (const char *)s + i, u);
			i += u - 1;
		} else if (u) {
			for (size_t k = 0; k < u; k++)
				put_hex_escape(sb, s[i + k], style);
			i += u - 1;
		} else {
			put_hex_escape(sb, c, style);
		}
	}
	sb_putn(sb, (const char *)s + n - run, run);
}

static void put_string(struct sbuf *sb, const uint8_t *s, size_t n, enum fmt_style style)
{
	if (style == STYLE_JSON)
		sb_putc(sb, '"');
	kcap_fmt_escaped(sb, s, n, style);
	if (style == STYLE_JSON)
		sb_putc(sb, '"');
}

static void put_name(struct sbuf *sb, const char *name, enum fmt_style style)
{
	put_string(sb, (const uint8_t *)name, strlen(name), style);
}

/* A NUL-terminated string parameter: up to the first NUL within its length. */
static size_t str_len(const struct kcap_param *p)
{
	const uint8_t *nul = memchr(p->data, '\0', p->len);

	return nul ? (size_t)(nul - p->data) : p->len;
}

static const char *symbol_name(const struct kcap_symbol *syms, uint64_t v)
{
	for (; syms && syms->name; syms++)
		if (syms->value == v)
			return syms->name;
	return NULL;
}

static void put_signal(struct sbuf *sb, uint64_t sig)
{
	const char *abbrev = sig > 0 && sig < 65 ? sigabbrev_np((int)sig) : NULL;

	if (abbrev) {
		sb_puts(sb, "SIG");
		sb_puts(sb, abbrev);
	} else {
		sb_u64(sb, sig);
	}
}

/* A signal as a value: a JSON string, or bare in text. */
static void put_signal_value(struct sbuf *sb, uint64_t sig, enum fmt_style style)
{
	if (style == STYLE_JSON)
		sb_putc(sb, '"');
	put_signal(sb, sig);
	if (style == STYLE_JSON)
		sb_putc(sb, '"');
}

/* FLAGS: enumerated field (if any), then each known bit, then unknown bits in hex. */
static void put_flags(struct sbuf *sb, const struct kcap_symbol_set *set, uint64_t v)
{
	uint64_t rest = v & ~set->enum_mask;
	bool any = false;

	if (set->enum_mask) {
		uint64_t e = v & set->enum_mask;
		const char *name = symbol_name(set->enum_part, e);

		if (set->enum_is_signal) {
			if (e) {
				put_signal(sb, e);
				any = true;
			}
		} else if (name) {
			sb_puts(sb, name);
			any = true;
		} else {
			sb_hex(sb, e);
			any = true;
		}
	}
	for (int list = 0; list < 2; list++) {
		for (const struct kcap_symbol *b = list ? set->extra_bits : set->bits; b && b->name;
		     b++) {
			if (!(rest & b->value))
				continue;
			if (any)
				sb_putc(sb, '|');
			sb_puts(sb, b->name);
			rest &= ~b->value;
			any = true;
		}
	}
	if (rest) {
		if (any)
			sb_putc(sb, '|');
		sb_hex(sb, rest);
		any = true;
	}
	if (!any)
		sb_puts(sb, set->zero ? set->zero : "0");
}

/* A file mode: its type by name, then the permission bits in octal ("S_IFCHR|0600"). */
static void put_mode(struct sbuf *sb, uint64_t mode)
{
	static const struct kcap_symbol types[] = {
		{ 0140000, "S_IFSOCK" }, { 0120000, "S_IFLNK" },
		{ 0100000, "S_IFREG" },	 { 0060000, "S_IFBLK" },
		{ 0040000, "S_IFDIR" },	 { 0020000, "S_IFCHR" },
		{ 0010000, "S_IFIFO" },	 { 0, NULL },
	};
	uint64_t type = mode & 0170000;
	const char *name = symbol_name(types, type);

	if (name) {
		sb_puts(sb, name);
		sb_putc(sb, '|');
	} else if (type) {
		sb_oct(sb, type);
		sb_putc(sb, '|');
	}
	sb_oct(sb, mode & ~(uint64_t)0170000);
}

/* A syscall result: -errno values are named in text (res=-2(ENOENT)). */
static void put_errno(struct sbuf *sb, const struct kcap_param *p, int64_t v, enum fmt_style style)
{
	bool is_res = strcmp(p->name, "res") == 0;
	const char *name = is_res && v < 0 && v >= -4095 ? strerrorname_np((int)-v) : NULL;

	sb_s64(sb, v);
	if (name && style == STYLE_TEXT) {
		sb_putc(sb, '(');
		sb_puts(sb, name);
		sb_putc(sb, ')');
	}
}

/* FLAGS of a symbol table as a value of its own: a JSON string, or text. */
static void put_flags_value(struct sbuf *sb, enum kcap_symbol_table table, uint64_t v,
			    enum fmt_style style)
{
	if (style == STYLE_JSON)
		sb_putc(sb, '"');
	put_flags(sb, kcap_symbol_set(table), v);
	if (style == STYLE_JSON)
		sb_putc(sb, '"');
}

/*
 * fcntl's argument means what the event's cmd says: a descriptor or a number
 * (F_DUPFD, F_SETOWN...), FD_CLOEXEC (F_SETFD), file status flags (F_SETFL), a
 * signal (F_SETSIG); otherwise a pointer or nothing, in hex.
 */
static void put_fcntl_arg(struct sbuf *sb, const struct kcap_event *ev, uint64_t u,
			  enum fmt_style style)
{
	struct kcap_param c;
	int64_t cmd = -1;

	if (ev && kcap_event_param_by_name(ev, "cmd", &c) == 0 && !c.faulted &&
	    kcap_param_int(&c, &cmd))
		cmd = -1;
	switch (cmd) {
	case 2: /* F_SETFD */
		put_flags_value(sb, KCAP_ST_FD_CLOEXEC, u, style);
		return;
	case 4: /* F_SETFL */
		put_flags_value(sb, KCAP_ST_OPEN_FLAGS, u, style);
		return;
	case 10: /* F_SETSIG */
		put_signal_value(sb, u, style);
		return;
	case 0: /* F_DUPFD */
	case 8: /* F_SETOWN: a pid, or a process group when negative */
	case 1024: /* F_SETLEASE */
	case 1026: /* F_NOTIFY */
	case 1030: /* F_DUPFD_CLOEXEC */
	case 1031: /* F_SETPIPE_SZ */
	case 1033: /* F_ADD_SEALS */
		sb_s64(sb, (int32_t)u);
		return;
	default:
		if (style == STYLE_JSON)
			sb_u64(sb, u);
		else
			sb_hex(sb, u);
		return;
	}
}

/* The option names of the event's level: SO_ for SOL_SOCKET, TCP_ for SOL_TCP... */
static enum kcap_symbol_table sockopt_table(const struct kcap_event *ev)
{
	struct kcap_param l;
	int64_t level;

	if (!ev || kcap_event_param_by_name(ev, "level", &l) || l.faulted ||
	    kcap_param_int(&l, &level))
		return KCAP_ST_NONE;
	switch (level) {
	case 0:
		return KCAP_ST_SOL_IP_OPT;
	case 1:
		return KCAP_ST_SOL_SOCKET_OPT;
	case 6:
		return KCAP_ST_SOL_TCP_OPT;
	case 41:
		return KCAP_ST_SOL_IPV6_OPT;
	default:
		return KCAP_ST_NONE;
	}
}

/* One name of an ENUM table, or the number. */
static void put_enum(struct sbuf *sb, const struct kcap_symbol_set *set, uint64_t u,
		     enum fmt_style style)
{
	const char *name = set ? symbol_name(set->enum_part, u) : NULL;

	if (name)
		put_name(sb, name, style);
	else
		sb_u64(sb, u);
}

/* The event's integer parameter called name, or -1 when it has none or it was unreadable. */
static int64_t event_int(const struct kcap_event *ev, const char *name)
{
	struct kcap_param p;
	int64_t v;

	if (!ev || kcap_event_param_by_name(ev, name, &p) || p.faulted || kcap_param_int(&p, &v))
		return -1;
	return v;
}

/*
 * prctl's arg2 and arg3 mean what the event's option says: a signal
 * (PR_SET_PDEATHSIG), PR_SET_DUMPABLE's value, a seccomp mode (its filter is
 * arg3, a pointer), a capability (PR_CAPBSET_READ, PR_CAPBSET_DROP),
 * PR_CAP_AMBIENT's operation and the capability it acts on, a number (the
 * flags PR_SET_NO_NEW_PRIVS, PR_SET_KEEPCAPS... set); otherwise hex.
 */
static void put_prctl_arg(struct sbuf *sb, const struct kcap_event *ev, const struct kcap_param *p,
			  uint64_t u, enum fmt_style style)
{
	bool arg2 = strcmp(p->name, "arg2") == 0;
	enum kcap_symbol_table table = KCAP_ST_NONE;
	int64_t op;

	switch (event_int(ev, "option")) {
	case 1: /* PR_SET_PDEATHSIG */
		if (arg2) {
			put_signal_value(sb, u, style);
			return;
		}
		break;
	case 4: /* PR_SET_DUMPABLE */
		table = arg2 ? KCAP_ST_SUID_DUMP : KCAP_ST_NONE;
		break;
	case 22: /* PR_SET_SECCOMP */
		table = arg2 ? KCAP_ST_SECCOMP_MODE : KCAP_ST_NONE;
		break;
	case 23: /* PR_CAPBSET_READ */
	case 24: /* PR_CAPBSET_DROP */
		table = arg2 ? KCAP_ST_CAP_NUMBER : KCAP_ST_NONE;
		break;
	case 47: /* PR_CAP_AMBIENT: arg3 is a capability for IS_SET, RAISE and LOWER */
		op = event_int(ev, "arg2");
		if (arg2)
			table = KCAP_ST_PR_CAP_AMBIENT_OP;
		else if (op >= 1 && op <= 3)
			table = KCAP_ST_CAP_NUMBER;
		break;
	case 8: /* PR_SET_KEEPCAPS */
	case 29: /* PR_SET_TIMERSLACK */
	case 36: /* PR_SET_CHILD_SUBREAPER */
	case 38: /* PR_SET_NO_NEW_PRIVS */
	case 41: /* PR_SET_THP_DISABLE */
		if (arg2) {
			sb_u64(sb, u);
			return;
		}
		break;
	default:
		break;
	}
	if (table != KCAP_ST_NONE)
		put_enum(sb, kcap_symbol_set(table), u, style);
	else if (style == STYLE_JSON)
		sb_u64(sb, u);
	else
		sb_hex(sb, u);
}

static void put_int(struct sbuf *sb, const struct kcap_event *ev, const struct kcap_param *p,
		    int64_t v, enum kcap_symbol_table table, enum fmt_style style)
{
	const struct kcap_symbol_set *set = kcap_symbol_set(table);
	uint64_t u = p->type == KCAP_PT_U32 ? (uint32_t)v : (uint64_t)v;
	const char *name;

	switch (p->fmt) {
	case KCAP_PF_HEX:
		if (style == STYLE_JSON)
			sb_u64(sb, u);
		else
			sb_hex(sb, u);
		return;
	case KCAP_PF_OCT:
		if (style == STYLE_JSON)
			sb_u64(sb, u);
		else
			sb_oct(sb, u);
		return;
	case KCAP_PF_DEV:
		if (style == STYLE_JSON) {
			sb_u64(sb, u);
		} else {
			sb_u64(sb, (u >> 8) & 0xfff);
			sb_putc(sb, ':');
			sb_u64(sb, (u & 0xff) | ((u >> 12) & 0xfff00));
		}
		return;
	case KCAP_PF_FD:
		if (v == AT_FDCWD_VALUE && style == STYLE_TEXT)
			sb_puts(sb, "AT_FDCWD");
		else
			put_errno(sb, p, v, style);
		return;
	case KCAP_PF_ERRNO:
	case KCAP_PF_PID:
		put_errno(sb, p, v, style);
		return;
	case KCAP_PF_ADDR:
		if (v < 0 && v >= -4095)
			put_errno(sb, p, v, style);
		else if (style == STYLE_JSON)
			sb_u64(sb, u);
		else
			sb_hex(sb, u);
		return;
	case KCAP_PF_FLAGS:
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
		if (set)
			put_flags(sb, set, u);
		else
			sb_hex(sb, u);
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
		return;
	case KCAP_PF_ENUM:
		put_enum(sb, set, u, style);
		return;
	case KCAP_PF_SIGNAL:
		put_signal_value(sb, u, style);
		return;
	case KCAP_PF_MODE:
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
		put_mode(sb, u);
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
		return;
	case KCAP_PF_FCNTL_ARG:
		put_fcntl_arg(sb, ev, u, style);
		return;
	case KCAP_PF_SOCKOPT_NAME:
		put_enum(sb, kcap_symbol_set(sockopt_table(ev)), u, style);
		return;
	case KCAP_PF_PRCTL_ARG:
		put_prctl_arg(sb, ev, p, u, style);
		return;
	case KCAP_PF_IOCTL:
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
		sb_hex(sb, u);
		name = set ? symbol_name(set->enum_part, u) : NULL;
		if (name) {
			sb_putc(sb, '(');
			sb_puts(sb, name);
			sb_putc(sb, ')');
		}
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
		return;
	case KCAP_PF_SYSCALL:
	case KCAP_PF_SYSCALL_IA32:
		name = p->fmt == KCAP_PF_SYSCALL ? kcap_syscall_name((int)u) :
						   kcap_syscall_name_ia32((int)u);
		if (name && style == STYLE_TEXT)
			sb_puts(sb, name);
		else
			sb_u64(sb, u);
		return;
	default:
		if (p->type == KCAP_PT_U64 || p->type == KCAP_PT_U32)
			sb_u64(sb, u);
		else
			sb_s64(sb, v);
		return;
	}
}

/* "1.2.3.4:80", "[::1]:80", "unix:/path", "unix:@abstract", or "family=N". */
static void put_sockaddr(struct sbuf *sb, const struct kcap_param *p, enum fmt_style style)
{
	char text[KCAP_SOCKADDR_TEXT_MAX];
	size_t n = kcap_sockaddr_render(p->data, p->len, text, sizeof(text));

	if (!n) {
		if (style == STYLE_JSON)
			sb_puts(sb, "null");
		else
			sb_puts(sb, "NULL");
		return;
	}
	put_string(sb, (const uint8_t *)text, n, style);
}

/* argv: NUL-separated strings; a JSON array, or space-separated text. */
static void put_argv(struct sbuf *sb, const struct kcap_param *p, enum fmt_style style)
{
	size_t i = 0;
	bool first = true;

	if (style == STYLE_JSON)
		sb_putc(sb, '[');
	while (i < p->len) {
		const uint8_t *s = p->data + i;
		const uint8_t *nul = memchr(s, '\0', p->len - i);
		size_t n = nul ? (size_t)(nul - s) : p->len - i;

		if (!first)
			sb_putc(sb, style == STYLE_JSON ? ',' : ' ');
		put_string(sb, s, n, style);
		first = false;
		i += n + 1;
	}
	if (style == STYLE_JSON)
		sb_putc(sb, ']');
}

/* The key of a member of a structure: "key": in JSON, key= in text; a comma before all but the first. */
static void put_member(struct sbuf *sb, const char *key, bool first, enum fmt_style style)
{
	if (!first)
		sb_putc(sb, ',');
	if (style == STYLE_JSON) {
		sb_putc(sb, '"');
		sb_puts(sb, key);
		sb_puts(sb, "\":");
	} else {
		sb_puts(sb, key);
		sb_putc(sb, '=');
	}
}

/*
 * struct pollfd entries (8 bytes each): [{fd=3,events=POLLIN,revents=POLLIN}].
 * Bytes after the last whole entry (none come from a backend) are left out.
 */
static void put_pollfds(struct sbuf *sb, const struct kcap_param *p, enum fmt_style style)
{
	sb_putc(sb, '[');
	for (size_t i = 0; i + 8 <= p->len; i += 8) {
		int32_t fd;
		uint16_t events, revents;

		memcpy(&fd, p->data + i, sizeof(fd));
		memcpy(&events, p->data + i + 4, sizeof(events));
		memcpy(&revents, p->data + i + 6, sizeof(revents));
		if (i)
			sb_putc(sb, ',');
		sb_putc(sb, '{');
		put_member(sb, "fd", true, style);
		sb_s64(sb, fd);
		put_member(sb, "events", false, style);
		put_flags_value(sb, KCAP_ST_POLL_EVENTS, events, style);
		put_member(sb, "revents", false, style);
		put_flags_value(sb, KCAP_ST_POLL_EVENTS, revents, style);
		sb_putc(sb, '}');
	}
	sb_putc(sb, ']');
}

/*
 * An fd_set as the list of its descriptors, [3,4]: the bits below the event's
 * nfds (all the bytes hold when it has none), bit fd of byte fd / 8.
 */
static void put_fdset(struct sbuf *sb, const struct kcap_event *ev, const struct kcap_param *p)
{
	uint64_t bits = (uint64_t)p->len * 8;
	struct kcap_param c;
	int64_t nfds;
	bool first = true;

	if (ev && kcap_event_param_by_name(ev, "nfds", &c) == 0 && !c.faulted &&
	    kcap_param_int(&c, &nfds) == 0 && nfds >= 0 && (uint64_t)nfds < bits)
		bits = (uint64_t)nfds;
	sb_putc(sb, '[');
	for (uint64_t fd = 0; fd < bits; fd++) {
		if (!((p->data[fd / 8] >> (fd % 8)) & 1))
			continue;
		if (!first)
			sb_putc(sb, ',');
		first = false;
		sb_u64(sb, fd);
	}
	sb_putc(sb, ']');
}

/*
 * Pairs of 64-bit members (a timespec, a timeval, a struct utimbuf):
 * {tv_sec=1,tv_nsec=0}, an array of them when there are more; a length that
 * is no whole number of them is bad.
 */
static void put_time_pairs(struct sbuf *sb, const struct kcap_param *p, const char *first,
			   const char *second, enum fmt_style style)
{
	size_t n = p->len / 16;

	if (n == 0 || p->len % 16) {
		sb_puts(sb, style == STYLE_JSON ? "null" : "<bad>");
		return;
	}
	if (n > 1)
		sb_putc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		int64_t a, b;

		memcpy(&a, p->data + 16 * i, sizeof(a));
		memcpy(&b, p->data + 16 * i + 8, sizeof(b));
		if (i)
			sb_putc(sb, ',');
		sb_putc(sb, '{');
		put_member(sb, first, true, style);
		sb_s64(sb, a);
		put_member(sb, second, false, style);
		sb_s64(sb, b);
		sb_putc(sb, '}');
	}
	if (n > 1)
		sb_putc(sb, ']');
}

/* A sigset_t as its signals, [SIGUSR1,SIGTERM]: bit i is signal i + 1. */
static void put_sigset(struct sbuf *sb, const struct kcap_param *p, enum fmt_style style)
{
	bool first = true;

	sb_putc(sb, '[');
	for (uint64_t bit = 0; bit < (uint64_t)p->len * 8; bit++) {
		if (!((p->data[bit / 8] >> (bit % 8)) & 1))
			continue;
		if (!first)
			sb_putc(sb, ',');
		first = false;
		put_signal_value(sb, bit + 1, style);
	}
	sb_putc(sb, ']');
}

/*
 * The user arrays and structures: no bytes at all is a NULL pointer. Only the
 * first KCAP_MAX_ARRAY bytes, the most a backend stores, are decoded.
 */
static bool put_user_struct(struct sbuf *sb, const struct kcap_event *ev,
			    const struct kcap_param *param, enum fmt_style style)
{
	struct kcap_param bounded = *param;
	const struct kcap_param *p = &bounded;

	if (bounded.len > KCAP_MAX_ARRAY)
		bounded.len = KCAP_MAX_ARRAY;
	switch (p->fmt) {
	case KCAP_PF_POLLFDS:
	case KCAP_PF_FDSET:
	case KCAP_PF_TIMESPEC:
	case KCAP_PF_TIMEVAL:
	case KCAP_PF_UTIMBUF:
	case KCAP_PF_SIGSET:
		break;
	default:
		return false;
	}
	if (p->len == 0) {
		sb_puts(sb, style == STYLE_JSON ? "null" : "NULL");
		return true;
	}
	switch (p->fmt) {
	case KCAP_PF_POLLFDS:
		put_pollfds(sb, p, style);
		break;
	case KCAP_PF_FDSET:
		put_fdset(sb, ev, p);
		break;
	case KCAP_PF_TIMESPEC:
		put_time_pairs(sb, p, "tv_sec", "tv_nsec", style);
		break;
	case KCAP_PF_TIMEVAL:
		put_time_pairs(sb, p, "tv_sec", "tv_usec", style);
		break;
	case KCAP_PF_UTIMBUF:
		put_time_pairs(sb, p, "actime", "modtime", style);
		break;
	default:
		put_sigset(sb, p, style);
		break;
	}
	return true;
}

void kcap_fmt_param_value(struct sbuf *sb, const struct kcap_event *ev, const struct kcap_param *p,
			  enum kcap_symbol_table table, enum fmt_style style)
{
	int64_t v;

	if (p->faulted) {
		sb_puts(sb, style == STYLE_JSON ? "null" : "<fault>");
		return;
	}
	switch (p->type) {
	case KCAP_PT_S64:
	case KCAP_PT_U64:
	case KCAP_PT_S32:
	case KCAP_PT_U32:
		if (kcap_param_int(p, &v) == 0)
			put_int(sb, ev, p, v, table, style);
		else
			sb_puts(sb, style == STYLE_JSON ? "null" : "<bad>");
		return;
	case KCAP_PT_STR:
	case KCAP_PT_PATH:
		/* a string has at least its NUL: no bytes at all is a NULL pointer */
		if (p->len == 0)
			sb_puts(sb, style == STYLE_JSON ? "null" : "NULL");
		else
			put_string(sb, p->data, str_len(p), style);
		return;
	case KCAP_PT_BYTES:
		if (put_user_struct(sb, ev, p, style))
			return;
		if (p->fmt == KCAP_PF_SOCKOPT_VALUE && p->len == 4) {
			int32_t i;

			memcpy(&i, p->data, sizeof(i));
			sb_s64(sb, i);
		} else {
			put_string(sb, p->data, p->len, style);
		}
		return;
	case KCAP_PT_SOCKADDR:
		put_sockaddr(sb, p, style);
		return;
	case KCAP_PT_STRLIST:
		put_argv(sb, p, style);
		return;
	default:
		sb_puts(sb, style == STYLE_JSON ? "null" : "<bad>");
		return;
	}
}

/* ,"key":["a",...] or  key=a,b: the names of the parameters in mask; nothing for none. */
static void fmt_param_list(struct sbuf *sb, const struct kcap_event *ev, uint32_t mask,
			   const char *key, enum fmt_style style)
{
	const struct kcap_event_info *info = kcap_event_info_of(ev);
	bool first = true;

	if (!mask)
		return;
	sb_puts(sb, style == STYLE_JSON ? ",\"" : " ");
	sb_puts(sb, key);
	sb_puts(sb, style == STYLE_JSON ? "\":[" : "=");
	for (unsigned int i = 0; i < ev->nparams && i < info->nparams; i++) {
		if (!((mask >> i) & 1))
			continue;
		if (!first)
			sb_putc(sb, ',');
		first = false;
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
		sb_puts(sb, info->params[i].name);
		if (style == STYLE_JSON)
			sb_putc(sb, '"');
	}
	if (style == STYLE_JSON)
		sb_putc(sb, ']');
}

void kcap_fmt_marks(struct sbuf *sb, const struct kcap_event *ev, enum fmt_style style)
{
	fmt_param_list(sb, ev, ((const struct kcap_evt_hdr *)ev->raw)->truncated, "truncated",
		       style);
	fmt_param_list(sb, ev, ev->changed, "changed", style);
}

const char *kcap_fmt_event_name(const struct kcap_event *ev)
{
	struct kcap_param p;
	int64_t id;
	const char *name;

	if (ev->type != KCAP_EV_GENERIC_X)
		return kcap_event_name(ev);
	if (kcap_event_param(ev, 1, &p) || kcap_param_int(&p, &id))
		return "syscall";
	name = kcap_syscall_name((int)id);
	return name ? name : "syscall";
}
