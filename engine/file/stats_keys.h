/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The counters of struct kcap_stats a capture file's TRAILER carries, by the
 * field's name: the writer writes them, a replay reports them.
 */
#ifndef KCAP_FILE_STATS_KEYS_H
#define KCAP_FILE_STATS_KEYS_H

#include <stddef.h>
#include "kcap.h"

/* clang-format off */
#define KCAP_FILE_STATS(KCAP_FILE_STAT) \
	KCAP_FILE_STAT(events) \
	KCAP_FILE_STAT(drops) \
	KCAP_FILE_STAT(drops_buffer_full) \
	KCAP_FILE_STAT(drops_too_large) \
	KCAP_FILE_STAT(drops_internal) \
	KCAP_FILE_STAT(faults) \
	KCAP_FILE_STAT(truncated) \
	KCAP_FILE_STAT(pids_untracked) \
	KCAP_FILE_STAT(compat_skipped) \
	KCAP_FILE_STAT(events_read) \
	KCAP_FILE_STAT(bad_events) \
	KCAP_FILE_STAT(kernel_bytes) \
	KCAP_FILE_STAT(fd_processes) \
	KCAP_FILE_STAT(fd_entries) \
	KCAP_FILE_STAT(fd_bytes) \
	KCAP_FILE_STAT(fd_lookups) \
	KCAP_FILE_STAT(fd_lookups_failed) \
	KCAP_FILE_STAT(fd_untracked) \
	KCAP_FILE_STAT(fd_state_events)
/* clang-format on */

struct kcap_file_stat_key {
	const char *name;
	size_t offset; /* of a uint64_t in struct kcap_stats */
};

#define KCAP_FILE_STAT_KEY(field) { #field, offsetof(struct kcap_stats, field) },
static const struct kcap_file_stat_key kcap_file_stat_keys[] = { KCAP_FILE_STATS(
	KCAP_FILE_STAT_KEY) };
#undef KCAP_FILE_STAT_KEY

#define KCAP_FILE_NSTAT_KEYS (sizeof(kcap_file_stat_keys) / sizeof(kcap_file_stat_keys[0]))

#endif /* KCAP_FILE_STATS_KEYS_H */
