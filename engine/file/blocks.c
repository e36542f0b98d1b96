// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Block framing of the capture file: checksums, sequence numbers, zstd. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>
#include <zstd.h>
#include "blocks.h"
#include "crc32c.h"

#define ZSTD_LEVEL 1 /* the writer must keep up with the capture: speed over ratio */

static uint32_t block_crc(const struct kcap_file_block *hdr, const void *data, size_t len)
{
	struct kcap_file_block h = *hdr;

	h.crc = 0;
	return kcap_crc32c(kcap_crc32c(0, &h, sizeof(h)), data, len);
}

/*
 * The n pieces at the end of the file; on failure the file is cut back to
 * its last whole block (a partial one would only read as cut short) and the
 * writer fails from then on.
 */
static int write_all(struct kcap_block_writer *w, const struct iovec *piece, int n)
{
	uint64_t at = w->offset;

	for (int i = 0; i < n; i++) {
		const uint8_t *p = piece[i].iov_base;
		size_t done = 0, len = piece[i].iov_len;

		while (done < len) {
			ssize_t got = write(w->fd, p + done, len - done);

			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				w->error = got < 0 ? -errno : -ENOSPC;
				snprintf(w->errmsg, sizeof(w->errmsg),
					 "cannot write %s at offset %llu: %s; the %llu bytes "
					 "before it stay readable",
					 w->path, (unsigned long long)at + done,
					 strerror(-w->error), (unsigned long long)w->offset);
				if (ftruncate(w->fd, (off_t)w->offset) == 0)
					lseek(w->fd, (off_t)w->offset, SEEK_SET);
				return w->error;
			}
			done += (size_t)got;
		}
		at += len;
	}
	w->offset = at;
	return 0;
}

int kcap_block_writer_init(struct kcap_block_writer *w, int fd, const char *path, bool compress)
{
	struct kcap_file_header h = {
		.major = KCAP_FILE_MAJOR,
		.minor = KCAP_FILE_MINOR,
		.byte_order = KCAP_FILE_BYTE_ORDER,
	};

	off_t at = lseek(fd, 0, SEEK_CUR); /* -1 for a pipe: nothing to cut back then */

	memset(w, 0, sizeof(*w));
	w->offset = at > 0 ? (uint64_t)at : 0;
	w->fd = fd;
	w->path = path;
	w->compress = compress;
	struct iovec piece = { &h, sizeof(h) };

	memcpy(h.magic, KCAP_FILE_MAGIC, sizeof(h.magic));
	return write_all(w, &piece, 1);
}

/* data compressed into w->zbuf; 0 when compression does not pay (or fails): store it plain. */
static size_t compress_block(struct kcap_block_writer *w, const void *data, size_t len)
{
	size_t bound = ZSTD_compressBound(len), n;

	if (bound > w->zcap) {
		void *p = realloc(w->zbuf, bound);

		if (!p)
			return 0;
		w->zbuf = p;
		w->zcap = bound;
	}
	n = ZSTD_compress(w->zbuf, w->zcap, data, len, ZSTD_LEVEL);
	return ZSTD_isError(n) || n >= len ? 0 : n;
}

int kcap_block_write(struct kcap_block_writer *w, uint16_t type, const void *data, size_t len)
{
	struct kcap_file_block hdr = {
		.magic = KCAP_FILE_BLOCK_MAGIC,
		.type = type,
		.raw_len = (uint32_t)len,
		.seq = w->seq,
	};
	struct iovec piece[2] = { { &hdr, sizeof(hdr) }, { (void *)data, len } };
	size_t z;
	int ret;

	if (w->error)
		return w->error;
	if (len > KCAP_FILE_MAX_BLOCK) {
		snprintf(w->errmsg, sizeof(w->errmsg),
			 "%s: a block of %zu bytes is over the %u a "
			 "block may hold",
			 w->path, len, KCAP_FILE_MAX_BLOCK);
		return w->error = -EFBIG;
	}
	if (w->compress && len && (z = compress_block(w, data, len))) {
		piece[1].iov_base = w->zbuf;
		piece[1].iov_len = z;
		hdr.flags |= KCAP_FILE_BLOCK_ZSTD;
	}
	hdr.stored_len = (uint32_t)piece[1].iov_len;
	hdr.crc = block_crc(&hdr, piece[1].iov_base, piece[1].iov_len);
	ret = write_all(w, piece, 2);
	if (ret)
		return ret;
	w->seq++;
	w->raw_bytes += len;
	w->stored_bytes += piece[1].iov_len;
	return 0;
}

void kcap_block_writer_free(struct kcap_block_writer *w)
{
	free(w->zbuf);
	w->zbuf = NULL;
	w->zcap = 0;
}

/* Up to len bytes at off; how many there were (fewer at the end of the file), or -errno. */
static ssize_t read_at(struct kcap_block_reader *r, void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	if (r->fd < 0) {
		if (off >= r->mem_len)
			return 0;
		done = r->mem_len - off < len ? r->mem_len - off : len;
		memcpy(buf, r->mem + off, done);
		return (ssize_t)done;
	}
	while (done < len) {
		ssize_t n = pread(r->fd, (uint8_t *)buf + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

int kcap_block_reader_init(struct kcap_block_reader *r, int fd, const void *mem, size_t mem_len,
			   const char *name)
{
	struct kcap_file_header h;
	ssize_t n;

	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->mem = mem;
	r->mem_len = mem_len;
	r->name = name;
	n = read_at(r, &h, sizeof(h), 0);
	if (n < 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%s: cannot read: %s", name,
			 strerror((int)-n));
		return (int)n;
	}
	if (n == 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%s: the file is empty", name);
		return -EINVAL;
	}
	if ((size_t)n < sizeof(h) || memcmp(h.magic, KCAP_FILE_MAGIC, sizeof(h.magic)) != 0) {
		snprintf(r->errmsg, sizeof(r->errmsg),
			 "%s: not a kcap capture file (no kcap file header at offset 0)", name);
		return -EINVAL;
	}
	if (h.byte_order != KCAP_FILE_BYTE_ORDER) {
		snprintf(r->errmsg, sizeof(r->errmsg),
			 "%s: written in another byte order (marker 0x%08x at offset 12): this "
			 "kcap reads little-endian files only",
			 name, h.byte_order);
		return -EINVAL;
	}
	if (h.major != KCAP_FILE_MAJOR) {
		snprintf(r->errmsg, sizeof(r->errmsg),
			 "%s: format version %u.%u; this kcap reads version %u.x only%s", name,
			 (unsigned int)h.major, (unsigned int)h.minor,
			 (unsigned int)KCAP_FILE_MAJOR,
			 h.major > KCAP_FILE_MAJOR ? ": a newer kcap wrote it" : "");
		return -EPROTO;
	}
	r->minor = h.minor;
	r->offset = sizeof(h);
	return 0;
}

static int grow(uint8_t **buf, size_t *cap, size_t len)
{
	uint8_t *p;

	if (len <= *cap)
		return 0;
	p = realloc(*buf, len);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*cap = len;
	return 0;
}

/* The reader's view of a block that ends the file early: not an error, what came before stands. */
static int cut_short(struct kcap_block_reader *r, const char *what, uint64_t need, uint64_t have)
{
	r->cut_short = true;
	snprintf(r->errmsg, sizeof(r->errmsg),
		 "%s was cut short: the block at offset %llu needs %llu bytes of %s, the file "
		 "has %llu (the capture ended abruptly); everything before it was read",
		 r->name, (unsigned long long)r->offset, (unsigned long long)need, what,
		 (unsigned long long)have);
	return 0;
}

static int corrupt(struct kcap_block_reader *r, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int corrupt(struct kcap_block_reader *r, int err, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): va_start just did */
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(r->errmsg, sizeof(r->errmsg), "%s: corrupt block at offset %llu: %s", r->name,
		 (unsigned long long)r->offset, why);
	return err;
}

static int decompress(struct kcap_block_reader *r, const struct kcap_file_block *h)
{
	unsigned long long size = ZSTD_getFrameContentSize(r->stored, h->stored_len);
	size_t n;

	if (size != h->raw_len)
		return corrupt(r, -EBADMSG,
			       "its zstd frame does not hold the %u bytes its header gives",
			       h->raw_len);
	if (grow(&r->raw, &r->raw_cap, h->raw_len ? h->raw_len : 1))
		return corrupt(r, -ENOMEM, "out of memory for %u bytes", h->raw_len);
	n = ZSTD_decompress(r->raw, h->raw_len, r->stored, h->stored_len);
	if (ZSTD_isError(n) || n != h->raw_len)
		return corrupt(r, -EBADMSG, "its zstd data does not decompress (%u bytes)",
			       h->stored_len);
	return 0;
}

int kcap_block_read(struct kcap_block_reader *r, uint16_t *type, const uint8_t **data, size_t *len)
{
	struct kcap_file_block h;
	ssize_t n = read_at(r, &h, sizeof(h), r->offset);
	int ret;

	if (n < 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%s: cannot read at offset %llu: %s",
			 r->name, (unsigned long long)r->offset, strerror((int)-n));
		return (int)n;
	}
	if (n == 0)
		return 0;
	if ((size_t)n < sizeof(h))
		return cut_short(r, "header", sizeof(h), (uint64_t)n);
	/* a crash can leave zeros past the last write (delayed allocation) */
	if (h.magic == 0 && h.stored_len == 0 && h.crc == 0 && h.seq == 0)
		return cut_short(r, "header (zeros found)", sizeof(h), 0);
	if (h.magic != KCAP_FILE_BLOCK_MAGIC)
		return corrupt(r, -EBADMSG, "no block header (0x%08x where \"KBLK\" belongs)",
			       h.magic);
	if (h.stored_len > KCAP_FILE_MAX_BLOCK || h.raw_len > KCAP_FILE_MAX_BLOCK)
		return corrupt(r, -EBADMSG, "it claims %u bytes, over the 16 MiB a block may hold",
			       h.stored_len > h.raw_len ? h.stored_len : h.raw_len);
	if (h.flags & ~KCAP_FILE_BLOCK_ZSTD)
		return corrupt(r, -EBADMSG, "unknown flags 0x%x", h.flags);
	if (!(h.flags & KCAP_FILE_BLOCK_ZSTD) && h.stored_len != h.raw_len)
		return corrupt(r, -EBADMSG,
			       "an uncompressed block whose two lengths differ (%u, %u)",
			       h.stored_len, h.raw_len);
	if (grow(&r->stored, &r->stored_cap, h.stored_len ? h.stored_len : 1))
		return corrupt(r, -ENOMEM, "out of memory for %u bytes", h.stored_len);
	n = read_at(r, r->stored, h.stored_len, r->offset + sizeof(h));
	if (n < 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%s: cannot read at offset %llu: %s",
			 r->name, (unsigned long long)r->offset, strerror((int)-n));
		return (int)n;
	}
	if ((size_t)n < h.stored_len)
		return cut_short(r, "data", h.stored_len, (uint64_t)n);
		/* the fuzz targets' mutations must reach what the checksum guards */
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	if (block_crc(&h, r->stored, h.stored_len) != h.crc)
		return corrupt(r, -EBADMSG, "bad checksum (CRC-32C 0x%08x in its header)", h.crc);
#endif
	if (h.seq != r->seq)
		return corrupt(r, -EBADMSG, "out of sequence (block number %u where %u belongs)",
			       h.seq, r->seq);
	if (h.flags & KCAP_FILE_BLOCK_ZSTD) {
		ret = decompress(r, &h);
		if (ret)
			return ret;
		*data = r->raw;
	} else {
		*data = r->stored;
	}
	*type = h.type;
	*len = h.raw_len;
	r->block_offset = r->offset;
	r->offset += sizeof(h) + h.stored_len;
	r->seq++;
	return 1;
}

void kcap_block_reader_free(struct kcap_block_reader *r)
{
	free(r->stored);
	free(r->raw);
	r->stored = r->raw = NULL;
	r->stored_cap = r->raw_cap = 0;
}
