/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Everything derived from shared/events.def at compile time: event IDs,
 * parameter counts, fixed sizes. Usable from kernel, BPF and userspace code.
 * The userspace-only part (names and parameter descriptions) is kcap_event_table.h.
 */
#ifndef KCAP_EVENTS_H
#define KCAP_EVENTS_H

#include "kcap_wire.h"

/* How a parameter is encoded on the wire. */
enum kcap_param_type {
	KCAP_PT_S64, /* 8 bytes */
	KCAP_PT_U64,
	KCAP_PT_S32, /* 4 bytes */
	KCAP_PT_U32,
	KCAP_PT_STR, /* NUL-terminated, length includes the NUL */
	KCAP_PT_PATH, /* like STR */
	KCAP_PT_BYTES, /* raw user bytes, possibly truncated to the snaplen */
	KCAP_PT_SOCKADDR, /* raw struct sockaddr bytes as the process passed them */
	KCAP_PT_STRLIST, /* NUL-separated strings (argv) */
	KCAP_PT__COUNT
};

/* Wire size of each type; variable types count as "too large to be fixed". */
#define KCAP_PT_SIZE_S64 8
#define KCAP_PT_SIZE_U64 8
#define KCAP_PT_SIZE_S32 4
#define KCAP_PT_SIZE_U32 4
#define KCAP_PT_SIZE_VARIABLE 0x100000
#define KCAP_PT_SIZE_STR KCAP_PT_SIZE_VARIABLE
#define KCAP_PT_SIZE_PATH KCAP_PT_SIZE_VARIABLE
#define KCAP_PT_SIZE_BYTES KCAP_PT_SIZE_VARIABLE
#define KCAP_PT_SIZE_SOCKADDR KCAP_PT_SIZE_VARIABLE
#define KCAP_PT_SIZE_STRLIST KCAP_PT_SIZE_VARIABLE

/* Where an event is produced. */
enum kcap_hook {
	KCAP_HOOK_SYS_EXIT,
	KCAP_HOOK_SYS_ENTER,
	KCAP_HOOK_PROC_EXIT,
	KCAP_HOOK_IO_URING,
};

enum kcap_event_type {
#define P(name, type, fmt, table)
#define KCAP_EVENT(id, name, hook, sc, params) KCAP_EV_##id,
#include "events.def"
#undef KCAP_EVENT
#undef P
	KCAP_EV__COUNT
};

/* KCAP_NPARAMS_<ID>: how many parameters the event carries. */
enum {
#define P(name, type, fmt, table) +1
#define KCAP_EVENT(id, name, hook, sc, params) KCAP_NPARAMS_##id = 0 params,
#include "events.def"
#undef KCAP_EVENT
#undef P
};

/*
 * KCAP_SIZE_<ID>: exact wire size when every parameter is fixed-size, or a
 * value above KCAP_MAX_EVENT_SIZE otherwise. Backends reserve fixed-size events
 * in place and build the others in a scratch area.
 */
enum {
#define P(name, type, fmt, table) +2 + KCAP_PT_SIZE_##type
#define KCAP_EVENT(id, name, hook, sc, params) KCAP_SIZE_##id = KCAP_HDR_SIZE params,
#include "events.def"
#undef KCAP_EVENT
#undef P
};

/* Every event has at most KCAP_MAX_PARAMS parameters (a power of two: BPF masks with it). */
#define KCAP_MAX_PARAMS 32
#define P(name, type, fmt, table)
#define KCAP_EVENT(id, name, hook, sc, params) \
	_Static_assert(KCAP_NPARAMS_##id <= KCAP_MAX_PARAMS, #id " has too many parameters");
#include "events.def"
#undef KCAP_EVENT
#undef P

/* KCAP_HOOK_OF_<ID>: the hook an event belongs to, for compile-time checks. */
enum {
#define P(name, type, fmt, table)
#define KCAP_EVENT(id, name, hook, sc, params) KCAP_HOOK_OF_##id = KCAP_HOOK_##hook,
#include "events.def"
#undef KCAP_EVENT
#undef P
};

/* For a backend's KCAP_FILLER(ID, HOOK): the filler sits at its table hook. */
#define KCAP_ASSERT_HOOK(ID, HOOK)                                      \
	_Static_assert((int)KCAP_HOOK_OF_##ID == (int)KCAP_HOOK_##HOOK, \
		       #ID " is at the wrong hook in events.def")

#define KCAP_EVENT_IS_FIXED(id) (KCAP_SIZE_##id <= KCAP_MAX_EVENT_SIZE)

/* Syscall numbers are bounded by this table size in every backend. */
#define KCAP_MAX_SYSCALLS 512

/* x32 syscalls are the 64-bit ABI's numbers with this bit (kernels with CONFIG_X86_X32_ABI). */
#define KCAP_X32_SYSCALL_BIT 0x40000000u

/* A number of the x32 range: the bit, and less than 1024 past it. */
static inline int kcap_syscall_is_x32(__u64 nr)
{
	return nr - KCAP_X32_SYSCALL_BIT < 1024;
}

/*
 * KCAP_NR_<name>, KCAP_NR_IA32_<name>: syscall numbers, from the .def files, so that
 * every backend knows them whatever kernel headers it is built with (fchmodat2 is
 * newer than most).
 */
enum {
	KCAP_NR_none = -1, /* events.def: an event of no one syscall */
#define KCAP_SYSCALL(nr, name) KCAP_NR_##name = nr,
#include "syscalls_x86_64.def"
#undef KCAP_SYSCALL
};

enum {
#define KCAP_SYSCALL_IA32(nr, name) KCAP_NR_IA32_##name = nr,
#include "syscalls_ia32.def"
#undef KCAP_SYSCALL_IA32
};

/*
 * An exec that loads a 32-bit image returns as a 32-bit task, its saved number
 * rewritten to ia32 execve's whichever exec syscall ran (the kernel's
 * set_personality_ia32()). So a successful execve seen at a 32-bit exit is such
 * an exec, by 64-bit code too: backends report it as execve (whose filler reads
 * the new image, no argument register), never as a bare compat_syscall.
 */
static inline int kcap_ia32_exec_succeeded(__u64 nr, __s64 ret)
{
	return nr == KCAP_NR_IA32_execve && ret == 0;
}

/*
 * A new process's first syscall exit: its clone, clone3, fork or vfork
 * returning 0. Backends add a captured process's child to the pid set at the
 * sched_process_fork tracepoint, from the parent's side; a kernel that wakes
 * the child before that tracepoint runs (seen on 7.x) would let the child's
 * first syscalls pass unseen, so the child also joins at this exit when its
 * parent is in the set. Every other syscall exit pays one compare.
 */
static inline int kcap_syscall_is_child_return(__u64 nr, __s64 ret)
{
	return ret == 0 && (nr == KCAP_NR_clone || nr == KCAP_NR_clone3 || nr == KCAP_NR_fork ||
			    nr == KCAP_NR_vfork);
}

#endif /* KCAP_EVENTS_H */
