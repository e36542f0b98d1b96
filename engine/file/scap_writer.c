// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The .scap export: each kcap event becomes the reference format's event
 * pair (an enter event built from kcap's exit event, which carries every
 * argument, then the exit event) in that era's parameter layouts, or its
 * generic pair; a process list names the threads known at start.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "scap_format.h"
#include "scap_mappings.h"
#include "scap_writer.h"
#include "decode/decode.h"

#define FLUSH_AT (1u << 20)

static const struct {
	const char *name;
	uint16_t code;
} syscall_codes[] = {
#define SCAP_SYSCALL(name, code) { #name, code },
#include "scap_syscalls.def"
#undef SCAP_SYSCALL
};

/* The format's names where they differ from the kernel's. */
static const char *format_name(const char *name)
{
	return name && strcmp(name, "newfstatat") == 0 ? "fstatat64" : name;
}

/* The format's code of each syscall number this machine has, 0 when it has none. */
static void fill_syscall_codes(uint16_t *codes)
{
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++) {
		const char *name = format_name(kcap_syscall_name(nr));

		codes[nr] = 0;
		for (size_t i = 0; name && i < sizeof(syscall_codes) / sizeof(syscall_codes[0]);
		     i++)
			if (strcmp(syscall_codes[i].name, name) == 0) {
				codes[nr] = syscall_codes[i].code;
				break;
			}
	}
}

static int write_out(struct kcap_scap_writer *w)
{
	size_t done = 0;

	while (!w->error && done < w->buf.len) {
		ssize_t n = write(w->fd, w->buf.data + done, w->buf.len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			w->error = n < 0 ? -errno : -ENOSPC;
			snprintf(w->errmsg, sizeof(w->errmsg), "cannot write %s at offset %llu: %s",
				 w->path, (unsigned long long)w->offset + done,
				 strerror(-w->error));
			break;
		}
		done += (size_t)n;
	}
	w->offset += done;
	w->buf.len = 0;
	if (!w->error && w->buf.oom) {
		w->error = -ENOMEM;
		snprintf(w->errmsg, sizeof(w->errmsg), "%s: out of memory", w->path);
	}
	return w->error;
}

/* A block: its type and length, body, padding, the length again. */
static size_t block_begin(struct kcap_bytes *b, uint32_t type)
{
	size_t start = b->len;

	kcap_bytes_u32(b, type);
	kcap_bytes_u32(b, 0);
	return start;
}

static void block_end(struct kcap_bytes *b, size_t start)
{
	static const uint8_t zeros[4];
	uint32_t total;

	kcap_bytes_put(b, zeros, (4 - ((b->len - start) & 3)) & 3);
	total = (uint32_t)(b->len - start + 4);
	kcap_bytes_u32(b, total);
	if (!b->oom)
		memcpy(b->data + start + 4, &total, 4);
}

static void put_u64(struct kcap_bytes *b, uint64_t v)
{
	kcap_bytes_put(b, &v, 8);
}

static void put_str16(struct kcap_bytes *b, const char *s, size_t n)
{
	n = n > 0xffff ? 0xffff : n;
	kcap_bytes_u16(b, (uint16_t)n);
	kcap_bytes_put(b, s, n);
}

/*
 * One process list entry: a thread, with its process's record when the
 * engine has one (proc, or NULL); what kcap does not know is empty or 0.
 */
static void put_thread(struct kcap_bytes *b, const struct kcap_thread *t,
		       const struct kcap_proc *proc)
{
	size_t start = b->len, comm = strnlen(t->comm, sizeof(t->comm));
	uint32_t have = proc ? proc->have : 0, len;
	const char *args = "";
	size_t args_len = 0, first = 0;

	if (have & KCAP_THREAD_ARGV) {
		/* the format's args leave argv[0] out */
		first = strnlen(proc->argv.s, proc->argv.len);
		args = proc->argv.s + (first < proc->argv.len ? first + 1 : first);
		args_len = first < proc->argv.len ? proc->argv.len - first - 1 : 0;
	}
	kcap_bytes_u32(b, 0);
	put_u64(b, t->tid);
	put_u64(b, proc ? proc->pid : t->tid);
	put_u64(b, have & KCAP_THREAD_PPID ? proc->ppid : 0); /* ptid */
	put_u64(b, 0); /* sid */
	put_u64(b, 0); /* vpgid */
	put_str16(b, t->comm, comm);
	if (have & KCAP_THREAD_EXE) {
		put_str16(b, proc->argv.s && first ? proc->argv.s : t->comm,
			  proc->argv.s && first ? first : comm); /* exe: argv[0] */
		put_str16(b, proc->exe.s, proc->exe.len); /* exepath */
	} else {
		put_str16(b, t->comm, comm);
		put_str16(b, "", 0);
	}
	put_str16(b, args, args_len);
	put_str16(b, have & KCAP_THREAD_CWD ? proc->cwd.s : "",
		  have & KCAP_THREAD_CWD ? proc->cwd.len : 0);
	put_u64(b, 0); /* fdlimit */
	kcap_bytes_u32(b, 0); /* flags */
	kcap_bytes_u32(b, have & KCAP_THREAD_IDS ? proc->uid : 0);
	kcap_bytes_u32(b, have & KCAP_THREAD_IDS ? proc->gid : 0);
	for (int i = 0; i < 3; i++) /* vmsize, vmrss, vmswap */
		kcap_bytes_u32(b, 0);
	put_u64(b, 0); /* pfmajor */
	put_u64(b, 0); /* pfminor */
	put_str16(b, "", 0); /* env */
	put_u64(b, t->ns_tid ? t->ns_tid : t->tid); /* vtid */
	put_u64(b, t->ns_pid ? t->ns_pid : t->tid); /* vpid */
	put_str16(b, "", 0); /* cgroups */
	put_str16(b, "", 0); /* root */
	kcap_bytes_u32(b, have & KCAP_THREAD_LOGINUID ? proc->loginuid : (uint32_t)-1);
	kcap_bytes_u8(b, 0); /* exe_writable */
	len = (uint32_t)(b->len - start);
	if (!b->oom)
		memcpy(b->data + start, &len, 4);
}

int kcap_scap_open(struct kcap_scap_writer *w, int fd, const char *path,
		   const struct kcap_threads *threads)
{
	size_t start;

	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->path = path;
	fill_syscall_codes(w->syscall_codes);
	start = block_begin(&w->buf, SCAP_BLOCK_SECTION);
	kcap_bytes_u32(&w->buf, SCAP_SECTION_MAGIC);
	kcap_bytes_u16(&w->buf, SCAP_SECTION_MAJOR);
	kcap_bytes_u16(&w->buf, SCAP_SECTION_MINOR);
	put_u64(&w->buf, UINT64_MAX);
	block_end(&w->buf, start);
	start = block_begin(&w->buf, SCAP_BLOCK_PROCESS_LIST);
	for (uint32_t i = 0; threads->slots && i <= threads->mask; i++)
		if (threads->slots[i].tid)
			put_thread(&w->buf, &threads->slots[i],
				   kcap_procs_find(&threads->procs, threads->slots[i].tid));
	block_end(&w->buf, start);
	return write_out(w);
}

static uint32_t open_flags(uint32_t f)
{
	static const struct {
		uint32_t native, scap;
	} bits[] = {
		{ 0100, SCAP_O_CREAT },	       { 02000, SCAP_O_APPEND },
		{ 010000, SCAP_O_DSYNC },      { 0200, SCAP_O_EXCL },
		{ 04000, SCAP_O_NONBLOCK },    { 04010000, SCAP_O_SYNC },
		{ 01000, SCAP_O_TRUNC },       { 040000, SCAP_O_DIRECT },
		{ 0200000, SCAP_O_DIRECTORY }, { 0100000, SCAP_O_LARGEFILE },
		{ 02000000, SCAP_O_CLOEXEC },  { 020200000, SCAP_O_TMPFILE },
	};
	static const uint32_t accmode[4] = { SCAP_O_RDONLY, SCAP_O_WRONLY, SCAP_O_RDWR, 0 };
	uint32_t out = accmode[f & 3];

	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if ((f & bits[i].native) == bits[i].native)
			out |= bits[i].scap;
	return out;
}

static int64_t int_param(const struct kcap_event *ev, const char *name)
{
	struct kcap_param p;
	int64_t v = 0;

	if (!name || kcap_event_param_by_name(ev, name, &p) || p.faulted || kcap_param_int(&p, &v))
		return 0;
	return v;
}

/* A raw struct sockaddr's family, address and port, for the format's layouts. */
struct endpoint {
	uint16_t family; /* 0: none readable */
	const uint8_t *addr; /* 4 or 16 bytes; for AF_UNIX the path */
	size_t addr_len;
	uint16_t port; /* host order */
};

static struct endpoint endpoint_of(const struct kcap_event *ev, const char *name)
{
	struct endpoint e = { 0 };
	struct kcap_param p;
	uint16_t port;

	if (!name || kcap_event_param_by_name(ev, name, &p) || p.faulted || p.len < 2)
		return e;
	memcpy(&e.family, p.data, 2);
	if (e.family == AF_INET && p.len >= 8) {
		e.addr = p.data + 4;
		e.addr_len = 4;
	} else if (e.family == AF_INET6 && p.len >= 24) {
		e.addr = p.data + 8;
		e.addr_len = 16;
	} else if (e.family == AF_UNIX) {
		e.addr = p.data + 2;
		e.addr_len = strnlen((const char *)p.data + 2, p.len - 2);
		return e;
	} else {
		e.family = 0;
		return e;
	}
	memcpy(&port, p.data + 2, 2);
	e.port = ntohs(port);
	return e;
}

static void put_endpoint(struct kcap_bytes *vals, const struct endpoint *e)
{
	if (e->family == AF_UNIX) {
		kcap_bytes_put(vals, e->addr, e->addr_len);
		kcap_bytes_u8(vals, 0);
		return;
	}
	kcap_bytes_put(vals, e->addr, e->addr_len);
	kcap_bytes_u16(vals, e->port);
}

/* The tuple from a to b; nothing when either end is unknown or the families differ. */
static void put_tuple(struct kcap_bytes *vals, const struct endpoint *a, const struct endpoint *b)
{
	if (!a->family || a->family != b->family)
		return;
	kcap_bytes_u8(vals, (uint8_t)a->family);
	if (a->family == AF_UNIX) {
		put_u64(vals, 0); /* the kernel's socket pointers: kcap has none */
		put_u64(vals, 0);
		put_endpoint(vals, b->addr_len ? b : a);
		return;
	}
	put_endpoint(vals, a);
	put_endpoint(vals, b);
}

/* The syscall an event is of: a generic event names it, the others are tied to one. */
static int64_t syscall_nr(const struct kcap_event *ev)
{
	return ev->type == KCAP_EV_GENERIC_X ? int_param(ev, "id") :
					       kcap_event_info_of(ev)->syscall_nr;
}

/* A struct pollfd array as the format's fd list: the events asked, or those returned. */
static void put_fdlist(struct kcap_bytes *vals, const struct kcap_param *p, int returned)
{
	const struct translation *t = kcap_scap_translation(S_POLL_EVENTS);
	size_t count_at = vals->len;
	uint16_t count = 0;

	kcap_bytes_u16(vals, 0);
	for (uint32_t off = 0; off + 8 <= p->len && count < 0xffff; off += 8) {
		int32_t fd;
		int16_t events[2];
		int64_t fd64;

		memcpy(&fd, p->data + off, 4);
		memcpy(events, p->data + off + 4, 4);
		if (returned && !events[1])
			continue;
		fd64 = fd;
		put_u64(vals, (uint64_t)fd64);
		kcap_bytes_u16(vals, (uint16_t)kcap_scap_translate(t, (uint16_t)events[returned]));
		count++;
	}
	if (!vals->oom)
		memcpy(vals->data + count_at, &count, 2);
}

/* A struct timespec as nanoseconds, -1 when kcap has none (ppoll's NULL: forever). */
static int64_t timespec_ns(const struct kcap_param *p)
{
	int64_t ts[2];

	if (p->len < sizeof(ts))
		return -1;
	memcpy(ts, p->data, sizeof(ts));
	return (int64_t)((uint64_t)ts[0] * 1000000000u + (uint64_t)ts[1]);
}

/* A socket option at SOL_SOCKET in the format's numbering, 0 elsewhere or unknown. */
static uint8_t sockopt_name(const struct kcap_event *ev, const char *name)
{
	int64_t opt = int_param(ev, name);

	if (int_param(ev, "level") != SOL_SOCKET)
		return 0;
	if (opt > 0 && opt <= SCAP_SOCKOPT_SO_LAST_NATIVE)
		return (uint8_t)opt;
	return (uint8_t)kcap_scap_translate(kcap_scap_translation(S_SOCKOPT_NAME), (uint64_t)opt);
}

/* bpf's result: a new map's or program's descriptor, else the return value. */
static void put_bpf_res(struct kcap_bytes *vals, const struct kcap_event *ev)
{
	int64_t res = int_param(ev, "res"), cmd = int_param(ev, "cmd");

	kcap_bytes_u8(vals, res >= 0 && (cmd == 0 || cmd == 5) ? /* BPF_MAP_CREATE, BPF_PROG_LOAD */
				    SCAP_BPF_IDX_FD :
				    SCAP_BPF_IDX_RES);
	put_u64(vals, (uint64_t)res);
}

/* Appends one value to vals and its length to lens. */
static void put_param(const struct kcap_scap_writer *w, struct kcap_bytes *lens,
		      struct kcap_bytes *vals, const struct param *pp, const struct kcap_event *ev)
{
	size_t start = vals->len;
	struct kcap_param p = { 0 };
	const struct translation *t;
	const char *s;
	size_t n;
	int64_t v;

	if (pp->name && (kcap_event_param_by_name(ev, pp->name, &p) || p.faulted))
		p.len = 0;
	switch (pp->src) {
	case S_I64:
	case S_TID:
	case S_PID:
	case S_ZERO8:
		v = pp->src == S_TID   ? ev->tid :
		    pp->src == S_PID   ? ev->pid :
		    pp->src == S_ZERO8 ? 0 :
					 int_param(ev, pp->name);
		kcap_bytes_put(vals, &v, 8);
		break;
	case S_U32:
	case S_ZERO4:
	case S_MINUS1_4:
		v = pp->src == S_U32 ? int_param(ev, pp->name) : pp->src == S_ZERO4 ? 0 : -1;
		kcap_bytes_u32(vals, (uint32_t)v);
		break;
	case S_OPEN_FLAGS:
		kcap_bytes_u32(vals, open_flags((uint32_t)int_param(ev, pp->name)));
		break;
	case S_U16:
		kcap_bytes_u16(vals, (uint16_t)int_param(ev, pp->name));
		break;
	case S_U8:
		kcap_bytes_u8(vals, (uint8_t)int_param(ev, pp->name));
		break;
	case S_DATA_LEN:
		kcap_bytes_u32(vals, p.len);
		break;
	case S_MODE:
		kcap_bytes_u32(vals, (uint32_t)int_param(ev, pp->name) & 07777);
		break;
	case S_MOUNT_FLAGS:
		v = int_param(ev, pp->name);
		if ((v & 0xffff0000) == 0xc0ed0000) /* MS_MGC_VAL, of old callers */
			v &= 0xffff;
		kcap_bytes_u32(vals, (uint32_t)v);
		break;
	case S_TIMESPEC_NS:
		v = timespec_ns(&p);
		put_u64(vals, (uint64_t)v);
		break;
	case S_SIGSET:
		v = 0;
		if (p.len)
			memcpy(&v, p.data, p.len < 4 ? p.len : 4);
		kcap_bytes_u32(vals, (uint32_t)v);
		break;
	case S_FDLIST_EVENTS:
	case S_FDLIST_REVENTS:
		put_fdlist(vals, &p, pp->src == S_FDLIST_REVENTS);
		break;
	case S_DYN_U64:
		kcap_bytes_u8(vals, SCAP_PTRACE_IDX_UINT64);
		put_u64(vals, (uint64_t)int_param(ev, pp->name));
		break;
	case S_BPF_RES:
		put_bpf_res(vals, ev);
		break;
	case S_SOCKOPT_NAME:
		kcap_bytes_u8(vals, sockopt_name(ev, pp->name));
		break;
	case S_SOCKOPT_VAL:
		kcap_bytes_u8(vals, SCAP_SOCKOPT_IDX_UNKNOWN);
		kcap_bytes_put(vals, p.data, p.len);
		break;
	case S_EXIT_STATUS:
		v = (int_param(ev, pp->name) >> 8) & 0xff;
		kcap_bytes_put(vals, &v, 8);
		break;
	case S_NATIVE_NR:
		kcap_bytes_u16(vals, (uint16_t)syscall_nr(ev));
		break;
	case S_SYSCALL_CODE:
		v = syscall_nr(ev);
		kcap_bytes_u16(vals, v >= 0 && v < KCAP_MAX_SYSCALLS ? w->syscall_codes[v] : 0);
		break;
	case S_STR:
		n = p.len && p.data[p.len - 1] == '\0' ? p.len - 1 : p.len;
		kcap_bytes_put(vals, p.data, n);
		kcap_bytes_u8(vals, 0);
		break;
	case S_BYTES:
		kcap_bytes_put(vals, p.data, p.len);
		break;
	case S_ARGV0:
	case S_ARGV_REST:
		s = (const char *)p.data;
		n = p.len ? strnlen(s, p.len) : 0;
		if (pp->src == S_ARGV0) {
			kcap_bytes_put(vals, s, n);
			kcap_bytes_u8(vals, 0);
		} else if (n < p.len) {
			kcap_bytes_put(vals, s + n + 1, p.len - n - 1);
		}
		break;
	case S_EMPTY_STR:
		kcap_bytes_u8(vals, 0);
		break;
	case S_SOCKADDR: {
		struct endpoint e = endpoint_of(ev, pp->name);

		if (e.family) {
			kcap_bytes_u8(vals, (uint8_t)e.family);
			put_endpoint(vals, &e);
		}
		break;
	}
	case S_TUPLE_OUT:
	case S_TUPLE_IN: {
		struct endpoint local = endpoint_of(ev, "local"), remote = endpoint_of(ev, "addr");

		/* the address the call names (sendto's, accept's peer), else the socket's peer */
		if (!remote.family)
			remote = endpoint_of(ev, "remote");
		if (pp->src == S_TUPLE_OUT)
			put_tuple(vals, &local, &remote);
		else
			put_tuple(vals, &remote, &local);
		break;
	}
	case S_EMPTY:
	case S_END:
		break;
	default: /* a native value through its table */
		t = kcap_scap_translation(pp->src);
		v = t ? kcap_scap_translate(t, (uint64_t)int_param(ev, pp->name)) : 0;
		kcap_bytes_put(vals, &v, t ? t->width : 0);
		break;
	}
	kcap_bytes_u16(lens, (uint16_t)(vals->len - start));
}

/* One event of the format: the event block with its header and parameters. */
static void put_event(struct kcap_scap_writer *w, const struct kcap_event *ev, uint16_t type,
		      const struct param *params)
{
	struct kcap_bytes *lens = &w->lens, *vals = &w->vals;
	uint32_t nparams = 0, len;
	size_t start;

	lens->len = vals->len = 0;
	for (; nparams < MAX_SCAP_PARAMS && params[nparams].src != S_END; nparams++)
		put_param(w, lens, vals, &params[nparams], ev);
	if (lens->oom || vals->oom) {
		w->buf.oom = true;
		return;
	}
	len = SCAP_EVENT_HEADER_SIZE + (uint32_t)lens->len + (uint32_t)vals->len;
	start = block_begin(&w->buf, SCAP_BLOCK_EVENT);
	kcap_bytes_u16(&w->buf, (uint16_t)ev->cpu);
	put_u64(&w->buf, ev->ts);
	put_u64(&w->buf, ev->tid);
	kcap_bytes_u32(&w->buf, len);
	kcap_bytes_u16(&w->buf, type);
	kcap_bytes_u32(&w->buf, nparams);
	kcap_bytes_put(&w->buf, lens->data, lens->len);
	kcap_bytes_put(&w->buf, vals->data, vals->len);
	block_end(&w->buf, start);
}

int kcap_scap_write(struct kcap_scap_writer *w, const struct kcap_event *ev)
{
	const struct kcap_event_info *info = kcap_event_info_of(ev);
	const struct mapping *m;

	if (w->error)
		return w->error;
	/* exit events carry every argument: the enter events are built from them */
	if (info->hook == KCAP_HOOK_SYS_ENTER)
		return 0;
	m = kcap_scap_mapping_of(ev->type);
	if (m == &kcap_scap_generic && (info->hook != KCAP_HOOK_SYS_EXIT || syscall_nr(ev) < 0))
		return 0; /* io_uring submissions, 32-bit calls: no counterpart */
	put_event(w, ev, m->type, m->enter);
	if (!m->enter_only)
		put_event(w, ev, (uint16_t)(m->type + 1), m->exit);
	w->events++;
	return w->buf.len >= FLUSH_AT ? write_out(w) : 0;
}

int kcap_scap_flush(struct kcap_scap_writer *w)
{
	return w->buf.len ? write_out(w) : w->error;
}

void kcap_scap_free(struct kcap_scap_writer *w)
{
	kcap_bytes_free(&w->buf);
	kcap_bytes_free(&w->lens);
	kcap_bytes_free(&w->vals);
}
