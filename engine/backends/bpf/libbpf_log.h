/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * libbpf's messages (verifier logs included) are kept, never printed, so a
 * load failure can quote them and a successful fallback stays quiet; the
 * application's kcap_set_log() callback also gets each as it comes. libbpf's
 * print callback is global: libkcap installs its own only while one of its
 * calls runs (enter/leave, nestable) and gives the application's back after.
 */
#ifndef KCAP_LIBBPF_LOG_H
#define KCAP_LIBBPF_LOG_H

void kcap_libbpf_log_enter(void);
void kcap_libbpf_log_leave(void);
/* Forgets what was kept: the next load's failure is quoted alone. */
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
