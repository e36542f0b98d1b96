#!/usr/bin/env bash
# Install the kcap kernel module with DKMS (2.x or 3.x), from a kcap source tree.
#
# Usage: sudo dkms/install.sh [-k RELEASE] [--kernelsourcedir DIR] [--build-only]
#                             [--no-load] [--uninstall]
#
#   -k RELEASE          kernel to build for (default: the running one, uname -r);
#                       its headers must be installed (linux-headers-RELEASE)
#   --kernelsourcedir D the kernel build tree (default: /lib/modules/RELEASE/build,
#                       or /usr/src/linux-headers-RELEASE when that is missing)
#   --build-only        dkms add + build, no install (e.g. to copy the .ko to a VM);
#                       prints the path of the built module on stdout
#   --no-load           install, but do not modprobe (default: load when RELEASE
#                       is the running kernel)
#   --uninstall         dkms remove kcap/VERSION --all and delete /usr/src/kcap-VERSION
#
# What it does: copies kmod/, the shared files the module compiles (shared/*.h,
# events.def, io_uring_tp.sh, fillers/) and dkms/dkms.conf to /usr/src/kcap-VERSION/, then runs
# dkms add, dkms build and dkms install for RELEASE. VERSION is the project's
# (CMakeLists.txt); dkms.conf must carry the same. Re-running replaces an older
# copy of the same version. Needs root, dkms, make, gcc and the kernel headers:
#   apt-get install dkms linux-headers-$(uname -r)
set -euo pipefail

SRC="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
rel="$(uname -r)"
ksrc=""
mode=install
load=auto

die() { printf 'kcap-dkms: ERROR: %s\n' "$*" >&2; exit 1; }
log() { printf 'kcap-dkms: %s\n' "$*" >&2; }

while [ "$#" -gt 0 ]; do
	case "$1" in
	-k) rel="$2"; shift ;;
	--kernelsourcedir) ksrc="$2"; shift ;;
	--build-only) mode=build ;;
	--no-load) load=no ;;
	--uninstall) mode=uninstall ;;
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument: $1 (see --help)" ;;
	esac
	shift
done

[ "$(id -u)" -eq 0 ] || die "must run as root (writes /usr/src and /var/lib/dkms)"
command -v dkms >/dev/null || die "dkms not found: apt-get install dkms"

# DKMS builds what is in /usr/src/kcap-VERSION: stage a copy, and replace the
# registered one only if it differs (builds for other kernels stay otherwise).
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
version=$("$SRC/dkms/stage-source.sh" "$stage")
dest="/usr/src/kcap-$version"
if owner=$(dpkg-query -S "$dest" 2>/dev/null); then
	die "$dest belongs to the ${owner%%:*} package: DKMS builds it already for each kernel whose headers are installed (dkms status kcap); remove the package to use this script"
fi

dkms_has() { [ -n "$(dkms status -m kcap -v "$version" 2>/dev/null)" ]; }

if [ "$mode" = uninstall ]; then
	dkms_has && dkms remove -m kcap -v "$version" --all >&2
	rm -rf "$dest"
	log "removed kcap $version from DKMS"
	exit 0
fi

# dkms finds /lib/modules/RELEASE/build itself; it is told a tree only when the
# user named one or that link is missing.
ksrc_args=()
if [ -n "$ksrc" ]; then
	ksrc_args=(--kernelsourcedir "$ksrc")
else
	ksrc="/lib/modules/$rel/build"
	if [ ! -e "$ksrc/Makefile" ]; then
		ksrc="/usr/src/linux-headers-$rel"
		ksrc_args=(--kernelsourcedir "$ksrc")
	fi
fi
[ -e "$ksrc/Makefile" ] ||
	die "no kernel headers for $rel at $ksrc: apt-get install linux-headers-$rel"

# dkms 2 "prepares" a tree given with --kernelsourcedir: make mrproper, which
# deletes the generated files (include/generated/autoconf.h...) of the user's
# headers package, then fails. Headers packages are prepared already: dkms 2
# must neither prepare nor clean them. dkms 3 never does (and deprecates the flags).
dkms_major=$(dkms --version 2>/dev/null | sed -n 's/^dkms[^0-9]*\([0-9]*\).*/\1/p' | head -n 1)
[ -n "$dkms_major" ] || die "cannot tell the version of dkms ($(dkms --version 2>&1 | head -n 1))"
kernel_args=("${ksrc_args[@]}")
if [ "$dkms_major" -lt 3 ]; then
	kernel_args+=(--no-prepare-kernel --no-clean-kernel)
fi

if dkms_has && [ -d "$dest" ] && diff -r -q "$stage" "$dest" >/dev/null; then
	log "kcap $version is already in DKMS with these sources"
else
	if dkms_has; then
		dkms remove -m kcap -v "$version" --all >&2 || true
	fi
	rm -rf "$dest"
	cp -r "$stage" "$dest"
	chmod 755 "$dest"
	dkms add -m kcap -v "$version" >&2
fi
log "sources of kcap $version in $dest"

if ! dkms build -m kcap -v "$version" -k "$rel" "${kernel_args[@]}" >&2; then
	log "build failed; the log:"
	cat "/var/lib/dkms/kcap/$version/build/make.log" >&2 2>/dev/null || true
	die "dkms build of kcap $version for $rel failed"
fi

if [ "$mode" = build ]; then
	ko=$(find "/var/lib/dkms/kcap/$version/$rel" -name 'kcap.ko*' -path '*/module/*' | head -n 1)
	[ -n "$ko" ] || die "dkms build succeeded but no kcap.ko under /var/lib/dkms/kcap/$version/$rel"
	printf '%s\n' "$ko"
	exit 0
fi

dkms install -m kcap -v "$version" -k "$rel" "${kernel_args[@]}" --force >&2
log "installed kcap $version for $rel"
if [ "$load" = auto ] && [ "$rel" = "$(uname -r)" ]; then
	modprobe kcap && log "loaded: $(ls -l /dev/kcap 2>/dev/null)"
fi
