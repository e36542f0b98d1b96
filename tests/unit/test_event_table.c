// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The event table is well formed: names, parameters, syscalls, symbol tables. */
#include "test_util.h"

static void test_every_event_is_well_formed(void **state)
{
	(void)state;
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const struct kcap_event_info *e = &kcap_event_table[ev];

		assert_non_null(e->name);
		assert_non_null(e->id);
		assert_true(e->nparams > 0 && e->nparams <= 16);
		for (int i = 0; i < e->nparams; i++) {
			assert_non_null(e->params[i].name);
			assert_true(e->params[i].type < KCAP_PT__COUNT);
			for (int j = 0; j < i; j++)
				assert_string_not_equal(e->params[i].name, e->params[j].name);
		}
		assert_null(e->params[e->nparams].name); /* terminated */
		if (e->hook == KCAP_HOOK_SYS_EXIT) {
			assert_string_equal(e->params[0].name, "res");
			assert_int_equal(e->params[0].type, KCAP_PT_S64);
		}
		/* only the events of any syscall have none of their own */
		if (e->hook != KCAP_HOOK_PROC_EXIT && e->hook != KCAP_HOOK_IO_URING &&
		    ev != KCAP_EV_GENERIC_X && ev != KCAP_EV_COMPAT_X && ev != KCAP_EV_X32_X)
			assert_true(e->syscall_nr >= 0);
	}
}

static void test_ids_and_names_are_unique(void **state)
{
	(void)state;
	for (int a = 0; a < KCAP_EV__COUNT; a++)
		for (int b = 0; b < a; b++) {
			const struct kcap_event_info *x = &kcap_event_table[a],
						     *y = &kcap_event_table[b];

			assert_string_not_equal(x->id, y->id);
			/* one event per (syscall, direction) */
			if (strcmp(x->name, y->name) == 0)
				assert_int_not_equal(x->hook, y->hook);
			if (x->syscall_nr >= 0)
				assert_false(x->syscall_nr == y->syscall_nr && x->hook == y->hook);
		}
}

static void test_syscall_numbers_match_names(void **state)
{
	(void)state;
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const struct kcap_event_info *e = &kcap_event_table[ev];

		if (e->syscall_nr < 0)
			continue;
		assert_non_null(kcap_syscall_name(e->syscall_nr));
		assert_string_equal(kcap_syscall_name(e->syscall_nr), e->name);
		assert_int_equal(kcap_syscall_nr(e->name), e->syscall_nr);
	}
	assert_string_equal(kcap_syscall_name(0), "read");
	assert_string_equal(kcap_syscall_name(59), "execve");
	assert_null(kcap_syscall_name(-1));
	assert_null(kcap_syscall_name(KCAP_MAX_SYSCALLS));
	assert_int_equal(kcap_syscall_nr("no_such_call"), -1);
	for (int a = 0; a < KCAP_MAX_SYSCALLS; a++)
		if (kcap_syscall_name(a))
			assert_int_equal(kcap_syscall_nr(kcap_syscall_name(a)), a);
}

/*
 * Enter events exist only where an argument can change before the exit
 * (TOCTOU: the open family, connect) or the syscall never returns.
 */
static void test_enter_events_are_the_toctou_and_noreturn_ones(void **state)
{
	static const char *const allowed[] = { "open",	  "openat", "openat2",	 "creat",
					       "connect", "exit",   "exit_group" };

	(void)state;
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const struct kcap_event_info *e = &kcap_event_table[ev];
		bool ok = false;

		if (e->hook != KCAP_HOOK_SYS_ENTER)
			continue;
		for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
			ok |= strcmp(e->name, allowed[i]) == 0;
		assert_true(ok);
	}
}

static void test_fixed_sizes(void **state)
{
	(void)state;
	/* header + 2 lengths + s64 res + s32 fd */
	assert_int_equal(KCAP_SIZE_CLOSE_X, 32 + 4 + 8 + 4);
	assert_true(KCAP_EVENT_IS_FIXED(CLOSE_X));
	assert_true(KCAP_EVENT_IS_FIXED(GENERIC_X));
	assert_true(KCAP_EVENT_IS_FIXED(MMAP_X));
	assert_false(KCAP_EVENT_IS_FIXED(OPENAT_X));
	assert_false(KCAP_EVENT_IS_FIXED(EXECVE_X));
	assert_int_equal(sizeof(struct kcap_evt_hdr), KCAP_HDR_SIZE);
	assert_int_equal(sizeof(struct kcap_kstats), 128); /* two cache lines */
}

static void test_symbol_tables(void **state)
{
	(void)state;
	for (int t = KCAP_ST_NONE + 1; t < KCAP_ST__COUNT; t++) {
		const struct kcap_symbol_set *set = kcap_symbol_set(t);

		assert_non_null(set);
		for (const struct kcap_symbol *b = set->bits; b && b->name; b++) {
			for (const struct kcap_symbol *x = set->extra_bits; x && x->name; x++)
				assert_int_not_equal(x->value, b->value);
			assert_int_equal(__builtin_popcountll(b->value), 1); /* single bits */
			assert_int_equal(b->value & set->enum_mask, 0);
			for (const struct kcap_symbol *c = set->bits; c < b; c++)
				assert_int_not_equal(c->value, b->value);
		}
	}
	assert_null(kcap_symbol_set(KCAP_ST_NONE));
	/* Every FLAGS/ENUM parameter names a table. */
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++)
		for (int i = 0; i < kcap_event_table[ev].nparams; i++) {
			const struct kcap_param_info *p = &kcap_event_table[ev].params[i];

			if (p->fmt == KCAP_PF_FLAGS || p->fmt == KCAP_PF_ENUM)
				assert_int_not_equal(p->table, KCAP_ST_NONE);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_event_is_well_formed),
		cmocka_unit_test(test_ids_and_names_are_unique),
		cmocka_unit_test(test_syscall_numbers_match_names),
		cmocka_unit_test(test_enter_events_are_the_toctou_and_noreturn_ones),
		cmocka_unit_test(test_fixed_sizes),
		cmocka_unit_test(test_symbol_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
