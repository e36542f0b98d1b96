// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The reason quoted from a verifier log (engine/verifier_log.c), over real
 * logs: a 5.10 kernel rejecting a helper it does not have, and 6.18 rejecting
 * the modern probe's deliberately bad test program.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "backends/bpf/verifier_log.h"

/* The end of the 5.10 log (log level 1: states, precision backtracking). */
static const char log_5_10[] =
	"regs=2 stack=0 before 6: (b4) w1 = 42\n"
	"; *(__u64 *)kf_data(ctx) = v;\n"
	"28: (7b) *(u64 *)(r3 +0) = r8\n"
	" R0_w=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R1_w=inv42 R2_w=inv42 R3_w=map_value(id=0,off=42,ks=4,vs=131072,imm=0) R4_w=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R6=ptr_pt_regs(id=0,off=0,imm=0) R7=inv0 R8=inv(id=0) R9_w=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R10=fp0 fp-16=inv42 fp-24=????0000 fp-72_w=map_ptr\n"
	"; ctx->off += 8;\n"
	"29: (04) w2 += 8\n"
	"30: (63) *(u32 *)(r10 -16) = r2\n"
	"31: (b4) w1 = 8\n"
	"32: (7b) *(u64 *)(r10 -80) = r4\n"
	"; plen[ctx->idx & (KCAP_MAX_PARAMS - 1)] = len;\n"
	"33: (6b) *(u16 *)(r4 +24) = r1\n"
	" R0_w=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R1_w=inv8 R2_w=inv50 R3_w=map_value(id=0,off=42,ks=4,vs=131072,imm=0) R4_w=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R6=ptr_pt_regs(id=0,off=0,imm=0) R7=inv0 R8=inv(id=0) R9_w=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R10=fp0 fp-16=inv50 fp-24=????0000 fp-72_w=map_ptr fp-80_w=map_value\n"
	"; \n"
	"34: (79) r7 = *(u64 *)(r6 +104)\n"
	"35: (7b) *(u64 *)(r10 -56) = r9\n"
	"; if (res == 0) {\n"
	"36: (55) if r8 != 0x0 goto pc+32\n"
	" R0=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R1=inv8 R2=inv50 R3=map_value(id=0,off=42,ks=4,vs=131072,imm=0) R4=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R6=ptr_pt_regs(id=0,off=0,imm=0) R7=inv(id=0) R8=inv0 R9=map_value(id=0,off=0,ks=4,vs=131072,imm=0) R10=fp0 fp-16=inv50 fp-24=????0000 fp-56=map_value fp-72=map_ptr fp-80=map_value\n"
	"; return ctx->task ? ctx->task : bpf_get_current_task_btf();\n"
	"37: (85) call unknown#158\n"
	"invalid func unknown#158\n"
	"processed 36 insns (limit 1000000) max_states_per_insn 0 total_states 2 peak_states 2 mark_read 1\n"
	"-- END PROG LOAD LOG --\n";

/* 6.18: register states appended to the instructions. */
static const char log_6_18[] =
	"0: R1=ctx() R10=fp0\n"
	"; int BPF_PROG(kcap_test_rejected, struct pt_regs *regs, long ret) @ kcap_modern.bpf.c:67\n"
	"0: (b4) w6 = 0                        ; R6=0\n"
	"; __u32 zero = 0; @ kcap_modern.bpf.c:69\n"
	"1: (63) *(u32 *)(r10 -4) = r6         ; R6=0 R10=fp0 fp-8=0000????\n"
	"2: (bf) r2 = r10                      ; R2=fp0 R10=fp0\n"
	";  @ kcap_modern.bpf.c:0\n"
	"3: (07) r2 += -4                      ; R2=fp-4\n"
	"; __u8 *st = bpf_map_lookup_elem(&stats, &zero); @ kcap_modern.bpf.c:70\n"
	"4: (18) r1 = 0xffff88811c47da00       ; R1=map_ptr(map=stats,ks=4,vs=64)\n"
	"6: (85) call bpf_map_lookup_elem#1    ; R0=map_value(map=stats,ks=4,vs=64)\n"
	"; return st ? st[4096] : 0; @ kcap_modern.bpf.c:72\n"
	"7: (15) if r0 == 0x0 goto pc+1        ; R0=map_value(map=stats,ks=4,vs=64)\n"
	"8: (71) r6 = *(u8 *)(r0 +4096)\n"
	"invalid access to map value, value_size=64 off=4096 size=1\n"
	"R0 min value is outside of the allowed memory range\n"
	"processed 8 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n";

static void test_unknown_helper_on_5_10(void **state)
{
	char out[512];

	(void)state;
	kcap_verifier_log_reason(log_5_10, out, sizeof(out));
	assert_string_equal(out, "37: (85) call unknown#158: invalid func unknown#158 (source: "
				 "return ctx->task ? ctx->task : bpf_get_current_task_btf();)");
}

static void test_map_value_access_on_6_18(void **state)
{
	char out[512];

	(void)state;
	kcap_verifier_log_reason(log_6_18, out, sizeof(out));
	assert_string_equal(out, "8: (71) r6 = *(u8 *)(r0 +4096): invalid access to map value, "
				 "value_size=64 off=4096 size=1; R0 min value is outside of the "
				 "allowed memory range (source: return st ? st[4096] : 0; @ "
				 "kcap_modern.bpf.c:72)");
}

/* libbpf rewrites a poisoned CO-RE relocation's instruction in the log. */
static void test_core_relocation(void **state)
{
	static const char log[] = "; return BPF_CORE_READ(t, real_parent, tgid);\n"
				  "12: <invalid CO-RE relocation>\n"
				  "failed to resolve CO-RE relocation <byte_off> [52] struct "
				  "task_struct.real_parent (0:77 @ offset 2304)\n"
				  "processed 13 insns (limit 1000000) max_states_per_insn 0\n";
	char out[512];

	(void)state;
	kcap_verifier_log_reason(log, out, sizeof(out));
	assert_string_equal(out, "12: <invalid CO-RE relocation>: failed to resolve CO-RE "
				 "relocation <byte_off> [52] struct task_struct.real_parent "
				 "(0:77 @ offset 2304) (source: return BPF_CORE_READ(t, "
				 "real_parent, tgid);)");
}

/* A check before any instruction: the log's last words. */
static void test_no_instruction(void **state)
{
	static const char log[] =
		"func#0 @0\n"
		"arg#0 reference type('UNKNOWN ') size cannot be determined: -22\n"
		"processed 0 insns (limit 1000000) max_states_per_insn 0\n";
	char out[512];

	(void)state;
	kcap_verifier_log_reason(log, out, sizeof(out));
	assert_string_equal(out, "arg#0 reference type('UNKNOWN ') size cannot be determined: -22");
}

/* Megabytes of instructions: only the last one and its message count. */
static void test_long_log(void **state)
{
	size_t n = 200000, len = n * 32 + 256, o = 0;
	char *log = malloc(len), out[512];

	(void)state;
	assert_non_null(log);
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(log + o, len - o, "%zu: (07) r2 += -4\n", i);
	snprintf(log + o, len - o,
		 "%zu: (05) goto pc-2\n"
		 "BPF program is too large. Processed 1000001 insn\n"
		 "processed 1000001 insns (limit 1000000)\n",
		 n);
	kcap_verifier_log_reason(log, out, sizeof(out));
	assert_string_equal(out, "200000: (05) goto pc-2: BPF program is too large. Processed "
				 "1000001 insn");
	free(log);
}

/* The reason always fits the buffer, NUL-terminated; an empty log says nothing. */
static void test_sizes(void **state)
{
	char out[24];

	(void)state;
	assert_int_equal(kcap_verifier_log_reason(log_5_10, out, sizeof(out)), sizeof(out) - 1);
	assert_string_equal(out, "37: (85) call unknown#1");
	assert_int_equal(kcap_verifier_log_reason("", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(kcap_verifier_log_reason("processed 0 insns\n", out, sizeof(out)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_helper_on_5_10),
		cmocka_unit_test(test_map_value_access_on_6_18),
		cmocka_unit_test(test_core_relocation),
		cmocka_unit_test(test_no_instruction),
		cmocka_unit_test(test_long_log),
		cmocka_unit_test(test_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
