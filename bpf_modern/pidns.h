/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reader's pid namespace, as the kernel sees it: a task iterator run by
 * the reader lists every thread visible in the reader's pid namespace with its
 * global ids and its numbers there, so that pids the reader knows (-p, the
 * command it runs) become the global ids the probes compare, and events of
 * threads that existed before the capture show their ids in the namespace
 * (engine/backends/bpf/loader.c). Loaded only for a reader in a pid namespace
 * other than the initial one.
 */
#ifndef KCAP_MODERN_PIDNS_H
#define KCAP_MODERN_PIDNS_H

/* The number of pid in namespace level ns, or 0 when it has none there. */
static __always_inline __u32 kf_pid_nr_in(struct pid *pid, __u32 level, void *ns)
{
	struct upid up = {};

	if (!pid || BPF_CORE_READ(pid, level) < level || level > KF_MAX_PIDNS_LEVEL)
		return 0;
	if (bpf_probe_read_kernel(&up, sizeof(up), (char *)&pid->numbers[0] + level * sizeof(up)))
		return 0;
	return up.ns == ns ? (__u32)up.nr : 0;
}

SEC("iter/task")
int kcap_pidns_map(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	struct task_struct *me = (struct task_struct *)bpf_get_current_task();
	struct pid *mine = BPF_CORE_READ(me, thread_pid);
	struct kcap_ns_thread t;
	struct upid up = {};
	__u32 level;

	if (!task || !mine)
		return 0;
	level = BPF_CORE_READ(mine, level);
	if (level > KF_MAX_PIDNS_LEVEL ||
	    bpf_probe_read_kernel(&up, sizeof(up), (char *)&mine->numbers[0] + level * sizeof(up)))
		return 0;
	t.tid = BPF_CORE_READ(task, pid);
	t.pid = BPF_CORE_READ(task, tgid);
	t.ns_tid = kf_pid_nr_in(BPF_CORE_READ(task, thread_pid), level, up.ns);
	t.ns_pid = kf_pid_nr_in(BPF_CORE_READ(task, group_leader, thread_pid), level, up.ns);
	if (t.ns_tid && t.ns_pid)
		bpf_seq_write(ctx->meta->seq, &t, sizeof(t));
	return 0;
}

#endif /* KCAP_MODERN_PIDNS_H */
