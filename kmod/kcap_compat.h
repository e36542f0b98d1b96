/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every difference between the kernels the module builds for (5.10 and later)
 * lives here, so that the rest of the module is written against one API.
 * Version checks are for interfaces that changed upstream at that release;
 * __has_include() where a header moved. Helpers are kcap_-prefixed, never
 * the kernel's own names: a distribution kernel may have backported the
 * kernel's version, and a second definition would not build.
 */
#ifndef KCAP_COMPAT_H
#define KCAP_COMPAT_H

#include <linux/build_bug.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/tracepoint.h>
#include <linux/types.h>
#include <linux/version.h>
#include <trace/events/sched.h>
#include <trace/events/syscalls.h>
#ifdef KCAP_URING_TP /* set by Kbuild from the headers (shared/io_uring_tp.sh) */
#include <trace/events/io_uring.h>
#include "kcap_uring.h"
#endif

#if __has_include(<linux/unaligned.h>) /* 6.12 moved it out of asm/ */
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* 6.3 made vma->vm_flags read-only: changes go through vm_flags_mod(). */
static inline void kcap_vma_set(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif
}

/*
 * Waits until no probe runs. Up to 6.12 the four tracepoints call their probes
 * with preemption disabled (they are neither rcuidle nor faultable), which
 * synchronize_rcu() waits for; tracepoint_synchronize_unregister() would add an
 * SRCU grace period that only rcuidle tracepoints need, and that SRCU grace
 * period was seen taking minutes on a busy emulated (TCG) machine. From 6.13
 * the syscall tracepoints run their probes in a faultable (RCU tasks trace)
 * section: there, the full tracepoint_synchronize_unregister().
 */
static inline void kcap_sync_probes(void)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
	synchronize_rcu();
#else
	tracepoint_synchronize_unregister();
#endif
}

/*
 * The probes' parameters, after the registration's data pointer: exactly each
 * tracepoint's TP_PROTO. A probe is called through a pointer of the
 * tracepoint's type, so any other prototype is undefined behaviour that a CFI
 * kernel traps. KCAP_CHECK_PROBE() proves them against the kernel's headers.
 */
#define KCAP_SYS_ENTER_ARGS struct pt_regs *regs, long id
#define KCAP_SYS_EXIT_ARGS struct pt_regs *regs, long ret
#define KCAP_SCHED_FORK_ARGS struct task_struct *parent, struct task_struct *child
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define KCAP_SCHED_EXIT_ARGS struct task_struct *p, bool group_dead
#else
#define KCAP_SCHED_EXIT_ARGS struct task_struct *p
#endif

/* io_uring's submission tracepoint, in each of its shapes (kcap_uring.h). */
#if !defined(KCAP_URING_TP)
#elif KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_REQ
#define KCAP_URING_ARGS struct io_kiocb *req
#elif KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_REQ
#define KCAP_URING_ARGS struct io_kiocb *req, bool force_nonblock
#elif KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_CTX_REQ
#define KCAP_URING_ARGS                                                                  \
	void *ring, void *req, u8 opcode, u64 user_data, u32 flags, bool force_nonblock, \
		bool sq_thread
#elif KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_OPCODE
#define KCAP_URING_ARGS void *ring, u8 opcode, u64 user_data, bool force_nonblock, bool sq_thread
#else
#error "unknown KCAP_URING_TP_LAYOUT"
#endif

/*
 * Fails the build when probe's type is not the one tracepoint tp calls. The
 * kernel's register_trace_<tp>() takes a probe of exactly that type; it is
 * only named here, never called: the tracepoints are not exported to modules.
 */
#define KCAP_CHECK_PROBE(tp, probe)                                                       \
	static_assert(__same_type(&register_trace_##tp, int (*)(typeof(&probe), void *)), \
		      #probe "() does not have the prototype of tracepoint " #tp          \
			     " in this kernel: fix KCAP_*_ARGS in kcap_compat.h")
/* The same for a tracepoint named by a macro (KCAP_URING_TP). */
#define KCAP_CHECK_PROBE_OF(tp, probe) KCAP_CHECK_PROBE(tp, probe)

#endif /* KCAP_COMPAT_H */
