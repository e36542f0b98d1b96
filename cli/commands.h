/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* kcap's subcommands besides capturing. */
#ifndef KCAP_CLI_COMMANDS_H
#define KCAP_CLI_COMMANDS_H

#include <stdbool.h>

/* kcap probe [-j] */
int cmd_probe(int argc, char **argv);
/* kcap bench [options] */
int cmd_bench(int argc, char **argv);

struct kcap_event;
/*
 * --proc: appends ev's process (kcap_format_proc()) to line, its formatted
 * event of n bytes in a buffer of size: a last member "proc" of the JSON
 * object, or " proc=(...)" after the text. The new length; n when the
 * process is unknown or the buffer too small (proc_out.c).
 */
int proc_append(const struct kcap_event *ev, bool json, char *line, int n, size_t size);

/* Prints s to stdout as a JSON string, quoted and escaped (json_out.c). */
void json_string(const char *s);

#endif /* KCAP_CLI_COMMANDS_H */
