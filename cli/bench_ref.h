/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* kcap bench's reference capture (bench_ref.bpf.c), and its reader (bench_ref.c). */
#ifndef KCAP_BENCH_REF_H
#define KCAP_BENCH_REF_H

#ifndef __bpf__
#include <linux/types.h>
#endif

#define BENCH_REF_RING_BYTES (8u << 20) /* as kcap's default per-CPU buffer */

struct bench_ref_record {
	__u64 ts;
	__u32 tid;
	__u32 pid;
	__s64 nr;
	__s64 ret;
};

#ifndef __bpf__
#include <stddef.h>
#include <stdint.h>

struct bench_ref;

/* Loads and attaches the reference program; a negative errno and err on failure. */
int bench_ref_open(struct bench_ref **out, char *err, size_t errlen);
/* Consumes the records there are; how many, or a negative errno. */
int bench_ref_poll(struct bench_ref *r);
uint64_t bench_ref_drops(const struct bench_ref *r);
uint64_t bench_ref_kernel_bytes(const struct bench_ref *r);
void bench_ref_close(struct bench_ref *r);
#endif

#endif /* KCAP_BENCH_REF_H */
