// SPDX-License-Identifier: GPL-2.0-only
/*
 * A deliberately NOT 4.14-compatible object: the legacy checker must reject
 * every construct below and name the program (tests/legacy/CMakeLists.txt).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int counter; /* .bss: global data */
const volatile int knob = 1; /* .rodata */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF); /* 5.8 */
	__uint(max_entries, 4096);
} rb SEC(".maps");

static __attribute__((noinline)) int subprog(int x) /* a BPF-to-BPF call */
{
	return x * knob + counter;
}

SEC("tracepoint/bad/helper")
int bad_helper(void *ctx)
{
	char buf[8];

	return bpf_probe_read_user(buf, sizeof(buf), ctx) + subprog(counter); /* 5.5 helper */
}

SEC("tracepoint/bad/loop")
int bad_loop(void *ctx)
{
	int sum = 0;

	for (int i = 0; i < counter && i < 100; i++) /* a bounded loop: 5.3 */
		sum += bpf_get_prandom_u32();
	return sum;
}

#define R4(x) x x x x
#define R16(x) R4(R4(x))
#define R4096(x) R16(R16(R16(x)))

SEC("tracepoint/bad/huge")
int bad_huge(void *ctx)
{
	volatile long v = 0;

	R4096(v++;) /* about 12k instructions */
	return v;
}

struct bad_task {
	int pid;
} __attribute__((preserve_access_index));

SEC("tracepoint/bad/core")
int bad_core(struct bad_task *t) /* a CO-RE relocation: needs kernel BTF */
{
	int pid;

	bpf_probe_read(&pid, sizeof(pid), &t->pid);
	return pid;
}

SEC("raw_tracepoint/sys_exit")
int bad_raw(void *ctx) /* raw tracepoint (4.17) without a tracepoint twin */
{
	return 0;
}

SEC("tp_btf/sys_exit")
int bad_btf(void *ctx) /* BTF tracing program (5.5) */
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
