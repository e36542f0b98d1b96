/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The reader's view of threads: command names by thread id, learned from
 * exec, clone, prctl(PR_SET_NAME) and exit events, and from /proc for
 * threads first seen mid-life; and their processes (procs.h).
 */
#ifndef KCAP_THREADS_H
#define KCAP_THREADS_H

#include <stdbool.h>
#include <stdint.h>
#include "kcap.h"
#include "procs.h"

struct kcap_thread {
	uint32_t tid; /* 0: free slot */
	/* the thread's and its group's ids in the reader's pid namespace; 0: unknown */
	uint32_t ns_tid, ns_pid;
	char comm[16];
};

struct kcap_threads {
	struct kcap_thread *slots;
	uint32_t mask; /* slots - 1, a power of two */
	uint32_t used;
	/* "/proc", or a test directory; NULL where /proc shows another pid namespace */
	const char *proc_root;
	/* the reader's pid namespace inode; 0: the initial one, no ids to translate */
	uint64_t reader_pidns;
	struct kcap_procs procs;
	/* the ancestors' names kcap_event_thread() hands out last */
	char ancestors[KCAP_THREAD_ANCESTORS][16];
};

int kcap_threads_init(struct kcap_threads *t, const char *proc_root);
void kcap_threads_free(struct kcap_threads *t);
/* The command name of tid (a thread of pid); "?" when unknown. Never NULL. */
const char *kcap_threads_comm(struct kcap_threads *t, uint32_t pid, uint32_t tid);
void kcap_threads_set_comm(struct kcap_threads *t, uint32_t tid, const char *comm, uint32_t len);
/*
 * tid's and its group's ids in the reader's pid namespace, learned from the
 * creation events of threads of that namespace; false when unknown.
 */
bool kcap_threads_ns_ids(struct kcap_threads *t, uint32_t tid, uint32_t *ns_pid, uint32_t *ns_tid);
/*
 * A thread of the reader's pid namespace that the backend lists (one that
 * existed before the capture): its ids there, and, when the table does not
 * know it yet, its name from ns_proc_root (a /proc that shows the reader's pid
 * namespace, or NULL).
 */
void kcap_threads_learn_ns_thread(struct kcap_threads *t, uint32_t tid, uint32_t ns_pid,
				  uint32_t ns_tid, const char *ns_proc_root);
void kcap_threads_remove(struct kcap_threads *t, uint32_t tid);
/*
 * Learns every thread of <proc> now: called when the capture starts, so that
 * events of threads that exec later still show their name at the time; and
 * every process, for at most proc_budget_ms (the rest is read on first
 * sight). How many threads it learned, or a negative errno.
 */
int kcap_threads_scan(struct kcap_threads *t, unsigned int proc_budget_ms);
/* Threads and processes held, and the heap bytes of both tables. */
void kcap_threads_usage(const struct kcap_threads *t, uint64_t *threads, uint64_t *procs,
			uint64_t *bytes);
/*
 * Applies what an event says about threads and processes (exec, clone,
 * exit, prctl(PR_SET_NAME), chdir, the setuid family), once its descriptor
 * parameters are named (fchdir's).
 */
struct kcap_event;
void kcap_threads_update(struct kcap_threads *t, const struct kcap_event *ev);

#endif /* KCAP_THREADS_H */
