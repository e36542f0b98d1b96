// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* For tests of the real handle over fake backends: no libbpf, so its message scopes do nothing. */
#include "backends/bpf/libbpf_log.h"

void kcap_libbpf_log_enter(void)
{
}

void kcap_libbpf_log_leave(void)
{
}
