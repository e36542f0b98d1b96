// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * A capture file replayed through a handle: every byte is checked before it
 * is used (lengths against their block, types against the file's event table,
 * each event against its description), and a file cut short gives all it has.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "file.h"
#include "backends/backend.h"
#include "stats_keys.h"
#include "decode/decode.h"

#define PID_SET_MAX (1u << 22)

/* key\0value\0 pairs: each string terminated inside the block, in pairs. */
static bool valid_pairs(const uint8_t *data, size_t len)
{
	size_t strings = 0;

	for (size_t i = 0; i < len; i++)
		strings += data[i] == '\0';
	return (!len || data[len - 1] == '\0') && strings % 2 == 0;
}

static const char *pair_value(const uint8_t *data, size_t len, const char *key)
{
	for (size_t off = 0; off < len;) {
		const char *k = (const char *)data + off;
		size_t kl = strlen(k);
		const char *v = k + kl + 1;

		if ((size_t)(v - (const char *)data) >= len)
			return NULL;
		if (strcmp(k, key) == 0)
			return v;
		off = (size_t)(v - (const char *)data) + strlen(v) + 1;
	}
	return NULL;
}

const char *kcap_replay_value(const struct kcap_replay *r, const char *key)
{
	return r->machine ? pair_value(r->machine, r->machine_len, key) : NULL;
}

static int replay_error(struct kcap_replay *r, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int replay_error(struct kcap_replay *r, int err, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	n = (size_t)snprintf(r->errmsg, sizeof(r->errmsg), "%s: ", r->path);
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): va_start just did */
	vsnprintf(r->errmsg + n, sizeof(r->errmsg) - n, fmt, ap);
	va_end(ap);
	r->end = err;
	return err;
}

static int read_machine(struct kcap_replay *r, const uint8_t *data, size_t len)
{
	const char *v;

	if (r->machine)
		return 0; /* the first one describes the capture */
	if (!valid_pairs(data, len))
		return replay_error(r, -EBADMSG,
				    "corrupt block at offset %" PRIu64
				    ": its machine description is not key/value text",
				    r->blocks.block_offset);
	r->machine = malloc(len ? len : 1);
	if (!r->machine)
		return replay_error(r, -ENOMEM, "out of memory");
	memcpy(r->machine, data, len);
	r->machine_len = len;
	v = kcap_replay_value(r, KCAP_FILE_KEY_MONO_TO_EPOCH);
	r->mono_to_epoch = v ? strtoll(v, NULL, 10) : 0;
	return 0;
}

static int read_trailer(struct kcap_replay *r, const uint8_t *data, size_t len)
{
	if (!valid_pairs(data, len))
		return replay_error(r, -EBADMSG,
				    "corrupt block at offset %" PRIu64
				    ": its trailer is not key/value text",
				    r->blocks.block_offset);
	for (size_t i = 0; i < KCAP_FILE_NSTAT_KEYS; i++) {
		const char *v = pair_value(data, len, kcap_file_stat_keys[i].name);
		uint64_t n = v ? strtoull(v, NULL, 10) : 0;

		memcpy((uint8_t *)&r->trailer + kcap_file_stat_keys[i].offset, &n, sizeof(n));
	}
	r->has_trailer = true;
	return 0;
}

/* One field of a process's record into p (a field of another length is ignored). */
static void process_field(struct kcap_proc *p, uint16_t tag, const uint8_t *v, uint16_t len)
{
	uint32_t u = 0;

	if (len == 4)
		memcpy(&u, v, 4);
	switch (tag) {
	case KCAP_FILE_T_PPID:
		if (len == 4)
			p->ppid = u, p->have |= KCAP_THREAD_PPID;
		break;
	case KCAP_FILE_T_UID:
	case KCAP_FILE_T_GID:
	case KCAP_FILE_T_EUID:
	case KCAP_FILE_T_EGID:
		if (len != 4)
			break;
		*(tag == KCAP_FILE_T_UID  ? &p->uid :
		  tag == KCAP_FILE_T_GID  ? &p->gid :
		  tag == KCAP_FILE_T_EUID ? &p->euid :
					    &p->egid) = u;
		p->have |= KCAP_THREAD_IDS;
		break;
	case KCAP_FILE_T_LOGINUID:
		if (len == 4)
			p->loginuid = u, p->have |= KCAP_THREAD_LOGINUID;
		break;
	case KCAP_FILE_T_START_TIME:
		if (len == 8)
			memcpy(&p->start_time, v, 8), p->have |= KCAP_THREAD_START;
		break;
	case KCAP_FILE_T_EXE:
		if (kcap_proc_str_set(&p->exe, (const char *)v, len, KCAP_PROC_PATH_MAX))
			p->have |= KCAP_THREAD_EXE;
		break;
	case KCAP_FILE_T_ARGS:
		if (kcap_proc_str_set(&p->argv, (const char *)v, len, KCAP_PROC_ARGV_MAX))
			p->have |= KCAP_THREAD_ARGV;
		break;
	case KCAP_FILE_T_CWD:
		if (kcap_proc_str_set(&p->cwd, (const char *)v, len, KCAP_PROC_PATH_MAX))
			p->have |= KCAP_THREAD_CWD;
		break;
	case KCAP_FILE_T_CGROUP:
		kcap_proc_set_cgroup(p, (const char *)v, len);
		break;
	default:
		break;
	}
}

/* THREADS: what a reader needs to name threads and processes it never saw start. */
static int read_threads(struct kcap_replay *r, const uint8_t *data, size_t len)
{
	struct kcap_cursor c = { .data = data, .len = len };

	while (c.off < c.len) {
		size_t start = c.off;
		uint32_t rlen = kcap_cursor_u32(&c);
		uint32_t tid = 0, ns_tid = 0, ns_pid = 0, pid = 0;
		const uint8_t *comm = NULL;
		uint16_t comm_len = 0;
		struct kcap_proc *proc = NULL;

		if (c.bad || rlen < 4 || rlen > c.len - start)
			return replay_error(r, -EBADMSG,
					    "corrupt block at offset %" PRIu64
					    ": a thread record of %u bytes at %zu of its %zu",
					    r->blocks.block_offset, rlen, start, len);
		while (c.off < start + rlen) {
			uint16_t tag = kcap_cursor_u16(&c), flen = kcap_cursor_u16(&c);
			const uint8_t *v;

			if (c.bad || flen > start + rlen - c.off) {
				kcap_proc_free(proc);
				return replay_error(r, -EBADMSG,
						    "corrupt block at offset %" PRIu64
						    ": a thread field of %u bytes past its record",
						    r->blocks.block_offset, flen);
			}
			v = kcap_cursor_take(&c, flen);
			if (flen == 4 && tag == KCAP_FILE_T_PID && !pid) {
				memcpy(&pid, v, 4);
				proc = pid ? kcap_proc_new(pid, NULL) : NULL;
			} else if (proc) {
				process_field(proc, tag, v, flen);
			}
			if (flen == 4 && tag == KCAP_FILE_T_TID)
				memcpy(&tid, v, 4);
			else if (flen == 4 && tag == KCAP_FILE_T_NS_TID)
				memcpy(&ns_tid, v, 4);
			else if (flen == 4 && tag == KCAP_FILE_T_NS_PID)
				memcpy(&ns_pid, v, 4);
			else if (tag == KCAP_FILE_T_COMM)
				comm = v, comm_len = flen;
		}
		if (!tid) {
			if (proc)
				kcap_procs_put(&r->threads->procs, proc);
			continue;
		}
		kcap_proc_free(proc);
		if (comm)
			kcap_threads_set_comm(r->threads, tid, (const char *)comm, comm_len);
		if (ns_tid)
			kcap_threads_learn_ns_thread(r->threads, tid, ns_pid, ns_tid, NULL);
	}
	return 0;
}

/* The next block; 1 for an EVENTS block, 0 for another (handled), or the end/error. */
static int next_block(struct kcap_replay *r)
{
	const uint8_t *data;
	uint16_t type;
	size_t len;
	int ret = kcap_block_read(&r->blocks, &type, &data, &len);
	char why[384];

	if (ret < 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "%s", r->blocks.errmsg);
		return r->end = ret;
	}
	if (ret == 0) {
		if (r->blocks.cut_short)
			kcap_add_warning(r->warnings, sizeof(r->warnings), r->blocks.errmsg);
		else if (!r->has_trailer)
			kcap_add_warning(r->warnings, sizeof(r->warnings),
					 "the capture file has no trailer (the capture ended "
					 "abruptly between two blocks): its counters are unknown");
		r->end = -ENODATA;
		return r->end;
	}
	switch (type) {
	case KCAP_FILE_MACHINE:
		return read_machine(r, data, len);
	case KCAP_FILE_SCHEMA:
		ret = kcap_schema_add(&r->schema, data, len, why, sizeof(why));
		return ret ? replay_error(r, ret, "corrupt block at offset %" PRIu64 ": %s",
					  r->blocks.block_offset, why) :
			     0;
	case KCAP_FILE_THREADS:
		return read_threads(r, data, len);
	case KCAP_FILE_TRAILER:
		return read_trailer(r, data, len);
	case KCAP_FILE_EVENTS:
		r->block = (uint8_t *)data; /* the reader's own buffer: types are rewritten in it */
		r->block_len = len;
		r->pos = 0;
		return 1;
	default:
		return 0; /* a newer minor version's block */
	}
}

int kcap_replay_open(struct kcap_replay **out, const char *path, const void *mem, size_t mem_len,
		     const struct kcap_config *cfg, struct kcap_threads *threads, char *err,
		     size_t errlen)
{
	struct kcap_replay *r = calloc(1, sizeof(*r));
	bool added;
	int ret;

	*out = r;
	if (!r || !(r->path = strdup(path))) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	r->fd = -1;
	r->cfg = cfg;
	r->fd_names = cfg->fd_names;
	r->threads = threads;
	if (!mem) {
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0) {
			ret = -errno;
			snprintf(err, errlen, "cannot open the capture file %s: %s", path,
				 strerror(errno));
			return ret;
		}
	}
	ret = kcap_block_reader_init(&r->blocks, r->fd, mem, mem_len, r->path);
	if (ret) {
		snprintf(err, errlen, "%s", r->blocks.errmsg);
		return ret;
	}
	if (cfg->kernel.settings.filter_pids) {
		r->filter_pids = true;
		if (kcap_idmap_init(&r->pids, 1, 64, PID_SET_MAX)) {
			snprintf(err, errlen, "out of memory");
			return -ENOMEM;
		}
		for (size_t i = 0; i < cfg->npids; i++)
			kcap_idmap_insert(&r->pids, (uint64_t)cfg->pids[i], &added);
	}
	/* the head: machine, schema, threads, up to the first events */
	do
		ret = next_block(r);
	while (ret == 0);
	if (ret == -ENODATA && !r->machine)
		ret = replay_error(r, -EBADMSG, "no machine description: %s",
				   r->blocks.cut_short ? r->blocks.errmsg :
							 "the file has no blocks");
	if (ret < 0 && ret != -ENODATA) {
		snprintf(err, errlen, "%s", r->errmsg);
		return ret;
	}
	if (!r->machine) {
		snprintf(err, errlen, "%s: corrupt: its first block is not its machine description",
			 path);
		return -EBADMSG;
	}
	return 0;
}

static uint64_t align8(uint64_t v)
{
	return (v + 7) & ~7ull;
}

/* -p in a replay: the pids' events, and those of their descendants from their creation on. */
static bool wanted_pid(struct kcap_replay *r, const struct kcap_event *ev)
{
	int64_t ret;

	if (!r->filter_pids || kcap_idmap_find(&r->pids, ev->pid))
		return true;
	if (ev->type != KCAP_EV_CLONE_X && ev->type != KCAP_EV_CLONE3_X &&
	    ev->type != KCAP_EV_FORK_X && ev->type != KCAP_EV_VFORK_X)
		return false;
	if (kcap_event_ret(ev, &ret) == 0 && ret == 0) {
		struct kcap_param p;
		int64_t ppid;
		bool added;

		if (kcap_event_param_by_name(ev, "ppid", &p) == 0 &&
		    kcap_param_int(&p, &ppid) == 0 && kcap_idmap_find(&r->pids, (uint64_t)ppid)) {
			kcap_idmap_insert(&r->pids, ev->pid, &added);
			return true;
		}
	}
	return false;
}

/* The record at r->pos into ev: 0, or an error naming where. */
static int decode_record(struct kcap_replay *r, struct kcap_event *ev)
{
	uint8_t *p = r->block + r->pos;
	size_t left = r->block_len - r->pos, off;
	struct kcap_file_event rec;
	struct kcap_evt_hdr *hdr;
	const struct kcap_schema_type *t;
	uint32_t param_off[KCAP_MAX_PARAMS];

#define BAD(why, ...)                                                                        \
	replay_error(r, -EBADMSG,                                                            \
		     "corrupt event at offset %zu of the block at offset %" PRIu64 ": " why, \
		     r->pos, r->blocks.block_offset, ##__VA_ARGS__)
	if (left < sizeof(rec) + KCAP_HDR_SIZE)
		return BAD("%zu bytes left, too few for an event", left);
	memcpy(&rec, p, sizeof(rec));
	if (rec.len < sizeof(rec) + KCAP_HDR_SIZE || rec.len > left)
		return BAD("its length %u does not fit the %zu bytes left", rec.len, left);
	hdr = (struct kcap_evt_hdr *)(p + sizeof(rec));
	if (hdr->len < KCAP_HDR_SIZE || hdr->len > rec.len - sizeof(rec))
		return BAD("its wire length %u does not fit its record of %u", hdr->len, rec.len);
	t = kcap_schema_type(&r->schema, hdr->type);
	if (!t && hdr->type < KCAP_EV__COUNT && r->schema.described == 0)
		return BAD("the file has no event table");
	if (!t)
		return BAD("type %u, which the file's event table does not describe", hdr->type);
	if (kcap_event_decode_info(hdr, hdr->len, t->info, param_off))
		return BAD("it does not match the description of %s (%u parameters)", t->info->name,
			   t->info->nparams);
	hdr->type = t->local;
	kcap_event_from_record(ev, hdr, hdr->len, param_off);
	ev->schema = t->local == KCAP_EVENT_FOREIGN ? t->info : NULL;
	ev->ts += (uint64_t)r->mono_to_epoch;
	ev->cpu = rec.cpu;
	ev->ns_pid = rec.ns_pid;
	ev->ns_tid = rec.ns_tid;
	ev->changed = rec.changed & (uint32_t)((1ull << ev->nparams) - 1);
	memcpy(r->comm, rec.comm, sizeof(rec.comm));
	r->comm[sizeof(r->comm) - 1] = '\0';
	ev->comm = r->comm[0] ? r->comm : "?";
	if ((uint64_t)rec.fd_mask >> ev->nparams)
		return BAD("descriptor names for parameters it does not have (0x%x)", rec.fd_mask);
	off = sizeof(rec) + hdr->len;
	for (unsigned int i = 0; i < ev->nparams; i++) {
		struct kcap_file_fd_name name;

		if (!((rec.fd_mask >> i) & 1))
			continue;
		if (rec.len - off < sizeof(name))
			return BAD("a descriptor name past its end");
		memcpy(&name, p + off, sizeof(name));
		off += sizeof(name);
		if (name.name_len > KCAP_FILE_MAX_NAME || rec.len - off < name.name_len + 1ull ||
		    p[off + name.name_len] != '\0')
			return BAD("a descriptor name of %u bytes that does not fit",
				   name.name_len);
		r->fds[i].kind = name.kind;
		r->fds[i].name = (const char *)p + off;
		r->fds[i].name_len = name.name_len;
		off += name.name_len + 1ull;
	}
	if (off != rec.len)
		return BAD("%zu bytes past its parameters and names", rec.len - off);
	ev->fd_mask = r->fd_names ? rec.fd_mask : 0;
	ev->fds = ev->fd_mask ? r->fds : NULL;
	r->pos = align8(r->pos + rec.len);
	if (r->pos > r->block_len)
		r->pos = r->block_len;
	return 0;
#undef BAD
}

int kcap_replay_next(struct kcap_replay *r, struct kcap_event *ev)
{
	while (!r->end) {
		int ret;

		if (r->pos >= r->block_len) {
			ret = next_block(r);
			if (ret < 0)
				break;
			continue;
		}
		ret = decode_record(r, ev);
		if (ret)
			break;
		/* every event keeps the process table current, delivered or not */
		ev->proc_state = r->threads;
		kcap_threads_update(r->threads, ev);
		if (!kcap_config_delivers(r->cfg, ev) || !wanted_pid(r, ev))
			continue;
		if (ev->type == KCAP_EV_PROCEXIT && r->filter_pids && ev->tid == ev->pid)
			kcap_idmap_remove(&r->pids, ev->pid);
		r->delivered++;
		return 0;
	}
	return r->end;
}

void kcap_replay_stats(const struct kcap_replay *r, struct kcap_stats *st)
{
	size_t sz = st->sz;

	if (r->has_trailer)
		*st = r->trailer;
	st->sz = sz;
	st->events_read = r->delivered;
}

void kcap_replay_close(struct kcap_replay *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	kcap_block_reader_free(&r->blocks);
	kcap_schema_free(&r->schema);
	kcap_idmap_free(&r->pids);
	free(r->machine);
	free(r->path);
	free(r);
}
