/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The reader's view of descriptors: per process (thread group), descriptor
 * number -> what it refers to (kind and name). Learned from the events that
 * create, copy and close descriptors, from a /proc scan when the capture
 * starts, and from /proc on first sight of a descriptor nothing named
 * (its creation was dropped, or happened before the capture and was missed).
 *
 * Processes that share their table (clone with CLONE_FILES) share one here.
 * A closed descriptor stays briefly as closed, with the time of its close,
 * so that an open seen after the close it precedes (events of two CPUs out
 * of order) does not bring it back; a failed lookup stays briefly too, so
 * that a descriptor is looked up at most once a second.
 */
#ifndef KCAP_FDS_H
#define KCAP_FDS_H

#include <stdbool.h>
#include <stdint.h>
#include "kcap.h"
#include "idmap.h"

struct kcap_event;

enum kcap_fd_state {
	KCAP_FDS_OPEN = 1,
	KCAP_FDS_CLOSED, /* ts: when */
	KCAP_FDS_MISSING, /* a lookup found nothing; ts: when */
};

enum kcap_fd_cloexec {
	KCAP_CLOEXEC_NO,
	KCAP_CLOEXEC_YES,
	KCAP_CLOEXEC_UNKNOWN, /* learned from /proc: an exec keeps it */
};

struct kcap_fd_entry {
	uint64_t ts; /* the event time of the change (see state) */
	char *name; /* KCAP_FDS_OPEN: NUL-terminated, malloc'd; NULL otherwise */
	uint32_t name_len;
	uint8_t kind; /* enum kcap_fd_kind */
	uint8_t state; /* enum kcap_fd_state */
	uint8_t cloexec; /* enum kcap_fd_cloexec */
	uint8_t has_ends; /* a socket named by its addresses (not just its family) */
};

/* One descriptor table, shared by the processes created with CLONE_FILES. */
struct kcap_fd_table {
	struct kcap_idmap fds; /* fd -> struct kcap_fd_entry */
	uint32_t refs;
};

struct kcap_fd_proc {
	uint64_t start_time; /* /proc's (clock ticks since boot); 0: unknown */
	uint64_t born_ts; /* the event time of the clone that made it; 0: not from one */
	struct kcap_fd_table *table;
};

struct kcap_fds {
	struct kcap_idmap procs; /* thread group id -> struct kcap_fd_proc */
	struct kcap_idmap sockets; /* socket inode -> struct kcap_fd_entry (the name) */
	/* "/proc", or a test directory; NULL where /proc shows another pid namespace */
	const char *proc_root;
	uint64_t entries; /* descriptor entries in all tables, for the bound */
	uint64_t max_entries;
	uint64_t lookups, lookups_failed, untracked;
	uint64_t budget_start_ns; /* the lookup budget's current second (CLOCK_MONOTONIC) */
	uint32_t budget_used;
	uint64_t sockets_loaded_ns; /* the last reload of the socket tables */
};

/* What a descriptor refers to, as kcap_fds_resolve() gives it. */
struct kcap_fd_ref {
	int kind;
	const char *name; /* valid until the next change of the state */
	uint32_t name_len;
};

/* Bounds: past them, new descriptors are not remembered (counted as untracked). */
#define KCAP_FDS_MAX_ENTRIES KCAP_FD_TABLE_MAX_ENTRIES
#define KCAP_FDS_MAX_PER_TABLE (1u << 20)
/* /proc lookups per second of the reader at most, so that misses never stall it */
#define KCAP_FDS_LOOKUPS_PER_S 5000
/* how long a closed descriptor or a failed lookup is remembered, in ns of event time */
#define KCAP_FDS_REMEMBER_NS 1000000000ull

int kcap_fds_init(struct kcap_fds *f, const char *proc_root);
void kcap_fds_free(struct kcap_fds *f);
/*
 * Learns every process's descriptors from /proc now, within time_budget_ms
 * (what is not scanned by then is looked up on first sight): how many
 * descriptors it learned, or a negative errno when /proc cannot be listed.
 */
int kcap_fds_scan(struct kcap_fds *f, unsigned int time_budget_ms);
/* Applies what an event (in stream order) does to descriptors. */
/*
 * Whether the table cannot stay right without event type (the syscalls that
 * create, copy or close descriptors or carry them to a new process or image,
 * and process exit): an event list that leaves one out gets it for the table.
 */
bool kcap_fds_needs_event(int type);
void kcap_fds_update(struct kcap_fds *f, const struct kcap_event *ev);
/*
 * What descriptor fd of ev's process refers to: true and *ref; false when
 * unknown. An unknown one is looked up in /proc as ev's thread sees it, at
 * most once a second and within the lookup budget.
 */
bool kcap_fds_resolve(struct kcap_fds *f, const struct kcap_event *ev, int64_t fd,
		      struct kcap_fd_ref *ref);
/* Processes, descriptor entries and heap bytes the state holds now. */
void kcap_fds_usage(const struct kcap_fds *f, uint64_t *procs, uint64_t *entries, uint64_t *bytes);

#endif /* KCAP_FDS_H */
