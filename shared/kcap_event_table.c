// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The userspace event table and syscall names, expanded from the .def files. */
#include <string.h>
#include "kcap_event_table.h"

#define P(pname, ptype, pfmt, ptable) \
	{ .name = #pname,             \
	  .type = KCAP_PT_##ptype,    \
	  .fmt = KCAP_PF_##pfmt,      \
	  .table = KCAP_ST_##ptable },
#define KCAP_EVENT(evid, evname, evhook, sc, plist)          \
	[KCAP_EV_##evid] = { .name = evname,                 \
			     .id = #evid,                    \
			     .hook = KCAP_HOOK_##evhook,     \
			     .syscall_nr = KCAP_NR_##sc,     \
			     .nparams = KCAP_NPARAMS_##evid, \
			     .params = (const struct kcap_param_info[]){ plist{ 0 } } },
const struct kcap_event_info kcap_event_table[KCAP_EV__COUNT] = {
#include "events.def"
};
#undef KCAP_EVENT
#undef P

const char *kcap_param_type_name(unsigned int type)
{
	static const char *const names[KCAP_PT__COUNT] = {
		[KCAP_PT_S64] = "S64",	       [KCAP_PT_U64] = "U64",
		[KCAP_PT_S32] = "S32",	       [KCAP_PT_U32] = "U32",
		[KCAP_PT_STR] = "STR",	       [KCAP_PT_PATH] = "PATH",
		[KCAP_PT_BYTES] = "BYTES",     [KCAP_PT_SOCKADDR] = "SOCKADDR",
		[KCAP_PT_STRLIST] = "STRLIST",
	};

	return type < KCAP_PT__COUNT && names[type] ? names[type] : "?";
}

const char *kcap_param_fmt_name(unsigned int fmt)
{
#define KCAP_PARAM_FMT_NAME(name) [KCAP_PF_##name] = #name,
	static const char *const names[KCAP_PF__COUNT] = { KCAP_PARAM_FMTS(KCAP_PARAM_FMT_NAME) };
#undef KCAP_PARAM_FMT_NAME

	return fmt < KCAP_PF__COUNT ? names[fmt] : "?";
}

static int event_of_syscall(int nr, enum kcap_hook hook)
{
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++)
		if (kcap_event_table[ev].syscall_nr == nr && kcap_event_table[ev].hook == hook)
			return ev;
	return -1;
}

int kcap_exit_event_of_syscall(int nr)
{
	int ev = event_of_syscall(nr, KCAP_HOOK_SYS_EXIT);

	return ev >= 0 ? ev : KCAP_EV_GENERIC_X;
}

int kcap_enter_event_of_syscall(int nr)
{
	return event_of_syscall(nr, KCAP_HOOK_SYS_ENTER);
}

static const char *const syscall_names[KCAP_MAX_SYSCALLS] = {
#define KCAP_SYSCALL(nr, name) [nr] = #name,
#include "syscalls_x86_64.def"
#undef KCAP_SYSCALL
};

static const char *const syscall_names_ia32[KCAP_MAX_SYSCALLS] = {
#define KCAP_SYSCALL_IA32(nr, name) [nr] = #name,
#include "syscalls_ia32.def"
#undef KCAP_SYSCALL_IA32
};

const char *kcap_syscall_name_ia32(int nr)
{
	if (nr < 0 || nr >= KCAP_MAX_SYSCALLS)
		return NULL;
	return syscall_names_ia32[nr];
}

const char *kcap_syscall_name(int nr)
{
	if (nr < 0 || nr >= KCAP_MAX_SYSCALLS)
		return NULL;
	return syscall_names[nr];
}

int kcap_syscall_nr(const char *name)
{
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		if (syscall_names[nr] && strcmp(syscall_names[nr], name) == 0)
			return nr;
	return -1;
}
