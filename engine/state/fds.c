// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Descriptor tables per process (fds.h): the entries and their lifetime.
 * What each event does to them is in fds_events.c, the /proc scan and
 * lookups in fds_proc.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fds.h"
#include "fds_internal.h"

#define PROCS_INITIAL 1024
#define FDS_INITIAL 16

int kcap_fds_init(struct kcap_fds *f, const char *proc_root)
{
	memset(f, 0, sizeof(*f));
	if (kcap_idmap_init(&f->procs, sizeof(struct kcap_fd_proc), PROCS_INITIAL,
			    KCAP_FDS_MAX_ENTRIES))
		return -ENOMEM;
	if (kcap_idmap_init(&f->sockets, sizeof(struct kcap_fd_entry), 64, KCAP_FDS_MAX_ENTRIES)) {
		kcap_idmap_free(&f->procs);
		return -ENOMEM;
	}
	f->proc_root = proc_root;
	f->max_entries = KCAP_FDS_MAX_ENTRIES;
	return 0;
}

static void entry_clear(struct kcap_fd_entry *e)
{
	free(e->name);
	e->name = NULL;
	e->name_len = 0;
}

static void table_unref(struct kcap_fds *f, struct kcap_fd_table *t)
{
	struct kcap_fd_entry *e;
	uint32_t pos = 0;
	uint64_t fd;

	if (!t || --t->refs)
		return;
	while ((e = kcap_idmap_next(&t->fds, &pos, &fd)))
		entry_clear(e);
	f->entries -= t->fds.used;
	kcap_idmap_free(&t->fds);
	free(t);
}

void kcap_fds_free(struct kcap_fds *f)
{
	struct kcap_fd_proc *p;
	struct kcap_fd_entry *e;
	uint32_t pos = 0;
	uint64_t key;

	if (!f->procs.slots)
		return;
	while ((p = kcap_idmap_next(&f->procs, &pos, &key)))
		table_unref(f, p->table);
	kcap_idmap_free(&f->procs);
	pos = 0;
	while ((e = kcap_idmap_next(&f->sockets, &pos, &key)))
		entry_clear(e);
	kcap_idmap_free(&f->sockets);
}

struct kcap_fd_table *kcap_fds_table_new(void)
{
	struct kcap_fd_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	if (kcap_idmap_init(&t->fds, sizeof(struct kcap_fd_entry), FDS_INITIAL,
			    KCAP_FDS_MAX_PER_TABLE)) {
		free(t);
		return NULL;
	}
	t->refs = 1;
	return t;
}

/*
 * Closed descriptors and failed lookups older than what is remembered, and
 * entries of no use, removed before a table grows: tombstones never make a
 * table larger than its open descriptors need.
 */
static void table_prune(struct kcap_fds *f, struct kcap_fd_table *t, uint64_t now)
{
	uint64_t stale[64];
	struct kcap_fd_entry *e;
	uint32_t pos = 0, n = 0;
	uint64_t fd;

	/* in batches: removal shifts entries, so collect first */
	do {
		n = 0;
		pos = 0;
		while (n < 64 && (e = kcap_idmap_next(&t->fds, &pos, &fd)))
			if (e->state != KCAP_FDS_OPEN && e->ts + KCAP_FDS_REMEMBER_NS < now)
				stale[n++] = fd;
		for (uint32_t i = 0; i < n; i++)
			kcap_idmap_remove(&t->fds, stale[i]);
		f->entries -= n;
	} while (n == 64);
}

struct kcap_fd_entry *kcap_fds_entry_get(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd,
					 uint64_t now)
{
	struct kcap_fd_entry *e = kcap_idmap_find(&t->fds, (uint64_t)fd);
	bool added;

	if (e)
		return e;
	if (f->entries >= f->max_entries) {
		f->untracked++;
		return NULL;
	}
	if ((t->fds.used + 1) * 4 > (t->fds.mask + 1) * 3)
		table_prune(f, t, now);
	e = kcap_idmap_insert(&t->fds, (uint64_t)fd, &added);
	if (!e) {
		f->untracked++;
		return NULL;
	}
	if (added)
		f->entries++;
	return e;
}

struct kcap_fd_proc *kcap_fds_proc_find(struct kcap_fds *f, uint32_t tgid)
{
	return tgid ? kcap_idmap_find(&f->procs, tgid) : NULL;
}

struct kcap_fd_proc *kcap_fds_proc_add(struct kcap_fds *f, uint32_t tgid,
				       struct kcap_fd_table *table)
{
	struct kcap_fd_proc *p;
	bool added;

	if (!tgid)
		return NULL;
	p = kcap_idmap_insert(&f->procs, tgid, &added);
	if (!p) {
		table_unref(f, table);
		return NULL;
	}
	if (!added)
		table_unref(f, p->table); /* a reused pid: the old process's table goes */
	p->start_time = 0;
	p->born_ts = 0;
	p->table = table ? table : kcap_fds_table_new();
	if (!p->table) {
		kcap_idmap_remove(&f->procs, tgid);
		return NULL;
	}
	return p;
}

void kcap_fds_proc_remove(struct kcap_fds *f, uint32_t tgid)
{
	struct kcap_fd_proc *p = kcap_fds_proc_find(f, tgid);

	if (!p)
		return;
	table_unref(f, p->table);
	kcap_idmap_remove(&f->procs, tgid);
}

struct kcap_fd_table *kcap_fds_table_copy(struct kcap_fds *f, const struct kcap_fd_table *from)
{
	struct kcap_fd_table *t = kcap_fds_table_new();
	const struct kcap_fd_entry *e;
	uint32_t pos = 0;
	uint64_t fd;

	if (!t || !from)
		return t;
	while ((e = kcap_idmap_next(&from->fds, &pos, &fd)))
		if (e->state == KCAP_FDS_OPEN)
			kcap_fds_entry_set(f, t, (int64_t)fd, e->ts, e->kind, e->name, e->name_len,
					   e->cloexec);
	return t;
}

struct kcap_fd_table *kcap_fds_unshare(struct kcap_fds *f, struct kcap_fd_proc *p)
{
	struct kcap_fd_table *copy;

	if (p->table->refs == 1)
		return p->table;
	copy = kcap_fds_table_copy(f, p->table);
	if (!copy)
		return p->table;
	table_unref(f, p->table);
	p->table = copy;
	return copy;
}

/* Whether an entry's newer change than ts makes a change at ts stale. */
static bool is_newer(const struct kcap_fd_entry *e, uint64_t ts)
{
	return (e->state == KCAP_FDS_OPEN || e->state == KCAP_FDS_CLOSED) && e->ts > ts;
}

bool kcap_fds_entry_set(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts,
			int kind, const char *name, size_t len, int cloexec)
{
	struct kcap_fd_entry *e;
	char *copy;

	if (fd < 0 || fd > INT32_MAX)
		return false;
	e = kcap_fds_entry_get(f, t, fd, ts);
	if (!e || is_newer(e, ts))
		return false;
	if (len > KCAP_FD_NAME_MAX)
		len = KCAP_FD_NAME_MAX;
	if (e->name && e->name_len == len && memcmp(e->name, name, len) == 0) {
		copy = e->name; /* a refresh of the same name: no allocation */
	} else {
		copy = malloc(len + 1);
		if (!copy)
			return false;
		memcpy(copy, name, len);
		copy[len] = '\0';
		free(e->name);
	}
	e->name = copy;
	e->name_len = (uint32_t)len;
	e->ts = ts;
	e->kind = (uint8_t)kind;
	e->state = KCAP_FDS_OPEN;
	e->cloexec = (uint8_t)cloexec;
	e->has_ends = 0;
	return true;
}

void kcap_fds_entry_close(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts)
{
	struct kcap_fd_entry *e;

	if (fd < 0 || fd > INT32_MAX)
		return;
	e = kcap_fds_entry_get(f, t, fd, ts);
	if (!e || is_newer(e, ts))
		return;
	entry_clear(e);
	e->ts = ts;
	e->state = KCAP_FDS_CLOSED;
}

void kcap_fds_entry_forget(struct kcap_fds *f, struct kcap_fd_table *t, int64_t fd, uint64_t ts)
{
	struct kcap_fd_entry *e;

	if (fd < 0 || fd > INT32_MAX)
		return;
	e = kcap_fds_entry_get(f, t, fd, ts);
	if (!e || is_newer(e, ts))
		return;
	entry_clear(e);
	e->ts = 0; /* no failed lookup to wait for */
	e->state = KCAP_FDS_MISSING;
}

void kcap_fds_usage(const struct kcap_fds *f, uint64_t *procs, uint64_t *entries, uint64_t *bytes)
{
	const struct kcap_fd_proc *p;
	const struct kcap_fd_entry *e;
	uint32_t pos = 0, epos;
	uint64_t key, fd, b = 0;

	*procs = f->procs.used;
	*entries = f->entries;
	b += kcap_idmap_bytes(&f->procs) + kcap_idmap_bytes(&f->sockets);
	while ((p = kcap_idmap_next(&f->procs, &pos, &key))) {
		uint64_t tb = sizeof(*p->table) + kcap_idmap_bytes(&p->table->fds);

		/* a shared table counts once: a share of it per process */
		for (epos = 0; (e = kcap_idmap_next(&p->table->fds, &epos, &fd));)
			if (e->name)
				tb += e->name_len + 1;
		b += tb / p->table->refs;
	}
	pos = 0;
	while ((e = kcap_idmap_next(&f->sockets, &pos, &key)))
		b += e->name_len + 1;
	*bytes = b;
}
