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
