/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Every filler, for a backend that has implemented the filler API
 * (shared/filler_api.h). One source, compiled once per backend.
 */
#ifndef KCAP_FILLERS_ALL_H
#define KCAP_FILLERS_ALL_H

#include "../filler_api.h"

/* Any syscall without a dedicated event. */
KCAP_FILLER(GENERIC_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u32(ctx, kf_syscall_id(ctx));
}

/* A 32-bit syscall: only its number and raw arguments, in the ia32 ABI's registers. */
KCAP_FILLER(COMPAT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u32(ctx, kf_syscall_id(ctx));
	kf_push_u64(ctx, kf_arg_ia32(ctx, 0));
	kf_push_u64(ctx, kf_arg_ia32(ctx, 1));
	kf_push_u64(ctx, kf_arg_ia32(ctx, 2));
	kf_push_u64(ctx, kf_arg_ia32(ctx, 3));
	kf_push_u64(ctx, kf_arg_ia32(ctx, 4));
	kf_push_u64(ctx, kf_arg_ia32(ctx, 5));
}

/* An x32 syscall: its number without the x32 bit, and the raw registers. */
KCAP_FILLER(X32_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u32(ctx, kf_syscall_id(ctx) & ~KCAP_X32_SYSCALL_BIT);
	kf_push_u64(ctx, kf_arg(ctx, 0));
	kf_push_u64(ctx, kf_arg(ctx, 1));
	kf_push_u64(ctx, kf_arg(ctx, 2));
	kf_push_u64(ctx, kf_arg(ctx, 3));
	kf_push_u64(ctx, kf_arg(ctx, 4));
	kf_push_u64(ctx, kf_arg(ctx, 5));
}

#include "file.h"
#include "fd.h"
#include "process.h"
#include "net.h"
#include "memory.h"
#include "security.h"
#include "io_uring.h"

#endif /* KCAP_FILLERS_ALL_H */
