/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Little-endian byte strings for the capture file: a growing buffer to write
 * into, and a bounds-checked cursor to read untrusted bytes with.
 */
#ifndef KCAP_FILE_BYTES_H
#define KCAP_FILE_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct kcap_bytes {
	uint8_t *data;
	size_t len, cap;
	bool oom; /* an append failed: the contents are incomplete */
};

static inline bool kcap_bytes_reserve(struct kcap_bytes *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 4096;
	uint8_t *p;

	if (b->oom || more > SIZE_MAX / 2 - b->len)
		return !(b->oom = true);
	if (b->len + more <= b->cap)
		return true;
	while (cap < b->len + more)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		return !(b->oom = true);
	b->data = p;
	b->cap = cap;
	return true;
}

static inline void kcap_bytes_put(struct kcap_bytes *b, const void *p, size_t n)
{
	if (n && kcap_bytes_reserve(b, n)) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
	}
}

static inline void kcap_bytes_u8(struct kcap_bytes *b, uint8_t v)
{
	kcap_bytes_put(b, &v, 1);
}

static inline void kcap_bytes_u16(struct kcap_bytes *b, uint16_t v)
{
	kcap_bytes_put(b, &v, 2);
}

static inline void kcap_bytes_u32(struct kcap_bytes *b, uint32_t v)
{
	kcap_bytes_put(b, &v, 4);
}

/* A string of at most 255 bytes: a length byte, then the bytes (longer ones are cut). */
static inline void kcap_bytes_str8(struct kcap_bytes *b, const char *s)
{
	size_t n = strlen(s);

	n = n > 255 ? 255 : n;
	kcap_bytes_u8(b, (uint8_t)n);
	kcap_bytes_put(b, s, n);
}

/* key\0value\0 */
static inline void kcap_bytes_kv(struct kcap_bytes *b, const char *key, const char *value)
{
	kcap_bytes_put(b, key, strlen(key) + 1);
	kcap_bytes_put(b, value, strlen(value) + 1);
}

static inline void kcap_bytes_pad8(struct kcap_bytes *b)
{
	static const uint8_t zeros[8];

	kcap_bytes_put(b, zeros, (8 - (b->len & 7)) & 7);
}

static inline void kcap_bytes_free(struct kcap_bytes *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/* Reading: every get checks what is left; a failed one marks the cursor bad and gives 0. */
struct kcap_cursor {
	const uint8_t *data;
	size_t len, off;
	bool bad;
};

static inline const uint8_t *kcap_cursor_take(struct kcap_cursor *c, size_t n)
{
	const uint8_t *p;

	if (c->bad || n > c->len - c->off) {
		c->bad = true;
		return NULL;
	}
	p = c->data + c->off;
	c->off += n;
	return p;
}

static inline uint8_t kcap_cursor_u8(struct kcap_cursor *c)
{
	const uint8_t *p = kcap_cursor_take(c, 1);

	return p ? *p : 0;
}

static inline uint16_t kcap_cursor_u16(struct kcap_cursor *c)
{
	const uint8_t *p = kcap_cursor_take(c, 2);
	uint16_t v = 0;

	if (p)
		memcpy(&v, p, 2);
	return v;
}

static inline uint32_t kcap_cursor_u32(struct kcap_cursor *c)
{
	const uint8_t *p = kcap_cursor_take(c, 4);
	uint32_t v = 0;

	if (p)
		memcpy(&v, p, 4);
	return v;
}

/* A length-prefixed string copied into out (NUL-terminated; out has 256 bytes). */
static inline void kcap_cursor_str8(struct kcap_cursor *c, char out[256])
{
	uint8_t n = kcap_cursor_u8(c);
	const uint8_t *p = kcap_cursor_take(c, n);

	if (p)
		memcpy(out, p, n);
	out[p ? n : 0] = '\0';
}

#endif /* KCAP_FILE_BYTES_H */
