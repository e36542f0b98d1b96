/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* A capture's configuration, validated once from struct kcap_opts (config.c). */
#ifndef KCAP_CONFIG_H
#define KCAP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "kcap.h"
#include "kcap_kconfig.h"

#define KCAP_DEFAULT_BUFFER_BYTES (8ul << 20)

struct kcap_config {
	struct kcap_kconfig kernel; /* what every backend tells its kernel side, as it is */
	int *pids; /* the pid set, when kernel.settings.filter_pids */
	size_t npids;
	unsigned long buffer_bytes; /* per CPU, a power of two */
};

int kcap_config_from_opts(struct kcap_config *cfg, const struct kcap_opts *opts, char *err,
			  size_t errlen);
void kcap_config_free(struct kcap_config *cfg);

/* Whether syscall nr's exit event (dedicated or generic) is captured. */
static inline bool kcap_config_wants_syscall(const struct kcap_config *cfg, int nr)
{
	return cfg->kernel.want[nr] & KCAP_WANT_EXIT;
}

/* Whether a backend needs event ev's program or filler for cfg (others are not loaded). */
bool kcap_config_wants_event(const struct kcap_config *cfg, int ev);

#endif /* KCAP_CONFIG_H */
