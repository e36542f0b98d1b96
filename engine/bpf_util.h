/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* What the two eBPF backends need alike. */
#ifndef KCAP_BPF_UTIL_H
#define KCAP_BPF_UTIL_H

#include "kcap_wire.h"

/* libbpf finds tracepoint ids in tracefs, which is not always mounted: mount it. */
int kcap_bpf_ensure_tracefs(const char *backend, char *err, size_t errlen);

/* Sums a per-CPU array map of struct kcap_kstats (one entry) over ncpus CPUs. */
int kcap_bpf_read_kstats(int map_fd, unsigned int ncpus, struct kcap_kstats *sum);

#endif /* KCAP_BPF_UTIL_H */
