/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The reference system's .scap capture format as its 2022 libraries read it
 * (driver API 1.0.0, the libs of Debian 12's sysdig 0.29.3): the blocks and
 * event numbers kcap's export writes. Little-endian.
 *
 *   block    __u32 type, __u32 total length, body, padding to 4 bytes,
 *            __u32 total length again
 *   section  first: __u32 byte-order magic, __u16 major, __u16 minor,
 *            __u64 section length (-1: unknown)
 *   process  entries: __u32 length (itself included) and the fields of
 *   list     kcap_scap_put_thread(), in order
 *   event    __u16 cpu, then the event: __u64 ts (epoch ns), __u64 tid,
 *            __u32 len (from ts on), __u16 type, __u32 nparams, nparams
 *            __u16 lengths, the values
 */
#ifndef KCAP_SCAP_FORMAT_H
#define KCAP_SCAP_FORMAT_H

#define SCAP_BLOCK_SECTION 0x0A0D0D0Au
#define SCAP_SECTION_MAGIC 0x1A2B3C4Du
#define SCAP_SECTION_MAJOR 1
#define SCAP_SECTION_MINOR 2
#define SCAP_BLOCK_PROCESS_LIST 0x215u
#define SCAP_BLOCK_EVENT 0x216u
#define SCAP_EVENT_HEADER_SIZE 26u

/* Event types of that era: an enter event and its exit are N and N + 1. */
enum kcap_scap_event {
	SCAP_EV_GENERIC_E = 0,
	SCAP_EV_OPEN_E = 2,
	SCAP_EV_CLOSE_E = 4,
	SCAP_EV_READ_E = 6,
	SCAP_EV_WRITE_E = 8,
	SCAP_EV_SOCKET_E = 18,
	SCAP_EV_BIND_E = 20,
	SCAP_EV_CONNECT_E = 22,
	SCAP_EV_LISTEN_E = 24,
	SCAP_EV_SENDTO_E = 30,
	SCAP_EV_RECVFROM_E = 34,
	SCAP_EV_SHUTDOWN_E = 36,
	SCAP_EV_GETSOCKNAME_E = 38,
	SCAP_EV_GETPEERNAME_E = 40,
	SCAP_EV_SOCKETPAIR_E = 42,
	SCAP_EV_SETSOCKOPT_E = 44,
	SCAP_EV_GETSOCKOPT_E = 46,
	SCAP_EV_SENDMSG_E = 48,
	SCAP_EV_SENDMMSG_E = 50,
	SCAP_EV_RECVMSG_E = 52,
	SCAP_EV_RECVMMSG_E = 54,
	SCAP_EV_CREAT_E = 58,
	SCAP_EV_PIPE_E = 60,
	SCAP_EV_EVENTFD_E = 62, /* eventfd and eventfd2 alike */
	SCAP_EV_FUTEX_E = 64,
	SCAP_EV_STAT_E = 66,
	SCAP_EV_LSTAT_E = 68,
	SCAP_EV_FSTAT_E = 70,
	SCAP_EV_EPOLLWAIT_E = 78,
	SCAP_EV_POLL_E = 80,
	SCAP_EV_SELECT_E = 82,
	SCAP_EV_LSEEK_E = 86,
	SCAP_EV_GETCWD_E = 92,
	SCAP_EV_CHDIR_E = 94,
	SCAP_EV_FCHDIR_E = 96,
	SCAP_EV_PREAD_E = 112,
	SCAP_EV_PWRITE_E = 114,
	SCAP_EV_READV_E = 116,
	SCAP_EV_WRITEV_E = 118,
	SCAP_EV_PREADV_E = 120,
	SCAP_EV_PWRITEV_E = 122,
	SCAP_EV_DUP_E = 124, /* dup, dup2 and dup3 alike */
	SCAP_EV_SIGNALFD_E = 126, /* signalfd and signalfd4 alike */
	SCAP_EV_KILL_E = 128,
	SCAP_EV_TKILL_E = 130,
	SCAP_EV_TGKILL_E = 132,
	SCAP_EV_NANOSLEEP_E = 134,
	SCAP_EV_TIMERFD_CREATE_E = 136,
	SCAP_EV_INOTIFY_INIT_E = 138, /* inotify_init and inotify_init1 alike */
	SCAP_EV_GETRLIMIT_E = 140,
	SCAP_EV_SETRLIMIT_E = 142,
	SCAP_EV_PRLIMIT_E = 144,
	SCAP_EV_FCNTL_E = 150,
	SCAP_EV_BRK_4_E = 158,
	SCAP_EV_MMAP_E = 160,
	SCAP_EV_MUNMAP_E = 164,
	SCAP_EV_SPLICE_E = 166,
	SCAP_EV_PTRACE_E = 168,
	SCAP_EV_IOCTL_3_E = 170,
	SCAP_EV_RENAME_E = 174,
	SCAP_EV_RENAMEAT_E = 176,
	SCAP_EV_SYMLINK_E = 178,
	SCAP_EV_SYMLINKAT_E = 180,
	SCAP_EV_PROCEXIT_1_E = 186,
	SCAP_EV_SENDFILE_E = 188,
	SCAP_EV_SETRESUID_E = 192,
	SCAP_EV_SETRESGID_E = 194,
	SCAP_EV_SETUID_E = 198,
	SCAP_EV_SETGID_E = 200,
	SCAP_EV_GETUID_E = 202,
	SCAP_EV_GETEUID_E = 204,
	SCAP_EV_GETGID_E = 206,
	SCAP_EV_GETEGID_E = 208,
	SCAP_EV_GETRESUID_E = 210,
	SCAP_EV_GETRESGID_E = 212,
	SCAP_EV_CLONE_20_E = 222,
	SCAP_EV_FORK_20_E = 224,
	SCAP_EV_VFORK_20_E = 226,
	SCAP_EV_GETDENTS_E = 236,
	SCAP_EV_GETDENTS64_E = 238,
	SCAP_EV_SETNS_E = 240,
	SCAP_EV_FLOCK_E = 242,
	SCAP_EV_ACCEPT_5_E = 246,
	SCAP_EV_ACCEPT4_5_E = 248,
	SCAP_EV_SEMOP_E = 250,
	SCAP_EV_SEMCTL_E = 252,
	SCAP_EV_PPOLL_E = 254,
	SCAP_EV_MOUNT_E = 256,
	SCAP_EV_UMOUNT_E = 258, /* umount2 */
	SCAP_EV_SEMGET_E = 262,
	SCAP_EV_ACCESS_E = 264,
	SCAP_EV_CHROOT_E = 266,
	SCAP_EV_SETSID_E = 274,
	SCAP_EV_MKDIR_2_E = 276,
	SCAP_EV_RMDIR_2_E = 278,
	SCAP_EV_UNSHARE_E = 284,
	SCAP_EV_EXECVE_19_E = 292,
	SCAP_EV_SETPGID_E = 294,
	SCAP_EV_BPF_E = 296,
	SCAP_EV_SECCOMP_E = 298,
	SCAP_EV_UNLINK_2_E = 300,
	SCAP_EV_UNLINKAT_2_E = 302,
	SCAP_EV_MKDIRAT_E = 304,
	SCAP_EV_OPENAT_2_E = 306,
	SCAP_EV_LINK_2_E = 308,
	SCAP_EV_LINKAT_2_E = 310,
	SCAP_EV_FCHMODAT_E = 312,
	SCAP_EV_CHMOD_E = 314,
	SCAP_EV_FCHMOD_E = 316,
	SCAP_EV_RENAMEAT2_E = 318,
	SCAP_EV_USERFAULTFD_E = 320,
	SCAP_EV_OPENAT2_E = 326,
	SCAP_EV_MPROTECT_E = 328,
	SCAP_EV_EXECVEAT_E = 330,
	SCAP_EV_COPY_FILE_RANGE_E = 332,
	SCAP_EV_CLONE3_E = 334,
};

/*
 * Socket addresses: __u8 family (AF_INET, AF_INET6, AF_UNIX keep their
 * numbers), then an IPv4 address (network order) and a port (host order),
 * an IPv6 address and a port, or a NUL-terminated path. A tuple: the family,
 * then source and destination address and port; for AF_UNIX two __u64
 * socket pointers and the path.
 */

/* Open flags in that format's own encoding (PPM_O_*). */
#define SCAP_O_RDONLY (1u << 0)
#define SCAP_O_WRONLY (1u << 1)
#define SCAP_O_RDWR (SCAP_O_RDONLY | SCAP_O_WRONLY)
#define SCAP_O_CREAT (1u << 2)
#define SCAP_O_APPEND (1u << 3)
#define SCAP_O_DSYNC (1u << 4)
#define SCAP_O_EXCL (1u << 5)
#define SCAP_O_NONBLOCK (1u << 6)
#define SCAP_O_SYNC (1u << 7)
#define SCAP_O_TRUNC (1u << 8)
#define SCAP_O_DIRECT (1u << 9)
#define SCAP_O_DIRECTORY (1u << 10)
#define SCAP_O_LARGEFILE (1u << 11)
#define SCAP_O_CLOEXEC (1u << 12)
#define SCAP_O_TMPFILE (1u << 13)

/*
 * Where the format keeps the native values they go out as they are: address
 * families, shutdown's how, lseek's whence, flock's operations, access modes,
 * rlimit resources, mount and umount flags, the AT_* flags of unlinkat and
 * linkat, renameat2's and splice's flags, futex operations and the permission
 * bits of a mode (PPM_S_*). The sets below have their own encoding.
 */

/* Namespace flags of unshare and setns (PPM_CL_*). */
#define SCAP_CL_CLONE_FILES (1u << 0)
#define SCAP_CL_CLONE_FS (1u << 1)
#define SCAP_CL_CLONE_IO (1u << 2)
#define SCAP_CL_CLONE_NEWIPC (1u << 3)
#define SCAP_CL_CLONE_NEWNET (1u << 4)
#define SCAP_CL_CLONE_NEWNS (1u << 5)
#define SCAP_CL_CLONE_NEWPID (1u << 6)
#define SCAP_CL_CLONE_NEWUTS (1u << 7)
#define SCAP_CL_CLONE_PARENT (1u << 8)
#define SCAP_CL_CLONE_PARENT_SETTID (1u << 9)
#define SCAP_CL_CLONE_PTRACE (1u << 10)
#define SCAP_CL_CLONE_SIGHAND (1u << 11)
#define SCAP_CL_CLONE_SYSVSEM (1u << 12)
#define SCAP_CL_CLONE_THREAD (1u << 13)
#define SCAP_CL_CLONE_UNTRACED (1u << 14)
#define SCAP_CL_CLONE_VM (1u << 15)
#define SCAP_CL_CLONE_NEWUSER (1u << 20)
#define SCAP_CL_CLONE_CHILD_CLEARTID (1u << 23)
#define SCAP_CL_CLONE_CHILD_SETTID (1u << 24)
#define SCAP_CL_CLONE_SETTLS (1u << 25)
#define SCAP_CL_CLONE_VFORK (1u << 27)
#define SCAP_CL_CLONE_NEWCGROUP (1u << 28)

/* mmap and mprotect protections (PPM_PROT_*) and mmap flags (PPM_MAP_*). */
#define SCAP_PROT_READ (1u << 0)
#define SCAP_PROT_WRITE (1u << 1)
#define SCAP_PROT_EXEC (1u << 2)
#define SCAP_PROT_SEM (1u << 3)
#define SCAP_PROT_GROWSDOWN (1u << 4)
#define SCAP_PROT_GROWSUP (1u << 5)
#define SCAP_MAP_SHARED (1u << 0)
#define SCAP_MAP_PRIVATE (1u << 1)
#define SCAP_MAP_FIXED (1u << 2)
#define SCAP_MAP_ANONYMOUS (1u << 3)
#define SCAP_MAP_32BIT (1u << 4)
#define SCAP_MAP_NORESERVE (1u << 6)
#define SCAP_MAP_POPULATE (1u << 7)
#define SCAP_MAP_NONBLOCK (1u << 8)
#define SCAP_MAP_GROWSDOWN (1u << 9)
#define SCAP_MAP_DENYWRITE (1u << 10)
#define SCAP_MAP_EXECUTABLE (1u << 11)
#define SCAP_MAP_LOCKED (1u << 14)

/* fcntl commands (PPM_FCNTL_*): one byte, 0 for one it does not know. */
#define SCAP_FCNTL_UNKNOWN 0
#define SCAP_FCNTL_F_DUPFD 1
#define SCAP_FCNTL_F_GETFD 2
#define SCAP_FCNTL_F_SETFD 3
#define SCAP_FCNTL_F_GETFL 4
#define SCAP_FCNTL_F_SETFL 5
#define SCAP_FCNTL_F_GETLK 6
#define SCAP_FCNTL_F_SETLK 8
#define SCAP_FCNTL_F_SETLKW 9
#define SCAP_FCNTL_F_SETOWN 10
#define SCAP_FCNTL_F_GETOWN 12
#define SCAP_FCNTL_F_SETSIG 13
#define SCAP_FCNTL_F_GETSIG 15
#define SCAP_FCNTL_F_SETOWN_EX 21
#define SCAP_FCNTL_F_GETOWN_EX 22
#define SCAP_FCNTL_F_SETLEASE 23
#define SCAP_FCNTL_F_GETLEASE 24
#define SCAP_FCNTL_F_CANCELLK 25
#define SCAP_FCNTL_F_DUPFD_CLOEXEC 26
#define SCAP_FCNTL_F_NOTIFY 27
#define SCAP_FCNTL_F_SETPIPE_SZ 28
#define SCAP_FCNTL_F_GETPIPE_SZ 29
#define SCAP_FCNTL_F_OFD_GETLK 30
#define SCAP_FCNTL_F_OFD_SETLK 31
#define SCAP_FCNTL_F_OFD_SETLKW 32

/* poll events (PPM_POLL*), in a fd list: __u16 count, then __s64 fd, __s16 events each. */
#define SCAP_POLLIN (1u << 0)
#define SCAP_POLLPRI (1u << 1)
#define SCAP_POLLOUT (1u << 2)
#define SCAP_POLLRDHUP (1u << 3)
#define SCAP_POLLERR (1u << 4)
#define SCAP_POLLHUP (1u << 5)
#define SCAP_POLLNVAL (1u << 6)
#define SCAP_POLLRDNORM (1u << 7)
#define SCAP_POLLRDBAND (1u << 8)
#define SCAP_POLLWRNORM (1u << 9)
#define SCAP_POLLWRBAND (1u << 10)

/* openat2's resolve flags (PPM_RESOLVE_*) and execveat's flags (PPM_EXVAT_*). */
#define SCAP_RESOLVE_BENEATH (1u << 0)
#define SCAP_RESOLVE_IN_ROOT (1u << 1)
#define SCAP_RESOLVE_NO_MAGICLINKS (1u << 2)
#define SCAP_RESOLVE_NO_SYMLINKS (1u << 3)
#define SCAP_RESOLVE_NO_XDEV (1u << 4)
#define SCAP_RESOLVE_CACHED (1u << 5)
#define SCAP_EXVAT_AT_EMPTY_PATH (1u << 0)
#define SCAP_EXVAT_AT_SYMLINK_NOFOLLOW (1u << 1)

/* System V semaphores: semop's and semget's flags, semctl's commands. */
#define SCAP_IPC_NOWAIT (1u << 0)
#define SCAP_SEM_UNDO (1u << 1)
#define SCAP_IPC_CREAT (1u << 13)
#define SCAP_IPC_EXCL (1u << 14)
#define SCAP_IPC_STAT (1u << 0)
#define SCAP_IPC_SET (1u << 1)
#define SCAP_IPC_RMID (1u << 2)
#define SCAP_IPC_INFO (1u << 3)
#define SCAP_SEM_INFO (1u << 4)
#define SCAP_SEM_STAT (1u << 5)
#define SCAP_GETALL (1u << 6)
#define SCAP_GETNCNT (1u << 7)
#define SCAP_GETPID (1u << 8)
#define SCAP_GETVAL (1u << 9)
#define SCAP_GETZCNT (1u << 10)
#define SCAP_SETALL (1u << 11)
#define SCAP_SETVAL (1u << 12)

/* ptrace requests (PPM_PTRACE_*): two bytes, 0 for one it does not know. */
#define SCAP_PTRACE_UNKNOWN 0
#define SCAP_PTRACE_TRACEME 1
#define SCAP_PTRACE_PEEKTEXT 2
#define SCAP_PTRACE_PEEKDATA 3
#define SCAP_PTRACE_PEEKUSR 4
#define SCAP_PTRACE_POKETEXT 5
#define SCAP_PTRACE_POKEDATA 6
#define SCAP_PTRACE_POKEUSR 7
#define SCAP_PTRACE_CONT 8
#define SCAP_PTRACE_KILL 9
#define SCAP_PTRACE_SINGLESTEP 10
#define SCAP_PTRACE_ATTACH 11
#define SCAP_PTRACE_DETACH 12
#define SCAP_PTRACE_SYSCALL 13
#define SCAP_PTRACE_SETOPTIONS 14
#define SCAP_PTRACE_GETEVENTMSG 15
#define SCAP_PTRACE_GETSIGINFO 16
#define SCAP_PTRACE_SETSIGINFO 17
#define SCAP_PTRACE_GETREGSET 18
#define SCAP_PTRACE_SETREGSET 19
#define SCAP_PTRACE_SEIZE 20
#define SCAP_PTRACE_INTERRUPT 21
#define SCAP_PTRACE_LISTEN 22
#define SCAP_PTRACE_PEEKSIGINFO 23
#define SCAP_PTRACE_GETSIGMASK 24
#define SCAP_PTRACE_SETSIGMASK 25
#define SCAP_PTRACE_GETREGS 26
#define SCAP_PTRACE_SETREGS 27
#define SCAP_PTRACE_GETFPREGS 28
#define SCAP_PTRACE_SETFPREGS 29
#define SCAP_PTRACE_GETFPXREGS 30
#define SCAP_PTRACE_SETFPXREGS 31
#define SCAP_PTRACE_GET_THREAD_AREA 33
#define SCAP_PTRACE_SET_THREAD_AREA 34
#define SCAP_PTRACE_ARCH_PRCTL 35
#define SCAP_PTRACE_SYSEMU 36
#define SCAP_PTRACE_SYSEMU_SINGLESTEP 37
#define SCAP_PTRACE_SINGLEBLOCK 38

/*
 * Socket options: the level (PPM_SOCKOPT_LEVEL_*) and, at SOL_SOCKET, the
 * option (PPM_SOCKOPT_SO_*: x86_64's own numbers up to SO_ATTACH_BPF, 50,
 * then three renumbered; 0 for any other). The value is a dynamic parameter:
 * a __u8 index, then the value (SCAP_SOCKOPT_IDX_UNKNOWN: the raw bytes).
 */
#define SCAP_SOCKOPT_LEVEL_UNKNOWN 0
#define SCAP_SOCKOPT_LEVEL_SOL_SOCKET 1
#define SCAP_SOCKOPT_LEVEL_SOL_TCP 2
#define SCAP_SOCKOPT_SO_LAST_NATIVE 50
#define SCAP_SOCKOPT_SO_PEERGROUPS 51
#define SCAP_SOCKOPT_SO_MEMINFO 52
#define SCAP_SOCKOPT_SO_COOKIE 53
#define SCAP_SOCKOPT_IDX_UNKNOWN 0

/* Other dynamic parameters' indexes: bpf's result, ptrace's addr and data. */
#define SCAP_BPF_IDX_FD 0
#define SCAP_BPF_IDX_RES 1
#define SCAP_PTRACE_IDX_UINT64 0

#endif /* KCAP_SCAP_FORMAT_H */
