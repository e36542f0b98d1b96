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
#include "kcap_internal.h"

/* A kcap_event over a raw wire event, as kcap_next() would hand it out. */
static inline struct kcap_event test_event(const void *raw, uint32_t len, const char *comm)
{
	const struct kcap_evt_hdr *hdr = raw;
	struct kcap_event ev = {
		.ts = hdr->ts,
		.cpu = 1,
		.pid = hdr->pid,
		.tid = hdr->tid,
		.type = hdr->type,
		.nparams = hdr->nparams,
		.comm = comm,
		.raw = raw,
		.raw_len = len,
	};
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
