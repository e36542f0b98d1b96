/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Wire-format events as struct kcap_event: validated once, with every
 * parameter's offset kept, so that reading parameter i costs O(1). The layer
 * under the formatters; it needs no backend and no libbpf.
 */
#ifndef KCAP_DECODE_H
#define KCAP_DECODE_H

#include <stdint.h>
#include "kcap.h"
#include "kcap_event_table.h"

/*
 * Checks a raw event against the table and its own lengths and stores where
 * each parameter starts in param_off (KCAP_MAX_PARAMS entries): 0 or -EINVAL.
 */
int kcap_event_decode(const void *rec, uint32_t len, uint32_t *param_off);
/* The same against info, the description of the record's type (a capture file's). */
int kcap_event_decode_info(const void *rec, uint32_t len, const struct kcap_event_info *info,
			   uint32_t *param_off);

/* An event's description: this library's table, or the capture file's (KCAP_EVENT_FOREIGN). */
static inline const struct kcap_event_info *kcap_event_info_of(const struct kcap_event *ev)
{
	static const struct kcap_event_info unknown = { .name = "unknown", .id = "UNKNOWN" };

	if (ev->type < KCAP_EV__COUNT)
		return &kcap_event_table[ev->type];
	return ev->schema ? (const struct kcap_event_info *)ev->schema : &unknown;
}

/*
 * ev over a record that kcap_event_decode() accepted with param_off: every
 * field but cpu and comm; ts is the record's (CLOCK_MONOTONIC).
 */
void kcap_event_from_record(struct kcap_event *ev, const void *rec, uint32_t len,
			    const uint32_t *param_off);

_Static_assert(KCAP_EVENT_MAX_PARAMS == KCAP_MAX_PARAMS, "kcap.h and the event table disagree");

/* An integer parameter's value, sign-extended per its wire type; -EINVAL otherwise. */
int kcap_param_int(const struct kcap_param *p, int64_t *v);

/* The parameter called name, or -ENOENT. */
int kcap_event_param_by_name(const struct kcap_event *ev, const char *name, struct kcap_param *p);

/* Room kcap_sockaddr_render() needs: "unix:@" and the rest of the largest wire address. */
#define KCAP_SOCKADDR_TEXT_MAX (KCAP_MAX_SOCKADDR + 16)

/*
 * A socket address as kcap shows it ("1.2.3.4:80", "[::1]:80", "unix:/path",
 * "unix:@abstract", "family=N"), raw bytes not yet escaped, NUL-terminated
 * in out (at least KCAP_SOCKADDR_TEXT_MAX bytes): its length, 0 when data
 * is too short to hold a family.
 */
size_t kcap_sockaddr_render(const uint8_t *data, size_t len, char *out, size_t outlen);

#endif /* KCAP_DECODE_H */
