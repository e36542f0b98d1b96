// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Container ids from cgroup paths (container.h). The runtimes' layouts:
 *   docker        .../docker-<64 hex>.scope (systemd), /docker/<64 hex> (cgroupfs)
 *   containerd    .../cri-containerd-<hex>.scope
 *   cri-o         .../crio-<hex>.scope (crio-conmon-<hex>.scope is its monitor)
 *   podman        .../libpod-<hex>.scope, /libpod_parent/libpod-<hex> (cgroupfs);
 *                 libpod-conmon-<hex>.scope is its monitor
 *   nspawn        /machine.slice/machine-<name>.scope, systemd-escaped
 * A path is read from its last component up: the innermost container wins.
 */
#include <stdbool.h>
#include <string.h>
#include "container.h"
#include "hex.h"

#define ID_MIN_HEX 12 /* shorter hex is no runtime's id: a unit named by chance */

struct span {
	const char *s;
	size_t len;
};

static bool has_prefix(struct span c, const char *prefix)
{
	size_t n = strlen(prefix);

	return c.len >= n && memcmp(c.s, prefix, n) == 0;
}

static bool is(struct span c, const char *word)
{
	return c.len == strlen(word) && memcmp(c.s, word, c.len) == 0;
}

/* c with prefix and suffix removed, when it has both. */
static bool strip(struct span c, const char *prefix, const char *suffix, struct span *mid)
{
	size_t p = strlen(prefix), s = strlen(suffix);

	if (c.len < p + s || memcmp(c.s, prefix, p) != 0 || memcmp(c.s + c.len - s, suffix, s) != 0)
		return false;
	mid->s = c.s + p;
	mid->len = c.len - p - s;
	return true;
}

static bool hex_id(struct span c, size_t min)
{
	if (c.len < min || c.len > KCAP_CONTAINER_ID_MAX)
		return false;
	for (size_t i = 0; i < c.len; i++)
		if (!((c.s[i] >= '0' && c.s[i] <= '9') || (c.s[i] >= 'a' && c.s[i] <= 'f')))
			return false;
	return true;
}

/* A systemd-escaped machine name ("my\x2dbox" is "my-box"), printable ASCII only. */
static bool machine_name(struct span c, char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < c.len; i++) {
		int ch = (unsigned char)c.s[i];

		if (ch == '\\' && i + 3 < c.len && c.s[i + 1] == 'x' &&
		    kcap_hex_digit(c.s[i + 2]) >= 0 && kcap_hex_digit(c.s[i + 3]) >= 0) {
			ch = kcap_hex_digit(c.s[i + 2]) * 16 + kcap_hex_digit(c.s[i + 3]);
			i += 3;
		}
		if (ch <= 0x20 || ch >= 0x7f || n == KCAP_CONTAINER_ID_MAX)
			return false;
		id[n++] = (char)ch;
	}
	id[n] = '\0';
	return n > 0;
}

static bool set_id(struct span c, char *id)
{
	memcpy(id, c.s, c.len);
	id[c.len] = '\0';
	return true;
}

/* Whether component c (below parent, possibly empty) names a container. */
static bool component(struct span c, struct span parent, char *id, const char **runtime)
{
	struct span mid;

	if (strip(c, "docker-", ".scope", &mid) && hex_id(mid, 64)) {
		*runtime = "docker";
		return set_id(mid, id);
	}
	if (is(parent, "docker") && hex_id(c, 64)) {
		*runtime = "docker";
		return set_id(c, id);
	}
	if (strip(c, "cri-containerd-", ".scope", &mid) && hex_id(mid, ID_MIN_HEX)) {
		*runtime = "containerd";
		return set_id(mid, id);
	}
	if (strip(c, "crio-", ".scope", &mid) && hex_id(mid, ID_MIN_HEX)) {
		*runtime = "cri-o";
		return set_id(mid, id);
	}
	if ((strip(c, "libpod-", ".scope", &mid) || strip(c, "libpod-", "", &mid)) &&
	    hex_id(mid, ID_MIN_HEX)) {
		*runtime = "podman";
		return set_id(mid, id);
	}
	if (is(parent, "machine.slice") && !has_prefix(c, "machine-libpod") &&
	    strip(c, "machine-", ".scope", &mid) && machine_name(mid, id)) {
		*runtime = "systemd-nspawn";
		return true;
	}
	return false;
}

int kcap_container_parse(const char *path, size_t len, char id[KCAP_CONTAINER_ID_MAX + 1],
			 const char **runtime)
{
	struct span c, parent;
	size_t end = len;

	while (len && path[len - 1] == '\n')
		end = --len;
	while (end > 0) {
		size_t start = end;

		while (start > 0 && path[start - 1] != '/')
			start--;
		c = (struct span){ path + start, end - start };
		parent = (struct span){ path + start, 0 };
		if (start > 0) {
			size_t pstart = start - 1;

			while (pstart > 0 && path[pstart - 1] != '/')
				pstart--;
			parent = (struct span){ path + pstart, start - 1 - pstart };
		}
		if (c.len && component(c, parent, id, runtime))
			return 1;
		end = start ? start - 1 : 0;
	}
	id[0] = '\0';
	*runtime = "";
	return 0;
}
