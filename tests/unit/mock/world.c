// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The fake kernel of the unit tests (world.h): memory, objects, checks. */
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include "world.h"
#include "kcap_event_table.h"

struct mock_world *mock_cur_world;
struct mock_kernel *mock_cur_kernel;

void mock_map(struct mock_world *w, uint64_t addr, const void *data, size_t len)
{
	assert(w->nmem < MOCK_MAX_REGIONS);
	w->mem[w->nmem].addr = addr;
	w->mem[w->nmem].data = data;
	w->mem[w->nmem].len = len;
	w->nmem++;
}

bool mock_read_user(uint64_t addr, void *dst, size_t n)
{
	const struct mock_world *w = mock_cur_world;

	if (n == 0)
		return true;
	if (addr >= MOCK_TASK_SIZE || n > MOCK_TASK_SIZE - addr)
		return false; /* a kernel address: access_ok() refuses it */
	for (int i = 0; i < w->nmem; i++) {
		const struct mock_region *r = &w->mem[i];

		if (addr >= r->addr && addr - r->addr <= r->len && n <= r->len - (addr - r->addr)) {
			memcpy(dst, (const uint8_t *)r->data + (addr - r->addr), n);
			return true;
		}
	}
	return false;
}

/* A root dentry (its own parent) for a new mount. */
static struct dentry *make_root(struct mock_kernel *k)
{
	struct dentry *d = &k->dentries[k->ndentries++];

	assert(k->ndentries < (int)(sizeof(k->dentries) / sizeof(k->dentries[0])));
	*d = (struct dentry){ .d_parent = d,
			      .d_name = { .name = (const unsigned char *)"/", .len = 1 } };
	return d;
}

/* The dentries of an absolute path under the directory top, or NULL for no path. */
static struct dentry *lookup(struct mock_kernel *k, struct dentry *parent, const char *name,
			     size_t n)
{
	for (int i = 1; i < k->ndentries; i++) {
		struct dentry *d = &k->dentries[i];

		if (d->d_parent == parent && d != parent && d->d_name.len == n &&
		    memcmp(d->d_name.name, name, n) == 0)
			return d;
	}
	return NULL;
}

static struct dentry *make_path_under(struct mock_kernel *k, struct dentry *top, const char *path)
{
	struct dentry *d = top, *child;

	if (!path)
		return NULL;
	for (const char *p = path; *p;) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (!n)
			break;
		if ((child = lookup(k, d, p, n))) { /* one dentry per name, as the dcache */
			d = child;
			p += n;
			continue;
		}
		assert(k->ndentries < (int)(sizeof(k->dentries) / sizeof(k->dentries[0])));
		assert(k->nnames + n <= sizeof(k->names));
		memcpy(k->names + k->nnames, p, n);
		k->dentries[k->ndentries] = (struct dentry){
			.d_parent = d,
			.d_name = { .name = (const unsigned char *)k->names + k->nnames,
				    .len = (__u32)n },
		};
		k->nnames += n;
		d = &k->dentries[k->ndentries++];
		p += n;
	}
	return d;
}

static struct dentry *make_path(struct mock_kernel *k, const char *path)
{
	return make_path_under(k, &k->dentries[0], path);
}

/* stacked_mounts mounts on mount_at, each on the root of the one below: the top one. */
static struct kf_mount *make_mounts(struct mock_kernel *k, const struct mock_world *w)
{
	struct kf_mount *below = &k->root_mnt;
	struct dentry *at = make_path(k, w->mount_at);

	assert(w->stacked_mounts <= (int)(sizeof(k->mounts) / sizeof(k->mounts[0])));
	for (int i = 0; i < w->stacked_mounts; i++) {
		struct kf_mount *m = &k->mounts[i];

		*m = (struct kf_mount){ .mnt_parent = below, .mnt_mountpoint = at };
		m->mnt.mnt_root = make_root(k);
		below = m;
		at = m->mnt.mnt_root;
	}
	return below;
}

/* The syscall's arguments in the registers of its ABI. */
static void set_regs(struct pt_regs *r, const struct mock_world *w)
{
	const uint64_t *a = w->args;

	memset(r, 0, sizeof(*r));
	r->orig_ax = w->syscall_id;
	if (w->ia32) {
		r->bx = a[0], r->cx = a[1], r->dx = a[2], r->si = a[3], r->di = a[4], r->bp = a[5];
		return;
	}
	r->di = a[0], r->si = a[1], r->dx = a[2], r->r10 = a[3], r->r8 = a[4], r->r9 = a[5];
}

void mock_kernel_build(struct mock_kernel *k, struct mock_world *w)
{
	struct dentry *root;
	struct path rootpath;

	memset(k, 0, sizeof(*k));
	root = &k->dentries[0];
	root->d_parent = root;
	root->d_name = (struct qstr){ .name = (const unsigned char *)"/", .len = 1 };
	k->ndentries = 1;
	k->root_mnt.mnt_parent = &k->root_mnt; /* the global root */
	k->root_mnt.mnt_mountpoint = root;
	k->root_mnt.mnt.mnt_root = root;
	rootpath = (struct path){ .mnt = &k->root_mnt.mnt,
				  .dentry = w->root ? make_path(k, w->root) : root };
	k->fs.root = rootpath;
	k->fs.pwd = (struct path){ .mnt = &k->root_mnt.mnt, .dentry = make_path(k, w->cwd) };
	if (w->exe) {
		struct kf_mount *top = w->stacked_mounts ? make_mounts(k, w) : &k->root_mnt;

		k->exe_file.f_path =
			(struct path){ .mnt = &top->mnt,
				       .dentry = make_path_under(k, top->mnt.mnt_root, w->exe) };
		k->mm.exe_file = &k->exe_file;
	}
	k->fdt = (struct fdtable){ .max_fds = 8, .fd = k->fd_array };
	k->files.fdt = &k->fdt;
	if (w->open_fd > 0 && w->open_fd < 8 && w->open_path) {
		k->open_sb.s_dev = w->open_kdev;
		k->open_inode = (struct inode){ .i_ino = w->open_ino, .i_sb = &k->open_sb };
		k->open_file.f_path = (struct path){ .mnt = &k->root_mnt.mnt,
						     .dentry = make_path(k, w->open_path) };
		k->open_file.f_inode = &k->open_inode;
		k->fd_array[w->open_fd] = &k->open_file;
		if (w->open_sock) {
			k->open_inode.i_mode = 0140000; /* S_IFSOCK */
			k->open_socket.sk = &w->open_sock->sk;
			k->open_file.private_data = &k->open_socket;
		}
	}
	if (w->mm_args) {
		mock_map(w, MOCK_MM_ARGS_ADDR, w->mm_args, w->mm_args_len);
		k->mm.arg_start = MOCK_MM_ARGS_ADDR;
		k->mm.arg_end = MOCK_MM_ARGS_ADDR + w->mm_args_len;
	}
	k->cred = (struct cred){ .uid = { w->uid }, .euid = { w->euid }, .gid = { w->gid } };
	k->parent.tgid = w->ppid;
	k->init_pidns.ns.inum = 0xeffffffcu;
	k->pidns.ns.inum = w->pidns;
	k->task_pid = (struct pid){ .numbers = { { 42, &k->init_pidns } } };
	k->leader_pid = (struct pid){ .numbers = { { 41, &k->init_pidns } } };
	if (w->vtid) {
		k->task_pid.level = k->leader_pid.level = 1;
		k->task_pid.numbers[1] = (struct upid){ (int)w->vtid, &k->pidns };
		k->leader_pid.numbers[1] = (struct upid){ (int)w->vpid, &k->pidns };
	}
	k->leader = (struct task_struct){ .pid = 41, .tgid = 41, .thread_pid = &k->leader_pid };
	k->leader.group_leader = &k->leader;
	k->task = (struct task_struct){ .pid = 42,
					.tgid = 41,
					.real_parent = &k->parent,
					.group_leader = &k->leader,
					.thread_pid = &k->task_pid,
					.cred = &k->cred,
					.mm = &k->mm,
					.fs = &k->fs,
					.files = &k->files,
					.exit_code = (int)w->exit_code };
	if (w->comm)
		snprintf(k->task.comm, sizeof(k->task.comm), "%s", w->comm);
	set_regs(&k->regs, w);
	mock_cur_world = w;
	mock_cur_kernel = k;
}

static char param_error[256];

void mock_check_param(unsigned int ev, unsigned int idx, unsigned int types)
{
	const struct kcap_event_info *info = &kcap_event_table[ev];
	char pushed[64] = "";

	if (param_error[0])
		return; /* the first one says it */
	if (idx >= info->nparams) {
		snprintf(param_error, sizeof(param_error),
			 "%s: parameter %u pushed, the table has %u", info->id, idx, info->nparams);
		return;
	}
	if (types & (1u << info->params[idx].type))
		return;
	for (unsigned int t = 0; t < KCAP_PT__COUNT; t++)
		if (types & (1u << t))
			snprintf(pushed + strlen(pushed), sizeof(pushed) - strlen(pushed), "%s%s",
				 pushed[0] ? "|" : "", kcap_param_type_name(t));
	snprintf(param_error, sizeof(param_error),
		 "%s: parameter %u (%s) pushed as %s, the table says %s", info->id, idx,
		 info->params[idx].name, pushed, kcap_param_type_name(info->params[idx].type));
}

const char *mock_param_error(void)
{
	static char last[sizeof(param_error)];

	if (!param_error[0])
		return NULL;
	memcpy(last, param_error, sizeof(last));
	param_error[0] = '\0';
	return last;
}

char *mock_d_path(const struct path *path, char *buf, int buflen)
{
	const struct path *root = &mock_cur_kernel->fs.root;
	struct dentry *d = path->dentry;
	struct kf_mount *mnt = container_of(path->mnt, struct kf_mount, mnt);
	char *p = buf + buflen;

	if (buflen < 1)
		return NULL;
	*--p = '\0';
	for (int steps = 0; steps < 4096; steps++) {
		if (d == root->dentry && &mnt->mnt == root->mnt)
			break;
		if (d == mnt->mnt.mnt_root || d == d->d_parent) {
			if (mnt->mnt_parent == mnt)
				break;
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if ((size_t)(p - buf) < d->d_name.len + 1)
			return NULL;
		p -= d->d_name.len;
		memcpy(p, d->d_name.name, d->d_name.len);
		*--p = '/';
		d = d->d_parent;
	}
	if (*p == '\0') {
		if (p == buf)
			return NULL;
		*--p = '/';
	}
	return p;
}
