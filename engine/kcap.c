// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* libkcap: open a backend, merge its per-CPU streams, hand out decoded events. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "abi.h"
#include "handle.h"
#include "backends/bpf/libbpf_log.h"
#include "state/descendants.h"
#include "state/pidns.h"
#include "file/file.h"

#define POLL_MIN_NS 50000ull /* the reader polls: the kernel never wakes it per event */
#define POLL_MAX_NS 1000000ull
/* the /proc scan of descriptors at start: what it has not reached by then is looked up */
#define FD_SCAN_BUDGET_MS 2000
/* the /proc scan of processes at start, before the descriptors': the rest is read on first sight */
#define PROC_SCAN_BUDGET_MS 1000

static uint64_t clock_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Offset from the kernel's CLOCK_MONOTONIC timestamps to the epoch. */
static int64_t mono_to_epoch_offset(void)
{
	int64_t best = 0;
	uint64_t best_gap = UINT64_MAX;

	/* Keep the sample whose two monotonic reads were closest together. */
	for (int i = 0; i < 5; i++) {
		uint64_t m1 = clock_ns(CLOCK_MONOTONIC);
		uint64_t rt = clock_ns(CLOCK_REALTIME);
		uint64_t m2 = clock_ns(CLOCK_MONOTONIC);

		if (m2 - m1 < best_gap) {
			best_gap = m2 - m1;
			best = (int64_t)rt - (int64_t)(m1 + (m2 - m1) / 2);
		}
	}
	return best;
}

/*
 * Remembers why a backend was passed over, for kcap_backend_report(). Backend
 * messages start with the backend's name ("modern: BTF not found ...").
 */
/*
 * Backend b was passed over, why says why; ret: its error. A backend this
 * machine does not offer (no module device, no BTF, no object for this
 * kernel) is merely absent; any other failure is a fallback.
 */
static void reject(struct kcap *k, const struct kcap_backend_ops *b, const char *why, int ret)
{
	size_t n = strlen(k->rejections);

	if (ret != -ENOENT && ret != -ENODEV && ret != -EOPNOTSUPP)
		k->fell_back = true;

	snprintf(k->rejections + n, sizeof(k->rejections) - n, "%s%s", n ? "\n" : "",
		 *why ? why : b->name);
}

/* Test-only: make a backend fail after a successful load, as a verifier rejection would. */
static bool forced_failure(const struct kcap_backend_ops *b)
{
	const char *v = getenv("KCAP_TEST_FAIL_BACKEND");

	return v && strcmp(v, b->name) == 0;
}

/*
 * Opens the first candidate from index first on that loads; a failed one is
 * closed by its own open() (nothing stays loaded) and the next is tried.
 */
static int open_candidate(struct kcap *k, size_t first, char *err, size_t errlen)
{
	int ret = -ENODEV;

	for (size_t i = first; i < k->ncandidates; i++) {
		const struct kcap_backend_ops *b = k->candidates[i];
		struct kcap_stream **streams;
		unsigned int nstreams;
		char why[1024] = "";

		ret = b->open(&k->cfg, &k->priv, why, sizeof(why));
		if (!ret && forced_failure(b)) {
			b->close(k->priv);
			snprintf(why, sizeof(why),
				 "%s: program load rejected (simulated by KCAP_TEST_FAIL_BACKEND)",
				 b->name);
			ret = -EACCES;
		}
		if (ret) {
			reject(k, b, why, ret);
			continue;
		}
		streams = b->streams(k->priv, &nstreams);
		ret = kcap_merge_init(&k->merge, streams, nstreams);
		if (ret) {
			b->close(k->priv);
			reject(k, b, "out of memory", -ENOMEM);
			continue;
		}
		k->backend = b;
		k->chosen = i;
		return 0;
	}
	if (k->ncandidates == 1)
		snprintf(err, errlen, "%s", k->rejections);
	else
		snprintf(err, errlen, "no backend can capture here:\n%s", k->rejections);
	return ret;
}

static void close_backend(struct kcap *k)
{
	kcap_merge_free(&k->merge);
	k->backend->close(k->priv);
	k->backend = NULL;
	k->priv = NULL;
}

static void free_fd_names(struct kcap *k)
{
	if (!k->fd_names)
		return;
	kcap_fd_names_free(k->fd_names);
	free(k->fd_names);
	k->fd_names = NULL;
}

/* A capture file as the source: no backend, no /proc, the file's names and descriptors. */
static int open_replay(struct kcap *k, const struct kcap_opts *opts, char *err, size_t errlen)
{
	int ret;

	if (opts->backend && strcmp(opts->backend, "auto") != 0) {
		snprintf(err, errlen,
			 "a replay of %s has no backend to choose: the file says which captured it",
			 opts->read_file);
		return -EINVAL;
	}
	ret = kcap_threads_init(&k->threads, NULL);
	if (ret) {
		snprintf(err, errlen, "out of memory");
		return ret;
	}
	ret = kcap_replay_open(&k->replay, opts->read_file, NULL, 0, &k->cfg, &k->threads, err,
			       errlen);
	/* the file's names stand (no_fd_names drops them); no table of its own */
	k->cfg.fd_names = false;
	if (ret) {
		kcap_replay_close(k->replay);
		k->replay = NULL;
		kcap_threads_free(&k->threads);
	}
	return ret;
}

static int open_handle(const struct kcap_opts *caller_opts, struct kcap **out, char *err,
		       size_t errlen)
{
	struct kcap_opts known;
	const struct kcap_opts *opts = &known;
	char why[512];
	struct kcap *k;
	int ret;

	*out = NULL;
	ret = kcap_abi_copy(&known, sizeof(known), caller_opts, "struct kcap_opts", why,
			    sizeof(why));
	if (ret) {
		snprintf(err, errlen, "kcap_open: %s", why);
		return ret;
	}
	k = calloc(1, sizeof(*k));
	if (!k) {
		snprintf(err, errlen, "kcap_open: out of memory");
		return -ENOMEM;
	}
	ret = kcap_config_from_opts(&k->cfg, opts, err, errlen);
	if (ret)
		goto fail_free;
	if (opts->read_file) {
		ret = open_replay(k, opts, err, errlen);
		if (ret)
			goto fail_cfg;
		*out = k;
		return 0;
	}
	ret = kcap_select(opts->backend, k->candidates, &k->ncandidates, err, errlen);
	if (ret)
		goto fail_cfg;
	k->proc_root = "/proc";
	/*
	 * Events carry the kernel's global ids; the /proc of a reader in another
	 * pid namespace numbers processes differently and would name the wrong
	 * ones: thread names then come from the events only.
	 */
	ret = kcap_threads_init(&k->threads, kcap_pidns_is_initial() ? k->proc_root : NULL);
	k->threads.reader_pidns = kcap_pidns_reader_ino();
	if (ret)
		goto fail_cfg;
	ret = kcap_pairs_init(&k->pairs);
	if (ret)
		goto fail_threads;
	if (k->cfg.fd_names) {
		k->fd_names = malloc(sizeof(*k->fd_names));
		ret = k->fd_names ? kcap_fd_names_init(k->fd_names, k->threads.proc_root) : -ENOMEM;
		if (ret) {
			free(k->fd_names);
			k->fd_names = NULL;
			snprintf(err, errlen, "out of memory for the descriptor table");
			goto fail_threads;
		}
	}
	ret = open_candidate(k, 0, err, errlen);
	if (ret)
		goto fail_threads;
	k->mono_to_epoch = mono_to_epoch_offset();
	*out = k;
	return 0;
fail_threads:
	free_fd_names(k);
	kcap_pairs_free(&k->pairs);
	kcap_threads_free(&k->threads);
fail_cfg:
	kcap_config_free(&k->cfg);
fail_free:
	free(k);
	return ret;
}

/* Appends line to the newline-separated warnings of k. */
static void warn(struct kcap *k, const char *line)
{
	size_t n = strlen(k->warnings);

	snprintf(k->warnings + n, sizeof(k->warnings) - n, "%s%s", n ? "\n" : "", line);
}

/*
 * kcap -p: the processes that already descend from the pids join the pid set.
 * After attaching, so that the fork hook adds every child created from now
 * on; a second scan finds those born while the first was read. What cannot
 * be added is a warning: the capture of the pids themselves goes on.
 */
static void add_existing_descendants(struct kcap *k)
{
	char why[1024] = "";

	for (int pass = 0; pass < 2 && !why[0]; pass++) {
		int *pids;
		size_t n;
		int ret = kcap_proc_descendants(k->proc_root, k->cfg.pids, k->cfg.npids, &pids, &n);

		if (ret)
			snprintf(why, sizeof(why),
				 "cannot read %s for the processes that descend from the pids "
				 "(%s): only those created from now on are captured",
				 k->proc_root, strerror(-ret));
		else if (n && k->backend->add_pids(k->priv, pids, n, why, sizeof(why)))
			strncat(why, ": some existing descendants of the pids are not captured",
				sizeof(why) - strlen(why) - 1);
		free(pids);
	}
	if (why[0])
		warn(k, why);
}

/*
 * A reader in a pid namespace of its own: the threads of that namespace
 * that exist now get their ids there (and their names, /proc permitting);
 * those created later learn them from their creation events. Without the
 * list, events of older threads carry global ids only: a warning.
 */
static void learn_ns_threads(struct kcap *k)
{
	const char *ns_proc = kcap_pidns_proc_is_readers(k->proc_root) ? k->proc_root : NULL;
	struct kcap_ns_thread *list;
	char why[512] = "";
	size_t n;
	int ret;

	if (!k->threads.reader_pidns)
		return;
	ret = k->backend->ns_threads ?
		      k->backend->ns_threads(k->priv, &list, &n, why, sizeof(why)) :
		      -EOPNOTSUPP;
	if (ret == -EOPNOTSUPP)
		snprintf(why, sizeof(why), "%s: cannot list the threads of kcap's pid namespace",
			 k->backend->name);
	if (ret) {
		strncat(why, ": events of threads created before the capture show global ids only",
			sizeof(why) - strlen(why) - 1);
		warn(k, why);
		return;
	}
	for (size_t i = 0; i < n; i++)
		kcap_threads_learn_ns_thread(&k->threads, list[i].tid, list[i].ns_pid,
					     list[i].ns_tid, ns_proc);
	free(list);
}

/* Attaches; a backend that fails here is released and the next candidate tried. */
static int start_handle(struct kcap *k)
{
	int ret;

	if (k->started)
		return 0;
	if (k->replay) {
		k->started = true;
		return 0;
	}
	if (!k->backend)
		return -ENODEV;
	for (;;) {
		char why[1024] = "";

		ret = k->backend->start(k->priv, why, sizeof(why));
		if (!ret) {
			snprintf(k->warnings, sizeof(k->warnings), "%s", why);
			break;
		}
		reject(k, k->backend, why, ret);
		close_backend(k);
		ret = open_candidate(k, k->chosen + 1, k->errmsg, sizeof(k->errmsg));
		if (ret)
			return ret;
	}
	k->started = true;
	if (k->cfg.kernel.settings.filter_pids && k->backend->add_pids)
		add_existing_descendants(k);
	/*
	 * After attaching: a thread that execs from now on has an exec event
	 * to rename it, so the names read here are right until then.
	 */
	kcap_threads_scan(&k->threads, PROC_SCAN_BUDGET_MS);
	learn_ns_threads(k);
	if (k->fd_names)
		kcap_fds_scan(&k->fd_names->table, FD_SCAN_BUDGET_MS);
	return 0;
}

const char *kcap_warnings(const struct kcap *k)
{
	return k->warnings;
}

int kcap_backend_fell_back(const struct kcap *k)
{
	return k->fell_back;
}

const char *kcap_backend_report(const struct kcap *k)
{
	return k->rejections[0] ? k->rejections : "";
}

static int stop_handle(struct kcap *k)
{
	if (k->replay)
		k->started = false;
	if (!k->started || !k->backend)
		return 0;
	k->started = false;
	return k->backend->stop(k->priv);
}

/*
 * The event merge_next() decoded, as the caller sees it: epoch time, thread
 * name, ids in the reader's pid namespace.
 */
static void finish_event(struct kcap *k)
{
	struct kcap_event *ev = &k->ev;

	ev->ts += (uint64_t)k->mono_to_epoch;
	/* A copy: the thread update below may drop the table entry (procexit). */
	strncpy(k->comm, kcap_threads_comm(&k->threads, ev->pid, ev->tid), sizeof(k->comm) - 1);
	k->comm[sizeof(k->comm) - 1] = '\0'; /* per event: no snprintf */
	ev->comm = k->comm;
	ev->proc_state = &k->threads;
	if (k->fd_names)
		kcap_fd_names_event(k->fd_names, ev);
	else
		ev->fd_mask = 0;
	/* after the descriptor names: fchdir's directory is one */
	kcap_threads_update(&k->threads, ev);
	if (!kcap_threads_ns_ids(&k->threads, ev->tid, &ev->ns_pid, &ev->ns_tid))
		ev->ns_pid = ev->ns_tid = 0;
	kcap_pairs_update(&k->pairs, ev);
}

int kcap_next(struct kcap *k, const struct kcap_event **ev, int timeout_ms)
{
	uint64_t backoff = POLL_MIN_NS, now = 0, deadline = 0;

	if (k->replay) {
		int ret = kcap_replay_next(k->replay, &k->ev);

		if (ret) {
			snprintf(k->errmsg, sizeof(k->errmsg), "%s", k->replay->errmsg);
			snprintf(k->warnings, sizeof(k->warnings), "%s", k->replay->warnings);
			return ret;
		}
		k->events_read++;
		*ev = &k->ev;
		return 0;
	}
	for (;;) {
		struct timespec ts;
		uint64_t nap;

		if (kcap_merge_next(&k->merge, &k->ev)) {
			finish_event(k);
			if (kcap_config_is_state_only(&k->cfg, k->ev.type)) {
				k->state_events++;
				continue;
			}
			k->events_read++;
			*ev = &k->ev;
			return 0;
		}
		kcap_merge_flush(&k->merge);
		if (timeout_ms <= 0)
			return -EAGAIN;
		now = clock_ns(CLOCK_MONOTONIC);
		if (!deadline)
			deadline = now + (uint64_t)timeout_ms * 1000000ull;
		if (now >= deadline)
			return -EAGAIN;
		nap = deadline - now < backoff ? deadline - now : backoff;
		ts.tv_sec = (time_t)(nap / 1000000000ull);
		ts.tv_nsec = (long)(nap % 1000000000ull);
		nanosleep(&ts, NULL);
		if (backoff < POLL_MAX_NS)
			backoff *= 2;
	}
}

int kcap_get_stats(struct kcap *k, struct kcap_stats *caller_stats)
{
	struct kcap_stats full = { .sz = sizeof(full) }, *st = &full;
	struct kcap_kstats ks;
	int ret;

	if (!caller_stats || caller_stats->sz < sizeof(caller_stats->sz)) {
		snprintf(k->errmsg, sizeof(k->errmsg),
			 "kcap_get_stats: stats is NULL or its sz is not set (set it to "
			 "sizeof(struct kcap_stats))");
		return -EINVAL;
	}
	if (k->replay) {
		kcap_replay_stats(k->replay, st);
		return kcap_abi_fill(caller_stats, &full, sizeof(full));
	}
	if (!k->backend) {
		snprintf(k->errmsg, sizeof(k->errmsg), "kcap_get_stats: no backend is open");
		return -ENODEV;
	}
	ret = k->backend->kstats(k->priv, &ks);
	if (ret) {
		snprintf(k->errmsg, sizeof(k->errmsg),
			 "kcap_get_stats: %s: cannot read the kernel's counters: %s",
			 k->backend->name, strerror(-ret));
		return ret;
	}
	st->events = ks.events;
	st->drops_buffer_full = ks.drops_buffer_full;
	st->drops_too_large = ks.drops_too_large;
	st->drops_internal = ks.drops_internal;
	st->drops = kcap_kstats_drops(&ks);
	st->faults = ks.faults;
	st->truncated = ks.truncated;
	st->pids_untracked = ks.pids_untracked;
	st->compat_skipped = ks.compat_skipped;
	st->events_read = k->events_read;
	st->bad_events = k->merge.bad_events;
	if (k->backend->map_bytes)
		st->kernel_bytes = k->backend->map_bytes(k->priv);
	for (unsigned int i = 0; i < k->merge.n; i++) {
		uint32_t fill = kcap_stream_fill_pct(k->merge.streams[i]);

		st->kernel_bytes += k->merge.streams[i]->kernel_bytes;
		if (fill > st->buffer_fill_pct)
			st->buffer_fill_pct = fill;
	}
	if (k->fd_names) {
		const struct kcap_fds *f = &k->fd_names->table;

		kcap_fds_usage(f, &st->fd_processes, &st->fd_entries, &st->fd_bytes);
		st->fd_bytes += sizeof(*k->fd_names);
		st->fd_lookups = f->lookups;
		st->fd_lookups_failed = f->lookups_failed;
		st->fd_untracked = f->untracked;
		st->fd_state_events = k->state_events;
	}
	kcap_threads_usage(&k->threads, &st->thread_entries, &st->proc_entries, &st->thread_bytes);
	st->proc_lookups = k->threads.procs.lookups;
	st->proc_lookups_failed = k->threads.procs.lookups_failed;
	st->proc_untracked = k->threads.procs.untracked;
	return kcap_abi_fill(caller_stats, &full, sizeof(full));
}

const char *kcap_backend_name(const struct kcap *k)
{
	const char *recorded;

	if (k->replay) {
		recorded = kcap_replay_value(k->replay, KCAP_FILE_KEY_BACKEND);
		return recorded ? recorded : "unknown";
	}
	return k->backend ? k->backend->name : "none";
}

const char *kcap_file_value(const struct kcap *k, const char *key)
{
	return k->replay && key ? kcap_replay_value(k->replay, key) : NULL;
}

const char *kcap_last_error(const struct kcap *k)
{
	return k->errmsg[0] ? k->errmsg : "no error";
}

static void close_handle(struct kcap *k)
{
	if (!k)
		return;
	stop_handle(k);
	if (k->backend)
		close_backend(k);
	kcap_replay_close(k->replay);
	free_fd_names(k);
	kcap_pairs_free(&k->pairs);
	kcap_threads_free(&k->threads);
	kcap_config_free(&k->cfg);
	free(k);
}

/* The API calls that load, attach or detach programs: libbpf's messages are libkcap's meanwhile. */
int kcap_open(const struct kcap_opts *opts, struct kcap **out, char *err, size_t errlen)
{
	int ret;

	kcap_libbpf_log_enter();
	ret = open_handle(opts, out, err, errlen);
	kcap_libbpf_log_leave();
	return ret;
}

int kcap_start(struct kcap *k)
{
	int ret;

	kcap_libbpf_log_enter();
	ret = start_handle(k);
	kcap_libbpf_log_leave();
	return ret;
}

int kcap_stop(struct kcap *k)
{
	int ret;

	kcap_libbpf_log_enter();
	ret = stop_handle(k);
	kcap_libbpf_log_leave();
	return ret;
}

void kcap_close(struct kcap *k)
{
	kcap_libbpf_log_enter();
	close_handle(k);
	kcap_libbpf_log_leave();
}
