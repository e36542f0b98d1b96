// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Process records and their /proc reads (proc_info.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "proc_info.h"
#include "proc_fd.h"

/* what is read of /proc/PID/status and /proc/PID/cgroup: both are far smaller */
#define STATUS_MAX 8192
#define CGROUP_MAX 16384

bool kcap_proc_str_set(struct kcap_proc_str *f, const char *s, size_t len, size_t max)
{
	char *copy;

	if (len > max)
		len = max;
	copy = malloc(len + 1);
	if (!copy)
		return false;
	memcpy(copy, s, len);
	copy[len] = '\0';
	free(f->s);
	f->s = copy;
	f->len = (uint32_t)len;
	return true;
}

static bool copy_str(struct kcap_proc_str *to, const struct kcap_proc_str *from)
{
	*to = (struct kcap_proc_str){ 0 };
	return !from->s || kcap_proc_str_set(to, from->s, from->len, from->len);
}

struct kcap_proc *kcap_proc_new(uint32_t pid, const struct kcap_proc *parent)
{
	struct kcap_proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	if (parent) {
		*p = *parent;
		if (!copy_str(&p->exe, &parent->exe) || !copy_str(&p->argv, &parent->argv) ||
		    !copy_str(&p->cwd, &parent->cwd) || !copy_str(&p->cgroup, &parent->cgroup)) {
			kcap_proc_free(p);
			return NULL;
		}
		/* the start time is the child's own, only /proc has it */
		p->have &= ~(uint32_t)KCAP_THREAD_START;
		p->start_time = 0;
		p->looked_up_ns = 0;
		p->stale = 0;
		p->born_ts = 0;
		p->fmt = NULL;
		p->fmt_len = 0;
	}
	p->pid = pid;
	if (!parent)
		p->runtime = "";
	return p;
}

void kcap_proc_free(struct kcap_proc *p)
{
	if (!p)
		return;
	free(p->exe.s);
	free(p->argv.s);
	free(p->cwd.s);
	free(p->cgroup.s);
	free(p->fmt);
	free(p);
}

size_t kcap_proc_bytes(const struct kcap_proc *p)
{
	size_t n = sizeof(*p);

	n += p->exe.s ? p->exe.len + 1 : 0;
	n += p->argv.s ? p->argv.len + 1 : 0;
	n += p->cwd.s ? p->cwd.len + 1 : 0;
	n += p->cgroup.s ? p->cgroup.len + 1 : 0;
	n += p->fmt ? p->fmt_len + 1 : 0;
	return n;
}

bool kcap_proc_set_cgroup(struct kcap_proc *p, const char *path, size_t len)
{
	if (!kcap_proc_str_set(&p->cgroup, path, len, KCAP_PROC_PATH_MAX))
		return false;
	kcap_container_parse(p->cgroup.s, p->cgroup.len, p->container_id, &p->runtime);
	p->have |= KCAP_THREAD_CGROUP;
	return true;
}

/* Up to max bytes of a file; its length, or a negative errno. */
static ssize_t read_file(const char *path, char *buf, size_t max)
{
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while (n < max) {
		ssize_t r = read(fd, buf + n, max - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	return (ssize_t)n;
}

/* A decimal u32 at *s, which moves past it; false for none or an overflow. */
static bool parse_u32(const char **s, const char *end, uint32_t *v)
{
	uint64_t x = 0;
	const char *p = *s;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p < '0' || *p > '9')
		return false;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		x = x * 10 + (uint64_t)(*p - '0');
		if (x > UINT32_MAX)
			return false;
	}
	*s = p;
	*v = (uint32_t)x;
	return true;
}

int kcap_proc_parse_status(const char *text, size_t len, struct kcap_proc *p)
{
	const char *s = text, *end = text + len;
	uint32_t ppid, uid[2], gid[2];
	bool have_uid = false, have_gid = false, have_ppid = false;

	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *v;

		if (!eol)
			eol = end;
		if (eol - s > 4 && !memcmp(s, "Uid:", 4)) {
			v = s + 4;
			have_uid = parse_u32(&v, eol, &uid[0]) && parse_u32(&v, eol, &uid[1]);
		} else if (eol - s > 4 && !memcmp(s, "Gid:", 4)) {
			v = s + 4;
			have_gid = parse_u32(&v, eol, &gid[0]) && parse_u32(&v, eol, &gid[1]);
		} else if (eol - s > 5 && !memcmp(s, "PPid:", 5)) {
			v = s + 5;
			have_ppid = parse_u32(&v, eol, &ppid);
		}
		s = eol + 1;
	}
	if (have_ppid) {
		p->ppid = ppid;
		p->have |= KCAP_THREAD_PPID;
	}
	if (have_uid && have_gid) {
		p->uid = uid[0];
		p->euid = uid[1];
		p->gid = gid[0];
		p->egid = gid[1];
		p->have |= KCAP_THREAD_IDS;
	}
	return have_ppid || (have_uid && have_gid) ? 0 : -EINVAL;
}

int kcap_proc_parse_cgroup(const char *text, size_t len, const char **path, size_t *path_len)
{
	const char *s = text, *end = text + len, *first = NULL, *v2 = NULL;
	size_t first_len = 0, v2_len = 0;
	char id[KCAP_CONTAINER_ID_MAX + 1];
	const char *runtime;

	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *c1, *c2;

		if (!eol)
			eol = end;
		/* "hierarchy-id:controllers:path"; the path may hold ':' itself */
		c1 = memchr(s, ':', (size_t)(eol - s));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;
		if (c2 && c2 + 1 < eol && c2[1] == '/') {
			const char *pth = c2 + 1;
			size_t n = (size_t)(eol - pth);

			if (kcap_container_parse(pth, n, id, &runtime)) {
				*path = pth;
				*path_len = n;
				return 0;
			}
			if (!first) {
				first = pth;
				first_len = n;
			}
			if (!v2 && c1 - s == 1 && s[0] == '0' && c2 == c1 + 1) {
				v2 = pth;
				v2_len = n;
			}
		}
		s = eol + 1;
	}
	if (!first)
		return -EINVAL;
	*path = v2 ? v2 : first;
	*path_len = v2 ? v2_len : first_len;
	return 0;
}

/* A symbolic link of <proc>/<pid>/ into f. */
static bool read_link(const char *proc_root, uint32_t pid, const char *name,
		      struct kcap_proc_str *f)
{
	char path[128], buf[KCAP_PROC_PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%u/%s", proc_root, pid, name);
	n = readlink(path, buf, sizeof(buf));
	return n > 0 && kcap_proc_str_set(f, buf, (size_t)n, KCAP_PROC_PATH_MAX);
}

static ssize_t read_pid_file(const char *proc_root, uint32_t pid, const char *name, char *buf,
			     size_t max)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%u/%s", proc_root, pid, name);
	return read_file(path, buf, max);
}

uint32_t kcap_proc_read(const char *proc_root, struct kcap_proc *p, uint32_t want)
{
	char buf[CGROUP_MAX] = { 0 }; /* the analyzer cannot tell what read() filled */
	uint32_t got = 0;
	const char *path;
	size_t plen;
	ssize_t n;

	if (!proc_root || !want)
		return 0;
	if ((want & KCAP_THREAD_START) && !kcap_proc_start_time(proc_root, p->pid, &p->start_time))
		got |= KCAP_THREAD_START;
	if (want & (KCAP_THREAD_PPID | KCAP_THREAD_IDS)) {
		struct kcap_proc st = { 0 };

		n = read_pid_file(proc_root, p->pid, "status", buf, STATUS_MAX);
		if (n > 0 && !kcap_proc_parse_status(buf, (size_t)n, &st)) {
			if (want & st.have & KCAP_THREAD_PPID)
				p->ppid = st.ppid;
			if (want & st.have & KCAP_THREAD_IDS) {
				p->uid = st.uid;
				p->euid = st.euid;
				p->gid = st.gid;
				p->egid = st.egid;
			}
			got |= want & st.have;
		}
	}
	if ((want & KCAP_THREAD_EXE) && read_link(proc_root, p->pid, "exe", &p->exe))
		got |= KCAP_THREAD_EXE;
	if ((want & KCAP_THREAD_CWD) && read_link(proc_root, p->pid, "cwd", &p->cwd))
		got |= KCAP_THREAD_CWD;
	if (want & KCAP_THREAD_ARGV) {
		n = read_pid_file(proc_root, p->pid, "cmdline", buf, KCAP_PROC_ARGV_MAX);
		if (n > 0 && kcap_proc_str_set(&p->argv, buf, (size_t)n, KCAP_PROC_ARGV_MAX))
			got |= KCAP_THREAD_ARGV;
	}
	if (want & KCAP_THREAD_LOGINUID) {
		n = read_pid_file(proc_root, p->pid, "loginuid", buf, 32);
		path = buf;
		if (n > 0 && parse_u32(&path, buf + n, &p->loginuid))
			got |= KCAP_THREAD_LOGINUID;
	}
	if (want & KCAP_THREAD_CGROUP) {
		n = read_pid_file(proc_root, p->pid, "cgroup", buf, CGROUP_MAX);
		if (n > 0 && !kcap_proc_parse_cgroup(buf, (size_t)n, &path, &plen) &&
		    kcap_proc_set_cgroup(p, path, plen))
			got |= KCAP_THREAD_CGROUP;
	}
	p->have |= got;
	return got;
}
