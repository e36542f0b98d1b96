/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The x86_64 syscall ABIs (64-bit and ia32) as the kernel saves them in
 * struct pt_regs: where a syscall's arguments are. For the backends that read pt_regs directly (kmod,
 * modern); the legacy probe reads the same registers in one bpf_probe_read.
 */
#ifndef KCAP_SYSCALL_ABI_H
#define KCAP_SYSCALL_ABI_H

/* Argument i (0 to 5) of the syscall whose registers are regs. */
static __always_inline __u64 kcap_syscall_arg(const struct pt_regs *regs, int i)
{
	switch (i) {
	case 0:
		return regs->di;
	case 1:
		return regs->si;
	case 2:
		return regs->dx;
	case 3:
		return regs->r10;
	case 4:
		return regs->r8;
	default:
		return regs->r9;
	}
}

/* Argument i (0 to 5) of a 32-bit (ia32) syscall: int $0x80's registers. */
static __always_inline __u64 kcap_syscall_arg_ia32(const struct pt_regs *regs, int i)
{
	switch (i) {
	case 0:
		return (__u32)regs->bx;
	case 1:
		return (__u32)regs->cx;
	case 2:
		return (__u32)regs->dx;
	case 3:
		return (__u32)regs->si;
	case 4:
		return (__u32)regs->di;
	default:
		return (__u32)regs->bp;
	}
}

#endif /* KCAP_SYSCALL_ABI_H */
