// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The fillers over the module's stores (kmod/pushes.h). */
#include "kernel_api.h"

/* The fake kernel's mounts are struct kf_mount: tests may turn the check off (d_path). */
bool kcap_mount_layout_ok = true;
#define MOCK_RUNNER mock_run_kmod
#include "runner.h"
