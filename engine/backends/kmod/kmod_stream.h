/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Rings of the kcap kernel module, mapped from /dev/kcap (kmod_stream.c). */
#ifndef KCAP_KMOD_STREAM_H
#define KCAP_KMOD_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include "../stream.h"

struct kcap_stream *kcap_kmod_stream_open(int dev_fd, uint32_t cpu, uint64_t size, char *err,
					  size_t errlen);
void kcap_kmod_stream_close(struct kcap_stream *s);

#endif /* KCAP_KMOD_STREAM_H */
