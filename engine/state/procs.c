// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The process table (procs.h). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "procs.h"
#include "proc_fd.h"
#include "pidns.h"
#include "decode/decode.h"

#define PROCS_INITIAL 1024
/* a lookup that found nothing is not tried again for this long */
#define NEGATIVE_NS 1000000000ull
/* the two sides of one creation event come within this of each other */
#define CREATION_NS 1000000000ull

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int kcap_procs_init(struct kcap_procs *p, const char *proc_root)
{
	memset(p, 0, sizeof(*p));
	p->proc_root = proc_root;
	return kcap_idmap_init(&p->map, sizeof(struct kcap_proc *), PROCS_INITIAL, KCAP_PROCS_MAX);
}

void kcap_procs_free(struct kcap_procs *p)
{
	struct kcap_proc **r;
	uint32_t pos = 0;
	uint64_t pid;

	while ((r = kcap_idmap_next(&p->map, &pos, &pid)))
		kcap_proc_free(*r);
	kcap_idmap_free(&p->map);
	kcap_proc_free(p->dead);
	p->dead = NULL;
}

struct kcap_proc *kcap_procs_find(const struct kcap_procs *p, uint32_t pid)
{
	struct kcap_proc **r = kcap_idmap_find(&p->map, pid);

	return r ? *r : NULL;
}

/* Puts r in the table, replacing (freeing) the record of its pid; NULL (r freed) when full. */
static struct kcap_proc *put(struct kcap_procs *p, struct kcap_proc *r)
{
	struct kcap_proc **slot;
	bool added;

	if (!r)
		return NULL;
	p->gen++;
	slot = kcap_idmap_insert(&p->map, r->pid, &added);
	if (!slot) {
		p->untracked++;
		kcap_proc_free(r);
		return NULL;
	}
	if (!added)
		kcap_proc_free(*slot);
	*slot = r;
	return r;
}

struct kcap_proc *kcap_procs_put(struct kcap_procs *p, struct kcap_proc *r)
{
	return put(p, r);
}

struct kcap_proc *kcap_procs_next(const struct kcap_procs *p, uint32_t *pos)
{
	uint64_t key;
	struct kcap_proc **r = kcap_idmap_next(&p->map, pos, &key);

	return r ? *r : NULL;
}

struct kcap_proc *kcap_procs_get(struct kcap_procs *p, uint32_t pid)
{
	struct kcap_proc *r = kcap_procs_find(p, pid);
	uint64_t now;

	if (!r && p->dead && p->dead->pid == pid)
		return p->dead; /* its exit is the event being read */
	if (r && r->have == KCAP_PROC_HAVE_ALL && !r->stale)
		return r;
	if (!p->proc_root || !pid)
		return r && r->have ? r : NULL;
	now = monotonic_ns();
	if (r && r->looked_up_ns && (r->have || now - r->looked_up_ns < NEGATIVE_NS))
		return r->have ? r : NULL;
	if (r && (r->have & KCAP_THREAD_START)) {
		uint64_t start;

		/* another start time: a reused pid whose exit was missed, nothing of it holds */
		if (!kcap_proc_start_time(p->proc_root, pid, &start) && start != r->start_time)
			r = NULL;
	}
	if (!r) {
		r = put(p, kcap_proc_new(pid, NULL));
		if (!r)
			return NULL;
	}
	p->lookups++;
	p->gen++;
	if (!kcap_proc_read(p->proc_root, r, (KCAP_PROC_HAVE_ALL & ~r->have) | r->stale))
		p->lookups_failed++;
	r->stale = 0;
	r->looked_up_ns = now;
	return r->have ? r : NULL;
}

/* A directory entry that is a positive decimal id, or 0. */
static uint32_t id_of(const char *s)
{
	uint64_t v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > INT32_MAX)
			return 0;
	}
	return (uint32_t)v;
}

int kcap_procs_scan(struct kcap_procs *p, unsigned int time_budget_ms)
{
	uint64_t deadline = monotonic_ns() + (uint64_t)time_budget_ms * 1000000ull;
	struct dirent *de;
	DIR *procs;
	int n = 0;

	if (!p->proc_root)
		return 0;
	procs = opendir(p->proc_root);
	if (!procs)
		return -errno;
	while ((de = readdir(procs)) && p->map.used < KCAP_PROCS_MAX) {
		uint32_t pid = id_of(de->d_name);
		struct kcap_proc *r;

		if (!pid)
			continue;
		r = kcap_proc_new(pid, NULL);
		if (!r)
			break;
		if (!kcap_proc_read(p->proc_root, r, KCAP_PROC_HAVE_ALL)) {
			kcap_proc_free(r); /* gone meanwhile, or hidden: looked up if seen */
			continue;
		}
		r->looked_up_ns = monotonic_ns();
		if (put(p, r))
			n++;
		if (r->looked_up_ns > deadline)
			break; /* the rest is looked up on first sight */
	}
	closedir(procs);
	return n;
}

void kcap_procs_usage(const struct kcap_procs *p, uint64_t *entries, uint64_t *bytes)
{
	struct kcap_proc **r;
	uint32_t pos = 0;
	uint64_t pid;

	*entries = p->map.used;
	*bytes = kcap_idmap_bytes(&p->map);
	while ((r = kcap_idmap_next(&p->map, &pos, &pid)))
		*bytes += kcap_proc_bytes(*r);
}

static int64_t int_param(const struct kcap_event *ev, const char *name, int64_t def)
{
	struct kcap_param p;
	int64_t v;

	if (kcap_event_param_by_name(ev, name, &p) || p.faulted || kcap_param_int(&p, &v))
		return def;
	return v;
}

/* A readable string parameter: its bytes up to the first NUL (argv: all of them). */
static bool str_param(const struct kcap_event *ev, const char *name, const char **s, size_t *len,
		      bool whole)
{
	struct kcap_param p;
	const void *nul;

	if (kcap_event_param_by_name(ev, name, &p) || p.faulted || !p.data)
		return false;
	*s = (const char *)p.data;
	nul = whole ? NULL : memchr(p.data, '\0', p.len);
	*len = nul ? (size_t)((const char *)nul - *s) : p.len;
	return true;
}

/*
 * clone, clone3, fork, vfork: a new process (not a thread) gets a copy of
 * its parent's record, replacing what the table had of its pid (a reused
 * pid whose exit was missed). The side of the event that comes second (the
 * parent's or the child's, either may be first) keeps what the first made,
 * which an exec of the child may have changed already.
 */
static void new_process(struct kcap_procs *p, const struct kcap_event *ev, int64_t res)
{
	uint64_t flags = (uint64_t)int_param(ev, "flags", 0);
	uint32_t child_pid, ppid, source;
	struct kcap_proc *child, *caller;

	if (flags & CLONE_THREAD)
		return;
	if (res > 0) {
		/* a global pid only for a caller of the initial pid namespace */
		if ((uint64_t)int_param(ev, "pidns", 0) != KCAP_PIDNS_INIT_INO || res > INT32_MAX)
			return;
		child_pid = (uint32_t)res;
		source = ev->pid;
		/* CLONE_PARENT: a copy of the caller, a child of the caller's parent */
		caller = kcap_procs_find(p, source);
		ppid = source;
		if (flags & CLONE_PARENT)
			ppid = caller && (caller->have & KCAP_THREAD_PPID) ? caller->ppid : 0;
	} else {
		int64_t v = int_param(ev, "ppid", 0);

		child_pid = ev->pid;
		ppid = v > 0 && v <= INT32_MAX ? (uint32_t)v : 0;
		/* CLONE_PARENT: ppid is not the caller, whose record is unknown here */
		source = flags & CLONE_PARENT ? 0 : ppid;
	}
	child = kcap_procs_find(p, child_pid);
	if (child && child->born_ts && child->ppid == ppid &&
	    (ev->ts > child->born_ts ? ev->ts - child->born_ts : child->born_ts - ev->ts) <
		    CREATION_NS)
		return;
	child = put(p, kcap_proc_new(child_pid, source ? kcap_procs_find(p, source) : NULL));
	if (!child)
		return;
	child->born_ts = ev->ts;
	child->ppid = ppid;
	if (ppid)
		child->have |= KCAP_THREAD_PPID;
	else
		child->have &= ~(uint32_t)KCAP_THREAD_PPID;
}

/* The record of ev's process, made empty when there is none: an event fills it. */
static struct kcap_proc *own(struct kcap_procs *p, const struct kcap_event *ev)
{
	struct kcap_proc *r = kcap_procs_find(p, ev->pid);

	return r ? r : put(p, kcap_proc_new(ev->pid, NULL));
}

static void exec_image(struct kcap_procs *p, const struct kcap_event *ev)
{
	struct kcap_proc *r = own(p, ev);
	const char *s;
	size_t len;
	int64_t v;

	p->gen++;
	if (!r)
		return;
	if (str_param(ev, "exe", &s, &len, false) &&
	    kcap_proc_str_set(&r->exe, s, len, KCAP_PROC_PATH_MAX))
		r->have |= KCAP_THREAD_EXE;
	if (str_param(ev, "args", &s, &len, true) &&
	    kcap_proc_str_set(&r->argv, s, len, KCAP_PROC_ARGV_MAX))
		r->have |= KCAP_THREAD_ARGV;
	if (str_param(ev, "cwd", &s, &len, false) && len &&
	    kcap_proc_str_set(&r->cwd, s, len, KCAP_PROC_PATH_MAX))
		r->have |= KCAP_THREAD_CWD;
	v = int_param(ev, "ppid", -1);
	if (v >= 0 && v <= INT32_MAX) {
		r->ppid = (uint32_t)v;
		r->have |= KCAP_THREAD_PPID;
	}
	v = int_param(ev, "uid", -1);
	if (v >= 0) {
		r->uid = (uint32_t)v;
		r->euid = (uint32_t)int_param(ev, "euid", v);
		r->gid = (uint32_t)int_param(ev, "gid", r->gid);
		/* the event has no effective gid: the real one (a set-gid program's differs) */
		r->egid = r->gid;
		r->have |= KCAP_THREAD_IDS;
	}
	/*
	 * What the event lacks is read once when asked: the start time if
	 * unknown, and the cgroup and login uid anew, which a container runtime
	 * or a login sets between its fork and this exec.
	 */
	r->stale = r->have & (KCAP_THREAD_CGROUP | KCAP_THREAD_LOGINUID);
	r->looked_up_ns = 0;
}

/* path made absolute against cwd (when relative) and freed of ".", ".." and "//". */
static size_t join_path(const char *cwd, size_t cwd_len, const char *path, size_t len, char *out,
			size_t outlen)
{
	size_t n = 0, i = 0;
	char in[2 * KCAP_PROC_PATH_MAX + 2];
	size_t in_len = 0;

	if (len && path[0] != '/') {
		memcpy(in, cwd, cwd_len);
		in_len = cwd_len;
		in[in_len++] = '/';
	}
	memcpy(in + in_len, path, len);
	in_len += len;
	while (i < in_len) {
		size_t start, clen;

		while (i < in_len && in[i] == '/')
			i++;
		start = i;
		while (i < in_len && in[i] != '/')
			i++;
		clen = i - start;
		if (!clen || (clen == 1 && in[start] == '.'))
			continue;
		if (clen == 2 && in[start] == '.' && in[start + 1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the '/' before the component */
			continue;
		}
		if (n + 1 + clen >= outlen)
			return 0;
		out[n++] = '/';
		memcpy(out + n, in + start, clen);
		n += clen;
	}
	if (!n)
		out[n++] = '/';
	out[n] = '\0';
	return n;
}

/*
 * chdir's path is as the caller gave it: made absolute here (lexically: a
 * ".." after a symbolic link is wrong, as in a shell's logical cwd) when
 * the old cwd is known; else the new cwd is read from /proc when asked.
 */
static void change_dir(struct kcap_procs *p, const struct kcap_event *ev)
{
	struct kcap_proc *r = own(p, ev);
	char path[KCAP_PROC_PATH_MAX + 1];
	struct kcap_fd fd;
	const char *s;
	size_t len = 0;

	p->gen++;
	if (!r)
		return;
	if (ev->type == KCAP_EV_FCHDIR_X) {
		if (!kcap_event_fd(ev, 1, &fd) && fd.kind == KCAP_FD_FILE && fd.name_len &&
		    fd.name[0] == '/')
			len = join_path("", 0, fd.name, fd.name_len, path, sizeof(path));
	} else if (str_param(ev, "path", &s, &len, false) && len &&
		   (s[0] == '/' || (r->have & KCAP_THREAD_CWD))) {
		len = join_path(r->cwd.s, r->cwd.len, s, len, path, sizeof(path));
	} else {
		len = 0;
	}
	if (len && kcap_proc_str_set(&r->cwd, path, len, KCAP_PROC_PATH_MAX)) {
		r->have |= KCAP_THREAD_CWD;
		return;
	}
	r->have &= ~(uint32_t)KCAP_THREAD_CWD;
	r->looked_up_ns = 0;
}

#define ID_UNCHANGED 0xffffffffu

/*
 * The setuid family. A privileged setuid() or setgid() sets the real and
 * effective ids, an unprivileged one the effective only: privileged is
 * taken as an effective uid of 0 (the capabilities are not in the table).
 */
static void set_ids(struct kcap_procs *p, const struct kcap_event *ev)
{
	struct kcap_proc *r = kcap_procs_find(p, ev->pid);
	uint32_t a, b;

	p->gen++;
	if (!r || !(r->have & KCAP_THREAD_IDS))
		return; /* read from /proc when asked */
	switch (ev->type) {
	case KCAP_EV_SETUID_X:
		a = (uint32_t)int_param(ev, "uid", ID_UNCHANGED);
		if (r->euid == 0)
			r->uid = a;
		r->euid = a;
		return;
	case KCAP_EV_SETGID_X:
		a = (uint32_t)int_param(ev, "gid", ID_UNCHANGED);
		if (r->euid == 0)
			r->gid = a;
		r->egid = a;
		return;
	case KCAP_EV_SETREUID_X:
	case KCAP_EV_SETRESUID_X:
		a = (uint32_t)int_param(ev, "ruid", ID_UNCHANGED);
		b = (uint32_t)int_param(ev, "euid", ID_UNCHANGED);
		r->uid = a == ID_UNCHANGED ? r->uid : a;
		r->euid = b == ID_UNCHANGED ? r->euid : b;
		return;
	default: /* setregid, setresgid */
		a = (uint32_t)int_param(ev, "rgid", ID_UNCHANGED);
		b = (uint32_t)int_param(ev, "egid", ID_UNCHANGED);
		r->gid = a == ID_UNCHANGED ? r->gid : a;
		r->egid = b == ID_UNCHANGED ? r->egid : b;
		return;
	}
}

void kcap_procs_update(struct kcap_procs *p, const struct kcap_event *ev)
{
	int64_t res = -1;

	kcap_proc_free(p->dead);
	p->dead = NULL;
	if (kcap_event_ret(ev, &res))
		res = -1;
	switch (ev->type) {
	case KCAP_EV_CLONE_X:
	case KCAP_EV_CLONE3_X:
	case KCAP_EV_FORK_X:
	case KCAP_EV_VFORK_X:
		if (res >= 0)
			new_process(p, ev, res);
		return;
	case KCAP_EV_EXECVE_X:
	case KCAP_EV_EXECVEAT_X:
		if (res == 0)
			exec_image(p, ev);
		return;
	case KCAP_EV_CHDIR_X:
	case KCAP_EV_FCHDIR_X:
		if (res == 0)
			change_dir(p, ev);
		return;
	case KCAP_EV_SETUID_X:
	case KCAP_EV_SETGID_X:
	case KCAP_EV_SETREUID_X:
	case KCAP_EV_SETRESUID_X:
	case KCAP_EV_SETREGID_X:
	case KCAP_EV_SETRESGID_X:
		if (res == 0)
			set_ids(p, ev);
		return;
	case KCAP_EV_PROCEXIT:
		if (ev->tid == ev->pid) {
			p->gen++;
			p->dead = kcap_procs_find(p, ev->pid);
			kcap_idmap_remove(&p->map, ev->pid);
		}
		return;
	default:
		return;
	}
}
