# shellcheck shell=bash
# Common functions of the kcap VM test harness (tests/vm/*.sh).
#
# Sourced, never executed.  Everything here is prefixed with kcap_vm_ / KCAP_VM_
# so that it can be sourced by other test scripts without clashing.
#
# Cache layout (see README.md):
#   $KCAP_VM_CACHE/
#     series/<SERIES>            text file: the kernel release setup.sh picked for it
#     kernels/<RELEASE>/vmlinuz  the kernel, from its image package(s)
#     kernels/<RELEASE>/config   its configuration
#     kernels/<RELEASE>/btf      its BTF, cut out of vmlinuz
#     kernels/<RELEASE>/modules/ its /lib/modules/<RELEASE> tree, with the
#                                modules.dep that depmod made (for --module)
#     kernels/<RELEASE>/.complete  stamp: written last, after a successful extraction
#     apt/<DIST>/                the private apt configuration of another Debian
#                                release: sources.list, lists/, cache/
#     chroots/<DIST>/            that release's build system (debootstrap), where
#                                its kernels' module and legacy probe are built
#     debs/                      scratch dir for apt-get download

# Default series tested; override with KCAP_VM_SERIES="6.1" etc.
KCAP_VM_SERIES="${KCAP_VM_SERIES:-5.10 6.1 6.12 6.16 7}"
KCAP_VM_CACHE="${KCAP_VM_CACHE:-/var/cache/kcap-vm}"

# The Debian release that ships each series, and so builds its module: "host"
# (this Debian 12 machine: bookworm, bookworm-security), bullseye (Debian 11) or
# trixie (Debian 13; its backports carry 6.16 and the 7.x kernels). "7" is the
# newest 7.x kernel of trixie-backports.
kcap_vm_series_dist() {
	case "$1" in
	5.10) echo bullseye ;;
	6.1 | 6.12) echo host ;;
	6.16 | 7) echo trixie ;;
	*) return 1 ;;
	esac
}

# False for a series whose distribution ships no headers package: no module can
# be built for it, and its legacy probe is built from its BTF.
kcap_vm_series_has_headers() { [ "$1" != 6.16 ]; }

# The suites of a distribution, as its users configure them.
kcap_vm_dist_suites() {
	case "$1" in
	bullseye) echo "bullseye bullseye-updates bullseye-security" ;;
	trixie) echo "trixie trixie-updates trixie-security trixie-backports" ;;
	*) return 1 ;;
	esac
}

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
kcap_vm_signed_image_pkg() { printf 'linux-image-%s\n' "$1"; }
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

# --- other Debian releases ---------------------------------------------------

kcap_vm_apt_dir() { printf '%s/apt/%s\n' "$KCAP_VM_CACHE" "$1"; }
kcap_vm_chroot_dir() { printf '%s/chroots/%s\n' "$KCAP_VM_CACHE" "$1"; }

# The archive URIs this machine's apt uses for Debian and its security archive
# (so that other releases come from the same registry).
kcap_vm_archive_uri() {
	local codename want uri
	codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-bookworm}")
	want="$codename"
	[ "${1:-}" = security ] && want="$codename-security"
	# shellcheck disable=SC2016 # an apt format, not a shell expansion
	uri=$(apt-get indextargets --format '$(RELEASE) $(SITE)' 'Created-By: Packages' 2>/dev/null |
		awk -v r="$want" '$1 == r {print $2; exit}')
	if [ -z "$uri" ]; then
		uri=http://deb.debian.org/debian
		[ "${1:-}" = security ] && uri=http://deb.debian.org/debian-security
	fi
	printf '%s\n' "${uri%/}"
}

# The sources.list lines of distribution $1 (its security suite from the
# security archive).
kcap_vm_dist_sources() {
	local dist="$1" main security suite
	main=$(kcap_vm_archive_uri)
	security=$(kcap_vm_archive_uri security)
	for suite in $(kcap_vm_dist_suites "$dist"); do
		case "$suite" in
		*-security) printf 'deb %s %s main\n' "$security" "$suite" ;;
		*) printf 'deb %s %s main\n' "$main" "$suite" ;;
		esac
	done
}

# apt-get/apt-cache ($2) with the private configuration of distribution $1:
# its own sources, lists and cache, so that this machine's packages are never
# upgraded from it.  setup.sh writes the configuration and updates its lists.
kcap_vm_dist_apt() {
	local dir tool="$2"
	dir=$(kcap_vm_apt_dir "$1")
	shift 2
	"$tool" -o Dir::Etc::sourcelist="$dir/sources.list" -o Dir::Etc::sourceparts=/dev/null \
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" \
		-o Acquire::Languages=none -o DPkg::Lock::Timeout=600 "$@"
}

# True once setup.sh has built the chroot of distribution $1.
kcap_vm_chroot_ready() { [ -f "$(kcap_vm_chroot_dir "$1")/.kcap-vm-complete" ]; }

# Runs command $2... in root directory $1 (a chroot), as root with a clean
# environment (what a user's shell there has), in a private mount namespace
# with its own /proc: nothing stays mounted when the command ends.
kcap_vm_chroot_exec() {
	local root="$1"
	shift
	# shellcheck disable=SC2016 # expanded by that sh
	unshare --mount --propagation private -- \
		sh -c 'mount -t proc proc "$1/proc" && exec chroot "$@"' sh \
		"$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$@"
}

# Runs command $2... in the chroot of distribution $1 (see kcap_vm_chroot_exec).
kcap_vm_chroot_run() {
	local dist="$1"
	shift
	kcap_vm_chroot_ready "$dist" || kcap_vm_die "no $dist chroot in $(kcap_vm_chroot_dir "$dist") (run setup.sh)"
	kcap_vm_chroot_exec "$(kcap_vm_chroot_dir "$dist")" "$@"
}

# A new empty directory inside the chroot of distribution $1 (host path).
kcap_vm_chroot_mktemp() { mktemp -d "$(kcap_vm_chroot_dir "$1")/var/tmp/kcap-vm.XXXXXX"; }

# The path of host path $2 (inside the chroot of $1) as seen from in there.
kcap_vm_chroot_path() { printf '%s\n' "${2#"$(kcap_vm_chroot_dir "$1")"}"; }
