// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcap kernel module: the /dev/kcap device, its ioctls and the per-CPU rings.
 *
 * Lifetime. The open file owns the capture session: its rings, configuration
 * and probes. Closing the file (and unmapping the rings) stops the probes and
 * frees everything. The file holds a reference on the module (fops.owner), so
 * "rmmod kcap" fails with EBUSY while a reader has the device open or mapped;
 * once the reader is gone, no probe is registered and unloading is immediate
 * and safe, whatever the event rate. This is the kernel's standard rule for
 * character devices and cannot leave a probe or a mapping pointing at freed
 * module memory.
 *
 * CPUs. A ring exists for every possible CPU, so CPU hotplug needs no
 * callback: a CPU going offline stops writing into its ring (which stays
 * readable), a CPU coming online writes into the ring that was there all along.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "kcap_compat.h"
#include "kcap_kmod.h"

#ifndef KCAP_MODULE_VERSION
#define KCAP_MODULE_VERSION "0.0.0"
#endif

static atomic_t kcap_in_use = ATOMIC_INIT(0); /* one session at a time */

/* --- rings --------------------------------------------------------------- */

static void kcap_ring_free(struct kcap_ring *r)
{
	unsigned int i;

	if (r->data)
		vunmap(r->data);
	for (i = 0; r->pages && i < r->npages; i++)
		if (r->pages[i])
			__free_page(r->pages[i]);
	kvfree(r->pages);
	if (r->ctl_page)
		__free_page(r->ctl_page);
	memset(r, 0, sizeof(*r));
}

static int kcap_ring_alloc(struct kcap_ring *r, unsigned int cpu, u64 size)
{
	int node = cpu_to_node(cpu);
	/* no retry: a machine without the memory gets ENOMEM, never the OOM killer */
	gfp_t gfp = GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN | __GFP_NORETRY;
	unsigned int i;

	r->size = size;
	r->npages = size >> PAGE_SHIFT;
	r->ctl_page = alloc_pages_node(node, gfp, 0);
	r->pages = kvcalloc(2 * r->npages, sizeof(*r->pages), GFP_KERNEL);
	if (!r->ctl_page || !r->pages)
		return -ENOMEM;
	for (i = 0; i < r->npages; i++) {
		if (fatal_signal_pending(current))
			return -EINTR;
		r->pages[i] = alloc_pages_node(node, gfp, 0);
		if (!r->pages[i])
			return -ENOMEM;
		r->pages[r->npages + i] = r->pages[i];
	}
	/* the data twice back to back: an event that wraps is contiguous */
	r->data = vmap(r->pages, 2 * r->npages, VM_MAP, PAGE_KERNEL);
	if (!r->data)
		return -ENOMEM;
	r->ctl = page_address(r->ctl_page);
	r->ctl->size = size;
	r->ctl->cpu = cpu;
	return 0;
}

static void kcap_rings_free(struct kcap_session *s)
{
	unsigned int cpu;

	if (!s->rings)
		return;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		kcap_ring_free(&s->rings[cpu]);
	kvfree(s->rings);
	s->rings = NULL;
	s->size = 0;
}

static int kcap_rings_alloc(struct kcap_session *s, u64 size)
{
	unsigned int cpu;
	int ret;

	if (s->rings)
		return -EBUSY;
	if (size < KCAP_KMOD_MIN_BUFFER || size > KCAP_KMOD_MAX_BUFFER || !is_power_of_2(size) ||
	    size < PAGE_SIZE)
		return -EINVAL;
	/* at most a quarter of the machine's memory for the rings of every CPU */
	if ((u64)num_possible_cpus() * size > ((u64)totalram_pages() << PAGE_SHIFT) / 4)
		return -ENOMEM;
	s->rings = kvcalloc(nr_cpu_ids, sizeof(*s->rings), GFP_KERNEL);
	if (!s->rings)
		return -ENOMEM;
	for_each_possible_cpu (cpu) {
		ret = kcap_ring_alloc(&s->rings[cpu], cpu, size);
		if (ret) {
			kcap_rings_free(s);
			return ret;
		}
	}
	s->size = size;
	return 0;
}

/* --- ioctls -------------------------------------------------------------- */

/*
 * What an ioctl reads from or writes to the caller, copied outside the
 * session lock: kcap_mmap() takes the lock under the mm's mmap lock, so a
 * copy that faults while holding it would take them in the other order.
 */
union kcap_ioc_arg {
	u32 u32;
	s32 s32;
	u64 u64;
	struct kcap_kmod_info info;
	struct kcap_kstats stats;
	struct kcap_kconfig cfg;
};

static long kcap_set_config(struct kcap_session *s, const struct kcap_kconfig *cfg)
{
	long ret = kcap_check_config(cfg);

	if (ret)
		return ret;
	s->cfg = *cfg;
	s->cfg.settings.self_tgid = s->self_tgid;
	return 0;
}

/*
 * pid is a number of the caller's pid namespace (a reader in a container
 * knows no other); the probes compare the kernel's global ids.
 */
static long kcap_add_pid(struct kcap_session *s, s32 pid)
{
	struct pid *p;
	pid_t global;

	if (pid <= 0 || pid > PID_MAX_LIMIT)
		return -EINVAL;
	p = find_get_pid(pid);
	if (!p)
		return -ESRCH;
	global = pid_nr(p);
	put_pid(p);
	return kcap_pids_add(&s->pids, global);
}

/*
 * KCAP_IOC_NS_THREADS. The walk runs under RCU, which keeps every task it
 * visits alive; the copy to the caller comes after it, from a buffer bounded
 * by KCAP_KMOD_NS_THREADS_MAX entries.
 */
static long kcap_ns_threads(struct kcap_ns_threads_req __user *ureq)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct kcap_ns_threads_req req;
	struct kcap_ns_thread *buf = NULL;
	struct task_struct *g, *t;
	u32 n = 0, count = 0;
	long ret = 0;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.max > KCAP_KMOD_NS_THREADS_MAX)
		return -EINVAL;
	if (req.max) {
		buf = kvmalloc_array(req.max, sizeof(*buf), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!buf)
			return -ENOMEM;
	}
	rcu_read_lock();
	for_each_process_thread(g, t)
	{
		pid_t ns_tid = task_pid_nr_ns(t, ns), ns_pid = task_tgid_nr_ns(t, ns);

		if (ns_tid <= 0 || ns_pid <= 0)
			continue; /* not in the caller's namespace, or exiting */
		if (n < req.max)
			buf[n++] = (struct kcap_ns_thread){
				.tid = t->pid, .pid = t->tgid, .ns_tid = ns_tid, .ns_pid = ns_pid
			};
		count++;
	}
	rcu_read_unlock();
	req.count = count;
	if (n && copy_to_user(u64_to_user_ptr(req.threads), buf, n * sizeof(*buf)))
		ret = -EFAULT;
	else if (copy_to_user(ureq, &req, sizeof(req)))
		ret = -EFAULT;
	kvfree(buf);
	return ret;
}

static void kcap_get_stats(struct kcap_session *s, struct kcap_kstats *sum)
{
	unsigned int cpu;

	memset(sum, 0, sizeof(*sum));
	if (s->rings)
		for_each_possible_cpu (cpu)
			kcap_kstats_add(sum, &s->rings[cpu].ctl->stats);
}

static long kcap_ioctl_locked(struct kcap_session *s, unsigned int cmd, union kcap_ioc_arg *a)
{
	switch (cmd) {
	case KCAP_IOC_API_VERSION:
		a->u32 = KCAP_KMOD_API_VERSION;
		return 0;
	case KCAP_IOC_GET_INFO:
		memset(&a->info, 0, sizeof(a->info));
		a->info.api_version = KCAP_KMOD_API_VERSION;
		a->info.ncpus = nr_cpu_ids;
		a->info.page_size = PAGE_SIZE;
		a->info.max_syscalls = KCAP_MAX_SYSCALLS;
		a->info.max_buffer = KCAP_KMOD_MAX_BUFFER;
		a->info.buffer_size = s->size;
		a->info.features = kcap_probes_features();
		return 0;
	case KCAP_IOC_GET_STATS:
		kcap_get_stats(s, &a->stats);
		return 0;
	case KCAP_IOC_STOP:
		kcap_probes_stop(s);
		return 0;
	case KCAP_IOC_ADD_PID: /* running too: the probes read the set without a lock */
		return kcap_add_pid(s, a->s32);
	}
	/* everything below changes what the probes read: only while stopped */
	if (s->started)
		return -EBUSY;
	switch (cmd) {
	case KCAP_IOC_ALLOC:
		return kcap_rings_alloc(s, a->u64);
	case KCAP_IOC_SET_CONFIG:
		return kcap_set_config(s, &a->cfg);
	case KCAP_IOC_CLEAR_PIDS:
		kcap_pids_clear(&s->pids);
		return 0;
	case KCAP_IOC_START:
		if (!s->rings)
			return -ENXIO;
		return kcap_probes_start(s);
	}
	return -ENOTTY;
}

/* The size of cmd's argument, or -ENOTTY for a request this module does not have. */
static long kcap_ioc_size(unsigned int cmd)
{
	switch (cmd) {
	case KCAP_IOC_API_VERSION:
	case KCAP_IOC_GET_INFO:
	case KCAP_IOC_GET_STATS:
	case KCAP_IOC_ALLOC:
	case KCAP_IOC_SET_CONFIG:
	case KCAP_IOC_ADD_PID:
		return _IOC_SIZE(cmd);
	case KCAP_IOC_STOP:
	case KCAP_IOC_CLEAR_PIDS:
	case KCAP_IOC_START:
		return 0;
	}
	return -ENOTTY;
}

static long kcap_ioctl(struct file *file, unsigned int cmd, unsigned long uarg)
{
	struct kcap_session *s = file->private_data;
	void __user *arg = (void __user *)uarg;
	long size = kcap_ioc_size(cmd), ret;
	union kcap_ioc_arg *a;

	if (cmd == KCAP_IOC_NS_THREADS) /* the session's state is not involved */
		return kcap_ns_threads(arg);
	if (size < 0)
		return size;
	BUILD_BUG_ON(sizeof(*a) > 1024);
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	ret = (_IOC_DIR(cmd) & _IOC_WRITE) && copy_from_user(a, arg, size) ? -EFAULT : 0;
	if (!ret) {
		mutex_lock(&s->lock);
		ret = kcap_ioctl_locked(s, cmd, a);
		mutex_unlock(&s->lock);
	}
	if (!ret && (_IOC_DIR(cmd) & _IOC_READ) && copy_to_user(arg, a, size))
		ret = -EFAULT;
	kfree(a);
	return ret;
}

/* --- mmap ---------------------------------------------------------------- */

static int kcap_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct kcap_session *s = file->private_data;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 cpu = off >> KCAP_KMOD_MMAP_CPU_SHIFT;
	u64 rel = off & ((1ull << KCAP_KMOD_MMAP_CPU_SHIFT) - 1);
	unsigned long len = vma->vm_end - vma->vm_start;
	struct kcap_ring *r;
	unsigned long i;
	int ret = 0;

	mutex_lock(&s->lock);
	if (!s->rings) {
		ret = -ENXIO;
		goto out;
	}
	if (cpu >= nr_cpu_ids || !cpu_possible(cpu) || !(vma->vm_flags & VM_SHARED)) {
		ret = -EINVAL;
		goto out;
	}
	r = &s->rings[cpu];
	if (rel == 0) {
		/* the control page: the reader writes its tail there */
		if (len != PAGE_SIZE) {
			ret = -EINVAL;
			goto out;
		}
		kcap_vma_set(vma, VM_DONTEXPAND | VM_DONTDUMP, 0);
		ret = vm_insert_page(vma, vma->vm_start, r->ctl_page);
	} else if (rel == PAGE_SIZE) {
		/* the data, twice, read-only */
		if (len != 2 * r->size || (vma->vm_flags & VM_WRITE)) {
			ret = (vma->vm_flags & VM_WRITE) ? -EPERM : -EINVAL;
			goto out;
		}
		kcap_vma_set(vma, VM_DONTEXPAND | VM_DONTDUMP, VM_MAYWRITE);
		for (i = 0; !ret && i < 2ul * r->npages; i++)
			ret = vm_insert_page(vma, vma->vm_start + i * PAGE_SIZE, r->pages[i]);
	} else {
		ret = -EINVAL;
	}
out:
	mutex_unlock(&s->lock);
	return ret;
}

/* --- open and release ---------------------------------------------------- */

static int kcap_open(struct inode *inode, struct file *file)
{
	struct kcap_session *s;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (atomic_cmpxchg(&kcap_in_use, 0, 1) != 0)
		return -EBUSY;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		atomic_set(&kcap_in_use, 0);
		return -ENOMEM;
	}
	mutex_init(&s->lock);
	if (kcap_pids_init(&s->pids)) {
		kfree(s);
		atomic_set(&kcap_in_use, 0);
		return -ENOMEM;
	}
	s->self_tgid = current->tgid; /* the reader never captures itself */
	s->cfg.settings.snaplen = KCAP_DEFAULT_SNAPLEN;
	s->cfg.settings.self_tgid = s->self_tgid;
	file->private_data = s;
	return nonseekable_open(inode, file);
}

static int kcap_release(struct inode *inode, struct file *file)
{
	struct kcap_session *s = file->private_data;

	mutex_lock(&s->lock);
	kcap_probes_release(s);
	kcap_rings_free(s);
	mutex_unlock(&s->lock);
	kcap_pids_free(&s->pids);
	mutex_destroy(&s->lock);
	kfree(s);
	atomic_set(&kcap_in_use, 0);
	return 0;
}

static const struct file_operations kcap_fops = {
	.owner = THIS_MODULE,
	.open = kcap_open,
	.release = kcap_release,
	.unlocked_ioctl = kcap_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = kcap_mmap,
};

static struct miscdevice kcap_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KCAP_KMOD_DEVICE,
	.fops = &kcap_fops,
	.mode = 0600,
};

static int __init kcap_init(void)
{
	int ret = kcap_probes_init();

	if (ret)
		return ret;
	ret = misc_register(&kcap_miscdev);
	if (ret) {
		pr_err("cannot register /dev/%s: %d\n", KCAP_KMOD_DEVICE, ret);
		return ret;
	}
	pr_info("loaded, version %s, API %u, %u possible CPUs\n", KCAP_MODULE_VERSION,
		KCAP_KMOD_API_VERSION, nr_cpu_ids);
	return 0;
}

static void __exit kcap_exit(void)
{
	/* no file is open (fops.owner): no session, no registered probe */
	misc_deregister(&kcap_miscdev);
	pr_info("unloaded\n");
}

module_init(kcap_init);
module_exit(kcap_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("kcap developers");
MODULE_DESCRIPTION("kcap syscall capture: kernel-module backend");
MODULE_VERSION(KCAP_MODULE_VERSION);
