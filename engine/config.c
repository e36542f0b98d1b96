// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Turns struct kcap_opts into a validated struct kcap_config, with clear
 * errors, and computes what the kernel side is told (struct kcap_kconfig).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "kcap_event_table.h"
#include "decode/decode.h"
#include "state/fds.h"

/* Whether any syscall number has one of the want bits. */
static bool any_want(const struct kcap_config *cfg, __u8 bits)
{
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		if (cfg->kernel.want[nr] & bits)
			return true;
	return false;
}

bool kcap_config_wants_event(const struct kcap_config *cfg, int ev)
{
	const struct kcap_event_info *info = &kcap_event_table[ev];

	switch (info->hook) {
	case KCAP_HOOK_PROC_EXIT:
		/* its hook also forgets exited pids */
		return cfg->kernel.settings.capture_procexit || cfg->kernel.settings.filter_pids;
	case KCAP_HOOK_SYS_ENTER:
		return cfg->kernel.want[info->syscall_nr] & KCAP_WANT_ENTER;
	case KCAP_HOOK_IO_URING:
		return cfg->kernel.settings.capture_io_uring;
	default:
		break;
	}
	if (ev == KCAP_EV_COMPAT_X)
		return any_want(cfg, KCAP_WANT_IA32);
	if (ev == KCAP_EV_X32_X)
		return cfg->kernel.settings.other_syscalls & KCAP_OTHER_X32;
	if (ev != KCAP_EV_GENERIC_X)
		return kcap_config_wants_syscall(cfg, info->syscall_nr);
	if (cfg->kernel.settings.other_syscalls & KCAP_OTHER_BEYOND)
		return true;
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		if (kcap_config_wants_syscall(cfg, nr) &&
		    kcap_exit_event_of_syscall(nr) == KCAP_EV_GENERIC_X)
			return true;
	return false;
}

bool kcap_config_delivers(const struct kcap_config *cfg, const struct kcap_event *ev)
{
	const struct kcap_event_info *info = kcap_event_info_of(ev);
	int nr = info->syscall_nr;
	struct kcap_param p;
	int64_t id;

	if (ev->type == KCAP_EV_GENERIC_X) {
		if (kcap_event_param(ev, 1, &p) || kcap_param_int(&p, &id))
			return false;
		if (id < 0 || id >= KCAP_MAX_SYSCALLS)
			return cfg->kernel.settings.other_syscalls & KCAP_OTHER_BEYOND;
		return kcap_config_wants_syscall(cfg, (int)id);
	}
	if (ev->type == KCAP_EV_PROCEXIT)
		return cfg->kernel.settings.capture_procexit && !cfg->procexit_state_only;
	if (ev->type < KCAP_EV__COUNT)
		return kcap_config_wants_event(cfg, ev->type) &&
		       !kcap_config_is_state_only(cfg, ev->type);
	/* described by the file only: by its syscall, or along with everything */
	if (nr >= 0 && nr < KCAP_MAX_SYSCALLS && info->hook == KCAP_HOOK_SYS_EXIT)
		return kcap_config_wants_syscall(cfg, nr);
	if (nr >= 0 && nr < KCAP_MAX_SYSCALLS && info->hook == KCAP_HOOK_SYS_ENTER)
		return cfg->kernel.want[nr] & KCAP_WANT_ENTER;
	return cfg->kernel.settings.other_syscalls & KCAP_OTHER_BEYOND;
}

/* A 32-bit program's calls of a wanted name are wanted too (as compat_syscall events). */
static void want_ia32(struct kcap_config *cfg, const char *name)
{
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++) {
		const char *n = kcap_syscall_name_ia32(nr);

		if (n && (!name || strcmp(n, name) == 0))
			cfg->kernel.want[nr] |= KCAP_WANT_IA32;
	}
}

/* A wanted syscall with an enter event gets it (open family, connect, exit...). */
static void want_enter_events(struct kcap_config *cfg)
{
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		if (kcap_config_wants_syscall(cfg, nr) && kcap_enter_event_of_syscall(nr) >= 0)
			cfg->kernel.want[nr] |= KCAP_WANT_ENTER;
}

/*
 * Syscalls that an io_uring request can do instead (IORING_OP_*): asking for
 * one of them, or for io_uring_enter, asks for io_uring submissions too, or
 * the list would miss the same action done through a ring.
 */
static bool io_uring_can_do(const char *name)
{
	static const char *const names[] = {
		"io_uring_enter", "read",
		"write",	  "readv",
		"writev",	  "pread64",
		"pwrite64",	  "preadv",
		"pwritev",	  "preadv2",
		"pwritev2",	  "fsync",
		"fdatasync",	  "sync_file_range",
		"fallocate",	  "fadvise64",
		"madvise",	  "open",
		"openat",	  "openat2",
		"creat",	  "close",
		"statx",	  "renameat2",
		"renameat",	  "rename",
		"unlinkat",	  "unlink",
		"rmdir",	  "mkdirat",
		"mkdir",	  "symlinkat",
		"symlink",	  "linkat",
		"link",		  "sendmsg",
		"recvmsg",	  "sendto",
		"recvfrom",	  "accept",
		"accept4",	  "connect",
		"socket",	  "bind",
		"listen",	  "shutdown",
		"splice",	  "tee",
		"epoll_ctl",	  "ftruncate",
		"setxattr",	  "getxattr",
		"fsetxattr",	  "fgetxattr",
		"waitid",	  "futex",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static int parse_events(struct kcap_config *cfg, const char *list, char *err, size_t errlen)
{
	char *copy, *save = NULL, *name;
	int ret = 0;

	if (!list) {
		/* every number, named or not: a kernel newer than the table has more */
		for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
			cfg->kernel.want[nr] |= KCAP_WANT_EXIT;
		want_ia32(cfg, NULL);
		cfg->kernel.settings.other_syscalls = KCAP_OTHER_ALL;
		cfg->kernel.settings.capture_procexit = 1;
		cfg->kernel.settings.capture_io_uring = 1;
		return 0;
	}
	copy = strdup(list);
	if (!copy)
		return -ENOMEM;
	for (name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		int nr;

		if (strcmp(name, "procexit") == 0) {
			cfg->kernel.settings.capture_procexit = 1;
			continue;
		}
		if (strcmp(name, "io_uring_submit") == 0) {
			cfg->kernel.settings.capture_io_uring = 1;
			continue;
		}
		if (strcmp(name, "compat_syscall") == 0) {
			want_ia32(cfg, NULL);
			continue;
		}
		if (strcmp(name, "x32_syscall") == 0) {
			cfg->kernel.settings.other_syscalls |= KCAP_OTHER_X32;
			continue;
		}
		nr = kcap_syscall_nr(name);
		if (nr < 0) {
			snprintf(
				err, errlen,
				"unknown syscall '%s' in the event list (x86_64 names, e.g. "
				"openat,read,execve; or procexit, io_uring_submit, compat_syscall, "
				"x32_syscall)",
				name);
			ret = -EINVAL;
			break;
		}
		cfg->kernel.want[nr] |= KCAP_WANT_EXIT;
		want_ia32(cfg, name);
		if (io_uring_can_do(name))
			cfg->kernel.settings.capture_io_uring = 1;
	}
	free(copy);
	if (!ret && !cfg->kernel.settings.capture_procexit &&
	    !cfg->kernel.settings.capture_io_uring && !cfg->kernel.settings.other_syscalls &&
	    !any_want(cfg, KCAP_WANT_ALL)) {
		snprintf(err, errlen, "the event list '%s' names no event", list);
		ret = -EINVAL;
	}
	return ret;
}

static int parse_pids(struct kcap_config *cfg, const struct kcap_opts *opts, char *err,
		      size_t errlen)
{
	if (!opts->npids)
		return 0;
	cfg->pids = calloc(opts->npids, sizeof(*cfg->pids));
	if (!cfg->pids)
		return -ENOMEM;
	for (size_t i = 0; i < opts->npids; i++) {
		int pid = opts->pids[i];

		/* a replay's pids lived where the file was captured */
		if (pid <= 0 || (!opts->read_file && kill(pid, 0) < 0 && errno == ESRCH)) {
			snprintf(err, errlen, "no process with pid %d", pid);
			return -ESRCH;
		}
		cfg->pids[i] = pid;
	}
	cfg->npids = opts->npids;
	cfg->kernel.settings.filter_pids = 1;
	return 0;
}

/* An event list leaves out some events the descriptor table needs: they are captured for it, not delivered. */
static void want_descriptor_syscalls(struct kcap_config *cfg)
{
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const struct kcap_event_info *info = &kcap_event_table[ev];
		int nr = info->syscall_nr;

		if (!kcap_fds_needs_event(ev) || info->hook != KCAP_HOOK_SYS_EXIT || nr < 0 ||
		    nr >= KCAP_MAX_SYSCALLS || kcap_config_wants_syscall(cfg, nr))
			continue;
		cfg->kernel.want[nr] |= KCAP_WANT_EXIT;
		cfg->state_only[nr] = true;
	}
	if (kcap_fds_needs_event(KCAP_EV_PROCEXIT) && !cfg->kernel.settings.capture_procexit) {
		cfg->kernel.settings.capture_procexit = 1;
		cfg->procexit_state_only = true;
	}
}

bool kcap_config_is_state_only(const struct kcap_config *cfg, int ev)
{
	const struct kcap_event_info *info = &kcap_event_table[ev];

	if (info->hook == KCAP_HOOK_PROC_EXIT)
		return cfg->procexit_state_only;
	return info->hook == KCAP_HOOK_SYS_EXIT && ev != KCAP_EV_GENERIC_X &&
	       ev != KCAP_EV_COMPAT_X && ev != KCAP_EV_X32_X && info->syscall_nr >= 0 &&
	       info->syscall_nr < KCAP_MAX_SYSCALLS && cfg->state_only[info->syscall_nr];
}

int kcap_config_from_opts(struct kcap_config *cfg, const struct kcap_opts *opts, char *err,
			  size_t errlen)
{
	struct kcap_ksettings *ks = &cfg->kernel.settings;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	ks->self_tgid = (__u32)getpid();
	ks->snaplen = opts->snaplen ? opts->snaplen : KCAP_DEFAULT_SNAPLEN;
	if (ks->snaplen > KCAP_MAX_PARAM_LEN) {
		snprintf(err, errlen, "snaplen %u is above the maximum %u", ks->snaplen,
			 KCAP_MAX_PARAM_LEN);
		return -EINVAL;
	}
	cfg->buffer_bytes = opts->buffer_bytes ? opts->buffer_bytes : KCAP_DEFAULT_BUFFER_BYTES;
	if (cfg->buffer_bytes < 4096 || (cfg->buffer_bytes & (cfg->buffer_bytes - 1)) ||
	    cfg->buffer_bytes > (1ul << 30)) {
		snprintf(err, errlen,
			 "buffer size %lu is not a power of two between 4 KiB and 1 GiB",
			 cfg->buffer_bytes);
		return -EINVAL;
	}
	ret = parse_events(cfg, opts->events, err, errlen);
	if (!ret)
		ret = parse_pids(cfg, opts, err, errlen);
	if (ret) {
		kcap_config_free(cfg);
		return ret;
	}
	want_enter_events(cfg);
	/* after the enter events: the table needs exits only */
	cfg->fd_names = !opts->no_fd_names;
	if (cfg->fd_names && opts->events)
		want_descriptor_syscalls(cfg);
	return 0;
}

void kcap_config_free(struct kcap_config *cfg)
{
	free(cfg->pids);
	cfg->pids = NULL;
}
