// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcap bench's reference capture: the least a syscall tracer can do with a
 * BPF ring buffer, which the performance targets are stated against. One
 * tp_btf/sys_exit program writes a 32-byte record per syscall (time, ids,
 * number, return value) into one ring buffer, reserved in place and never
 * waking the reader. No filtering, no parameters, no tail call.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bench_ref.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, BENCH_REF_RING_BYTES);
} ref_ring SEC(".maps");

const volatile __u32 ref_self_tgid; /* the reader never records itself */
__u64 ref_drops;

SEC("tp_btf/sys_exit")
int BPF_PROG(ref_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct bench_ref_record *r;

	if (pid_tgid >> 32 == ref_self_tgid)
		return 0;
	r = bpf_ringbuf_reserve(&ref_ring, sizeof(*r), 0);
	if (!r) {
		__sync_fetch_and_add(&ref_drops, 1);
		return 0;
	}
	r->ts = bpf_ktime_get_ns();
	r->tid = (__u32)pid_tgid;
	r->pid = pid_tgid >> 32;
	r->nr = regs->orig_ax;
	r->ret = ret;
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
