/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* CRC-32C (Castagnoli), the capture file's block checksum. */
#ifndef KCAP_CRC32C_H
#define KCAP_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* Continues crc (0 to start) over len bytes of data. */
uint32_t kcap_crc32c(uint32_t crc, const void *data, size_t len);

#endif /* KCAP_CRC32C_H */
