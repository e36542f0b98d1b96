// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The fillers over the legacy probe's stores (the same as modern's) and its bounds. */
#include "world.h"
#include "kcap_wire.h"
#include "../../../bpf_legacy/bounds.h"
#include "bpf_api.h"
#define MOCK_RUNNER mock_run_legacy
#include "runner.h"
