/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * What /proc says of a process's descriptors and of the process itself:
 * the link of /proc/PID/task/TID/fd/N, what kind of descriptor its text
 * names, and the process's start time (which tells a reused pid from the
 * process that had it).
 */
#ifndef KCAP_PROC_FD_H
#define KCAP_PROC_FD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Longest link text kept: a path up to PATH_MAX. */
#define KCAP_FD_LINK_MAX 4096

/*
 * The link of descriptor fd of thread tid (of process pid) under proc_root,
 * NUL-terminated in out (KCAP_FD_LINK_MAX + 1 bytes): its length, or a
 * negative errno (-ENOENT: gone; -EACCES: hidden, as with hidepid).
 */
ssize_t kcap_proc_fd_link(const char *proc_root, uint32_t pid, uint32_t tid, int fd, char *out,
			  size_t outlen);
/*
 * The kind (enum kcap_fd_kind) of a link's text: "/path", "socket:[INODE]"
 * (with *sock_ino set; 0 otherwise), "pipe:[INODE]", "anon_inode:[eventfd]"...
 */
int kcap_fd_link_kind(const char *link, size_t len, uint64_t *sock_ino);
/*
 * The start time of process pid (field 22 of /proc/PID/stat, in clock ticks
 * since boot): 0 and *start, or a negative errno.
 */
int kcap_proc_start_time(const char *proc_root, uint32_t pid, uint64_t *start);
/* The same from the text of a stat file (a command name may hold spaces and ')'). */
int kcap_parse_start_time(const char *stat, size_t len, uint64_t *start);

#endif /* KCAP_PROC_FD_H */
