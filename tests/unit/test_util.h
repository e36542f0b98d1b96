/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Helpers shared by the unit tests. */
#ifndef KCAP_TEST_UTIL_H
#define KCAP_TEST_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "handle.h"

/* kcap_event_decode() with offsets the test does not look at. */
static inline int test_validate(const void *raw, uint32_t len)
{
	uint32_t off[KCAP_MAX_PARAMS];

	return kcap_event_decode(raw, len, off);
}

/* A kcap_event over a valid raw wire event, as kcap_next() would hand it out. */
static inline struct kcap_event test_event(const void *raw, uint32_t len, const char *comm)
{
	uint32_t off[KCAP_MAX_PARAMS];
	struct kcap_event ev;

	assert_int_equal(kcap_event_decode(raw, len, off), 0);
	kcap_event_from_record(&ev, raw, len, off);
	ev.cpu = 1;
	ev.comm = comm;
	return ev;
}

/* Builds a wire event from (type, length, bytes) parameter triples. */
struct test_param {
	uint16_t len; /* KCAP_PLEN_FAULT for a faulted parameter */
	const void *data;
};

static inline uint32_t test_build(uint8_t *buf, uint16_t type, const struct test_param *params,
				  uint16_t nparams)
{
	struct kcap_evt_hdr hdr = { .ts = 1700000000000000000ull, .tid = 7, .pid = 7 };
	uint32_t off = KCAP_HDR_SIZE + 2u * nparams;

	for (uint16_t i = 0; i < nparams; i++) {
		memcpy(buf + KCAP_HDR_SIZE + 2 * i, &params[i].len, 2);
		if (params[i].len != KCAP_PLEN_FAULT && params[i].len) {
			memcpy(buf + off, params[i].data, params[i].len);
			off += params[i].len;
		}
	}
	hdr.type = type;
	hdr.nparams = nparams;
	hdr.len = off;
	memcpy(buf, &hdr, sizeof(hdr));
	return off;
}

/* clang-format off */
#define P_S64(v) { 8, &(int64_t){ (v) } }
#define P_U64(v) { 8, &(uint64_t){ (v) } }
#define P_S32(v) { 4, &(int32_t){ (v) } }
#define P_U32(v) { 4, &(uint32_t){ (v) } }
#define P_STR(s) { sizeof(s), (s) }
#define P_BYTES(s) { sizeof(s) - 1, (s) }
#define P_FAULT { KCAP_PLEN_FAULT, NULL }
/* clang-format on */

#endif /* KCAP_TEST_UTIL_H */
