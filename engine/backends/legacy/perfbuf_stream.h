/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Perf ring streams (perfbuf_stream.c). */
#ifndef KCAP_PERFBUF_STREAM_H
#define KCAP_PERFBUF_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include "../stream.h"

/*
 * Opens a BPF-output perf event on cpu with a ring of bytes (a power of two)
 * and gives its fd for the perf event array.
 */
struct kcap_stream *kcap_perfbuf_stream_open(uint32_t cpu, unsigned long bytes, int *fd, char *err,
					     size_t errlen);
/* Samples the kernel reported lost (PERF_RECORD_LOST) so far. */
uint64_t kcap_perfbuf_stream_lost(const struct kcap_stream *s);
void kcap_perfbuf_stream_close(struct kcap_stream *s);

#endif /* KCAP_PERFBUF_STREAM_H */
