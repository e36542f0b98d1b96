/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The filler API (shared/filler_api.h) for the kernel module, in plain kernel C.
 * Why not the eBPF probes' stores (shared/bpf/): the module writes each event in
 * place in its ring, bounded by the free space, where they fill a scratch buffer
 * twice the largest event with offsets masked for the verifier.
 *
 * The stores and the syscall and task reads are in pushes.h, written against the
 * kernel functions below, which the unit tests' mock also provides.
 */
#ifndef KCAP_KMOD_FILLER_IMPL_H
#define KCAP_KMOD_FILLER_IMPL_H

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/un.h>
#include <net/af_unix.h>
#include <net/sock.h>
#include <linux/fs_struct.h>
#include <linux/mm_types.h>
#include <linux/mount.h>
#include <linux/path.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <asm/syscall.h>
#include "kcap_compat.h"
#include "kcap_kmod.h"
#include "pushes.h"

/* --- fillers ------------------------------------------------------------- */

typedef void (*kf_fill_fn)(struct kf_ctx *ctx);

#define KCAP_FILLER(ID, HOOK)       \
	KCAP_ASSERT_HOOK(ID, HOOK); \
	static void kf_fill_##ID(struct kf_ctx *ctx)

#endif /* KCAP_KMOD_FILLER_IMPL_H */
