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

/* ptrace(request, pid, addr, data) */
KCAP_FILLER(PTRACE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 1));
	kf_push_u64(ctx, kf_arg(ctx, 2));
	kf_push_u64(ctx, kf_arg(ctx, 3));
}

/* bpf(cmd, attr, size) */
KCAP_FILLER(BPF_SYSCALL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 2);
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
