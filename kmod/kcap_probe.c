// SPDX-License-Identifier: GPL-2.0-only
/*
 * The probes of the kcap module: the shared fillers compiled as kernel C, a
 * table from syscall number to filler built from the event table, and the
 * tracepoint probes that run them (raw_syscalls sys_enter/sys_exit,
 * sched_process_fork/exit). Probes never sleep, take no sleeping lock and do
 * bounded work per event; a full ring drops the event and counts it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compat.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/smp.h>
#include <linux/tracepoint.h>
#include <asm/unistd.h>
#include "filler_impl.h"
#include "fillers/all.h"

/* Every event's filler and shape, from the event table. */
static const struct kcap_filler_desc {
	kf_fill_fn fill;
	s16 nr;
	u8 hook;
	u8 nparams;
} kcap_fillers[KCAP_EV__COUNT] = {
#define P(name, type, fmt, table)
#define KCAP_EVENT(evid, evname, evhook, sc, plist)      \
	[KCAP_EV_##evid] = { .fill = kf_fill_##evid,     \
			     .nr = KCAP_NR_##sc,         \
			     .hook = KCAP_HOOK_##evhook, \
			     .nparams = KCAP_NPARAMS_##evid },
#include "events.def"
#undef KCAP_EVENT
#undef P
};

static_assert(KCAP_EV__COUNT < 255, "event ids must fit the u8 dispatch tables");
#define KCAP_NO_EVENT 0xff

/* Syscall number -> event, filled at init from kcap_fillers[]. */
static u8 kcap_exit_event[KCAP_MAX_SYSCALLS];
static u8 kcap_enter_event[KCAP_MAX_SYSCALLS];

enum kcap_tp {
	KCAP_TP_SYS_ENTER,
	KCAP_TP_SYS_EXIT,
	KCAP_TP_FORK,
	KCAP_TP_EXIT,
	KCAP_TP_URING, /* optional: io_uring's submission tracepoint, where the kernel has one */
	KCAP_TP__COUNT
};

static struct kcap_tracepoint {
	const char *name;
	void *probe;
	struct tracepoint *tp;
} kcap_tps[KCAP_TP__COUNT];

/* --- event writing ------------------------------------------------------- */

static struct kcap_ring *kcap_this_ring(struct kcap_session *s)
{
	return &s->rings[smp_processor_id()];
}

/* Starts an event at the ring's head. Preemption is disabled by the caller. */
static int kf_begin(struct kf_ctx *ctx, u16 type)
{
	struct kcap_ring *r = ctx->r;
	u32 hdr = KCAP_HDR_SIZE + 2 * kcap_fillers[type].nparams;
	u64 tail = smp_load_acquire(&r->ctl->tail);
	u64 used = r->head - tail;
	/* a bogus tail gives no room; events are padded to 8 bytes */
	u64 free = used > r->size ? 0 : (r->size - used) & ~7ull;

	ctx->type = type;
	ctx->nparams = kcap_fillers[type].nparams;
	ctx->ring_limited = free < KCAP_MAX_EVENT_SIZE;
	ctx->limit = ctx->ring_limited ? free : KCAP_MAX_EVENT_SIZE;
	if (ctx->limit < hdr) {
		r->ctl->stats.drops_buffer_full++;
		return -ENOSPC;
	}
	ctx->buf = r->data + (r->head & (r->size - 1));
	ctx->off = hdr;
	((struct kcap_evt_hdr *)ctx->buf)->truncated = 0;
	return 0;
}

static void kf_finish(struct kf_ctx *ctx)
{
	struct kcap_ring *r = ctx->r;
	struct kcap_kstats *st = &r->ctl->stats;
	struct kcap_evt_hdr *h = (struct kcap_evt_hdr *)ctx->buf;

	if (ctx->overflow) {
		if (ctx->ring_limited)
			st->drops_buffer_full++;
		else
			st->drops_too_large++;
		return;
	}
	if (ctx->idx != ctx->nparams) {
		st->drops_internal++; /* a filler that does not match the table */
		return;
	}
	h->ts = ktime_get_ns();
	h->tid = current->pid;
	h->pid = current->tgid;
	h->len = ctx->off;
	h->type = ctx->type;
	h->nparams = ctx->nparams;
	h->flags = 0; /* truncated: the stores set it */
	r->head += ALIGN(ctx->off, 8);
	/* the event's bytes before the new head */
	smp_store_release(&r->ctl->head, r->head);
	st->events++;
	st->faults += ctx->faults;
	st->truncated += h->truncated != 0;
}

/* Runs the filler of event type, with the hook's arguments in ctx, on this CPU's ring. */
static void kcap_emit_ctx(struct kcap_session *s, u16 type, struct kf_ctx ctx)
{
	struct kcap_ring *r;

	ctx.snaplen = s->cfg.settings.snaplen;

	preempt_disable_notrace();
	r = kcap_this_ring(s);
	if (unlikely(r->busy)) {
		r->ctl->stats.drops_internal++; /* cannot happen from process context */
		goto out;
	}
	r->busy = 1;
	ctx.r = r;
	if (!kf_begin(&ctx, type)) {
		kcap_fillers[type].fill(&ctx);
		kf_finish(&ctx);
	}
	r->busy = 0;
out:
	preempt_enable_notrace();
}

static void kcap_emit(struct kcap_session *s, u16 type, struct pt_regs *regs, long ret,
		      struct task_struct *task)
{
	kcap_emit_ctx(s, type, (struct kf_ctx){ .regs = regs, .ret = ret, .task = task });
}

/* Counts what happened without an event, on this CPU's counters. */
#define kcap_count(s, field)                           \
	do {                                           \
		preempt_disable_notrace();             \
		kcap_this_ring(s)->ctl->stats.field++; \
		preempt_enable_notrace();              \
	} while (0)

/* Pid filter and self-exclusion. */
static bool kcap_wanted(struct kcap_session *s)
{
	pid_t tgid = current->tgid;

	if (tgid == s->self_tgid)
		return false;
	return !s->cfg.settings.filter_pids || kcap_pids_has(&s->pids, tgid);
}

/* --- probes -------------------------------------------------------------- */

/* A number outside the table: an x32 syscall, or any other (none is invisible). */
static void kcap_other_syscall(struct kcap_session *s, unsigned long nr, struct pt_regs *regs,
			       long ret)
{
	bool x32 = kcap_syscall_is_x32(nr);

	if ((s->cfg.settings.other_syscalls & (x32 ? KCAP_OTHER_X32 : KCAP_OTHER_BEYOND)) &&
	    kcap_wanted(s))
		kcap_emit(s, x32 ? KCAP_EV_X32_X : KCAP_EV_GENERIC_X, regs, ret, NULL);
}

/* Joins a captured process's child to the pid set (see kcap_syscall_is_child_return). */
static void kcap_track_fork(struct kcap_session *s, pid_t ptgid, pid_t child)
{
	if (ptgid == child || !kcap_pids_has(&s->pids, ptgid) || !kcap_pids_add(&s->pids, child))
		return;
	/* the pid set is full: say so, never lose the child silently */
	kcap_count(s, pids_untracked);
}

/* A new process at its first syscall exit; real_parent is read under RCU. */
static void kcap_child_joins(struct kcap_session *s)
{
	pid_t ptgid;

	rcu_read_lock();
	ptgid = rcu_dereference(current->real_parent)->tgid;
	rcu_read_unlock();
	kcap_track_fork(s, ptgid, current->tgid);
}

static void kcap_probe_sys_exit(void *data, KCAP_SYS_EXIT_ARGS)
{
	struct kcap_session *s = data;
	long nr = syscall_get_nr(current, regs);
	u8 want;

	if (!READ_ONCE(s->running))
		return;
	if (s->cfg.settings.filter_pids && kcap_syscall_is_child_return(nr, ret))
		kcap_child_joins(s);
	if ((unsigned long)nr >= KCAP_MAX_SYSCALLS) {
		kcap_other_syscall(s, (unsigned long)nr, regs, ret);
		return;
	}
	want = s->cfg.want[nr];
	if (!want || !kcap_wanted(s))
		return;
	if (in_compat_syscall()) {
		/* a 32-bit syscall: nr is in the ia32 numbering */
		if (kcap_ia32_exec_succeeded(nr, ret) &&
		    (s->cfg.want[KCAP_NR_execve] & KCAP_WANT_EXIT))
			kcap_emit(s, KCAP_EV_EXECVE_X, regs, ret, NULL);
		else if (want & KCAP_WANT_IA32)
			kcap_emit(s, KCAP_EV_COMPAT_X, regs, ret, NULL);
		else
			kcap_count(s, compat_skipped);
		return;
	}
	if (want & KCAP_WANT_EXIT)
		kcap_emit(s, kcap_exit_event[nr], regs, ret, NULL);
}

static void kcap_probe_sys_enter(void *data, KCAP_SYS_ENTER_ARGS)
{
	struct kcap_session *s = data;

	if (!READ_ONCE(s->running) || (unsigned long)id >= KCAP_MAX_SYSCALLS ||
	    !(s->cfg.want[id] & KCAP_WANT_ENTER) || !kcap_wanted(s))
		return;
	if (in_compat_syscall())
		return; /* counted once, at exit */
	kcap_emit(s, kcap_enter_event[id], regs, 0, NULL);
}

/* Children of captured thread groups are captured too. */
static void kcap_probe_fork(void *data, KCAP_SCHED_FORK_ARGS)
{
	struct kcap_session *s = data;

	if (!READ_ONCE(s->running))
		return;
	kcap_track_fork(s, parent->tgid, child->tgid);
}

static void kcap_probe_exit(void *data, KCAP_SCHED_EXIT_ARGS)
{
	struct kcap_session *s = data;
	bool wanted;

	if (!READ_ONCE(s->running))
		return;
	wanted = kcap_wanted(s);

	if (s->cfg.settings.filter_pids && atomic_read(&p->signal->live) == 0)
		kcap_pids_del(&s->pids, p->tgid); /* the thread group is gone */
	if (wanted && s->cfg.settings.capture_procexit)
		kcap_emit(s, KCAP_EV_PROCEXIT, NULL, 0, p);
}

#ifdef KCAP_URING_TP
#define KCAP_KREAD(dst, src, n) copy_from_kernel_nofault(dst, src, n)
#define KCAP_RD(ptr, field) ((ptr)->field) /* the live request the tracepoint passes */

/* An io_uring request the kernel submits (KCAP_URING_ARGS: kcap_compat.h). */
static void kcap_probe_uring(void *data, KCAP_URING_ARGS)
{
	struct kcap_session *s = data;
	struct kcap_uring_req r = { .fd = -1 };

	if (!READ_ONCE(s->running) || !s->cfg.settings.capture_io_uring || !kcap_wanted(s))
		return;
#if KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_REQ || \
	KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_REQ
	KCAP_URING_READ_PREPARED(&r, req, KCAP_RD, KCAP_KREAD);
#elif KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_CTX_REQ
	r.opcode = opcode;
	r.user_data = user_data;
	r.flags = flags & KCAP_IOSQE_MASK;
	if (!(flags & KCAP_REQ_F_FAIL))
		KCAP_URING_READ_NAMED(&r, req, KCAP_KREAD);
#else
	r.opcode = opcode;
	r.user_data = user_data;
#endif
	kcap_emit_ctx(s, KCAP_EV_IO_URING_SUBMIT, (struct kf_ctx){ .uring = &r });
}

KCAP_CHECK_PROBE_OF(KCAP_URING_TP, kcap_probe_uring);
#endif

KCAP_CHECK_PROBE(sys_enter, kcap_probe_sys_enter);
KCAP_CHECK_PROBE(sys_exit, kcap_probe_sys_exit);
KCAP_CHECK_PROBE(sched_process_fork, kcap_probe_fork);
KCAP_CHECK_PROBE(sched_process_exit, kcap_probe_exit);

/* --- paths ---------------------------------------------------------------- */

bool kcap_mount_layout_ok;

/*
 * struct kf_mount is a copy of the first members of the kernel's private
 * struct mount: check it on a mount every kernel has. From init's root, the
 * parents must lead, in a few steps, to the root of the initial mount
 * namespace: its own parent, mounted on its own root dentry, a dentry that is
 * its own parent. Read without trusting a pointer: a different layout fails
 * the check, never the kernel.
 */
static bool kcap_check_mount_layout(void)
{
	struct kf_mount *m = container_of(init_task.fs->root.mnt, struct kf_mount, mnt);
	int i;

	for (i = 0; i < 16; i++) {
		struct dentry *mountpoint, *root, *parent;
		struct kf_mount *up;

		if (copy_from_kernel_nofault(&up, &m->mnt_parent, sizeof(up)) ||
		    copy_from_kernel_nofault(&mountpoint, &m->mnt_mountpoint, sizeof(mountpoint)) ||
		    copy_from_kernel_nofault(&root, &m->mnt.mnt_root, sizeof(root)) || !up)
			return false;
		if (up == m)
			return mountpoint == root &&
			       !copy_from_kernel_nofault(&parent, &root->d_parent,
							 sizeof(parent)) &&
			       parent == root;
		m = up;
	}
	return false;
}

/* --- registration -------------------------------------------------------- */

static void kcap_find_tp(struct tracepoint *tp, void *priv)
{
	int i;

	for (i = 0; i < KCAP_TP__COUNT; i++)
		if (!kcap_tps[i].tp && strcmp(tp->name, kcap_tps[i].name) == 0)
			kcap_tps[i].tp = tp;
}

int kcap_probes_init(void)
{
	int i, nr;

	kcap_tps[KCAP_TP_SYS_ENTER] = (struct kcap_tracepoint){ "sys_enter", kcap_probe_sys_enter };
	kcap_tps[KCAP_TP_SYS_EXIT] = (struct kcap_tracepoint){ "sys_exit", kcap_probe_sys_exit };
	kcap_tps[KCAP_TP_FORK] = (struct kcap_tracepoint){ "sched_process_fork", kcap_probe_fork };
	kcap_tps[KCAP_TP_EXIT] = (struct kcap_tracepoint){ "sched_process_exit", kcap_probe_exit };
#ifdef KCAP_URING_TP
	kcap_tps[KCAP_TP_URING] =
		(struct kcap_tracepoint){ __stringify(KCAP_URING_TP), kcap_probe_uring };
#endif
	kcap_mount_layout_ok = kcap_check_mount_layout();
	if (!kcap_mount_layout_ok)
		pr_warn("this kernel's struct mount is not the one kcap knows: paths are relative to each process's root (d_path)\n");
	/* not exported to modules: found by name */
	for_each_kernel_tracepoint(kcap_find_tp, NULL);
	for (i = 0; i < KCAP_TP__COUNT; i++) {
		if (!kcap_tps[i].tp && i != KCAP_TP_URING) {
			pr_err("kernel tracepoint %s not found\n", kcap_tps[i].name);
			return -ENOENT;
		}
	}
	memset(kcap_enter_event, KCAP_NO_EVENT, sizeof(kcap_enter_event));
	for (nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		kcap_exit_event[nr] = KCAP_EV_GENERIC_X;
	for (i = 0; i < KCAP_EV__COUNT; i++) {
		nr = kcap_fillers[i].nr;
		if (nr < 0 || nr >= KCAP_MAX_SYSCALLS)
			continue;
		if (kcap_fillers[i].hook == KCAP_HOOK_SYS_EXIT)
			kcap_exit_event[nr] = i;
		else if (kcap_fillers[i].hook == KCAP_HOOK_SYS_ENTER)
			kcap_enter_event[nr] = i;
	}
	return 0;
}

/*
 * Stopping only tells the probes to do nothing: unregistering would have to
 * wait for a grace period (tracepoint_synchronize_unregister()), which can take
 * long on a busy machine, and the reader wants to drain its rings right away.
 * The probes stay registered until the session ends (kcap_probes_release()).
 * A probe that saw running just before the store may still finish its event.
 */
void kcap_probes_stop(struct kcap_session *s)
{
	WRITE_ONCE(s->running, false);
	s->started = false;
}

/* The end of a session: after this, no probe runs on s's rings or config. */
void kcap_probes_release(struct kcap_session *s)
{
	int i;

	kcap_probes_stop(s);
	if (!s->registered)
		return;
	/* reverse order: the exit probe goes before the pid tracking it relies on */
	for (i = KCAP_TP__COUNT - 1; i >= 0; i--)
		if (s->registered & BIT(i))
			tracepoint_probe_unregister(kcap_tps[i].tp, kcap_tps[i].probe, s);
	kcap_sync_probes();
	s->registered = 0;
}

/* Registers the probe on tracepoint which, once per session. */
static int kcap_register(struct kcap_session *s, enum kcap_tp which)
{
	int ret;

	if (s->registered & BIT(which))
		return 0;
	ret = tracepoint_probe_register(kcap_tps[which].tp, kcap_tps[which].probe, s);
	if (ret) {
		pr_err("cannot register a probe on %s: %d\n", kcap_tps[which].name, ret);
		return ret;
	}
	s->registered |= BIT(which);
	return 0;
}

/* What this module can capture here: KCAP_KMOD_FEATURE_* bits. */
u32 kcap_probes_features(void)
{
	return kcap_tps[KCAP_TP_URING].tp ? KCAP_KMOD_FEATURE_IO_URING : 0;
}

/* The engine's configuration, checked against this module's event table. */
int kcap_check_config(const struct kcap_kconfig *cfg)
{
	const struct kcap_ksettings *st = &cfg->settings;
	int nr;

	if (st->snaplen == 0 || st->snaplen > KCAP_MAX_PARAM_LEN || st->filter_pids > 1 ||
	    st->capture_procexit > 1 || (st->other_syscalls & ~KCAP_OTHER_ALL) ||
	    st->capture_io_uring > 1)
		return -EINVAL;
	for (nr = 0; nr < KCAP_MAX_SYSCALLS; nr++) {
		if (cfg->want[nr] & ~KCAP_WANT_ALL)
			return -EINVAL;
		if ((cfg->want[nr] & KCAP_WANT_ENTER) && kcap_enter_event[nr] == KCAP_NO_EVENT)
			return -EINVAL;
	}
	return 0;
}

static bool kcap_any_want(const struct kcap_session *s, u8 bits)
{
	int nr;

	for (nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		if (s->cfg.want[nr] & bits)
			return true;
	return false;
}

/*
 * Called with the capture stopped: the probes registered by an earlier start
 * see running == false, so the configuration may change under them (every
 * field they read is read once and any value is safe).
 */
int kcap_probes_start(struct kcap_session *s)
{
	const struct kcap_ksettings *st = &s->cfg.settings;
	int ret = 0;

	/* fork tracking first, so that no child of a captured process is missed */
	if (st->filter_pids)
		ret = kcap_register(s, KCAP_TP_FORK);
	if (!ret && (st->capture_procexit || st->filter_pids))
		ret = kcap_register(s, KCAP_TP_EXIT);
	if (!ret && kcap_any_want(s, KCAP_WANT_ENTER))
		ret = kcap_register(s, KCAP_TP_SYS_ENTER);
	if (!ret && st->capture_io_uring && kcap_tps[KCAP_TP_URING].tp)
		ret = kcap_register(s, KCAP_TP_URING);
	if (!ret && kcap_any_want(s, KCAP_WANT_EXIT | KCAP_WANT_IA32))
		ret = kcap_register(s, KCAP_TP_SYS_EXIT);
	if (ret)
		return ret; /* registered probes stay idle until release */
	/* the configuration before running */
	smp_store_release(&s->running, true);
	s->started = true;
	return 0;
}
