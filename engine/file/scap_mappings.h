/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * What each kcap event becomes in the .scap export (scap_format.h): the
 * format's event type and, per parameter of its enter and exit events, where
 * the value comes from; and how native flag values translate into the
 * format's own encodings.
 */
#ifndef KCAP_SCAP_MAPPINGS_H
#define KCAP_SCAP_MAPPINGS_H

#include <stdint.h>

/* Where a parameter of the format comes from. */
enum src {
	S_END,
	S_I64, /* kcap integer parameter as 8 bytes */
	S_U32,
	S_U16,
	S_U8,
	S_STR, /* kcap string or path, NUL-terminated */
	S_BYTES,
	S_DATA_LEN, /* the length of a kcap bytes parameter, 4 bytes */
	S_OPEN_FLAGS, /* native O_* as the format's own flags */
	S_MODE, /* permission bits (the format's are the native ones), 4 bytes */
	S_MOUNT_FLAGS, /* mount's flags without the old magic number, 4 bytes */
	S_ARGV0, /* argv[0] of a STRLIST */
	S_ARGV_REST, /* the rest, NUL-separated */
	S_TID, /* the event's thread, 8 bytes */
	S_PID,
	S_EXIT_STATUS, /* procexit's status as a wait status: its exit code */
	S_ZERO8,
	S_ZERO4,
	S_MINUS1_4,
	S_EMPTY, /* no bytes */
	S_EMPTY_STR, /* "" */
	S_SOCKADDR, /* a kcap sockaddr parameter in the format's layout */
	S_TUPLE_OUT, /* the tuple local -> remote (connect, sendto) */
	S_TUPLE_IN, /* the tuple remote -> local (accept, recvfrom) */
	S_NATIVE_NR, /* the syscall's number, 2 bytes */
	S_SYSCALL_CODE, /* the format's code of the syscall, 2 bytes */
	S_TIMESPEC_NS, /* a struct timespec as nanoseconds, 8 bytes; -1 without one */
	S_SIGSET, /* the first 32 signals of a sigset, 4 bytes */
	S_FDLIST_EVENTS, /* a struct pollfd array as a fd list, with the events asked */
	S_FDLIST_REVENTS, /* the same, only the fds that returned something */
	S_DYN_U64, /* a dynamic parameter: index SCAP_PTRACE_IDX_UINT64, 8 bytes */
	S_BPF_RES, /* bpf's result: a new descriptor (map, program) or a return value */
	S_SOCKOPT_NAME, /* the option at SOL_SOCKET in the format's numbering, 1 byte */
	S_SOCKOPT_VAL, /* the option's value as a dynamic parameter, raw bytes */
	/* native values through a table of translations (kcap_scap_translation()) */
	S_CLONE_FLAGS,
	S_PROT,
	S_MMAP_FLAGS,
	S_FCNTL_CMD,
	S_RESOLVE,
	S_EXECVEAT_FLAGS,
	S_POLL_EVENTS,
	S_SEMOP_FLAGS,
	S_SEMGET_FLAGS,
	S_SEMCTL_CMD,
	S_PTRACE_REQ,
	S_SOCKOPT_LEVEL,
	S_SRC_COUNT
};

struct param {
	enum src src;
	const char *name; /* the kcap parameter */
};

#define MAX_SCAP_PARAMS 20

struct mapping {
	int kcap_event;
	uint16_t type; /* the enter event; the exit is type + 1, unless enter_only */
	int enter_only;
	struct param enter[7];
	struct param exit[MAX_SCAP_PARAMS + 1];
};

/* The mapping of a kcap event type, or the generic one. */
const struct mapping *kcap_scap_mapping_of(int kcap_event);
extern const struct mapping kcap_scap_generic;

/*
 * A native flag set or enumeration in the format's encoding: bit by bit
 * (each native bit set gives its bits) or value by value (a value not
 * listed gives 0), written in width bytes.
 */
struct xlat {
	uint64_t native;
	uint32_t scap;
};

struct translation {
	const struct xlat *map;
	uint32_t n;
	uint8_t width;
	uint8_t bits;
};

/* The translation of a source kind, NULL when it is none. */
const struct translation *kcap_scap_translation(enum src src);
uint32_t kcap_scap_translate(const struct translation *t, uint64_t native);

#endif /* KCAP_SCAP_MAPPINGS_H */
