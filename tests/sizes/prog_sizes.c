// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Prints the size of every BPF program a capture of every event loads, per
 * backend: "BACKEND PROGRAM VERIFIED XLATED", from the kernel's own counts
 * (bpf_prog_info: verified_insns, xlated_prog_len). Loads, never attaches.
 * Usage: kcap_prog_sizes BACKEND... (modern, legacy). Needs root.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "kcap.h"
#include "handle.h"
#include "backends/backend.h"

static int print_size(const struct kcap_program_size *p, void *ctx)
{
	printf("%s %s %u %u\n", (const char *)ctx, p->name, p->verified_insns, p->xlated_insns);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s BACKEND...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		KCAP_OPTS(opts, .backend = argv[i]);
		struct kcap *k;
		char err[4096];
		int ret;

		ret = kcap_open(&opts, &k, err, sizeof(err));
		if (ret) {
			fprintf(stderr, "kcap_prog_sizes: %s\n", err);
			return 1;
		}
		ret = k->backend->programs ? k->backend->programs(k->priv, print_size, argv[i]) :
					     -EOPNOTSUPP;
		kcap_close(k);
		if (ret) {
			fprintf(stderr, "kcap_prog_sizes: %s: cannot read its programs: %s\n",
				argv[i], strerror(-ret));
			return 1;
		}
	}
	return 0;
}
