/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* libkcap internals: the validated configuration, the backend interface, the handle. */
#ifndef KCAP_INTERNAL_H
#define KCAP_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include "kcap.h"
#include "kcap_event_table.h"
#include "stream.h"
#include "threads.h"

#define KCAP_DEFAULT_BUFFER_BYTES (8ul << 20)
#define KCAP_MAX_CPUS 1024

/* What to capture, validated once from struct kcap_opts (config.c). */
struct kcap_config {
	bool syscalls[KCAP_MAX_SYSCALLS]; /* wanted syscall numbers */
	bool syscalls_ia32[KCAP_MAX_SYSCALLS]; /* wanted 32-bit ones (COMPAT_X events) */
	bool procexit;
	int *pids;
	size_t npids;
	unsigned int snaplen;
	unsigned long buffer_bytes;
	int self_tgid;
};

int kcap_config_from_opts(struct kcap_config *cfg, const struct kcap_opts *opts, char *err,
			  size_t errlen);
void kcap_config_free(struct kcap_config *cfg);

/* The event a syscall number produces at exit: its dedicated one, or GENERIC_X. */
int kcap_exit_event_of_syscall(int nr);
/* Whether a backend needs event ev's filler for cfg (unneeded ones are not loaded). */
bool kcap_config_wants_event(const struct kcap_config *cfg, int ev);
/* The enter event of a syscall, or -1. */
int kcap_enter_event_of_syscall(int nr);

/*
 * A kernel backend. open() loads and configures everything but attaches
 * nothing; start() attaches. Every failure leaves nothing loaded and writes a
 * message that names the backend, what failed and what to do.
 */
struct kcap_backend_ops {
	const char *name;
	int (*open)(const struct kcap_config *cfg, void **priv, char *err, size_t errlen);
	/* On success err holds warnings, one a line (what could not be attached), or "". */
	int (*start)(void *priv, char *err, size_t errlen);
	int (*stop)(void *priv);
	/* The per-CPU streams, valid from open() to close(). */
	struct kcap_stream **(*streams)(void *priv, unsigned int *n);
	/* Kernel counters summed over CPUs. */
	int (*kstats)(void *priv, struct kcap_kstats *sum);
	/* Kernel memory held besides the streams' rings (BPF maps); NULL: none. */
	uint64_t (*map_bytes)(void *priv);
	void (*close)(void *priv);
};

extern const struct kcap_backend_ops kcap_backend_modern;
extern const struct kcap_backend_ops kcap_backend_kmod;
extern const struct kcap_backend_ops kcap_backend_legacy;

/* Timestamp-ordered reading across streams (merge.c). */
struct kcap_merge {
	struct kcap_stream **streams;
	unsigned int n;
	struct kcap_merge_head {
		const void *rec;
		uint32_t len;
		uint64_t ts;
	} * heads;
	int last; /* stream of the event handed out last, to consume on the next call */
	uint64_t bad_events;
};

int kcap_merge_init(struct kcap_merge *m, struct kcap_stream **streams, unsigned int n);
/* The oldest available valid event; NULL when all streams are empty. */
const void *kcap_merge_next(struct kcap_merge *m, uint32_t *len, uint32_t *cpu);
void kcap_merge_flush(struct kcap_merge *m);
void kcap_merge_free(struct kcap_merge *m);

/* An integer parameter's value, sign-extended per its wire type; -EINVAL otherwise. */
int kcap_param_int(const struct kcap_param *p, int64_t *v);

/* The parameter called name, or -ENOENT. */
int kcap_event_param_by_name(const struct kcap_event *ev, const char *name, struct kcap_param *p);

/* Checks a raw event against the table and its own lengths: 0 or -EINVAL. */
int kcap_event_validate(const void *rec, uint32_t len);

#define KCAP_MAX_BACKENDS 8

/* The candidates for spec ("auto", "a,b" or a name), in the order to try them. */
int kcap_select(const char *spec, const struct kcap_backend_ops **out, size_t *n, char *err,
		size_t errlen);
/* "auto, modern, ...": the names kcap_select() accepts. */
size_t kcap_backend_names(char *buf, size_t len);

struct kcap {
	const struct kcap_backend_ops *candidates[KCAP_MAX_BACKENDS];
	size_t ncandidates;
	size_t chosen; /* index of backend in candidates */
	char rejections[4096]; /* why earlier candidates were passed over */
	char warnings[2048]; /* what the chosen backend could not do, one a line */
	const struct kcap_backend_ops *backend;
	void *priv;
	struct kcap_config cfg;
	struct kcap_merge merge;
	struct kcap_threads threads;
	struct kcap_event ev;
	char comm[16];
	char errmsg[1024];
	int64_t mono_to_epoch; /* add to CLOCK_MONOTONIC to get the epoch */
	uint64_t events_read;
	bool started;
};

#endif /* KCAP_INTERNAL_H */
