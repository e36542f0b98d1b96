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
