// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Capture files: a capture recorded through the real handle replays to the
 * same JSON, with and without compression, filtered like a live capture; a
 * file cut at any byte gives what it has and says so; any flipped byte, a
 * lying length or a self-contradicting event table is an error naming the
 * offset; an event the reader's table lacks is decoded by the file's schema.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fake_backend.h"
#include "file/blocks.h"
#include "file/file.h"
#include "file/schema.h"

#define CHILD (FAKE_PID + 1)
#define MAX_LINES 32

struct capture {
	char lines[MAX_LINES][1024];
	size_t n;
};

static char path[64];

static void prepare(void)
{
	struct test_param open[] = { P_S64(3), P_S32(-100),	P_STR("x"), P_U32(0),
				     P_U32(0), P_STR("/etc/x"), P_U32(0),   P_U64(0) };
	struct test_param read[] = { P_S64(1), P_S32(3), P_BYTES("x"), P_U64(1) };
	struct test_param child[] = { P_S64(0),	   P_U64(0x11), P_S32((int32_t)FAKE_PID),
				      P_STR("sh"), P_U32(0),	P_U32(0),
				      P_U64(0) };
	struct test_param generic[] = { P_S64(-38), P_U32(400) };
	struct test_param other[] = { P_S64(5), P_S32(3), P_BYTES("hello"), P_U64(5) };

	fake_reset();
	fake_add(KCAP_EV_OPENAT_X, FAKE_PID, FAKE_PID, 1 * FAKE_SEC, open, 8);
	fake_add(KCAP_EV_READ_X, FAKE_PID, FAKE_PID, 2 * FAKE_SEC, read, 4);
	fake_add(KCAP_EV_CLONE_X, CHILD, CHILD, 3 * FAKE_SEC, child, 7);
	fake_add(KCAP_EV_READ_X, CHILD, CHILD, 4 * FAKE_SEC, read, 4);
	fake_add(KCAP_EV_GENERIC_X, FAKE_PID, FAKE_PID, 5 * FAKE_SEC, generic, 2);
	fake_add(KCAP_EV_READ_X, FAKE_PID + 9, FAKE_PID + 9, 6 * FAKE_SEC, other, 4);
}

static void json_of(struct capture *c, const struct kcap_event *ev)
{
	assert_true(c->n < MAX_LINES);
	assert_true(kcap_format_json(ev, c->lines[c->n++], sizeof(c->lines[0])) > 0);
}

/* The fake capture printed as JSON and recorded into path. */
static void record(struct capture *live, int compress)
{
	KCAP_OPTS(opts, .backend = "modern");
	struct kcap_writer_opts wo = { .sz = sizeof(wo), .compress = compress, .options = "-w x" };
	const struct kcap_event *ev;
	struct kcap_writer *w;
	struct kcap *k;
	char err[512];

	prepare();
	assert_int_equal(kcap_open(&opts, &k, err, sizeof(err)), 0);
	assert_int_equal(kcap_start(k), 0);
	assert_int_equal(kcap_writer_open(k, path, &wo, &w, err, sizeof(err)), 0);
	live->n = 0;
	while (kcap_next(k, &ev, 0) == 0) {
		json_of(live, ev);
		assert_int_equal(kcap_writer_write(w, ev), 0);
		if (live->n == 3)
			assert_int_equal(kcap_writer_flush(w), 0); /* several blocks */
	}
	assert_int_equal(kcap_writer_close(w), 0);
	kcap_close(k);
}

/* Replays path with opts' filters; the end's return value. */
static int replay(struct kcap_opts *opts, struct capture *out, struct kcap_stats *st)
{
	const struct kcap_event *ev;
	struct kcap *k;
	char err[512];
	int ret;

	opts->read_file = path;
	ret = kcap_open(opts, &k, err, sizeof(err));
	if (ret) {
		print_message("%s\n", err);
		return ret;
	}
	assert_int_equal(kcap_start(k), 0);
	out->n = 0;
	while ((ret = kcap_next(k, &ev, 100)) == 0)
		json_of(out, ev);
	if (st)
		assert_int_equal(kcap_get_stats(k, st), 0);
	assert_string_equal(kcap_backend_name(k), "modern");
	assert_string_equal(kcap_file_value(k, "options"), "-w x");
	kcap_close(k);
	return ret;
}

static void assert_same(const struct capture *a, const struct capture *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_string_equal(a->lines[i], b->lines[i]);
}

static void round_trip(int compress)
{
	struct capture live, back;
	struct kcap_stats st = { .sz = sizeof(st) };
	KCAP_OPTS(opts);

	record(&live, compress);
	assert_int_equal(live.n, 6);
	assert_non_null(strstr(live.lines[1], "\"fd_name\":\"/etc/x\""));
	assert_int_equal(replay(&opts, &back, &st), -ENODATA);
	assert_same(&live, &back);
	assert_int_equal(st.events, 1000); /* the trailer: the live capture's counters */
	assert_int_equal(st.drops_buffer_full, 7);
	assert_int_equal(st.events_read, 6);
}

static void test_round_trip(void **state)
{
	(void)state;
	round_trip(0);
}

static void test_round_trip_compressed(void **state)
{
	(void)state;
	round_trip(1);
}

static void test_replay_filters(void **state)
{
	struct capture live, back;
	int pid = (int)FAKE_PID;
	KCAP_OPTS(reads, .events = "read");
	KCAP_OPTS(family, .pids = &pid, .npids = 1);
	KCAP_OPTS(bad, .backend = "kmod");

	(void)state;
	record(&live, 0);
	assert_int_equal(replay(&reads, &back, NULL), -ENODATA);
	assert_int_equal(back.n, 3);
	for (size_t i = 0; i < back.n; i++)
		assert_non_null(strstr(back.lines[i], "\"event\":\"read\""));
	/* the pid, and its child from its creation on; not the other process */
	assert_int_equal(replay(&family, &back, NULL), -ENODATA);
	assert_int_equal(back.n, 5);
	assert_string_equal(back.lines[3], live.lines[3]);
	assert_int_equal(replay(&bad, &back, NULL), -EINVAL);
}

static uint8_t *slurp(size_t *len)
{
	struct stat sb;
	uint8_t *data;
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &sb), 0);
	data = malloc((size_t)sb.st_size);
	assert_non_null(data);
	assert_int_equal(read(fd, data, (size_t)sb.st_size), sb.st_size);
	close(fd);
	*len = (size_t)sb.st_size;
	return data;
}

/* Everything the fake backend holds, exported to .scap at path, read back whole. */
static uint8_t *export_scap(size_t *len)
{
	KCAP_OPTS(opts, .backend = "modern");
	struct kcap_writer_opts wo = { .sz = sizeof(wo), .format = KCAP_WRITE_SCAP };
	const struct kcap_event *ev;
	struct kcap_writer *w;
	struct kcap *k;
	char err[512];

	assert_int_equal(kcap_open(&opts, &k, err, sizeof(err)), 0);
	assert_int_equal(kcap_start(k), 0);
	assert_int_equal(kcap_writer_open(k, path, &wo, &w, err, sizeof(err)), 0);
	while (kcap_next(k, &ev, 0) == 0)
		assert_int_equal(kcap_writer_write(w, ev), 0);
	assert_int_equal(kcap_writer_close(w), 0);
	kcap_close(k);
	return slurp(len);
}

/* Replays len bytes at data: events until the end (-ENODATA) or an error. */
static int replay_mem(const uint8_t *data, size_t len, size_t *events, char *msg, size_t msglen)
{
	struct kcap_config cfg;
	struct kcap_threads threads;
	struct kcap_replay *r;
	struct kcap_event ev;
	KCAP_OPTS(opts);
	char line[4096];
	int ret;

	assert_int_equal(kcap_config_from_opts(&cfg, &opts, msg, msglen), 0);
	assert_int_equal(kcap_threads_init(&threads, NULL), 0);
	*events = 0;
	msg[0] = '\0';
	ret = kcap_replay_open(&r, "t.kcap", data, len, &cfg, &threads, msg, msglen);
	while (!ret && (ret = kcap_replay_next(r, &ev)) == 0) {
		assert_true(kcap_format_json(&ev, line, sizeof(line)) > 0);
		assert_true(kcap_format_text(&ev, line, sizeof(line)) > 0);
		(*events)++;
	}
	if (r && r->errmsg[0])
		snprintf(msg, msglen, "%s", r->errmsg);
	else if (r && r->warnings[0])
		snprintf(msg, msglen, "%s", r->warnings);
	kcap_replay_close(r);
	kcap_threads_free(&threads);
	kcap_config_free(&cfg);
	return ret;
}

static void cut_everywhere(int compress)
{
	struct capture live;
	size_t len, events, last = 0;
	uint8_t *data;
	char msg[1024];

	record(&live, compress);
	data = slurp(&len);
	assert_int_equal(replay_mem(data, len, &events, msg, sizeof(msg)), -ENODATA);
	assert_int_equal(events, 6);
	assert_string_equal(msg, "");
	for (size_t cut = 0; cut < len; cut++) {
		int ret = replay_mem(data, cut, &events, msg, sizeof(msg));

		/* what was whole is given, nothing more; the message says why it ends */
		assert_true(events <= 6 && events >= last);
		last = events;
		assert_true(msg[0] != '\0');
		if (ret == -ENODATA)
			assert_true(strstr(msg, "cut short") || strstr(msg, "no trailer"));
	}
	free(data);
}

static void test_cut_at_every_byte(void **state)
{
	(void)state;
	cut_everywhere(0);
}

static void test_cut_at_every_byte_compressed(void **state)
{
	(void)state;
	cut_everywhere(1);
}

static void test_every_flipped_byte_is_found(void **state)
{
	struct capture live;
	size_t len, events;
	uint8_t *data;
	char msg[1024];

	(void)state;
	record(&live, 1);
	data = slurp(&len);
	for (size_t at = 0; at < len; at++) {
		int ret;

		if (at == 10 || at == 11)
			continue; /* the minor version: any is read */
		data[at] ^= 0x5a;
		ret = replay_mem(data, len, &events, msg, sizeof(msg));
		data[at] ^= 0x5a;
		assert_true(ret != -ENODATA || msg[0]);
		assert_true(ret == -ENODATA || strstr(msg, "offset") || strstr(msg, "kcap"));
	}
	free(data);
}

static void test_bad_files(void **state)
{
	static const char text[] = "this is not a capture file\n";
	uint8_t future[16] = { 0x89, 'K', 'C', 'A', 'P', '\r', '\n', 0x1a, 2, 0, 0, 0, 4, 3, 2, 1 };
	size_t events;
	char msg[1024];

	(void)state;
	assert_int_equal(replay_mem((const uint8_t *)"", 0, &events, msg, sizeof(msg)), -EINVAL);
	assert_non_null(strstr(msg, "empty"));
	assert_int_equal(replay_mem((const uint8_t *)text, sizeof(text), &events, msg, sizeof(msg)),
			 -EINVAL);
	assert_non_null(strstr(msg, "not a kcap capture file"));
	assert_int_equal(replay_mem(future, sizeof(future), &events, msg, sizeof(msg)), -EPROTO);
	assert_non_null(strstr(msg, "version 2.0"));
	future[12] = 1, future[15] = 4;
	assert_int_equal(replay_mem(future, sizeof(future), &events, msg, sizeof(msg)), -EINVAL);
	assert_non_null(strstr(msg, "byte order"));
}

/* A file made of the given blocks (types and contents), after a valid head when head. */
struct block {
	uint16_t type;
	const void *data;
	size_t len;
};

static uint8_t *make_file(const struct block *blocks, size_t n, size_t *len)
{
	struct kcap_block_writer w;
	static const char machine[] = "backend\0modern\0mono_to_epoch\0"
				      "0";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(kcap_block_writer_init(&w, fd, path, false), 0);
	assert_int_equal(kcap_block_write(&w, KCAP_FILE_MACHINE, machine, sizeof(machine)), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(
			kcap_block_write(&w, blocks[i].type, blocks[i].data, blocks[i].len), 0);
	kcap_block_writer_free(&w);
	close(fd);
	return slurp(len);
}

/* The error a file of these blocks gives, which must contain expected. */
static void expect_error(const struct block *blocks, size_t n, const char *expected)
{
	size_t len, events;
	uint8_t *data = make_file(blocks, n, &len);
	char msg[1024];
	int ret = replay_mem(data, len, &events, msg, sizeof(msg));

	if (!strstr(msg, expected))
		print_message("got: %s\n", msg);
	assert_true(ret < 0 && ret != -ENODATA);
	assert_non_null(strstr(msg, expected));
	free(data);
}

/* The local table, as a SCHEMA block's bytes. */
static void local_schema(struct kcap_bytes *b)
{
	kcap_schema_put_count(b, KCAP_EV__COUNT);
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++)
		kcap_schema_put(b, (uint16_t)ev, &kcap_event_table[ev]);
}

/* One EVENTS record of a read event whose lengths the caller may then spoil. */
static size_t read_record(uint8_t *buf, uint16_t type)
{
	struct test_param read[] = { P_S64(1), P_S32(3), P_BYTES("x"), P_U64(1) };
	struct kcap_file_event rec = { .cpu = 0 };
	uint32_t wire = test_build(buf + sizeof(rec), type, read, 4);

	rec.len = (uint32_t)sizeof(rec) + wire;
	memcpy(buf, &rec, sizeof(rec));
	return (rec.len + 7u) & ~7u;
}

static void test_hostile_lengths(void **state)
{
	struct kcap_bytes schema = { 0 };
	uint8_t rec[256] __attribute__((aligned(8))) = { 0 };
	size_t n = read_record(rec, KCAP_EV_READ_X);
	struct kcap_file_event fe;
	uint32_t big = 0xfffffff0u;
	struct kcap_evt_hdr *hdr = (struct kcap_evt_hdr *)(rec + sizeof(fe));
	uint8_t lying_count[8] = { 0xff, 0xff, 0xff, 0x7f };
	struct block b[2] = { { KCAP_FILE_SCHEMA, NULL, 0 }, { KCAP_FILE_EVENTS, rec, n } };

	(void)state;
	local_schema(&schema);
	b[0].data = schema.data;
	b[0].len = schema.len;
	memcpy(&fe, rec, sizeof(fe));
	/* the record claims more than its block */
	memcpy(rec, &big, 4);
	expect_error(b, 2, "does not fit");
	memcpy(rec, &fe, sizeof(fe));
	/* the wire event claims more than its record */
	hdr->len += 100;
	expect_error(b, 2, "wire length");
	hdr->len -= 100;
	/* a type the table does not describe */
	hdr->type = 9999;
	expect_error(b, 2, "does not describe");
	hdr->type = KCAP_EV_READ_X;
	/* parameters that do not add up to the wire length */
	hdr->nparams = 3;
	expect_error(b, 2, "does not match");
	hdr->nparams = 4;
	/* descriptor names for parameters it does not have */
	fe.fd_mask = 1u << 20;
	memcpy(rec, &fe, sizeof(fe));
	expect_error(b, 2, "descriptor names");
	fe.fd_mask = 0;
	memcpy(rec, &fe, sizeof(fe));
	/* the table: a count it cannot hold, an entry twice */
	b[0].data = lying_count;
	b[0].len = sizeof(lying_count);
	expect_error(b, 1, "claims");
	kcap_schema_put(&schema, KCAP_EV_READ_X, &kcap_event_table[KCAP_EV_READ_X]);
	memcpy(schema.data, &(uint32_t){ KCAP_EV__COUNT + 1 }, 4);
	b[0].data = schema.data;
	b[0].len = schema.len;
	expect_error(b, 1, "contradicts itself");
	kcap_bytes_free(&schema);
}

/* The file at path replayed through a handle and recorded again: its foreign event survives. */
static void rerecord_foreign(void)
{
	char copy[80], err[512], line[1024];
	KCAP_OPTS(opts, .read_file = path);
	KCAP_OPTS(again, .read_file = copy);
	const struct kcap_event *ev;
	struct kcap_writer *w;
	struct kcap *k;

	snprintf(copy, sizeof(copy), "%s.copy", path);
	assert_int_equal(kcap_open(&opts, &k, err, sizeof(err)), 0);
	assert_int_equal(kcap_writer_open(k, copy, NULL, &w, err, sizeof(err)), 0);
	while (kcap_next(k, &ev, 0) == 0)
		assert_int_equal(kcap_writer_write(w, ev), 0);
	assert_int_equal(kcap_writer_close(w), 0);
	kcap_close(k);
	assert_int_equal(kcap_open(&again, &k, err, sizeof(err)), 0);
	assert_int_equal(kcap_next(k, &ev, 0), 0);
	assert_int_equal(ev->type, KCAP_EVENT_FOREIGN);
	assert_true(kcap_format_json(ev, line, sizeof(line)) > 0);
	assert_non_null(strstr(line, "\"event\":\"frobnicate\""));
	assert_int_equal(kcap_next(k, &ev, 0), -ENODATA);
	kcap_close(k);
	unlink(copy);
}

/* A newer kcap's event, and a known one with another parameter list, decode by the file. */
static void test_unknown_events_decode_by_the_file(void **state)
{
	static const struct kcap_param_info frob_params[] = {
		{ .name = "res", .type = KCAP_PT_S64, .fmt = KCAP_PF_ERRNO },
		{ .name = "path", .type = KCAP_PT_PATH, .fmt = KCAP_PF_PATH },
		{ .name = "level", .type = KCAP_PT_U32, .fmt = KCAP_PF_FLAGS },
	};
	static const struct kcap_event_info frob = {
		.name = "frobnicate",
		.id = "FROBNICATE_X",
		.hook = KCAP_HOOK_SYS_EXIT,
		.syscall_nr = 500,
		.nparams = 3,
		.params = frob_params,
	};
	struct test_param p[] = { P_S64(0), P_STR("/tmp/f"), P_U32(0x30) };
	struct kcap_bytes schema = { 0 };
	uint8_t rec[256] __attribute__((aligned(8))) = { 0 };
	struct kcap_file_event fe = { .cpu = 1, .comm = "frob" };
	struct block b[2] = { { KCAP_FILE_SCHEMA, NULL, 0 }, { KCAP_FILE_EVENTS, rec, 0 } };
	struct kcap_config cfg;
	struct kcap_threads threads;
	struct kcap_replay *r;
	struct kcap_event ev;
	KCAP_OPTS(opts);
	char line[1024];
	uint8_t *data;
	size_t len;

	(void)state;
	kcap_schema_put_count(&schema, 1);
	kcap_schema_put(&schema, 7, &frob);
	fe.len = (uint32_t)sizeof(fe) + test_build(rec + sizeof(fe), 7, p, 3);
	memcpy(rec, &fe, sizeof(fe));
	b[0].data = schema.data;
	b[0].len = schema.len;
	b[1].len = (fe.len + 7u) & ~7u;
	data = make_file(b, 2, &len);
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, line, sizeof(line)), 0);
	assert_int_equal(kcap_threads_init(&threads, NULL), 0);
	assert_int_equal(kcap_replay_open(&r, "t", data, len, &cfg, &threads, line, sizeof(line)),
			 0);
	assert_int_equal(kcap_replay_next(r, &ev), 0);
	assert_int_equal(ev.type, KCAP_EVENT_FOREIGN);
	assert_string_equal(kcap_event_name(&ev), "frobnicate");
	assert_true(kcap_format_json(&ev, line, sizeof(line)) > 0);
	assert_non_null(strstr(line, "\"event\":\"frobnicate\",\"dir\":\"exit\",\"ret\":0,"
				     "\"args\":{\"path\":\"/tmp/f\",\"level\":48}"));
	assert_int_equal(kcap_replay_next(r, &ev), -ENODATA);
	assert_non_null(strstr(r->warnings, "no trailer"));
	kcap_replay_close(r);
	kcap_threads_free(&threads);
	kcap_config_free(&cfg);
	free(data);
	kcap_bytes_free(&schema);
	rerecord_foreign();
}

static void test_write_failures(void **state)
{
	KCAP_OPTS(opts, .backend = "modern");
	const struct kcap_event *ev;
	struct kcap_writer *w;
	struct kcap *k;
	char err[512];
	int ret = 0;

	(void)state;
	prepare();
	assert_int_equal(kcap_open(&opts, &k, err, sizeof(err)), 0);
	assert_int_equal(kcap_start(k), 0);
	assert_int_equal(kcap_writer_open(k, "/nonexistent/dir/c.kcap", NULL, &w, err, sizeof(err)),
			 -ENOENT);
	assert_non_null(strstr(err, "cannot create the capture file /nonexistent/dir/c.kcap"));
	/* a full disk: the head does not fit */
	ret = kcap_writer_open(k, "/dev/full", NULL, &w, err, sizeof(err));
	assert_int_equal(ret, -ENOSPC);
	assert_non_null(strstr(err, "No space left on device"));
	assert_int_equal(kcap_next(k, &ev, 0), 0);
	kcap_close(k);
}

/* The .scap export: a section header first, blocks whose two lengths agree, events whose own add up. */
static void test_scap_export_framing(void **state)
{
	size_t len, off = 0, events = 0, types[4] = { 0 };
	uint8_t *data;

	(void)state;
	prepare();
	data = export_scap(&len);
	while (off + 12 <= len) {
		uint32_t type, total, again;

		memcpy(&type, data + off, 4);
		memcpy(&total, data + off + 4, 4);
		assert_true(total >= 12 && total % 4 == 0 && off + total <= len);
		memcpy(&again, data + off + total - 4, 4);
		assert_int_equal(again, total);
		if (off == 0)
			assert_int_equal(type, 0x0A0D0D0Au);
		if (type == 0x216u) {
			uint32_t evlen, nparams;
			uint16_t evtype;

			memcpy(&evlen, data + off + 8 + 2 + 16, 4);
			memcpy(&evtype, data + off + 8 + 2 + 20, 2);
			memcpy(&nparams, data + off + 8 + 2 + 22, 4);
			assert_true(8 + 2 + evlen + 4 <= total && total - (8 + 2 + evlen + 4) < 4);
			if (evtype == 306 || evtype == 307)
				types[0]++; /* openat */
			else if (evtype == 6 || evtype == 7)
				types[1]++; /* read */
			else if (evtype == 0 || evtype == 1)
				types[2]++; /* generic */
			else if (evtype == 222 || evtype == 223)
				types[3]++; /* clone */
			events++;
		}
		off += total;
	}
	assert_int_equal(off, len);
	/* openat, 3 reads, clone, a generic syscall: each an enter and an exit */
	assert_int_equal(events, 12);
	assert_int_equal(types[0], 2);
	assert_int_equal(types[1], 6);
	assert_int_equal(types[2], 2);
	assert_int_equal(types[3], 2);
	free(data);
}

/* The first event of a .scap export of the given type: parameter idx's value and length. */
static const uint8_t *scap_param(const uint8_t *data, size_t len, uint16_t type, uint32_t idx,
				 uint16_t *plen)
{
	for (size_t off = 0; off + 12 <= len;) {
		uint32_t btype, total, nparams;
		uint16_t evtype, l;
		const uint8_t *lens, *val;

		memcpy(&btype, data + off, 4);
		memcpy(&total, data + off + 4, 4);
		if (btype == 0x216u) {
			memcpy(&evtype, data + off + 8 + 2 + 20, 2);
			memcpy(&nparams, data + off + 8 + 2 + 22, 4);
			lens = data + off + 8 + 2 + 26;
			val = lens + 2 * nparams;
			if (evtype == type && idx < nparams) {
				for (uint32_t i = 0; i < idx; i++) {
					memcpy(&l, lens + 2 * i, 2);
					val += l;
				}
				memcpy(plen, lens + 2 * idx, 2);
				return val;
			}
		}
		off += total;
	}
	return NULL;
}

/*
 * Dedicated events in the format's own encodings: fcntl's command, mmap's
 * protections and flags, poll's fd list; a parameter that is unreadable or
 * short still gets its place in the layout, with a neutral value.
 */
static void test_scap_export_dedicated(void **state)
{
	struct test_param fcntl_x[] = { P_S64(11), P_S32(3), P_U32(F_DUPFD_CLOEXEC), P_U64(10) };
	struct test_param mmap_x[] = { P_S64(0x7f0000000000),
				       P_U64(0),
				       P_U64(8192),
				       P_U32(3), /* PROT_READ|PROT_WRITE */
				       P_U32(0x22), /* MAP_PRIVATE|MAP_ANONYMOUS */
				       P_S32(-1),
				       P_U64(0) };
	/* one struct pollfd: fd 7, POLLIN asked, POLLIN|POLLHUP returned */
	static const char pollfd[] = "\x07\x00\x00\x00\x01\x00\x11\x00";
	struct test_param poll_x[] = { P_S64(1), P_U32(1), P_S32(0), { 8, pollfd } };
	/* unreadable or short user memory */
	struct test_param sockopt_x[] = {
		P_S64(0), P_S32(3), P_U32(1), P_U32(7), P_FAULT, P_U32(4)
	};
	struct test_param ppoll_x[] = { P_S64(0), P_U32(1),	   P_BYTES("\x07\x00\x00"),
					P_FAULT,  P_BYTES("\x01"), P_U64(8) };
	const uint8_t *v;
	uint16_t vlen;
	int64_t fd;
	uint32_t u32;
	uint16_t u16;
	size_t len;
	uint8_t *data;

	(void)state;
	fake_reset();
	fake_add(KCAP_EV_FCNTL_X, FAKE_PID, FAKE_PID, 1 * FAKE_SEC, fcntl_x, 4);
	fake_add(KCAP_EV_MMAP_X, FAKE_PID, FAKE_PID, 2 * FAKE_SEC, mmap_x, 7);
	fake_add(KCAP_EV_POLL_X, FAKE_PID, FAKE_PID, 3 * FAKE_SEC, poll_x, 4);
	fake_add(KCAP_EV_SETSOCKOPT_X, FAKE_PID, FAKE_PID, 4 * FAKE_SEC, sockopt_x, 6);
	fake_add(KCAP_EV_PPOLL_X, FAKE_PID, FAKE_PID, 5 * FAKE_SEC, ppoll_x, 6);
	data = export_scap(&len);
	/* fcntl > fd=3 cmd=26 (PPM_FCNTL_F_DUPFD_CLOEXEC), < res=11 */
	assert_non_null(v = scap_param(data, len, 150, 0, &vlen));
	assert_int_equal(vlen, 8);
	memcpy(&fd, v, 8);
	assert_int_equal(fd, 3);
	assert_non_null(v = scap_param(data, len, 150, 1, &vlen));
	assert_int_equal(vlen, 1);
	assert_int_equal(v[0], 26);
	assert_non_null(v = scap_param(data, len, 151, 0, &vlen));
	memcpy(&fd, v, 8);
	assert_int_equal(fd, 11);
	/* mmap > prot=PPM_PROT_READ|PPM_PROT_WRITE flags=PPM_MAP_PRIVATE|PPM_MAP_ANONYMOUS */
	assert_non_null(v = scap_param(data, len, 160, 2, &vlen));
	memcpy(&u32, v, 4);
	assert_int_equal(u32, 3);
	assert_non_null(v = scap_param(data, len, 160, 3, &vlen));
	memcpy(&u32, v, 4);
	assert_int_equal(u32, (1 << 1) | (1 << 3));
	/* poll > fds: one, POLLIN; < fds: one, PPM_POLLIN|PPM_POLLHUP */
	assert_non_null(v = scap_param(data, len, 80, 0, &vlen));
	assert_int_equal(vlen, 2 + 10);
	memcpy(&u16, v, 2);
	assert_int_equal(u16, 1);
	memcpy(&fd, v + 2, 8);
	assert_int_equal(fd, 7);
	memcpy(&u16, v + 10, 2);
	assert_int_equal(u16, 1);
	assert_non_null(v = scap_param(data, len, 81, 1, &vlen));
	memcpy(&u16, v + 10, 2);
	assert_int_equal(u16, (1 << 0) | (1 << 5));
	/* setsockopt < level SOL_SOCKET, SO_SNDBUF, an unreadable value: its index alone */
	assert_non_null(v = scap_param(data, len, 45, 2, &vlen));
	assert_int_equal(v[0], 1);
	assert_non_null(v = scap_param(data, len, 45, 3, &vlen));
	assert_int_equal(v[0], 7);
	assert_non_null(v = scap_param(data, len, 45, 4, &vlen));
	assert_int_equal(vlen, 1);
	assert_non_null(scap_param(data, len, 45, 5, &vlen));
	assert_int_equal(vlen, 4);
	/* ppoll > a cut pollfd: no fd; an unreadable timeout: -1; one byte of sigmask */
	assert_non_null(v = scap_param(data, len, 254, 0, &vlen));
	assert_int_equal(vlen, 2);
	assert_non_null(v = scap_param(data, len, 254, 1, &vlen));
	memcpy(&fd, v, 8);
	assert_int_equal(fd, -1);
	assert_non_null(v = scap_param(data, len, 254, 2, &vlen));
	memcpy(&u32, v, 4);
	assert_int_equal(u32, 1);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_round_trip_compressed),
		cmocka_unit_test(test_replay_filters),
		cmocka_unit_test(test_cut_at_every_byte),
		cmocka_unit_test(test_cut_at_every_byte_compressed),
		cmocka_unit_test(test_every_flipped_byte_is_found),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_hostile_lengths),
		cmocka_unit_test(test_unknown_events_decode_by_the_file),
		cmocka_unit_test(test_write_failures),
		cmocka_unit_test(test_scap_export_framing),
		cmocka_unit_test(test_scap_export_dedicated),
	};

	snprintf(path, sizeof(path), "/tmp/kcap-test-file-%d.kcap", (int)getpid());
	int ret = cmocka_run_group_tests(tests, NULL, NULL);

	unlink(path);
	return ret;
}
