/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * What a capture tells the kernel side, computed once by the engine
 * (engine/config.c) and handed to every backend as it is: the modern probe's
 * read-only settings and want table, the legacy probe's settings and want
 * maps, the module's KCAP_IOC_SET_CONFIG.
 */
#ifndef KCAP_KCONFIG_H
#define KCAP_KCONFIG_H

#include "kcap_events.h"

/* What a capture wants of a syscall number: want[nr] is a set of these bits. */
#define KCAP_WANT_EXIT 1 /* its exit event (dedicated, or GENERIC_X), x86_64 numbering */
#define KCAP_WANT_ENTER 2 /* its enter event: set only for syscalls that have one */
#define KCAP_WANT_IA32 4 /* the 32-bit syscall of that ia32 number: a COMPAT_X event */
#define KCAP_WANT_ALL (KCAP_WANT_EXIT | KCAP_WANT_ENTER | KCAP_WANT_IA32)

/* Syscall numbers outside the table, so that none is invisible. */
#define KCAP_OTHER_BEYOND 1 /* any number past KCAP_MAX_SYSCALLS: a GENERIC_X event */
#define KCAP_OTHER_X32 2 /* an x32 syscall (KCAP_X32_SYSCALL_BIT): an X32_X event */
#define KCAP_OTHER_ALL (KCAP_OTHER_BEYOND | KCAP_OTHER_X32)

struct kcap_ksettings {
	__u32 snaplen; /* bytes of I/O data kept, 1..KCAP_MAX_PARAM_LEN */
	__u32 self_tgid; /* the reader, never captured (the module takes its opener's) */
	__u8 filter_pids; /* only the pids of the pid set and their descendants */
	__u8 capture_procexit; /* the PROCEXIT event */
	__u8 other_syscalls; /* KCAP_OTHER_*: numbers outside the table */
	__u8 capture_io_uring; /* the IO_URING_SUBMIT event */
	/* legacy probe on plain tracepoints: child_pid's offset in sched_process_fork's record */
	__u32 fork_child_pid_off;
};

struct kcap_kconfig {
	struct kcap_ksettings settings;
	__u8 want[KCAP_MAX_SYSCALLS]; /* KCAP_WANT_* bits by syscall number */
};

/*
 * A thread of the reader's pid namespace: its global ids (what the probes
 * compare and events carry) and its numbers there (what the reader knows), as
 * the modern probe's task iterator and the module's KCAP_IOC_NS_THREADS list
 * them for a reader outside the initial pid namespace.
 */
struct kcap_ns_thread {
	__u32 tid;
	__u32 pid; /* thread group id */
	__u32 ns_tid;
	__u32 ns_pid;
};

#endif /* KCAP_KCONFIG_H */
