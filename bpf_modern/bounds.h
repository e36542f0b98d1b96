/* SPDX-License-Identifier: GPL-2.0-only */
/* The modern probe's loop bounds (bounded loops, 5.3+): the module's too. */
#ifndef KCAP_MODERN_BOUNDS_H
#define KCAP_MODERN_BOUNDS_H

#define KF_MAX_IOVECS KCAP_MAX_IOVECS
#define KF_MAX_ARGV KCAP_MAX_ARGV
#define KF_MAX_PATH_DEPTH KCAP_MAX_PATH_DEPTH

#endif /* KCAP_MODERN_BOUNDS_H */
