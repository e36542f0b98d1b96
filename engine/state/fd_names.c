// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* An event's descriptor parameters, named (fd_names.h). */
#include <errno.h>
#include <string.h>
#include "fd_names.h"
#include "decode/decode.h"

int kcap_fd_names_init(struct kcap_fd_names *n, const char *proc_root)
{
	for (unsigned int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const struct kcap_event_info *info = &kcap_event_table[ev];

		n->fd_params[ev] = n->fd_results[ev] = 0;
		for (unsigned int i = 0; i < info->nparams && i < KCAP_EVENT_MAX_PARAMS; i++) {
			const char *name = info->params[i].name;

			if (info->params[i].fmt != KCAP_PF_FD)
				continue;
			n->fd_params[ev] |= 1u << i;
			if ((i == 0 && kcap_event_has_res(info)) || !strcmp(name, "fd0") ||
			    !strcmp(name, "fd1") || !strcmp(name, "newfd"))
				n->fd_results[ev] |= 1u << i;
		}
	}
	n->used = 0;
	return kcap_fds_init(&n->table, proc_root);
}

void kcap_fd_names_free(struct kcap_fd_names *n)
{
	kcap_fds_free(&n->table);
}

/* Names the descriptor parameters of mask, copying their names: the update may free them. */
static void name_params(struct kcap_fd_names *n, struct kcap_event *ev, uint32_t mask)
{
	while (mask) {
		unsigned int i = (unsigned int)__builtin_ctz(mask);
		struct kcap_fd_ref ref;
		struct kcap_param p;
		int64_t fd;

		mask &= mask - 1;
		if (kcap_event_param(ev, i, &p) || p.faulted || kcap_param_int(&p, &fd) ||
		    !kcap_fds_resolve(&n->table, ev, fd, &ref))
			continue;
		if (ref.name_len + 1 > sizeof(n->buf) - n->used)
			continue;
		memcpy(n->buf + n->used, ref.name, ref.name_len);
		n->buf[n->used + ref.name_len] = '\0';
		n->fds[i] = (struct kcap_fd){ .kind = ref.kind,
					      .name = n->buf + n->used,
					      .name_len = ref.name_len };
		n->used += ref.name_len + 1;
		ev->fd_mask |= 1u << i;
	}
}

void kcap_fd_names_event(struct kcap_fd_names *n, struct kcap_event *ev)
{
	uint32_t mask = ev->type < KCAP_EV__COUNT ? n->fd_params[ev->type] : 0;
	uint32_t result = ev->type < KCAP_EV__COUNT ? n->fd_results[ev->type] : 0;

	ev->fd_mask = 0;
	ev->fds = n->fds;
	n->used = 0;
	name_params(n, ev, mask & ~result);
	kcap_fds_update(&n->table, ev);
	name_params(n, ev, result);
}
