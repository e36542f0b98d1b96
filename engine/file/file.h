/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* A capture file as the source of a handle (kcap_opts.read_file): replay.c. */
#ifndef KCAP_FILE_H
#define KCAP_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kcap.h"
#include "blocks.h"
#include "schema.h"
#include "config.h"
#include "state/idmap.h"
#include "state/threads.h"

struct kcap_replay {
	int fd;
	char *path;
	struct kcap_block_reader blocks;
	struct kcap_file_schema schema;
	uint8_t *machine; /* the MACHINE block: key\0value\0... */
	size_t machine_len;
	int64_t mono_to_epoch;
	struct kcap_stats trailer; /* the capture's counters, when has_trailer */
	bool has_trailer;
	/* the EVENTS block being read */
	uint8_t *block;
	size_t block_len, pos;
	struct kcap_fd fds[KCAP_EVENT_MAX_PARAMS];
	/* -p: the thread groups captured, and their descendants as their creation shows them */
	struct kcap_idmap pids;
	bool filter_pids;
	int end; /* 0 while reading; then -ENODATA or the error every later call gives */
	uint64_t delivered;
	const struct kcap_config *cfg; /* what to deliver */
	struct kcap_threads *threads; /* learns the file's threads */
	char comm[16];
	char errmsg[1024]; /* what the failing call found */
	char warnings[1024]; /* at the end: cut short, or no trailer */
};

/*
 * Opens the capture file at path (or mem_len bytes at mem, path naming them)
 * and reads it up to its first events. *out is set even on failure: close it.
 */
int kcap_replay_open(struct kcap_replay **out, const char *path, const void *mem, size_t mem_len,
		     const struct kcap_config *cfg, struct kcap_threads *threads, char *err,
		     size_t errlen);
/* 0 with ev set; -ENODATA at the end; another negative errno for a corrupt file (errmsg). */
int kcap_replay_next(struct kcap_replay *r, struct kcap_event *ev);
/* The counters the capture recorded (its trailer), events_read those delivered here. */
void kcap_replay_stats(const struct kcap_replay *r, struct kcap_stats *st);
/* A MACHINE value of the file, or NULL. */
const char *kcap_replay_value(const struct kcap_replay *r, const char *key);
void kcap_replay_close(struct kcap_replay *r);

#endif /* KCAP_FILE_H */
