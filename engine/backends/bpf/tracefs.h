/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* tracefs and the per-syscall tracepoints, for both eBPF backends. */
#ifndef KCAP_BPF_TRACEFS_H
#define KCAP_BPF_TRACEFS_H

#include <stddef.h>

struct bpf_program;
struct bpf_link;

/* libbpf finds tracepoint ids in tracefs, which is not always mounted: mount it. */
int kcap_bpf_ensure_tracefs(const char *backend, char *err, size_t errlen);

/* Where tracefs lists its events, mounted or not. */
const char *kcap_tracefs_events(void);

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

#endif /* KCAP_BPF_TRACEFS_H */
