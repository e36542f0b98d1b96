/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A stream is one per-CPU sequence of wire-format events in timestamp order,
 * read in place. Every backend exposes its buffers as streams; the merge
 * (merge.c) interleaves them by timestamp.
 */
#ifndef KCAP_STREAM_H
#define KCAP_STREAM_H

#include <stdint.h>

struct kcap_stream {
	/* The next event without consuming it, or NULL when there is none yet. */
	const void *(*peek)(struct kcap_stream *s, uint32_t *len);
	/* Releases the event returned by the last peek. */
	void (*consume)(struct kcap_stream *s);
	/* Gives consumed space back to the producer (called when the reader idles). */
	void (*flush)(struct kcap_stream *s);
	uint32_t cpu;
	uint64_t kernel_bytes; /* kernel memory of this ring: data and control pages */
};

/* BPF ring buffer streams (ringbuf_stream.c). */
struct kcap_stream *kcap_ringbuf_stream_open(int map_fd, uint32_t cpu, char *err, size_t errlen);
void kcap_ringbuf_stream_close(struct kcap_stream *s);

/*
 * Perf ring streams (perfbuf_stream.c): opens a BPF-output perf event on cpu
 * with a ring of bytes (a power of two) and gives its fd for the perf event
 * array. lost: samples the kernel reported lost (PERF_RECORD_LOST) so far.
 */
struct kcap_stream *kcap_perfbuf_stream_open(uint32_t cpu, unsigned long bytes, int *fd, char *err,
					     size_t errlen);
uint64_t kcap_perfbuf_stream_lost(const struct kcap_stream *s);
void kcap_perfbuf_stream_close(struct kcap_stream *s);

/* Rings of the kcap kernel module, mapped from /dev/kcap (kmod_stream.c). */
struct kcap_stream *kcap_kmod_stream_open(int dev_fd, uint32_t cpu, uint64_t size, char *err,
					  size_t errlen);
void kcap_kmod_stream_close(struct kcap_stream *s);

#endif /* KCAP_STREAM_H */
