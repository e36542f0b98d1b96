// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Which backends a capture tries, in which order. "auto" tries every backend
 * compiled in, fastest first; "a,b" tries that list; a single name forces one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "select.h"

/*
 * auto's order, lowest added cost per syscall first, as `kcap bench` measures
 * them side by side (the README's "Backend overhead" tables). A host without
 * the module skips kmod at once.
 */
static const struct kcap_backend_ops *const auto_order[] = {
	&kcap_backend_kmod,
	&kcap_backend_modern,
	&kcap_backend_legacy,
};

#define NBACKENDS (sizeof(auto_order) / sizeof(auto_order[0]))

static const struct kcap_backend_ops *by_name(const char *name, size_t len)
{
	for (size_t i = 0; i < NBACKENDS; i++)
		if (strlen(auto_order[i]->name) == len &&
		    strncmp(auto_order[i]->name, name, len) == 0)
			return auto_order[i];
	return NULL;
}

size_t kcap_backend_names(char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "auto");

	for (size_t i = 0; i < NBACKENDS && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, ", %s", auto_order[i]->name);
	return n;
}

int kcap_select(const char *spec, const struct kcap_backend_ops **out, size_t *n, char *err,
		size_t errlen)
{
	const char *p = spec && *spec ? spec : "auto";

	*n = 0;
	if (strcmp(p, "auto") == 0) {
		for (size_t i = 0; i < NBACKENDS; i++)
			out[(*n)++] = auto_order[i];
		return 0;
	}
	while (*p) {
		size_t len = strcspn(p, ",");
		const struct kcap_backend_ops *b = by_name(p, len);
		char names[128];

		if (!b || *n == KCAP_MAX_BACKENDS) {
			kcap_backend_names(names, sizeof(names));
			snprintf(err, errlen, "unknown backend '%.*s' (available: %s)", (int)len, p,
				 names);
			return -EINVAL;
		}
		for (size_t i = 0; i < *n; i++) {
			if (out[i] == b) {
				snprintf(err, errlen, "backend '%s' is listed twice", b->name);
				return -EINVAL;
			}
		}
		out[(*n)++] = b;
		p += len;
		if (*p == ',' && !*++p) {
			snprintf(err, errlen, "empty backend name at the end of '%s'", spec);
			return -EINVAL;
		}
	}
	return 0;
}
