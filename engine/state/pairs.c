// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Enter and exit events of one syscall, compared (pairs.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "kcap.h"
#include "kcap_event_table.h"
#include "pairs.h"

#define PAIRS_SLOTS 4096 /* threads inside a syscall with an enter event, at once */
#define PAIRS_PROBE 8

int kcap_pairs_init(struct kcap_pairs *p)
{
	p->slots = calloc(PAIRS_SLOTS, sizeof(*p->slots));
	p->mask = PAIRS_SLOTS - 1;
	return p->slots ? 0 : -ENOMEM;
}

void kcap_pairs_free(struct kcap_pairs *p)
{
	for (uint32_t i = 0; p->slots && i <= p->mask; i++)
		free(p->slots[i].raw);
	free(p->slots);
	p->slots = NULL;
}

/* tid's slot, or (want_free) a free one, or one to reuse: the table never fails. */
static struct kcap_pending_enter *slot_of(struct kcap_pairs *p, uint32_t tid, int want_free)
{
	struct kcap_pending_enter *free_slot = NULL;

	for (uint32_t i = 0; i < PAIRS_PROBE; i++) {
		struct kcap_pending_enter *s = &p->slots[(tid + i) & p->mask];

		if (s->tid == tid)
			return s;
		if (!s->tid && !free_slot)
			free_slot = s;
	}
	if (!want_free)
		return NULL;
	/* full around tid: an older pending enter (its exit was lost) makes room */
	return free_slot ? free_slot : &p->slots[tid & p->mask];
}

static void remember(struct kcap_pairs *p, const struct kcap_event *ev)
{
	struct kcap_pending_enter *s = slot_of(p, ev->tid, 1);

	if (s->raw_cap < ev->raw_len) {
		uint8_t *raw = realloc(s->raw, ev->raw_len);

		if (!raw) {
			s->tid = 0; /* no copy: this pair is not compared */
			return;
		}
		s->raw = raw;
		s->raw_cap = ev->raw_len;
	}
	memcpy(s->raw, ev->raw, ev->raw_len);
	s->raw_len = ev->raw_len;
	s->tid = ev->tid;
	s->type = ev->type;
	s->nparams = ev->nparams;
	memcpy(s->param_off, ev->param_off, sizeof(s->param_off));
}

/*
 * Two readable values that differ. A value unreadable at enter is common and
 * innocent (a page not yet faulted in: the probes cannot fault it in); the
 * enter event shows it unreadable, and an open's exit names the file opened.
 */
static int differ(const struct kcap_param *a, const struct kcap_param *b)
{
	if (a->faulted || b->faulted)
		return 0;
	return a->len != b->len || (a->len && memcmp(a->data, b->data, a->len) != 0);
}

static void compare(const struct kcap_pending_enter *s, struct kcap_event *ev)
{
	struct kcap_event enter = { .type = s->type,
				    .nparams = s->nparams,
				    .raw = s->raw,
				    .raw_len = s->raw_len,
				    .tid = s->tid };

	memcpy(enter.param_off, s->param_off, sizeof(enter.param_off));
	for (unsigned int i = 0; i < ev->nparams; i++) {
		struct kcap_param x, e;

		if (kcap_event_param(ev, i, &x))
			continue;
		for (unsigned int j = 0; j < enter.nparams; j++)
			if (!kcap_event_param(&enter, j, &e) && strcmp(e.name, x.name) == 0 &&
			    differ(&e, &x))
				ev->changed |= 1u << i;
	}
}

void kcap_pairs_update(struct kcap_pairs *p, struct kcap_event *ev)
{
	const struct kcap_event_info *info = &kcap_event_table[ev->type];
	struct kcap_pending_enter *s;
	int enter;

	ev->changed = 0;
	if (!p->slots || ev->tid == 0)
		return;
	if (info->hook == KCAP_HOOK_SYS_ENTER) {
		/* exit and exit_group never come back: nothing to compare with */
		if (kcap_exit_event_of_syscall(info->syscall_nr) != KCAP_EV_GENERIC_X)
			remember(p, ev);
		return;
	}
	if (info->hook == KCAP_HOOK_PROC_EXIT) {
		s = slot_of(p, ev->tid, 0);
		if (s)
			s->tid = 0;
		return;
	}
	if (info->hook != KCAP_HOOK_SYS_EXIT || info->syscall_nr < 0)
		return;
	enter = kcap_enter_event_of_syscall(info->syscall_nr);
	if (enter < 0)
		return;
	s = slot_of(p, ev->tid, 0);
	if (!s)
		return;
	if (s->type == enter)
		compare(s, ev);
	s->tid = 0;
}
