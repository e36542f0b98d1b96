/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * What both eBPF backends do alike with their probe object: keep only the
 * programs a capture needs, load, fill the dispatch tables from the kernel
 * configuration, attach the hooks in a safe order, read the counters. Each
 * backend keeps only what really differs: where its object comes from, its
 * transport (ring buffers or perf buffers), where its settings live.
 *
 * Both probes name their programs fill_<ID> (an event's filler) and, in the
 * legacy probe, cont_<ID> (the second half of a split event), after the event
 * table's IDs, and share the maps of shared/bpf/maps.h.
 */
#ifndef KCAP_BPF_LOADER_H
#define KCAP_BPF_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "config.h"
#include "backends/backend.h"
#include "kcap_wire.h"
#include "kcap_kconfig.h"

#define KCAP_BPF_MAX_LINKS (KCAP_EV__COUNT + 4)

struct bpf_object;
struct bpf_map;
struct bpf_program;
struct bpf_link;

struct kcap_bpf_loader {
	const char *backend; /* "modern", "legacy": the start of every message */
	struct bpf_object *obj; /* owned by the backend */
	const struct kcap_config *cfg;
	/* the hooks (their names differ between the probes) */
	struct bpf_program *sched_fork; /* pid filter: children join */
	struct bpf_program *sched_exit; /* procexit; forgets exited pids */
	struct bpf_program *sys_exit; /* the dispatcher */
	/* io_uring submissions: the program this kernel's tracepoint takes, or NULL and why */
	struct bpf_program *uring;
	const char *uring_why;
	/*
	 * A reader outside the initial pid namespace: the task iterator that maps
	 * its pids to global ones (NULL: the probe cannot, a pid filter is
	 * refused), and its last list
	 */
	struct bpf_program *pidns_map;
	struct kcap_ns_thread *ns_threads;
	size_t n_ns_threads;
	bool in_pidns;
	bool procexit_tail_called; /* sched_exit tail-calls PROCEXIT's filler */
	bool hooks_need_tracefs; /* the hooks are plain tracepoints */
	struct bpf_link *links[KCAP_BPF_MAX_LINKS];
	unsigned int nlinks;
};

/*
 * Sizes the pid set before load: preallocated (4 MiB at full size), so only a
 * pid filter gets it. KCAP_TEST_PID_SET_SIZE shrinks it, for tests of a full set.
 */
void kcap_bpf_size_pid_set(const struct kcap_bpf_loader *l, struct bpf_map *pids);

/* The program prefix<ID> of event ev ("fill_", "cont_"), or NULL. */
struct bpf_program *kcap_bpf_event_prog(const struct kcap_bpf_loader *l, const char *prefix,
					int ev);

/*
 * Before load: only the hooks and fillers the capture needs are verified and
 * loaded. The backend has turned off the io_uring programs other than uring.
 */
void kcap_bpf_choose_programs(struct kcap_bpf_loader *l);

/*
 * bpf_object__load(), or a message: permissions, or the verifier's reason and
 * hint, what to do about it.
 */
int kcap_bpf_load(struct kcap_bpf_loader *l, const char *hint, char *err, size_t errlen);

/* After load: exit_fillers by syscall number, event_progs by event, the pid set. */
int kcap_bpf_fill_tables(struct kcap_bpf_loader *l, char *err, size_t errlen);

/*
 * The threads of the reader's pid namespace with their ids there, listed now
 * (*list: malloc'd, the caller frees it); -EOPNOTSUPP for a reader in the
 * initial pid namespace or a probe without a task iterator.
 */
int kcap_bpf_ns_threads(struct kcap_bpf_loader *l, struct kcap_ns_thread **list, size_t *n,
			char *err, size_t errlen);

/*
 * More thread group ids in the pid set (map "pids"), also while attached:
 * numbers of the reader's pid namespace, which go in as global ids.
 */
int kcap_bpf_add_pids(struct kcap_bpf_loader *l, const int *pids, size_t n, char *err,
		      size_t errlen);

/*
 * Attaches fork tracking first (no child of a captured process is missed),
 * then the exit hook, the enter events' tracepoints, io_uring's and the
 * dispatcher. On success err holds the warnings (enter events or io_uring
 * submissions this kernel cannot give).
 */
int kcap_bpf_attach(struct kcap_bpf_loader *l, char *err, size_t errlen);

/* Detaches in reverse order; maps and buffers stay readable. */
void kcap_bpf_detach(struct kcap_bpf_loader *l);

/* Detaches and frees what the loader allocated (not the object: the backend's). */
void kcap_bpf_loader_free(struct kcap_bpf_loader *l);

/* Kernel memory of the loaded maps (fdinfo's memlock), in bytes. */
uint64_t kcap_bpf_map_bytes(const struct kcap_bpf_loader *l);

/*
 * cb for each loaded program, with its sizes from the kernel; stops at and
 * returns cb's first non-zero value, or a negative errno.
 */
int kcap_bpf_programs(const struct kcap_bpf_loader *l, kcap_program_cb cb, void *ctx);

/* The per-CPU counters (map "stats") summed over ncpus CPUs. */
int kcap_bpf_kstats(const struct kcap_bpf_loader *l, unsigned int ncpus, struct kcap_kstats *sum);

/* An array map of the object by name, or a message saying the object lacks it. */
int kcap_bpf_map_fd(const struct kcap_bpf_loader *l, const char *name, char *err, size_t errlen);

#endif /* KCAP_BPF_LOADER_H */
