/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A bounded string builder for the formatters: appends never write past the
 * end; an overflow is remembered and reported once at the end. No printf on
 * the per-event path.
 */
#ifndef KCAP_SBUF_H
#define KCAP_SBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct sbuf {
	char *p;
	size_t len;
	size_t cap; /* bytes usable for text; one more is kept for the NUL */
	bool overflow;
};

static inline void sb_init(struct sbuf *sb, char *buf, size_t size)
{
	sb->p = buf;
	sb->len = 0;
	sb->cap = size ? size - 1 : 0;
	sb->overflow = size == 0;
}

static inline void sb_putn(struct sbuf *sb, const char *s, size_t n)
{
	if (n > sb->cap - sb->len) {
		n = sb->cap - sb->len;
		sb->overflow = true;
	}
	memcpy(sb->p + sb->len, s, n);
	sb->len += n;
}

static inline void sb_puts(struct sbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

static inline void sb_putc(struct sbuf *sb, char c)
{
	if (sb->len < sb->cap)
		sb->p[sb->len++] = c;
	else
		sb->overflow = true;
}

static inline void sb_u64(struct sbuf *sb, uint64_t v)
{
	char tmp[20];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_putn(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

static inline void sb_s64(struct sbuf *sb, int64_t v)
{
	if (v < 0) {
		sb_putc(sb, '-');
		sb_u64(sb, (uint64_t)0 - (uint64_t)v);
	} else {
		sb_u64(sb, (uint64_t)v);
	}
}

/* Zero-padded to width digits. */
static inline void sb_u64_pad(struct sbuf *sb, uint64_t v, int width)
{
	char tmp[20];
	int i = sizeof(tmp);

	while (i > (int)sizeof(tmp) - width || v) {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
		if (i == 0)
			break;
	}
	sb_putn(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

static inline void sb_hex(struct sbuf *sb, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[18];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v & 0xf];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	sb_putn(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

static inline void sb_oct(struct sbuf *sb, uint64_t v)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + (v & 7));
		v >>= 3;
	} while (v);
	if (tmp[i] != '0')
		tmp[--i] = '0';
	sb_putn(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

/* NUL-terminates; the formatted length, or -ENOSPC on overflow. */
static inline int sb_finish(struct sbuf *sb)
{
	if (sb->cap || sb->p)
		sb->p[sb->len] = '\0';
	return sb->overflow ? -28 /* ENOSPC */ : (int)sb->len;
}

#endif /* KCAP_SBUF_H */
