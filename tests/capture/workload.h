/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Constants the workload uses and the capture test asserts. */
#ifndef KCAP_TEST_WORKLOAD_H
#define KCAP_TEST_WORKLOAD_H

#define WL_DATA "kcap-workload\n"
#define WL_PDATA "positional"
#define WL_IOV_A "vec-one|"
#define WL_IOV_B "vec-two"
#define WL_MSG "ping"
#define WL_CHILD_ARG "arg with space"
#define WL_CHILD_STATUS 7
#define WL_MAP_LEN 8192
#define WL_ELF32_BASE 0x08048000u /* where the 32-bit program is loaded */
#define WL_ELF32_ARG0 "wl32"
#define WL_BAD_POINTER 1ul /* never mapped: the path parameter must be marked unreadable */
/*
 * Numbers the workload chooses are above PID_MAX_LIMIT (4194304): no pid, port
 * or other value of the run can ever equal them.
 */
#define WL_OFFSET 5000000 /* pwrite64/pread64 position (a sparse file) */
#define WL_BAD_FD 5000001 /* never an open descriptor */
#define WL_NOBODY 65534 /* the ids a credentials child drops to */
#define WL_IA32_CLOSE 6 /* close in the ia32 numbering */
#define WL_URING_DATA 5000002 /* user_data of the io_uring open */
#define WL_URING_UNLINK_DATA 5000003 /* and of the unlink */
#define WL_NO_EXE "/nonexistent/kcap-workload"
#define WL_PAD_IOVECS 39 /* zero-length iovecs before the payload: past every backend's bound */
#define WL_LONG_ARGS 5 /* arguments of WL_LONG_ARG_LEN bytes: past KCAP_MAX_ARGS_LEN */
#define WL_LONG_ARG_LEN 1000
#define WL_UNNAMED_NR 511 /* in the table's range, named by no kernel */
#define WL_BEYOND_NR 1000 /* past the table */
#define WL_TRUNC_LEN 100 /* truncate, ftruncate: WL_TRUNC_LEN / 2 */
#define WL_SEEK 10
#define WL_DEV_MAJOR 1 /* mknodat's device: 1:3 */
#define WL_DEV_MINOR 3
#define WL_DEV_ENCODED 259 /* makedev(1, 3): what the event and JSON carry */
#define WL_BAD_FLAGS 0x10000000 /* a flag bit no descriptor-creating call accepts */
#define WL_BAD_CLOCK 99
#define WL_VPOS 100 /* pwritev2/preadv2 position */
#define WL_CHUNK 8 /* bytes moved by sendfile, splice and tee */
#define WL_MANY_POLLFDS 20 /* poll entries: past the 16 of KCAP_MAX_ARRAY */
#define WL_WIDE_NFDS 2048 /* select's nfds: past the 1024 of KCAP_MAX_ARRAY */
#define WL_UNUSED_FD 25 /* closed when poll and select run */
#define WL_UNUSED_NFDS 26 /* select with WL_UNUSED_FD in its set */
#define WL_CAPS ((1ull << 7) | (1ull << 21)) /* CAP_SETUID|CAP_SYS_ADMIN: refused to nobody */
#define WL_ROOT_CAPS (1ull << 21) /* what the namespaces child keeps: CAP_SYS_ADMIN */
#define WL_BAD_CAP_VERSION 0x12345678
#define WL_PR_NAME "kcap-wl-name"
#define WL_NS_FD 100 /* where the namespaces child keeps its uts namespace's descriptor */
#define WL_MNT_SOURCE "kcap-wl"
#define WL_NO_FSTYPE "kcap-wl-nofs"
#define WL_BAD_UNSHARE 0x1 /* a bit no unshare accepts (clone's exit signal field) */
#define WL_MEMFD_NAME "kcap-wl-memfd"
#define WL_BAD_MFD 0x100 /* a bit memfd_create never took */
#define WL_RLIM_CUR 4096 /* RLIMIT_CPU as the processes child sets it */
#define WL_RLIM_MAX 8192
#define WL_BAD_RESOURCE 99
#define WL_BAD_ADVICE 999 /* no madvise advice */
#define WL_BAD_MLOCK 8 /* a flag mlock2 and mlockall refuse */
#define WL_BAD_IDTYPE 9 /* no waitid idtype */
#define WL_PIDFD 101 /* where the tracing child keeps its own process descriptor */
#define WL_VM_DATA "vm-bytes" /* copied by process_vm_readv and back by process_vm_writev */
#define WL_BAD_BPF_CMD 999
#define WL_BPF_PROG_NAME "kcap_wl"
#define WL_BPF_ATTR_SIZE 64 /* BPF_PROG_LOAD's attr as far as prog_name */
#define WL_BAD_PERF_FLAGS 0x100 /* no PERF_FLAG_* */
#define WL_FS_FD 102 /* the namespaces child's file system context */
#define WL_MNT_FD 103 /* and the mount made from it */
#define WL_FS_KEY "size"
#define WL_FS_VALUE "64k"
#define WL_KEY_DESC "kcap-wl-key"
#define WL_KEY_PAYLOAD "kcap-wl-secret" /* never in an event */
#define WL_NO_KEY_TYPE "kcap-wl-notype"
#define WL_NO_KEY_DESC "kcap-wl-nokey"
#define WL_BAD_KEYCTL 999
#define WL_RULE_DIR_FD 104 /* the keys child's descriptor of "/" for its Landlock rule */
#define WL_RULESET_FD 105
#define WL_NO_MODULE "kcap_wl_nomodule"
#define WL_MODULE_PARAMS "kcap_wl=1"
#define WL_KEXEC_CMDLINE "kcap-wl"
#define WL_BAD_IOPL 4 /* levels are 0 to 3 */
#define WL_IO_PORTS 65536 /* the first port past the last one */
#define WL_IO_PORT 0x80
#define WL_FUTEX_VALUE 5000005 /* the futex word the workload waits on */
#define WL_FUTEX2_U32_PRIVATE 130 /* futex_waitv's FUTEX2_SIZE_U32 | FUTEX2_PRIVATE */
#define WL_BAD_FUTEX_OP 99 /* no futex command */
#define WL_HOSTNAME "kcap-wl-host"
#define WL_DOMAINNAME "kcap-wl-domain"
#define WL_UTS_NAME_MAX 64 /* a longer host name is refused */
#define WL_BAD_MAGIC 305419896 /* 0x12345678: neither a reboot magic number nor a command */
#define WL_BAD_USEC 2000000 /* more than a second */
#define WL_NSEC_PER_SEC 1000000000 /* a nanosecond count the sleeps refuse */
#define WL_BAD_URING_OP 999 /* no io_uring_register opcode */
#define WL_MOUNT_FD 106 /* the handles child's descriptor of the workload's directory */
#define WL_SEM_KEY 1801675120 /* 0x6b636170, "kcap": no set in a new IPC namespace */
#define WL_MSG_TYPE 42 /* the message queue's one message: its type and text */
#define WL_MSG_TEXT "kcapmsg"
#define WL_SHM_LEN 4096
#define WL_X32_BIT 0x40000000 /* x32 syscalls (no Debian kernel has the ABI: ENOSYS) */

#endif /* KCAP_TEST_WORKLOAD_H */
