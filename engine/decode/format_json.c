// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * One JSON object per event:
 *   {"ts":1700000000123456789,"cpu":1,"pid":4242,"tid":4242,"comm":"cat",
 *    "event":"openat","dir":"exit","ret":3,"args":{"dirfd":-100,"name":"/etc/hosts",...}}
 * "ns_pid","ns_tid" follow tid for a reader outside the initial pid namespace
 * when known (the ids there). ret is present for syscall exit events; args holds every other parameter.
 * Unreadable parameters are null; flags are symbolic strings; argv is an array.
 * "truncated":["args",...] names the parameters cut at a bound, when any was;
 * "changed":["name",...] those of an exit that differ from its enter event's.
 * A descriptor the engine named has its name next to it, under its key with
 * "_name" appended: "fd":3,"fd_name":"/etc/hosts"; for a descriptor the
 * syscall returned, "ret_name" follows args.
 */
#include "format.h"

/* ,"<key>_name":"..." after a descriptor the engine named. */
static void put_fd_name(struct sbuf *sb, const struct kcap_event *ev, unsigned int i,
			const char *key)
{
	if (!((ev->fd_mask >> i) & 1))
		return;
	sb_puts(sb, ",\"");
	sb_puts(sb, key);
	sb_puts(sb, "_name\":\"");
	kcap_fmt_escaped(sb, (const uint8_t *)ev->fds[i].name, ev->fds[i].name_len, STYLE_JSON);
	sb_putc(sb, '"');
}

int kcap_format_json(const struct kcap_event *ev, char *buf, size_t len)
{
	const struct kcap_event_info *info = kcap_event_info_of(ev);
	unsigned int first_arg = 0;
	struct kcap_param p;
	struct sbuf sb;
	bool first = true;
	int64_t ret;

	sb_init(&sb, buf, len);
	sb_puts(&sb, "{\"ts\":");
	sb_u64(&sb, ev->ts);
	sb_puts(&sb, ",\"cpu\":");
	sb_u64(&sb, ev->cpu);
	sb_puts(&sb, ",\"pid\":");
	sb_u64(&sb, ev->pid);
	sb_puts(&sb, ",\"tid\":");
	sb_u64(&sb, ev->tid);
	if (ev->ns_tid) {
		sb_puts(&sb, ",\"ns_pid\":");
		sb_u64(&sb, ev->ns_pid);
		sb_puts(&sb, ",\"ns_tid\":");
		sb_u64(&sb, ev->ns_tid);
	}
	sb_puts(&sb, ",\"comm\":\"");
	kcap_fmt_escaped(&sb, (const uint8_t *)ev->comm, strlen(ev->comm), STYLE_JSON);
	sb_puts(&sb, "\",\"event\":\"");
	sb_puts(&sb, kcap_fmt_event_name(ev));
	sb_puts(&sb, "\",\"dir\":\"");
	sb_puts(&sb, kcap_event_dir_of(info));
	sb_putc(&sb, '"');
	if (kcap_event_has_res(info)) {
		first_arg = 1;
		sb_puts(&sb, ",\"ret\":");
		if (kcap_event_ret(ev, &ret) == 0)
			sb_s64(&sb, ret);
		else
			sb_puts(&sb, "null");
	}
	sb_puts(&sb, ",\"args\":{");
	for (unsigned int i = first_arg; i < ev->nparams && i < info->nparams; i++) {
		if (kcap_event_param(ev, i, &p))
			break;
		if (!first)
			sb_putc(&sb, ',');
		first = false;
		sb_putc(&sb, '"');
		sb_puts(&sb, p.name);
		sb_puts(&sb, "\":");
		kcap_fmt_param_value(&sb, ev, &p, info->params[i].table, STYLE_JSON);
		put_fd_name(&sb, ev, i, p.name);
	}
	sb_putc(&sb, '}');
	/* after args: "ret":N,"args":{ stays as it always was */
	if (first_arg)
		put_fd_name(&sb, ev, 0, "ret");
	kcap_fmt_marks(&sb, ev, STYLE_JSON);
	sb_putc(&sb, '}');
	return sb_finish(&sb);
}
