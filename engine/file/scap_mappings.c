// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The .scap export's tables: for each kcap event with a dedicated
 * counterpart in the format, that event pair and the source of each of its
 * parameters (built from kcap's exit event, which carries every argument;
 * what kcap does not have is the type's neutral value), and the translations
 * of the native flag sets the format encodes its own way.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stddef.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <linux/openat2.h>
#include "scap_format.h"
#include "scap_mappings.h"
#include "kcap_events.h"

#define P_(s, n)         \
	{                \
		S_##s, n \
	}
#define NONE                  \
	{                     \
		P_(END, NULL) \
	}
#define RES                    \
	{                      \
		P_(I64, "res") \
	}
#define RES_PATH(name)                        \
	{                                     \
		P_(I64, "res"), P_(STR, name) \
	}
#define VM_ZERO P_(ZERO4, NULL), P_(ZERO4, NULL), P_(ZERO4, NULL) /* vm_size, vm_rss, vm_swap */
#define CHILD_PARAMS(exe)                                                                       \
	{                                                                                       \
		P_(I64, "res"), exe, P_(EMPTY, NULL), P_(TID, NULL), P_(PID, NULL),             \
			P_(I64, "ppid"), P_(EMPTY_STR, NULL), P_(ZERO8, NULL), P_(ZERO8, NULL), \
			P_(ZERO8, NULL), P_(ZERO4, NULL), P_(ZERO4, NULL), P_(ZERO4, NULL),     \
			P_(STR, "comm"), P_(EMPTY, NULL), P_(ZERO4, NULL), P_(ZERO4, NULL),     \
			P_(ZERO4, NULL), P_(I64, "vtid"), P_(I64, "vpid")                       \
	}
#define EXEC_PARAMS                                                                           \
	{                                                                                     \
		P_(I64, "res"), P_(ARGV0, "args"), P_(ARGV_REST, "args"), P_(TID, NULL),      \
			P_(PID, NULL), P_(I64, "ppid"), P_(STR, "cwd"), P_(ZERO8, NULL),      \
			P_(ZERO8, NULL), P_(ZERO8, NULL), P_(ZERO4, NULL), P_(ZERO4, NULL),   \
			P_(ZERO4, NULL), P_(STR, "comm"), P_(EMPTY, NULL), P_(EMPTY, NULL),   \
			P_(ZERO4, NULL), P_(ZERO8, NULL), P_(MINUS1_4, NULL), P_(ZERO4, NULL) \
	}
/* An event whose enter has no parameters and whose exit is only the result. */
#define RES_ONLY(kcap, scap)                                 \
	{                                                    \
		KCAP_EV_##kcap, SCAP_EV_##scap, 0, NONE, RES \
	}
/* The same, the enter naming the descriptor. */
#define FD_RES(kcap, scap, fd)                                          \
	{                                                               \
		KCAP_EV_##kcap, SCAP_EV_##scap, 0, { P_(I64, fd) }, RES \
	}
/* An event of the format with no parameters at all. */
#define BARE(kcap, scap)                                      \
	{                                                     \
		KCAP_EV_##kcap, SCAP_EV_##scap, 0, NONE, NONE \
	}

static const struct mapping mappings[] = {
	/* files */
	{ KCAP_EV_OPENAT_X,
	  SCAP_EV_OPENAT_2_E,
	  0,
	  { P_(I64, "dirfd"), P_(STR, "name"), P_(OPEN_FLAGS, "flags"), P_(U32, "mode") },
	  { P_(I64, "res"), P_(I64, "dirfd"), P_(STR, "name"), P_(OPEN_FLAGS, "flags"),
	    P_(U32, "mode"), P_(U32, "dev") } },
	{ KCAP_EV_OPEN_X,
	  SCAP_EV_OPEN_E,
	  0,
	  { P_(STR, "name"), P_(OPEN_FLAGS, "flags"), P_(U32, "mode") },
	  { P_(I64, "res"), P_(STR, "name"), P_(OPEN_FLAGS, "flags"), P_(U32, "mode"),
	    P_(U32, "dev") } },
	{ KCAP_EV_OPENAT2_X,
	  SCAP_EV_OPENAT2_E,
	  0,
	  { P_(I64, "dirfd"), P_(STR, "name"), P_(OPEN_FLAGS, "flags"), P_(MODE, "mode"),
	    P_(RESOLVE, "resolve") },
	  { P_(I64, "res"), P_(I64, "dirfd"), P_(STR, "name"), P_(OPEN_FLAGS, "flags"),
	    P_(MODE, "mode"), P_(RESOLVE, "resolve") } },
	{ KCAP_EV_CREAT_X,
	  SCAP_EV_CREAT_E,
	  0,
	  { P_(STR, "name"), P_(MODE, "mode") },
	  { P_(I64, "res"), P_(STR, "name"), P_(MODE, "mode"), P_(U32, "dev") } },
	{ KCAP_EV_CLOSE_X, SCAP_EV_CLOSE_E, 0, { P_(I64, "fd") }, RES },
	{ KCAP_EV_READ_X,
	  SCAP_EV_READ_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "size") },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	{ KCAP_EV_WRITE_X,
	  SCAP_EV_WRITE_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "size") },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	{ KCAP_EV_PREAD64_X,
	  SCAP_EV_PREAD_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "size"), P_(I64, "pos") },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	{ KCAP_EV_PWRITE64_X,
	  SCAP_EV_PWRITE_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "size"), P_(I64, "pos") },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	/* vectored I/O: the size is what kcap captured of the data */
	{ KCAP_EV_READV_X,
	  SCAP_EV_READV_E,
	  0,
	  { P_(I64, "fd") },
	  { P_(I64, "res"), P_(DATA_LEN, "data"), P_(BYTES, "data") } },
	{ KCAP_EV_WRITEV_X,
	  SCAP_EV_WRITEV_E,
	  0,
	  { P_(I64, "fd"), P_(DATA_LEN, "data") },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	{ KCAP_EV_PREADV_X,
	  SCAP_EV_PREADV_E,
	  0,
	  { P_(I64, "fd"), P_(I64, "pos") },
	  { P_(I64, "res"), P_(DATA_LEN, "data"), P_(BYTES, "data") } },
	{ KCAP_EV_PWRITEV_X,
	  SCAP_EV_PWRITEV_E,
	  0,
	  { P_(I64, "fd"), P_(DATA_LEN, "data"), P_(I64, "pos") },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	{ KCAP_EV_SENDFILE_X,
	  SCAP_EV_SENDFILE_E,
	  0,
	  { P_(I64, "out_fd"), P_(I64, "in_fd"), P_(I64, "offset"), P_(I64, "count") },
	  { P_(I64, "res"), P_(I64, "offset") } },
	{ KCAP_EV_SPLICE_X,
	  SCAP_EV_SPLICE_E,
	  0,
	  { P_(I64, "fd_in"), P_(I64, "fd_out"), P_(I64, "len"), P_(U32, "flags") },
	  RES },
	{ KCAP_EV_COPY_FILE_RANGE_X,
	  SCAP_EV_COPY_FILE_RANGE_E,
	  0,
	  { P_(I64, "fd_in"), P_(I64, "off_in"), P_(I64, "len") },
	  { P_(I64, "res"), P_(I64, "fd_out"), P_(I64, "off_out") } },
	{ KCAP_EV_LSEEK_X,
	  SCAP_EV_LSEEK_E,
	  0,
	  { P_(I64, "fd"), P_(I64, "offset"), P_(U8, "whence") },
	  RES },
	{ KCAP_EV_FCNTL_X, SCAP_EV_FCNTL_E, 0, { P_(I64, "fd"), P_(FCNTL_CMD, "cmd") }, RES },
	{ KCAP_EV_FLOCK_X, SCAP_EV_FLOCK_E, 0, { P_(I64, "fd"), P_(U32, "operation") }, RES },
	{ KCAP_EV_IOCTL_X,
	  SCAP_EV_IOCTL_3_E,
	  0,
	  { P_(I64, "fd"), P_(I64, "request"), P_(I64, "arg") },
	  RES },
	{ KCAP_EV_DUP_X, SCAP_EV_DUP_E, 0, { P_(I64, "oldfd") }, RES },
	{ KCAP_EV_DUP2_X, SCAP_EV_DUP_E, 0, { P_(I64, "oldfd") }, RES },
	{ KCAP_EV_DUP3_X, SCAP_EV_DUP_E, 0, { P_(I64, "oldfd") }, RES },
	{ KCAP_EV_PIPE_X,
	  SCAP_EV_PIPE_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "fd0"), P_(I64, "fd1"), P_(ZERO8, NULL) } },
	{ KCAP_EV_PIPE2_X,
	  SCAP_EV_PIPE_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "fd0"), P_(I64, "fd1"), P_(ZERO8, NULL) } },
	FD_RES(FSTAT_X, FSTAT_E, "fd"),
	{ KCAP_EV_STAT_X, SCAP_EV_STAT_E, 0, NONE, RES_PATH("path") },
	{ KCAP_EV_LSTAT_X, SCAP_EV_LSTAT_E, 0, NONE, RES_PATH("path") },
	FD_RES(GETDENTS_X, GETDENTS_E, "fd"),
	FD_RES(GETDENTS64_X, GETDENTS64_E, "fd"),
	{ KCAP_EV_ACCESS_X, SCAP_EV_ACCESS_E, 0, { P_(U32, "mode") }, RES_PATH("path") },
	/* the file system's names */
	{ KCAP_EV_UNLINK_X, SCAP_EV_UNLINK_2_E, 0, NONE, RES_PATH("path") },
	{ KCAP_EV_UNLINKAT_X,
	  SCAP_EV_UNLINKAT_2_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "dirfd"), P_(STR, "name"), P_(U32, "flags") } },
	{ KCAP_EV_MKDIR_X, SCAP_EV_MKDIR_2_E, 0, { P_(U32, "mode") }, RES_PATH("path") },
	{ KCAP_EV_MKDIRAT_X,
	  SCAP_EV_MKDIRAT_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "dirfd"), P_(STR, "path"), P_(U32, "mode") } },
	{ KCAP_EV_RMDIR_X, SCAP_EV_RMDIR_2_E, 0, NONE, RES_PATH("path") },
	{ KCAP_EV_RENAME_X,
	  SCAP_EV_RENAME_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(STR, "oldpath"), P_(STR, "newpath") } },
	{ KCAP_EV_RENAMEAT_X,
	  SCAP_EV_RENAMEAT_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "olddirfd"), P_(STR, "oldpath"), P_(I64, "newdirfd"),
	    P_(STR, "newpath") } },
	{ KCAP_EV_RENAMEAT2_X,
	  SCAP_EV_RENAMEAT2_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "olddirfd"), P_(STR, "oldpath"), P_(I64, "newdirfd"),
	    P_(STR, "newpath"), P_(U32, "flags") } },
	{ KCAP_EV_LINK_X,
	  SCAP_EV_LINK_2_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(STR, "oldpath"), P_(STR, "newpath") } },
	{ KCAP_EV_LINKAT_X,
	  SCAP_EV_LINKAT_2_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "olddirfd"), P_(STR, "oldpath"), P_(I64, "newdirfd"),
	    P_(STR, "newpath"), P_(U32, "flags") } },
	{ KCAP_EV_SYMLINK_X,
	  SCAP_EV_SYMLINK_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(STR, "target"), P_(STR, "linkpath") } },
	{ KCAP_EV_SYMLINKAT_X,
	  SCAP_EV_SYMLINKAT_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(STR, "target"), P_(I64, "newdirfd"), P_(STR, "linkpath") } },
	{ KCAP_EV_CHMOD_X,
	  SCAP_EV_CHMOD_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(STR, "path"), P_(MODE, "mode") } },
	{ KCAP_EV_FCHMOD_X,
	  SCAP_EV_FCHMOD_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "fd"), P_(MODE, "mode") } },
	{ KCAP_EV_FCHMODAT_X,
	  SCAP_EV_FCHMODAT_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "dirfd"), P_(STR, "path"), P_(MODE, "mode") } },
	{ KCAP_EV_CHDIR_X, SCAP_EV_CHDIR_E, 0, NONE, RES_PATH("path") },
	FD_RES(FCHDIR_X, FCHDIR_E, "fd"),
	{ KCAP_EV_GETCWD_X, SCAP_EV_GETCWD_E, 0, NONE, RES_PATH("path") },
	{ KCAP_EV_CHROOT_X, SCAP_EV_CHROOT_E, 0, NONE, RES_PATH("path") },
	{ KCAP_EV_MOUNT_X,
	  SCAP_EV_MOUNT_E,
	  0,
	  { P_(MOUNT_FLAGS, "flags") },
	  { P_(I64, "res"), P_(STR, "source"), P_(STR, "target"), P_(STR, "fstype") } },
	{ KCAP_EV_UMOUNT2_X, SCAP_EV_UMOUNT_E, 0, { P_(U32, "flags") }, RES_PATH("target") },
	/* descriptors of other kinds: the format leaves their flags 0 */
	{ KCAP_EV_EVENTFD_X, SCAP_EV_EVENTFD_E, 0, { P_(I64, "initval"), P_(ZERO4, NULL) }, RES },
	{ KCAP_EV_EVENTFD2_X, SCAP_EV_EVENTFD_E, 0, { P_(I64, "initval"), P_(ZERO4, NULL) }, RES },
	{ KCAP_EV_SIGNALFD_X,
	  SCAP_EV_SIGNALFD_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "mask"), P_(U8, NULL) },
	  RES },
	{ KCAP_EV_SIGNALFD4_X,
	  SCAP_EV_SIGNALFD_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "mask"), P_(U8, NULL) },
	  RES },
	{ KCAP_EV_TIMERFD_CREATE_X,
	  SCAP_EV_TIMERFD_CREATE_E,
	  0,
	  { P_(U8, "clockid"), P_(U8, NULL) },
	  RES },
	{ KCAP_EV_INOTIFY_INIT_X, SCAP_EV_INOTIFY_INIT_E, 0, { P_(U8, NULL) }, RES },
	{ KCAP_EV_INOTIFY_INIT1_X, SCAP_EV_INOTIFY_INIT_E, 0, { P_(U8, NULL) }, RES },
	{ KCAP_EV_USERFAULTFD_X,
	  SCAP_EV_USERFAULTFD_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(OPEN_FLAGS, "flags") } },
	/* waiting */
	{ KCAP_EV_EPOLL_WAIT_X, SCAP_EV_EPOLLWAIT_E, 0, { P_(I64, "maxevents") }, RES },
	{ KCAP_EV_POLL_X,
	  SCAP_EV_POLL_E,
	  0,
	  { P_(FDLIST_EVENTS, "fds"), P_(I64, "timeout") },
	  { P_(I64, "res"), P_(FDLIST_REVENTS, "fds") } },
	{ KCAP_EV_PPOLL_X,
	  SCAP_EV_PPOLL_E,
	  0,
	  { P_(FDLIST_EVENTS, "fds"), P_(TIMESPEC_NS, "timeout"), P_(SIGSET, "sigmask") },
	  { P_(I64, "res"), P_(FDLIST_REVENTS, "fds") } },
	RES_ONLY(SELECT_X, SELECT_E),
	{ KCAP_EV_NANOSLEEP_X, SCAP_EV_NANOSLEEP_E, 0, { P_(TIMESPEC_NS, "req") }, RES },
	{ KCAP_EV_FUTEX_X,
	  SCAP_EV_FUTEX_E,
	  0,
	  { P_(I64, "uaddr"), P_(U16, "op"), P_(I64, "val") },
	  RES },
	/* processes */
	{ KCAP_EV_EXECVE_X, SCAP_EV_EXECVE_19_E, 0, { P_(STR, "exe") }, EXEC_PARAMS },
	{ KCAP_EV_EXECVEAT_X,
	  SCAP_EV_EXECVEAT_E,
	  0,
	  { P_(I64, "dirfd"), P_(STR, "exe"), P_(EXECVEAT_FLAGS, "flags") },
	  EXEC_PARAMS },
	{ KCAP_EV_CLONE_X, SCAP_EV_CLONE_20_E, 0, NONE, CHILD_PARAMS(P_(STR, "comm")) },
	{ KCAP_EV_CLONE3_X, SCAP_EV_CLONE3_E, 0, NONE, CHILD_PARAMS(P_(STR, "comm")) },
	{ KCAP_EV_FORK_X, SCAP_EV_FORK_20_E, 0, NONE, CHILD_PARAMS(P_(STR, "comm")) },
	{ KCAP_EV_VFORK_X, SCAP_EV_VFORK_20_E, 0, NONE, CHILD_PARAMS(P_(STR, "comm")) },
	{ KCAP_EV_PROCEXIT,
	  SCAP_EV_PROCEXIT_1_E,
	  1,
	  { P_(I64, "status"), P_(EXIT_STATUS, "status"), P_(U8, "sig"), P_(U8, "core") },
	  NONE },
	{ KCAP_EV_KILL_X, SCAP_EV_KILL_E, 0, { P_(I64, "pid"), P_(U8, "sig") }, RES },
	{ KCAP_EV_TKILL_X, SCAP_EV_TKILL_E, 0, { P_(I64, "tid"), P_(U8, "sig") }, RES },
	{ KCAP_EV_TGKILL_X,
	  SCAP_EV_TGKILL_E,
	  0,
	  { P_(I64, "tgid"), P_(I64, "tid"), P_(U8, "sig") },
	  RES },
	{ KCAP_EV_PTRACE_X,
	  SCAP_EV_PTRACE_E,
	  0,
	  { P_(PTRACE_REQ, "request"), P_(I64, "pid") },
	  { P_(I64, "res"), P_(DYN_U64, "addr"), P_(DYN_U64, "data") } },
	{ KCAP_EV_SETNS_X, SCAP_EV_SETNS_E, 0, { P_(I64, "fd"), P_(CLONE_FLAGS, "nstype") }, RES },
	{ KCAP_EV_UNSHARE_X, SCAP_EV_UNSHARE_E, 0, { P_(CLONE_FLAGS, "flags") }, RES },
	RES_ONLY(SETSID_X, SETSID_E),
	{ KCAP_EV_SETPGID_X, SCAP_EV_SETPGID_E, 0, { P_(I64, "pid"), P_(I64, "pgid") }, RES },
	{ KCAP_EV_GETRLIMIT_X,
	  SCAP_EV_GETRLIMIT_E,
	  0,
	  { P_(U8, "resource") },
	  { P_(I64, "res"), P_(I64, "rlim_cur"), P_(I64, "rlim_max") } },
	{ KCAP_EV_SETRLIMIT_X,
	  SCAP_EV_SETRLIMIT_E,
	  0,
	  { P_(U8, "resource") },
	  { P_(I64, "res"), P_(I64, "rlim_cur"), P_(I64, "rlim_max") } },
	{ KCAP_EV_PRLIMIT64_X,
	  SCAP_EV_PRLIMIT_E,
	  0,
	  { P_(I64, "pid"), P_(U8, "resource") },
	  { P_(I64, "res"), P_(I64, "new_cur"), P_(I64, "new_max"), P_(I64, "old_cur"),
	    P_(I64, "old_max") } },
	{ KCAP_EV_SECCOMP_X, SCAP_EV_SECCOMP_E, 0, { P_(I64, "operation") }, RES },
	{ KCAP_EV_BPF_SYSCALL_X, SCAP_EV_BPF_E, 0, { P_(I64, "cmd") }, { P_(BPF_RES, NULL) } },
	/* users and groups */
	{ KCAP_EV_SETUID_X, SCAP_EV_SETUID_E, 0, { P_(U32, "uid") }, RES },
	{ KCAP_EV_SETGID_X, SCAP_EV_SETGID_E, 0, { P_(U32, "gid") }, RES },
	{ KCAP_EV_SETRESUID_X,
	  SCAP_EV_SETRESUID_E,
	  0,
	  { P_(U32, "ruid"), P_(U32, "euid"), P_(U32, "suid") },
	  RES },
	{ KCAP_EV_SETRESGID_X,
	  SCAP_EV_SETRESGID_E,
	  0,
	  { P_(U32, "rgid"), P_(U32, "egid"), P_(U32, "sgid") },
	  RES },
	{ KCAP_EV_GETUID_X, SCAP_EV_GETUID_E, 0, NONE, { P_(U32, "res") } },
	{ KCAP_EV_GETEUID_X, SCAP_EV_GETEUID_E, 0, NONE, { P_(U32, "res") } },
	{ KCAP_EV_GETGID_X, SCAP_EV_GETGID_E, 0, NONE, { P_(U32, "res") } },
	{ KCAP_EV_GETEGID_X, SCAP_EV_GETEGID_E, 0, NONE, { P_(U32, "res") } },
	{ KCAP_EV_GETRESUID_X,
	  SCAP_EV_GETRESUID_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(U32, "ruid"), P_(U32, "euid"), P_(U32, "suid") } },
	{ KCAP_EV_GETRESGID_X,
	  SCAP_EV_GETRESGID_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(U32, "rgid"), P_(U32, "egid"), P_(U32, "sgid") } },
	/* memory */
	{ KCAP_EV_MMAP_X,
	  SCAP_EV_MMAP_E,
	  0,
	  { P_(I64, "addr"), P_(I64, "length"), P_(PROT, "prot"), P_(MMAP_FLAGS, "flags"),
	    P_(I64, "fd"), P_(I64, "offset") },
	  { P_(I64, "res"), VM_ZERO } },
	{ KCAP_EV_MUNMAP_X,
	  SCAP_EV_MUNMAP_E,
	  0,
	  { P_(I64, "addr"), P_(I64, "length") },
	  { P_(I64, "res"), VM_ZERO } },
	{ KCAP_EV_BRK_X, SCAP_EV_BRK_4_E, 0, { P_(I64, "addr") }, { P_(I64, "res"), VM_ZERO } },
	{ KCAP_EV_MPROTECT_X,
	  SCAP_EV_MPROTECT_E,
	  0,
	  { P_(I64, "addr"), P_(I64, "length"), P_(PROT, "prot") },
	  RES },
	/* System V semaphores: kcap has the first operation of semop */
	{ KCAP_EV_SEMOP_X,
	  SCAP_EV_SEMOP_E,
	  0,
	  { P_(U32, "semid") },
	  { P_(I64, "res"), P_(U32, "nsops"), P_(U16, "sem_num"), P_(U16, "sem_op"),
	    P_(SEMOP_FLAGS, "sem_flg"), P_(U16, NULL), P_(U16, NULL), P_(U16, NULL) } },
	{ KCAP_EV_SEMGET_X,
	  SCAP_EV_SEMGET_E,
	  0,
	  { P_(U32, "key"), P_(U32, "nsems"), P_(SEMGET_FLAGS, "flags") },
	  RES },
	{ KCAP_EV_SEMCTL_X,
	  SCAP_EV_SEMCTL_E,
	  0,
	  { P_(U32, "semid"), P_(U32, "semnum"), P_(SEMCTL_CMD, "cmd"), P_(U32, "arg") },
	  RES },
	/* sockets */
	{ KCAP_EV_SOCKET_X,
	  SCAP_EV_SOCKET_E,
	  0,
	  { P_(U32, "domain"), P_(U32, "type"), P_(U32, "proto") },
	  RES },
	{ KCAP_EV_SOCKETPAIR_X,
	  SCAP_EV_SOCKETPAIR_E,
	  0,
	  { P_(U32, "domain"), P_(U32, "type"), P_(U32, "proto") },
	  { P_(I64, "res"), P_(I64, "fd0"), P_(I64, "fd1"), P_(ZERO8, NULL), P_(ZERO8, NULL) } },
	{ KCAP_EV_BIND_X,
	  SCAP_EV_BIND_E,
	  0,
	  { P_(I64, "fd") },
	  { P_(I64, "res"), P_(SOCKADDR, "addr") } },
	{ KCAP_EV_CONNECT_X,
	  SCAP_EV_CONNECT_E,
	  0,
	  { P_(I64, "fd"), P_(SOCKADDR, "addr") },
	  { P_(I64, "res"), P_(TUPLE_OUT, NULL) } },
	{ KCAP_EV_LISTEN_X, SCAP_EV_LISTEN_E, 0, { P_(I64, "fd"), P_(U32, "backlog") }, RES },
	{ KCAP_EV_ACCEPT_X,
	  SCAP_EV_ACCEPT_5_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(TUPLE_IN, NULL), P_(U8, NULL), P_(ZERO4, NULL), P_(ZERO4, NULL) } },
	{ KCAP_EV_ACCEPT4_X,
	  SCAP_EV_ACCEPT4_5_E,
	  0,
	  { P_(U32, "flags") },
	  { P_(I64, "res"), P_(TUPLE_IN, NULL), P_(U8, NULL), P_(ZERO4, NULL), P_(ZERO4, NULL) } },
	{ KCAP_EV_SENDTO_X,
	  SCAP_EV_SENDTO_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "size"), P_(TUPLE_OUT, NULL) },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	{ KCAP_EV_RECVFROM_X,
	  SCAP_EV_RECVFROM_E,
	  0,
	  { P_(I64, "fd"), P_(U32, "size") },
	  { P_(I64, "res"), P_(BYTES, "data"), P_(TUPLE_IN, NULL) } },
	{ KCAP_EV_SENDMSG_X,
	  SCAP_EV_SENDMSG_E,
	  0,
	  { P_(I64, "fd"), P_(DATA_LEN, "data"), P_(TUPLE_OUT, NULL) },
	  { P_(I64, "res"), P_(BYTES, "data") } },
	{ KCAP_EV_RECVMSG_X,
	  SCAP_EV_RECVMSG_E,
	  0,
	  { P_(I64, "fd") },
	  { P_(I64, "res"), P_(DATA_LEN, "data"), P_(BYTES, "data"), P_(TUPLE_IN, NULL) } },
	BARE(SENDMMSG_X, SENDMMSG_E),
	BARE(RECVMMSG_X, RECVMMSG_E),
	BARE(GETSOCKNAME_X, GETSOCKNAME_E),
	BARE(GETPEERNAME_X, GETPEERNAME_E),
	{ KCAP_EV_SHUTDOWN_X, SCAP_EV_SHUTDOWN_E, 0, { P_(I64, "fd"), P_(U8, "how") }, RES },
	{ KCAP_EV_SETSOCKOPT_X,
	  SCAP_EV_SETSOCKOPT_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "fd"), P_(SOCKOPT_LEVEL, "level"), P_(SOCKOPT_NAME, "optname"),
	    P_(SOCKOPT_VAL, "optval"), P_(U32, "optlen") } },
	{ KCAP_EV_GETSOCKOPT_X,
	  SCAP_EV_GETSOCKOPT_E,
	  0,
	  NONE,
	  { P_(I64, "res"), P_(I64, "fd"), P_(SOCKOPT_LEVEL, "level"), P_(SOCKOPT_NAME, "optname"),
	    P_(SOCKOPT_VAL, "optval"), P_(U32, "optlen") } },
};

const struct mapping kcap_scap_generic = {
	-1,
	SCAP_EV_GENERIC_E,
	0,
	{ P_(SYSCALL_CODE, NULL), P_(NATIVE_NR, NULL) },
	{ P_(SYSCALL_CODE, NULL) },
};

const struct mapping *kcap_scap_mapping_of(int kcap_event)
{
	for (size_t i = 0; i < sizeof(mappings) / sizeof(mappings[0]); i++)
		if (mappings[i].kcap_event == kcap_event)
			return &mappings[i];
	return &kcap_scap_generic;
}

#define N(a) (uint32_t)(sizeof(a) / sizeof((a)[0]))

static const struct xlat clone_flags[] = {
	{ CLONE_FILES, SCAP_CL_CLONE_FILES },
	{ CLONE_FS, SCAP_CL_CLONE_FS },
	{ CLONE_IO, SCAP_CL_CLONE_IO },
	{ CLONE_NEWIPC, SCAP_CL_CLONE_NEWIPC },
	{ CLONE_NEWNET, SCAP_CL_CLONE_NEWNET },
	{ CLONE_NEWNS, SCAP_CL_CLONE_NEWNS },
	{ CLONE_NEWPID, SCAP_CL_CLONE_NEWPID },
	{ CLONE_NEWUTS, SCAP_CL_CLONE_NEWUTS },
	{ CLONE_PARENT_SETTID, SCAP_CL_CLONE_PARENT_SETTID },
	{ CLONE_PARENT, SCAP_CL_CLONE_PARENT },
	{ CLONE_PTRACE, SCAP_CL_CLONE_PTRACE },
	{ CLONE_SIGHAND, SCAP_CL_CLONE_SIGHAND },
	{ CLONE_SYSVSEM, SCAP_CL_CLONE_SYSVSEM },
	{ CLONE_THREAD, SCAP_CL_CLONE_THREAD },
	{ CLONE_UNTRACED, SCAP_CL_CLONE_UNTRACED },
	{ CLONE_VM, SCAP_CL_CLONE_VM },
	{ CLONE_NEWUSER, SCAP_CL_CLONE_NEWUSER },
	{ CLONE_CHILD_CLEARTID, SCAP_CL_CLONE_CHILD_CLEARTID },
	{ CLONE_CHILD_SETTID, SCAP_CL_CLONE_CHILD_SETTID },
	{ CLONE_SETTLS, SCAP_CL_CLONE_SETTLS },
	{ CLONE_VFORK, SCAP_CL_CLONE_VFORK },
	{ CLONE_NEWCGROUP, SCAP_CL_CLONE_NEWCGROUP },
};

static const struct xlat prot_flags[] = {
	{ PROT_READ, SCAP_PROT_READ },	     { PROT_WRITE, SCAP_PROT_WRITE },
	{ PROT_EXEC, SCAP_PROT_EXEC },	     { PROT_GROWSDOWN, SCAP_PROT_GROWSDOWN },
	{ PROT_GROWSUP, SCAP_PROT_GROWSUP },
};

static const struct xlat mmap_flags[] = {
	{ MAP_SHARED, SCAP_MAP_SHARED },	 { MAP_PRIVATE, SCAP_MAP_PRIVATE },
	{ MAP_FIXED, SCAP_MAP_FIXED },		 { MAP_ANONYMOUS, SCAP_MAP_ANONYMOUS },
	{ MAP_32BIT, SCAP_MAP_32BIT },		 { MAP_NORESERVE, SCAP_MAP_NORESERVE },
	{ MAP_POPULATE, SCAP_MAP_POPULATE },	 { MAP_NONBLOCK, SCAP_MAP_NONBLOCK },
	{ MAP_GROWSDOWN, SCAP_MAP_GROWSDOWN },	 { MAP_DENYWRITE, SCAP_MAP_DENYWRITE },
	{ MAP_EXECUTABLE, SCAP_MAP_EXECUTABLE }, { MAP_LOCKED, SCAP_MAP_LOCKED },
};

static const struct xlat fcntl_cmds[] = {
	{ F_DUPFD, SCAP_FCNTL_F_DUPFD },
	{ F_GETFD, SCAP_FCNTL_F_GETFD },
	{ F_SETFD, SCAP_FCNTL_F_SETFD },
	{ F_GETFL, SCAP_FCNTL_F_GETFL },
	{ F_SETFL, SCAP_FCNTL_F_SETFL },
	{ F_GETLK, SCAP_FCNTL_F_GETLK },
	{ F_SETLK, SCAP_FCNTL_F_SETLK },
	{ F_SETLKW, SCAP_FCNTL_F_SETLKW },
	{ F_SETOWN, SCAP_FCNTL_F_SETOWN },
	{ F_GETOWN, SCAP_FCNTL_F_GETOWN },
	{ F_SETSIG, SCAP_FCNTL_F_SETSIG },
	{ F_GETSIG, SCAP_FCNTL_F_GETSIG },
	{ F_SETOWN_EX, SCAP_FCNTL_F_SETOWN_EX },
	{ F_GETOWN_EX, SCAP_FCNTL_F_GETOWN_EX },
	{ F_SETLEASE, SCAP_FCNTL_F_SETLEASE },
	{ F_GETLEASE, SCAP_FCNTL_F_GETLEASE },
	{ F_SETLEASE + 5, SCAP_FCNTL_F_CANCELLK }, /* F_CANCELLK: the kernel's, not libc's */
	{ F_DUPFD_CLOEXEC, SCAP_FCNTL_F_DUPFD_CLOEXEC },
	{ F_NOTIFY, SCAP_FCNTL_F_NOTIFY },
	{ F_SETPIPE_SZ, SCAP_FCNTL_F_SETPIPE_SZ },
	{ F_GETPIPE_SZ, SCAP_FCNTL_F_GETPIPE_SZ },
	{ F_OFD_GETLK, SCAP_FCNTL_F_OFD_GETLK },
	{ F_OFD_SETLK, SCAP_FCNTL_F_OFD_SETLK },
	{ F_OFD_SETLKW, SCAP_FCNTL_F_OFD_SETLKW },
};

static const struct xlat resolve_flags[] = {
	{ RESOLVE_BENEATH, SCAP_RESOLVE_BENEATH },
	{ RESOLVE_IN_ROOT, SCAP_RESOLVE_IN_ROOT },
	{ RESOLVE_NO_MAGICLINKS, SCAP_RESOLVE_NO_MAGICLINKS },
	{ RESOLVE_NO_SYMLINKS, SCAP_RESOLVE_NO_SYMLINKS },
	{ RESOLVE_NO_XDEV, SCAP_RESOLVE_NO_XDEV },
	{ RESOLVE_CACHED, SCAP_RESOLVE_CACHED },
};

static const struct xlat execveat_flags[] = {
	{ AT_EMPTY_PATH, SCAP_EXVAT_AT_EMPTY_PATH },
	{ AT_SYMLINK_NOFOLLOW, SCAP_EXVAT_AT_SYMLINK_NOFOLLOW },
};

static const struct xlat poll_events[] = {
	{ POLLIN, SCAP_POLLIN },	 { POLLPRI, SCAP_POLLPRI },
	{ POLLOUT, SCAP_POLLOUT },	 { POLLRDHUP, SCAP_POLLRDHUP },
	{ POLLERR, SCAP_POLLERR },	 { POLLHUP, SCAP_POLLHUP },
	{ POLLNVAL, SCAP_POLLNVAL },	 { POLLRDNORM, SCAP_POLLRDNORM },
	{ POLLRDBAND, SCAP_POLLRDBAND }, { POLLWRNORM, SCAP_POLLWRNORM },
	{ POLLWRBAND, SCAP_POLLWRBAND },
};

static const struct xlat semop_flags[] = {
	{ IPC_NOWAIT, SCAP_IPC_NOWAIT },
	{ SEM_UNDO, SCAP_SEM_UNDO },
};

static const struct xlat semget_flags[] = {
	{ IPC_CREAT, SCAP_IPC_CREAT },
	{ IPC_EXCL, SCAP_IPC_EXCL },
};

static const struct xlat semctl_cmds[] = {
	{ IPC_STAT, SCAP_IPC_STAT }, { IPC_SET, SCAP_IPC_SET },	  { IPC_RMID, SCAP_IPC_RMID },
	{ IPC_INFO, SCAP_IPC_INFO }, { SEM_INFO, SCAP_SEM_INFO }, { SEM_STAT, SCAP_SEM_STAT },
	{ GETALL, SCAP_GETALL },     { GETNCNT, SCAP_GETNCNT },	  { GETPID, SCAP_GETPID },
	{ GETVAL, SCAP_GETVAL },     { GETZCNT, SCAP_GETZCNT },	  { SETALL, SCAP_SETALL },
	{ SETVAL, SCAP_SETVAL },
};

static const struct xlat ptrace_requests[] = {
	{ PTRACE_TRACEME, SCAP_PTRACE_TRACEME },
	{ PTRACE_PEEKTEXT, SCAP_PTRACE_PEEKTEXT },
	{ PTRACE_PEEKDATA, SCAP_PTRACE_PEEKDATA },
	{ PTRACE_PEEKUSER, SCAP_PTRACE_PEEKUSR },
	{ PTRACE_POKETEXT, SCAP_PTRACE_POKETEXT },
	{ PTRACE_POKEDATA, SCAP_PTRACE_POKEDATA },
	{ PTRACE_POKEUSER, SCAP_PTRACE_POKEUSR },
	{ PTRACE_CONT, SCAP_PTRACE_CONT },
	{ PTRACE_KILL, SCAP_PTRACE_KILL },
	{ PTRACE_SINGLESTEP, SCAP_PTRACE_SINGLESTEP },
	{ PTRACE_ATTACH, SCAP_PTRACE_ATTACH },
	{ PTRACE_DETACH, SCAP_PTRACE_DETACH },
	{ PTRACE_SYSCALL, SCAP_PTRACE_SYSCALL },
	{ PTRACE_SETOPTIONS, SCAP_PTRACE_SETOPTIONS },
	{ PTRACE_GETEVENTMSG, SCAP_PTRACE_GETEVENTMSG },
	{ PTRACE_GETSIGINFO, SCAP_PTRACE_GETSIGINFO },
	{ PTRACE_SETSIGINFO, SCAP_PTRACE_SETSIGINFO },
	{ PTRACE_GETREGSET, SCAP_PTRACE_GETREGSET },
	{ PTRACE_SETREGSET, SCAP_PTRACE_SETREGSET },
	{ PTRACE_SEIZE, SCAP_PTRACE_SEIZE },
	{ PTRACE_INTERRUPT, SCAP_PTRACE_INTERRUPT },
	{ PTRACE_LISTEN, SCAP_PTRACE_LISTEN },
	{ PTRACE_PEEKSIGINFO, SCAP_PTRACE_PEEKSIGINFO },
	{ PTRACE_GETSIGMASK, SCAP_PTRACE_GETSIGMASK },
	{ PTRACE_SETSIGMASK, SCAP_PTRACE_SETSIGMASK },
	{ PTRACE_GETREGS, SCAP_PTRACE_GETREGS },
	{ PTRACE_SETREGS, SCAP_PTRACE_SETREGS },
	{ PTRACE_GETFPREGS, SCAP_PTRACE_GETFPREGS },
	{ PTRACE_SETFPREGS, SCAP_PTRACE_SETFPREGS },
	{ PTRACE_GETFPXREGS, SCAP_PTRACE_GETFPXREGS },
	{ PTRACE_SETFPXREGS, SCAP_PTRACE_SETFPXREGS },
	{ PTRACE_GET_THREAD_AREA, SCAP_PTRACE_GET_THREAD_AREA },
	{ PTRACE_SET_THREAD_AREA, SCAP_PTRACE_SET_THREAD_AREA },
	{ PTRACE_ARCH_PRCTL, SCAP_PTRACE_ARCH_PRCTL },
	{ PTRACE_SYSEMU, SCAP_PTRACE_SYSEMU },
	{ PTRACE_SYSEMU_SINGLESTEP, SCAP_PTRACE_SYSEMU_SINGLESTEP },
	{ PTRACE_SINGLEBLOCK, SCAP_PTRACE_SINGLEBLOCK },
};

static const struct xlat sockopt_levels[] = {
	{ SOL_SOCKET, SCAP_SOCKOPT_LEVEL_SOL_SOCKET },
	{ IPPROTO_TCP, SCAP_SOCKOPT_LEVEL_SOL_TCP },
};

/* SOL_SOCKET's options past SCAP_SOCKOPT_SO_LAST_NATIVE */
static const struct xlat sockopt_renumbered[] = {
	{ SO_PEERGROUPS, SCAP_SOCKOPT_SO_PEERGROUPS },
	{ SO_MEMINFO, SCAP_SOCKOPT_SO_MEMINFO },
	{ SO_COOKIE, SCAP_SOCKOPT_SO_COOKIE },
};

static const struct translation translations[S_SRC_COUNT] = {
	[S_CLONE_FLAGS] = { clone_flags, N(clone_flags), 4, 1 },
	[S_PROT] = { prot_flags, N(prot_flags), 4, 1 },
	[S_MMAP_FLAGS] = { mmap_flags, N(mmap_flags), 4, 1 },
	[S_FCNTL_CMD] = { fcntl_cmds, N(fcntl_cmds), 1, 0 },
	[S_RESOLVE] = { resolve_flags, N(resolve_flags), 4, 1 },
	[S_EXECVEAT_FLAGS] = { execveat_flags, N(execveat_flags), 4, 1 },
	[S_POLL_EVENTS] = { poll_events, N(poll_events), 2, 1 },
	[S_SEMOP_FLAGS] = { semop_flags, N(semop_flags), 2, 1 },
	[S_SEMGET_FLAGS] = { semget_flags, N(semget_flags), 4, 1 },
	[S_SEMCTL_CMD] = { semctl_cmds, N(semctl_cmds), 2, 0 },
	[S_PTRACE_REQ] = { ptrace_requests, N(ptrace_requests), 2, 0 },
	[S_SOCKOPT_LEVEL] = { sockopt_levels, N(sockopt_levels), 1, 0 },
	[S_SOCKOPT_NAME] = { sockopt_renumbered, N(sockopt_renumbered), 1, 0 },
};

const struct translation *kcap_scap_translation(enum src src)
{
	return (unsigned)src < S_SRC_COUNT && translations[src].map ? &translations[src] : NULL;
}

uint32_t kcap_scap_translate(const struct translation *t, uint64_t native)
{
	uint32_t out = 0;

	for (uint32_t i = 0; i < t->n; i++)
		if (t->bits ? (native & t->map[i].native) == t->map[i].native :
			      native == t->map[i].native) {
			if (!t->bits)
				return t->map[i].scap;
			out |= t->map[i].scap;
		}
	return out;
}
