/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* The capture file's blocks: written whole, read back checked (kcap_file_format.h). */
#ifndef KCAP_FILE_BLOCKS_H
#define KCAP_FILE_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kcap_file_format.h"

struct kcap_block_writer {
	int fd;
	const char *path; /* for messages */
	bool compress;
	uint32_t seq;
	uint64_t offset; /* the file's length after its last whole block */
	void *zbuf;
	size_t zcap;
	uint64_t raw_bytes, stored_bytes; /* block contents before and after compression */
	int error; /* the first failure (negative errno): nothing is written after it */
	char errmsg[512];
};

/* Writes the file header to fd (the writer does not own fd). */
int kcap_block_writer_init(struct kcap_block_writer *w, int fd, const char *path, bool compress);
/*
 * Appends one block. A failed write (a full disk) cuts the file back to its
 * last whole block, so what was written stays readable, and fails every later
 * call with the same error.
 */
int kcap_block_write(struct kcap_block_writer *w, uint16_t type, const void *data, size_t len);
void kcap_block_writer_free(struct kcap_block_writer *w);

/*
 * Reading from a file descriptor or from memory. Every length is checked
 * against the file and KCAP_FILE_MAX_BLOCK before anything is allocated.
 */
struct kcap_block_reader {
	int fd; /* -1: read from mem */
	const uint8_t *mem;
	size_t mem_len;
	const char *name; /* for messages */
	uint16_t minor; /* the file's minor version */
	uint64_t offset; /* of the next block */
	uint64_t block_offset; /* of the block last returned */
	uint32_t seq;
	uint8_t *stored, *raw;
	size_t stored_cap, raw_cap;
	bool cut_short; /* the file ends inside a block: written until a crash or a full disk */
	char errmsg[512];
};

/* Reads and checks the file header. -EINVAL (not a kcap file, another byte order) or -EPROTO. */
int kcap_block_reader_init(struct kcap_block_reader *r, int fd, const void *mem, size_t mem_len,
			   const char *name);
/*
 * The next block: 1 with *type, *data (valid until the next call) and *len;
 * 0 at the end of the file (r->cut_short when it ends inside a block, with
 * why in errmsg); a negative errno for a corrupt block (errmsg names it and
 * its offset).
 */
int kcap_block_read(struct kcap_block_reader *r, uint16_t *type, const uint8_t **data, size_t *len);
void kcap_block_reader_free(struct kcap_block_reader *r);

#endif /* KCAP_FILE_BLOCKS_H */
