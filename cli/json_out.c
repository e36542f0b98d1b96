// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* JSON strings for kcap probe -j and kcap bench -j. */
#include <stdio.h>
#include "commands.h"

void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}
