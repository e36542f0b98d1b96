/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * What a capture wants of a syscall number: the bits of the eBPF probes'
 * interesting tables, written by their loaders (engine/backend_*.c).
 */
#ifndef KCAP_BPF_WANT_H
#define KCAP_BPF_WANT_H

#define KF_WANT_EXIT 1 /* its exit event (x86_64 numbering) */
#define KF_WANT_ENTER 2 /* its enter event (x86_64 numbering) */
#define KF_WANT_IA32 4 /* the 32-bit syscall of that number: a COMPAT_X event */

#endif /* KCAP_BPF_WANT_H */
