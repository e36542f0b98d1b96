// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The event table as the public API describes it (kcap_event_type_*). */
#include <errno.h>
#include <string.h>
#include "abi.h"
#include "kcap_event_table.h"
#include "kcap_event_types.h"

_Static_assert((int)KCAP_TYPE__COUNT == (int)KCAP_EV__COUNT,
	       "kcap_event_types.h is of another table");

unsigned int kcap_event_type_count(void)
{
	return KCAP_EV__COUNT;
}

uint32_t kcap_schema_version(void)
{
	return KCAP_SCHEMA_VERSION;
}

int kcap_event_type_info(unsigned int type, struct kcap_event_type_info *caller)
{
	const struct kcap_event_info *ev;
	struct kcap_event_type_info info = { .sz = sizeof(info) };

	if (!caller || caller->sz < sizeof(caller->sz))
		return -EINVAL;
	if (type >= KCAP_EV__COUNT)
		return -ENOENT;
	ev = &kcap_event_table[type];
	info.name = ev->name;
	info.id = ev->id;
	info.dir = kcap_event_dir_of(ev);
	info.syscall_nr = ev->syscall_nr;
	info.nparams = ev->nparams;
	return kcap_abi_fill(caller, &info, sizeof(info));
}

int kcap_event_type_param(unsigned int type, unsigned int i, struct kcap_param_desc *caller)
{
	struct kcap_param_desc d = { .sz = sizeof(d) };

	if (!caller || caller->sz < sizeof(caller->sz))
		return -EINVAL;
	if (type >= KCAP_EV__COUNT || i >= kcap_event_table[type].nparams)
		return -ENOENT;
	d.name = kcap_event_table[type].params[i].name;
	d.type = kcap_event_table[type].params[i].type;
	d.fmt = kcap_event_table[type].params[i].fmt;
	return kcap_abi_fill(caller, &d, sizeof(d));
}

int kcap_event_type_find(const char *name, const char *dir)
{
	for (int ev = 0; name && dir && ev < KCAP_EV__COUNT; ev++)
		if (strcmp(kcap_event_table[ev].name, name) == 0 &&
		    strcmp(kcap_event_dir_of(&kcap_event_table[ev]), dir) == 0)
			return ev;
	return -ENOENT;
}
