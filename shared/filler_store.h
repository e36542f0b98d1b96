/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * How every implementation of the filler API's stores ends a parameter: its
 * length in the event's plen[], or KCAP_PLEN_FAULT (counted) when the memory
 * could not be read, and its truncation bit. Included by shared/bpf/pushes.h
 * and kmod/pushes.h once they have defined struct kf_ctx (with buf, the event,
 * and faults) and kf_set_len(ctx, len), which writes plen[ctx->idx++].
 */
#ifndef KCAP_FILLER_STORE_H
#define KCAP_FILLER_STORE_H

static __always_inline void kf_put_fault(struct kf_ctx *ctx)
{
	ctx->faults++;
	kf_set_len(ctx, KCAP_PLEN_FAULT);
}

/* Accounts n bytes just written at the cursor, or a fault when n <= 0. */
static __always_inline void kf_commit(struct kf_ctx *ctx, long n)
{
	if (n <= 0) {
		kf_put_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

/*
 * The parameter being stored did not fit whole: its bit in the header of the
 * event being built (which the backend's kf_begin() zeroes). In the event,
 * not on the stack: the BPF verifier does not track it, so a mark never
 * doubles the states it explores.
 */
static __always_inline void kf_mark_truncated(struct kf_ctx *ctx)
{
	((struct kcap_evt_hdr *)ctx->buf)->truncated |= 1u << (ctx->idx & (KCAP_MAX_PARAMS - 1));
}

#endif /* KCAP_FILLER_STORE_H */
