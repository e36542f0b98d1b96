/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The kernel's socket tables in /proc/PID/net/{tcp,tcp6,udp,udp6,unix}:
 * socket inode -> name, for descriptors /proc shows as "socket:[INODE]".
 * The text is untrusted input (a fake /proc, a hostile mount): a line that
 * does not parse is skipped.
 */
#ifndef KCAP_PROC_NET_H
#define KCAP_PROC_NET_H

#include <stddef.h>
#include <stdint.h>

/* One socket of a table: its inode, kind (enum kcap_fd_kind) and name. */
typedef void (*kcap_socket_fn)(void *ctx, uint64_t ino, int kind, const char *name, size_t len);

/* A tcp, tcp6, udp or udp6 table's text; how many sockets it named. */
size_t kcap_proc_net_parse_inet(const char *text, size_t len, kcap_socket_fn fn, void *ctx);
/* A unix table's text; how many sockets it named. */
size_t kcap_proc_net_parse_unix(const char *text, size_t len, kcap_socket_fn fn, void *ctx);
/*
 * Reads the tables of net_dir ("/proc/123/net") and names their sockets;
 * each file is read up to max_bytes. How many sockets it named; a table
 * that is absent or unreadable is skipped.
 */
size_t kcap_proc_net_load(const char *net_dir, size_t max_bytes, kcap_socket_fn fn, void *ctx);

#endif /* KCAP_PROC_NET_H */
