/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* io_uring: what a request does, where no syscall tracepoint sees it. */

static __always_inline void kf_push_uring_path(struct kf_ctx *ctx, __u64 kptr)
{
	if (kptr)
		kf_push_kernel_str(ctx, kptr);
	else
		kf_push_empty(ctx);
}

KCAP_FILLER(IO_URING_SUBMIT, IO_URING)
{
	const struct kcap_uring_req *req = kf_uring_req(ctx);

	kf_push_u32(ctx, req->opcode);
	kf_push_s32(ctx, req->fd);
	kf_push_u32(ctx, req->flags);
	kf_push_u64(ctx, req->user_data);
	kf_push_uring_path(ctx, req->path);
	kf_push_uring_path(ctx, req->path2);
}

/*
 * io_uring_setup(entries, params): struct io_uring_params { sq_entries,
 * cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, ... }
 */
KCAP_FILLER(IO_URING_SETUP_X, SYS_EXIT)
{
	__u64 params = kf_arg(ctx, 1), entries = 0, flags = 0, features = 0;

	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	if (kf_try_read_user_u64(ctx, params, &entries) ||
	    kf_try_read_user_u64(ctx, params + 8, &flags) ||
	    kf_try_read_user_u64(ctx, params + 16, &features)) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		return;
	}
	kf_push_u32(ctx, (__u32)flags);
	kf_push_u32(ctx, (__u32)entries);
	kf_push_u32(ctx, (__u32)(entries >> 32));
	kf_push_u32(ctx, (__u32)(features >> 32));
}

/* io_uring_enter(fd, to_submit, min_complete, flags, arg, argsz) */
KCAP_FILLER(IO_URING_ENTER_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u32(ctx, 3);
	kf_push_arg_u64(ctx, 4);
	kf_push_arg_u64(ctx, 5);
}

/* io_uring_register(fd, opcode, arg, nr_args) */
KCAP_FILLER(IO_URING_REGISTER_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u32(ctx, 3);
}
