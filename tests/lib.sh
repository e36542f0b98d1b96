# shellcheck shell=sh
# Sourced by the test scripts that capture for real.

# A test that needs root: outside CI it skips (exit 77, ctest's SKIP_RETURN_CODE)
# with the reason; in CI (CI=true) a test that cannot run is a failure.
require_root() {
	[ "$(id -u)" = 0 ] && return 0
	[ "${CI:-}" = true ] && { echo "FAIL: not root in CI"; exit 1; }
	echo "SKIP: not root"
	exit 77
}

# A test that needs a program: outside CI it skips with the reason; in CI
# (where scripts/install-deps.sh installed it) its absence is a failure.
require_command() {
	command -v "$1" >/dev/null 2>&1 && return 0
	[ "${CI:-}" = true ] && { echo "FAIL: $1 missing in CI"; exit 1; }
	echo "SKIP: $1 missing"
	exit 77
}
