// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Table-driven access to the parameters of wire-format events. */
#include <errno.h>
#include <string.h>
#include "decode.h"

int kcap_event_decode_info(const void *rec, uint32_t len, const struct kcap_event_info *info,
			   uint32_t *param_off)
{
	const struct kcap_evt_hdr *hdr = rec;
	const uint8_t *plen_bytes = (const uint8_t *)rec + KCAP_HDR_SIZE;
	uint32_t off;

	if (len < KCAP_HDR_SIZE || hdr->len > len || hdr->len < KCAP_HDR_SIZE)
		return -EINVAL;
	if (hdr->nparams != info->nparams || hdr->nparams > KCAP_MAX_PARAMS)
		return -EINVAL;
	off = KCAP_HDR_SIZE + 2u * hdr->nparams; /* nparams <= KCAP_MAX_PARAMS: no overflow */
	if (off > hdr->len)
		return -EINVAL;
	for (unsigned int i = 0; i < hdr->nparams; i++) {
		uint16_t pl;

		memcpy(&pl, plen_bytes + 2 * (size_t)i, sizeof(pl));
		param_off[i] = off;
		if (pl != KCAP_PLEN_FAULT)
			off += pl;
	}
	return off == hdr->len ? 0 : -EINVAL;
}

int kcap_event_decode(const void *rec, uint32_t len, uint32_t *param_off)
{
	const struct kcap_evt_hdr *hdr = rec;

	if (len < KCAP_HDR_SIZE || hdr->type >= KCAP_EV__COUNT)
		return -EINVAL;
	return kcap_event_decode_info(rec, len, &kcap_event_table[hdr->type], param_off);
}

void kcap_event_from_record(struct kcap_event *ev, const void *rec, uint32_t len,
			    const uint32_t *param_off)
{
	const struct kcap_evt_hdr *hdr = rec;

	ev->ts = hdr->ts;
	ev->pid = hdr->pid;
	ev->tid = hdr->tid;
	ev->type = hdr->type;
	ev->nparams = hdr->nparams;
	ev->raw = rec;
	ev->raw_len = len;
	ev->changed = 0; /* the engine compares it with its enter event (state/pairs.c) */
	ev->ns_pid = ev->ns_tid = 0; /* the engine knows them (state/threads.c) */
	ev->fd_mask = 0; /* the engine names descriptors (state/fd_names.c) */
	ev->fds = NULL;
	ev->schema = NULL;
	memcpy(ev->param_off, param_off, sizeof(*param_off) * hdr->nparams);
}

const char *kcap_event_name(const struct kcap_event *ev)
{
	return kcap_event_info_of(ev)->name;
}

const char *kcap_event_dir(const struct kcap_event *ev)
{
	return kcap_event_dir_of(kcap_event_info_of(ev));
}

int kcap_event_param(const struct kcap_event *ev, unsigned int i, struct kcap_param *p)
{
	const struct kcap_event_info *info = kcap_event_info_of(ev);
	const uint8_t *base = ev->raw;
	uint16_t pl;

	if (i >= ev->nparams || i >= info->nparams)
		return -ENOENT;
	/* a decoded event: param_off[i] and the length stay within raw_len */
	memcpy(&pl, base + KCAP_HDR_SIZE + 2 * (size_t)i, sizeof(pl));
	p->name = info->params[i].name;
	p->type = info->params[i].type;
	p->fmt = info->params[i].fmt;
	p->faulted = pl == KCAP_PLEN_FAULT;
	p->truncated = (((const struct kcap_evt_hdr *)base)->truncated >> i) & 1;
	p->len = p->faulted ? 0 : pl;
	p->data = base + ev->param_off[i];
	return 0;
}

/* Integer parameters of any wire width, sign-extended per type. */
int kcap_param_int(const struct kcap_param *p, int64_t *v)
{
	switch (p->type) {
	case KCAP_PT_S64:
	case KCAP_PT_U64: {
		uint64_t u;

		if (p->len != 8)
			return -EINVAL;
		memcpy(&u, p->data, 8);
		*v = (int64_t)u;
		return 0;
	}
	case KCAP_PT_S32: {
		int32_t s;

		if (p->len != 4)
			return -EINVAL;
		memcpy(&s, p->data, 4);
		*v = s;
		return 0;
	}
	case KCAP_PT_U32: {
		uint32_t u;

		if (p->len != 4)
			return -EINVAL;
		memcpy(&u, p->data, 4);
		*v = u;
		return 0;
	}
	default:
		return -EINVAL;
	}
}

int kcap_event_ret(const struct kcap_event *ev, int64_t *ret)
{
	struct kcap_param p;

	if (!kcap_event_has_res(kcap_event_info_of(ev)) || kcap_event_param(ev, 0, &p))
		return -ENOENT;
	return kcap_param_int(&p, ret);
}

int kcap_event_param_by_name(const struct kcap_event *ev, const char *name, struct kcap_param *p)
{
	const struct kcap_event_info *info = kcap_event_info_of(ev);

	for (unsigned int i = 0; i < ev->nparams && i < info->nparams; i++)
		if (strcmp(info->params[i].name, name) == 0)
			return kcap_event_param(ev, i, p);
	return -ENOENT;
}

int kcap_event_fd(const struct kcap_event *ev, unsigned int i, struct kcap_fd *fd)
{
	if (i >= ev->nparams || i >= KCAP_EVENT_MAX_PARAMS || !((ev->fd_mask >> i) & 1) || !ev->fds)
		return -ENOENT;
	*fd = ev->fds[i];
	return 0;
}

const char *kcap_fd_kind_name(int kind)
{
	static const char *const names[] = {
		[KCAP_FD_UNKNOWN] = "unknown",	 [KCAP_FD_FILE] = "file",
		[KCAP_FD_IPV4] = "ipv4",	 [KCAP_FD_IPV6] = "ipv6",
		[KCAP_FD_UNIX] = "unix",	 [KCAP_FD_SOCKET] = "socket",
		[KCAP_FD_PIPE] = "pipe",	 [KCAP_FD_EVENTFD] = "eventfd",
		[KCAP_FD_SIGNALFD] = "signalfd", [KCAP_FD_TIMERFD] = "timerfd",
		[KCAP_FD_INOTIFY] = "inotify",	 [KCAP_FD_EPOLL] = "epoll",
		[KCAP_FD_MEMFD] = "memfd",	 [KCAP_FD_ANON] = "anon_inode",
	};

	if (kind < 0 || (size_t)kind >= sizeof(names) / sizeof(names[0]) || !names[kind])
		return "unknown";
	return names[kind];
}
