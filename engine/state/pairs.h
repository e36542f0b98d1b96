/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Enter and exit of one syscall, compared. An argument the kernel reads from
 * the caller's memory (a path, an address) is captured at enter, before the
 * kernel copies it, and again at exit: a second thread that rewrites it in
 * between (to show an innocent name at exit) makes them differ. Each exit
 * event says which of its parameters differ from its enter event's, where
 * both were readable.
 */
#ifndef KCAP_PAIRS_H
#define KCAP_PAIRS_H

#include <stdint.h>

struct kcap_event;

struct kcap_pending_enter {
	uint32_t tid; /* 0: free slot */
	uint16_t type; /* the enter event */
	uint16_t nparams;
	uint32_t param_off[32];
	uint32_t raw_len, raw_cap;
	uint8_t *raw; /* a copy of the enter event */
};

struct kcap_pairs {
	struct kcap_pending_enter *slots;
	uint32_t mask; /* slots - 1, a power of two */
};

int kcap_pairs_init(struct kcap_pairs *p);
void kcap_pairs_free(struct kcap_pairs *p);
/*
 * An event in stream order: an enter event is remembered by thread; its
 * syscall's exit event gets ev->changed, the parameters (bit i for parameter
 * i) whose value differs from the enter event's parameter of the same name.
 */
void kcap_pairs_update(struct kcap_pairs *p, struct kcap_event *ev);

#endif /* KCAP_PAIRS_H */
