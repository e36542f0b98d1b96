/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The descriptor parameters of an event, named from the descriptor table:
 * each event type's descriptor parameters are known from the event table,
 * once; an argument is named as it was before the syscall, a result
 * (res of open, dup, accept; pipe's and socketpair's fd0 and fd1; dup2's and
 * dup3's newfd) as what the syscall made of it.
 */
#ifndef KCAP_FD_NAMES_H
#define KCAP_FD_NAMES_H

#include <stdint.h>
#include "kcap.h"
#include "kcap_events.h"
#include "fds.h"

/* Room for the names of one event's descriptors: three paths of PATH_MAX. */
#define KCAP_FD_NAMES_BUF (3 * (4096 + 1))

struct kcap_fd_names {
	struct kcap_fds table;
	uint32_t fd_params[KCAP_EV__COUNT]; /* bit i: parameter i is a descriptor */
	uint32_t fd_results[KCAP_EV__COUNT]; /* of those, the syscall's results */
	struct kcap_fd fds[KCAP_EVENT_MAX_PARAMS]; /* the event's, by parameter */
	char buf[KCAP_FD_NAMES_BUF]; /* their names */
	uint32_t used;
};

int kcap_fd_names_init(struct kcap_fd_names *n, const char *proc_root);
void kcap_fd_names_free(struct kcap_fd_names *n);
/*
 * Names ev's descriptor parameters (ev->fd_mask, ev->fds) and applies what
 * ev does to the table, in between: arguments first, then the result.
 */
void kcap_fd_names_event(struct kcap_fd_names *n, struct kcap_event *ev);

#endif /* KCAP_FD_NAMES_H */
