/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* The legacy probe object for the running kernel (legacy_object.c). */
#ifndef KCAP_LEGACY_OBJECT_H
#define KCAP_LEGACY_OBJECT_H

#include <stddef.h>

/*
 * The object for the running kernel into path, in this order: $KCAP_LEGACY_OBJ,
 * $KCAP_LEGACY_DIR/<release>/, the build tree, the install prefix; or a
 * message naming every path tried and how to build one.
 */
int kcap_legacy_find_object(char *path, size_t pathlen, char *err, size_t errlen);

/* The object at path was built for the running kernel (its .kcap.release section). */
int kcap_legacy_check_release(const char *path, char *err, size_t errlen);

#endif /* KCAP_LEGACY_OBJECT_H */
