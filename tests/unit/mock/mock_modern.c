// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The fillers over the modern probe's stores and bounds. */
#include "world.h"
#include "kcap_wire.h"
#include "../../../bpf_modern/bounds.h"
#include "bpf_api.h"
#define MOCK_RUNNER mock_run_modern
#include "runner.h"
