/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* BPF ring buffer streams (ringbuf_stream.c). */
#ifndef KCAP_RINGBUF_STREAM_H
#define KCAP_RINGBUF_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include "../stream.h"

struct kcap_stream *kcap_ringbuf_stream_open(int map_fd, uint32_t cpu, char *err, size_t errlen);
void kcap_ringbuf_stream_close(struct kcap_stream *s);

#endif /* KCAP_RINGBUF_STREAM_H */
