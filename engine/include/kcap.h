/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * libkcap: capture Linux syscalls through the fastest kernel backend that works.
 *
 *   KCAP_OPTS(opts, .backend = "auto");
 *   struct kcap *k;
 *   char err[256];
 *   if (kcap_open(&opts, &k, err, sizeof(err)) < 0) { puts(err); ... }
 *   kcap_start(k);
 *   for (;;) {
 *           const struct kcap_event *ev;
 *           if (kcap_next(k, &ev, 100) == 0)
 *                   kcap_format_json(k, ev, line, sizeof(line));
 *   }
 *   kcap_close(k);
 *
 * Functions return 0 or a negative errno. Events are zero-copy: an event stays
 * valid until the next kcap_next() or kcap_close() on the same handle. A handle
 * is used by one thread at a time.
 *
 * ABI. The shared library (libkcap.so.0) exports exactly the functions below
 * marked KCAP_API. A struct the caller passes in starts with its size (sz):
 * the library reads only the first sz bytes, so a program built against an
 * older, smaller struct keeps working (the fields it does not have are 0);
 * a newer program's struct is accepted when every byte past what this library
 * knows is 0, and refused with -EOPNOTSUPP and a message otherwise. Fields are
 * only ever added at the end. Declare such a struct with KCAP_OPTS().
 */
#ifndef KCAP_H
#define KCAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KCAP_VERSION "0.3.0"

#ifndef KCAP_API
#define KCAP_API __attribute__((visibility("default")))
#endif

/* Declares struct kcap_opts NAME with its size set and the given fields: KCAP_OPTS(o, .pids = p). */
#define KCAP_OPTS(NAME, ...) struct kcap_opts NAME = { .sz = sizeof(struct kcap_opts), __VA_ARGS__ }

struct kcap;

struct kcap_opts {
	size_t sz; /* sizeof(struct kcap_opts): lets the struct grow compatibly */
	/*
	 * "auto" (or NULL): the fastest backend that works here, falling back to
	 * the next when one fails to load or attach; "a,b": that list in order;
	 * "modern", "kmod" or "legacy": only that one.
	 */
	const char *backend;
	/* comma-separated syscall names and "procexit"; NULL captures everything */
	const char *events;
	/* capture only these thread groups and their descendants; npids 0: all */
	const int *pids;
	size_t npids;
	/* bytes of I/O buffers kept per event; 0: 80; at most 65000 */
	unsigned int snaplen;
	/* kernel buffer bytes per CPU, a power of two; 0: 8 MiB */
	unsigned long buffer_bytes;
	/*
	 * Non-zero: events carry descriptor numbers only; the engine keeps no
	 * descriptor table and reads nothing of /proc for one (kcap_event_fd()
	 * then always says -ENOENT).
	 */
	int no_fd_names;
	/*
	 * A capture file (kcap -w, kcap_writer_open()) to replay instead of
	 * capturing: kcap_next() delivers its events as they were captured,
	 * filtered by events and pids, and then says -ENODATA. backend must
	 * be NULL or "auto"; snaplen and buffer_bytes do not apply.
	 */
	const char *read_file;
};

/* The most parameters an event has. */
#define KCAP_EVENT_MAX_PARAMS 32

/* What a descriptor refers to. */
enum kcap_fd_kind {
	KCAP_FD_UNKNOWN = 0,
	KCAP_FD_FILE, /* a path: a file, a directory, a device */
	KCAP_FD_IPV4, /* "10.0.0.1:41234->10.0.0.2:80"; a bound socket "0.0.0.0:80" */
	KCAP_FD_IPV6, /* "[::1]:41234->[::1]:80" */
	KCAP_FD_UNIX, /* "unix:/run/x.sock", "unix:@abstract", "unix:" when unnamed */
	KCAP_FD_SOCKET, /* another family or no address yet: "socket:AF_NETLINK" */
	KCAP_FD_PIPE, /* "pipe:[inode]", or "pipe" when the inode is unknown */
	KCAP_FD_EVENTFD, /* "anon_inode:[eventfd]" */
	KCAP_FD_SIGNALFD, /* "anon_inode:[signalfd]" */
	KCAP_FD_TIMERFD, /* "anon_inode:[timerfd]" */
	KCAP_FD_INOTIFY, /* "anon_inode:inotify" */
	KCAP_FD_EPOLL, /* "anon_inode:[eventpoll]" */
	KCAP_FD_MEMFD, /* "/memfd:NAME (deleted)", as /proc shows it */
	KCAP_FD_ANON, /* another anonymous inode: "anon_inode:bpf-map"... */
};

/* The most descriptors the engine's table holds, all processes together. */
#define KCAP_FD_TABLE_MAX_ENTRIES (1u << 20)

/* A descriptor parameter resolved by the engine's descriptor table (kcap_event_fd()). */
struct kcap_fd {
	int kind; /* enum kcap_fd_kind */
	const char *name; /* NUL-terminated; may hold other bytes too: name_len counts them all */
	uint32_t name_len;
};

#define KCAP_EVENT_FOREIGN 0xffffu

/* One captured event, as delivered by kcap_next(). */
struct kcap_event {
	uint64_t ts; /* nanoseconds since the epoch */
	uint32_t cpu;
	uint32_t pid;
	uint32_t tid;
	/*
	 * An event of the shared event table, or KCAP_EVENT_FOREIGN: replayed
	 * from a capture file whose kcap had an event this library lacks
	 * (kcap_event_name() and the parameters then come from the file).
	 */
	uint16_t type;
	uint16_t nparams;
	const char *comm; /* the thread's command name, "?" when unknown */
	const void *raw; /* the wire-format event (shared/kcap_wire.h) */
	uint32_t raw_len;
	/*
	 * Exit events: the parameters (bit i: parameter i) whose value differs
	 * from the same parameter of the syscall's enter event, both readable:
	 * the caller's memory changed while the kernel ran the syscall.
	 */
	uint32_t changed;
	/*
	 * For a reader in a pid namespace other than the initial one: the
	 * event's pid and tid as that namespace numbers them, for threads kcap
	 * saw created there; 0 when unknown (and for a reader in the initial
	 * namespace, where pid and tid are already its numbers).
	 */
	uint32_t ns_pid, ns_tid;
	/*
	 * The library's: the descriptor parameters it resolved (bit i:
	 * parameter i, in fds[i]); read them with kcap_event_fd().
	 */
	uint32_t fd_mask;
	const struct kcap_fd *fds;
	/* the library's: where each parameter starts in raw (an event copies as a value) */
	uint32_t param_off[KCAP_EVENT_MAX_PARAMS];
	/* the library's: the description a capture file gave (type KCAP_EVENT_FOREIGN) */
	const void *schema;
	/* the library's: the handle's process state, for kcap_event_thread() */
	void *proc_state;
};

/* A decoded parameter. */
struct kcap_param {
	const char *name;
	int type; /* enum kcap_param_type */
	int fmt; /* enum kcap_param_fmt */
	int faulted; /* the kernel could not read the user memory */
	int truncated; /* the value was cut at a bound (path, argv, snaplen...) */
	const uint8_t *data;
	uint32_t len;
};

/* Filled by kcap_get_stats(): the caller sets sz to sizeof(struct kcap_stats). */
struct kcap_stats {
	size_t sz;
	uint64_t events; /* delivered by the kernel to the buffers */
	uint64_t drops; /* sum of the drop causes below */
	uint64_t drops_buffer_full;
	uint64_t drops_too_large;
	uint64_t drops_internal;
	uint64_t faults; /* parameters the kernel could not read (events delivered) */
	uint64_t truncated; /* events delivered with a parameter cut at a bound */
	uint64_t pids_untracked; /* children of captured processes the pid set had no room for */
	uint64_t compat_skipped; /* 32-bit syscalls, not captured */
	uint64_t events_read; /* returned by kcap_next() */
	uint64_t bad_events; /* malformed events skipped by the reader */
	uint64_t kernel_bytes; /* kernel memory the capture holds: rings and BPF maps */
	/* the descriptor table (0 with no_fd_names) */
	uint64_t fd_processes; /* processes it holds descriptors of */
	uint64_t fd_entries; /* descriptors, closed ones kept briefly and failed lookups included */
	uint64_t fd_bytes; /* heap memory it holds */
	uint64_t fd_lookups; /* descriptors looked up in /proc (unknown on first sight) */
	uint64_t fd_lookups_failed; /* of those: gone, unreadable, or out of the lookup budget */
	uint64_t fd_untracked; /* descriptors not remembered: the table was at its bound */
	/* events of an event list's left-out descriptor syscalls, captured for the table only */
	uint64_t fd_state_events;
	uint32_t buffer_fill_pct; /* now: the fullest CPU's kernel buffer, percent of its size */
	/* the thread and process table (kcap_event_thread()) */
	uint64_t thread_entries; /* threads it names */
	uint64_t proc_entries; /* processes it holds, failed lookups included */
	uint64_t thread_bytes; /* heap memory of both */
	uint64_t proc_lookups; /* processes read from /proc on first sight */
	uint64_t proc_lookups_failed; /* of those: gone, hidden or unreadable */
	uint64_t proc_untracked; /* processes not remembered: the table was at its bound */
};

KCAP_API int kcap_open(const struct kcap_opts *opts, struct kcap **out, char *err, size_t errlen);
KCAP_API int kcap_start(struct kcap *k);
/*
 * 0 with *ev set; -EAGAIN when nothing arrived within timeout_ms (0: do not
 * wait). A replay: -ENODATA after the last event (kcap_warnings() then says
 * whether the file was cut short), another negative errno for a corrupt file
 * (kcap_last_error() names the offset).
 */
KCAP_API int kcap_next(struct kcap *k, const struct kcap_event **ev, int timeout_ms);
KCAP_API int kcap_stop(struct kcap *k);
KCAP_API int kcap_get_stats(struct kcap *k, struct kcap_stats *stats);
KCAP_API const char *kcap_backend_name(const struct kcap *k);
/*
 * 1 when a backend this machine offers was passed over because it failed to
 * load or attach (the capture fell back); 0 when those passed over, if any,
 * are simply not available here (no module loaded, no BTF...).
 */
KCAP_API int kcap_backend_fell_back(const struct kcap *k);
/* Why each backend tried before the chosen one was passed over; "" if none was. */
KCAP_API const char *kcap_backend_report(const struct kcap *k);
/* What the running backend could not do (e.g. no enter events here), one a line; "" if nothing. */
KCAP_API const char *kcap_warnings(const struct kcap *k);
/* What the last failing call on k said: backend, what failed, what to do. */
KCAP_API const char *kcap_last_error(const struct kcap *k);
KCAP_API void kcap_close(struct kcap *k);

/*
 * Capture files. A writer records what kcap_next() delivers on k, live or
 * replayed, with what is needed to replay it elsewhere: the machine, the
 * event table, the threads known at start (open it after kcap_start()), and
 * at kcap_writer_close() the capture's counters. Events go out in
 * checksummed blocks: a file cut short (a crash, a full disk) reads up to its
 * last whole block. Failures return a negative errno; kcap_last_error(k)
 * says what failed. The writer must be closed before k.
 */
struct kcap_writer;

enum kcap_writer_format {
	KCAP_WRITE_KCAP = 0, /* kcap's capture file */
	/*
	 * The reference system's .scap, as the 2022 libs of Debian 12's sysdig
	 * read it: its counterpart of each event (an enter event built from
	 * kcap's exit), its generic event for the others, a process list.
	 */
	KCAP_WRITE_SCAP = 1,
};

struct kcap_writer_opts {
	size_t sz; /* sizeof(struct kcap_writer_opts) */
	int compress; /* zstd-compress each block (kcap files) */
	const char *options; /* recorded as the capture's options (a command line, say) */
	int format; /* enum kcap_writer_format */
};

/* Filled by kcap_writer_get_stats(): the caller sets sz. */
struct kcap_writer_stats {
	size_t sz;
	uint64_t events; /* written */
	uint64_t bytes; /* of the file, in whole blocks */
	uint64_t raw_bytes; /* of those blocks before compression */
	uint64_t pending_bytes; /* events not yet in a block (kcap_writer_flush()) */
};

KCAP_API int kcap_writer_open(struct kcap *k, const char *path, const struct kcap_writer_opts *opts,
			      struct kcap_writer **out, char *err, size_t errlen);
/* ev as kcap_next() gave it on the writer's handle. */
KCAP_API int kcap_writer_write(struct kcap_writer *w, const struct kcap_event *ev);
/* Writes the events so far as a block: call when idle, so a crash loses little. */
KCAP_API int kcap_writer_flush(struct kcap_writer *w);
KCAP_API int kcap_writer_get_stats(const struct kcap_writer *w, struct kcap_writer_stats *st);
/* Flushes, writes the trailer, closes the file and frees w. */
KCAP_API int kcap_writer_close(struct kcap_writer *w);
/*
 * For a replay: a value of the capture file's machine description
 * ("hostname", "kernel", "backend", "kcap_version", "options", "start_time"...),
 * or NULL (a live capture, or a key the file does not have).
 */
KCAP_API const char *kcap_file_value(const struct kcap *k, const char *key);

/*
 * libkcap never prints. What libbpf says while libkcap loads, attaches and
 * detaches its programs (verifier logs included) goes to fn, if set (NULL, the
 * default: nowhere); the gist of a failure is in the failing call's message
 * anyway. libbpf's print callback is process-wide: libkcap sets its own only
 * during its calls and restores the application's after each.
 */
enum kcap_log_level { KCAP_LOG_WARN, KCAP_LOG_INFO, KCAP_LOG_DEBUG };
typedef void (*kcap_log_fn)(enum kcap_log_level level, const char *msg, void *ctx);
KCAP_API void kcap_set_log(kcap_log_fn fn, void *ctx);

/* What this machine offers each backend (kcap probe). Real checks, cached. */
struct kcap_probe_backend {
	char name[16];
	int usable; /* opened and attached a one-syscall capture */
	char reason[1024]; /* why not, in the backend's words */
};

/* Filled by kcap_probe(): the caller sets sz to sizeof(struct kcap_probe). */
struct kcap_probe {
	size_t sz;
	char kernel[128];
	int root, cap_sys_admin, cap_bpf, cap_perfmon;
	char lockdown[32]; /* none, integrity, confidentiality, unavailable */
	int btf; /* /sys/kernel/btf/vmlinux */
	int ringbuf; /* BPF_MAP_TYPE_RINGBUF */
	int perf_event_array;
	int raw_tracepoint;
	int tp_btf; /* a BTF-enabled tracepoint program loads */
	int tracefs; /* mounted (kcap mounts it when it needs it) */
	int syscall_tracepoints; /* syscalls:sys_enter_*: the eBPF backends' enter events */
	int kmod_device; /* /dev/kcap exists */
	struct kcap_probe_backend backends[8]; /* in auto's order */
	size_t nbackends;
	char auto_choice[16]; /* "" when no backend can run */
};

KCAP_API int kcap_probe(struct kcap_probe *p);

/* Event description and decoding, table-driven. */
KCAP_API const char *kcap_event_name(const struct kcap_event *ev);
KCAP_API const char *kcap_event_dir(const struct kcap_event *ev);
/* 0 and *ret when the event carries a syscall result; -ENOENT otherwise. */
KCAP_API int kcap_event_ret(const struct kcap_event *ev, int64_t *ret);
/* Parameter i (0 <= i < ev->nparams), bounds-checked against the event length. */
KCAP_API int kcap_event_param(const struct kcap_event *ev, unsigned int i, struct kcap_param *p);
/* The parameter called name (the names of kcap_event_type_param()), or -ENOENT. */
KCAP_API int kcap_event_param_by_name(const struct kcap_event *ev, const char *name,
				      struct kcap_param *p);

/*
 * Typed access to a parameter, so that no caller parses wire bytes: 0, or
 * -EINVAL when p is not of that kind, -EFAULT when the kernel could not read
 * it. p->type is an enum kcap_param_wire of kcap_event_types.h.
 */
/* Any integer, sign-extended as its wire type says (U64 values above INT64_MAX wrap). */
KCAP_API int kcap_param_int(const struct kcap_param *p, int64_t *v);
/* A string or path: *s NUL-terminated (a cut one too), *len without the NUL. */
KCAP_API int kcap_param_string(const struct kcap_param *p, const char **s, size_t *len);
/* The bytes of any parameter as captured (I/O data up to the snaplen). */
KCAP_API int kcap_param_bytes(const struct kcap_param *p, const uint8_t **data, size_t *len);

/* A socket address: AF_INET and AF_INET6 as text and port, AF_UNIX by path. */
struct kcap_sockaddr {
	int family; /* AF_INET, AF_INET6, AF_UNIX, or another family's number */
	uint16_t port; /* host order; 0 for AF_UNIX */
	int abstract; /* AF_UNIX: an abstract name (path then holds it without its NUL) */
	char addr[110]; /* "10.0.0.1", "::1", the unix path; "" for another family */
};

KCAP_API int kcap_param_sockaddr(const struct kcap_param *p, struct kcap_sockaddr *sa);
/*
 * An argv list's next string: start with *pos 0; 0 with *arg (NUL-terminated)
 * and *pos moved on, -ENOENT after the last.
 */
KCAP_API int kcap_param_argv_next(const struct kcap_param *p, size_t *pos, const char **arg);

/*
 * The event table, for rule engines: types are 0 .. kcap_event_type_count() - 1
 * (enum kcap_type of the installed kcap_event_types.h, generated from the
 * table); kcap_schema_version() changes whenever the table does: compare it
 * with the KCAP_SCHEMA_VERSION a program was built with.
 */
struct kcap_event_type_info {
	size_t sz; /* sizeof(struct kcap_event_type_info) */
	const char *name; /* "openat"; "syscall" for the generic event */
	const char *id; /* "OPENAT_X": the table's name of the type */
	const char *dir; /* "enter" or "exit" */
	int syscall_nr; /* -1 when not tied to one syscall */
	unsigned int nparams;
};

struct kcap_param_desc {
	size_t sz; /* sizeof(struct kcap_param_desc) */
	const char *name;
	int type; /* enum kcap_param_wire */
	int fmt; /* enum kcap_param_show */
};

KCAP_API unsigned int kcap_event_type_count(void);
KCAP_API uint32_t kcap_schema_version(void);
/* 0 and *info; -ENOENT for a type out of range; -EINVAL for a bad sz. */
KCAP_API int kcap_event_type_info(unsigned int type, struct kcap_event_type_info *info);
KCAP_API int kcap_event_type_param(unsigned int type, unsigned int i, struct kcap_param_desc *d);
/* The type of the event called name in direction dir ("enter", "exit"), or -ENOENT. */
KCAP_API int kcap_event_type_find(const char *name, const char *dir);
/* "S64", "PATH"... of a wire type; "DEC", "FD"... of a format; "?" when out of range. */
KCAP_API const char *kcap_param_type_name(unsigned int type);
KCAP_API const char *kcap_param_fmt_name(unsigned int fmt);

/*
 * What descriptor parameter i of ev refers to, as the engine knew it when it
 * handed out ev: for an argument, before the syscall's effect (close names
 * what it closed); for a result (open, dup, accept), the new descriptor.
 * 0 and *fd (valid as long as ev); -ENOENT when i is no descriptor, or the
 * engine does not know it (or no_fd_names).
 */
KCAP_API int kcap_event_fd(const struct kcap_event *ev, unsigned int i, struct kcap_fd *fd);
/* "file", "ipv4", "ipv6", "unix", "socket", "pipe", "eventfd", ... "unknown". */
KCAP_API const char *kcap_fd_kind_name(int kind);

/* Which fields of struct kcap_thread_info are known (its known member). */
enum kcap_thread_known {
	KCAP_THREAD_PPID = 1 << 0,
	KCAP_THREAD_IDS = 1 << 1, /* uid, gid, euid, egid */
	KCAP_THREAD_EXE = 1 << 2,
	KCAP_THREAD_ARGV = 1 << 3,
	KCAP_THREAD_CWD = 1 << 4,
	KCAP_THREAD_LOGINUID = 1 << 5,
	KCAP_THREAD_START = 1 << 6,
	KCAP_THREAD_CGROUP = 1 << 7, /* cgroup, container_id, container_runtime */
};

/* The most ancestors kcap_event_thread() names. */
#define KCAP_THREAD_ANCESTORS 8

/*
 * Filled by kcap_event_thread(): the caller sets sz to
 * sizeof(struct kcap_thread_info). Strings are NUL-terminated, never NULL
 * ("" when unknown), valid as long as the event.
 */
struct kcap_thread_info {
	size_t sz;
	uint32_t known; /* enum kcap_thread_known */
	uint32_t pid, tid, ppid;
	uint32_t uid, gid, euid, egid; /* real and effective */
	uint32_t loginuid; /* (uint32_t)-1: none (not a login's) */
	uint64_t start_time; /* /proc/PID/stat's field 22: clock ticks since boot */
	const char *comm;
	const char *exe;
	const char *argv; /* each argument NUL-terminated, argv_len bytes in all */
	uint32_t argv_len;
	const char *cwd;
	const char *cgroup; /* the path of /proc/PID/cgroup naming the container, or v2's */
	const char *container_id; /* "" on the host */
	/* "docker", "containerd", "cri-o", "podman", "systemd-nspawn"; "" on the host */
	const char *container_runtime;
	uint32_t nancestors;
	const char *ancestors[KCAP_THREAD_ANCESTORS]; /* command names, the parent first */
};

/*
 * The process of ev's thread as the engine knew it when it handed out ev
 * (after an exec: the new image). 0 and *info (the caller's sz bytes of it:
 * a struct that ends before nancestors costs no walk up the process tree);
 * -ENOENT when the engine knows nothing of the process.
 */
KCAP_API int kcap_event_thread(const struct kcap_event *ev, struct kcap_thread_info *info);
/*
 * ev's process as a JSON object ({"exe":...}) or, json 0, as text
 * (proc=(exe=... ppid=...)): exe, ppid, ancestors, cwd, uid, cgroup,
 * container_id and container_runtime, escaped as kcap_format_json() and
 * kcap_format_text() escape values. The length written, -ENOENT when the
 * process is unknown, -ENOSPC when buf is too small.
 */
KCAP_API int kcap_format_proc(const struct kcap_event *ev, int json, char *buf, size_t len);

/*
 * One line, NUL-terminated, without a newline. A resolved descriptor follows
 * its number: fd=3(/etc/hostname) in text; in JSON, a key named after the
 * parameter with "_name" appended, next to it ("fd":3,"fd_name":"/etc/hostname"),
 * and "ret_name" after "args" for a descriptor the syscall returned. Returns the length
 * written, or -ENOSPC when buf is too small (KCAP_FORMAT_MAX never is).
 */
KCAP_API int kcap_format_text(const struct kcap_event *ev, char *buf, size_t len);
KCAP_API int kcap_format_json(const struct kcap_event *ev, char *buf, size_t len);
/* A buffer size that fits any formatted event. */
#define KCAP_FORMAT_MAX (1u << 20)

#ifdef __cplusplus
}
#endif

#endif /* KCAP_H */
