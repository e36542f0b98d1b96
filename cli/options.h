/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Command-line options of the kcap CLI, parsed apart from main() for testing. */
#ifndef KCAP_CLI_OPTIONS_H
#define KCAP_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CLI_MAX_PIDS 64

struct cli_options {
	const char *backend;
	const char *syscalls;
	int pids[CLI_MAX_PIDS];
	size_t npids;
	uint64_t count; /* 0: unlimited */
	double duration; /* seconds; 0: unlimited */
	double stats_interval; /* seconds between live stats lines; 0: none */
	unsigned int snaplen;
	unsigned long buffer_bytes;
	bool json;
	bool stats;
	bool quiet; /* count events, print none */
	bool no_fd_names; /* no descriptor table: descriptors as numbers only */
	bool verbose;
	bool help;
	bool version;
	bool proc; /* --proc: each event's process (exe, ppid, ancestors, container) */
	const char *container; /* --container ID: that container's events only (an id prefix) */
	bool no_host; /* --no-host: events of containers only */
	const char *output; /* -o FILE; NULL: stdout */
	const char *write_file; /* -w FILE: record instead of printing */
	const char *read_file; /* -r FILE: replay instead of capturing */
	bool compress; /* -z: zstd blocks in write_file */
	char **command; /* after "--": argv of the command to run, or NULL */
};

/* 0, or -EINVAL with a message in err. Does not print or exit. */
int cli_parse(int argc, char **argv, struct cli_options *o, char *err, size_t errlen);
void cli_usage(FILE *out);

#endif /* KCAP_CLI_OPTIONS_H */
