/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A fake "modern" backend for tests of the real handle (kcap.c): one stream
 * over prepared records; kmod and legacy are absent.
 */
#ifndef KCAP_TEST_FAKE_BACKEND_H
#define KCAP_TEST_FAKE_BACKEND_H

#include <stdint.h>
#include "test_util.h"

/* pids above any pid_max: /proc never has them, so lookups find nothing */
#define FAKE_PID 5000000u
#define FAKE_SEC 1000000000ull

/* Empties the stream. */
void fake_reset(void);
/* Appends an event of pid (thread tid) at ts. */
void fake_add(uint16_t type, uint32_t pid, uint32_t tid, uint64_t ts, const struct test_param *p,
	      uint16_t n);

#endif /* KCAP_TEST_FAKE_BACKEND_H */
