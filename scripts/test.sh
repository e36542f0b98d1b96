#!/usr/bin/env bash
# The test command of the README (and of CI): installs what is needed, builds
# with warnings as errors, runs every test: unit (also under ASan/UBSan),
# lint, real captures on this host, and the module/VM tests in QEMU.
# Run as root: captures load kernel code. In CI (CI=true) a backend that
# cannot run fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DKCAP_WERROR=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure "$@"
