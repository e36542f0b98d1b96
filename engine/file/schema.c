// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The capture file's event table: names, types and formats, matched to this library's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schema.h"

void kcap_schema_put_count(struct kcap_bytes *b, uint32_t count)
{
	kcap_bytes_u32(b, count);
}

void kcap_schema_put(struct kcap_bytes *b, uint16_t type, const struct kcap_event_info *info)
{
	kcap_bytes_u16(b, type);
	kcap_bytes_u8(b, info->hook);
	kcap_bytes_u8(b, 0);
	kcap_bytes_u16(b, (uint16_t)info->syscall_nr);
	kcap_bytes_u16(b, info->nparams);
	kcap_bytes_str8(b, info->name);
	kcap_bytes_str8(b, info->id);
	for (unsigned int i = 0; i < info->nparams; i++) {
		kcap_bytes_str8(b, info->params[i].name);
		kcap_bytes_str8(b, kcap_param_type_name(info->params[i].type));
		kcap_bytes_str8(b, kcap_param_fmt_name(info->params[i].fmt));
	}
}

/* One entry as read, strings included. */
struct entry {
	uint16_t type;
	uint8_t hook;
	int16_t syscall_nr;
	uint16_t nparams;
	char name[256], id[256];
	struct {
		char name[256];
		int type; /* -1: a wire type this library does not know */
		int fmt; /* -1: a format this library does not know */
	} params[KCAP_MAX_PARAMS];
};

static int lookup(const char *name, const char *(*name_of)(unsigned int), unsigned int count)
{
	for (unsigned int i = 0; i < count; i++)
		if (strcmp(name_of(i), name) == 0)
			return (int)i;
	return -1;
}

/* This library's event of e's id when it has the same parameters, or -1. */
static int local_match(const struct entry *e)
{
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const struct kcap_event_info *info = &kcap_event_table[ev];

		if (strcmp(info->id, e->id) != 0)
			continue;
		if (info->hook != e->hook || info->nparams != e->nparams ||
		    strcmp(info->name, e->name) != 0)
			return -1;
		for (unsigned int i = 0; i < e->nparams; i++)
			if (strcmp(info->params[i].name, e->params[i].name) != 0 ||
			    (int)info->params[i].type != e->params[i].type)
				return -1;
		return ev;
	}
	return -1;
}

/*
 * Formats that read only their own bytes are kept for an event described by
 * the file; those that need this library's symbols or other parameters of a
 * known event fall back to what the wire type shows plainly.
 */
static uint8_t foreign_fmt(int type, int fmt)
{
	switch (fmt) {
	case KCAP_PF_DEC:
	case KCAP_PF_HEX:
	case KCAP_PF_OCT:
	case KCAP_PF_DEV:
	case KCAP_PF_FD:
	case KCAP_PF_ERRNO:
	case KCAP_PF_PID:
	case KCAP_PF_UID:
	case KCAP_PF_ADDR:
	case KCAP_PF_SIGNAL:
	case KCAP_PF_SYSCALL:
	case KCAP_PF_MODE:
		if (type <= KCAP_PT_U32)
			return (uint8_t)fmt;
		break;
	case KCAP_PF_PATH:
	case KCAP_PF_STR:
		if (type == KCAP_PT_STR || type == KCAP_PT_PATH)
			return (uint8_t)fmt;
		break;
	case KCAP_PF_SOCKADDR:
		if (type == KCAP_PT_SOCKADDR)
			return (uint8_t)fmt;
		break;
	case KCAP_PF_ARGV:
		if (type == KCAP_PT_STRLIST)
			return (uint8_t)fmt;
		break;
	default:
		break;
	}
	switch (type) {
	case KCAP_PT_S64:
	case KCAP_PT_S32:
		return KCAP_PF_DEC;
	case KCAP_PT_U64:
	case KCAP_PT_U32:
		return KCAP_PF_HEX;
	case KCAP_PT_STR:
		return KCAP_PF_STR;
	case KCAP_PT_PATH:
		return KCAP_PF_PATH;
	case KCAP_PT_SOCKADDR:
		return KCAP_PF_SOCKADDR;
	case KCAP_PT_STRLIST:
		return KCAP_PF_ARGV;
	default:
		return KCAP_PF_BUFFER;
	}
}

/* A description of e, added to the schema's list: one allocation, strings included. */
static struct kcap_event_info *build_foreign(struct kcap_file_schema *s, const struct entry *e)
{
	size_t strings = strlen(e->name) + 1 + strlen(e->id) + 1, size;
	struct kcap_schema_foreign *f;
	struct kcap_event_info *info;
	struct kcap_param_info *params;
	char *str;

	for (unsigned int i = 0; i < e->nparams; i++)
		strings += strlen(e->params[i].name) + 1;
	size = sizeof(*f) + sizeof(*params) * e->nparams + strings;
	f = calloc(1, size);
	if (!f)
		return NULL;
	f->next = s->foreign;
	s->foreign = f;
	info = &f->info;
	params = (struct kcap_param_info *)(f + 1);
	str = (char *)(params + e->nparams);
#define COPY_STRING(dst, src)                \
	do {                                 \
		size_t n_ = strlen(src) + 1; \
		memcpy(str, src, n_);        \
		dst = str;                   \
		str += n_;                   \
	} while (0)
	COPY_STRING(info->name, e->name);
	COPY_STRING(info->id, e->id);
	for (unsigned int i = 0; i < e->nparams; i++) {
		int type = e->params[i].type < 0 ? KCAP_PT_BYTES : e->params[i].type;

		COPY_STRING(params[i].name, e->params[i].name);
		params[i].type = (uint8_t)type;
		params[i].fmt = foreign_fmt(type, e->params[i].fmt);
		params[i].table = KCAP_ST_NONE;
	}
#undef COPY_STRING
	info->hook = e->hook;
	info->syscall_nr = e->syscall_nr;
	info->nparams = e->nparams;
	info->params = params;
	return info;
}

static int read_entry(struct kcap_cursor *c, struct entry *e)
{
	char tmp[256];

	e->type = kcap_cursor_u16(c);
	e->hook = kcap_cursor_u8(c);
	kcap_cursor_u8(c);
	e->syscall_nr = (int16_t)kcap_cursor_u16(c);
	e->nparams = kcap_cursor_u16(c);
	kcap_cursor_str8(c, e->name);
	kcap_cursor_str8(c, e->id);
	if (c->bad || e->nparams > KCAP_MAX_PARAMS)
		return -EBADMSG;
	for (unsigned int i = 0; i < e->nparams; i++) {
		kcap_cursor_str8(c, e->params[i].name);
		kcap_cursor_str8(c, tmp);
		e->params[i].type = lookup(tmp, kcap_param_type_name, KCAP_PT__COUNT);
		kcap_cursor_str8(c, tmp);
		e->params[i].fmt = lookup(tmp, kcap_param_fmt_name, KCAP_PF__COUNT);
	}
	return c->bad || !e->name[0] || !e->id[0] ? -EBADMSG : 0;
}

static int ensure_types(struct kcap_file_schema *s, uint32_t type)
{
	struct kcap_schema_type *p;
	uint32_t n = s->ntypes ? s->ntypes : 256;

	if (type < s->ntypes)
		return 0;
	while (n <= type)
		n *= 2;
	p = realloc(s->types, sizeof(*p) * n);
	if (!p)
		return -ENOMEM;
	memset(p + s->ntypes, 0, sizeof(*p) * (n - s->ntypes));
	s->types = p;
	s->ntypes = n;
	return 0;
}

int kcap_schema_add(struct kcap_file_schema *s, const uint8_t *data, size_t len, char *err,
		    size_t errlen)
{
	struct kcap_cursor c = { .data = data, .len = len };
	uint32_t count = kcap_cursor_u32(&c);
	struct entry *e = malloc(sizeof(*e));
	int ret = 0;

	if (!e)
		return -ENOMEM;
	/* every entry takes at least 10 bytes: a lying count ends at the block's end */
	if (c.bad || count > (len - 4) / 10) {
		snprintf(err, errlen, "its event table claims %u entries in %zu bytes", count, len);
		ret = -EBADMSG;
	}
	for (uint32_t i = 0; !ret && i < count; i++) {
		struct kcap_schema_type *t;
		struct kcap_event_info *info;
		int local;

		if (read_entry(&c, e)) {
			snprintf(err, errlen, "entry %u of its event table is malformed", i);
			ret = -EBADMSG;
			break;
		}
		if (e->type == KCAP_EVENT_FOREIGN || ensure_types(s, e->type)) {
			snprintf(err, errlen, "entry %u of its event table has type %u", i,
				 e->type);
			ret = e->type == KCAP_EVENT_FOREIGN ? -EBADMSG : -ENOMEM;
			break;
		}
		t = &s->types[e->type];
		if (t->info) {
			snprintf(err, errlen,
				 "its event table contradicts itself: type %u (%s) is described "
				 "twice",
				 e->type, e->name);
			ret = -EBADMSG;
			break;
		}
		local = local_match(e);
		if (local >= 0) {
			t->info = &kcap_event_table[local];
			t->local = (uint16_t)local;
		} else {
			info = build_foreign(s, e);
			if (!info) {
				snprintf(err, errlen, "out of memory for its event table");
				ret = -ENOMEM;
				break;
			}
			t->info = info;
			t->local = KCAP_EVENT_FOREIGN;
		}
		s->described++;
	}
	if (!ret && c.off != c.len) {
		snprintf(err, errlen, "its event table has %zu bytes past its %u entries",
			 c.len - c.off, count);
		ret = -EBADMSG;
	}
	free(e);
	return ret;
}

const struct kcap_schema_type *kcap_schema_type(const struct kcap_file_schema *s, uint32_t t)
{
	return t < s->ntypes && s->types[t].info ? &s->types[t] : NULL;
}

void kcap_schema_free(struct kcap_file_schema *s)
{
	while (s->foreign) {
		struct kcap_schema_foreign *next = s->foreign->next;

		free(s->foreign);
		s->foreign = next;
	}
	free(s->types);
	memset(s, 0, sizeof(*s));
}
