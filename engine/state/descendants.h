/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The processes that already descend from the capture's pids when it starts
 * (kcap -p): the kernel's fork hook only sees children created after it is
 * attached, so the reader adds the existing ones from /proc.
 */
#ifndef KCAP_DESCENDANTS_H
#define KCAP_DESCENDANTS_H

#include <stddef.h>

/*
 * The descendants of roots (thread group ids) in proc_root, one /proc scan:
 * a new array in *out (free() it), their count in *n. Processes that vanish
 * mid-scan or whose stat cannot be parsed are left out. 0 or a negative errno.
 */
int kcap_proc_descendants(const char *proc_root, const int *roots, size_t nroots, int **out,
			  size_t *n);

#endif /* KCAP_DESCENDANTS_H */
