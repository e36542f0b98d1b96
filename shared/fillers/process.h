/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Fillers of process lifecycle syscalls. Included by shared/fillers/all.h only. */

/*
 * After a successful exec the old user memory is gone: the executable and argv
 * come from the new image (its exe file and mm arg area). After a failed one the
 * caller's arguments are still readable and say what was attempted.
 */
static __always_inline void kf_exec_common(struct kf_ctx *ctx, __s64 res, __u64 path, __u64 argv)
{
	if (res == 0) {
		kf_push_exe_path(ctx);
		kf_push_mm_args(ctx);
	} else {
		kf_push_user_str(ctx, path);
		kf_push_user_argv(ctx, argv);
	}
	kf_push_s32(ctx, kf_task_ppid(ctx));
	kf_push_u32(ctx, kf_task_uid(ctx));
	kf_push_u32(ctx, kf_task_euid(ctx));
	kf_push_u32(ctx, kf_task_gid(ctx));
	kf_push_cwd(ctx);
	kf_push_comm(ctx);
}

/* execve(path, argv, envp) */
KCAP_FILLER(EXECVE_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_exec_common(ctx, res, kf_arg(ctx, 0), kf_arg(ctx, 1));
	kf_push_root(ctx);
}

/* execveat(dirfd, path, argv, envp, flags) */
KCAP_FILLER(EXECVEAT_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_exec_common(ctx, res, kf_arg(ctx, 1), kf_arg(ctx, 2));
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 4));
	kf_push_root(ctx);
}

KCAP_FILLER(EXECVEAT_E, SYS_ENTER)
{
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_str(ctx, kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 4));
}

/*
 * Creation syscalls: both the parent (res = child id) and the child (res = 0)
 * produce the exit event; comm lets a reader name a thread it has never seen,
 * and the ids in the thread's own pid namespace with that namespace's inode
 * let it show the numbers a container sees.
 */
static __always_inline void kf_fork_common(struct kf_ctx *ctx)
{
	kf_push_s32(ctx, kf_task_ppid(ctx));
	kf_push_comm(ctx);
}

static __always_inline void kf_fork_pidns(struct kf_ctx *ctx)
{
	kf_push_u32(ctx, kf_task_vtid(ctx));
	kf_push_u32(ctx, kf_task_vpid(ctx));
	kf_push_u64(ctx, kf_task_pidns(ctx));
}

KCAP_FILLER(CLONE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u64(ctx, kf_arg(ctx, 0));
	kf_fork_common(ctx);
	kf_fork_pidns(ctx);
}

/* clone3(struct clone_args *args, size): flags is the first member. */
KCAP_FILLER(CLONE3_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u64(ctx, kf_read_user_u64(ctx, kf_arg(ctx, 0)));
	kf_fork_common(ctx);
	kf_fork_pidns(ctx);
}

KCAP_FILLER(FORK_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_fork_common(ctx);
	kf_fork_pidns(ctx);
}

KCAP_FILLER(VFORK_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_fork_common(ctx);
	kf_fork_pidns(ctx);
}

/* exit and exit_group never return: their only event is the enter one. */
KCAP_FILLER(EXIT_E, SYS_ENTER)
{
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
}

KCAP_FILLER(EXIT_GROUP_E, SYS_ENTER)
{
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
}

/* A task ended; exit_code is in wait(2) status layout. */
KCAP_FILLER(PROCEXIT, PROC_EXIT)
{
	__u32 code = kf_task_exit_code(ctx);

	kf_push_s32(ctx, (__s32)((code >> 8) & 0xff));
	kf_push_u32(ctx, code & 0x7f);
	kf_push_u32(ctx, (code >> 7) & 1);
}

KCAP_FILLER(KILL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 1));
}

KCAP_FILLER(TGKILL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
}

KCAP_FILLER(SETSID_X, SYS_EXIT)
{
	kf_push_res(ctx);
}

/* setpgid(pid, pgid) */
KCAP_FILLER(SETPGID_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
}

/* tkill(tid, sig) */
KCAP_FILLER(TKILL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* personality(persona) */
KCAP_FILLER(PERSONALITY_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/*
 * A struct rlimit { rlim_cur, rlim_max } at uptr, read at exit: both 0 when
 * there is none to read (no pointer; a result the call did not write).
 */
static __always_inline void kf_push_rlimit(struct kf_ctx *ctx, __u64 uptr, int written)
{
	if (!uptr || !written) {
		kf_push_u64(ctx, 0);
		kf_push_u64(ctx, 0);
		return;
	}
	kf_push_user_int64(ctx, uptr);
	kf_push_user_int64(ctx, uptr + 8);
}

/* prlimit64(pid, resource, new_limit, old_limit) */
KCAP_FILLER(PRLIMIT64_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_rlimit(ctx, kf_arg(ctx, 2), 1);
	kf_push_rlimit(ctx, kf_arg(ctx, 3), res == 0);
}

/* setrlimit(resource, rlim) */
KCAP_FILLER(SETRLIMIT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_rlimit(ctx, kf_arg(ctx, 1), 1);
}

/* getrlimit(resource, rlim): the limits the kernel wrote */
KCAP_FILLER(GETRLIMIT_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_u32(ctx, 0);
	kf_push_rlimit(ctx, kf_arg(ctx, 1), res == 0);
}

#define KF_CLD_EXITED 1
#define KF_CLD_KILLED 2
#define KF_CLD_DUMPED 3
#define KF_CLD_STOPPED 5
#define KF_CLD_CONTINUED 6
#define KF_SIGCONT 18

/* A child's state change: its CLD_* code, exit status (CLD_EXITED) or signal (the others). */
static __always_inline void kf_push_child_state(struct kf_ctx *ctx, __u32 cld, __u32 value)
{
	kf_push_u32(ctx, cld);
	kf_push_s32(ctx, cld == KF_CLD_EXITED ? (__s32)value : 0);
	kf_push_u32(ctx, cld == KF_CLD_EXITED ? 0 : value);
}

/* wait4(pid, wstatus, options, rusage): the status word in wait(2) layout. */
KCAP_FILLER(WAIT4_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);
	__u64 wstatus = kf_arg(ctx, 1);
	__u32 s = 0;
	int readable = 1;

	if (res > 0 && wstatus)
		readable = kf_try_read_user_u32(ctx, wstatus, &s) == 0;
	kf_push_arg_s32(ctx, 0);
	if (readable)
		kf_push_u32(ctx, s);
	else
		kf_push_unreadable(ctx);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u64(ctx, 3);
	if (!readable) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
	} else if (res <= 0 || !wstatus) {
		kf_push_child_state(ctx, 0, 0);
	} else if (s == 0xffff) {
		kf_push_child_state(ctx, KF_CLD_CONTINUED, KF_SIGCONT);
	} else if ((s & 0xff) == 0x7f) {
		kf_push_child_state(ctx, KF_CLD_STOPPED, (s >> 8) & 0xff);
	} else if ((s & 0x7f) == 0) {
		kf_push_child_state(ctx, KF_CLD_EXITED, (s >> 8) & 0xff);
	} else {
		kf_push_child_state(ctx, (s & 0x80) ? KF_CLD_DUMPED : KF_CLD_KILLED, s & 0x7f);
	}
}

/*
 * waitid(idtype, id, infop, options, rusage): the siginfo_t the kernel filled
 * (si_code at 8, si_pid and si_uid at 16, si_status at 24), zeroed by it when
 * WNOHANG found no child.
 */
KCAP_FILLER(WAITID_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);
	__u64 infop = kf_arg(ctx, 2), code = 0, ids = 0, status = 0;
	int bad = 0;

	kf_push_arg_u32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u32(ctx, 3);
	kf_push_arg_u64(ctx, 4);
	if (res == 0 && infop)
		bad = kf_try_read_user_u64(ctx, infop + 8, &code) ||
		      kf_try_read_user_u64(ctx, infop + 16, &ids) ||
		      kf_try_read_user_u64(ctx, infop + 24, &status);
	if (bad) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		return;
	}
	kf_push_s32(ctx, (__s32)ids);
	kf_push_u32(ctx, (__u32)(ids >> 32));
	kf_push_child_state(ctx, (__u32)code, (__u32)status);
}

/* pidfd_open(pid, flags) */
KCAP_FILLER(PIDFD_OPEN_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

/* pidfd_getfd(pidfd, targetfd, flags) */
KCAP_FILLER(PIDFD_GETFD_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* pidfd_send_signal(pidfd, sig, info, flags) */
KCAP_FILLER(PIDFD_SEND_SIGNAL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u32(ctx, 3);
}

#define KF_EINTR 4

/* A sleep's remaining time: written by the kernel only when a signal interrupted it. */
static __always_inline void kf_push_sleep_left(struct kf_ctx *ctx, __s64 res, __u64 rem)
{
	if (res == -KF_EINTR && rem)
		kf_push_user_array(ctx, rem, 16);
	else
		kf_push_empty(ctx);
}

/* nanosleep(req, rem) */
KCAP_FILLER(NANOSLEEP_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_user_array(ctx, kf_arg(ctx, 0), 16);
	kf_push_sleep_left(ctx, res, kf_arg(ctx, 1));
}

/* clock_nanosleep(clockid, flags, req, rem) */
KCAP_FILLER(CLOCK_NANOSLEEP_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_user_array(ctx, kf_arg(ctx, 2), 16);
	kf_push_sleep_left(ctx, res, kf_arg(ctx, 3));
}

/* A siginfo's si_code, after si_signo and si_errno. */
static __always_inline void kf_push_si_code(struct kf_ctx *ctx, __u64 info)
{
	__u64 v = 0;

	if (kf_try_read_user_u64(ctx, info + 8, &v))
		kf_push_unreadable(ctx);
	else
		kf_push_s32(ctx, (__s32)v);
}

/* rt_sigqueueinfo(tgid, sig, info) */
KCAP_FILLER(RT_SIGQUEUEINFO_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_si_code(ctx, kf_arg(ctx, 2));
}

/* rt_tgsigqueueinfo(tgid, tid, sig, info) */
KCAP_FILLER(RT_TGSIGQUEUEINFO_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_si_code(ctx, kf_arg(ctx, 3));
}

/* A System V IPC get call's flags: its permissions (the low nine bits) apart. */
static __always_inline void kf_push_ipc_get_flags(struct kf_ctx *ctx, __u32 flg)
{
	kf_push_u32(ctx, flg & ~0777u);
	kf_push_u32(ctx, flg & 0777u);
}

/* semget(key, nsems, semflg) */
KCAP_FILLER(SEMGET_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_ipc_get_flags(ctx, (__u32)kf_arg(ctx, 2));
}

/*
 * semop(semid, sops, nsops) and semtimedop's first four arguments: the first
 * struct sembuf { unsigned short sem_num; short sem_op; short sem_flg; },
 * 6 bytes, read as bytes 0 to 3 and 2 to 5 (nothing past it); none without one.
 */
static __always_inline void kf_push_semop(struct kf_ctx *ctx)
{
	__u64 sops = kf_arg(ctx, 1);
	__u32 num_op = 0, op_flg = 0;

	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_u64(ctx, sops);
	kf_push_arg_u64(ctx, 2);
	if (kf_arg(ctx, 2) && (kf_try_read_user_u32(ctx, sops, &num_op) ||
			       kf_try_read_user_u32(ctx, sops + 2, &op_flg))) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		return;
	}
	kf_push_u32(ctx, num_op & 0xffff);
	kf_push_s32(ctx, (__s16)(num_op >> 16));
	kf_push_u32(ctx, op_flg >> 16);
}

KCAP_FILLER(SEMOP_X, SYS_EXIT)
{
	kf_push_semop(ctx);
}

/* semtimedop(semid, sops, nsops, timeout): a NULL timeout waits for ever */
KCAP_FILLER(SEMTIMEDOP_X, SYS_EXIT)
{
	kf_push_semop(ctx);
	kf_push_user_time(ctx, kf_arg(ctx, 3));
}

/* semctl(semid, semnum, cmd, arg) */
KCAP_FILLER(SEMCTL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u64(ctx, 3);
}

/* msgget(key, msgflg) */
KCAP_FILLER(MSGGET_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_ipc_get_flags(ctx, (__u32)kf_arg(ctx, 1));
}

/*
 * A struct msgbuf at msgp: its type (the first 8 bytes; unreadable, then no
 * text either) and len bytes of text after it.
 */
static __always_inline void kf_push_msgbuf(struct kf_ctx *ctx, __u64 msgp, __u64 len)
{
	__u64 mtype;

	if (kf_try_read_user_u64(ctx, msgp, &mtype)) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		return;
	}
	kf_push_s64(ctx, (__s64)mtype);
	kf_push_user_buf(ctx, msgp + 8, len);
}

/* msgsnd(msqid, msgp, msgsz, msgflg): what was asked to be sent, also on failure */
KCAP_FILLER(MSGSND_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u32(ctx, 3);
	kf_push_msgbuf(ctx, kf_arg(ctx, 1), kf_arg(ctx, 2));
}

/* msgrcv(msqid, msgp, msgsz, msgtyp, msgflg): the message received, none on failure */
KCAP_FILLER(MSGRCV_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_s64(ctx, (__s64)kf_arg(ctx, 3));
	kf_push_arg_u32(ctx, 4);
	if (res < 0) {
		kf_push_s64(ctx, 0); /* no message: types are positive */
		kf_push_empty(ctx);
		return;
	}
	kf_push_msgbuf(ctx, kf_arg(ctx, 1), kf_res_len(res));
}

/* msgctl(msqid, cmd, buf) */
KCAP_FILLER(MSGCTL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
}

/* shmget(key, size, shmflg) */
KCAP_FILLER(SHMGET_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_ipc_get_flags(ctx, (__u32)kf_arg(ctx, 2));
}

/* shmat(shmid, shmaddr, shmflg) */
KCAP_FILLER(SHMAT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* shmdt(shmaddr) */
KCAP_FILLER(SHMDT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
}

/* shmctl(shmid, cmd, buf) */
KCAP_FILLER(SHMCTL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
}
