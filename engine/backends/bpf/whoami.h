/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The reader's global thread group id, which the eBPF probes compare to
 * exclude the reader: getpid() in the initial pid namespace; elsewhere what
 * bpf_get_current_pid_tgid() says in a raw tracepoint program run once with
 * BPF_PROG_TEST_RUN (5.10+).
 */
#ifndef KCAP_BPF_WHOAMI_H
#define KCAP_BPF_WHOAMI_H

#include <stddef.h>
#include <linux/types.h>

/* 0, or a negative errno and a message naming backend. */
int kcap_bpf_global_tgid(const char *backend, __u32 *tgid, char *err, size_t errlen);

#endif /* KCAP_BPF_WHOAMI_H */
