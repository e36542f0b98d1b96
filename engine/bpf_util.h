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
 * events' fillers run (never a generic sys_enter hook). Where the tracepoint
 * cannot exist (no tracefs, a kernel without syscall tracepoints or without
 * that syscall), the capture goes on without that enter event: 0 with *link
 * NULL and why saying so, a warning for the user. A failure to attach is a
 * negative errno with why naming the backend and the tracepoint.
 */
int kcap_bpf_attach_sys_enter(const char *backend, struct bpf_program *prog, const char *syscall,
			      struct bpf_link **link, char *why, size_t whylen);

/* Appends line to the newline-separated list of warnings in buf, once. */
void kcap_add_warning(char *buf, size_t len, const char *line);

/* Kernel memory of the loaded maps of obj (fdinfo's memlock), in bytes. */
uint64_t kcap_bpf_object_map_bytes(const struct bpf_object *obj);

/* Sums a per-CPU array map of struct kcap_kstats (one entry) over ncpus CPUs. */
int kcap_bpf_read_kstats(int map_fd, unsigned int ncpus, struct kcap_kstats *sum);

#endif /* KCAP_BPF_UTIL_H */
