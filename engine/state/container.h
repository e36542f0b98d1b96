/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A process's container, from its cgroup path: each runtime names the
 * cgroup it makes after the container (docker, containerd, cri-o, podman,
 * systemd-nspawn; systemd's scope names and cgroupfs directories, cgroup v1
 * and v2 alike).
 */
#ifndef KCAP_CONTAINER_H
#define KCAP_CONTAINER_H

#include <stddef.h>

/* A container id: docker's 64 hex digits, or a machine name of nspawn (at most 64). */
#define KCAP_CONTAINER_ID_MAX 64

/*
 * The container of cgroup path (len bytes, not NUL-terminated): its id in
 * id (NUL-terminated, at most KCAP_CONTAINER_ID_MAX characters) and the
 * runtime's name ("docker", "containerd", "cri-o", "podman",
 * "systemd-nspawn") in *runtime; the innermost one for nested containers.
 * 1 when found, 0 when the path is no container's (the host).
 */
int kcap_container_parse(const char *path, size_t len, char id[KCAP_CONTAINER_ID_MAX + 1],
			 const char **runtime);

#endif /* KCAP_CONTAINER_H */
