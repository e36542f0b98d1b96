/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * io_uring submissions (shared/kcap_uring.h): one program per shape of the
 * kernel's tracepoint; the loader keeps the one this kernel has. The request
 * is read with probe reads (CO-RE for struct io_kiocb; io_uring's private
 * per-opcode structs at the offsets of kcap_uring.h, as in every backend).
 */
#ifndef KCAP_MODERN_IO_URING_H
#define KCAP_MODERN_IO_URING_H

#define KF_KREAD(dst, src, n) bpf_probe_read_kernel(dst, n, src)

/* A prepared request (layouts REQ and SQE_REQ). */
static __always_inline void kf_uring_prepared(struct io_kiocb *req)
{
	struct kcap_uring_req r = { .fd = -1 };

	if (!kcap_settings.capture_io_uring || !kf_wanted())
		return;
	r.opcode = BPF_CORE_READ(req, opcode);
	/* io_req_flags_t grew to 64 bits: the low byte is the same either way */
	r.flags = (__u32)BPF_CORE_READ(req, flags) & KCAP_IOSQE_MASK;
	r.user_data = BPF_CORE_READ(req, cqe.user_data);
	if (kcap_uring_op_in(KCAP_URING_FILE_OPS, r.opcode))
		r.fd = BPF_CORE_READ(req, cqe.fd);
	KCAP_URING_READ_NAMED(&r, req, KF_KREAD);
	kf_emit_uring(&r);
}

SEC("tp_btf/io_uring_submit_req")
int BPF_PROG(kcap_uring_submit_req, struct io_kiocb *req)
{
	kf_uring_prepared(req);
	return 0;
}

SEC("tp_btf/io_uring_submit_sqe")
int BPF_PROG(kcap_uring_sqe_req, struct io_kiocb *req)
{
	kf_uring_prepared(req);
	return 0;
}

/* Older kernels pass opcode, user_data and flags as arguments. */
SEC("tp_btf/io_uring_submit_sqe")
int BPF_PROG(kcap_uring_sqe_ctx_req, void *ring, void *req, __u8 opcode, __u64 user_data,
	     __u32 flags)
{
	struct kcap_uring_req r = { .opcode = opcode, .user_data = user_data, .fd = -1 };

	if (!kcap_settings.capture_io_uring || !kf_wanted())
		return 0;
	r.flags = flags & KCAP_IOSQE_MASK;
	if (!(flags & KCAP_REQ_F_FAIL))
		KCAP_URING_READ_NAMED(&r, req, KF_KREAD);
	kf_emit_uring(&r);
	return 0;
}

SEC("tp_btf/io_uring_submit_sqe")
int BPF_PROG(kcap_uring_sqe_opcode, void *ring, __u8 opcode, __u64 user_data)
{
	struct kcap_uring_req r = { .opcode = opcode, .user_data = user_data, .fd = -1 };

	if (kcap_settings.capture_io_uring && kf_wanted())
		kf_emit_uring(&r);
	return 0;
}

#endif /* KCAP_MODERN_IO_URING_H */
