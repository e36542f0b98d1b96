/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * What the workload must produce, in order, per process: the event, its
 * direction, its return value and exact JSON fragments of its arguments.
 * ${key} is replaced by the workload's fact of that name; every value that
 * varies between runs is named so (capture_test's dumps replace exactly those).
 *   ret: an exact integer, "fd" (>= 0), "pos" (> 0), or NULL (no ret: enter events)
 */
#ifndef KCAP_TEST_EXPECTATIONS_H
#define KCAP_TEST_EXPECTATIONS_H

#include "workload.h"

#define MAX_FRAGMENTS 7

struct expectation {
	const char *who; /* "parent" or "child" */
	const char *event;
	const char *dir;
	const char *ret;
	const char *args[MAX_FRAGMENTS];
};

#define JSTR(s) "\"" s "\""
#define NUM_(n) #n
#define NUM(n) NUM_(n)

static const struct expectation expectations[] = {
	/* files */
	{ "parent",
	  "openat",
	  "enter",
	  NULL,
	  { "\"dirfd\":-100", "\"name\":\"${path}\"", "\"flags\":\"O_WRONLY|O_CREAT|O_TRUNC\"",
	    "\"mode\":416" } },
	{ "parent",
	  "openat",
	  "exit",
	  "4",
	  { "\"dirfd\":-100", "\"name\":\"${path}\"", "\"flags\":\"O_WRONLY|O_CREAT|O_TRUNC\"",
	    "\"mode\":416" } },
	{ "parent",
	  "write",
	  "exit",
	  "14",
	  { "\"fd\":4", "\"data\":\"kcap-workload\\n\"", "\"size\":14" } },
	{ "parent",
	  "pwrite64",
	  "exit",
	  "10",
	  { "\"fd\":4", "\"data\":" JSTR(WL_PDATA), "\"size\":10", "\"pos\":" NUM(WL_OFFSET) } },
	{ "parent",
	  "writev",
	  "exit",
	  "15",
	  { "\"fd\":4", "\"data\":" JSTR(WL_IOV_A WL_IOV_B), "\"iovcnt\":2" } },
	{ "parent", "close", "exit", "0", { "\"fd\":4" } },
	{ "parent",
	  "openat",
	  "exit",
	  "4",
	  { "\"name\":\"${path}\"", "\"flags\":\"O_RDONLY|O_CLOEXEC\"" } },
	{ "parent",
	  "read",
	  "exit",
	  "64",
	  { "\"fd\":4", "\"data\":\"kcap-workload\\nvec-one|vec-two\\u0000\\u0000",
	    "\"size\":64" } },
	{ "parent",
	  "pread64",
	  "exit",
	  "10",
	  { "\"fd\":4", "\"data\":" JSTR(WL_PDATA), "\"size\":10", "\"pos\":" NUM(WL_OFFSET) } },
	{ "parent", "close", "exit", "0", { "\"fd\":4" } },
	{ "parent",
	  "openat",
	  "enter",
	  NULL,
	  { "\"name\":\"${missing}\"", "\"flags\":\"O_RDONLY\"" } },
	{ "parent",
	  "openat",
	  "exit",
	  "-2",
	  { "\"name\":\"${missing}\"", "\"flags\":\"O_RDONLY\"" } },
	{ "parent", "openat", "exit", "-2", { "\"dirfd\":-100", "\"name\":\"\"" } },
	{ "parent", "openat", "exit", "-14", { "\"dirfd\":-100", "\"name\":null" } },
	{ "parent", "close", "exit", "-9", { "\"fd\":" NUM(WL_BAD_FD) } },
	{ "parent",
	  "compat_syscall",
	  "exit",
	  "-9",
	  { "\"id\":6", "\"a0\":" NUM(WL_BAD_FD), "\"a1\":1", "\"a2\":2", "\"a3\":3", "\"a4\":4",
	    "\"a5\":5" } },
	{ "parent",
	  "mkdirat",
	  "exit",
	  "0",
	  { "\"dirfd\":-100", "\"path\":\"${subdir}\"", "\"mode\":488" } },
	{ "parent",
	  "renameat2",
	  "exit",
	  "0",
	  { "\"olddirfd\":-100", "\"oldpath\":\"${path}\"", "\"newdirfd\":-100",
	    "\"newpath\":\"${renamed}\"", "\"flags\":\"0\"" } },
	{ "parent", "unlinkat", "exit", "0", { "\"name\":\"${renamed}\"", "\"flags\":\"0\"" } },
	{ "parent",
	  "unlinkat",
	  "exit",
	  "0",
	  { "\"name\":\"${subdir}\"", "\"flags\":\"AT_REMOVEDIR\"" } },
	/* network */
	{ "parent",
	  "socket",
	  "exit",
	  "4",
	  { "\"domain\":\"AF_INET\"", "\"type\":\"SOCK_STREAM|SOCK_CLOEXEC\"", "\"proto\":0" } },
	{ "parent", "bind", "exit", "0", { "\"fd\":4", "\"addr\":\"127.0.0.1:0\"" } },
	{ "parent", "listen", "exit", "0", { "\"fd\":4", "\"backlog\":8" } },
	{ "parent",
	  "socket",
	  "exit",
	  "5",
	  { "\"domain\":\"AF_INET\"", "\"type\":\"SOCK_STREAM\"" } },
	{ "parent", "connect", "enter", NULL, { "\"fd\":5", "\"addr\":\"127.0.0.1:${port}\"" } },
	{ "parent", "connect", "exit", "0", { "\"fd\":5", "\"addr\":\"127.0.0.1:${port}\"" } },
	{ "parent",
	  "accept4",
	  "exit",
	  "6",
	  { "\"fd\":4", "\"addr\":\"127.0.0.1:${client_port}\"", "\"flags\":\"SOCK_CLOEXEC\"" } },
	{ "parent",
	  "sendto",
	  "exit",
	  "4",
	  { "\"fd\":5", "\"data\":" JSTR(WL_MSG), "\"size\":4", "\"addr\":null" } },
	{ "parent",
	  "recvfrom",
	  "exit",
	  "4",
	  { "\"fd\":6", "\"data\":" JSTR(WL_MSG), "\"size\":16", "\"addr\":null" } },
	/* processes */
	{ "parent",
	  "execve",
	  "exit",
	  "-2",
	  { "\"exe\":\"" WL_NO_EXE "\"", "\"args\":[\"wl\",\"\",\"z\"]", "\"ppid\":${ppid}",
	    "\"cwd\":\"${cwd}\"" } },
	{ "parent", "clone", "exit", "${child}", { "\"flags\":\"SIGCHLD\"", "\"ppid\":${ppid}" } },
	{ "child", "clone", "exit", "0", { "\"flags\":\"SIGCHLD\"", "\"ppid\":${pid}" } },
	{ "child",
	  "execve",
	  "exit",
	  "0",
	  { "\"exe\":\"${exe}\"", "\"args\":[\"workload\",\"--child\",\"" WL_CHILD_ARG "\"]",
	    "\"ppid\":${pid}", "\"uid\":0", "\"euid\":0", "\"cwd\":\"${cwd}\"",
	    "\"comm\":\"workload\"" } },
	{ "child", "exit_group", "enter", NULL, { "\"status\":7" } },
	{ "child", "procexit", "exit", NULL, { "\"status\":7", "\"sig\":\"0\"" } },
	{ "parent", "kill", "exit", "0", { "\"pid\":${pid}", "\"sig\":\"0\"" } },
	/* memory */
	{ "parent",
	  "mmap",
	  "exit",
	  "${map}",
	  { "\"addr\":0", "\"length\":8192", "\"prot\":\"PROT_READ|PROT_WRITE\"",
	    "\"flags\":\"MAP_PRIVATE|MAP_ANONYMOUS\"", "\"fd\":-1" } },
	{ "parent",
	  "mprotect",
	  "exit",
	  "0",
	  { "\"addr\":${map}", "\"length\":8192", "\"prot\":\"PROT_READ\"" } },
	{ "parent", "exit_group", "enter", NULL, { "\"status\":0" } },
	{ "parent", "procexit", "exit", NULL, { "\"status\":0" } },
};

#endif /* KCAP_TEST_EXPECTATIONS_H */
