/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * libbpf's messages (verifier logs included) are kept, not printed, so a load
 * failure can quote them and a successful fallback stays quiet.
 * KCAP_DEBUG=1 in the environment prints them as they come.
 */
#ifndef KCAP_LIBBPF_LOG_H
#define KCAP_LIBBPF_LOG_H

void kcap_libbpf_log_reset(void);
/* The last lines libbpf said. */
const char *kcap_libbpf_log_tail(void);
/*
 * Why loading failed since the reset, short enough to quote in a message:
 * "the verifier rejected program NAME: <instruction>: <message> (source: ...)"
 * for a verifier rejection, else libbpf's last meaningful lines.
 */
const char *kcap_libbpf_load_error(void);

#endif /* KCAP_LIBBPF_LOG_H */
