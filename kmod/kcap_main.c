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
	gfp_t gfp = GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN;
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

static long kcap_set_syscalls(struct kcap_session *s, void __user *arg)
{
	struct kcap_kmod_syscalls req;

	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	if (req.pad || (req.flags & ~KCAP_KMOD_SET_PROCEXIT))
		return -EINVAL;
	kcap_bitmap_from_arr64(s->exit_bits, req.bits, KCAP_MAX_SYSCALLS);
	kcap_bitmap_from_arr64(s->ia32_bits, req.ia32_bits, KCAP_MAX_SYSCALLS);
	s->procexit = req.flags & KCAP_KMOD_SET_PROCEXIT;
	return 0;
}

static long kcap_add_pid(struct kcap_session *s, void __user *arg)
{
	s32 pid;

	if (get_user(pid, (s32 __user *)arg))
		return -EFAULT;
	if (pid <= 0 || pid > PID_MAX_LIMIT)
		return -EINVAL;
	s->filter_pids = true;
	return xa_err(xa_store(&s->pids, pid, xa_mk_value(1), GFP_KERNEL));
}

static long kcap_get_stats(struct kcap_session *s, void __user *arg)
{
	struct kcap_kstats sum;
	unsigned int cpu;

	memset(&sum, 0, sizeof(sum));
	if (s->rings)
		for_each_possible_cpu (cpu)
			kcap_ring_stats(&s->rings[cpu], &sum);
	return copy_to_user(arg, &sum, sizeof(sum)) ? -EFAULT : 0;
}

static long kcap_ioctl_locked(struct kcap_session *s, unsigned int cmd, void __user *arg)
{
	struct kcap_kmod_info info;
	u64 size;
	u32 snaplen;

	switch (cmd) {
	case KCAP_IOC_API_VERSION:
		return put_user(KCAP_KMOD_API_VERSION, (u32 __user *)arg);
	case KCAP_IOC_GET_INFO:
		memset(&info, 0, sizeof(info));
		info.api_version = KCAP_KMOD_API_VERSION;
		info.ncpus = nr_cpu_ids;
		info.page_size = PAGE_SIZE;
		info.max_syscalls = KCAP_MAX_SYSCALLS;
		info.max_buffer = KCAP_KMOD_MAX_BUFFER;
		info.buffer_size = s->size;
		return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
	case KCAP_IOC_GET_STATS:
		return kcap_get_stats(s, arg);
	case KCAP_IOC_STOP:
		kcap_probes_stop(s);
		return 0;
	}
	/* everything below changes what the probes read: only while stopped */
	switch (cmd) {
	case KCAP_IOC_ALLOC:
	case KCAP_IOC_SET_SYSCALLS:
	case KCAP_IOC_SET_SNAPLEN:
	case KCAP_IOC_ADD_PID:
	case KCAP_IOC_CLEAR_PIDS:
	case KCAP_IOC_START:
		if (s->started)
			return -EBUSY;
		break;
	default:
		return -ENOTTY;
	}
	switch (cmd) {
	case KCAP_IOC_ALLOC:
		if (get_user(size, (u64 __user *)arg))
			return -EFAULT;
		return kcap_rings_alloc(s, size);
	case KCAP_IOC_SET_SYSCALLS:
		return kcap_set_syscalls(s, arg);
	case KCAP_IOC_SET_SNAPLEN:
		if (get_user(snaplen, (u32 __user *)arg))
			return -EFAULT;
		if (snaplen == 0 || snaplen > KCAP_MAX_PARAM_LEN)
			return -EINVAL;
		WRITE_ONCE(s->snaplen, snaplen);
		return 0;
	case KCAP_IOC_ADD_PID:
		return kcap_add_pid(s, arg);
	case KCAP_IOC_CLEAR_PIDS:
		xa_destroy(&s->pids);
		s->filter_pids = false;
		return 0;
	case KCAP_IOC_START:
		if (!s->rings)
			return -ENXIO;
		return kcap_probes_start(s);
	}
	return -ENOTTY;
}

static long kcap_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct kcap_session *s = file->private_data;
	long ret;

	mutex_lock(&s->lock);
	ret = kcap_ioctl_locked(s, cmd, (void __user *)arg);
	mutex_unlock(&s->lock);
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
	xa_init(&s->pids);
	s->snaplen = KCAP_DEFAULT_SNAPLEN;
	s->self_tgid = current->tgid; /* the reader never captures itself */
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
	xa_destroy(&s->pids);
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
