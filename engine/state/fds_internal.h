/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* What fds.c, fds_events.c and fds_proc.c share of the descriptor state. */
#ifndef KCAP_FDS_INTERNAL_H
#define KCAP_FDS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fds.h"

/* Longest name kept per descriptor: a path up to PATH_MAX. */
#define KCAP_FD_NAME_MAX 4096

struct kcap_fd_table *kcap_fds_table_new(void);
/* A new table with from's open descriptors (from may be NULL: empty). */
struct kcap_fd_table *kcap_fds_table_copy(struct kcap_fds *f, const struct kcap_fd_table *from);
/* p's own table: a copy of the shared one if it was shared (exec, CLOSE_RANGE_UNSHARE). */
struct kcap_fd_table *kcap_fds_unshare(struct kcap_fds *f, struct kcap_fd_proc *p);

struct kcap_fd_proc *kcap_fds_proc_find(struct kcap_fds *f, uint32_t tgid);
/*
 * tgid's entry with table (one reference of it taken over; NULL: a new empty
 * one), replacing the table of a process that had the pid before; NULL when
 * out of room. A pointer into the process map: valid until its next change.
 */
struct kcap_fd_proc *kcap_fds_proc_add(struct kcap_fds *f, uint32_t tgid,
				       struct kcap_fd_table *table);
void kcap_fds_proc_remove(struct kcap_fds *f, uint32_t tgid);

/* fd's entry in t, added empty when absent; NULL past the bounds (counted). */
struct kcap_fd_entry *kcap_fds_entry_get(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd,
					 uint64_t now);
/*
 * fd opened at ts as kind and name (cut at KCAP_FD_NAME_MAX); false when a
 * later change of fd was seen already (an event out of order), or no room.
 */
bool kcap_fds_entry_set(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts,
			int kind, const char *name, size_t len, int cloexec);
/* fd refers to something unknown since ts (looked up on first sight), unless changed later. */
void kcap_fds_entry_forget(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts);
/* fd closed at ts, unless a later change of fd was seen already. */
void kcap_fds_entry_close(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts);

/*
 * The table of ev's process, its entry added (start time from /proc when it
 * can be read) when the state had none; NULL when out of room.
 */
struct kcap_fd_table *kcap_fds_table_of(struct kcap_fds *f, uint32_t tgid);
/* "pipe:[INODE]" of the pipe fd of thread tid now, from /proc: its length, or 0. */
size_t kcap_fds_pipe_name(struct kcap_fds *f, uint32_t pid, uint32_t tid, int64_t fd, char *out,
			  size_t outlen);

#endif /* KCAP_FDS_INTERNAL_H */
