// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Names of flag bits and enumerated values, x86_64 kernel ABI values. The wire
 * carries the raw values; only the decoder knows these names.
 */
#include <stddef.h>
#include "kcap_event_table.h"

#define S(name, value)         \
	{                      \
		(value), #name \
	}
#define END             \
	{               \
		0, NULL \
	}

static const struct kcap_symbol open_accmode[] = {
	S(O_RDONLY, 0),
	S(O_WRONLY, 1),
	S(O_RDWR, 2),
	END,
};

static const struct kcap_symbol open_bits[] = {
	S(O_CREAT, 0100),	 S(O_EXCL, 0200),	    S(O_NOCTTY, 0400),
	S(O_TRUNC, 01000),	 S(O_APPEND, 02000),	    S(O_NONBLOCK, 04000),
	S(O_DSYNC, 010000),	 S(O_ASYNC, 020000),	    S(O_DIRECT, 040000),
	S(O_LARGEFILE, 0100000), S(O_DIRECTORY, 0200000),   S(O_NOFOLLOW, 0400000),
	S(O_NOATIME, 01000000),	 S(O_CLOEXEC, 02000000),    S(__O_SYNC, 04000000),
	S(O_PATH, 010000000),	 S(__O_TMPFILE, 020000000), END,
};

static const struct kcap_symbol resolve_bits[] = {
	S(RESOLVE_NO_XDEV, 0x01),
	S(RESOLVE_NO_MAGICLINKS, 0x02),
	S(RESOLVE_NO_SYMLINKS, 0x04),
	S(RESOLVE_BENEATH, 0x08),
	S(RESOLVE_IN_ROOT, 0x10),
	S(RESOLVE_CACHED, 0x20),
	END,
};

static const struct kcap_symbol at_bits[] = {
	S(AT_SYMLINK_NOFOLLOW, 0x100),
	S(AT_REMOVEDIR, 0x200),
	S(AT_SYMLINK_FOLLOW, 0x400),
	S(AT_NO_AUTOMOUNT, 0x800),
	S(AT_EMPTY_PATH, 0x1000),
	S(AT_RECURSIVE, 0x8000),
	END,
};

static const struct kcap_symbol rename_bits[] = {
	S(RENAME_NOREPLACE, 1),
	S(RENAME_EXCHANGE, 2),
	S(RENAME_WHITEOUT, 4),
	END,
};

static const struct kcap_symbol clone_bits[] = {
	S(CLONE_VM, 0x100),
	S(CLONE_FS, 0x200),
	S(CLONE_FILES, 0x400),
	S(CLONE_SIGHAND, 0x800),
	S(CLONE_PIDFD, 0x1000),
	S(CLONE_PTRACE, 0x2000),
	S(CLONE_VFORK, 0x4000),
	S(CLONE_PARENT, 0x8000),
	S(CLONE_THREAD, 0x10000),
	S(CLONE_NEWNS, 0x20000),
	S(CLONE_SYSVSEM, 0x40000),
	S(CLONE_SETTLS, 0x80000),
	S(CLONE_PARENT_SETTID, 0x100000),
	S(CLONE_CHILD_CLEARTID, 0x200000),
	S(CLONE_DETACHED, 0x400000),
	S(CLONE_UNTRACED, 0x800000),
	S(CLONE_CHILD_SETTID, 0x1000000),
	S(CLONE_NEWCGROUP, 0x2000000),
	S(CLONE_NEWUTS, 0x4000000),
	S(CLONE_NEWIPC, 0x8000000),
	S(CLONE_NEWUSER, 0x10000000),
	S(CLONE_NEWPID, 0x20000000),
	S(CLONE_NEWNET, 0x40000000),
	S(CLONE_IO, 0x80000000),
	S(CLONE_CLEAR_SIGHAND, 0x100000000ull),
	S(CLONE_INTO_CGROUP, 0x200000000ull),
	END,
};

/* clone3 has no exit signal in its flags, so 0x80 is free for CLONE_NEWTIME. */
static const struct kcap_symbol clone3_low_bits[] = {
	S(CLONE_NEWTIME, 0x80),
	END,
};

static const struct kcap_symbol socket_families[] = {
	S(AF_UNSPEC, 0),
	S(AF_UNIX, 1),
	S(AF_INET, 2),
	S(AF_AX25, 3),
	S(AF_IPX, 4),
	S(AF_APPLETALK, 5),
	S(AF_NETROM, 6),
	S(AF_BRIDGE, 7),
	S(AF_ATMPVC, 8),
	S(AF_X25, 9),
	S(AF_INET6, 10),
	S(AF_ROSE, 11),
	S(AF_DECnet, 12),
	S(AF_NETBEUI, 13),
	S(AF_SECURITY, 14),
	S(AF_KEY, 15),
	S(AF_NETLINK, 16),
	S(AF_PACKET, 17),
	S(AF_ASH, 18),
	S(AF_ECONET, 19),
	S(AF_ATMSVC, 20),
	S(AF_RDS, 21),
	S(AF_SNA, 22),
	S(AF_IRDA, 23),
	S(AF_PPPOX, 24),
	S(AF_WANPIPE, 25),
	S(AF_LLC, 26),
	S(AF_IB, 27),
	S(AF_MPLS, 28),
	S(AF_CAN, 29),
	S(AF_TIPC, 30),
	S(AF_BLUETOOTH, 31),
	S(AF_IUCV, 32),
	S(AF_RXRPC, 33),
	S(AF_ISDN, 34),
	S(AF_PHONET, 35),
	S(AF_IEEE802154, 36),
	S(AF_CAIF, 37),
	S(AF_ALG, 38),
	S(AF_NFC, 39),
	S(AF_VSOCK, 40),
	S(AF_KCM, 41),
	S(AF_QIPCRTR, 42),
	S(AF_SMC, 43),
	S(AF_XDP, 44),
	S(AF_MCTP, 45),
	END,
};

static const struct kcap_symbol socket_types[] = {
	S(SOCK_STREAM, 1),    S(SOCK_DGRAM, 2), S(SOCK_RAW, 3),	    S(SOCK_RDM, 4),
	S(SOCK_SEQPACKET, 5), S(SOCK_DCCP, 6),	S(SOCK_PACKET, 10), END,
};

static const struct kcap_symbol sock_bits[] = {
	S(SOCK_NONBLOCK, 04000),
	S(SOCK_CLOEXEC, 02000000),
	END,
};

static const struct kcap_symbol prot_bits[] = {
	S(PROT_READ, 1),
	S(PROT_WRITE, 2),
	S(PROT_EXEC, 4),
	S(PROT_SEM, 8),
	S(PROT_GROWSDOWN, 0x01000000),
	S(PROT_GROWSUP, 0x02000000),
	END,
};

static const struct kcap_symbol mmap_types[] = {
	S(MAP_SHARED, 1),
	S(MAP_PRIVATE, 2),
	S(MAP_SHARED_VALIDATE, 3),
	END,
};

static const struct kcap_symbol mmap_bits[] = {
	S(MAP_FIXED, 0x10),
	S(MAP_ANONYMOUS, 0x20),
	S(MAP_32BIT, 0x40),
	S(MAP_GROWSDOWN, 0x100),
	S(MAP_DENYWRITE, 0x800),
	S(MAP_EXECUTABLE, 0x1000),
	S(MAP_LOCKED, 0x2000),
	S(MAP_NORESERVE, 0x4000),
	S(MAP_POPULATE, 0x8000),
	S(MAP_NONBLOCK, 0x10000),
	S(MAP_STACK, 0x20000),
	S(MAP_HUGETLB, 0x40000),
	S(MAP_SYNC, 0x80000),
	S(MAP_FIXED_NOREPLACE, 0x100000),
	S(MAP_UNINITIALIZED, 0x4000000),
	END,
};

static const struct kcap_symbol ptrace_requests[] = {
	S(PTRACE_TRACEME, 0),
	S(PTRACE_PEEKTEXT, 1),
	S(PTRACE_PEEKDATA, 2),
	S(PTRACE_PEEKUSER, 3),
	S(PTRACE_POKETEXT, 4),
	S(PTRACE_POKEDATA, 5),
	S(PTRACE_POKEUSER, 6),
	S(PTRACE_CONT, 7),
	S(PTRACE_KILL, 8),
	S(PTRACE_SINGLESTEP, 9),
	S(PTRACE_GETREGS, 12),
	S(PTRACE_SETREGS, 13),
	S(PTRACE_GETFPREGS, 14),
	S(PTRACE_SETFPREGS, 15),
	S(PTRACE_ATTACH, 16),
	S(PTRACE_DETACH, 17),
	S(PTRACE_SYSCALL, 24),
	S(PTRACE_SETOPTIONS, 0x4200),
	S(PTRACE_GETEVENTMSG, 0x4201),
	S(PTRACE_GETSIGINFO, 0x4202),
	S(PTRACE_SETSIGINFO, 0x4203),
	S(PTRACE_GETREGSET, 0x4204),
	S(PTRACE_SETREGSET, 0x4205),
	S(PTRACE_SEIZE, 0x4206),
	S(PTRACE_INTERRUPT, 0x4207),
	S(PTRACE_LISTEN, 0x4208),
	S(PTRACE_PEEKSIGINFO, 0x4209),
	S(PTRACE_GETFPXREGS, 18),
	S(PTRACE_SETFPXREGS, 19),
	S(PTRACE_GET_THREAD_AREA, 25),
	S(PTRACE_SET_THREAD_AREA, 26),
	S(PTRACE_ARCH_PRCTL, 30),
	S(PTRACE_SYSEMU, 31),
	S(PTRACE_SYSEMU_SINGLESTEP, 32),
	S(PTRACE_SINGLEBLOCK, 33),
	S(PTRACE_GETSIGMASK, 0x420a),
	S(PTRACE_SETSIGMASK, 0x420b),
	S(PTRACE_SECCOMP_GET_FILTER, 0x420c),
	S(PTRACE_SECCOMP_GET_METADATA, 0x420d),
	S(PTRACE_GET_SYSCALL_INFO, 0x420e),
	S(PTRACE_GET_RSEQ_CONFIGURATION, 0x420f),
	S(PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG, 0x4210),
	S(PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG, 0x4211),
	END,
};

static const struct kcap_symbol bpf_cmds[] = {
	S(BPF_MAP_CREATE, 0),
	S(BPF_MAP_LOOKUP_ELEM, 1),
	S(BPF_MAP_UPDATE_ELEM, 2),
	S(BPF_MAP_DELETE_ELEM, 3),
	S(BPF_MAP_GET_NEXT_KEY, 4),
	S(BPF_PROG_LOAD, 5),
	S(BPF_OBJ_PIN, 6),
	S(BPF_OBJ_GET, 7),
	S(BPF_PROG_ATTACH, 8),
	S(BPF_PROG_DETACH, 9),
	S(BPF_PROG_TEST_RUN, 10),
	S(BPF_PROG_GET_NEXT_ID, 11),
	S(BPF_MAP_GET_NEXT_ID, 12),
	S(BPF_PROG_GET_FD_BY_ID, 13),
	S(BPF_MAP_GET_FD_BY_ID, 14),
	S(BPF_OBJ_GET_INFO_BY_FD, 15),
	S(BPF_PROG_QUERY, 16),
	S(BPF_RAW_TRACEPOINT_OPEN, 17),
	S(BPF_BTF_LOAD, 18),
	S(BPF_BTF_GET_FD_BY_ID, 19),
	S(BPF_TASK_FD_QUERY, 20),
	S(BPF_MAP_LOOKUP_AND_DELETE_ELEM, 21),
	S(BPF_MAP_FREEZE, 22),
	S(BPF_BTF_GET_NEXT_ID, 23),
	S(BPF_MAP_LOOKUP_BATCH, 24),
	S(BPF_MAP_LOOKUP_AND_DELETE_BATCH, 25),
	S(BPF_MAP_UPDATE_BATCH, 26),
	S(BPF_MAP_DELETE_BATCH, 27),
	S(BPF_LINK_CREATE, 28),
	S(BPF_LINK_UPDATE, 29),
	S(BPF_LINK_GET_FD_BY_ID, 30),
	S(BPF_LINK_GET_NEXT_ID, 31),
	S(BPF_ENABLE_STATS, 32),
	S(BPF_ITER_CREATE, 33),
	S(BPF_LINK_DETACH, 34),
	S(BPF_PROG_BIND_MAP, 35),
	S(BPF_TOKEN_CREATE, 36),
	END,
};

static const struct kcap_symbol module_init_bits[] = {
	S(MODULE_INIT_IGNORE_MODVERSIONS, 1),
	S(MODULE_INIT_IGNORE_VERMAGIC, 2),
	S(MODULE_INIT_COMPRESSED_FILE, 4),
	END,
};

/* io_uring opcodes (uapi enum io_uring_op). */
static const struct kcap_symbol ioring_ops[] = {
	S(IORING_OP_NOP, 0),
	S(IORING_OP_READV, 1),
	S(IORING_OP_WRITEV, 2),
	S(IORING_OP_FSYNC, 3),
	S(IORING_OP_READ_FIXED, 4),
	S(IORING_OP_WRITE_FIXED, 5),
	S(IORING_OP_POLL_ADD, 6),
	S(IORING_OP_POLL_REMOVE, 7),
	S(IORING_OP_SYNC_FILE_RANGE, 8),
	S(IORING_OP_SENDMSG, 9),
	S(IORING_OP_RECVMSG, 10),
	S(IORING_OP_TIMEOUT, 11),
	S(IORING_OP_TIMEOUT_REMOVE, 12),
	S(IORING_OP_ACCEPT, 13),
	S(IORING_OP_ASYNC_CANCEL, 14),
	S(IORING_OP_LINK_TIMEOUT, 15),
	S(IORING_OP_CONNECT, 16),
	S(IORING_OP_FALLOCATE, 17),
	S(IORING_OP_OPENAT, 18),
	S(IORING_OP_CLOSE, 19),
	S(IORING_OP_FILES_UPDATE, 20),
	S(IORING_OP_STATX, 21),
	S(IORING_OP_READ, 22),
	S(IORING_OP_WRITE, 23),
	S(IORING_OP_FADVISE, 24),
	S(IORING_OP_MADVISE, 25),
	S(IORING_OP_SEND, 26),
	S(IORING_OP_RECV, 27),
	S(IORING_OP_OPENAT2, 28),
	S(IORING_OP_EPOLL_CTL, 29),
	S(IORING_OP_SPLICE, 30),
	S(IORING_OP_PROVIDE_BUFFERS, 31),
	S(IORING_OP_REMOVE_BUFFERS, 32),
	S(IORING_OP_TEE, 33),
	S(IORING_OP_SHUTDOWN, 34),
	S(IORING_OP_RENAMEAT, 35),
	S(IORING_OP_UNLINKAT, 36),
	S(IORING_OP_MKDIRAT, 37),
	S(IORING_OP_SYMLINKAT, 38),
	S(IORING_OP_LINKAT, 39),
	S(IORING_OP_MSG_RING, 40),
	S(IORING_OP_FSETXATTR, 41),
	S(IORING_OP_SETXATTR, 42),
	S(IORING_OP_FGETXATTR, 43),
	S(IORING_OP_GETXATTR, 44),
	S(IORING_OP_SOCKET, 45),
	S(IORING_OP_URING_CMD, 46),
	S(IORING_OP_SEND_ZC, 47),
	S(IORING_OP_SENDMSG_ZC, 48),
	S(IORING_OP_READ_MULTISHOT, 49),
	S(IORING_OP_WAITID, 50),
	S(IORING_OP_FUTEX_WAIT, 51),
	S(IORING_OP_FUTEX_WAKE, 52),
	S(IORING_OP_FUTEX_WAITV, 53),
	S(IORING_OP_FIXED_FD_INSTALL, 54),
	S(IORING_OP_FTRUNCATE, 55),
	S(IORING_OP_BIND, 56),
	S(IORING_OP_LISTEN, 57),
	S(IORING_OP_RECV_ZC, 58),
	S(IORING_OP_EPOLL_WAIT, 59),
	S(IORING_OP_READV_FIXED, 60),
	S(IORING_OP_WRITEV_FIXED, 61),
	S(IORING_OP_PIPE, 62),
	END,
};

static const struct kcap_symbol iosqe_bits[] = {
	S(IOSQE_FIXED_FILE, 1),
	S(IOSQE_IO_DRAIN, 2),
	S(IOSQE_IO_LINK, 4),
	S(IOSQE_IO_HARDLINK, 8),
	S(IOSQE_ASYNC, 0x10),
	S(IOSQE_BUFFER_SELECT, 0x20),
	S(IOSQE_CQE_SKIP_SUCCESS, 0x40),
	END,
};

static const struct kcap_symbol access_bits[] = {
	S(X_OK, 1),
	S(W_OK, 2),
	S(R_OK, 4),
	END,
};

/* faccessat2: 0x200 is AT_EACCESS here, not AT_REMOVEDIR. */
static const struct kcap_symbol access_at_bits[] = {
	S(AT_SYMLINK_NOFOLLOW, 0x100),
	S(AT_EACCESS, 0x200),
	S(AT_EMPTY_PATH, 0x1000),
	END,
};

static const struct kcap_symbol statx_sync_bits[] = {
	S(AT_STATX_FORCE_SYNC, 0x2000),
	S(AT_STATX_DONT_SYNC, 0x4000),
	END,
};

static const struct kcap_symbol statx_mask_bits[] = {
	S(STATX_TYPE, 0x1),
	S(STATX_MODE, 0x2),
	S(STATX_NLINK, 0x4),
	S(STATX_UID, 0x8),
	S(STATX_GID, 0x10),
	S(STATX_ATIME, 0x20),
	S(STATX_MTIME, 0x40),
	S(STATX_CTIME, 0x80),
	S(STATX_INO, 0x100),
	S(STATX_SIZE, 0x200),
	S(STATX_BLOCKS, 0x400),
	S(STATX_BTIME, 0x800),
	S(STATX_MNT_ID, 0x1000),
	S(STATX_DIOALIGN, 0x2000),
	S(STATX_MNT_ID_UNIQUE, 0x4000),
	S(STATX_SUBVOL, 0x8000),
	S(STATX_WRITE_ATOMIC, 0x10000),
	S(STATX_DIO_READ_ALIGN, 0x20000),
	END,
};

static const struct kcap_symbol seek_whence[] = {
	S(SEEK_SET, 0), S(SEEK_CUR, 1), S(SEEK_END, 2), S(SEEK_DATA, 3), S(SEEK_HOLE, 4), END,
};

static const struct kcap_symbol flock_bits[] = {
	S(LOCK_SH, 1), S(LOCK_EX, 2), S(LOCK_NB, 4), S(LOCK_UN, 8), END,
};

/* O_NONBLOCK and O_CLOEXEC are also EFD_, SFD_, TFD_, IN_ and EPOLL_CLOEXEC's values. */
static const struct kcap_symbol fd_bits[] = {
	S(O_NONBLOCK, 04000),
	S(O_DIRECT, 040000),
	S(O_CLOEXEC, 02000000),
	END,
};

static const struct kcap_symbol eventfd_low_bits[] = {
	S(EFD_SEMAPHORE, 1),
	END,
};

static const struct kcap_symbol fcntl_cmds[] = {
	S(F_DUPFD, 0),
	S(F_GETFD, 1),
	S(F_SETFD, 2),
	S(F_GETFL, 3),
	S(F_SETFL, 4),
	S(F_GETLK, 5),
	S(F_SETLK, 6),
	S(F_SETLKW, 7),
	S(F_SETOWN, 8),
	S(F_GETOWN, 9),
	S(F_SETSIG, 10),
	S(F_GETSIG, 11),
	S(F_SETOWN_EX, 15),
	S(F_GETOWN_EX, 16),
	S(F_GETOWNER_UIDS, 17),
	S(F_OFD_GETLK, 36),
	S(F_OFD_SETLK, 37),
	S(F_OFD_SETLKW, 38),
	S(F_SETLEASE, 1024),
	S(F_GETLEASE, 1025),
	S(F_NOTIFY, 1026),
	S(F_DUPFD_QUERY, 1027),
	S(F_CREATED_QUERY, 1028),
	S(F_DUPFD_CLOEXEC, 1030),
	S(F_SETPIPE_SZ, 1031),
	S(F_GETPIPE_SZ, 1032),
	S(F_ADD_SEALS, 1033),
	S(F_GET_SEALS, 1034),
	S(F_GET_RW_HINT, 1035),
	S(F_SET_RW_HINT, 1036),
	S(F_GET_FILE_RW_HINT, 1037),
	S(F_SET_FILE_RW_HINT, 1038),
	END,
};

static const struct kcap_symbol fd_cloexec_bits[] = {
	S(FD_CLOEXEC, 1),
	END,
};

static const struct kcap_symbol close_range_bits[] = {
	S(CLOSE_RANGE_UNSHARE, 2),
	S(CLOSE_RANGE_CLOEXEC, 4),
	END,
};

static const struct kcap_symbol clock_ids[] = {
	S(CLOCK_REALTIME, 0),	       S(CLOCK_MONOTONIC, 1),	  S(CLOCK_PROCESS_CPUTIME_ID, 2),
	S(CLOCK_THREAD_CPUTIME_ID, 3), S(CLOCK_MONOTONIC_RAW, 4), S(CLOCK_REALTIME_COARSE, 5),
	S(CLOCK_MONOTONIC_COARSE, 6),  S(CLOCK_BOOTTIME, 7),	  S(CLOCK_REALTIME_ALARM, 8),
	S(CLOCK_BOOTTIME_ALARM, 9),    S(CLOCK_TAI, 11),	  END,
};

static const struct kcap_symbol inotify_bits[] = {
	S(IN_ACCESS, 0x1),
	S(IN_MODIFY, 0x2),
	S(IN_ATTRIB, 0x4),
	S(IN_CLOSE_WRITE, 0x8),
	S(IN_CLOSE_NOWRITE, 0x10),
	S(IN_OPEN, 0x20),
	S(IN_MOVED_FROM, 0x40),
	S(IN_MOVED_TO, 0x80),
	S(IN_CREATE, 0x100),
	S(IN_DELETE, 0x200),
	S(IN_DELETE_SELF, 0x400),
	S(IN_MOVE_SELF, 0x800),
	S(IN_UNMOUNT, 0x2000),
	S(IN_Q_OVERFLOW, 0x4000),
	S(IN_IGNORED, 0x8000),
	S(IN_ONLYDIR, 0x1000000),
	S(IN_DONT_FOLLOW, 0x2000000),
	S(IN_EXCL_UNLINK, 0x4000000),
	S(IN_MASK_CREATE, 0x10000000),
	S(IN_MASK_ADD, 0x20000000),
	S(IN_ISDIR, 0x40000000),
	S(IN_ONESHOT, 0x80000000),
	END,
};

/* utimensat's tv_nsec values that are no time */
static const struct kcap_symbol utime_nsec[] = {
	S(UTIME_NOW, (1l << 30) - 1),
	S(UTIME_OMIT, (1l << 30) - 2),
	END,
};

/* struct pollfd's events and revents */
static const struct kcap_symbol poll_bits[] = {
	S(POLLIN, 0x1),	      S(POLLPRI, 0x2),
	S(POLLOUT, 0x4),      S(POLLERR, 0x8),
	S(POLLHUP, 0x10),     S(POLLNVAL, 0x20),
	S(POLLRDNORM, 0x40),  S(POLLRDBAND, 0x80),
	S(POLLWRNORM, 0x100), S(POLLWRBAND, 0x200),
	S(POLLMSG, 0x400),    S(POLLREMOVE, 0x1000),
	S(POLLRDHUP, 0x2000), END,
};

static const struct kcap_symbol epoll_ops[] = {
	S(EPOLL_CTL_ADD, 1),
	S(EPOLL_CTL_DEL, 2),
	S(EPOLL_CTL_MOD, 3),
	END,
};

static const struct kcap_symbol epoll_bits[] = {
	S(EPOLLIN, 0x1),
	S(EPOLLPRI, 0x2),
	S(EPOLLOUT, 0x4),
	S(EPOLLERR, 0x8),
	S(EPOLLHUP, 0x10),
	S(EPOLLNVAL, 0x20),
	S(EPOLLRDNORM, 0x40),
	S(EPOLLRDBAND, 0x80),
	S(EPOLLWRNORM, 0x100),
	S(EPOLLWRBAND, 0x200),
	S(EPOLLMSG, 0x400),
	S(EPOLLRDHUP, 0x2000),
	S(EPOLLEXCLUSIVE, 0x10000000),
	S(EPOLLWAKEUP, 0x20000000),
	S(EPOLLONESHOT, 0x40000000),
	S(EPOLLET, 0x80000000),
	END,
};

/* The common terminal, file and socket requests (SIOCINQ is FIONREAD, SIOCOUTQ TIOCOUTQ). */
static const struct kcap_symbol ioctl_requests[] = {
	S(FIBMAP, 1),
	S(FIGETBSZ, 2),
	S(TCGETS, 0x5401),
	S(TCSETS, 0x5402),
	S(TCSETSW, 0x5403),
	S(TCSETSF, 0x5404),
	S(TCGETA, 0x5405),
	S(TCSETA, 0x5406),
	S(TCSETAW, 0x5407),
	S(TCSETAF, 0x5408),
	S(TCSBRK, 0x5409),
	S(TCXONC, 0x540a),
	S(TCFLSH, 0x540b),
	S(TIOCEXCL, 0x540c),
	S(TIOCNXCL, 0x540d),
	S(TIOCSCTTY, 0x540e),
	S(TIOCGPGRP, 0x540f),
	S(TIOCSPGRP, 0x5410),
	S(TIOCOUTQ, 0x5411),
	S(TIOCSTI, 0x5412),
	S(TIOCGWINSZ, 0x5413),
	S(TIOCSWINSZ, 0x5414),
	S(TIOCMGET, 0x5415),
	S(TIOCMBIS, 0x5416),
	S(TIOCMBIC, 0x5417),
	S(TIOCMSET, 0x5418),
	S(TIOCGSOFTCAR, 0x5419),
	S(TIOCSSOFTCAR, 0x541a),
	S(FIONREAD, 0x541b),
	S(TIOCLINUX, 0x541c),
	S(TIOCCONS, 0x541d),
	S(TIOCGSERIAL, 0x541e),
	S(TIOCSSERIAL, 0x541f),
	S(TIOCPKT, 0x5420),
	S(FIONBIO, 0x5421),
	S(TIOCNOTTY, 0x5422),
	S(TIOCSETD, 0x5423),
	S(TIOCGETD, 0x5424),
	S(TIOCSBRK, 0x5427),
	S(TIOCCBRK, 0x5428),
	S(TIOCGSID, 0x5429),
	S(TIOCGPTPEER, 0x5441),
	S(FIONCLEX, 0x5450),
	S(FIOCLEX, 0x5451),
	S(FIOASYNC, 0x5452),
	S(FIOQSIZE, 0x5460),
	S(SIOCATMARK, 0x8905),
	S(SIOCGSTAMP, 0x8906),
	S(SIOCGIFNAME, 0x8910),
	S(SIOCGIFCONF, 0x8912),
	S(SIOCGIFFLAGS, 0x8913),
	S(SIOCSIFFLAGS, 0x8914),
	S(SIOCGIFADDR, 0x8915),
	S(SIOCSIFADDR, 0x8916),
	S(SIOCGIFNETMASK, 0x891b),
	S(SIOCGIFMTU, 0x8921),
	S(SIOCGIFHWADDR, 0x8927),
	S(SIOCGIFINDEX, 0x8933),
	S(TIOCSPTLCK, 0x40045431),
	S(FICLONE, 0x40049409),
	S(FS_IOC_SETFLAGS, 0x40086602),
	S(FICLONERANGE, 0x4020940d),
	S(TIOCGPTN, 0x80045430),
	S(FS_IOC_GETFLAGS, 0x80086601),
	S(BLKGETSIZE64, 0x80081272),
	S(FIFREEZE, 0xc0045877),
	S(FITHAW, 0xc0045878),
	S(FITRIM, 0xc0185879),
	S(FIDEDUPERANGE, 0xc0189436),
	S(FS_IOC_FIEMAP, 0xc020660b),
	END,
};

static const struct kcap_symbol rwf_bits[] = {
	S(RWF_HIPRI, 0x1),   S(RWF_DSYNC, 0x2),	     S(RWF_SYNC, 0x4),
	S(RWF_NOWAIT, 0x8),  S(RWF_APPEND, 0x10),    S(RWF_NOAPPEND, 0x20),
	S(RWF_ATOMIC, 0x40), S(RWF_DONTCACHE, 0x80), END,
};

static const struct kcap_symbol splice_bits[] = {
	S(SPLICE_F_MOVE, 1), S(SPLICE_F_NONBLOCK, 2), S(SPLICE_F_MORE, 4), S(SPLICE_F_GIFT, 8), END,
};

static const struct kcap_symbol msg_bits[] = {
	S(MSG_OOB, 0x1),
	S(MSG_PEEK, 0x2),
	S(MSG_DONTROUTE, 0x4),
	S(MSG_CTRUNC, 0x8),
	S(MSG_PROXY, 0x10),
	S(MSG_TRUNC, 0x20),
	S(MSG_DONTWAIT, 0x40),
	S(MSG_EOR, 0x80),
	S(MSG_WAITALL, 0x100),
	S(MSG_FIN, 0x200),
	S(MSG_SYN, 0x400),
	S(MSG_CONFIRM, 0x800),
	S(MSG_RST, 0x1000),
	S(MSG_ERRQUEUE, 0x2000),
	S(MSG_NOSIGNAL, 0x4000),
	S(MSG_MORE, 0x8000),
	S(MSG_WAITFORONE, 0x10000),
	S(MSG_BATCH, 0x40000),
	S(MSG_ZEROCOPY, 0x4000000),
	S(MSG_FASTOPEN, 0x20000000),
	S(MSG_CMSG_CLOEXEC, 0x40000000),
	END,
};

static const struct kcap_symbol shutdown_hows[] = {
	S(SHUT_RD, 0),
	S(SHUT_WR, 1),
	S(SHUT_RDWR, 2),
	END,
};

static const struct kcap_symbol sockopt_levels[] = {
	S(SOL_IP, 0),	     S(SOL_SOCKET, 1),	S(SOL_TCP, 6),	 S(SOL_UDP, 17),
	S(SOL_IPV6, 41),     S(SOL_ICMPV6, 58), S(SOL_RAW, 255), S(SOL_PACKET, 263),
	S(SOL_NETLINK, 270), S(SOL_ALG, 279),	S(SOL_TLS, 282), END,
};

static const struct kcap_symbol sol_socket_opts[] = {
	S(SO_DEBUG, 1),
	S(SO_REUSEADDR, 2),
	S(SO_TYPE, 3),
	S(SO_ERROR, 4),
	S(SO_DONTROUTE, 5),
	S(SO_BROADCAST, 6),
	S(SO_SNDBUF, 7),
	S(SO_RCVBUF, 8),
	S(SO_KEEPALIVE, 9),
	S(SO_OOBINLINE, 10),
	S(SO_NO_CHECK, 11),
	S(SO_PRIORITY, 12),
	S(SO_LINGER, 13),
	S(SO_BSDCOMPAT, 14),
	S(SO_REUSEPORT, 15),
	S(SO_PASSCRED, 16),
	S(SO_PEERCRED, 17),
	S(SO_RCVLOWAT, 18),
	S(SO_SNDLOWAT, 19),
	S(SO_RCVTIMEO_OLD, 20),
	S(SO_SNDTIMEO_OLD, 21),
	S(SO_BINDTODEVICE, 25),
	S(SO_ATTACH_FILTER, 26),
	S(SO_DETACH_FILTER, 27),
	S(SO_PEERNAME, 28),
	S(SO_TIMESTAMP_OLD, 29),
	S(SO_ACCEPTCONN, 30),
	S(SO_PEERSEC, 31),
	S(SO_SNDBUFFORCE, 32),
	S(SO_RCVBUFFORCE, 33),
	S(SO_PASSSEC, 34),
	S(SO_TIMESTAMPNS_OLD, 35),
	S(SO_MARK, 36),
	S(SO_TIMESTAMPING_OLD, 37),
	S(SO_PROTOCOL, 38),
	S(SO_DOMAIN, 39),
	S(SO_RXQ_OVFL, 40),
	S(SO_WIFI_STATUS, 41),
	S(SO_PEEK_OFF, 42),
	S(SO_NOFCS, 43),
	S(SO_LOCK_FILTER, 44),
	S(SO_SELECT_ERR_QUEUE, 45),
	S(SO_BUSY_POLL, 46),
	S(SO_MAX_PACING_RATE, 47),
	S(SO_BPF_EXTENSIONS, 48),
	S(SO_INCOMING_CPU, 49),
	S(SO_ATTACH_BPF, 50),
	S(SO_ATTACH_REUSEPORT_CBPF, 51),
	S(SO_ATTACH_REUSEPORT_EBPF, 52),
	S(SO_CNX_ADVICE, 53),
	S(SO_MEMINFO, 55),
	S(SO_INCOMING_NAPI_ID, 56),
	S(SO_COOKIE, 57),
	S(SO_PEERGROUPS, 59),
	S(SO_ZEROCOPY, 60),
	S(SO_TXTIME, 61),
	S(SO_BINDTOIFINDEX, 62),
	S(SO_TIMESTAMP_NEW, 63),
	S(SO_TIMESTAMPNS_NEW, 64),
	S(SO_TIMESTAMPING_NEW, 65),
	S(SO_RCVTIMEO_NEW, 66),
	S(SO_SNDTIMEO_NEW, 67),
	END,
};

static const struct kcap_symbol sol_tcp_opts[] = {
	S(TCP_NODELAY, 1),
	S(TCP_MAXSEG, 2),
	S(TCP_CORK, 3),
	S(TCP_KEEPIDLE, 4),
	S(TCP_KEEPINTVL, 5),
	S(TCP_KEEPCNT, 6),
	S(TCP_SYNCNT, 7),
	S(TCP_LINGER2, 8),
	S(TCP_DEFER_ACCEPT, 9),
	S(TCP_WINDOW_CLAMP, 10),
	S(TCP_INFO, 11),
	S(TCP_QUICKACK, 12),
	S(TCP_CONGESTION, 13),
	S(TCP_MD5SIG, 14),
	S(TCP_THIN_LINEAR_TIMEOUTS, 16),
	S(TCP_THIN_DUPACK, 17),
	S(TCP_USER_TIMEOUT, 18),
	S(TCP_REPAIR, 19),
	S(TCP_REPAIR_QUEUE, 20),
	S(TCP_QUEUE_SEQ, 21),
	S(TCP_REPAIR_OPTIONS, 22),
	S(TCP_FASTOPEN, 23),
	S(TCP_TIMESTAMP, 24),
	S(TCP_NOTSENT_LOWAT, 25),
	S(TCP_CC_INFO, 26),
	S(TCP_SAVE_SYN, 27),
	S(TCP_SAVED_SYN, 28),
	S(TCP_REPAIR_WINDOW, 29),
	S(TCP_FASTOPEN_CONNECT, 30),
	S(TCP_ULP, 31),
	S(TCP_MD5SIG_EXT, 32),
	S(TCP_FASTOPEN_KEY, 33),
	S(TCP_FASTOPEN_NO_COOKIE, 34),
	S(TCP_ZEROCOPY_RECEIVE, 35),
	S(TCP_INQ, 36),
	S(TCP_TX_DELAY, 37),
	END,
};

static const struct kcap_symbol sol_ip_opts[] = {
	S(IP_TOS, 1),
	S(IP_TTL, 2),
	S(IP_HDRINCL, 3),
	S(IP_OPTIONS, 4),
	S(IP_RECVOPTS, 6),
	S(IP_RETOPTS, 7),
	S(IP_PKTINFO, 8),
	S(IP_PKTOPTIONS, 9),
	S(IP_MTU_DISCOVER, 10),
	S(IP_RECVERR, 11),
	S(IP_RECVTTL, 12),
	S(IP_RECVTOS, 13),
	S(IP_MTU, 14),
	S(IP_FREEBIND, 15),
	S(IP_IPSEC_POLICY, 16),
	S(IP_XFRM_POLICY, 17),
	S(IP_PASSSEC, 18),
	S(IP_TRANSPARENT, 19),
	S(IP_MULTICAST_IF, 32),
	S(IP_MULTICAST_TTL, 33),
	S(IP_MULTICAST_LOOP, 34),
	S(IP_ADD_MEMBERSHIP, 35),
	S(IP_DROP_MEMBERSHIP, 36),
	END,
};

static const struct kcap_symbol sol_ipv6_opts[] = {
	S(IPV6_ADDRFORM, 1),	     S(IPV6_UNICAST_HOPS, 16),	 S(IPV6_MULTICAST_IF, 17),
	S(IPV6_MULTICAST_HOPS, 18),  S(IPV6_MULTICAST_LOOP, 19), S(IPV6_ADD_MEMBERSHIP, 20),
	S(IPV6_DROP_MEMBERSHIP, 21), S(IPV6_MTU_DISCOVER, 23),	 S(IPV6_MTU, 24),
	S(IPV6_RECVERR, 25),	     S(IPV6_V6ONLY, 26),	 S(IPV6_RECVPKTINFO, 49),
	S(IPV6_PKTINFO, 50),	     S(IPV6_TCLASS, 67),	 END,
};

static const struct kcap_symbol cap_versions[] = {
	S(_LINUX_CAPABILITY_VERSION_1, 0x19980330),
	S(_LINUX_CAPABILITY_VERSION_2, 0x20071026),
	S(_LINUX_CAPABILITY_VERSION_3, 0x20080522),
	END,
};

/* The capabilities, once (capabilities.def): as numbers and as bits of a set. */
#define KCAP_CAP(name, n) S(name, n),
static const struct kcap_symbol cap_numbers[] = {
#include "capabilities.def"
	END,
};
#undef KCAP_CAP
#define KCAP_CAP(name, n) S(name, 1ull << (n)),
static const struct kcap_symbol cap_bits[] = {
#include "capabilities.def"
	END,
};
#undef KCAP_CAP

/* mount(2)'s MS_* flags (the kernel's internal ones above MS_LAZYTIME show in hex). */
static const struct kcap_symbol mount_bits[] = {
	S(MS_RDONLY, 1),
	S(MS_NOSUID, 2),
	S(MS_NODEV, 4),
	S(MS_NOEXEC, 8),
	S(MS_SYNCHRONOUS, 16),
	S(MS_REMOUNT, 32),
	S(MS_MANDLOCK, 64),
	S(MS_DIRSYNC, 128),
	S(MS_NOSYMFOLLOW, 256),
	S(MS_NOATIME, 1024),
	S(MS_NODIRATIME, 2048),
	S(MS_BIND, 4096),
	S(MS_MOVE, 8192),
	S(MS_REC, 16384),
	S(MS_SILENT, 32768),
	S(MS_POSIXACL, 1 << 16),
	S(MS_UNBINDABLE, 1 << 17),
	S(MS_PRIVATE, 1 << 18),
	S(MS_SLAVE, 1 << 19),
	S(MS_SHARED, 1 << 20),
	S(MS_RELATIME, 1 << 21),
	S(MS_KERNMOUNT, 1 << 22),
	S(MS_I_VERSION, 1 << 23),
	S(MS_STRICTATIME, 1 << 24),
	S(MS_LAZYTIME, 1 << 25),
	END,
};

static const struct kcap_symbol umount_bits[] = {
	S(MNT_FORCE, 1), S(MNT_DETACH, 2), S(MNT_EXPIRE, 4), S(UMOUNT_NOFOLLOW, 8), END,
};

static const struct kcap_symbol prctl_options[] = {
	S(PR_SET_PDEATHSIG, 1),
	S(PR_GET_PDEATHSIG, 2),
	S(PR_GET_DUMPABLE, 3),
	S(PR_SET_DUMPABLE, 4),
	S(PR_GET_UNALIGN, 5),
	S(PR_SET_UNALIGN, 6),
	S(PR_GET_KEEPCAPS, 7),
	S(PR_SET_KEEPCAPS, 8),
	S(PR_GET_FPEMU, 9),
	S(PR_SET_FPEMU, 10),
	S(PR_GET_FPEXC, 11),
	S(PR_SET_FPEXC, 12),
	S(PR_GET_TIMING, 13),
	S(PR_SET_TIMING, 14),
	S(PR_SET_NAME, 15),
	S(PR_GET_NAME, 16),
	S(PR_GET_ENDIAN, 19),
	S(PR_SET_ENDIAN, 20),
	S(PR_GET_SECCOMP, 21),
	S(PR_SET_SECCOMP, 22),
	S(PR_CAPBSET_READ, 23),
	S(PR_CAPBSET_DROP, 24),
	S(PR_GET_TSC, 25),
	S(PR_SET_TSC, 26),
	S(PR_GET_SECUREBITS, 27),
	S(PR_SET_SECUREBITS, 28),
	S(PR_SET_TIMERSLACK, 29),
	S(PR_GET_TIMERSLACK, 30),
	S(PR_TASK_PERF_EVENTS_DISABLE, 31),
	S(PR_TASK_PERF_EVENTS_ENABLE, 32),
	S(PR_MCE_KILL, 33),
	S(PR_MCE_KILL_GET, 34),
	S(PR_SET_MM, 35),
	S(PR_SET_CHILD_SUBREAPER, 36),
	S(PR_GET_CHILD_SUBREAPER, 37),
	S(PR_SET_NO_NEW_PRIVS, 38),
	S(PR_GET_NO_NEW_PRIVS, 39),
	S(PR_GET_TID_ADDRESS, 40),
	S(PR_SET_THP_DISABLE, 41),
	S(PR_GET_THP_DISABLE, 42),
	S(PR_MPX_ENABLE_MANAGEMENT, 43),
	S(PR_MPX_DISABLE_MANAGEMENT, 44),
	S(PR_SET_FP_MODE, 45),
	S(PR_GET_FP_MODE, 46),
	S(PR_CAP_AMBIENT, 47),
	S(PR_SVE_SET_VL, 50),
	S(PR_SVE_GET_VL, 51),
	S(PR_GET_SPECULATION_CTRL, 52),
	S(PR_SET_SPECULATION_CTRL, 53),
	S(PR_PAC_RESET_KEYS, 54),
	S(PR_SET_TAGGED_ADDR_CTRL, 55),
	S(PR_GET_TAGGED_ADDR_CTRL, 56),
	S(PR_SET_IO_FLUSHER, 57),
	S(PR_GET_IO_FLUSHER, 58),
	S(PR_SET_SYSCALL_USER_DISPATCH, 59),
	S(PR_PAC_SET_ENABLED_KEYS, 60),
	S(PR_PAC_GET_ENABLED_KEYS, 61),
	S(PR_SCHED_CORE, 62),
	S(PR_SME_SET_VL, 63),
	S(PR_SME_GET_VL, 64),
	S(PR_SET_MDWE, 65),
	S(PR_GET_MDWE, 66),
	S(PR_SET_MEMORY_MERGE, 67),
	S(PR_GET_MEMORY_MERGE, 68),
	S(PR_RISCV_V_SET_CONTROL, 69),
	S(PR_RISCV_V_GET_CONTROL, 70),
	S(PR_RISCV_SET_ICACHE_FLUSH_CTX, 71),
	S(PR_PPC_GET_DEXCR, 72),
	S(PR_PPC_SET_DEXCR, 73),
	S(PR_GET_AUXV, 0x41555856),
	S(PR_SET_VMA, 0x53564d41),
	S(PR_SET_PTRACER, 0x59616d61),
	END,
};

/* PR_SET_DUMPABLE's values (2 is refused there, but is what PR_GET_DUMPABLE may return) */
static const struct kcap_symbol suid_dump[] = {
	S(SUID_DUMP_DISABLE, 0),
	S(SUID_DUMP_USER, 1),
	S(SUID_DUMP_ROOT, 2),
	END,
};

static const struct kcap_symbol seccomp_modes[] = {
	S(SECCOMP_MODE_DISABLED, 0),
	S(SECCOMP_MODE_STRICT, 1),
	S(SECCOMP_MODE_FILTER, 2),
	END,
};

static const struct kcap_symbol pr_cap_ambient_ops[] = {
	S(PR_CAP_AMBIENT_IS_SET, 1),
	S(PR_CAP_AMBIENT_RAISE, 2),
	S(PR_CAP_AMBIENT_LOWER, 3),
	S(PR_CAP_AMBIENT_CLEAR_ALL, 4),
	END,
};

static const struct kcap_symbol seccomp_ops[] = {
	S(SECCOMP_SET_MODE_STRICT, 0),
	S(SECCOMP_SET_MODE_FILTER, 1),
	S(SECCOMP_GET_ACTION_AVAIL, 2),
	S(SECCOMP_GET_NOTIF_SIZES, 3),
	END,
};

static const struct kcap_symbol seccomp_filter_bits[] = {
	S(SECCOMP_FILTER_FLAG_TSYNC, 1),
	S(SECCOMP_FILTER_FLAG_LOG, 2),
	S(SECCOMP_FILTER_FLAG_SPEC_ALLOW, 4),
	S(SECCOMP_FILTER_FLAG_NEW_LISTENER, 8),
	S(SECCOMP_FILTER_FLAG_TSYNC_ESRCH, 16),
	S(SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, 32),
	END,
};

static const struct kcap_symbol mfd_bits[] = {
	S(MFD_CLOEXEC, 1),     S(MFD_ALLOW_SEALING, 2), S(MFD_HUGETLB, 4),
	S(MFD_NOEXEC_SEAL, 8), S(MFD_EXEC, 0x10),	END,
};

/* personality(2): the execution domain in the low byte, then the flags */
static const struct kcap_symbol personality_domains[] = {
	S(PER_LINUX, 0),   S(PER_SVR4, 1),     S(PER_SVR3, 2),
	S(PER_SCOSVR3, 3), S(PER_WYSEV386, 4), S(PER_ISCR4, 5),
	S(PER_BSD, 6),	   S(PER_XENIX, 7),    S(PER_LINUX32, 8),
	S(PER_IRIX32, 9),  S(PER_IRIXN32, 10), S(PER_IRIX64, 11),
	S(PER_RISCOS, 12), S(PER_SOLARIS, 13), S(PER_UW7, 14),
	S(PER_OSF4, 15),   S(PER_HPUX, 16),    END,
};

static const struct kcap_symbol personality_bits[] = {
	S(UNAME26, 0x20000),
	S(ADDR_NO_RANDOMIZE, 0x40000),
	S(FDPIC_FUNCPTRS, 0x80000),
	S(MMAP_PAGE_ZERO, 0x100000),
	S(ADDR_COMPAT_LAYOUT, 0x200000),
	S(READ_IMPLIES_EXEC, 0x400000),
	S(ADDR_LIMIT_32BIT, 0x800000),
	S(SHORT_INODE, 0x1000000),
	S(WHOLE_SECONDS, 0x2000000),
	S(STICKY_TIMEOUTS, 0x4000000),
	S(ADDR_LIMIT_3GB, 0x8000000),
	END,
};

static const struct kcap_symbol rlimit_resources[] = {
	S(RLIMIT_CPU, 0),
	S(RLIMIT_FSIZE, 1),
	S(RLIMIT_DATA, 2),
	S(RLIMIT_STACK, 3),
	S(RLIMIT_CORE, 4),
	S(RLIMIT_RSS, 5),
	S(RLIMIT_NPROC, 6),
	S(RLIMIT_NOFILE, 7),
	S(RLIMIT_MEMLOCK, 8),
	S(RLIMIT_AS, 9),
	S(RLIMIT_LOCKS, 10),
	S(RLIMIT_SIGPENDING, 11),
	S(RLIMIT_MSGQUEUE, 12),
	S(RLIMIT_NICE, 13),
	S(RLIMIT_RTPRIO, 14),
	S(RLIMIT_RTTIME, 15),
	END,
};

/* a limit's one value with a name */
static const struct kcap_symbol rlim_values[] = {
	S(RLIM_INFINITY, ~0ull),
	END,
};

static const struct kcap_symbol mremap_bits[] = {
	S(MREMAP_MAYMOVE, 1),
	S(MREMAP_FIXED, 2),
	S(MREMAP_DONTUNMAP, 4),
	END,
};

static const struct kcap_symbol madvise_advice[] = {
	S(MADV_NORMAL, 0),	    S(MADV_RANDOM, 1),
	S(MADV_SEQUENTIAL, 2),	    S(MADV_WILLNEED, 3),
	S(MADV_DONTNEED, 4),	    S(MADV_FREE, 8),
	S(MADV_REMOVE, 9),	    S(MADV_DONTFORK, 10),
	S(MADV_DOFORK, 11),	    S(MADV_MERGEABLE, 12),
	S(MADV_UNMERGEABLE, 13),    S(MADV_HUGEPAGE, 14),
	S(MADV_NOHUGEPAGE, 15),	    S(MADV_DONTDUMP, 16),
	S(MADV_DODUMP, 17),	    S(MADV_WIPEONFORK, 18),
	S(MADV_KEEPONFORK, 19),	    S(MADV_COLD, 20),
	S(MADV_PAGEOUT, 21),	    S(MADV_POPULATE_READ, 22),
	S(MADV_POPULATE_WRITE, 23), S(MADV_DONTNEED_LOCKED, 24),
	S(MADV_COLLAPSE, 25),	    S(MADV_HWPOISON, 100),
	S(MADV_SOFT_OFFLINE, 101),  S(MADV_GUARD_INSTALL, 102),
	S(MADV_GUARD_REMOVE, 103),  END,
};

static const struct kcap_symbol mlock_bits[] = {
	S(MLOCK_ONFAULT, 1),
	END,
};

static const struct kcap_symbol mlockall_bits[] = {
	S(MCL_CURRENT, 1),
	S(MCL_FUTURE, 2),
	S(MCL_ONFAULT, 4),
	END,
};

/* uapi enum bpf_prog_type; 0 (UNSPEC) is left unnamed: it is also "not a load" */
static const struct kcap_symbol bpf_prog_types[] = {
	S(BPF_PROG_TYPE_SOCKET_FILTER, 1),
	S(BPF_PROG_TYPE_KPROBE, 2),
	S(BPF_PROG_TYPE_SCHED_CLS, 3),
	S(BPF_PROG_TYPE_SCHED_ACT, 4),
	S(BPF_PROG_TYPE_TRACEPOINT, 5),
	S(BPF_PROG_TYPE_XDP, 6),
	S(BPF_PROG_TYPE_PERF_EVENT, 7),
	S(BPF_PROG_TYPE_CGROUP_SKB, 8),
	S(BPF_PROG_TYPE_CGROUP_SOCK, 9),
	S(BPF_PROG_TYPE_LWT_IN, 10),
	S(BPF_PROG_TYPE_LWT_OUT, 11),
	S(BPF_PROG_TYPE_LWT_XMIT, 12),
	S(BPF_PROG_TYPE_SOCK_OPS, 13),
	S(BPF_PROG_TYPE_SK_SKB, 14),
	S(BPF_PROG_TYPE_CGROUP_DEVICE, 15),
	S(BPF_PROG_TYPE_SK_MSG, 16),
	S(BPF_PROG_TYPE_RAW_TRACEPOINT, 17),
	S(BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 18),
	S(BPF_PROG_TYPE_LWT_SEG6LOCAL, 19),
	S(BPF_PROG_TYPE_LIRC_MODE2, 20),
	S(BPF_PROG_TYPE_SK_REUSEPORT, 21),
	S(BPF_PROG_TYPE_FLOW_DISSECTOR, 22),
	S(BPF_PROG_TYPE_CGROUP_SYSCTL, 23),
	S(BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 24),
	S(BPF_PROG_TYPE_CGROUP_SOCKOPT, 25),
	S(BPF_PROG_TYPE_TRACING, 26),
	S(BPF_PROG_TYPE_STRUCT_OPS, 27),
	S(BPF_PROG_TYPE_EXT, 28),
	S(BPF_PROG_TYPE_LSM, 29),
	S(BPF_PROG_TYPE_SK_LOOKUP, 30),
	S(BPF_PROG_TYPE_SYSCALL, 31),
	S(BPF_PROG_TYPE_NETFILTER, 32),
	END,
};

/* How a waited-for child changed: siginfo's si_code for SIGCHLD; 0 is no child. */
static const struct kcap_symbol cld_codes[] = {
	S(CLD_EXITED, 1),
	S(CLD_KILLED, 2),
	S(CLD_DUMPED, 3),
	S(CLD_TRAPPED, 4),
	S(CLD_STOPPED, 5),
	S(CLD_CONTINUED, 6),
	END,
};

static const struct kcap_symbol wait_bits[] = {
	S(WNOHANG, 1),	       S(WUNTRACED, 2),		S(WEXITED, 4),
	S(WCONTINUED, 8),      S(WNOWAIT, 0x01000000),	S(__WNOTHREAD, 0x20000000),
	S(__WALL, 0x40000000), S(__WCLONE, 0x80000000), END,
};

static const struct kcap_symbol waitid_types[] = {
	S(P_ALL, 0), S(P_PID, 1), S(P_PGID, 2), S(P_PIDFD, 3), END,
};

static const struct kcap_symbol perf_types[] = {
	S(PERF_TYPE_HARDWARE, 0),
	S(PERF_TYPE_SOFTWARE, 1),
	S(PERF_TYPE_TRACEPOINT, 2),
	S(PERF_TYPE_HW_CACHE, 3),
	S(PERF_TYPE_RAW, 4),
	S(PERF_TYPE_BREAKPOINT, 5),
	END,
};

static const struct kcap_symbol perf_flag_bits[] = {
	S(PERF_FLAG_FD_NO_GROUP, 1),
	S(PERF_FLAG_FD_OUTPUT, 2),
	S(PERF_FLAG_PID_CGROUP, 4),
	S(PERF_FLAG_FD_CLOEXEC, 8),
	END,
};

static const struct kcap_symbol pidfd_bits[] = {
	S(PIDFD_THREAD, 0200), /* O_EXCL */
	S(PIDFD_NONBLOCK, 04000), /* O_NONBLOCK */
	END,
};

static const struct kcap_symbol pidfd_signal_bits[] = {
	S(PIDFD_SIGNAL_THREAD, 1),
	S(PIDFD_SIGNAL_THREAD_GROUP, 2),
	S(PIDFD_SIGNAL_PROCESS_GROUP, 4),
	END,
};

static const struct kcap_symbol fsopen_bits[] = {
	S(FSOPEN_CLOEXEC, 1),
	END,
};

static const struct kcap_symbol fsmount_bits[] = {
	S(FSMOUNT_CLOEXEC, 1),
	END,
};

static const struct kcap_symbol fsconfig_cmds[] = {
	S(FSCONFIG_SET_FLAG, 0),	S(FSCONFIG_SET_STRING, 1),
	S(FSCONFIG_SET_BINARY, 2),	S(FSCONFIG_SET_PATH, 3),
	S(FSCONFIG_SET_PATH_EMPTY, 4),	S(FSCONFIG_SET_FD, 5),
	S(FSCONFIG_CMD_CREATE, 6),	S(FSCONFIG_CMD_RECONFIGURE, 7),
	S(FSCONFIG_CMD_CREATE_EXCL, 8), END,
};

/* MOUNT_ATTR_RELATIME is 0 in the atime field: no bit to name */
static const struct kcap_symbol mount_attr_bits[] = {
	S(MOUNT_ATTR_RDONLY, 1),
	S(MOUNT_ATTR_NOSUID, 2),
	S(MOUNT_ATTR_NODEV, 4),
	S(MOUNT_ATTR_NOEXEC, 8),
	S(MOUNT_ATTR_NOATIME, 0x10),
	S(MOUNT_ATTR_STRICTATIME, 0x20),
	S(MOUNT_ATTR_NODIRATIME, 0x80),
	S(MOUNT_ATTR_IDMAP, 0x100000),
	S(MOUNT_ATTR_NOSYMFOLLOW, 0x200000),
	END,
};

static const struct kcap_symbol move_mount_bits[] = {
	S(MOVE_MOUNT_F_SYMLINKS, 0x1),
	S(MOVE_MOUNT_F_AUTOMOUNTS, 0x2),
	S(MOVE_MOUNT_F_EMPTY_PATH, 0x4),
	S(MOVE_MOUNT_T_SYMLINKS, 0x10),
	S(MOVE_MOUNT_T_AUTOMOUNTS, 0x20),
	S(MOVE_MOUNT_T_EMPTY_PATH, 0x40),
	S(MOVE_MOUNT_SET_GROUP, 0x100),
	S(MOVE_MOUNT_BENEATH, 0x200),
	END,
};

/* OPEN_TREE_* and the AT_* flags open_tree takes */
static const struct kcap_symbol open_tree_bits[] = {
	S(OPEN_TREE_CLONE, 1),
	S(OPEN_TREE_CLOEXEC, 02000000),
	END,
};

static const struct kcap_symbol fspick_bits[] = {
	S(FSPICK_CLOEXEC, 1),
	S(FSPICK_SYMLINK_NOFOLLOW, 2),
	S(FSPICK_NO_AUTOMOUNT, 4),
	S(FSPICK_EMPTY_PATH, 8),
	END,
};

/* Special keyring ids: negative key serials */
static const struct kcap_symbol key_specs[] = {
	S(KEY_SPEC_THREAD_KEYRING, (uint64_t)-1),
	S(KEY_SPEC_PROCESS_KEYRING, (uint64_t)-2),
	S(KEY_SPEC_SESSION_KEYRING, (uint64_t)-3),
	S(KEY_SPEC_USER_KEYRING, (uint64_t)-4),
	S(KEY_SPEC_USER_SESSION_KEYRING, (uint64_t)-5),
	S(KEY_SPEC_GROUP_KEYRING, (uint64_t)-6),
	S(KEY_SPEC_REQKEY_AUTH_KEY, (uint64_t)-7),
	S(KEY_SPEC_REQUESTOR_KEYRING, (uint64_t)-8),
	END,
};

static const struct kcap_symbol keyctl_ops[] = {
	S(KEYCTL_GET_KEYRING_ID, 0),
	S(KEYCTL_JOIN_SESSION_KEYRING, 1),
	S(KEYCTL_UPDATE, 2),
	S(KEYCTL_REVOKE, 3),
	S(KEYCTL_CHOWN, 4),
	S(KEYCTL_SETPERM, 5),
	S(KEYCTL_DESCRIBE, 6),
	S(KEYCTL_CLEAR, 7),
	S(KEYCTL_LINK, 8),
	S(KEYCTL_UNLINK, 9),
	S(KEYCTL_SEARCH, 10),
	S(KEYCTL_READ, 11),
	S(KEYCTL_INSTANTIATE, 12),
	S(KEYCTL_NEGATE, 13),
	S(KEYCTL_SET_REQKEY_KEYRING, 14),
	S(KEYCTL_SET_TIMEOUT, 15),
	S(KEYCTL_ASSUME_AUTHORITY, 16),
	S(KEYCTL_GET_SECURITY, 17),
	S(KEYCTL_SESSION_TO_PARENT, 18),
	S(KEYCTL_REJECT, 19),
	S(KEYCTL_INSTANTIATE_IOV, 20),
	S(KEYCTL_INVALIDATE, 21),
	S(KEYCTL_GET_PERSISTENT, 22),
	S(KEYCTL_DH_COMPUTE, 23),
	S(KEYCTL_PKEY_QUERY, 24),
	S(KEYCTL_PKEY_ENCRYPT, 25),
	S(KEYCTL_PKEY_DECRYPT, 26),
	S(KEYCTL_PKEY_SIGN, 27),
	S(KEYCTL_PKEY_VERIFY, 28),
	S(KEYCTL_RESTRICT_KEYRING, 29),
	S(KEYCTL_MOVE, 30),
	S(KEYCTL_CAPABILITIES, 31),
	S(KEYCTL_WATCH_KEY, 32),
	END,
};

static const struct kcap_symbol landlock_access_fs_bits[] = {
	S(LANDLOCK_ACCESS_FS_EXECUTE, 1 << 0),
	S(LANDLOCK_ACCESS_FS_WRITE_FILE, 1 << 1),
	S(LANDLOCK_ACCESS_FS_READ_FILE, 1 << 2),
	S(LANDLOCK_ACCESS_FS_READ_DIR, 1 << 3),
	S(LANDLOCK_ACCESS_FS_REMOVE_DIR, 1 << 4),
	S(LANDLOCK_ACCESS_FS_REMOVE_FILE, 1 << 5),
	S(LANDLOCK_ACCESS_FS_MAKE_CHAR, 1 << 6),
	S(LANDLOCK_ACCESS_FS_MAKE_DIR, 1 << 7),
	S(LANDLOCK_ACCESS_FS_MAKE_REG, 1 << 8),
	S(LANDLOCK_ACCESS_FS_MAKE_SOCK, 1 << 9),
	S(LANDLOCK_ACCESS_FS_MAKE_FIFO, 1 << 10),
	S(LANDLOCK_ACCESS_FS_MAKE_BLOCK, 1 << 11),
	S(LANDLOCK_ACCESS_FS_MAKE_SYM, 1 << 12),
	S(LANDLOCK_ACCESS_FS_REFER, 1 << 13),
	S(LANDLOCK_ACCESS_FS_TRUNCATE, 1 << 14),
	S(LANDLOCK_ACCESS_FS_IOCTL_DEV, 1 << 15),
	END,
};

static const struct kcap_symbol landlock_access_net_bits[] = {
	S(LANDLOCK_ACCESS_NET_BIND_TCP, 1),
	S(LANDLOCK_ACCESS_NET_CONNECT_TCP, 2),
	END,
};

static const struct kcap_symbol landlock_create_bits[] = {
	S(LANDLOCK_CREATE_RULESET_VERSION, 1),
	S(LANDLOCK_CREATE_RULESET_ERRATA, 2),
	END,
};

static const struct kcap_symbol landlock_rule_types[] = {
	S(LANDLOCK_RULE_PATH_BENEATH, 1),
	S(LANDLOCK_RULE_NET_PORT, 2),
	END,
};

static const struct kcap_symbol landlock_restrict_bits[] = {
	S(LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF, 1),
	S(LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON, 2),
	S(LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF, 4),
	END,
};

static const struct kcap_symbol delete_module_bits[] = {
	S(O_TRUNC, 01000),
	S(O_NONBLOCK, 04000),
	END,
};

/* kexec_load's architecture field (KEXEC_ARCH_MASK) */
static const struct kcap_symbol kexec_archs[] = {
	S(KEXEC_ARCH_DEFAULT, 0),
	S(KEXEC_ARCH_386, 3 << 16),
	S(KEXEC_ARCH_X86_64, 62 << 16),
	END,
};

static const struct kcap_symbol kexec_bits[] = {
	S(KEXEC_ON_CRASH, 1),
	S(KEXEC_PRESERVE_CONTEXT, 2),
	S(KEXEC_UPDATE_ELFCOREHDR, 4),
	S(KEXEC_CRASH_HOTPLUG_SUPPORT, 8),
	END,
};

static const struct kcap_symbol kexec_file_bits[] = {
	S(KEXEC_FILE_UNLOAD, 1),
	S(KEXEC_FILE_ON_CRASH, 2),
	S(KEXEC_FILE_NO_INITRAMFS, 4),
	S(KEXEC_FILE_DEBUG, 8),
	END,
};

/* UFFD_USER_MODE_ONLY; O_CLOEXEC and O_NONBLOCK follow from fd_bits */
static const struct kcap_symbol userfaultfd_bits[] = {
	S(UFFD_USER_MODE_ONLY, 1),
	END,
};

/* the command field (FUTEX_CMD_MASK without the two flags above it) */
static const struct kcap_symbol futex_cmds[] = {
	S(FUTEX_WAIT, 0),
	S(FUTEX_WAKE, 1),
	S(FUTEX_FD, 2),
	S(FUTEX_REQUEUE, 3),
	S(FUTEX_CMP_REQUEUE, 4),
	S(FUTEX_WAKE_OP, 5),
	S(FUTEX_LOCK_PI, 6),
	S(FUTEX_UNLOCK_PI, 7),
	S(FUTEX_TRYLOCK_PI, 8),
	S(FUTEX_WAIT_BITSET, 9),
	S(FUTEX_WAKE_BITSET, 10),
	S(FUTEX_WAIT_REQUEUE_PI, 11),
	S(FUTEX_CMP_REQUEUE_PI, 12),
	S(FUTEX_LOCK_PI2, 13),
	END,
};

static const struct kcap_symbol futex_bits[] = {
	S(FUTEX_PRIVATE_FLAG, 128),
	S(FUTEX_CLOCK_REALTIME, 256),
	END,
};

static const struct kcap_symbol reboot_magics[] = {
	S(LINUX_REBOOT_MAGIC1, 0xfee1dead), S(LINUX_REBOOT_MAGIC2, 672274793),
	S(LINUX_REBOOT_MAGIC2A, 85072278),  S(LINUX_REBOOT_MAGIC2B, 369367448),
	S(LINUX_REBOOT_MAGIC2C, 537993216), END,
};

static const struct kcap_symbol reboot_cmds[] = {
	S(LINUX_REBOOT_CMD_CAD_OFF, 0),
	S(LINUX_REBOOT_CMD_RESTART, 0x01234567),
	S(LINUX_REBOOT_CMD_HALT, 0xcdef0123),
	S(LINUX_REBOOT_CMD_CAD_ON, 0x89abcdef),
	S(LINUX_REBOOT_CMD_POWER_OFF, 0x4321fedc),
	S(LINUX_REBOOT_CMD_RESTART2, 0xa1b2c3d4),
	S(LINUX_REBOOT_CMD_SW_SUSPEND, 0xd000fce2),
	S(LINUX_REBOOT_CMD_KEXEC, 0x45584543),
	END,
};

/* the priority (SWAP_FLAG_PRIO_MASK, 0x7fff) shows in hex */
static const struct kcap_symbol swap_bits[] = {
	S(SWAP_FLAG_PREFER, 0x8000),
	S(SWAP_FLAG_DISCARD, 0x10000),
	S(SWAP_FLAG_DISCARD_ONCE, 0x20000),
	S(SWAP_FLAG_DISCARD_PAGES, 0x40000),
	END,
};

static const struct kcap_symbol timer_bits[] = {
	S(TIMER_ABSTIME, 1),
	END,
};

/* Who sent a signal: si_code, negative for the user's, SI_KERNEL and SI_USER the kernel's */
static const struct kcap_symbol si_codes[] = {
	S(SI_USER, 0),
	S(SI_KERNEL, 0x80),
	S(SI_QUEUE, (uint64_t)-1),
	S(SI_TIMER, (uint64_t)-2),
	S(SI_MESGQ, (uint64_t)-3),
	S(SI_ASYNCIO, (uint64_t)-4),
	S(SI_SIGIO, (uint64_t)-5),
	S(SI_TKILL, (uint64_t)-6),
	S(SI_DETHREAD, (uint64_t)-7),
	S(SI_ASYNCNL, (uint64_t)-60),
	END,
};

static const struct kcap_symbol_set sets[KCAP_ST__COUNT] = {
	[KCAP_ST_OPEN_FLAGS] = { .enum_part = open_accmode, .enum_mask = 3, .bits = open_bits },
	[KCAP_ST_RESOLVE_FLAGS] = { .bits = resolve_bits, .zero = "0" },
	[KCAP_ST_AT_FLAGS] = { .bits = at_bits, .zero = "0" },
	[KCAP_ST_RENAME_FLAGS] = { .bits = rename_bits, .zero = "0" },
	[KCAP_ST_CLONE_FLAGS] = { .enum_mask = 0xff, .enum_is_signal = 1, .bits = clone_bits },
	[KCAP_ST_CLONE3_FLAGS] = { .bits = clone_bits, .extra_bits = clone3_low_bits, .zero = "0" },
	[KCAP_ST_SOCKET_FAMILY] = { .enum_part = socket_families },
	[KCAP_ST_SOCKET_TYPE] = { .enum_part = socket_types, .enum_mask = 0xf, .bits = sock_bits },
	[KCAP_ST_SOCK_FLAGS] = { .bits = sock_bits, .zero = "0" },
	[KCAP_ST_PROT_FLAGS] = { .bits = prot_bits, .zero = "PROT_NONE" },
	[KCAP_ST_MMAP_FLAGS] = { .enum_part = mmap_types, .enum_mask = 0xf, .bits = mmap_bits },
	[KCAP_ST_PTRACE_REQUEST] = { .enum_part = ptrace_requests },
	[KCAP_ST_BPF_CMD] = { .enum_part = bpf_cmds },
	[KCAP_ST_MODULE_INIT_FLAGS] = { .bits = module_init_bits, .zero = "0" },
	[KCAP_ST_IORING_OP] = { .enum_part = ioring_ops },
	[KCAP_ST_IOSQE_FLAGS] = { .bits = iosqe_bits, .zero = "0" },
	[KCAP_ST_ACCESS_MODE] = { .bits = access_bits, .zero = "F_OK" },
	[KCAP_ST_ACCESS_AT_FLAGS] = { .bits = access_at_bits, .zero = "0" },
	[KCAP_ST_STATX_AT_FLAGS] = { .bits = at_bits, .extra_bits = statx_sync_bits, .zero = "0" },
	[KCAP_ST_STATX_MASK] = { .bits = statx_mask_bits, .zero = "0" },
	[KCAP_ST_SEEK_WHENCE] = { .enum_part = seek_whence },
	[KCAP_ST_FLOCK_OP] = { .bits = flock_bits, .zero = "0" },
	[KCAP_ST_FD_FLAGS] = { .bits = fd_bits, .zero = "0" },
	[KCAP_ST_EVENTFD_FLAGS] = { .bits = fd_bits, .extra_bits = eventfd_low_bits, .zero = "0" },
	[KCAP_ST_FCNTL_CMD] = { .enum_part = fcntl_cmds },
	[KCAP_ST_FD_CLOEXEC] = { .bits = fd_cloexec_bits, .zero = "0" },
	[KCAP_ST_CLOSE_RANGE_FLAGS] = { .bits = close_range_bits, .zero = "0" },
	[KCAP_ST_CLOCK_ID] = { .enum_part = clock_ids },
	[KCAP_ST_INOTIFY_MASK] = { .bits = inotify_bits, .zero = "0" },
	[KCAP_ST_EPOLL_OP] = { .enum_part = epoll_ops },
	[KCAP_ST_UTIME_NSEC] = { .enum_part = utime_nsec },
	[KCAP_ST_EPOLL_EVENTS] = { .bits = epoll_bits, .zero = "0" },
	[KCAP_ST_IOCTL_REQUEST] = { .enum_part = ioctl_requests },
	[KCAP_ST_RWF_FLAGS] = { .bits = rwf_bits, .zero = "0" },
	[KCAP_ST_SPLICE_FLAGS] = { .bits = splice_bits, .zero = "0" },
	[KCAP_ST_MSG_FLAGS] = { .bits = msg_bits, .zero = "0" },
	[KCAP_ST_SHUTDOWN_HOW] = { .enum_part = shutdown_hows },
	[KCAP_ST_SOCKOPT_LEVEL] = { .enum_part = sockopt_levels },
	[KCAP_ST_SOL_SOCKET_OPT] = { .enum_part = sol_socket_opts },
	[KCAP_ST_SOL_TCP_OPT] = { .enum_part = sol_tcp_opts },
	[KCAP_ST_SOL_IP_OPT] = { .enum_part = sol_ip_opts },
	[KCAP_ST_SOL_IPV6_OPT] = { .enum_part = sol_ipv6_opts },
	[KCAP_ST_POLL_EVENTS] = { .bits = poll_bits, .zero = "0" },
	[KCAP_ST_CAP_VERSION] = { .enum_part = cap_versions },
	[KCAP_ST_CAPS] = { .bits = cap_bits, .zero = "0" },
	[KCAP_ST_CAP_NUMBER] = { .enum_part = cap_numbers },
	[KCAP_ST_MOUNT_FLAGS] = { .bits = mount_bits, .zero = "0" },
	[KCAP_ST_UMOUNT_FLAGS] = { .bits = umount_bits, .zero = "0" },
	[KCAP_ST_PRCTL_OPTION] = { .enum_part = prctl_options },
	[KCAP_ST_SUID_DUMP] = { .enum_part = suid_dump },
	[KCAP_ST_SECCOMP_MODE] = { .enum_part = seccomp_modes },
	[KCAP_ST_PR_CAP_AMBIENT_OP] = { .enum_part = pr_cap_ambient_ops },
	[KCAP_ST_SECCOMP_OP] = { .enum_part = seccomp_ops },
	[KCAP_ST_SECCOMP_FLAGS] = { .bits = seccomp_filter_bits, .zero = "0" },
	[KCAP_ST_MFD_FLAGS] = { .bits = mfd_bits, .zero = "0" },
	[KCAP_ST_PERSONALITY] = { .enum_part = personality_domains,
				  .enum_mask = 0xff,
				  .bits = personality_bits },
	[KCAP_ST_RLIMIT_RESOURCE] = { .enum_part = rlimit_resources },
	[KCAP_ST_RLIM_VALUE] = { .enum_part = rlim_values },
	[KCAP_ST_MREMAP_FLAGS] = { .bits = mremap_bits, .zero = "0" },
	[KCAP_ST_MADVISE_ADVICE] = { .enum_part = madvise_advice },
	[KCAP_ST_MLOCK_FLAGS] = { .bits = mlock_bits, .zero = "0" },
	[KCAP_ST_MLOCKALL_FLAGS] = { .bits = mlockall_bits, .zero = "0" },
	[KCAP_ST_BPF_PROG_TYPE] = { .enum_part = bpf_prog_types },
	[KCAP_ST_CLD_CODE] = { .enum_part = cld_codes },
	[KCAP_ST_WAIT_OPTIONS] = { .bits = wait_bits, .zero = "0" },
	[KCAP_ST_WAITID_TYPE] = { .enum_part = waitid_types },
	[KCAP_ST_PERF_TYPE] = { .enum_part = perf_types },
	[KCAP_ST_PERF_FLAGS] = { .bits = perf_flag_bits, .zero = "0" },
	[KCAP_ST_PIDFD_FLAGS] = { .bits = pidfd_bits, .zero = "0" },
	[KCAP_ST_PIDFD_SIGNAL_FLAGS] = { .bits = pidfd_signal_bits, .zero = "0" },
	[KCAP_ST_FSOPEN_FLAGS] = { .bits = fsopen_bits, .zero = "0" },
	[KCAP_ST_FSMOUNT_FLAGS] = { .bits = fsmount_bits, .zero = "0" },
	[KCAP_ST_FSCONFIG_CMD] = { .enum_part = fsconfig_cmds },
	[KCAP_ST_MOUNT_ATTR] = { .bits = mount_attr_bits, .zero = "0" },
	[KCAP_ST_MOVE_MOUNT_FLAGS] = { .bits = move_mount_bits, .zero = "0" },
	[KCAP_ST_OPEN_TREE_FLAGS] = { .bits = open_tree_bits, .extra_bits = at_bits, .zero = "0" },
	[KCAP_ST_FSPICK_FLAGS] = { .bits = fspick_bits, .zero = "0" },
	[KCAP_ST_KEY_SPEC] = { .enum_part = key_specs },
	[KCAP_ST_KEYCTL_OP] = { .enum_part = keyctl_ops },
	[KCAP_ST_LANDLOCK_ACCESS_FS] = { .bits = landlock_access_fs_bits, .zero = "0" },
	[KCAP_ST_LANDLOCK_ACCESS_NET] = { .bits = landlock_access_net_bits, .zero = "0" },
	[KCAP_ST_LANDLOCK_CREATE_FLAGS] = { .bits = landlock_create_bits, .zero = "0" },
	[KCAP_ST_LANDLOCK_RULE_TYPE] = { .enum_part = landlock_rule_types },
	[KCAP_ST_LANDLOCK_RESTRICT_FLAGS] = { .bits = landlock_restrict_bits, .zero = "0" },
	[KCAP_ST_DELETE_MODULE_FLAGS] = { .bits = delete_module_bits, .zero = "0" },
	[KCAP_ST_KEXEC_FLAGS] = { .enum_part = kexec_archs,
				  .enum_mask = 0xffff0000,
				  .bits = kexec_bits },
	[KCAP_ST_KEXEC_FILE_FLAGS] = { .bits = kexec_file_bits, .zero = "0" },
	[KCAP_ST_USERFAULTFD_FLAGS] = { .bits = userfaultfd_bits,
					.extra_bits = fd_bits,
					.zero = "0" },
	[KCAP_ST_FUTEX_OP] = { .enum_part = futex_cmds, .enum_mask = 0x7f, .bits = futex_bits },
	[KCAP_ST_REBOOT_MAGIC] = { .enum_part = reboot_magics },
	[KCAP_ST_REBOOT_CMD] = { .enum_part = reboot_cmds },
	[KCAP_ST_SWAP_FLAGS] = { .bits = swap_bits, .zero = "0" },
	[KCAP_ST_TIMER_FLAGS] = { .bits = timer_bits, .zero = "0" },
	[KCAP_ST_SI_CODE] = { .enum_part = si_codes },
};

const struct kcap_symbol_set *kcap_symbol_set(enum kcap_symbol_table table)
{
	if ((unsigned int)table >= KCAP_ST__COUNT || table == KCAP_ST_NONE)
		return NULL;
	return &sets[table];
}
