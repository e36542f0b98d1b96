// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The descriptor state from /proc: the scan when the capture starts, and
 * the lookup of a descriptor on first sight. A lookup reads what the
 * descriptor is now, which is what it was at the event unless the process
 * changed it since: the best there is for a creation nothing captured.
 * Nothing here is read where /proc shows another pid namespace
 * (proc_root NULL): its numbers would name other processes.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "kcap.h"
#include "fds_internal.h"
#include "proc_fd.h"
#include "proc_net.h"
#include "decode/decode.h"

/* /proc/net tables are read up to this size each (about 70,000 sockets of tcp) */
#define NET_TABLE_MAX (8u << 20)
/* socket tables are read again at most once a second, for a socket they did not name */
#define NET_RELOAD_NS 1000000000ull

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

struct kcap_fd_table *kcap_fds_table_of(struct kcap_fds *f, uint32_t tgid)
{
	struct kcap_fd_proc *p = kcap_fds_proc_find(f, tgid);
	uint64_t start = 0;

	if (p)
		return p->table;
	p = kcap_fds_proc_add(f, tgid, NULL);
	if (!p)
		return NULL;
	if (!kcap_proc_start_time(f->proc_root, tgid, &start))
		p->start_time = start;
	return p->table;
}

static void add_socket(void *ctx, uint64_t ino, int kind, const char *name, size_t len)
{
	struct kcap_fds *f = ctx;
	struct kcap_fd_entry *e;
	bool added;
	char *copy;

	e = kcap_idmap_insert(&f->sockets, ino, &added);
	if (!e)
		return;
	copy = malloc(len + 1);
	if (!copy) {
		if (added)
			kcap_idmap_remove(&f->sockets, ino);
		return;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	free(e->name);
	e->name = copy;
	e->name_len = (uint32_t)len;
	e->kind = (uint8_t)kind;
	e->state = KCAP_FDS_OPEN;
}

/* Reads the socket tables of pid's network namespace. */
static void load_sockets(struct kcap_fds *f, uint32_t pid)
{
	char dir[96];

	if (f->sockets.used >= f->sockets.max) {
		/* at the bound: start over, closed sockets included in what goes */
		struct kcap_fd_entry *e;
		uint32_t pos = 0;
		uint64_t ino;

		while ((e = kcap_idmap_next(&f->sockets, &pos, &ino)))
			free(e->name);
		memset(f->sockets.slots, 0, kcap_idmap_bytes(&f->sockets));
		f->sockets.used = 0;
	}
	snprintf(dir, sizeof(dir), "%s/%u/net", f->proc_root, pid);
	kcap_proc_net_load(dir, NET_TABLE_MAX, add_socket, f);
}

/*
 * A link's text as a descriptor name: a socket by its ends when the tables
 * list it (read again, at most once a second, for one they do not).
 */
static const struct kcap_fd_entry *socket_of(struct kcap_fds *f, uint32_t pid, uint64_t ino,
					     bool may_reload)
{
	const struct kcap_fd_entry *s = kcap_idmap_find(&f->sockets, ino);
	uint64_t now;

	if (s || !may_reload)
		return s;
	now = monotonic_ns();
	if (f->sockets_loaded_ns && now - f->sockets_loaded_ns < NET_RELOAD_NS)
		return NULL;
	f->sockets_loaded_ns = now;
	load_sockets(f, pid);
	return kcap_idmap_find(&f->sockets, ino);
}

/* Learns fd of table t from its /proc link text. */
static bool learn_link(struct kcap_fds *f, struct kcap_fd_table *t, uint32_t pid, int64_t fd,
		       const char *link, size_t len, uint64_t ts, bool may_reload)
{
	const struct kcap_fd_entry *s;
	uint64_t ino;
	int kind = kcap_fd_link_kind(link, len, &ino);

	if (kind == KCAP_FD_SOCKET && ino) {
		s = socket_of(f, pid, ino, may_reload);
		if (s)
			return kcap_fds_entry_set(f, t, fd, ts, s->kind, s->name, s->name_len,
						  KCAP_CLOEXEC_UNKNOWN);
	}
	return kcap_fds_entry_set(f, t, fd, ts, kind, link, len, KCAP_CLOEXEC_UNKNOWN);
}

/* One more lookup within this second's budget? */
static bool within_budget(struct kcap_fds *f)
{
	uint64_t now = monotonic_ns();

	if (now - f->budget_start_ns >= 1000000000ull) {
		f->budget_start_ns = now;
		f->budget_used = 0;
	}
	if (f->budget_used >= KCAP_FDS_LOOKUPS_PER_S)
		return false;
	f->budget_used++;
	return true;
}

/*
 * The process's table, or a new one when /proc says the process now
 * holding the pid started at another time than the one the table was of.
 */
static struct kcap_fd_table *checked_table(struct kcap_fds *f, uint32_t pid)
{
	struct kcap_fd_proc *p = kcap_fds_proc_find(f, pid);
	uint64_t start = 0;

	if (!p)
		return kcap_fds_table_of(f, pid);
	if (kcap_proc_start_time(f->proc_root, pid, &start))
		return p->table;
	if (p->start_time && p->start_time != start) {
		p = kcap_fds_proc_add(f, pid, NULL); /* its exit was not seen: a reused pid */
		if (!p)
			return NULL;
	}
	p->start_time = start;
	return p->table;
}

/* Looks fd up in /proc as ev's thread sees it now. */
static struct kcap_fd_entry *lookup(struct kcap_fds *f, const struct kcap_event *ev, int64_t fd)
{
	char link[KCAP_FD_LINK_MAX + 1];
	struct kcap_fd_table *t;
	struct kcap_fd_entry *e;
	ssize_t n;

	f->lookups++;
	n = within_budget(f) ?
		    kcap_proc_fd_link(f->proc_root, ev->pid, ev->tid, (int)fd, link, sizeof(link)) :
		    -EAGAIN;
	t = n >= 0 ? checked_table(f, ev->pid) : kcap_fds_table_of(f, ev->pid);
	if (!t)
		return NULL;
	if (n < 0 || !learn_link(f, t, ev->pid, fd, link, (size_t)n, ev->ts, true)) {
		f->lookups_failed++;
		e = kcap_fds_entry_get(f, t, fd, ev->ts);
		if (e && e->state != KCAP_FDS_OPEN) {
			e->state = KCAP_FDS_MISSING;
			e->ts = ev->ts;
		}
		return NULL;
	}
	return kcap_idmap_find(&t->fds, (uint64_t)fd);
}

bool kcap_fds_resolve(struct kcap_fds *f, const struct kcap_event *ev, int64_t fd,
		      struct kcap_fd_ref *ref)
{
	struct kcap_fd_proc *p = kcap_fds_proc_find(f, ev->pid);
	struct kcap_fd_entry *e = NULL;

	if (fd < 0 || fd > INT32_MAX)
		return false;
	if (p)
		e = kcap_idmap_find(&p->table->fds, (uint64_t)fd);
	if (!e || e->state != KCAP_FDS_OPEN) {
		/*
		 * Unknown, or used after its close (its reopening was missed):
		 * looked up, unless a lookup failed within the last second or the
		 * event is older than the close (out of order).
		 */
		int64_t res;

		if (!f->proc_root || (e && e->ts && ev->ts < e->ts + KCAP_FDS_REMEMBER_NS &&
				      (e->state == KCAP_FDS_MISSING || ev->ts <= e->ts)))
			return false;
		/* the kernel said it is no descriptor: nothing to look up */
		if (!kcap_event_ret(ev, &res) && res == -EBADF)
			return false;
		e = lookup(f, ev, fd);
		if (!e || e->state != KCAP_FDS_OPEN)
			return false;
	}
	ref->kind = e->kind;
	ref->name = e->name;
	ref->name_len = e->name_len;
	return true;
}

size_t kcap_fds_pipe_name(struct kcap_fds *f, uint32_t pid, uint32_t tid, int64_t fd, char *out,
			  size_t outlen)
{
	char link[KCAP_FD_LINK_MAX + 1];
	ssize_t n;

	if (!f->proc_root || fd < 0 || !within_budget(f))
		return 0;
	n = kcap_proc_fd_link(f->proc_root, pid, tid, (int)fd, link, sizeof(link));
	if (n <= 0 || (size_t)n >= outlen || strncmp(link, "pipe:[", 6) != 0)
		return 0;
	memcpy(out, link, (size_t)n + 1);
	return (size_t)n;
}

/* A directory entry that is a decimal number, or -1. */
static int64_t number_of(const char *s)
{
	int64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > INT32_MAX)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* The network namespaces whose socket tables the scan has read. */
struct seen_netns {
	struct kcap_idmap inodes;
};

/* Learns the descriptors of process pid; false when the state is full. */
static bool scan_process(struct kcap_fds *f, uint32_t pid, struct seen_netns *seen)
{
	char path[128], link[KCAP_FD_LINK_MAX + 1];
	struct kcap_fd_table *t;
	struct kcap_fd_proc *p;
	struct dirent *de;
	struct stat st;
	uint64_t start;
	bool added;
	DIR *d;

	if (kcap_proc_start_time(f->proc_root, pid, &start))
		return true; /* gone meanwhile */
	snprintf(path, sizeof(path), "%s/%u/ns/net", f->proc_root, pid);
	/* without a namespace to tell (an old kernel, a fake tree), each process's own tables */
	if (stat(path, &st))
		st.st_ino = (1ull << 63) | pid;
	if (kcap_idmap_insert(&seen->inodes, st.st_ino, &added) && added)
		load_sockets(f, pid);
	snprintf(path, sizeof(path), "%s/%u/fd", f->proc_root, pid);
	d = opendir(path);
	if (!d)
		return true; /* gone, or hidden (hidepid): looked up if seen later */
	p = kcap_fds_proc_add(f, pid, NULL);
	if (!p) {
		closedir(d);
		return false;
	}
	p->start_time = start;
	t = p->table;
	while ((de = readdir(d)) && f->entries < f->max_entries) {
		int64_t fd = number_of(de->d_name);
		ssize_t n;

		if (fd < 0)
			continue;
		n = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (n < 0)
			continue; /* closed meanwhile */
		link[n] = '\0';
		learn_link(f, t, pid, fd, link, (size_t)n, 0, false);
	}
	closedir(d);
	return f->entries < f->max_entries;
}

int kcap_fds_scan(struct kcap_fds *f, unsigned int time_budget_ms)
{
	uint64_t deadline, before = f->entries;
	struct seen_netns seen;
	struct dirent *de;
	DIR *procs;
	struct timespec ts;

	if (!f->proc_root)
		return 0;
	procs = opendir(f->proc_root);
	if (!procs)
		return -errno;
	if (kcap_idmap_init(&seen.inodes, 1, 16, 1u << 16)) {
		closedir(procs);
		return -ENOMEM;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	deadline = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec +
		   (uint64_t)time_budget_ms * 1000000ull;
	while ((de = readdir(procs))) {
		int64_t pid = number_of(de->d_name);

		if (pid <= 0)
			continue;
		if (!scan_process(f, (uint32_t)pid, &seen))
			break;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if ((uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec > deadline)
			break; /* the rest is looked up on first sight */
	}
	kcap_idmap_free(&seen.inodes);
	closedir(procs);
	f->sockets_loaded_ns = monotonic_ns();
	return (int)(f->entries - before);
}
