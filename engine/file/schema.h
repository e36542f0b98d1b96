/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A capture file's event table (its SCHEMA blocks): written from an event
 * table, read into a map from the file's event types to this library's, or
 * to descriptions built from the file for events this library lacks.
 */
#ifndef KCAP_FILE_SCHEMA_H
#define KCAP_FILE_SCHEMA_H

#include <stddef.h>
#include <stdint.h>
#include "bytes.h"
#include "kcap.h"
#include "kcap_event_table.h"

_Static_assert(KCAP_EV__COUNT < KCAP_EVENT_FOREIGN, "KCAP_EVENT_FOREIGN is a table index");

struct kcap_schema_type {
	const struct kcap_event_info *info; /* NULL: the file does not describe this type */
	uint16_t local; /* this library's type, or KCAP_EVENT_FOREIGN */
};

/* A description built from the file, in a list the schema frees. */
struct kcap_schema_foreign {
	struct kcap_schema_foreign *next;
	struct kcap_event_info info;
};

struct kcap_file_schema {
	struct kcap_schema_type *types; /* by the file's type */
	uint32_t ntypes;
	struct kcap_schema_foreign *foreign; /* owned: descriptions built from the file */
	uint32_t described; /* entries read */
};

/* Writing: a __u32 count, then count entries. */
void kcap_schema_put_count(struct kcap_bytes *b, uint32_t count);
void kcap_schema_put(struct kcap_bytes *b, uint16_t type, const struct kcap_event_info *info);

/* Adds the entries of one SCHEMA block; -EBADMSG with err naming what is wrong. */
int kcap_schema_add(struct kcap_file_schema *s, const uint8_t *data, size_t len, char *err,
		    size_t errlen);
/* The file's type t, or NULL when the file's table does not describe it. */
const struct kcap_schema_type *kcap_schema_type(const struct kcap_file_schema *s, uint32_t t);
void kcap_schema_free(struct kcap_file_schema *s);

#endif /* KCAP_FILE_SCHEMA_H */
