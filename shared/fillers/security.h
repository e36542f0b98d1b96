/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Fillers of privilege and kernel-extension syscalls. Included by shared/fillers/all.h only. */

KCAP_FILLER(SETUID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/* setgid(gid) */
KCAP_FILLER(SETGID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/* setreuid(ruid, euid) */
KCAP_FILLER(SETREUID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* setregid(rgid, egid) */
KCAP_FILLER(SETREGID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* setresuid(ruid, euid, suid) */
KCAP_FILLER(SETRESUID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* setresgid(rgid, egid, sgid) */
KCAP_FILLER(SETRESGID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* setfsuid(fsuid): res is the previous fsuid */
KCAP_FILLER(SETFSUID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/* setfsgid(fsgid): res is the previous fsgid */
KCAP_FILLER(SETFSGID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

KCAP_FILLER(GETUID_X, SYS_EXIT)
{
	kf_push_res(ctx);
}

KCAP_FILLER(GETEUID_X, SYS_EXIT)
{
	kf_push_res(ctx);
}

KCAP_FILLER(GETGID_X, SYS_EXIT)
{
	kf_push_res(ctx);
}

KCAP_FILLER(GETEGID_X, SYS_EXIT)
{
	kf_push_res(ctx);
}

#define KF_PTRACE_CONT 7
#define KF_PTRACE_SINGLESTEP 9
#define KF_PTRACE_DETACH 17
#define KF_PTRACE_SYSCALL 24
#define KF_PTRACE_SYSEMU 31 /* and PTRACE_SYSEMU_SINGLESTEP, PTRACE_SINGLEBLOCK: 32, 33 */
#define KF_PTRACE_SINGLEBLOCK 33
#define KF_PTRACE_SETOPTIONS 0x4200
#define KF_PTRACE_SEIZE 0x4206

/* ptrace(request, pid, addr, data) */
KCAP_FILLER(PTRACE_X, SYS_EXIT)
{
	__u32 request = (__u32)kf_arg(ctx, 0);
	__u64 data = kf_arg(ctx, 3);
	int options = request == KF_PTRACE_SETOPTIONS || request == KF_PTRACE_SEIZE;
	int resumes = request == KF_PTRACE_CONT || request == KF_PTRACE_SINGLESTEP ||
		      request == KF_PTRACE_DETACH || request == KF_PTRACE_SYSCALL ||
		      (request >= KF_PTRACE_SYSEMU && request <= KF_PTRACE_SINGLEBLOCK);

	kf_push_res(ctx);
	kf_push_u32(ctx, request);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 1));
	kf_push_u64(ctx, kf_arg(ctx, 2));
	kf_push_u64(ctx, data);
	kf_push_u64(ctx, options ? data : 0);
	kf_push_u32(ctx, resumes ? (__u32)data : 0);
}

#define KF_BPF_PROG_LOAD 5
#define KF_BPF_PROG_NAME_OFFSET 48 /* prog_name[16], after prog_flags */

/* bpf(cmd, attr, size): prog_type is the first member of BPF_PROG_LOAD's attr */
KCAP_FILLER(BPF_SYSCALL_X, SYS_EXIT)
{
	__u32 cmd = (__u32)kf_arg(ctx, 0), size = (__u32)kf_arg(ctx, 2);
	__u64 attr = kf_arg(ctx, 1), type = 0;
	int load = cmd == KF_BPF_PROG_LOAD;

	kf_push_res(ctx);
	kf_push_u32(ctx, cmd);
	kf_push_u32(ctx, size);
	if (load && size >= 4 && kf_try_read_user_u64(ctx, attr, &type))
		kf_push_unreadable(ctx);
	else
		kf_push_u32(ctx, (__u32)type);
	/* the kernel refuses a name without its NUL in the 16 bytes */
	if (load && size >= KF_BPF_PROG_NAME_OFFSET + 16)
		kf_push_user_str(ctx, attr + KF_BPF_PROG_NAME_OFFSET);
	else
		kf_push_empty(ctx);
}

/* perf_event_open(attr, pid, cpu, group_fd, flags): struct perf_event_attr { type, size, config } */
KCAP_FILLER(PERF_EVENT_OPEN_X, SYS_EXIT)
{
	__u64 attr = kf_arg(ctx, 0), type_size = 0, config = 0;

	kf_push_res(ctx);
	if (kf_try_read_user_u64(ctx, attr, &type_size) ||
	    kf_try_read_user_u64(ctx, attr + 8, &config)) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
	} else {
		kf_push_u32(ctx, (__u32)type_size);
		kf_push_u32(ctx, (__u32)(type_size >> 32));
		kf_push_u64(ctx, config);
	}
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_s32(ctx, 2);
	kf_push_arg_s32(ctx, 3);
	kf_push_arg_u64(ctx, 4);
}

/* finit_module(fd, param_values, flags) */
KCAP_FILLER(FINIT_MODULE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_str(ctx, kf_arg(ctx, 1));
	kf_push_arg_u32(ctx, 2);
}

/* chroot(path) */
KCAP_FILLER(CHROOT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_user_str(ctx, kf_arg(ctx, 0));
}

/*
 * getresuid(ruid, euid, suid), getresgid(rgid, egid, sgid): the ids the
 * kernel wrote through the three pointers; (u32)-1 for a failed call, where
 * nothing, or not all, was written.
 */
static __always_inline void kf_push_returned_ids(struct kf_ctx *ctx)
{
	if (kf_push_res(ctx) != 0) {
		kf_push_u32(ctx, (__u32)-1);
		kf_push_u32(ctx, (__u32)-1);
		kf_push_u32(ctx, (__u32)-1);
		return;
	}
	kf_push_user_int32(ctx, kf_arg(ctx, 0));
	kf_push_user_int32(ctx, kf_arg(ctx, 1));
	kf_push_user_int32(ctx, kf_arg(ctx, 2));
}

KCAP_FILLER(GETRESUID_X, SYS_EXIT)
{
	kf_push_returned_ids(ctx);
}

KCAP_FILLER(GETRESGID_X, SYS_EXIT)
{
	kf_push_returned_ids(ctx);
}

#define KF_CAP_VERSION_1 0x19980330u /* one 32-bit word per set; later versions have two */

/*
 * The three sets of capset's data: struct __user_cap_data_struct
 * { effective, permitted, inheritable } once (version 1: 12 bytes) or twice
 * (the low words, then the high ones: 24 bytes), read 8 bytes at a time.
 */
static __always_inline void kf_push_cap_sets(struct kf_ctx *ctx, __u64 data, int one_word)
{
	__u64 a = 0, b = 0, c = 0;
	int bad;

	if (one_word) /* eff0|perm0 at 0, perm0|inh0 at 4: both inside the 12 bytes */
		bad = kf_try_read_user_u64(ctx, data, &a) ||
		      kf_try_read_user_u64(ctx, data + 4, &b);
	else /* a: eff0|perm0, b: inh0|eff1, c: perm1|inh1 */
		bad = kf_try_read_user_u64(ctx, data, &a) ||
		      kf_try_read_user_u64(ctx, data + 8, &b) ||
		      kf_try_read_user_u64(ctx, data + 16, &c);
	if (bad) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
	} else if (one_word) {
		kf_push_u64(ctx, a & 0xffffffffu);
		kf_push_u64(ctx, a >> 32);
		kf_push_u64(ctx, b >> 32);
	} else {
		kf_push_u64(ctx, (a & 0xffffffffu) | (b & 0xffffffff00000000ull));
		kf_push_u64(ctx, (a >> 32) | (c << 32));
		kf_push_u64(ctx, (b & 0xffffffffu) | (c & 0xffffffff00000000ull));
	}
}

/* capset(hdrp, datap): struct __user_cap_header_struct { version, pid } */
KCAP_FILLER(CAPSET_X, SYS_EXIT)
{
	__u64 hdr = 0;
	int readable;

	kf_push_res(ctx);
	readable = kf_try_read_user_u64(ctx, kf_arg(ctx, 0), &hdr) == 0;
	if (readable) {
		kf_push_u32(ctx, (__u32)hdr);
		kf_push_s32(ctx, (__s32)(hdr >> 32));
	} else {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
	}
	kf_push_cap_sets(ctx, kf_arg(ctx, 1), readable && (__u32)hdr == KF_CAP_VERSION_1);
}

/* unshare(flags) */
KCAP_FILLER(UNSHARE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
}

/* setns(fd, nstype) */
KCAP_FILLER(SETNS_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* mount(source, target, fstype, flags, data) */
KCAP_FILLER(MOUNT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path_or_null(ctx, 0);
	kf_push_arg_path(ctx, 1);
	kf_push_arg_path_or_null(ctx, 2);
	kf_push_arg_u64(ctx, 3);
	kf_push_arg_u64(ctx, 4);
}

/* umount2(target, flags) */
KCAP_FILLER(UMOUNT2_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* pivot_root(new_root, put_old) */
KCAP_FILLER(PIVOT_ROOT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_path(ctx, 1);
}

#define KF_PR_SET_NAME 15
#define KF_PR_GET_NAME 16

/* prctl(option, arg2, arg3, arg4, arg5); arg2 is the name's buffer for PR_SET_NAME/PR_GET_NAME */
KCAP_FILLER(PRCTL_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);
	__u32 option = (__u32)kf_arg(ctx, 0);

	kf_push_u32(ctx, option);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u64(ctx, 3);
	kf_push_arg_u64(ctx, 4);
	if (option == KF_PR_SET_NAME || (option == KF_PR_GET_NAME && res == 0))
		kf_push_user_str(ctx, kf_arg(ctx, 1));
	else
		kf_push_empty(ctx);
}

/* seccomp(operation, flags, args) */
KCAP_FILLER(SECCOMP_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
}

/* fsopen(fsname, flags) */
KCAP_FILLER(FSOPEN_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

#define KF_FSCONFIG_SET_STRING 1
#define KF_FSCONFIG_SET_PATH 3
#define KF_FSCONFIG_SET_PATH_EMPTY 4

/* fsconfig(fd, cmd, key, value, aux): value is a string only for these commands */
KCAP_FILLER(FSCONFIG_X, SYS_EXIT)
{
	__u32 cmd = (__u32)kf_arg(ctx, 1);

	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_u32(ctx, cmd);
	kf_push_arg_path_or_null(ctx, 2);
	if (cmd == KF_FSCONFIG_SET_STRING || cmd == KF_FSCONFIG_SET_PATH ||
	    cmd == KF_FSCONFIG_SET_PATH_EMPTY)
		kf_push_arg_path_or_null(ctx, 3);
	else
		kf_push_empty(ctx);
	kf_push_arg_s32(ctx, 4);
}

/* fsmount(fs_fd, flags, attr_flags) */
KCAP_FILLER(FSMOUNT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* move_mount(from_dirfd, from_path, to_dirfd, to_path, flags) */
KCAP_FILLER(MOVE_MOUNT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_path(ctx, 1);
	kf_push_arg_s32(ctx, 2);
	kf_push_arg_path(ctx, 3);
	kf_push_arg_u32(ctx, 4);
}

/* open_tree, fspick(dirfd, path, flags) */
static __always_inline void kf_dirfd_path_flags(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_path(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

KCAP_FILLER(OPEN_TREE_X, SYS_EXIT)
{
	kf_dirfd_path_flags(ctx);
}

KCAP_FILLER(FSPICK_X, SYS_EXIT)
{
	kf_dirfd_path_flags(ctx);
}

#define KF_MOUNT_ATTR_SIZE_VER0 32 /* attr_set, attr_clr, propagation, userns_fd */

/* mount_setattr(dirfd, path, flags, uattr, usize) */
KCAP_FILLER(MOUNT_SETATTR_X, SYS_EXIT)
{
	__u64 attr = kf_arg(ctx, 3), size = kf_arg(ctx, 4), set = 0, clr = 0, prop = 0, userns = 0;

	kf_dirfd_path_flags(ctx);
	if (size >= KF_MOUNT_ATTR_SIZE_VER0 &&
	    (kf_try_read_user_u64(ctx, attr, &set) || kf_try_read_user_u64(ctx, attr + 8, &clr) ||
	     kf_try_read_user_u64(ctx, attr + 16, &prop) ||
	     kf_try_read_user_u64(ctx, attr + 24, &userns))) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
	} else {
		kf_push_u64(ctx, set);
		kf_push_u64(ctx, clr);
		kf_push_u64(ctx, prop);
		kf_push_u64(ctx, userns);
	}
	kf_push_u64(ctx, size);
}

/* add_key(type, description, payload, plen, keyring): the payload is the key's secret */
KCAP_FILLER(ADD_KEY_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_path_or_null(ctx, 1);
	kf_push_arg_u64(ctx, 3);
	kf_push_arg_s32(ctx, 4);
}

/* request_key(type, description, callout_info, dest_keyring) */
KCAP_FILLER(REQUEST_KEY_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_path(ctx, 1);
	kf_push_arg_path_or_null(ctx, 2);
	kf_push_arg_s32(ctx, 3);
}

#define KF_KEYCTL_JOIN_SESSION_KEYRING 1
#define KF_KEYCTL_SEARCH 10

/* keyctl(operation, arg2, arg3, arg4, arg5) */
KCAP_FILLER(KEYCTL_X, SYS_EXIT)
{
	__u32 op = (__u32)kf_arg(ctx, 0);

	kf_push_res(ctx);
	kf_push_u32(ctx, op);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u64(ctx, 3);
	kf_push_arg_u64(ctx, 4);
	if (op == KF_KEYCTL_SEARCH) {
		kf_push_arg_path(ctx, 2);
		kf_push_arg_path(ctx, 3);
	} else if (op == KF_KEYCTL_JOIN_SESSION_KEYRING) {
		kf_push_empty(ctx);
		kf_push_arg_path_or_null(ctx, 1);
	} else {
		kf_push_empty(ctx);
		kf_push_empty(ctx);
	}
}

/* landlock_create_ruleset(attr, size, flags): handled_access_fs, then handled_access_net */
KCAP_FILLER(LANDLOCK_CREATE_RULESET_X, SYS_EXIT)
{
	__u64 attr = kf_arg(ctx, 0), size = kf_arg(ctx, 1), fs = 0, net = 0;

	kf_push_res(ctx);
	if (attr && size >= 8 && kf_try_read_user_u64(ctx, attr, &fs))
		kf_push_unreadable(ctx);
	else
		kf_push_u64(ctx, fs);
	if (attr && size >= 16 && kf_try_read_user_u64(ctx, attr + 8, &net))
		kf_push_unreadable(ctx);
	else
		kf_push_u64(ctx, net);
	kf_push_u64(ctx, size);
	kf_push_arg_u32(ctx, 2);
}

#define KF_LANDLOCK_RULE_PATH_BENEATH 1
#define KF_LANDLOCK_RULE_NET_PORT 2

/*
 * landlock_add_rule(ruleset_fd, rule_type, rule_attr, flags): both rules
 * start with allowed_access; then a path rule's __s32 parent_fd (the struct
 * is packed: 12 bytes), a network rule's __u64 port.
 */
KCAP_FILLER(LANDLOCK_ADD_RULE_X, SYS_EXIT)
{
	__u32 type = (__u32)kf_arg(ctx, 1), parent_fd = 0;
	__u64 rule = kf_arg(ctx, 2), access = 0, port = 0;
	int path = type == KF_LANDLOCK_RULE_PATH_BENEATH, net = type == KF_LANDLOCK_RULE_NET_PORT;
	int bad = 0;

	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_u32(ctx, type);
	if (path)
		bad = kf_try_read_user_u64(ctx, rule, &access) ||
		      kf_try_read_user_u32(ctx, rule + 8, &parent_fd);
	else if (net)
		bad = kf_try_read_user_u64(ctx, rule, &access) ||
		      kf_try_read_user_u64(ctx, rule + 8, &port);
	if (bad) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
	} else {
		kf_push_u64(ctx, path ? access : 0);
		kf_push_s32(ctx, path ? (__s32)parent_fd : -1);
		kf_push_u64(ctx, net ? access : 0);
		kf_push_u64(ctx, port);
	}
	kf_push_arg_u32(ctx, 3);
}

/* landlock_restrict_self(ruleset_fd, flags) */
KCAP_FILLER(LANDLOCK_RESTRICT_SELF_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* init_module(image, len, uargs) */
KCAP_FILLER(INIT_MODULE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_path(ctx, 2);
}

/* delete_module(name, flags) */
KCAP_FILLER(DELETE_MODULE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* kexec_load(entry, nr_segments, segments, flags) */
KCAP_FILLER(KEXEC_LOAD_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u64(ctx, 3);
}

/* kexec_file_load(kernel_fd, initrd_fd, cmdline_len, cmdline, flags) */
KCAP_FILLER(KEXEC_FILE_LOAD_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_path_or_null(ctx, 3);
	kf_push_arg_u64(ctx, 4);
}

/* iopl(level) */
KCAP_FILLER(IOPL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/* ioperm(from, num, turn_on) */
KCAP_FILLER(IOPERM_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_s32(ctx, 2);
}

/* reboot(magic1, magic2, cmd, arg) */
KCAP_FILLER(REBOOT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u64(ctx, 3);
}

/* sethostname, setdomainname(name, len): at most 64 bytes, kept whatever the snaplen */
static __always_inline void kf_uts_name_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_user_array(ctx, kf_arg(ctx, 0), kf_arg(ctx, 1));
	kf_push_arg_u64(ctx, 1);
}

KCAP_FILLER(SETHOSTNAME_X, SYS_EXIT)
{
	kf_uts_name_args(ctx);
}

KCAP_FILLER(SETDOMAINNAME_X, SYS_EXIT)
{
	kf_uts_name_args(ctx);
}

/* settimeofday(tv, tz): struct timeval is 16 bytes */
KCAP_FILLER(SETTIMEOFDAY_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_user_array(ctx, kf_arg(ctx, 0), 16);
	kf_push_arg_u64(ctx, 1);
}

/* clock_settime(clockid, tp): struct timespec is 16 bytes */
KCAP_FILLER(CLOCK_SETTIME_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_user_array(ctx, kf_arg(ctx, 1), 16);
}

/* swapon(path, flags) */
KCAP_FILLER(SWAPON_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* swapoff(path) */
KCAP_FILLER(SWAPOFF_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
}

#define KF_QUOTA_SUBCMD_SHIFT 8

/* quotactl(cmd, special, id, addr): cmd is QCMD(subcommand, type) */
/* A quota command: its subcommand and quota type (QCMD's halves) */
static __always_inline void kf_push_quota_cmd(struct kf_ctx *ctx, __u32 cmd)
{
	kf_push_u32(ctx, cmd >> KF_QUOTA_SUBCMD_SHIFT);
	kf_push_u32(ctx, cmd & ((1u << KF_QUOTA_SUBCMD_SHIFT) - 1));
}

KCAP_FILLER(QUOTACTL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_quota_cmd(ctx, (__u32)kf_arg(ctx, 0));
	kf_push_arg_path_or_null(ctx, 1);
	kf_push_arg_s32(ctx, 2);
	kf_push_arg_u64(ctx, 3);
}

/* quotactl_fd(fd, cmd, id, addr) */
KCAP_FILLER(QUOTACTL_FD_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_quota_cmd(ctx, (__u32)kf_arg(ctx, 1));
	kf_push_arg_s32(ctx, 2);
	kf_push_arg_u64(ctx, 3);
}
