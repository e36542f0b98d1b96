// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* kcap --proc's output, for the capture and kcap bench --reader alike. */
#include <string.h>
#include "kcap.h"
#include "commands.h"

/* --proc: the process object in the JSON object's last member, or after the text line. */
int proc_append(const struct kcap_event *ev, bool json, char *line, int n, size_t size)
{
	static const char key[] = ",\"proc\":";
	int m;

	if (json) {
		if (n < 1 || (size_t)n + sizeof(key) >= size)
			return n;
		m = kcap_format_proc(ev, 1, line + n - 1 + sizeof(key) - 1,
				     size - (size_t)n - sizeof(key) + 1);
		if (m < 0)
			return n;
		memcpy(line + n - 1, key, sizeof(key) - 1);
		n += (int)sizeof(key) - 2 + m;
		line[n++] = '}';
		return n;
	}
	if ((size_t)n + 2 >= size)
		return n;
	m = kcap_format_proc(ev, 0, line + n + 1, size - (size_t)n - 1);
	if (m < 0)
		return n;
	line[n] = ' ';
	return n + 1 + m;
}
