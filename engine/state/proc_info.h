/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * What the engine knows of one process (a thread group), and how it is read
 * from /proc: exe, argv, cwd, ids, login uid, start time, cgroup and the
 * container it names. Each file is read with a bound; a field whose file is
 * missing, unreadable or malformed stays unknown (its bit of have clear).
 */
#ifndef KCAP_PROC_INFO_H
#define KCAP_PROC_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kcap.h"
#include "container.h"

/* bounds of what is kept per process */
#define KCAP_PROC_PATH_MAX 4096 /* exe, cwd, cgroup */
#define KCAP_PROC_ARGV_MAX 4096 /* argv, NUL-separated */

/* all the fields a record can know (the bits of kcap.h's enum kcap_thread_known) */
#define KCAP_PROC_HAVE_ALL ((uint32_t)(KCAP_THREAD_CGROUP << 1) - 1)

/* A string field: heap bytes plus a NUL, or NULL (len 0). */
struct kcap_proc_str {
	char *s;
	uint32_t len;
};

struct kcap_proc {
	uint32_t pid, ppid;
	uint32_t uid, gid, euid, egid, loginuid;
	uint64_t start_time; /* /proc/PID/stat field 22: clock ticks since boot */
	uint32_t have; /* enum kcap_thread_known: the fields known */
	/* of those, the ones to read again once (an exec: the cgroup a runtime moved it to) */
	uint32_t stale;
	/* when /proc was last read for what have lacks (CLOCK_MONOTONIC ns), 0: never */
	uint64_t looked_up_ns;
	/* the time of the creation event that made it (either side), 0: none */
	uint64_t born_ts;
	struct kcap_proc_str exe, argv, cwd, cgroup;
	char container_id[KCAP_CONTAINER_ID_MAX + 1]; /* "" on the host */
	const char *runtime; /* static; "" on the host */
	/*
	 * kcap_format_proc()'s last text of it (JSON or not, fmt_json), valid
	 * while the tables' generation is fmt_gen: most events of a process
	 * come between two changes of any process or thread name.
	 */
	char *fmt;
	uint32_t fmt_len;
	bool fmt_json;
	uint64_t fmt_gen;
};

/* Replaces *f with len bytes of s cut at max; false (unchanged) when memory is short. */
bool kcap_proc_str_set(struct kcap_proc_str *f, const char *s, size_t len, size_t max);
/* A new process record, copied from parent (NULL: empty); NULL when memory is short. */
struct kcap_proc *kcap_proc_new(uint32_t pid, const struct kcap_proc *parent);
void kcap_proc_free(struct kcap_proc *p);
/* Heap bytes p holds. */
size_t kcap_proc_bytes(const struct kcap_proc *p);
/* Sets the cgroup path and the container it names; false when memory is short. */
bool kcap_proc_set_cgroup(struct kcap_proc *p, const char *path, size_t len);

/*
 * Reads from <proc_root>/<pid> the fields of want; one it cannot read keeps
 * what p had. Returns the bits it read (0: gone, hidden or unreadable).
 */
uint32_t kcap_proc_read(const char *proc_root, struct kcap_proc *p, uint32_t want);

/* Parsers of /proc text, for the tests: 0, or -EINVAL for malformed text. */
int kcap_proc_parse_status(const char *text, size_t len, struct kcap_proc *p);
/*
 * The cgroup path of /proc/PID/cgroup text: the first line naming a
 * container, else the v2 line's ("0::PATH"), else the first line's.
 */
int kcap_proc_parse_cgroup(const char *text, size_t len, const char **path, size_t *path_len);

#endif /* KCAP_PROC_INFO_H */
