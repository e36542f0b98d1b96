/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Which backends a capture tries, in which order (select.c). */
#ifndef KCAP_SELECT_H
#define KCAP_SELECT_H

#include <stddef.h>
#include "backends/backend.h"

#define KCAP_MAX_BACKENDS 8

/* The candidates for spec ("auto", "a,b" or a name), in the order to try them. */
int kcap_select(const char *spec, const struct kcap_backend_ops **out, size_t *n, char *err,
		size_t errlen);
/* "auto, kmod, ...": the names kcap_select() accepts. */
size_t kcap_backend_names(char *buf, size_t len);

#endif /* KCAP_SELECT_H */
