# shellcheck shell=bash
# Common functions of the kcap VM test harness (tests/vm/*.sh).
#
# Sourced, never executed.  Everything here is prefixed with kcap_vm_ / KCAP_VM_
# so that it can be sourced by other test scripts without clashing.
#
# Cache layout (see README.md):
#   $KCAP_VM_CACHE/
#     series/<SERIES>            text file: the kernel release setup.sh picked for it
#     kernels/<RELEASE>/vmlinuz  the kernel, from the -unsigned image package
#     kernels/<RELEASE>/config   its /boot/config-<RELEASE>
#     kernels/<RELEASE>/modules/ its /lib/modules/<RELEASE> tree, with the
#                                modules.dep that depmod made (for --module)
#     kernels/<RELEASE>/.complete  stamp: written last, after a successful extraction
#     debs/                      scratch dir for apt-get download

# Default series tested; override with KCAP_VM_SERIES="6.1" etc.
KCAP_VM_SERIES="${KCAP_VM_SERIES:-6.1 6.12}"
KCAP_VM_CACHE="${KCAP_VM_CACHE:-/var/cache/kcap-vm}"

kcap_vm_log() { printf 'kcap-vm: %s\n' "$*" >&2; }
kcap_vm_die() { printf 'kcap-vm: ERROR: %s\n' "$*" >&2; exit 1; }

kcap_vm_require_root() {
	[ "$(id -u)" -eq 0 ] || kcap_vm_die "must run as root (apt-get, /usr/src, ${KCAP_VM_CACHE})"
}

# apt-get, non-interactive, waiting for the dpkg lock rather than failing:
# other jobs on the same machine may be running apt at the same time.
kcap_vm_apt_get() {
	DEBIAN_FRONTEND=noninteractive apt-get -y -q \
		-o DPkg::Lock::Timeout=600 \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		"$@"
}

# apt-get update, at most once per process (KCAP_VM_APT_UPDATED is exported so
# that child scripts do not repeat it either).
kcap_vm_apt_update_once() {
	[ "${KCAP_VM_APT_UPDATED:-0}" = 1 ] && return 0
	kcap_vm_log "apt-get update"
	kcap_vm_apt_get update >&2 || return 1
	export KCAP_VM_APT_UPDATED=1
}

# True if package $1 has an installation candidate in the current apt lists.
kcap_vm_pkg_available() {
	local cand
	cand=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
	[ -n "$cand" ] && [ "$cand" != "(none)" ]
}

# True if package $1 is installed (dpkg status "install ok installed").
kcap_vm_pkg_installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# Package names for a kernel release (Debian naming of the cloud flavour).
kcap_vm_image_pkg() { printf 'linux-image-%s-unsigned\n' "$1"; }
kcap_vm_headers_pkg() { printf 'linux-headers-%s\n' "$1"; }
kcap_vm_headers_dir() { printf '/usr/src/linux-headers-%s\n' "$1"; }
kcap_vm_kernel_dir() { printf '%s/kernels/%s\n' "$KCAP_VM_CACHE" "$1"; }

# True if the cache holds a complete, bootable kernel for release $1.
kcap_vm_kernel_cached() {
	local d
	d=$(kcap_vm_kernel_dir "$1")
	[ -f "$d/.complete" ] && [ -s "$d/vmlinuz" ] && [ -f "$d/modules/modules.dep" ]
}

# Map "6.1" / "6.12" (a series) or a full release string to the release that
# is in the cache.  Prints the release; fails with a hint if setup.sh has not
# been run.
kcap_vm_resolve_kernel() {
	local want="$1" rel=""
	if [ -f "$KCAP_VM_CACHE/series/$want" ]; then
		rel=$(cat "$KCAP_VM_CACHE/series/$want")
	else
		rel="$want"
	fi
	if ! kcap_vm_kernel_cached "$rel"; then
		kcap_vm_log "kernel '$want' is not in the cache $KCAP_VM_CACHE (run tests/vm/setup.sh first)"
		return 1
	fi
	printf '%s\n' "$rel"
}

# Seconds since the epoch with sub-second precision, for timing.
kcap_vm_now() { date +%s.%N; }
# Elapsed seconds (one decimal) between two kcap_vm_now values.
kcap_vm_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
