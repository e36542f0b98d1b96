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
	/* the engine keeps a descriptor table and names descriptors (no opts->no_fd_names) */
	bool fd_names;
	/*
	 * Syscalls (by number) and procexit captured for the descriptor table
	 * only: an event list without them would leave it stale. Not delivered.
	 */
	bool state_only[KCAP_MAX_SYSCALLS];
	bool procexit_state_only;
};

int kcap_config_from_opts(struct kcap_config *cfg, const struct kcap_opts *opts, char *err,
			  size_t errlen);
void kcap_config_free(struct kcap_config *cfg);

/* Whether syscall nr's exit event (dedicated or generic) is captured. */
static inline bool kcap_config_wants_syscall(const struct kcap_config *cfg, int nr)
{
	return cfg->kernel.want[nr] & KCAP_WANT_EXIT;
}

/* Whether event ev is captured for the descriptor table only, not delivered. */
bool kcap_config_is_state_only(const struct kcap_config *cfg, int ev);

/* Whether a replayed event is one cfg's event list asks for (the pid set aside). */
struct kcap_event;
bool kcap_config_delivers(const struct kcap_config *cfg, const struct kcap_event *ev);

/* Whether a backend needs event ev's program or filler for cfg (others are not loaded). */
bool kcap_config_wants_event(const struct kcap_config *cfg, int ev);

#endif /* KCAP_CONFIG_H */
