// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* An event's thread and process, for the caller: kcap_event_thread(), kcap_format_proc(). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "abi.h"
#include "threads.h"
#include "decode/format.h"

/* a process's formatted text is kept up to this size (a longer one is formatted each time) */
#define FMT_CACHE_MAX 1024

/* A string field, "" when unknown (a cwd a chdir made unknown keeps its old text meanwhile). */
static const char *str_or_empty(const struct kcap_proc *r, const struct kcap_proc_str *f,
				uint32_t bit)
{
	return f->s && (r->have & bit) ? f->s : "";
}

/* The names of up to KCAP_THREAD_ANCESTORS ancestors of r, copied: the tables may move. */
static uint32_t ancestors(struct kcap_threads *t, const struct kcap_proc *r, const char **names)
{
	uint32_t n = 0, ppid = r->have & KCAP_THREAD_PPID ? r->ppid : 0;

	while (ppid && n < KCAP_THREAD_ANCESTORS) {
		const struct kcap_proc *up;

		memcpy(t->ancestors[n], kcap_threads_comm(t, ppid, ppid), sizeof(t->ancestors[n]));
		t->ancestors[n][sizeof(t->ancestors[n]) - 1] = '\0';
		names[n] = t->ancestors[n];
		n++;
		up = kcap_procs_get(&t->procs, ppid);
		ppid = up && (up->have & KCAP_THREAD_PPID) && up->ppid != ppid ? up->ppid : 0;
	}
	return n;
}

/* The process of ev; its ancestors (a walk up the tables) only when with_ancestors. */
static int fill(const struct kcap_event *ev, struct kcap_thread_info *in, bool with_ancestors)
{
	struct kcap_threads *t = ev ? ev->proc_state : NULL;
	const struct kcap_proc *r;

	if (!t)
		return -ENOENT;
	r = kcap_procs_get(&t->procs, ev->pid);
	if (!r)
		return -ENOENT;
	*in = (struct kcap_thread_info){
		.sz = sizeof(*in),
		.known = r->have,
		.pid = ev->pid,
		.tid = ev->tid,
		.ppid = r->ppid,
		.uid = r->uid,
		.gid = r->gid,
		.euid = r->euid,
		.egid = r->egid,
		.loginuid = r->have & KCAP_THREAD_LOGINUID ? r->loginuid : UINT32_MAX,
		.start_time = r->start_time,
		.comm = ev->comm ? ev->comm : "",
		.exe = str_or_empty(r, &r->exe, KCAP_THREAD_EXE),
		.argv = str_or_empty(r, &r->argv, KCAP_THREAD_ARGV),
		.argv_len = r->have & KCAP_THREAD_ARGV ? r->argv.len : 0,
		.cwd = str_or_empty(r, &r->cwd, KCAP_THREAD_CWD),
		.cgroup = str_or_empty(r, &r->cgroup, KCAP_THREAD_CGROUP),
		.container_id = r->container_id,
		.container_runtime = r->runtime ? r->runtime : "",
	};
	if (with_ancestors)
		in->nancestors = ancestors(t, r, in->ancestors);
	return 0;
}

int kcap_event_thread(const struct kcap_event *ev, struct kcap_thread_info *info)
{
	struct kcap_thread_info full;
	int ret;

	if (!info || info->sz < sizeof(info->sz))
		return -EINVAL;
	/* a caller whose struct ends before the ancestors (a filter) does not pay for them */
	ret = fill(ev, &full, info->sz > offsetof(struct kcap_thread_info, nancestors));
	if (ret)
		return ret;
	return kcap_abi_fill(info, &full, sizeof(full));
}

static void put_str(struct sbuf *sb, const char *key, const char *s, bool known, bool json)
{
	if (!known)
		return;
	if (json) {
		sb_putc(sb, '"');
		sb_puts(sb, key);
		sb_puts(sb, "\":\"");
		kcap_fmt_escaped(sb, (const uint8_t *)s, strlen(s), STYLE_JSON);
		sb_puts(sb, "\",");
	} else {
		sb_puts(sb, key);
		sb_putc(sb, '=');
		kcap_fmt_escaped(sb, (const uint8_t *)s, strlen(s), STYLE_TEXT);
		sb_putc(sb, ' ');
	}
}

static void put_u32(struct sbuf *sb, const char *key, uint32_t v, bool known, bool json)
{
	if (!known)
		return;
	if (json)
		sb_putc(sb, '"');
	sb_puts(sb, key);
	sb_puts(sb, json ? "\":" : "=");
	sb_u64(sb, v);
	sb_putc(sb, json ? ',' : ' ');
}

/*
 * JSON: {"exe":"/usr/bin/cat","ppid":4241,"ancestors":["bash","sshd"],...}
 * text: proc=(exe=/usr/bin/cat ppid=4241 ancestors=bash,sshd ...); unknown
 * fields are left out, a host process has no container keys.
 */
static int format(const struct kcap_event *ev, int json, char *buf, size_t len)
{
	struct kcap_thread_info in;
	struct sbuf sb;
	int ret = fill(ev, &in, true);

	if (ret)
		return ret;
	sb_init(&sb, buf, len);
	sb_puts(&sb, json ? "{" : "proc=(");
	put_str(&sb, "exe", in.exe, in.known & KCAP_THREAD_EXE, json);
	put_u32(&sb, "ppid", in.ppid, in.known & KCAP_THREAD_PPID, json);
	sb_puts(&sb, json ? "\"ancestors\":[" : "ancestors=");
	for (uint32_t i = 0; i < in.nancestors; i++) {
		if (i)
			sb_putc(&sb, ',');
		if (json)
			sb_putc(&sb, '"');
		kcap_fmt_escaped(&sb, (const uint8_t *)in.ancestors[i], strlen(in.ancestors[i]),
				 json ? STYLE_JSON : STYLE_TEXT);
		if (json)
			sb_putc(&sb, '"');
	}
	sb_puts(&sb, json ? "]," : " ");
	put_str(&sb, "cwd", in.cwd, in.known & KCAP_THREAD_CWD, json);
	put_u32(&sb, "uid", in.uid, in.known & KCAP_THREAD_IDS, json);
	put_str(&sb, "cgroup", in.cgroup, in.known & KCAP_THREAD_CGROUP, json);
	put_str(&sb, "container_id", in.container_id, in.container_id[0], json);
	put_str(&sb, "container_runtime", in.container_runtime, in.container_id[0], json);
	sb.len--; /* the separator after the last member */
	sb_puts(&sb, json ? "}" : ")");
	if (sb.overflow) {
		if (len)
			buf[0] = '\0';
		return -ENOSPC;
	}
	buf[sb.len] = '\0';
	return (int)sb.len;
}

int kcap_format_proc(const struct kcap_event *ev, int json, char *buf, size_t len)
{
	struct kcap_threads *t = ev ? ev->proc_state : NULL;
	struct kcap_proc *r = t ? kcap_procs_get(&t->procs, ev->pid) : NULL;
	int n;

	if (!r)
		return -ENOENT;
	if (r->fmt && r->fmt_gen == t->procs.gen && r->fmt_json == !!json) {
		if (r->fmt_len >= len)
			return -ENOSPC;
		memcpy(buf, r->fmt, r->fmt_len + 1);
		return (int)r->fmt_len;
	}
	n = format(ev, json, buf, len);
	/* the ancestors' lookups may have changed the tables: the generation after them */
	if (n > 0 && n <= FMT_CACHE_MAX) {
		char *copy = realloc(r->fmt, (size_t)n + 1);

		if (copy) {
			memcpy(copy, buf, (size_t)n + 1);
			r->fmt = copy;
			r->fmt_len = (uint32_t)n;
			r->fmt_json = !!json;
			r->fmt_gen = t->procs.gen;
		}
	}
	return n;
}
