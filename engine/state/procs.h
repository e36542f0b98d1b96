/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The process table: pid -> what the engine knows of the process
 * (proc_info.h). /proc fills it when the capture starts (within a time
 * budget) and heals it on first sight of a process it lacks, once per
 * process; events keep it current: creation (the child inherits the
 * parent's record), exec, chdir and fchdir, the setuid family, exit.
 */
#ifndef KCAP_PROCS_H
#define KCAP_PROCS_H

#include <stdint.h>
#include "idmap.h"
#include "proc_info.h"

/* The most processes the table holds; past it, a process is not remembered. */
#define KCAP_PROCS_MAX (1u << 16)

struct kcap_procs {
	struct kcap_idmap map; /* pid -> struct kcap_proc * */
	const char *proc_root; /* NULL: from events only */
	/* removed by the last event, freed at the next: that event may still be read */
	struct kcap_proc *dead;
	uint64_t lookups; /* processes read from /proc on first sight */
	uint64_t lookups_failed; /* of those: gone, hidden or unreadable */
	uint64_t untracked; /* not remembered: the table was at its bound */
	/* changes with any record or thread name: what was formatted before is stale */
	uint64_t gen;
};

int kcap_procs_init(struct kcap_procs *p, const char *proc_root);
void kcap_procs_free(struct kcap_procs *p);
/* The record of pid, or NULL; nothing is read. */
struct kcap_proc *kcap_procs_find(const struct kcap_procs *p, uint32_t pid);
/*
 * The record of pid, with what it lacks read from /proc once (a process
 * first seen mid-life; an exec's fields the event does not carry). NULL
 * when nothing is known of it.
 */
struct kcap_proc *kcap_procs_get(struct kcap_procs *p, uint32_t pid);
/*
 * Reads every process of /proc, until time_budget_ms has passed: the rest
 * is read on first sight. How many it read, or a negative errno.
 */
int kcap_procs_scan(struct kcap_procs *p, unsigned int time_budget_ms);
/* Applies what ev says about its process (the descriptor names of ev already set). */
struct kcap_event;
void kcap_procs_update(struct kcap_procs *p, const struct kcap_event *ev);
/* Puts r in the table (a capture file's record), replacing its pid's; NULL (r freed) when full. */
struct kcap_proc *kcap_procs_put(struct kcap_procs *p, struct kcap_proc *r);
/* Iteration: the record at or after *pos (start at 0), *pos moved past it; NULL at the end. */
struct kcap_proc *kcap_procs_next(const struct kcap_procs *p, uint32_t *pos);
/* Entries and heap bytes. */
void kcap_procs_usage(const struct kcap_procs *p, uint64_t *entries, uint64_t *bytes);

#endif /* KCAP_PROCS_H */
