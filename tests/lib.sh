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

# Waits (at most $1 tenths of a second) until each kcap whose stderr is in
# files $2... says it is capturing; returns 1 if one never did.
wait_capturing() {
	_tenths=$1
	shift
	while [ "$_tenths" -gt 0 ]; do
		_all=1
		for _f in "$@"; do grep -q "capturing with" "$_f" 2>/dev/null || _all=0; done
		[ "$_all" = 1 ] && return 0
		sleep 0.1
		_tenths=$((_tenths - 1))
	done
	return 1
}
