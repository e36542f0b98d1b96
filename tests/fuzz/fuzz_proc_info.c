// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * libFuzzer target: the /proc text the process table parses is untrusted
 * (a fake /proc, a hostile mount, a process naming its own cgroup): status,
 * cgroup and the container id of a cgroup path. None may read out of
 * bounds, return a path outside the text, or an id longer than its bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "state/container.h"
#include "state/proc_info.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy without a terminator: the parsers must stop at size */
	char *text = malloc(size ? size : 1), id[KCAP_CONTAINER_ID_MAX + 1];
	struct kcap_proc p = { 0 };
	const char *path, *runtime;
	size_t len;

	if (!text)
		return 0;
	memcpy(text, data, size);
	kcap_proc_parse_status(text, size, &p);
	if (!kcap_proc_parse_cgroup(text, size, &path, &len) &&
	    (path < text || path + len > text + size))
		abort();
	if (kcap_container_parse(text, size, id, &runtime) &&
	    (strlen(id) > KCAP_CONTAINER_ID_MAX || !*id || !*runtime))
		abort();
	free(text);
	return 0;
}
