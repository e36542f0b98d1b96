/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The userspace view of shared/events.def: names, parameter descriptions and
 * print formats, for the decoder, the CLI and the backends' loaders.
 */
#ifndef KCAP_EVENT_TABLE_H
#define KCAP_EVENT_TABLE_H

#include <stdint.h>
#include "kcap_events.h"

/*
 * How a parameter is shown to people: KCAP_PARAM_FMT(NAME) gives KCAP_PF_NAME,
 * and its name in capture files' schemas is "NAME".
 */
#define KCAP_PARAM_FMTS(KCAP_PARAM_FMT)                                                    \
	KCAP_PARAM_FMT(DEC)                                                                \
	KCAP_PARAM_FMT(HEX)                                                                \
	KCAP_PARAM_FMT(OCT)                                                                \
	KCAP_PARAM_FMT(DEV) /* a device number as stat(2) gives it: major:minor in text */ \
	KCAP_PARAM_FMT(FD) /* AT_FDCWD shown by name; negative results as errno */         \
	KCAP_PARAM_FMT(ERRNO) /* integer, or -ENAME when negative */                       \
	KCAP_PARAM_FMT(PID) /* like ERRNO for results */                                   \
	KCAP_PARAM_FMT(UID)                                                                \
	KCAP_PARAM_FMT(ADDR) /* hex address, or -ENAME when an error result */             \
	KCAP_PARAM_FMT(FLAGS) /* OR of the names in the parameter's table */               \
	KCAP_PARAM_FMT(ENUM) /* one name from the parameter's table */                     \
	KCAP_PARAM_FMT(SIGNAL)                                                             \
	KCAP_PARAM_FMT(SYSCALL) /* a syscall number, shown by name */                      \
	KCAP_PARAM_FMT(SYSCALL_IA32) /* an ia32 syscall number, shown by name */           \
	KCAP_PARAM_FMT(PATH)                                                               \
	KCAP_PARAM_FMT(STR)                                                                \
	KCAP_PARAM_FMT(BUFFER)                                                             \
	KCAP_PARAM_FMT(SOCKADDR)                                                           \
	KCAP_PARAM_FMT(ARGV)                                                               \
	KCAP_PARAM_FMT(MODE) /* file type by name (S_IFCHR), permissions in octal */       \
	KCAP_PARAM_FMT(FCNTL_ARG) /* fcntl's argument, decoded by the event's cmd */       \
	KCAP_PARAM_FMT(IOCTL) /* hex, and the request's name when known: 0x5401(TCGETS) */ \
	KCAP_PARAM_FMT(SOCKOPT_NAME) /* a socket option, named by the event's level */     \
	KCAP_PARAM_FMT(SOCKOPT_VALUE) /* an option's bytes: an int when there are 4 */     \
	KCAP_PARAM_FMT(POLLFDS) /* struct pollfd entries: fd, events, revents */           \
	KCAP_PARAM_FMT(FDSET) /* an fd_set: the descriptors set below the event's nfds */  \
	KCAP_PARAM_FMT(TIMESPEC) /* struct timespec, one or an array */                    \
	KCAP_PARAM_FMT(TIMEVAL) /* struct timeval, one or an array */                      \
	KCAP_PARAM_FMT(UTIMBUF) /* struct utimbuf */                                       \
	KCAP_PARAM_FMT(SIGSET) /* a sigset_t: the signals in it */                         \
	KCAP_PARAM_FMT(PRCTL_ARG) /* prctl's arg2 or arg3, decoded by the event's option */

#define KCAP_PARAM_FMT_ENUM(name) KCAP_PF_##name,
enum kcap_param_fmt { KCAP_PARAM_FMTS(KCAP_PARAM_FMT_ENUM) KCAP_PF__COUNT };
#undef KCAP_PARAM_FMT_ENUM

/* Symbol tables for FLAGS and ENUM parameters (kcap_symbols.c). */
enum kcap_symbol_table {
	KCAP_ST_NONE,
	KCAP_ST_OPEN_FLAGS,
	KCAP_ST_RESOLVE_FLAGS,
	KCAP_ST_AT_FLAGS,
	KCAP_ST_RENAME_FLAGS,
	KCAP_ST_CLONE_FLAGS,
	KCAP_ST_CLONE3_FLAGS,
	KCAP_ST_SOCKET_FAMILY,
	KCAP_ST_SOCKET_TYPE,
	KCAP_ST_SOCK_FLAGS,
	KCAP_ST_PROT_FLAGS,
	KCAP_ST_MMAP_FLAGS,
	KCAP_ST_PTRACE_REQUEST,
	KCAP_ST_BPF_CMD,
	KCAP_ST_MODULE_INIT_FLAGS,
	KCAP_ST_IORING_OP,
	KCAP_ST_IOSQE_FLAGS,
	KCAP_ST_ACCESS_MODE,
	KCAP_ST_ACCESS_AT_FLAGS,
	KCAP_ST_STATX_AT_FLAGS,
	KCAP_ST_STATX_MASK,
	KCAP_ST_SEEK_WHENCE,
	KCAP_ST_FLOCK_OP,
	KCAP_ST_FD_FLAGS,
	KCAP_ST_EVENTFD_FLAGS,
	KCAP_ST_FCNTL_CMD,
	KCAP_ST_FD_CLOEXEC,
	KCAP_ST_CLOSE_RANGE_FLAGS,
	KCAP_ST_CLOCK_ID,
	KCAP_ST_INOTIFY_MASK,
	KCAP_ST_EPOLL_OP,
	KCAP_ST_EPOLL_EVENTS,
	KCAP_ST_IOCTL_REQUEST,
	KCAP_ST_RWF_FLAGS,
	KCAP_ST_SPLICE_FLAGS,
	KCAP_ST_MSG_FLAGS,
	KCAP_ST_SHUTDOWN_HOW,
	KCAP_ST_SOCKOPT_LEVEL,
	KCAP_ST_SOL_SOCKET_OPT,
	KCAP_ST_SOL_TCP_OPT,
	KCAP_ST_SOL_IP_OPT,
	KCAP_ST_SOL_IPV6_OPT,
	KCAP_ST_UTIME_NSEC,
	KCAP_ST_POLL_EVENTS,
	KCAP_ST_CAP_VERSION,
	KCAP_ST_CAPS, /* a capability set: bit n is capability n */
	KCAP_ST_CAP_NUMBER, /* one capability's number */
	KCAP_ST_MOUNT_FLAGS,
	KCAP_ST_UMOUNT_FLAGS,
	KCAP_ST_PRCTL_OPTION,
	KCAP_ST_SUID_DUMP,
	KCAP_ST_SECCOMP_MODE,
	KCAP_ST_PR_CAP_AMBIENT_OP,
	KCAP_ST_SECCOMP_OP,
	KCAP_ST_SECCOMP_FLAGS,
	KCAP_ST_MFD_FLAGS,
	KCAP_ST_PERSONALITY,
	KCAP_ST_RLIMIT_RESOURCE,
	KCAP_ST_RLIM_VALUE,
	KCAP_ST_MREMAP_FLAGS,
	KCAP_ST_MADVISE_ADVICE,
	KCAP_ST_MLOCK_FLAGS,
	KCAP_ST_MLOCKALL_FLAGS,
	KCAP_ST_BPF_PROG_TYPE,
	KCAP_ST_CLD_CODE,
	KCAP_ST_WAIT_OPTIONS,
	KCAP_ST_WAITID_TYPE,
	KCAP_ST_PERF_TYPE,
	KCAP_ST_PERF_FLAGS,
	KCAP_ST_PIDFD_FLAGS,
	KCAP_ST_PIDFD_SIGNAL_FLAGS,
	KCAP_ST_FSOPEN_FLAGS,
	KCAP_ST_FSMOUNT_FLAGS,
	KCAP_ST_FSCONFIG_CMD,
	KCAP_ST_MOUNT_ATTR,
	KCAP_ST_MOVE_MOUNT_FLAGS,
	KCAP_ST_OPEN_TREE_FLAGS,
	KCAP_ST_FSPICK_FLAGS,
	KCAP_ST_KEY_SPEC, /* a key serial: the special keyrings by name */
	KCAP_ST_KEYCTL_OP,
	KCAP_ST_LANDLOCK_ACCESS_FS,
	KCAP_ST_LANDLOCK_ACCESS_NET,
	KCAP_ST_LANDLOCK_CREATE_FLAGS,
	KCAP_ST_LANDLOCK_RULE_TYPE,
	KCAP_ST_LANDLOCK_RESTRICT_FLAGS,
	KCAP_ST_DELETE_MODULE_FLAGS,
	KCAP_ST_KEXEC_FLAGS,
	KCAP_ST_KEXEC_FILE_FLAGS,
	KCAP_ST_USERFAULTFD_FLAGS,
	KCAP_ST_FUTEX_OP,
	KCAP_ST_REBOOT_MAGIC,
	KCAP_ST_REBOOT_CMD,
	KCAP_ST_SWAP_FLAGS,
	KCAP_ST_TIMER_FLAGS,
	KCAP_ST_SI_CODE,
	KCAP_ST_IORING_SETUP_FLAGS,
	KCAP_ST_IORING_ENTER_FLAGS,
	KCAP_ST_IORING_REGISTER_OP,
	KCAP_ST_IPC_FLAGS,
	KCAP_ST_SEM_FLAGS,
	KCAP_ST_SEMCTL_CMD,
	KCAP_ST_QUOTA_CMD,
	KCAP_ST_QUOTA_TYPE,
	KCAP_ST_PTRACE_OPTIONS,
	KCAP_ST_SHMGET_FLAGS,
	KCAP_ST_SHMAT_FLAGS,
	KCAP_ST_SHMCTL_CMD,
	KCAP_ST_MSGQ_FLAGS,
	KCAP_ST_MSGCTL_CMD,
	KCAP_ST_FUTEX2_FLAGS,
	KCAP_ST__COUNT
};

struct kcap_param_info {
	const char *name;
	uint8_t type; /* enum kcap_param_type */
	uint8_t fmt; /* enum kcap_param_fmt */
	uint8_t table; /* enum kcap_symbol_table */
};

struct kcap_event_info {
	const char *name;
	const char *id; /* the table's ID, e.g. "OPENAT_X": names the backend programs */
	uint8_t hook; /* enum kcap_hook */
	int16_t syscall_nr; /* -1 when not tied to one syscall */
	uint16_t nparams;
	const struct kcap_param_info *params;
};

extern const struct kcap_event_info kcap_event_table[KCAP_EV__COUNT];

/* The event's direction as users see it: "enter" or "exit". */
static inline const char *kcap_event_dir_of(const struct kcap_event_info *ev)
{
	return ev->hook == KCAP_HOOK_SYS_ENTER ? "enter" : "exit";
}

/* Exit events of syscalls carry the return value as parameter 0. */
static inline int kcap_event_has_res(const struct kcap_event_info *ev)
{
	return ev->hook == KCAP_HOOK_SYS_EXIT;
}

struct kcap_symbol {
	uint64_t value;
	const char *name;
};

/*
 * How to name the values of a FLAGS or ENUM parameter. A FLAGS value is an
 * optional enumerated field under enum_mask (O_ACCMODE, SOCK_TYPE_MASK, the
 * clone exit signal) plus single bits; ENUM values use the enum part only.
 * Symbol lists end with a NULL name.
 */
struct kcap_symbol_set {
	const struct kcap_symbol *enum_part;
	uint64_t enum_mask;
	int enum_is_signal; /* the enumerated field is a signal number */
	const struct kcap_symbol *bits;
	const struct kcap_symbol *extra_bits; /* more single bits, after bits */
	const char *zero; /* name of 0 when there is no enumerated field, or NULL */
};

const struct kcap_symbol_set *kcap_symbol_set(enum kcap_symbol_table table);

/* kcap_param_type_name() and kcap_param_fmt_name() are public: kcap.h. */
#include "kcap.h"

/* The event syscall nr produces at exit: its dedicated one, or GENERIC_X. */
int kcap_exit_event_of_syscall(int nr);
/* The enter event of syscall nr, or -1. */
int kcap_enter_event_of_syscall(int nr);

/* x86_64 syscall names; NULL when the number is unknown. */
const char *kcap_syscall_name(int nr);
/* The name of ia32 syscall nr (syscalls_ia32.def), or NULL. */
const char *kcap_syscall_name_ia32(int nr);
/* -1 when the name is unknown. */
int kcap_syscall_nr(const char *name);

#endif /* KCAP_EVENT_TABLE_H */
