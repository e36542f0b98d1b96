/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* A capture handle, struct kcap: what kcap.c owns for the caller. */
#ifndef KCAP_HANDLE_H
#define KCAP_HANDLE_H

#include <stdbool.h>
#include <stdint.h>
#include "kcap.h"
#include "config.h"
#include "merge.h"
#include "select.h"
#include "state/threads.h"
#include "state/pairs.h"
#include "state/fd_names.h"

struct kcap_replay;

struct kcap {
	const struct kcap_backend_ops *candidates[KCAP_MAX_BACKENDS];
	size_t ncandidates;
	size_t chosen; /* index of backend in candidates */
	char rejections[4096]; /* why earlier candidates were passed over */
	bool fell_back; /* one of them was there and failed (not merely absent) */
	char warnings[2048]; /* what the chosen backend could not do, one a line */
	const struct kcap_backend_ops *backend;
	void *priv;
	struct kcap_config cfg;
	struct kcap_merge merge;
	struct kcap_threads threads;
	struct kcap_pairs pairs;
	struct kcap_fd_names *fd_names; /* NULL with opts->no_fd_names */
	uint64_t state_events; /* captured for the descriptor table only, not delivered */
	const char *proc_root; /* "/proc" */
	struct kcap_event ev;
	char comm[16];
	char errmsg[1024];
	int64_t mono_to_epoch; /* add to CLOCK_MONOTONIC to get the epoch */
	uint64_t events_read;
	bool started;
	struct kcap_replay *replay; /* a capture file is the source, not a backend */
};

#endif /* KCAP_HANDLE_H */
