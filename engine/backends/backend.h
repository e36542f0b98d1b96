/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* What every kernel backend implements for the handle (kcap.c). */
#ifndef KCAP_BACKEND_H
#define KCAP_BACKEND_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "kcap_wire.h"
#include "stream.h"

#define KCAP_MAX_CPUS 1024

/*
 * A kernel backend. open() loads and configures everything but attaches
 * nothing; start() attaches. Every failure leaves nothing loaded and writes a
 * message that names the backend, what failed and what to do.
 */
/* A loaded BPF program: its full name, verified and translated instructions. */
struct kcap_program_size {
	const char *name;
	uint32_t verified_insns; /* 0: the kernel does not say (before 5.16) */
	uint32_t xlated_insns;
};
typedef int (*kcap_program_cb)(const struct kcap_program_size *p, void *ctx);

struct kcap_backend_ops {
	const char *name;
	int (*open)(const struct kcap_config *cfg, void **priv, char *err, size_t errlen);
	/* On success err holds warnings, one a line (what could not be attached), or "". */
	int (*start)(void *priv, char *err, size_t errlen);
	int (*stop)(void *priv);
	/* More thread group ids for the pid set, also while started. */
	int (*add_pids)(void *priv, const int *pids, size_t n, char *err, size_t errlen);
	/*
	 * A reader outside the initial pid namespace: the threads of its
	 * namespace with their ids there, listed now (*list malloc'd, the caller
	 * frees it). NULL or -EOPNOTSUPP: the backend cannot list them.
	 */
	int (*ns_threads)(void *priv, struct kcap_ns_thread **list, size_t *n, char *err,
			  size_t errlen);
	/* The per-CPU streams, valid from open() to close(). */
	struct kcap_stream **(*streams)(void *priv, unsigned int *n);
	/* Kernel counters summed over CPUs. */
	int (*kstats)(void *priv, struct kcap_kstats *sum);
	/* Kernel memory held besides the streams' rings (BPF maps); NULL: none. */
	uint64_t (*map_bytes)(void *priv);
	/* Each loaded program's size (the program size test); NULL: no programs. */
	int (*programs)(void *priv, kcap_program_cb cb, void *ctx);
	void (*close)(void *priv);
};

extern const struct kcap_backend_ops kcap_backend_modern;
extern const struct kcap_backend_ops kcap_backend_kmod;
extern const struct kcap_backend_ops kcap_backend_legacy;

/* Appends line to the newline-separated list of warnings in buf, once. */
static inline void kcap_add_warning(char *buf, size_t len, const char *line)
{
	size_t n = strlen(buf);

	if (!*line || strstr(buf, line))
		return;
	snprintf(buf + n, len - n, "%s%s", n ? "\n" : "", line);
}

/* A capture that wants io_uring submissions on a kernel or backend that cannot give them. */
static inline void kcap_warn_no_uring(char *buf, size_t len, const char *backend, const char *why)
{
	char line[512];

	snprintf(line, sizeof(line),
		 "%s: no io_uring_submit events: %s; io_uring requests of the captured "
		 "processes are not seen (io_uring_enter only)",
		 backend, why);
	kcap_add_warning(buf, len, line);
}

#endif /* KCAP_BACKEND_H */
