/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* kcap events exported as a .scap file (scap_format.h) that the reference's tools read. */
#ifndef KCAP_SCAP_WRITER_H
#define KCAP_SCAP_WRITER_H

#include <stdint.h>
#include "kcap.h"
#include "bytes.h"
#include "kcap_events.h"
#include "state/threads.h"

struct kcap_scap_writer {
	int fd;
	const char *path;
	struct kcap_bytes buf; /* blocks not yet written */
	struct kcap_bytes lens, vals; /* the event being built */
	uint16_t syscall_codes[KCAP_MAX_SYSCALLS]; /* the format's code of each syscall number */
	uint64_t offset; /* bytes written */
	uint64_t events; /* kcap events exported */
	int error;
	char errmsg[512];
};

/* Writes the section header and the process list of threads to fd (not owned). */
int kcap_scap_open(struct kcap_scap_writer *w, int fd, const char *path,
		   const struct kcap_threads *threads);
/* One kcap event as the format's enter and exit events, or its generic ones. */
int kcap_scap_write(struct kcap_scap_writer *w, const struct kcap_event *ev);
int kcap_scap_flush(struct kcap_scap_writer *w);
void kcap_scap_free(struct kcap_scap_writer *w);

#endif /* KCAP_SCAP_WRITER_H */
