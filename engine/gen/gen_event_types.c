// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Writes kcap_event_types.h, the installed header of the event table's
 * numbers, from shared/events.def: event types, wire types, print formats,
 * and the schema version (a hash of the table's every name, type and
 * format, so that any change to the table changes it).
 */
#include <stdint.h>
#include <stdio.h>
#include "kcap_events.h"
#include "kcap_event_table.h"

static uint32_t fnv1a(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return (h ^ '\n') * 16777619u;
}

static uint32_t schema_hash(void)
{
	uint32_t h = 2166136261u;

#define P(pname, ptype, pfmt, ptable) h = fnv1a(h, #pname " " #ptype " " #pfmt);
#define KCAP_EVENT(id, name, hook, sc, params)        \
	h = fnv1a(h, #id " " name " " #hook " " #sc); \
	params
#include "events.def"
#undef KCAP_EVENT
#undef P
	return h;
}

int main(void)
{
	puts("/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */\n"
	     "/* Generated from kcap's event table (shared/events.def): do not edit. */\n"
	     "#ifndef KCAP_EVENT_TYPES_H\n#define KCAP_EVENT_TYPES_H\n");
	printf("/* Changes whenever the event table does; kcap_schema_version() is the library's. */\n"
	       "#define KCAP_SCHEMA_VERSION 0x%08xu\n\n",
	       schema_hash());
	puts("/* struct kcap_event's type. */\nenum kcap_type {");
#define P(pname, ptype, pfmt, ptable)
#define KCAP_EVENT(id, name, hook, sc, params) \
	printf("\tKCAP_TYPE_%s = %d, /* %s */\n", #id, KCAP_EV_##id, name);
#include "events.def"
#undef KCAP_EVENT
#undef P
	printf("\tKCAP_TYPE__COUNT = %d\n};\n\n", KCAP_EV__COUNT);
	puts("/* struct kcap_param's type: how its bytes are encoded. */\nenum kcap_param_wire {");
	for (unsigned int t = 0; t < KCAP_PT__COUNT; t++)
		printf("\tKCAP_PARAM_%s = %u,\n", kcap_param_type_name(t), t);
	puts("};\n\n/* struct kcap_param's fmt: how kcap shows it. */\nenum kcap_param_show {");
	for (unsigned int f = 0; f < KCAP_PF__COUNT; f++)
		printf("\tKCAP_SHOW_%s = %u,\n", kcap_param_fmt_name(f), f);
	puts("};\n\n#endif /* KCAP_EVENT_TYPES_H */");
	return 0;
}
