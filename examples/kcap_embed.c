// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * A small embedder of libkcap: runs a command and prints its syscalls as JSON
 * lines, the files it opened (read with the typed accessors, no wire bytes
 * parsed), then the capture's counters. Built against the installed library:
 *
 *   cc kcap_embed.c $(pkg-config --cflags --libs kcap) -o kcap_embed
 *   sudo ./kcap_embed cat /etc/hostname
 *
 * or with CMake: find_package(kcap) and target_link_libraries(... kcap::kcap_shared).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <kcap.h>
#include <kcap_event_types.h>

/* An openat exit's path, through the typed accessors. */
static void note_open(const struct kcap_event *ev)
{
	struct kcap_param p;
	const char *path;
	size_t len;
	int64_t fd;

	if (ev->type != KCAP_TYPE_OPENAT_X || kcap_event_ret(ev, &fd) ||
	    kcap_event_param_by_name(ev, "name", &p) || kcap_param_string(&p, &path, &len))
		return;
	fprintf(stderr, "opened %s: %lld\n", path, (long long)fd);
}

int main(int argc, char **argv)
{
	static char line[KCAP_FORMAT_MAX];
	struct kcap_stats st = { .sz = sizeof(st) };
	unsigned long events = 0;
	int go[2], status = 0, ret;
	char err[512], c = 0;
	bool exited = false;
	struct kcap *k;
	pid_t child;

	if (argc < 2) {
		fprintf(stderr, "usage: %s COMMAND [ARGS...]\n", argv[0]);
		return 2;
	}
	if (kcap_schema_version() != KCAP_SCHEMA_VERSION) {
		fprintf(stderr,
			"libkcap's event table is not the one this program was built with\n");
		return 1;
	}
	if (pipe(go))
		return 1;
	child = fork();
	if (child == 0) { /* waits until the capture runs */
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(126);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	close(go[0]);
	KCAP_OPTS(opts, .backend = "auto", .pids = &child, .npids = 1);
	ret = kcap_open(&opts, &k, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "kcap_open: %s (%s)\n", err, strerror(-ret));
		close(go[1]);
		waitpid(child, NULL, 0);
		return 1;
	}
	if (kcap_start(k)) {
		fprintf(stderr, "kcap_start: %s\n", kcap_last_error(k));
		kcap_close(k);
		close(go[1]);
		waitpid(child, NULL, 0);
		return 1;
	}
	fprintf(stderr, "capturing with the %s backend\n", kcap_backend_name(k));
	if (write(go[1], &c, 1) != 1)
		return 1;
	close(go[1]);
	for (;;) { /* until the command has exited and its events are read */
		const struct kcap_event *ev;

		if (kcap_next(k, &ev, exited ? 0 : 50) == 0) {
			if (kcap_format_json(ev, line, sizeof(line)) >= 0)
				puts(line);
			note_open(ev);
			events++;
		} else if (exited) {
			break;
		} else if (waitpid(child, &status, WNOHANG) == child) {
			exited = true;
		}
	}
	if (kcap_get_stats(k, &st) == 0)
		fprintf(stderr, "%lu events, %llu dropped\n", events, (unsigned long long)st.drops);
	kcap_close(k);
	return events && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
