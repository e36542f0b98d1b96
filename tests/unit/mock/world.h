/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The fake kernel a filler runs against in the unit tests: syscall registers,
 * user memory (mapped regions; anything else, NULL and kernel addresses
 * included, faults), the current task with its credentials, executable, cwd
 * and argument area. The real parameter stores of every backend run over it
 * (mock/bpf_api.h for both eBPF probes' shared/bpf/, mock/kernel_api.h for the
 * module's kmod/pushes.h); only these primitives are the mock's.
 */
#ifndef KCAP_MOCK_WORLD_H
#define KCAP_MOCK_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernel_types.h"
#include "kcap_uring.h"

#define MOCK_MAX_REGIONS 16
#define MOCK_TASK_SIZE 0x00007ffffffff000ull /* user addresses are below */
#define MOCK_MM_ARGS_ADDR 0x00007f0000000000ull /* where the task's argv lives */

struct mock_region {
	uint64_t addr;
	const void *data;
	size_t len;
};

/* What the test describes; mock_run_filler() builds the kernel objects from it. */
struct mock_world {
	uint64_t args[6]; /* the syscall's arguments */
	bool ia32; /* a 32-bit syscall: args are in the ia32 ABI's registers */
	int64_t ret;
	uint32_t syscall_id;
	struct mock_region mem[MOCK_MAX_REGIONS];
	int nmem;
	int32_t ppid;
	/* ids in the task's own pid namespace of inode pidns; vtid 0: the initial one */
	uint32_t vtid, vpid, pidns;
	uint32_t uid, euid, gid, exit_code;
	const char *comm; /* NULL: "" */
	const char *exe, *cwd; /* absolute paths; exe NULL: no executable (a kernel thread) */
	const char *root; /* the task's root directory (chroot); NULL: "/" */
	/* exe is under stacked_mounts mounts stacked on the directory mount_at */
	const char *mount_at;
	int stacked_mounts;
	const void *mm_args; /* NUL-separated argv of the current image; NULL: none */
	size_t mm_args_len;
	uint32_t snaplen;
	/* the io_uring request (IO_URING events); its paths are real strings */
	struct kcap_uring_req uring;
	/* the task's open file at descriptor open_fd (0: none): its path, device and inode */
	int open_fd;
	const char *open_path;
	__u32 open_kdev; /* the kernel's dev_t */
	unsigned long open_ino;
	struct unix_sock *open_sock; /* non-NULL: that file is this socket (any family) */
	/* kernel behaviours that differ */
	bool str_empty_is_zero; /* bpf_probe_read_user_str() returns 0 for "" (5.5 to 6.12) */
	bool no_work_area; /* the BPF probes' per-CPU work map cannot be found */
	uint32_t ring_room; /* the module's free ring space; 0: room for the largest event */
};

/* The kernel objects of a world, made from its description. */
struct mock_kernel {
	struct task_struct task, parent, leader;
	struct pid task_pid, leader_pid;
	struct pid_namespace init_pidns, pidns;
	struct cred cred;
	struct mm_struct mm;
	struct fs_struct fs;
	struct file exe_file, open_file;
	struct inode open_inode;
	struct socket open_socket;
	struct super_block open_sb;
	struct file *fd_array[8];
	struct fdtable fdt;
	struct files_struct files;
	struct kf_mount root_mnt;
	struct kf_mount mounts[64]; /* stacked on mount_at */
	struct pt_regs regs;
	struct dentry dentries[4 * 64 + 1]; /* [0] is the root */
	char names[4 * 4096];
	int ndentries;
	size_t nnames;
};

/* A fake user mapping for w. */
void mock_map(struct mock_world *w, uint64_t addr, const void *data, size_t len);

/* The world and kernel of the filler being run (set by the runner). */
extern struct mock_world *mock_cur_world;
extern struct mock_kernel *mock_cur_kernel;

/* Builds k from w and makes them the current ones. */
void mock_kernel_build(struct mock_kernel *k, struct mock_world *w);

/* n bytes of user memory at addr into dst; false if any byte is not mapped. */
bool mock_read_user(uint64_t addr, void *dst, size_t n);

/* The parameter type check of every push (KF_CHECK_PARAM), against the event table. */
void mock_check_param(unsigned int ev, unsigned int idx, unsigned int types);
/* The first mismatch seen since the last call, or NULL; clears it. */
const char *mock_param_error(void);

/* d_path() over the fake dentries: the path at the end of buf, or NULL when too long. */
char *mock_d_path(const struct path *path, char *buf, int buflen);

#endif /* KCAP_MOCK_WORLD_H */
