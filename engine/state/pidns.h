/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The reader's pid namespace. The kernel side sees global ids (those of the
 * initial pid namespace); a reader in another pid namespace knows its own
 * numbers only, and its /proc shows its namespace.
 */
#ifndef KCAP_PIDNS_H
#define KCAP_PIDNS_H

#include <stdbool.h>
#include <stdint.h>

/* The initial pid namespace's inode number (the kernel's PROC_PID_INIT_INO). */
#define KCAP_PIDNS_INIT_INO 0xeffffffcul

/* Whether the reader is in the initial pid namespace: its pids are the kernel's. */
bool kcap_pidns_is_initial(void);
/* The reader's pid namespace inode (as events' pidns says it), 0 for the initial one. */
uint64_t kcap_pidns_reader_ino(void);

/*
 * Whether proc_root numbers processes as the reader's pid namespace does (its
 * "self" is the reader's own pid): a /proc mounted for another namespace
 * would name other processes.
 */
bool kcap_pidns_proc_is_readers(const char *proc_root);

#endif /* KCAP_PIDNS_H */
