/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* What the two eBPF backends need alike. */
#ifndef KCAP_BPF_UTIL_H
#define KCAP_BPF_UTIL_H

#include "kcap_wire.h"

/* libbpf finds tracepoint ids in tracefs, which is not always mounted: mount it. */
int kcap_bpf_ensure_tracefs(const char *backend, char *err, size_t errlen);

struct bpf_object;
struct bpf_program;
struct bpf_link;

/*
 * Attaches PROG to the tracepoint syscalls:sys_enter_<syscall>, where enter
 * events' fillers run (never a generic sys_enter hook). A syscall the kernel
 * lacks has no tracepoint: 0 with *link NULL. Errors are negative errnos with
 * the backend's name and what to do in err.
 */
int kcap_bpf_attach_sys_enter(const char *backend, struct bpf_program *prog, const char *syscall,
			      struct bpf_link **link, char *err, size_t errlen);

/* Kernel memory of the loaded maps of obj (fdinfo's memlock), in bytes. */
uint64_t kcap_bpf_object_map_bytes(const struct bpf_object *obj);

/* Sums a per-CPU array map of struct kcap_kstats (one entry) over ncpus CPUs. */
int kcap_bpf_read_kstats(int map_fd, unsigned int ncpus, struct kcap_kstats *sum);

#endif /* KCAP_BPF_UTIL_H */
