/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The kcap capture file, format version 1.0 (kcap -w, kcap -r, kcap_writer_*).
 *
 *   file header    16 bytes: magic, version, byte order
 *   blocks         each: a 24-byte block header, then stored_len bytes
 *
 * Every block is self-delimited and checksummed, so a file cut anywhere
 * (SIGKILL, power loss, a full disk) reads up to its last whole block. The
 * blocks of a file, in order:
 *
 *   MACHINE   once, first: key\0value\0 pairs (KCAP_FILE_KEY_*): where and
 *             how the capture ran
 *   SCHEMA    the event table the events were written with; a later SCHEMA
 *             block adds entries (an event a replay re-records that the
 *             writer's own table lacks)
 *   THREADS   the thread table when the capture started, one record a thread
 *   EVENTS    captured events in the order they were read, one record each
 *   TRAILER   last, at a clean end: the capture's counters and end time, as
 *             key\0value\0 pairs. A file without it was cut short.
 *
 * A block's bytes may be zstd-compressed (KCAP_FILE_BLOCK_ZSTD): raw_len is
 * then their size once decompressed. Integers are little-endian; a reader
 * refuses another byte order. A reader takes any minor version of its major
 * one: minor versions only add block types, keys, thread fields and flags,
 * all of which an older reader skips. Strings in the schema and in thread
 * records are not NUL-terminated (their length is given).
 */
#ifndef KCAP_FILE_FORMAT_H
#define KCAP_FILE_FORMAT_H

#include <linux/types.h>

#define KCAP_FILE_MAGIC "\x89KCAP\r\n\x1a" /* 8 bytes: binary, and catches newline mangling */
#define KCAP_FILE_MAJOR 1
#define KCAP_FILE_MINOR 0
#define KCAP_FILE_BYTE_ORDER 0x01020304u

struct kcap_file_header {
	char magic[8];
	__u16 major;
	__u16 minor;
	__u32 byte_order; /* KCAP_FILE_BYTE_ORDER as the writer stored it */
};

#define KCAP_FILE_BLOCK_MAGIC 0x4b4c424bu /* "KBLK" */

enum kcap_file_block_type {
	KCAP_FILE_MACHINE = 1,
	KCAP_FILE_SCHEMA = 2,
	KCAP_FILE_THREADS = 3,
	KCAP_FILE_EVENTS = 4,
	KCAP_FILE_TRAILER = 5,
};

#define KCAP_FILE_BLOCK_ZSTD 0x1u

struct kcap_file_block {
	__u32 magic; /* KCAP_FILE_BLOCK_MAGIC */
	__u16 type; /* enum kcap_file_block_type; a reader skips types it does not know */
	__u16 flags; /* KCAP_FILE_BLOCK_*; a reader refuses flags it does not know */
	__u32 stored_len; /* bytes that follow this header */
	__u32 raw_len; /* their size decompressed (= stored_len when not compressed) */
	__u32 seq; /* 0 for the first block, then +1: a lost or repeated block shows */
	__u32 crc; /* CRC-32C of this header (crc 0) and the stored bytes */
};

/* The largest block a reader accepts, stored or decompressed: bounds its memory. */
#define KCAP_FILE_MAX_BLOCK (16u << 20)
/* Writers close an EVENTS block at this much raw data (or when flushed). */
#define KCAP_FILE_EVENTS_BLOCK (256u << 10)

/* MACHINE and TRAILER keys; values are text, numbers in decimal. */
#define KCAP_FILE_KEY_HOSTNAME "hostname"
#define KCAP_FILE_KEY_KERNEL "kernel" /* uname -r */
#define KCAP_FILE_KEY_MACHINE "machine" /* uname -m */
#define KCAP_FILE_KEY_BOOT_TIME "boot_time" /* epoch ns at CLOCK_MONOTONIC 0 */
#define KCAP_FILE_KEY_MONO_TO_EPOCH "mono_to_epoch" /* ns added to an event's ts for the epoch */
#define KCAP_FILE_KEY_CPUS "cpus"
#define KCAP_FILE_KEY_BACKEND "backend"
#define KCAP_FILE_KEY_KCAP_VERSION "kcap_version"
#define KCAP_FILE_KEY_OPTIONS "options" /* the capture's options, as kcap -w was given them */
#define KCAP_FILE_KEY_START_TIME "start_time" /* epoch ns */
#define KCAP_FILE_KEY_END_TIME "end_time" /* TRAILER: epoch ns */
/* TRAILER: every field of struct kcap_stats by its name ("events", "drops_buffer_full"...) */

/*
 * SCHEMA: __u32 count, then count entries:
 *   __u16 type        the id the EVENTS records of this file use
 *   __u8  hook        enum kcap_hook
 *   __u8  reserved
 *   __s16 syscall_nr  -1 when not tied to one syscall
 *   __u16 nparams     at most KCAP_MAX_PARAMS
 *   str   name        "openat"
 *   str   id          "OPENAT_X": a reader whose own table has this id with the
 *                     same parameters decodes with its own entry (symbols and
 *                     all); otherwise by this one
 *   nparams times: str name, str type ("S64", "PATH"...), str fmt ("FD"...)
 * where str is a __u8 length and that many bytes.
 */

/*
 * THREADS: records back to back, each a __u32 length (of the whole record,
 * length included) and then fields, each a __u16 tag, a __u16 length and
 * that many bytes. Integers are __u32 or __u64 by their length. A reader
 * skips tags it does not know. A thread's record has a TID; a process's has
 * a PID and no TID, and the fields known of the process (ppid, ids, exe,
 * argv, cwd, login uid, start time, cgroup).
 */
enum kcap_file_thread_tag {
	KCAP_FILE_T_TID = 1,
	KCAP_FILE_T_PID = 2,
	KCAP_FILE_T_NS_TID = 3, /* in the reader's pid namespace */
	KCAP_FILE_T_NS_PID = 4,
	KCAP_FILE_T_COMM = 5,
	KCAP_FILE_T_PPID = 6,
	KCAP_FILE_T_EXE = 7,
	KCAP_FILE_T_ARGS = 8, /* NUL-separated */
	KCAP_FILE_T_CWD = 9,
	KCAP_FILE_T_UID = 10,
	KCAP_FILE_T_GID = 11,
	KCAP_FILE_T_LOGINUID = 12,
	KCAP_FILE_T_START_TIME = 13, /* ns since boot, as /proc/PID/stat gives it */
	KCAP_FILE_T_CGROUP = 14,
	KCAP_FILE_T_EUID = 15,
	KCAP_FILE_T_EGID = 16,
};

/*
 * EVENTS: records back to back, each 8-byte aligned (padding not counted in
 * len): this header, the wire event (shared/kcap_wire.h, its own len; its ts
 * is CLOCK_MONOTONIC, see mono_to_epoch), then one descriptor name per bit of
 * fd_mask, in parameter order: a struct kcap_file_fd_name and name_len bytes.
 */
struct kcap_file_event {
	__u32 len; /* this header, the wire event and the names */
	__u32 cpu;
	__u32 ns_pid, ns_tid; /* as struct kcap_event has them */
	__u32 changed;
	__u32 fd_mask;
	char comm[16]; /* the thread's name when the event was read */
};

struct kcap_file_fd_name {
	__u16 kind; /* enum kcap_fd_kind */
	__u16 reserved;
	__u32 name_len; /* at most KCAP_FILE_MAX_NAME */
};

#define KCAP_FILE_MAX_NAME 65536u

#endif /* KCAP_FILE_FORMAT_H */
