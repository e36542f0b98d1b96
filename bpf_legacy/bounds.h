/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The legacy probe's loop bounds: 4.14 has no loops, so every loop is
 * unrolled and must fit in 4096 instructions (README.md).
 */
#ifndef KCAP_LEGACY_BOUNDS_H
#define KCAP_LEGACY_BOUNDS_H

#define KF_MAX_IOVECS 8
#define KF_MAX_ARGV 16
#define KF_MAX_PATH_DEPTH 16

#endif /* KCAP_LEGACY_BOUNDS_H */
