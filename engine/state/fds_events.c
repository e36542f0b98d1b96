// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * What each event does to the descriptor tables: the open family, socket,
 * accept, pipe, socketpair and the anonymous-inode calls create
 * descriptors; dup, dup2, dup3 and fcntl F_DUPFD copy one; connect and bind
 * name a socket; close and close_range close; exec closes those marked
 * close-on-exec; a new process gets a copy of its parent's table, or shares
 * it (CLONE_FILES); the end of a process frees its table.
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <stdio.h>
#include <stddef.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "kcap.h"
#include "fds_internal.h"
#include "sockname.h"
#include "decode/decode.h"
#include "pidns.h"

/* The flag every *_CLOEXEC of x86_64 (O_, SOCK_, EFD_, TFD_, IN_, EPOLL_, SFD_) is. */
#define ANY_CLOEXEC 02000000u
#define CLOSE_RANGE_UNSHARE_FLAG (1u << 1)
#define CLOSE_RANGE_CLOEXEC_FLAG (1u << 2)
/* clone's flags (linux/sched.h) */
#define CLONE_FILES_FLAG 0x400u
#define CLONE_PARENT_FLAG 0x8000u
#define CLONE_THREAD_FLAG 0x10000u
#define FCNTL_DUPFD 0
#define FCNTL_SETFD 2
#define FCNTL_DUPFD_CLOEXEC 1030

/* An integer parameter by name; def when absent or unreadable. */
static int64_t int_param(const struct kcap_event *ev, const char *name, int64_t def)
{
	struct kcap_param p;
	int64_t v;

	if (kcap_event_param_by_name(ev, name, &p) || p.faulted || kcap_param_int(&p, &v))
		return def;
	return v;
}

/* A string or bytes parameter by name: its bytes up to a NUL, or NULL. */
static const uint8_t *bytes_param(const struct kcap_event *ev, const char *name, size_t *len)
{
	struct kcap_param p;
	const uint8_t *nul;

	if (kcap_event_param_by_name(ev, name, &p) || p.faulted)
		return NULL;
	*len = p.len;
	if (p.type == KCAP_PT_STR || p.type == KCAP_PT_PATH) {
		nul = memchr(p.data, '\0', p.len);
		if (nul)
			*len = (size_t)(nul - p.data);
	}
	return p.data;
}

static int cloexec_of(uint64_t flags)
{
	return flags & ANY_CLOEXEC ? KCAP_CLOEXEC_YES : KCAP_CLOEXEC_NO;
}

static void set_name(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts, int kind,
		     const char *name, int cloexec)
{
	kcap_fds_entry_set(f, t, fd, ts, kind, name, strlen(name), cloexec);
}

/* The open family: the file the kernel opened, or the name asked for. */
static void opened(struct kcap_fds *f, struct kcap_fd_table *t, const struct kcap_event *ev,
		   int64_t res)
{
	size_t len = 0;
	const uint8_t *name = bytes_param(ev, "file", &len);

	if (!name || !len)
		name = bytes_param(ev, "name", &len);
	if (!name)
		len = 0;
	kcap_fds_entry_set(f, t, res, ev->ts, KCAP_FD_FILE, (const char *)name, len,
			   ev->type == KCAP_EV_CREAT_X ?
				   KCAP_CLOEXEC_NO :
				   cloexec_of((uint64_t)int_param(ev, "flags", 0)));
}

/* A socket with no address yet: "socket:AF_INET", its kind by family. */
static void new_socket(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts,
		       int64_t domain, int cloexec)
{
	const struct kcap_symbol *s = kcap_symbol_set(KCAP_ST_SOCKET_FAMILY)->enum_part;
	char name[64] = "socket:";
	int kind = domain == 2	? KCAP_FD_IPV4 :
		   domain == 10 ? KCAP_FD_IPV6 :
		   domain == 1	? KCAP_FD_UNIX :
				  KCAP_FD_SOCKET;

	for (; s && s->name; s++)
		if (s->value == (uint64_t)domain)
			break;
	if (kind == KCAP_FD_UNIX)
		strcpy(name, "unix:");
	else if (s && s->name)
		strncat(name, s->name, sizeof(name) - strlen(name) - 1);
	else
		strcpy(name, "socket:?");
	set_name(f, t, fd, ts, kind, name, cloexec);
}

/* A socket named by the ends the event carries (local, remote), when it has them. */
static void socket_ends(struct kcap_fds *f, struct kcap_fd_table *t, const struct kcap_event *ev,
			int64_t fd, bool is_new, int cloexec)
{
	struct kcap_fd_entry *e;
	size_t llen = 0, rlen = 0, n;
	const uint8_t *local = bytes_param(ev, "local", &llen);
	const uint8_t *remote = bytes_param(ev, "remote", &rlen);
	char name[KCAP_SOCKNAME_MAX];
	int kind = KCAP_FD_SOCKET;

	if (!local)
		llen = 0;
	if (!remote)
		rlen = 0;
	n = kcap_sockname(local, llen, remote, rlen, name, sizeof(name), &kind);
	if (!n)
		return;
	if (!is_new) {
		e = kcap_idmap_find(&t->fds, (uint64_t)fd);
		cloexec = e && e->state == KCAP_FDS_OPEN ? e->cloexec : KCAP_CLOEXEC_UNKNOWN;
	}
	if (kcap_fds_entry_set(f, t, fd, ev->ts, kind, name, n, cloexec)) {
		e = kcap_idmap_find(&t->fds, (uint64_t)fd);
		if (e)
			e->has_ends = 1;
	}
}

/*
 * sendto, recvfrom, sendmsg, recvmsg carry the socket's ends too: they name a
 * socket the table knows without them (or not at all), not one it knows.
 */
static void socket_ends_if_unnamed(struct kcap_fds *f, struct kcap_fd_table *t,
				   const struct kcap_event *ev, int64_t fd)
{
	const struct kcap_fd_entry *e = kcap_idmap_find(&t->fds, (uint64_t)fd);

	if (!e || e->state != KCAP_FDS_OPEN || !e->has_ends)
		socket_ends(f, t, ev, fd, false, 0);
}

/* newfd now refers to what oldfd does; unknown when oldfd is. */
static void dup_fd(struct kcap_fds *f, struct kcap_fd_table *t, int64_t oldfd, int64_t newfd,
		   uint64_t ts, int cloexec)
{
	const struct kcap_fd_entry *src = kcap_idmap_find(&t->fds, (uint64_t)oldfd);
	struct kcap_fd_entry *e;
	uint8_t has_ends;
	uint32_t len;
	char *name;
	int kind;

	if (newfd < 0 || oldfd == newfd)
		return;
	if (!src || src->state != KCAP_FDS_OPEN) {
		kcap_fds_entry_forget(f, t, newfd, ts);
		return;
	}
	/* copied first: adding newfd may move src */
	name = strndup(src->name, src->name_len);
	if (!name)
		return;
	kind = src->kind;
	len = src->name_len;
	has_ends = src->has_ends;
	if (kcap_fds_entry_set(f, t, newfd, ts, kind, name, len, cloexec)) {
		e = kcap_idmap_find(&t->fds, (uint64_t)newfd);
		if (e)
			e->has_ends = has_ends;
	}
	free(name);
}

/* An inet address with port 0: the kernel picks the port, which the address does not say. */
static bool any_port(const uint8_t *sa, size_t len)
{
	uint16_t family, port;

	if (len < sizeof(struct sockaddr_in))
		return false;
	memcpy(&family, sa, sizeof(family));
	memcpy(&port, sa + offsetof(struct sockaddr_in, sin_port), sizeof(port));
	return (family == AF_INET || family == AF_INET6) && port == 0;
}

/*
 * bind: the address asked for names the socket's local end, unless it lets
 * the kernel pick the port (the first accept names it then).
 */
static void bound(struct kcap_fds *f, struct kcap_fd_table *t, const struct kcap_event *ev,
		  int64_t fd)
{
	const struct kcap_fd_entry *e = kcap_idmap_find(&t->fds, (uint64_t)fd);
	int cloexec = e && e->state == KCAP_FDS_OPEN ? e->cloexec : KCAP_CLOEXEC_UNKNOWN;
	char name[KCAP_SOCKNAME_MAX];
	struct kcap_param a;
	int kind;
	size_t n;

	if (kcap_event_param_by_name(ev, "addr", &a) || a.faulted || any_port(a.data, a.len))
		return;
	n = kcap_sockname(a.data, a.len, NULL, 0, name, sizeof(name), &kind);
	if (n)
		kcap_fds_entry_set(f, t, fd, ev->ts, kind, name, n, cloexec);
}

/*
 * accept: the listening socket's address is the new connection's local end;
 * it names a listener the table knows without it (bound to port 0, or not
 * at all).
 */
static void listener_named(struct kcap_fds *f, struct kcap_fd_table *t, const struct kcap_event *ev,
			   int64_t fd)
{
	struct kcap_fd_entry *e = kcap_idmap_find(&t->fds, (uint64_t)fd);
	int cloexec = e && e->state == KCAP_FDS_OPEN ? e->cloexec : KCAP_CLOEXEC_UNKNOWN;
	char name[KCAP_SOCKNAME_MAX];
	size_t len = 0, n;
	const uint8_t *local = bytes_param(ev, "local", &len);
	int kind;

	if (!local || (e && e->state == KCAP_FDS_OPEN && e->has_ends))
		return;
	n = kcap_sockname(local, len, NULL, 0, name, sizeof(name), &kind);
	if (!n || !kcap_fds_entry_set(f, t, fd, ev->ts, kind, name, n, cloexec))
		return;
	e = kcap_idmap_find(&t->fds, (uint64_t)fd);
	if (e)
		e->has_ends = 1;
}

static void close_range_fds(struct kcap_fds *f, struct kcap_fd_proc *p, const struct kcap_event *ev)
{
	uint64_t first = (uint64_t)int_param(ev, "first", 0) & 0xffffffffu;
	uint64_t last = (uint64_t)int_param(ev, "last", 0) & 0xffffffffu;
	uint64_t flags = (uint64_t)int_param(ev, "flags", 0);
	struct kcap_fd_table *t = p->table;
	struct kcap_fd_entry *e;
	uint32_t pos = 0;
	uint64_t fd;

	if (flags & CLOSE_RANGE_UNSHARE_FLAG)
		t = kcap_fds_unshare(f, p);
	/* entries change in place only: no insertion or removal while iterating */
	while ((e = kcap_idmap_next(&t->fds, &pos, &fd))) {
		if (fd < first || fd > last || e->state != KCAP_FDS_OPEN || e->ts > ev->ts)
			continue;
		if (flags & CLOSE_RANGE_CLOEXEC_FLAG) {
			e->cloexec = KCAP_CLOEXEC_YES;
			continue;
		}
		free(e->name);
		e->name = NULL;
		e->name_len = 0;
		e->state = KCAP_FDS_CLOSED;
		e->ts = ev->ts;
	}
}

/*
 * exec: the table is the process's own, and close-on-exec descriptors are
 * gone. Those learned from /proc, whose flag is unknown, are kept: most are
 * inherited stdio, and a descriptor exec did close comes back only through
 * a syscall that names it anew.
 */
static void exec_closes(struct kcap_fds *f, struct kcap_fd_proc *p, uint64_t ts)
{
	struct kcap_fd_table *t = kcap_fds_unshare(f, p);
	struct kcap_fd_entry *e;
	uint32_t pos = 0;
	uint64_t fd;

	while ((e = kcap_idmap_next(&t->fds, &pos, &fd))) {
		if (e->state != KCAP_FDS_OPEN || e->cloexec != KCAP_CLOEXEC_YES || e->ts > ts)
			continue;
		free(e->name);
		e->name = NULL;
		e->name_len = 0;
		e->state = KCAP_FDS_CLOSED;
		e->ts = ts;
	}
}

/*
 * Whether p is the entry the other side of this creation made: both sides
 * of a clone make it (whichever comes first), within a second of each other.
 */
static bool made_by_this_creation(const struct kcap_fd_proc *p, uint64_t ts)
{
	return p && p->born_ts &&
	       (ts > p->born_ts ? ts - p->born_ts : p->born_ts - ts) < KCAP_FDS_REMEMBER_NS;
}

/*
 * A new process's table from clone, clone3, fork or vfork: a copy of its
 * parent's, or the parent's itself with CLONE_FILES. The parent's side of
 * the event (res: the child) is the moment of the copy: the parent's later
 * events come after it. The child's side (res 0) comes first at times, and
 * is all there is when the parent's res is a pid of another namespace; it
 * copies from ppid, unless CLONE_PARENT made that the caller's parent: the
 * table then starts empty and heals by lookups.
 */
static void new_process(struct kcap_fds *f, const struct kcap_event *ev, int64_t res)
{
	uint64_t flags = (uint64_t)int_param(ev, "flags", 0);
	struct kcap_fd_proc *parent, *child;
	struct kcap_fd_table *table = NULL;
	uint32_t child_pid, parent_pid;

	if (flags & CLONE_THREAD_FLAG)
		return;
	if (res > 0) {
		/* a global pid only for a caller of the initial pid namespace */
		if ((uint64_t)int_param(ev, "pidns", 0) != KCAP_PIDNS_INIT_INO || res > INT32_MAX)
			return;
		child_pid = (uint32_t)res;
		parent_pid = ev->pid;
	} else {
		int64_t ppid = int_param(ev, "ppid", 0);

		child_pid = ev->pid;
		parent_pid = ppid > 0 && ppid <= INT32_MAX && !(flags & CLONE_PARENT_FLAG) ?
				     (uint32_t)ppid :
				     0;
	}
	if (made_by_this_creation(kcap_fds_proc_find(f, child_pid), ev->ts))
		return;
	parent = kcap_fds_proc_find(f, parent_pid);
	if (parent && (flags & CLONE_FILES_FLAG)) {
		table = parent->table;
		table->refs++;
	} else if (parent) {
		table = kcap_fds_table_copy(f, parent->table);
		if (!table)
			return;
	}
	child = kcap_fds_proc_add(f, child_pid, table);
	if (child)
		child->born_ts = ev->ts;
}

/*
 * The events that change descriptor tables, and which of their results do: one
 * lookup before any decoding. PROCESS: creation, exec, exit and close_range,
 * which act on whole tables; the others change the event's process's table.
 */
enum fd_rule {
	FD_RULE_NONE,
	FD_RULE_PROCESS,
	FD_RULE_RES_NONNEG, /* a new descriptor, or a count: res >= 0 */
	FD_RULE_RES_ZERO, /* res == 0 */
	FD_RULE_CONNECT, /* res 0, or EINPROGRESS: the socket's ends are set */
	FD_RULE_ALWAYS, /* close: even a failed one (EINTR) released the descriptor */
	/* res >= 0: names a socket left unnamed, not needed to keep the table right */
	FD_RULE_SOCKET_NAME,
};

static const uint8_t fd_rules[KCAP_EV__COUNT] = {
	[KCAP_EV_CLONE_X] = FD_RULE_PROCESS,
	[KCAP_EV_CLONE3_X] = FD_RULE_PROCESS,
	[KCAP_EV_FORK_X] = FD_RULE_PROCESS,
	[KCAP_EV_VFORK_X] = FD_RULE_PROCESS,
	[KCAP_EV_PROCEXIT] = FD_RULE_PROCESS,
	[KCAP_EV_EXECVE_X] = FD_RULE_PROCESS,
	[KCAP_EV_EXECVEAT_X] = FD_RULE_PROCESS,
	[KCAP_EV_CLOSE_RANGE_X] = FD_RULE_PROCESS,
	[KCAP_EV_OPEN_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_OPENAT_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_OPENAT2_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_CREAT_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_SOCKET_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_ACCEPT_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_ACCEPT4_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_EVENTFD_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_EVENTFD2_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_SIGNALFD_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_SIGNALFD4_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_TIMERFD_CREATE_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_INOTIFY_INIT_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_INOTIFY_INIT1_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_EPOLL_CREATE_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_EPOLL_CREATE1_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_DUP_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_DUP2_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_DUP3_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_FCNTL_X] = FD_RULE_RES_NONNEG,
	[KCAP_EV_SENDTO_X] = FD_RULE_SOCKET_NAME,
	[KCAP_EV_RECVFROM_X] = FD_RULE_SOCKET_NAME,
	[KCAP_EV_SENDMSG_X] = FD_RULE_SOCKET_NAME,
	[KCAP_EV_RECVMSG_X] = FD_RULE_SOCKET_NAME,
	[KCAP_EV_CONNECT_X] = FD_RULE_CONNECT,
	[KCAP_EV_BIND_X] = FD_RULE_RES_ZERO,
	[KCAP_EV_PIPE_X] = FD_RULE_RES_ZERO,
	[KCAP_EV_PIPE2_X] = FD_RULE_RES_ZERO,
	[KCAP_EV_SOCKETPAIR_X] = FD_RULE_RES_ZERO,
	[KCAP_EV_CLOSE_X] = FD_RULE_ALWAYS,
};

static bool result_changes(enum fd_rule rule, int64_t res)
{
	switch (rule) {
	case FD_RULE_RES_NONNEG:
	case FD_RULE_SOCKET_NAME:
		return res >= 0;
	case FD_RULE_RES_ZERO:
		return res == 0;
	case FD_RULE_CONNECT:
		return res == 0 || res == -EINPROGRESS;
	case FD_RULE_ALWAYS:
		return true;
	default:
		return false;
	}
}

bool kcap_fds_needs_event(int type)
{
	return type >= 0 && type < KCAP_EV__COUNT && fd_rules[type] != FD_RULE_NONE &&
	       fd_rules[type] != FD_RULE_SOCKET_NAME;
}

void kcap_fds_update(struct kcap_fds *f, const struct kcap_event *ev)
{
	struct kcap_fd_table *t;
	struct kcap_fd_proc *p;
	int64_t res = -1, fd;
	char name[64];

	enum fd_rule rule = ev->type < KCAP_EV__COUNT ? fd_rules[ev->type] : FD_RULE_NONE;

	if (rule == FD_RULE_NONE)
		return;
	if (kcap_event_ret(ev, &res))
		res = -1;
	switch (ev->type) {
	case KCAP_EV_CLONE_X:
	case KCAP_EV_CLONE3_X:
	case KCAP_EV_FORK_X:
	case KCAP_EV_VFORK_X:
		if (res >= 0)
			new_process(f, ev, res);
		return;
	case KCAP_EV_PROCEXIT:
		if (ev->tid == ev->pid)
			kcap_fds_proc_remove(f, ev->pid);
		return;
	case KCAP_EV_EXECVE_X:
	case KCAP_EV_EXECVEAT_X:
		p = res == 0 ? kcap_fds_proc_find(f, ev->pid) : NULL;
		if (p)
			exec_closes(f, p, ev->ts);
		return;
	case KCAP_EV_CLOSE_RANGE_X:
		p = res == 0 && kcap_fds_table_of(f, ev->pid) ? kcap_fds_proc_find(f, ev->pid) :
								NULL;
		if (p)
			close_range_fds(f, p, ev);
		return;
	default:
		break;
	}
	/* the rest change the table of the event's process */
	if (!result_changes(rule, res))
		return;
	t = kcap_fds_table_of(f, ev->pid);
	if (!t)
		return;
	fd = int_param(ev, "fd", -1);
	switch (ev->type) {
	case KCAP_EV_OPEN_X:
	case KCAP_EV_OPENAT_X:
	case KCAP_EV_OPENAT2_X:
	case KCAP_EV_CREAT_X:
		opened(f, t, ev, res);
		return;
	case KCAP_EV_SOCKET_X:
		new_socket(f, t, res, ev->ts, int_param(ev, "domain", -1),
			   cloexec_of((uint64_t)int_param(ev, "type", 0)));
		return;
	case KCAP_EV_CONNECT_X:
		socket_ends(f, t, ev, fd, false, 0);
		return;
	case KCAP_EV_BIND_X:
		bound(f, t, ev, fd);
		return;
	case KCAP_EV_ACCEPT_X:
	case KCAP_EV_ACCEPT4_X:
		socket_ends(f, t, ev, res, true,
			    ev->type == KCAP_EV_ACCEPT4_X ?
				    cloexec_of((uint64_t)int_param(ev, "flags", 0)) :
				    KCAP_CLOEXEC_NO);
		listener_named(f, t, ev, fd);
		return;
	case KCAP_EV_SENDTO_X:
	case KCAP_EV_RECVFROM_X:
	case KCAP_EV_SENDMSG_X:
	case KCAP_EV_RECVMSG_X:
		socket_ends_if_unnamed(f, t, ev, fd);
		return;
	case KCAP_EV_PIPE_X:
	case KCAP_EV_PIPE2_X: {
		int64_t fd0 = int_param(ev, "fd0", -1), fd1 = int_param(ev, "fd1", -1);
		int cloexec = cloexec_of((uint64_t)int_param(ev, "flags", 0));
		size_t n = kcap_fds_pipe_name(f, ev->pid, ev->tid, fd0, name, sizeof(name));

		if (!n)
			n = (size_t)snprintf(name, sizeof(name), "pipe");
		kcap_fds_entry_set(f, t, fd0, ev->ts, KCAP_FD_PIPE, name, n, cloexec);
		kcap_fds_entry_set(f, t, fd1, ev->ts, KCAP_FD_PIPE, name, n, cloexec);
		return;
	}
	case KCAP_EV_SOCKETPAIR_X: {
		int64_t domain = int_param(ev, "domain", -1);
		int cloexec = cloexec_of((uint64_t)int_param(ev, "type", 0));

		new_socket(f, t, int_param(ev, "fd0", -1), ev->ts, domain, cloexec);
		new_socket(f, t, int_param(ev, "fd1", -1), ev->ts, domain, cloexec);
		return;
	}
	case KCAP_EV_EVENTFD_X:
	case KCAP_EV_EVENTFD2_X:
		set_name(f, t, res, ev->ts, KCAP_FD_EVENTFD, "anon_inode:[eventfd]",
			 cloexec_of((uint64_t)int_param(ev, "flags", 0)));
		return;
	case KCAP_EV_SIGNALFD_X:
	case KCAP_EV_SIGNALFD4_X:
		if (fd == -1) /* not a change of an existing signalfd's mask */
			set_name(f, t, res, ev->ts, KCAP_FD_SIGNALFD, "anon_inode:[signalfd]",
				 cloexec_of((uint64_t)int_param(ev, "flags", 0)));
		return;
	case KCAP_EV_TIMERFD_CREATE_X:
		set_name(f, t, res, ev->ts, KCAP_FD_TIMERFD, "anon_inode:[timerfd]",
			 cloexec_of((uint64_t)int_param(ev, "flags", 0)));
		return;
	case KCAP_EV_INOTIFY_INIT_X:
	case KCAP_EV_INOTIFY_INIT1_X:
		set_name(f, t, res, ev->ts, KCAP_FD_INOTIFY, "anon_inode:inotify",
			 cloexec_of((uint64_t)int_param(ev, "flags", 0)));
		return;
	case KCAP_EV_EPOLL_CREATE_X:
	case KCAP_EV_EPOLL_CREATE1_X:
		set_name(f, t, res, ev->ts, KCAP_FD_EPOLL, "anon_inode:[eventpoll]",
			 cloexec_of((uint64_t)int_param(ev, "flags", 0)));
		return;
	case KCAP_EV_DUP_X:
		dup_fd(f, t, int_param(ev, "oldfd", -1), res, ev->ts, KCAP_CLOEXEC_NO);
		return;
	case KCAP_EV_DUP2_X:
	case KCAP_EV_DUP3_X:
		dup_fd(f, t, int_param(ev, "oldfd", -1), res, ev->ts,
		       ev->type == KCAP_EV_DUP3_X ?
			       cloexec_of((uint64_t)int_param(ev, "flags", 0)) :
			       KCAP_CLOEXEC_NO);
		return;
	case KCAP_EV_FCNTL_X: {
		int64_t cmd = int_param(ev, "cmd", -1);
		struct kcap_fd_entry *e;

		if (cmd == FCNTL_DUPFD || cmd == FCNTL_DUPFD_CLOEXEC) {
			dup_fd(f, t, fd, res, ev->ts,
			       cmd == FCNTL_DUPFD ? KCAP_CLOEXEC_NO : KCAP_CLOEXEC_YES);
		} else if (cmd == FCNTL_SETFD) {
			e = kcap_idmap_find(&t->fds, (uint64_t)fd);
			if (e && e->state == KCAP_FDS_OPEN)
				e->cloexec = int_param(ev, "arg", 0) & 1 ? KCAP_CLOEXEC_YES :
									   KCAP_CLOEXEC_NO;
		}
		return;
	}
	case KCAP_EV_CLOSE_X:
		kcap_fds_entry_close(f, t, fd, ev->ts);
		return;
	default:
		return;
	}
}
