/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* kcap's subcommands besides capturing. */
#ifndef KCAP_CLI_COMMANDS_H
#define KCAP_CLI_COMMANDS_H

#include <stdbool.h>

/* kcap probe [-j] */
int cmd_probe(int argc, char **argv);
/* kcap bench [options] */
int cmd_bench(int argc, char **argv);

/* Prints s to stdout as a JSON string, quoted and escaped (json_out.c). */
void json_string(const char *s);

#endif /* KCAP_CLI_COMMANDS_H */
