/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The reason in a BPF verifier log: a rejected program's log can be thousands
 * of lines (every instruction on the failing path); what the user needs is its
 * end, the failing instruction and the verifier's message.
 */
#ifndef KCAP_VERIFIER_LOG_H
#define KCAP_VERIFIER_LOG_H

#include <stddef.h>

/*
 * Writes the reason of verifier log log into out (at most outlen bytes, always
 * NUL-terminated): the last instruction the
 * verifier examined, its message, and the source line of that instruction
 * when the log has one, e.g.
 *   "12: (85) call unknown#158: invalid func unknown#158 (source: return bpf_get_current_task_btf();)"
 * The summary lines ("processed N insns ...") are left out. Returns the
 * length written, 0 when the log says nothing.
 */
size_t kcap_verifier_log_reason(const char *log, char *out, size_t outlen);

#endif /* KCAP_VERIFIER_LOG_H */
