/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A fourth implementation of the filler API, in plain userspace C, so the unit
 * tests run every shared filler without a kernel: syscall arguments, the task
 * and user memory are fakes the test controls. Unmapped user addresses fault,
 * exactly as the kernel backends must report them.
 */
#ifndef KCAP_MOCK_FILLER_IMPL_H
#define KCAP_MOCK_FILLER_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <linux/types.h>

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

#define MOCK_MAX_REGIONS 16

struct mock_region {
	uint64_t addr;
	const void *data;
	size_t len;
};

/* What the fake kernel looks like for one filler run. */
struct mock_world {
	uint64_t args[6];
	int64_t ret;
	uint32_t syscall_id;
	struct mock_region mem[MOCK_MAX_REGIONS];
	int nmem;
	int32_t ppid;
	uint32_t uid, euid, gid, exit_code;
	const char *comm, *exe, *cwd;
	const void *mm_args; /* NUL-separated argv of the current image */
	size_t mm_args_len;
	uint32_t snaplen;
};

struct kf_ctx {
	struct mock_world *w;
	uint8_t *buf; /* KCAP_MAX_EVENT_SIZE * 2 bytes, like the BPF scratch */
	uint32_t off;
	uint32_t idx;
	uint32_t faults;
	uint16_t type;
	uint16_t nparams;
	int hook;
};

/* Copies n bytes of fake user memory; false if any byte is unmapped. */
static inline bool mock_read(struct mock_world *w, uint64_t addr, void *dst, size_t n)
{
	for (int i = 0; i < w->nmem; i++) {
		const struct mock_region *r = &w->mem[i];

		if (addr >= r->addr && addr - r->addr <= r->len && n <= r->len - (addr - r->addr)) {
			memcpy(dst, (const uint8_t *)r->data + (addr - r->addr), n);
			return true;
		}
	}
	return n == 0;
}

static inline void kf_set_len(struct kf_ctx *ctx, uint16_t len)
{
	memcpy(ctx->buf + KCAP_HDR_SIZE + 2 * ctx->idx, &len, 2);
	ctx->idx++;
}

static inline void kf_push_fault(struct kf_ctx *ctx)
{
	ctx->faults++;
	kf_set_len(ctx, KCAP_PLEN_FAULT);
}

static inline void kf_push_bytes(struct kf_ctx *ctx, const void *p, size_t n)
{
	memcpy(ctx->buf + ctx->off, p, n);
	ctx->off += (uint32_t)n;
	kf_set_len(ctx, (uint16_t)n);
}

static inline void kf_push_u64(struct kf_ctx *ctx, __u64 v)
{
	kf_push_bytes(ctx, &v, 8);
}

static inline void kf_push_u32(struct kf_ctx *ctx, __u32 v)
{
	kf_push_bytes(ctx, &v, 4);
}

static inline void kf_push_empty(struct kf_ctx *ctx)
{
	kf_set_len(ctx, 0);
}

/* Bytes of a NUL-terminated user string, with the NUL, up to max; 0 on fault. */
static inline size_t mock_strlen(struct mock_world *w, uint64_t addr, size_t max, uint8_t *dst)
{
	for (size_t i = 0; i < max; i++) {
		if (!mock_read(w, addr + i, dst + i, 1))
			return 0;
		if (dst[i] == 0)
			return i + 1;
	}
	dst[max - 1] = 0; /* truncated like bpf_probe_read_user_str */
	return max;
}

static inline void kf_push_user_str(struct kf_ctx *ctx, __u64 uptr)
{
	size_t n = mock_strlen(ctx->w, uptr, KCAP_MAX_PATH, ctx->buf + ctx->off);

	if (!n) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += (uint32_t)n;
	kf_set_len(ctx, (uint16_t)n);
}

/* min(n, max) user bytes: empty for none, a fault when unreadable. */
static inline void mock_push_user(struct kf_ctx *ctx, __u64 uptr, __u64 n, __u64 max)
{
	if (n > max)
		n = max;
	if (!n) {
		kf_push_empty(ctx);
		return;
	}
	if (!mock_read(ctx->w, uptr, ctx->buf + ctx->off, n)) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += (uint32_t)n;
	kf_set_len(ctx, (uint16_t)n);
}

static inline void kf_push_user_buf(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	mock_push_user(ctx, uptr, n, ctx->w->snaplen);
}

static inline void kf_push_user_sockaddr(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	/* no address at all (NULL) is empty, as in the kernel backends */
	mock_push_user(ctx, uptr, uptr ? n : 0, KCAP_MAX_SOCKADDR);
}

#define MOCK_MAX_IOVECS 32

static inline void kf_push_user_iovec(struct kf_ctx *ctx, __u64 iov, __u64 iovcnt, __u64 n)
{
	uint32_t total = 0;

	if (n > ctx->w->snaplen)
		n = ctx->w->snaplen;
	for (uint64_t i = 0; i < iovcnt && i < MOCK_MAX_IOVECS && total < n; i++) {
		uint64_t v[2], chunk;

		if (!mock_read(ctx->w, iov + i * 16, v, 16)) {
			kf_push_fault(ctx);
			return;
		}
		chunk = v[1] < n - total ? v[1] : n - total;
		if (!mock_read(ctx->w, v[0], ctx->buf + ctx->off + total, chunk)) {
			kf_push_fault(ctx);
			return;
		}
		total += (uint32_t)chunk;
	}
	ctx->off += total;
	kf_set_len(ctx, (uint16_t)total);
}

static inline void kf_push_user_argv(struct kf_ctx *ctx, __u64 argv)
{
	uint32_t total = 0;

	for (int i = 0; i < 64 && total < KCAP_MAX_ARGS_LEN; i++) {
		uint64_t p;
		size_t n;

		if (!mock_read(ctx->w, argv + 8 * (uint64_t)i, &p, 8)) {
			if (i == 0) {
				kf_push_fault(ctx);
				return;
			}
			break;
		}
		if (!p)
			break;
		n = mock_strlen(ctx->w, p, KCAP_MAX_ARGS_LEN - total, ctx->buf + ctx->off + total);
		if (!n)
			break;
		total += (uint32_t)n;
	}
	ctx->off += total;
	kf_set_len(ctx, (uint16_t)total);
}

static inline __u64 kf_read_user_u64(struct kf_ctx *ctx, __u64 uptr)
{
	uint64_t v = 0;

	return mock_read(ctx->w, uptr, &v, 8) ? v : 0;
}

static inline __u32 kf_read_user_u32(struct kf_ctx *ctx, __u64 uptr)
{
	uint32_t v = 0;

	return mock_read(ctx->w, uptr, &v, 4) ? v : 0;
}

static inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
	return ctx->w->args[i];
}

/* The mock world's args are a 32-bit syscall's when the test says it is one. */
static inline __u64 kf_arg_ia32(struct kf_ctx *ctx, int i)
{
	return (__u32)ctx->w->args[i];
}

static inline __s64 kf_ret(struct kf_ctx *ctx)
{
	return ctx->w->ret;
}

static inline __u32 kf_syscall_id(struct kf_ctx *ctx)
{
	return ctx->w->syscall_id;
}

static inline __s32 kf_task_ppid(struct kf_ctx *ctx)
{
	return ctx->w->ppid;
}

static inline __u32 kf_task_uid(struct kf_ctx *ctx)
{
	return ctx->w->uid;
}

static inline __u32 kf_task_euid(struct kf_ctx *ctx)
{
	return ctx->w->euid;
}

static inline __u32 kf_task_gid(struct kf_ctx *ctx)
{
	return ctx->w->gid;
}

static inline __u32 kf_task_exit_code(struct kf_ctx *ctx)
{
	return ctx->w->exit_code;
}

static inline void mock_push_cstr(struct kf_ctx *ctx, const char *s)
{
	if (!s) {
		kf_push_fault(ctx);
		return;
	}
	kf_push_bytes(ctx, s, strlen(s) + 1);
}

static inline void kf_push_comm(struct kf_ctx *ctx)
{
	mock_push_cstr(ctx, ctx->w->comm);
}

static inline void kf_push_exe_path(struct kf_ctx *ctx)
{
	mock_push_cstr(ctx, ctx->w->exe);
}

static inline void kf_push_cwd(struct kf_ctx *ctx)
{
	mock_push_cstr(ctx, ctx->w->cwd);
}

static inline void kf_push_mm_args(struct kf_ctx *ctx)
{
	if (!ctx->w->mm_args) {
		kf_push_fault(ctx);
		return;
	}
	kf_push_bytes(ctx, ctx->w->mm_args, ctx->w->mm_args_len);
}

/* Each filler becomes mock_fill_<ID>(); mock_fillers[] maps event IDs to them. */
typedef void (*mock_filler_fn)(struct kf_ctx *ctx);

#define KCAP_FILLER(ID, HOOK)                                       \
	KCAP_ASSERT_HOOK(KCAP_HOOK_OF_##ID, KCAP_HOOK_##HOOK, #ID); \
	static void mock_fill_##ID(struct kf_ctx *ctx)

#endif /* KCAP_MOCK_FILLER_IMPL_H */
