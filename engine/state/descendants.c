// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Existing descendants of the captured pids, from /proc/<pid>/stat (descendants.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "descendants.h"

#define MAX_PROCS (1u << 22) /* PID_MAX_LIMIT */

struct proc_link {
	int pid, ppid;
};

/* The parent of pid from <proc>/<pid>/stat: after the last ')', "S PPID ..." */
static int read_ppid(const char *proc_root, int pid)
{
	char path[128], buf[512];
	const char *p;
	char *end;
	ssize_t n;
	long ppid;
	int fd;

	snprintf(path, sizeof(path), "%s/%d/stat", proc_root, pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strrchr(buf, ')'); /* comm may hold spaces and parentheses */
	if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
		return -1;
	errno = 0;
	ppid = strtol(p + 4, &end, 10); /* ") S PPID " */
	if (errno || end == p + 4 || *end != ' ' || ppid < 0 || ppid > (long)MAX_PROCS)
		return -1;
	return (int)ppid;
}

static int positive_id(const char *name)
{
	char *end;
	long v = strtol(name, &end, 10);

	return *end || end == name || v <= 0 || v > (long)MAX_PROCS ? 0 : (int)v;
}

static int scan(const char *proc_root, struct proc_link **links, size_t *n)
{
	size_t cap = 1024;
	struct dirent *e;
	DIR *d = opendir(proc_root);

	*n = 0;
	*links = malloc(cap * sizeof(**links));
	if (!d || !*links) {
		int ret = d ? -ENOMEM : -errno;

		if (d)
			closedir(d);
		free(*links);
		*links = NULL;
		return ret;
	}
	while ((e = readdir(d))) {
		int pid = positive_id(e->d_name), ppid;

		if (!pid || (ppid = read_ppid(proc_root, pid)) < 0)
			continue; /* not a process, or gone */
		if (*n == cap) {
			struct proc_link *more =
				cap < MAX_PROCS ? realloc(*links, 2 * cap * sizeof(**links)) : NULL;

			if (!more)
				break; /* bounded: what was read is used */
			*links = more;
			cap *= 2;
		}
		(*links)[(*n)++] = (struct proc_link){ pid, ppid };
	}
	closedir(d);
	return 0;
}

int kcap_proc_descendants(const char *proc_root, const int *roots, size_t nroots, int **out,
			  size_t *n)
{
	uint8_t *known = calloc(MAX_PROCS / 8 + 1, 1); /* a bit per pid: in the tree */
	struct proc_link *links = NULL;
	size_t nlinks = 0, added = 1;
	int *set = NULL;
	int ret;

	*out = NULL;
	*n = 0;
	ret = known ? scan(proc_root, &links, &nlinks) : -ENOMEM;
	if (!ret && nlinks && !(set = calloc(nlinks, sizeof(*set))))
		ret = -ENOMEM;
	if (ret)
		goto out;
	for (size_t i = 0; i < nroots; i++)
		if (roots[i] > 0 && roots[i] <= (int)MAX_PROCS)
			known[roots[i] / 8] |= 1u << (roots[i] % 8);
	/* each pass adds the children of what is known: as many passes as the tree is deep */
	while (added) {
		added = 0;
		for (size_t i = 0; i < nlinks; i++) {
			int pid = links[i].pid, ppid = links[i].ppid;

			if ((known[pid / 8] >> (pid % 8)) & 1 ||
			    !((known[ppid / 8] >> (ppid % 8)) & 1))
				continue;
			known[pid / 8] |= 1u << (pid % 8);
			set[(*n)++] = pid;
			added++;
		}
	}
	*out = set;
	set = NULL;
out:
	free(set);
	free(links);
	free(known);
	return ret;
}
