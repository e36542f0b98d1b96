// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * libFuzzer target: a capture file is untrusted input (a bug report's
 * attachment, a file from another host). Its replay must end with an error
 * or the end of the file, never read out of bounds or allocate without
 * bound, and every event it delivers must format.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "file/file.h"
#include "decode/decode.h"

static char line[1 << 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kcap_opts opts = { .sz = sizeof(opts) };
	struct kcap_config cfg;
	struct kcap_threads threads;
	struct kcap_replay *r = NULL;
	struct kcap_event ev;
	char err[1024];
	int pid = 1;

	/* half the inputs with a pid filter, which follows clone events */
	opts.pids = &pid;
	opts.npids = size & 1;
	opts.read_file = "fuzz";
	if (kcap_config_from_opts(&cfg, &opts, err, sizeof(err)))
		abort();
	if (kcap_threads_init(&threads, NULL))
		abort();
	if (kcap_replay_open(&r, "fuzz", data, size, &cfg, &threads, err, sizeof(err)) == 0) {
		for (int n = 0; n < 100000 && kcap_replay_next(r, &ev) == 0; n++) {
			struct kcap_param p;
			struct kcap_fd fd;
			int64_t ret;

			kcap_format_json(&ev, line, sizeof(line));
			kcap_format_text(&ev, line, sizeof(line));
			kcap_event_ret(&ev, &ret);
			for (unsigned int i = 0; i < ev.nparams; i++) {
				if (kcap_event_param(&ev, i, &p) == 0 && p.len &&
				    (p.data < (const uint8_t *)ev.raw ||
				     p.data + p.len > (const uint8_t *)ev.raw + ev.raw_len))
					abort();
				if (kcap_event_fd(&ev, i, &fd) == 0 &&
				    strlen(fd.name) > fd.name_len)
					abort();
			}
		}
	}
	kcap_replay_close(r);
	kcap_threads_free(&threads);
	kcap_config_free(&cfg);
	return 0;
}
