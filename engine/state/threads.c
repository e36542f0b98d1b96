// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Thread id -> command name, an open-addressing hash table with linear
 * probing and backward-shift deletion. Events say what changes (exec sets
 * comm, clone's child inherits it, prctl(PR_SET_NAME) renames it, exit
 * forgets the thread); /proc fills in threads that existed before the
 * capture started: all of them when it starts, and any thread first seen
 * later (no clone event captured for it). Processes: procs.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/prctl.h>
#include "threads.h"
#include "decode/decode.h"

#define THREADS_INITIAL 4096
#define THREADS_MAX (1u << 22) /* past this, new threads are just not remembered */

int kcap_threads_init(struct kcap_threads *t, const char *proc_root)
{
	t->slots = calloc(THREADS_INITIAL, sizeof(*t->slots));
	if (!t->slots)
		return -ENOMEM;
	t->mask = THREADS_INITIAL - 1;
	t->used = 0;
	t->proc_root = proc_root; /* NULL: names from events only */
	t->reader_pidns = 0;
	if (kcap_procs_init(&t->procs, proc_root)) {
		free(t->slots);
		t->slots = NULL;
		return -ENOMEM;
	}
	return 0;
}

void kcap_threads_free(struct kcap_threads *t)
{
	free(t->slots);
	t->slots = NULL;
	kcap_procs_free(&t->procs);
}

void kcap_threads_usage(const struct kcap_threads *t, uint64_t *threads, uint64_t *procs,
			uint64_t *bytes)
{
	*threads = t->used;
	kcap_procs_usage(&t->procs, procs, bytes);
	*bytes += (uint64_t)(t->mask + 1) * sizeof(*t->slots);
}

static uint32_t slot_of(const struct kcap_threads *t, uint32_t tid)
{
	return (tid * 2654435761u) & t->mask;
}

static struct kcap_thread *find(struct kcap_threads *t, uint32_t tid)
{
	for (uint32_t i = slot_of(t, tid);; i = (i + 1) & t->mask) {
		if (t->slots[i].tid == tid)
			return &t->slots[i];
		if (!t->slots[i].tid)
			return NULL;
	}
}

static int grow(struct kcap_threads *t)
{
	struct kcap_threads bigger = *t;
	uint32_t size = (t->mask + 1) * 2;

	if (size > THREADS_MAX)
		return -ENOSPC;
	bigger.slots = calloc(size, sizeof(*bigger.slots));
	if (!bigger.slots)
		return -ENOMEM;
	bigger.mask = size - 1;
	for (uint32_t i = 0; i <= t->mask; i++) {
		uint32_t tid = t->slots[i].tid;
		uint32_t j;

		if (!tid)
			continue;
		for (j = slot_of(&bigger, tid); bigger.slots[j].tid; j = (j + 1) & bigger.mask)
			;
		bigger.slots[j] = t->slots[i];
	}
	free(t->slots);
	*t = bigger;
	return 0;
}

static struct kcap_thread *insert(struct kcap_threads *t, uint32_t tid)
{
	uint32_t i;

	if (!tid)
		return NULL;
	if ((t->used + 1) * 4 > (t->mask + 1) * 3 && grow(t))
		return NULL;
	for (i = slot_of(t, tid); t->slots[i].tid; i = (i + 1) & t->mask)
		if (t->slots[i].tid == tid)
			return &t->slots[i];
	t->slots[i] = (struct kcap_thread){ .tid = tid };
	t->used++;
	return &t->slots[i];
}

void kcap_threads_remove(struct kcap_threads *t, uint32_t tid)
{
	struct kcap_thread *e = find(t, tid);
	uint32_t hole, i;

	if (!e)
		return;
	t->procs.gen++;
	hole = (uint32_t)(e - t->slots);
	t->slots[hole].tid = 0;
	t->used--;
	/* Shift back later entries of the probe run so lookups still find them. */
	for (i = (hole + 1) & t->mask; t->slots[i].tid; i = (i + 1) & t->mask) {
		uint32_t home = slot_of(t, t->slots[i].tid);

		if (((i - home) & t->mask) >= ((i - hole) & t->mask)) {
			t->slots[hole] = t->slots[i];
			t->slots[i].tid = 0;
			hole = i;
		}
	}
}

void kcap_threads_set_comm(struct kcap_threads *t, uint32_t tid, const char *comm, uint32_t len)
{
	struct kcap_thread *e = insert(t, tid);
	uint32_t n = 0;

	if (!e)
		return;
	t->procs.gen++; /* an ancestor's name may change */
	while (n < len && n < sizeof(e->comm) - 1 && comm[n])
		n++;
	memcpy(e->comm, comm, n);
	e->comm[n] = '\0';
}

/* Reads <root>/<pid>/task/<tid>/comm; a thread that is gone stays unknown. */
static int read_comm(const char *root, uint32_t pid, uint32_t tid, char *out, size_t outlen)
{
	char path[128];
	ssize_t n;
	int fd;

	if (!root)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/%u/task/%u/comm", root, pid, tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, out, outlen - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	if (out[n - 1] == '\n')
		n--;
	out[n] = '\0';
	return 0;
}

static int read_proc_comm(const struct kcap_threads *t, uint32_t pid, uint32_t tid, char *out,
			  size_t outlen)
{
	return read_comm(t->proc_root, pid, tid, out, outlen);
}

const char *kcap_threads_comm(struct kcap_threads *t, uint32_t pid, uint32_t tid)
{
	struct kcap_thread *e = find(t, tid);
	char comm[sizeof(e->comm)];

	if (e)
		return e->comm;
	if (read_proc_comm(t, pid, tid, comm, sizeof(comm)))
		snprintf(comm, sizeof(comm), "?");
	t->procs.gen++;
	e = insert(t, tid);
	if (!e)
		return "?";
	memcpy(e->comm, comm, sizeof(comm));
	return e->comm;
}

/* A directory entry that is a positive decimal id. */
static uint32_t id_of(const struct dirent *e)
{
	char *end;
	unsigned long v = strtoul(e->d_name, &end, 10);

	return *end || end == e->d_name || v == 0 || v > UINT32_MAX ? 0 : (uint32_t)v;
}

int kcap_threads_scan(struct kcap_threads *t, unsigned int proc_budget_ms)
{
	char path[96], comm[sizeof(t->slots[0].comm)];
	struct dirent *pe, *te;
	DIR *procs, *tasks;
	int n = 0;

	if (!t->proc_root)
		return 0;
	procs = opendir(t->proc_root);
	if (!procs)
		return -errno;
	while ((pe = readdir(procs))) {
		uint32_t pid = id_of(pe);

		if (!pid)
			continue;
		snprintf(path, sizeof(path), "%s/%u/task", t->proc_root, pid);
		tasks = opendir(path);
		if (!tasks)
			continue; /* exited meanwhile */
		while ((te = readdir(tasks))) {
			uint32_t tid = id_of(te);

			if (tid && !read_proc_comm(t, pid, tid, comm, sizeof(comm))) {
				kcap_threads_set_comm(t, tid, comm, sizeof(comm));
				n++;
			}
		}
		closedir(tasks);
	}
	closedir(procs);
	kcap_procs_scan(&t->procs, proc_budget_ms);
	return n;
}

bool kcap_threads_ns_ids(struct kcap_threads *t, uint32_t tid, uint32_t *ns_pid, uint32_t *ns_tid)
{
	struct kcap_thread *e = t->reader_pidns ? find(t, tid) : NULL;

	if (!e || !e->ns_tid)
		return false;
	*ns_pid = e->ns_pid;
	*ns_tid = e->ns_tid;
	return true;
}

void kcap_threads_learn_ns_thread(struct kcap_threads *t, uint32_t tid, uint32_t ns_pid,
				  uint32_t ns_tid, const char *ns_proc_root)
{
	struct kcap_thread *e = find(t, tid);

	if (!e) {
		char comm[sizeof(e->comm)];

		if (read_comm(ns_proc_root, ns_pid, ns_tid, comm, sizeof(comm)))
			snprintf(comm, sizeof(comm), "?");
		e = insert(t, tid);
		if (!e)
			return;
		memcpy(e->comm, comm, sizeof(comm));
	}
	e->ns_pid = ns_pid;
	e->ns_tid = ns_tid;
}

static uint64_t u64_param(const struct kcap_event *ev, const char *name)
{
	struct kcap_param p;
	uint64_t v = 0;

	if (kcap_event_param_by_name(ev, name, &p) || p.faulted || p.len > sizeof(v))
		return 0;
	memcpy(&v, p.data, p.len); /* little-endian: a U32 fills the low half */
	return v;
}

/* A creation event (either side) names the ids its thread has in its own pid namespace. */
static void learn_ns_ids(struct kcap_threads *t, const struct kcap_event *ev)
{
	struct kcap_thread *e;

	if (!t->reader_pidns || u64_param(ev, "pidns") != t->reader_pidns)
		return;
	e = find(t, ev->tid);
	if (!e)
		return;
	e->ns_tid = (uint32_t)u64_param(ev, "vtid");
	e->ns_pid = (uint32_t)u64_param(ev, "vpid");
}

void kcap_threads_update(struct kcap_threads *t, const struct kcap_event *ev)
{
	struct kcap_param p;
	int64_t res = 0;

	kcap_procs_update(&t->procs, ev);
	switch (ev->type) {
	/* A successful exec names the new image; a creation's child (res 0) runs the parent's comm. */
	case KCAP_EV_EXECVE_X:
	case KCAP_EV_EXECVEAT_X:
	case KCAP_EV_CLONE_X:
	case KCAP_EV_CLONE3_X:
	case KCAP_EV_FORK_X:
	case KCAP_EV_VFORK_X:
		learn_ns_ids(t, ev);
		if (kcap_event_ret(ev, &res) || res != 0 ||
		    kcap_event_param_by_name(ev, "comm", &p) || p.faulted)
			return;
		kcap_threads_set_comm(t, ev->tid, (const char *)p.data, p.len);
		return;
	case KCAP_EV_PROCEXIT:
		kcap_threads_remove(t, ev->tid);
		return;
	case KCAP_EV_PRCTL_X:
		if (kcap_event_ret(ev, &res) || res != 0 ||
		    u64_param(ev, "option") != PR_SET_NAME ||
		    kcap_event_param_by_name(ev, "name", &p) || p.faulted || !p.len)
			return;
		kcap_threads_set_comm(t, ev->tid, (const char *)p.data, p.len);
		return;
	default:
		return;
	}
}
