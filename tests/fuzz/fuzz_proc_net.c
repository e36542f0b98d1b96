// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * libFuzzer target: the /proc text the descriptor table parses is untrusted
 * (a fake /proc, a hostile mount, a kernel's format change): the socket
 * tables, a stat line's start time, a descriptor link's kind. None may read
 * out of bounds or name a socket with a name longer than it said.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "state/proc_fd.h"
#include "state/proc_net.h"

static void check_socket(void *ctx, uint64_t ino, int kind, const char *name, size_t len)
{
	(void)ctx;
	(void)kind;
	if (!ino || strlen(name) > len)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy without a terminator: the parsers must stop at size */
	char *text = malloc(size ? size : 1);
	uint64_t v;

	if (!text)
		return 0;
	memcpy(text, data, size);
	kcap_proc_net_parse_inet(text, size, check_socket, NULL);
	kcap_proc_net_parse_unix(text, size, check_socket, NULL);
	kcap_parse_start_time(text, size, &v);
	kcap_fd_link_kind(text, size, &v);
	free(text);
	return 0;
}
