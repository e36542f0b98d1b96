// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The thread table: lookups through collisions, growth, deletion, event updates. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "test_util.h"
#include "state/descendants.h"

static void test_insert_lookup_remove_many(void **state)
{
	struct kcap_threads t;
	char name[16];

	(void)state;
	assert_int_equal(kcap_threads_init(&t, "/nonexistent"), 0);
	for (uint32_t tid = 1; tid <= 20000; tid++) {
		snprintf(name, sizeof(name), "t%u", tid);
		kcap_threads_set_comm(&t, tid * 4096, name, 16); /* same low bits: collisions */
	}
	for (uint32_t tid = 1; tid <= 20000; tid += 2)
		kcap_threads_remove(&t, tid * 4096);
	for (uint32_t tid = 1; tid <= 20000; tid++) {
		snprintf(name, sizeof(name), "t%u", tid);
		assert_string_equal(kcap_threads_comm(&t, 1, tid * 4096), tid % 2 ? "?" : name);
	}
	kcap_threads_free(&t);
}

/* <dir>/<pid>/task/<tid>/comm of a fake /proc, holding comm and a newline. */
static void fake_task(const char *dir, uint32_t pid, uint32_t tid, const char *comm)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%u", dir, pid);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%u/task", dir, pid);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%u/task/%u", dir, pid, tid);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%u/task/%u/comm", dir, pid, tid);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s\n", comm);
	fclose(f);
}

static void test_proc_lookup_and_long_names(void **state)
{
	struct kcap_threads t;
	char dir[] = "/tmp/kcap-proc-XXXXXX", path[256];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fake_task(dir, 5, 6, "worker");
	snprintf(path, sizeof(path), "%s/self", dir); /* not an id */
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/7", dir); /* a process gone before its tasks are read */
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/5/task/6/comm", dir);
	assert_int_equal(kcap_threads_init(&t, dir), 0);
	/* the scan at start learns it, and later renames in /proc do not matter */
	assert_int_equal(kcap_threads_scan(&t, 1000), 1);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("renamed\n", f);
	fclose(f);
	assert_string_equal(kcap_threads_comm(&t, 5, 6), "worker");
	kcap_threads_set_comm(&t, 6, "a-very-long-command-name", 24);
	assert_string_equal(kcap_threads_comm(&t, 5, 6), "a-very-long-com");
	kcap_threads_free(&t);
	remove(path);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

static void test_exec_event_renames_thread(void **state)
{
	static uint8_t raw[1024];
	static const char args[] = "ls";
	struct test_param p[] = { P_S64(0),  P_STR("/bin/ls"), { sizeof(args), args },
				  P_S32(1),  P_U32(0),	       P_U32(0),
				  P_U32(0),  P_STR("/"),       P_STR("ls"),
				  P_STR("/") };
	uint32_t len = test_build(raw, KCAP_EV_EXECVE_X, p, 10);
	struct kcap_event ev = test_event(raw, len, "sh");
	struct kcap_threads t;

	(void)state;
	assert_int_equal(test_validate(raw, len), 0);
	assert_int_equal(kcap_threads_init(&t, "/nonexistent"), 0);
	kcap_threads_set_comm(&t, 7, "sh", 3);
	kcap_threads_update(&t, &ev);
	assert_string_equal(kcap_threads_comm(&t, 7, 7), "ls");
	kcap_threads_free(&t);
}

static uint32_t build_fork(uint8_t *raw, uint64_t pidns)
{
	struct test_param p[] = {
		P_S64(0), P_S32(1), P_STR("sh"), P_U32(3), P_U32(3), P_U64(pidns)
	};

	return test_build(raw, KCAP_EV_FORK_X, p, 6);
}

/* A reader in a pid namespace learns a new thread's ids there from its creation event. */
static void test_creation_event_gives_ids_in_reader_pidns(void **state)
{
	static uint8_t raw[1024];
	struct kcap_event ev;
	struct kcap_threads t;
	uint32_t ns_pid = 0, ns_tid = 0;
	uint32_t len;

	(void)state;
	assert_int_equal(kcap_threads_init(&t, NULL), 0);
	t.reader_pidns = 4026532111u;
	len = build_fork(raw, 4026532999u); /* another namespace: nothing to learn */
	ev = test_event(raw, len, "sh");
	kcap_threads_comm(&t, ev.pid, ev.tid);
	kcap_threads_update(&t, &ev);
	assert_false(kcap_threads_ns_ids(&t, ev.tid, &ns_pid, &ns_tid));
	len = build_fork(raw, 4026532111u);
	ev = test_event(raw, len, "sh");
	kcap_threads_update(&t, &ev);
	assert_true(kcap_threads_ns_ids(&t, ev.tid, &ns_pid, &ns_tid));
	assert_int_equal(ns_pid, 3);
	assert_int_equal(ns_tid, 3);
	/* a thread that ended and a new one of the same id: nothing stale */
	kcap_threads_remove(&t, ev.tid);
	kcap_threads_set_comm(&t, ev.tid, "new", 4);
	assert_false(kcap_threads_ns_ids(&t, ev.tid, &ns_pid, &ns_tid));
	kcap_threads_free(&t);
}

/*
 * A thread the backend lists for the reader's namespace: its ids there, its
 * name from that namespace's /proc (by its numbers there, never its global
 * ones); a name the table already has is kept.
 */
static void test_listed_thread_of_reader_pidns(void **state)
{
	char dir[] = "/tmp/kcap-nsproc-XXXXXX", path[256];
	uint32_t ns_pid = 0, ns_tid = 0;
	struct kcap_threads t;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fake_task(dir, 2, 3, "nsworker");
	snprintf(path, sizeof(path), "%s/2/task/3/comm", dir);
	assert_int_equal(kcap_threads_init(&t, NULL), 0);
	t.reader_pidns = 4026532111u;
	kcap_threads_learn_ns_thread(&t, 9003, 2, 3, dir);
	assert_true(kcap_threads_ns_ids(&t, 9003, &ns_pid, &ns_tid));
	assert_int_equal(ns_pid, 2);
	assert_int_equal(ns_tid, 3);
	assert_string_equal(kcap_threads_comm(&t, 9002, 9003), "nsworker");
	/* no /proc of the namespace: ids still, the name unknown */
	kcap_threads_learn_ns_thread(&t, 9004, 2, 4, NULL);
	assert_true(kcap_threads_ns_ids(&t, 9004, &ns_pid, &ns_tid));
	assert_int_equal(ns_tid, 4);
	assert_string_equal(kcap_threads_comm(&t, 9002, 9004), "?");
	/* a thread the table knows keeps its name */
	kcap_threads_set_comm(&t, 9005, "known", 6);
	kcap_threads_learn_ns_thread(&t, 9005, 2, 3, dir);
	assert_string_equal(kcap_threads_comm(&t, 9002, 9005), "known");
	kcap_threads_free(&t);
	remove(path);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

/* kcap -p: the existing descendants of the pids, from a fake /proc with hostile entries. */
static void test_existing_descendants(void **state)
{
	static const struct {
		const char *pid, *stat;
	} procs[] = {
		{ "10", "10 (init) S 1 10 10" },
		{ "20", "20 (a) (b) c) S 10 20 20" }, /* comm with spaces and parentheses */
		{ "30", "30 (child) S 20 30 30" },
		{ "31", "31 (grandchild) R 30 31 31" },
		{ "40", "40 (other) S 1 40 40" },
		{ "41", "41 (garbage" }, /* no closing parenthesis */
		{ "42", "" },
		{ "self", "99 (x) S 20 1 1" }, /* not a pid */
	};
	char dir[] = "/tmp/kcap-proc-XXXXXX", path[256];
	const int roots[] = { 20 };
	int *out;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, procs[i].pid);
		mkdir(path, 0700);
		snprintf(path, sizeof(path), "%s/%s/stat", dir, procs[i].pid);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(procs[i].stat, f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/50", dir); /* vanished: no stat */
	mkdir(path, 0700);
	assert_int_equal(kcap_proc_descendants(dir, roots, 1, &out, &n), 0);
	assert_int_equal(n, 2);
	assert_true((out[0] == 30 && out[1] == 31) || (out[0] == 31 && out[1] == 30));
	free(out);
	assert_int_equal(kcap_proc_descendants("/nonexistent", roots, 1, &out, &n), -ENOENT);
	assert_null(out);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_existing_descendants),
		cmocka_unit_test(test_insert_lookup_remove_many),
		cmocka_unit_test(test_proc_lookup_and_long_names),
		cmocka_unit_test(test_exec_event_renames_thread),
		cmocka_unit_test(test_creation_event_gives_ids_in_reader_pidns),
		cmocka_unit_test(test_listed_thread_of_reader_pidns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
