// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * One readable line per event, like strace and sysdig:
 *   14:02:11.123456789 1 cat (4242:4242) < openat res=3 dirfd=AT_FDCWD name=/etc/hosts ...
 * '>' marks an enter event, '<' an exit event; a descriptor the engine named
 * shows its name after the number (fd=3(/etc/hosts)); "(4242:4242 ns=3:3)" adds the
 * ids in the reader's pid namespace when it is not the initial one. Last fields truncated=a,b name
 * the parameters cut at a bound, changed=a,b those of an exit that differ from
 * its enter event's, when any.
 */
#include <time.h>
#include "format.h"

/* Local wall-clock "HH:MM:SS", recomputed only when the second changes. */
static void put_time(struct sbuf *sb, uint64_t ts)
{
	static __thread time_t cached_sec = -1;
	static __thread char cached[9];
	time_t sec = (time_t)(ts / 1000000000ull);

	if (sec != cached_sec) {
		struct tm tm;
		struct sbuf c;

		localtime_r(&sec, &tm);
		sb_init(&c, cached, sizeof(cached));
		sb_u64_pad(&c, (uint64_t)tm.tm_hour, 2);
		sb_putc(&c, ':');
		sb_u64_pad(&c, (uint64_t)tm.tm_min, 2);
		sb_putc(&c, ':');
		sb_u64_pad(&c, (uint64_t)tm.tm_sec, 2);
		cached_sec = sec;
	}
	sb_putn(sb, cached, 8);
	sb_putc(sb, '.');
	sb_u64_pad(sb, ts % 1000000000ull, 9);
}

int kcap_format_text(const struct kcap_event *ev, char *buf, size_t len)
{
	const struct kcap_event_info *info = kcap_event_info_of(ev);
	struct sbuf sb;

	sb_init(&sb, buf, len);
	put_time(&sb, ev->ts);
	sb_putc(&sb, ' ');
	sb_u64(&sb, ev->cpu);
	sb_putc(&sb, ' ');
	kcap_fmt_escaped(&sb, (const uint8_t *)ev->comm, strlen(ev->comm), STYLE_TEXT);
	sb_puts(&sb, " (");
	sb_u64(&sb, ev->pid);
	sb_putc(&sb, ':');
	sb_u64(&sb, ev->tid);
	if (ev->ns_tid) {
		sb_puts(&sb, " ns=");
		sb_u64(&sb, ev->ns_pid);
		sb_putc(&sb, ':');
		sb_u64(&sb, ev->ns_tid);
	}
	sb_puts(&sb, info->hook == KCAP_HOOK_SYS_ENTER ? ") > " : ") < ");
	sb_puts(&sb, kcap_fmt_event_name(ev));
	for (unsigned int i = 0; i < ev->nparams && i < info->nparams; i++) {
		struct kcap_param p;

		if (kcap_event_param(ev, i, &p))
			break;
		if (ev->type == KCAP_EV_GENERIC_X && i == 1)
			continue; /* the syscall id is already the event name */
		sb_putc(&sb, ' ');
		sb_puts(&sb, p.name);
		sb_putc(&sb, '=');
		kcap_fmt_param_value(&sb, ev, &p, info->params[i].table, STYLE_TEXT);
		if ((ev->fd_mask >> i) & 1) {
			sb_putc(&sb, '(');
			kcap_fmt_escaped(&sb, (const uint8_t *)ev->fds[i].name, ev->fds[i].name_len,
					 STYLE_TEXT);
			sb_putc(&sb, ')');
		}
	}
	kcap_fmt_marks(&sb, ev, STYLE_TEXT);
	return sb_finish(&sb);
}
