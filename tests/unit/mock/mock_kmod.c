// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The fillers over the module's stores (kmod/pushes.h). */
#include "kernel_api.h"
#define MOCK_RUNNER mock_run_kmod
#include "runner.h"
