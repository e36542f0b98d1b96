// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* kcap_writer_*: records what a handle delivers into a capture file (kcap_file_format.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include "abi.h"
#include "blocks.h"
#include "bytes.h"
#include "file.h"
#include "handle.h"
#include "schema.h"
#include "scap_writer.h"
#include "stats_keys.h"
#include "decode/decode.h"

/* Types this writer gives descriptions of events that only a replayed file described. */
#define FOREIGN_TYPE_BASE 0x8000u
#define MAX_FOREIGN (KCAP_EVENT_FOREIGN - FOREIGN_TYPE_BASE)

struct kcap_writer {
	struct kcap *k;
	int fd;
	char *path;
	struct kcap_block_writer blocks;
	struct kcap_bytes events; /* the EVENTS block being filled */
	struct foreign_type {
		const struct kcap_event_info *info;
	} * foreign; /* index + FOREIGN_TYPE_BASE: its type here */
	size_t nforeign;
	uint64_t written;
	struct kcap_scap_writer *scap; /* KCAP_WRITE_SCAP: the export instead */
};

static void put_u64(struct kcap_bytes *b, const char *key, uint64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRIu64, v);
	kcap_bytes_kv(b, key, num);
}

static void put_s64(struct kcap_bytes *b, const char *key, int64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRId64, v);
	kcap_bytes_kv(b, key, num);
}

static uint64_t epoch_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Where and how this capture runs; a replay's is the file's own. */
static void put_machine(struct kcap_bytes *b, struct kcap *k, const char *options)
{
	struct utsname u;

	if (k->replay) {
		kcap_bytes_put(b, k->replay->machine, k->replay->machine_len);
		return;
	}
	if (uname(&u) == 0) {
		kcap_bytes_kv(b, KCAP_FILE_KEY_HOSTNAME, u.nodename);
		kcap_bytes_kv(b, KCAP_FILE_KEY_KERNEL, u.release);
		kcap_bytes_kv(b, KCAP_FILE_KEY_MACHINE, u.machine);
	}
	put_s64(b, KCAP_FILE_KEY_MONO_TO_EPOCH, k->mono_to_epoch);
	put_s64(b, KCAP_FILE_KEY_BOOT_TIME, k->mono_to_epoch);
	put_u64(b, KCAP_FILE_KEY_CPUS, k->merge.n);
	kcap_bytes_kv(b, KCAP_FILE_KEY_BACKEND, kcap_backend_name(k));
	kcap_bytes_kv(b, KCAP_FILE_KEY_KCAP_VERSION, KCAP_VERSION);
	kcap_bytes_kv(b, KCAP_FILE_KEY_OPTIONS, options ? options : "");
	put_u64(b, KCAP_FILE_KEY_START_TIME, epoch_ns());
}

static void put_schema(struct kcap_bytes *b)
{
	kcap_schema_put_count(b, KCAP_EV__COUNT);
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++)
		kcap_schema_put(b, (uint16_t)ev, &kcap_event_table[ev]);
}

static void put_field(struct kcap_bytes *b, uint16_t tag, const void *v, size_t len)
{
	kcap_bytes_u16(b, tag);
	kcap_bytes_u16(b, (uint16_t)len);
	kcap_bytes_put(b, v, len);
}

static void put_thread(struct kcap_bytes *b, const struct kcap_thread *t)
{
	size_t start = b->len;
	uint32_t len;

	kcap_bytes_u32(b, 0); /* the record's length, set below */
	put_field(b, KCAP_FILE_T_TID, &t->tid, 4);
	if (t->ns_tid) {
		put_field(b, KCAP_FILE_T_NS_TID, &t->ns_tid, 4);
		put_field(b, KCAP_FILE_T_NS_PID, &t->ns_pid, 4);
	}
	put_field(b, KCAP_FILE_T_COMM, t->comm, strnlen(t->comm, sizeof(t->comm)));
	if (b->oom)
		return;
	len = (uint32_t)(b->len - start);
	memcpy(b->data + start, &len, sizeof(len));
}

static void put_u32_field(struct kcap_bytes *b, uint16_t tag, uint32_t v)
{
	put_field(b, tag, &v, 4);
}

/* A process's record: what the engine knows of it, field by field. */
static void put_process(struct kcap_bytes *b, const struct kcap_proc *p)
{
	size_t start = b->len;
	uint32_t len;

	kcap_bytes_u32(b, 0);
	put_u32_field(b, KCAP_FILE_T_PID, p->pid);
	if (p->have & KCAP_THREAD_PPID)
		put_u32_field(b, KCAP_FILE_T_PPID, p->ppid);
	if (p->have & KCAP_THREAD_IDS) {
		put_u32_field(b, KCAP_FILE_T_UID, p->uid);
		put_u32_field(b, KCAP_FILE_T_GID, p->gid);
		put_u32_field(b, KCAP_FILE_T_EUID, p->euid);
		put_u32_field(b, KCAP_FILE_T_EGID, p->egid);
	}
	if (p->have & KCAP_THREAD_LOGINUID)
		put_u32_field(b, KCAP_FILE_T_LOGINUID, p->loginuid);
	if (p->have & KCAP_THREAD_START)
		put_field(b, KCAP_FILE_T_START_TIME, &p->start_time, 8);
	if (p->have & KCAP_THREAD_EXE)
		put_field(b, KCAP_FILE_T_EXE, p->exe.s, p->exe.len);
	if (p->have & KCAP_THREAD_ARGV)
		put_field(b, KCAP_FILE_T_ARGS, p->argv.s, p->argv.len);
	if (p->have & KCAP_THREAD_CWD)
		put_field(b, KCAP_FILE_T_CWD, p->cwd.s, p->cwd.len);
	if (p->have & KCAP_THREAD_CGROUP)
		put_field(b, KCAP_FILE_T_CGROUP, p->cgroup.s, p->cgroup.len);
	if (b->oom)
		return;
	len = (uint32_t)(b->len - start);
	memcpy(b->data + start, &len, sizeof(len));
}

/* The threads and processes the engine knows when the recording starts. */
static void put_threads(struct kcap_bytes *b, const struct kcap_threads *t)
{
	const struct kcap_proc *p;
	uint32_t pos = 0;

	for (uint32_t i = 0; t->slots && i <= t->mask; i++)
		if (t->slots[i].tid)
			put_thread(b, &t->slots[i]);
	while ((p = kcap_procs_next(&t->procs, &pos)))
		put_process(b, p);
}

/* The writer failed: k's last error says why. */
static int fail(struct kcap_writer *w, int err, const char *msg)
{
	snprintf(w->k->errmsg, sizeof(w->k->errmsg), "%s", msg);
	return err;
}

static int write_block(struct kcap_writer *w, uint16_t type, struct kcap_bytes *b)
{
	int ret;

	if (b->oom)
		return fail(w, -ENOMEM, "kcap_writer: out of memory for a block");
	ret = kcap_block_write(&w->blocks, type, b->data, b->len);
	return ret ? fail(w, ret, w->blocks.errmsg) : 0;
}

static int write_head(struct kcap_writer *w, const char *options)
{
	struct kcap_bytes b = { 0 };
	int ret;

	put_machine(&b, w->k, options);
	ret = write_block(w, KCAP_FILE_MACHINE, &b);
	b.len = 0;
	put_schema(&b);
	if (!ret)
		ret = write_block(w, KCAP_FILE_SCHEMA, &b);
	b.len = 0;
	put_threads(&b, &w->k->threads);
	if (!ret)
		ret = write_block(w, KCAP_FILE_THREADS, &b);
	kcap_bytes_free(&b);
	return ret;
}

int kcap_writer_open(struct kcap *k, const char *path, const struct kcap_writer_opts *caller_opts,
		     struct kcap_writer **out, char *err, size_t errlen)
{
	struct kcap_writer_opts opts = { .sz = sizeof(opts) };
	struct kcap_writer *w;
	char why[512];
	int ret;

	*out = NULL;
	if (caller_opts) {
		ret = kcap_abi_copy(&opts, sizeof(opts), caller_opts, "struct kcap_writer_opts",
				    why, sizeof(why));
		if (ret) {
			snprintf(err, errlen, "kcap_writer_open: %s", why);
			return ret;
		}
	}
	w = calloc(1, sizeof(*w));
	if (!w || !(w->path = strdup(path))) {
		free(w);
		snprintf(err, errlen, "kcap_writer_open: out of memory");
		return -ENOMEM;
	}
	w->k = k;
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot create the capture file %s: %s", path,
			 strerror(errno));
		free(w->path);
		free(w);
		return ret;
	}
	if (opts.format == KCAP_WRITE_SCAP) {
		w->scap = calloc(1, sizeof(*w->scap));
		ret = w->scap ? kcap_scap_open(w->scap, w->fd, w->path, &k->threads) : -ENOMEM;
		if (ret)
			snprintf(k->errmsg, sizeof(k->errmsg), "%s",
				 w->scap ? w->scap->errmsg : "out of memory");
	} else if (opts.format != KCAP_WRITE_KCAP) {
		snprintf(k->errmsg, sizeof(k->errmsg), "kcap_writer_open: unknown format %d",
			 opts.format);
		ret = -EINVAL;
	} else {
		ret = kcap_block_writer_init(&w->blocks, w->fd, w->path, opts.compress);
		if (!ret)
			ret = write_head(w, opts.options);
	}
	if (ret) {
		snprintf(err, errlen, "%s", w->blocks.errmsg[0] ? w->blocks.errmsg : k->errmsg);
		if (w->scap)
			kcap_scap_free(w->scap);
		free(w->scap);
		kcap_block_writer_free(&w->blocks);
		close(w->fd);
		free(w->path);
		free(w);
		return ret;
	}
	*out = w;
	return 0;
}

int kcap_writer_flush(struct kcap_writer *w)
{
	int ret;

	if (w->scap)
		return kcap_scap_flush(w->scap) ? fail(w, w->scap->error, w->scap->errmsg) : 0;
	if (!w->events.len)
		return w->blocks.error;
	ret = write_block(w, KCAP_FILE_EVENTS, &w->events);
	w->events.len = 0;
	w->events.oom = false;
	return ret;
}

/* The type ev has in this file: its own, or one given to a description a replay brought. */
static int file_type(struct kcap_writer *w, const struct kcap_event *ev, uint16_t *type)
{
	const struct kcap_event_info *info = ev->schema;
	struct kcap_bytes b = { 0 };
	struct foreign_type *p;
	int ret;

	if (ev->type != KCAP_EVENT_FOREIGN) {
		*type = ev->type;
		return 0;
	}
	for (size_t i = 0; i < w->nforeign; i++)
		if (w->foreign[i].info == info) {
			*type = (uint16_t)(FOREIGN_TYPE_BASE + i);
			return 0;
		}
	if (!info || w->nforeign >= MAX_FOREIGN)
		return fail(w, -EINVAL, "kcap_writer: an event without a description to record");
	p = realloc(w->foreign, sizeof(*p) * (w->nforeign + 1));
	if (!p)
		return fail(w, -ENOMEM, "kcap_writer: out of memory");
	w->foreign = p;
	*type = (uint16_t)(FOREIGN_TYPE_BASE + w->nforeign);
	w->foreign[w->nforeign++].info = info;
	/* its description comes before the block that uses it */
	ret = kcap_writer_flush(w);
	kcap_schema_put_count(&b, 1);
	kcap_schema_put(&b, *type, info);
	if (!ret)
		ret = write_block(w, KCAP_FILE_SCHEMA, &b);
	kcap_bytes_free(&b);
	return ret;
}

int kcap_writer_write(struct kcap_writer *w, const struct kcap_event *ev)
{
	const struct kcap_evt_hdr *hdr = ev->raw;
	struct kcap_file_event rec = {
		.cpu = ev->cpu,
		.ns_pid = ev->ns_pid,
		.ns_tid = ev->ns_tid,
		.changed = ev->changed,
	};
	struct kcap_evt_hdr wire;
	size_t start;
	uint16_t type;
	int ret;

	if (w->scap) {
		ret = kcap_scap_write(w->scap, ev);
		w->written += !ret;
		return ret ? fail(w, ret, w->scap->errmsg) : 0;
	}
	if (w->blocks.error)
		return fail(w, w->blocks.error, w->blocks.errmsg);
	ret = file_type(w, ev, &type);
	if (ret)
		return ret;
	for (unsigned int i = 0; i < ev->nparams && i < KCAP_EVENT_MAX_PARAMS; i++)
		if ((ev->fd_mask >> i) & 1 && ev->fds && ev->fds[i].name_len < KCAP_FILE_MAX_NAME)
			rec.fd_mask |= 1u << i;
	strncpy(rec.comm, ev->comm ? ev->comm : "", sizeof(rec.comm) - 1);
	start = w->events.len;
	kcap_bytes_put(&w->events, &rec, sizeof(rec));
	memcpy(&wire, hdr, sizeof(wire));
	wire.type = type;
	kcap_bytes_put(&w->events, &wire, sizeof(wire));
	kcap_bytes_put(&w->events, (const uint8_t *)hdr + sizeof(wire), hdr->len - sizeof(wire));
	for (unsigned int i = 0; i < ev->nparams && i < KCAP_EVENT_MAX_PARAMS; i++) {
		struct kcap_file_fd_name name = { 0 };

		if (!((rec.fd_mask >> i) & 1) || !ev->fds)
			continue;
		name.kind = (uint16_t)ev->fds[i].kind;
		name.name_len = ev->fds[i].name_len;
		kcap_bytes_put(&w->events, &name, sizeof(name));
		kcap_bytes_put(&w->events, ev->fds[i].name, name.name_len);
		kcap_bytes_u8(&w->events, 0);
	}
	if (w->events.oom)
		return fail(w, -ENOMEM, "kcap_writer: out of memory for an events block");
	rec.len = (uint32_t)(w->events.len - start);
	memcpy(w->events.data + start, &rec.len, sizeof(rec.len));
	kcap_bytes_pad8(&w->events);
	w->written++;
	return w->events.len >= KCAP_FILE_EVENTS_BLOCK ? kcap_writer_flush(w) : 0;
}

int kcap_writer_close(struct kcap_writer *w)
{
	struct kcap_stats st = { .sz = sizeof(st) };
	struct kcap_bytes b = { 0 };
	int ret;

	if (!w)
		return 0;
	ret = kcap_writer_flush(w);
	if (!ret && !w->scap && kcap_get_stats(w->k, &st) == 0) {
		for (size_t i = 0; i < KCAP_FILE_NSTAT_KEYS; i++) {
			uint64_t v;

			memcpy(&v, (const uint8_t *)&st + kcap_file_stat_keys[i].offset, sizeof(v));
			put_u64(&b, kcap_file_stat_keys[i].name, v);
		}
		put_u64(&b, KCAP_FILE_KEY_END_TIME, epoch_ns());
		ret = write_block(w, KCAP_FILE_TRAILER, &b);
	}
	if (close(w->fd) && !ret) {
		ret = -errno;
		snprintf(w->k->errmsg, sizeof(w->k->errmsg), "cannot write the capture file %s: %s",
			 w->path, strerror(errno));
	}
	kcap_bytes_free(&b);
	kcap_bytes_free(&w->events);
	kcap_block_writer_free(&w->blocks);
	if (w->scap)
		kcap_scap_free(w->scap);
	free(w->scap);
	free(w->foreign);
	free(w->path);
	free(w);
	return ret;
}

int kcap_writer_get_stats(const struct kcap_writer *w, struct kcap_writer_stats *caller_stats)
{
	struct kcap_writer_stats st = {
		.sz = sizeof(st),
		.events = w->written,
		.bytes = w->scap ? w->scap->offset : w->blocks.offset,
		.raw_bytes = w->scap ? w->scap->offset : w->blocks.raw_bytes,
		.pending_bytes = w->scap ? w->scap->buf.len : w->events.len,
	};

	return kcap_abi_fill(caller_stats, &st, sizeof(st));
}
