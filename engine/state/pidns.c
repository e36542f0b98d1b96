// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The reader's pid namespace (pidns.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pidns.h"

bool kcap_pidns_is_initial(void)
{
	struct stat st;

	/* no /proc, or no namespaces at all (CONFIG_PID_NS=n): one namespace */
	if (stat("/proc/self/ns/pid", &st) < 0)
		return true;
	return st.st_ino == KCAP_PIDNS_INIT_INO;
}

uint64_t kcap_pidns_reader_ino(void)
{
	struct stat st;

	if (stat("/proc/self/ns/pid", &st) < 0 || st.st_ino == KCAP_PIDNS_INIT_INO)
		return 0;
	return st.st_ino;
}

bool kcap_pidns_proc_is_readers(const char *proc_root)
{
	char path[256], self[32];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/self", proc_root);
	n = readlink(path, self, sizeof(self) - 1);
	if (n <= 0)
		return false;
	self[n] = '\0';
	return strtol(self, NULL, 10) == (long)getpid();
}
