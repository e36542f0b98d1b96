/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * io_uring requests never pass through syscall tracepoints: each submitted
 * request is caught on io_uring's own submission tracepoint, whose name and
 * arguments changed across kernels. The shapes (KCAP_URING_LAYOUT_*) are
 * found from the kernel's tracepoint header or BTF (shared/io_uring_tp.sh for
 * the compiled backends, the loader for the modern probe).
 */
#ifndef KCAP_URING_H
#define KCAP_URING_H

/* io_uring_submit_req(req): e.g. 6.12 and later */
#define KCAP_URING_LAYOUT_REQ 1
/* io_uring_submit_sqe(req, force_nonblock): e.g. 6.1 */
#define KCAP_URING_LAYOUT_SQE_REQ 2
/* io_uring_submit_sqe(ctx, req, opcode, user_data, flags, force_nonblock, sq_thread): e.g. 5.10, 5.15 */
#define KCAP_URING_LAYOUT_SQE_CTX_REQ 3
/* io_uring_submit_sqe(ctx, opcode, user_data, force_nonblock, sq_thread): 5.5 to 5.9 */
#define KCAP_URING_LAYOUT_SQE_OPCODE 4

/*
 * Every layout fires after the request was prepared: an open request holds
 * the kernel's own copy of its path. Layouts 1 and 2 give the request (its
 * opcode, flags, user_data and target descriptor in struct io_kiocb); 3 gives
 * opcode, user_data and flags as arguments, and the request for an open's
 * directory and path; 4 gives opcode and user_data only.
 */
/*
 * What a request names, by opcode (uapi IORING_OP_* numbers), in io_uring's
 * private per-opcode structs, which all start with struct file * and keep
 * the same head from 5.10 to 7.x: a directory or descriptor (int) at offset 8,
 * the kernel's copy of a first path (struct filename *; 7.x wraps it in
 * struct delayed_filename, the same pointer) at 16 and of a second at 24.
 */
#define KCAP_URING_OP(op) (1ull << (op))
#define KCAP_IORING_OP_OPENAT 18
#define KCAP_IORING_OP_OPENAT2 28

/* openat, openat2, close, statx, epoll_ctl, renameat, unlinkat, mkdirat, linkat */
#define KCAP_URING_FD8_OPS                                                               \
	(KCAP_URING_OP(18) | KCAP_URING_OP(28) | KCAP_URING_OP(19) | KCAP_URING_OP(21) | \
	 KCAP_URING_OP(29) | KCAP_URING_OP(35) | KCAP_URING_OP(36) | KCAP_URING_OP(37) | \
	 KCAP_URING_OP(39))
/* openat, openat2, renameat, unlinkat, mkdirat, symlinkat, linkat */
#define KCAP_URING_PATH_OPS                                                              \
	(KCAP_URING_OP(18) | KCAP_URING_OP(28) | KCAP_URING_OP(35) | KCAP_URING_OP(36) | \
	 KCAP_URING_OP(37) | KCAP_URING_OP(38) | KCAP_URING_OP(39))
/* renameat, symlinkat, linkat: the new path */
#define KCAP_URING_PATH2_OPS (KCAP_URING_OP(35) | KCAP_URING_OP(38) | KCAP_URING_OP(39))
/*
 * Requests on the file of the submission's fd, which the kernel keeps in
 * the request's cqe.fd (layouts 1 and 2): readv, writev, fsync, read_fixed,
 * write_fixed, poll_add, sync_file_range, sendmsg, recvmsg, accept, connect,
 * fallocate, read, write, fadvise, send, recv, splice, tee, shutdown,
 * fsetxattr, fgetxattr, uring_cmd, send_zc, sendmsg_zc, read_multishot,
 * ftruncate, bind, listen, recv_zc, readv_fixed, writev_fixed.
 */
#define KCAP_URING_FILE_OPS                                                              \
	(KCAP_URING_OP(1) | KCAP_URING_OP(2) | KCAP_URING_OP(3) | KCAP_URING_OP(4) |     \
	 KCAP_URING_OP(5) | KCAP_URING_OP(6) | KCAP_URING_OP(8) | KCAP_URING_OP(9) |     \
	 KCAP_URING_OP(10) | KCAP_URING_OP(13) | KCAP_URING_OP(16) | KCAP_URING_OP(17) | \
	 KCAP_URING_OP(22) | KCAP_URING_OP(23) | KCAP_URING_OP(24) | KCAP_URING_OP(26) | \
	 KCAP_URING_OP(27) | KCAP_URING_OP(30) | KCAP_URING_OP(33) | KCAP_URING_OP(34) | \
	 KCAP_URING_OP(41) | KCAP_URING_OP(43) | KCAP_URING_OP(46) | KCAP_URING_OP(47) | \
	 KCAP_URING_OP(48) | KCAP_URING_OP(49) | KCAP_URING_OP(55) | KCAP_URING_OP(56) | \
	 KCAP_URING_OP(57) | KCAP_URING_OP(58) | KCAP_URING_OP(60) | KCAP_URING_OP(61))

#define KCAP_IO_REQ_FD_OFF 8
#define KCAP_IO_REQ_PATH_OFF 16
#define KCAP_IO_REQ_PATH2_OFF 24

static inline int kcap_uring_op_in(__u64 ops, __u32 opcode)
{
	return opcode < 64 && ((ops >> opcode) & 1);
}

/*
 * The descriptor and paths a prepared request names (by r->opcode), read
 * from the request at req with READ(dst, src, n), a kernel read that never
 * faults and returns 0 on success. A path is the name of a struct filename,
 * its first member.
 */
#define KCAP_URING_PTR_AT(READ, at)                                    \
	({                                                             \
		__u64 __p = 0;                                         \
		READ(&__p, (const void *)(at), sizeof(__p)) ? 0 : __p; \
	})
#define KCAP_URING_NAME_AT(READ, at)                     \
	({                                               \
		__u64 __f = KCAP_URING_PTR_AT(READ, at); \
		__f ? KCAP_URING_PTR_AT(READ, __f) : 0;  \
	})
#define KCAP_URING_READ_NAMED(r, req, READ)                                                 \
	do {                                                                                \
		const char *__q = (const char *)(req);                                      \
		__s32 __fd = -1;                                                            \
		if (kcap_uring_op_in(KCAP_URING_FD8_OPS, (r)->opcode) &&                    \
		    !READ(&__fd, __q + KCAP_IO_REQ_FD_OFF, sizeof(__fd)))                   \
			(r)->fd = __fd;                                                     \
		if (kcap_uring_op_in(KCAP_URING_PATH_OPS, (r)->opcode))                     \
			(r)->path = KCAP_URING_NAME_AT(READ, __q + KCAP_IO_REQ_PATH_OFF);   \
		if (kcap_uring_op_in(KCAP_URING_PATH2_OPS, (r)->opcode))                    \
			(r)->path2 = KCAP_URING_NAME_AT(READ, __q + KCAP_IO_REQ_PATH2_OFF); \
	} while (0)

/*
 * Layout 3: a request whose initialisation failed (REQ_F_FAIL, the bit after
 * the IOSQE byte) reaches the tracepoint unprepared, its fields stale.
 */
#define KCAP_REQ_F_FAIL (1u << 8)

/*
 * The request flags' low byte holds its IOSQE_* flags (REQ_F_*_BIT = IOSQE_*_BIT)
 * as the kernel runs it: the submitter's, plus IOSQE_ASYNC where it forces that.
 */
#define KCAP_IOSQE_MASK 0xffu

/* What a backend reads of one request, for the IO_URING_SUBMIT filler. */
struct kcap_uring_req {
	__u64 user_data;
	__u64 path, path2; /* kernel addresses of its paths (struct filename's name), or 0 */
	__s32 fd; /* the request's descriptor (the directory of a path); -1 if unknown */
	__u32 flags; /* IOSQE_* */
	__u32 opcode; /* IORING_OP_* */
	__u32 pad;
};

#endif /* KCAP_URING_H */
