/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Hexadecimal digits of the text the engine parses (/proc tables, cgroup paths). */
#ifndef KCAP_HEX_H
#define KCAP_HEX_H

/* The value of hexadecimal digit c, or -1. */
static inline int kcap_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif /* KCAP_HEX_H */
