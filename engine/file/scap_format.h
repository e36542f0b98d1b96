/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The reference system's .scap capture format as its 2022 libraries read it
 * (driver API 1.0.0, the libs of Debian 12's sysdig 0.29.3): the blocks and
 * event numbers kcap's export writes. Little-endian.
 *
 *   block    __u32 type, __u32 total length, body, padding to 4 bytes,
 *            __u32 total length again
 *   section  first: __u32 byte-order magic, __u16 major, __u16 minor,
 *            __u64 section length (-1: unknown)
 *   process  entries: __u32 length (itself included) and the fields of
 *   list     kcap_scap_put_thread(), in order
 *   event    __u16 cpu, then the event: __u64 ts (epoch ns), __u64 tid,
 *            __u32 len (from ts on), __u16 type, __u32 nparams, nparams
 *            __u16 lengths, the values
 */
#ifndef KCAP_SCAP_FORMAT_H
#define KCAP_SCAP_FORMAT_H

#define SCAP_BLOCK_SECTION 0x0A0D0D0Au
#define SCAP_SECTION_MAGIC 0x1A2B3C4Du
#define SCAP_SECTION_MAJOR 1
#define SCAP_SECTION_MINOR 2
#define SCAP_BLOCK_PROCESS_LIST 0x215u
#define SCAP_BLOCK_EVENT 0x216u
#define SCAP_EVENT_HEADER_SIZE 26u

/* Event types of that era: an enter event and its exit are N and N + 1. */
enum kcap_scap_event {
	SCAP_EV_GENERIC_E = 0,
	SCAP_EV_OPEN_E = 2,
	SCAP_EV_CLOSE_E = 4,
	SCAP_EV_READ_E = 6,
	SCAP_EV_WRITE_E = 8,
	SCAP_EV_SOCKET_E = 18,
	SCAP_EV_BIND_E = 20,
	SCAP_EV_CONNECT_E = 22,
	SCAP_EV_LISTEN_E = 24,
	SCAP_EV_SENDTO_E = 30,
	SCAP_EV_RECVFROM_E = 34,
	SCAP_EV_PIPE_E = 60,
	SCAP_EV_PREAD_E = 112,
	SCAP_EV_PWRITE_E = 114,
	SCAP_EV_DUP_E = 124, /* dup, dup2 and dup3 alike */
	SCAP_EV_PROCEXIT_1_E = 186,
	SCAP_EV_CLONE_20_E = 222,
	SCAP_EV_FORK_20_E = 224,
	SCAP_EV_VFORK_20_E = 226,
	SCAP_EV_ACCEPT_5_E = 246,
	SCAP_EV_ACCEPT4_5_E = 248,
	SCAP_EV_MKDIR_2_E = 276,
	SCAP_EV_EXECVE_19_E = 292,
	SCAP_EV_UNLINK_2_E = 300,
	SCAP_EV_UNLINKAT_2_E = 302,
	SCAP_EV_MKDIRAT_E = 304,
	SCAP_EV_OPENAT_2_E = 306,
};

/*
 * Socket addresses: __u8 family (AF_INET, AF_INET6, AF_UNIX keep their
 * numbers), then an IPv4 address (network order) and a port (host order),
 * an IPv6 address and a port, or a NUL-terminated path. A tuple: the family,
 * then source and destination address and port; for AF_UNIX two __u64
 * socket pointers and the path.
 */

/* Open flags in that format's own encoding (PPM_O_*). */
#define SCAP_O_RDONLY (1u << 0)
#define SCAP_O_WRONLY (1u << 1)
#define SCAP_O_RDWR (SCAP_O_RDONLY | SCAP_O_WRONLY)
#define SCAP_O_CREAT (1u << 2)
#define SCAP_O_APPEND (1u << 3)
#define SCAP_O_DSYNC (1u << 4)
#define SCAP_O_EXCL (1u << 5)
#define SCAP_O_NONBLOCK (1u << 6)
#define SCAP_O_SYNC (1u << 7)
#define SCAP_O_TRUNC (1u << 8)
#define SCAP_O_DIRECT (1u << 9)
#define SCAP_O_DIRECTORY (1u << 10)
#define SCAP_O_LARGEFILE (1u << 11)
#define SCAP_O_CLOEXEC (1u << 12)
#define SCAP_O_TMPFILE (1u << 13)

#endif /* KCAP_SCAP_FORMAT_H */
