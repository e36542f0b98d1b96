#!/usr/bin/env bash
# Prepare this (Debian 12, root) machine for VM tests.
#
# Usage: tests/vm/setup.sh [--refresh] [SERIES...]   (default: $KCAP_VM_SERIES)
#
#  * installs the host tools: qemu-system-x86, busybox-static, cpio, xz-utils,
#    kmod (depmod), gcc, make, libc6-dev (static programs for the guest), dkms;
#  * for each series (6.1, 6.12): discovers the current Debian cloud kernel
#    (kernels.sh), downloads its -unsigned image package with `apt-get download`,
#    extracts vmlinuz, config and /lib/modules into $KCAP_VM_CACHE/kernels/<release>
#    (default /var/cache/kcap-vm), and installs linux-headers-<release> so that
#    /usr/src/linux-headers-<release> exists for out-of-tree module / BPF builds;
#  * records the chosen release in $KCAP_VM_CACHE/series/<SERIES>.
#
# Idempotent: when a series is already recorded, its kernel cached and its headers
# installed, nothing is looked up or downloaded (a re-run takes well under a second).
# --refresh (or KCAP_VM_REFRESH=1) re-discovers the current ABI (after apt-get update)
# and moves the series to it; older cached kernels are kept.
#
# Side effect worth knowing: Debian's linux-headers-6.12.* package depends on the
# matching linux-image package, so apt also installs that image (and initramfs-tools).
# On a machine that boots with GRUB this adds a boot entry.  6.1 headers do not.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
HERE="$(dirname "$(readlink -f "$0")")"

HOST_PKGS="qemu-system-x86 busybox-static cpio gzip xz-utils kmod gcc make libc6-dev dkms"

# apt-get install, retrying once after `apt-get update` (fresh machine without
# lists, or stale lists that name files the mirror no longer has).
apt_install() {
	kcap_vm_apt_get install --no-install-recommends "$@" >&2 && return 0
	[ "${KCAP_VM_APT_UPDATED:-0}" = 1 ] && return 1
	kcap_vm_apt_update_once && kcap_vm_apt_get install --no-install-recommends "$@" >&2
}

install_host_tools() {
	local p missing=()
	for p in $HOST_PKGS; do
		kcap_vm_pkg_installed "$p" || missing+=("$p")
	done
	[ "${#missing[@]}" -eq 0 ] && return 0
	kcap_vm_log "installing host tools: ${missing[*]}"
	apt_install "${missing[@]}" || kcap_vm_die "could not install ${missing[*]}"
}

# Debian 12 gets its 6.12 kernels (and the newest 6.1 ABI) from bookworm-security.
# Standard installs have it; minimal images sometimes do not.  Add it if apt does
# not know the suite at all.
ensure_security_suite() {
	local codename
	codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
	if apt-cache policy 2>/dev/null | grep -q "${codename}-security"; then
		return 1 # already configured: adding it cannot help
	fi
	[ "$codename" = bookworm ] || kcap_vm_log "warning: this is '$codename', not Debian 12 (bookworm)"
	local parts # normally /etc/apt/sources.list.d/
	parts=$(apt-config shell P Dir::Etc::sourceparts/d | sed -n "s/^P='\(.*\)'\$/\1/p")
	parts="${parts:-/etc/apt/sources.list.d/}"
	kcap_vm_log "adding the ${codename}-security suite (${parts}kcap-vm-security.sources)"
	cat >"${parts}kcap-vm-security.sources" <<EOF
# Added by kcap tests/vm/setup.sh: Debian ${codename} ships its 6.12 kernels here.
Types: deb
URIs: http://deb.debian.org/debian-security
Suites: ${codename}-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	KCAP_VM_APT_UPDATED=0
	kcap_vm_apt_update_once
}

# Run kernels.sh for the given series and set FOUND to its output; on failure
# update the lists, then add the security suite, retrying after each step.
# (Not run in $(...), so that KCAP_VM_APT_UPDATED sticks.)
FOUND=""
discover() {
	FOUND=$("$HERE/kernels.sh" "$@" 2>/dev/null) && return 0
	if [ "${KCAP_VM_APT_UPDATED:-0}" != 1 ]; then
		kcap_vm_apt_update_once || kcap_vm_die "apt-get update failed"
		FOUND=$("$HERE/kernels.sh" "$@" 2>/dev/null) && return 0
	fi
	if ensure_security_suite; then
		FOUND=$("$HERE/kernels.sh" "$@" 2>/dev/null) && return 0
	fi
	"$HERE/kernels.sh" "$@" >/dev/null # once more, letting it say what is missing
	return 1
}

# Download the -unsigned image of release $1 and extract what the VM needs.
fetch_kernel() {
	local rel="$1" pkg dir tmp deb
	pkg=$(kcap_vm_image_pkg "$rel")
	dir=$(kcap_vm_kernel_dir "$rel")
	kcap_vm_kernel_cached "$rel" && return 0
	kcap_vm_log "$rel: downloading $pkg"
	mkdir -p "$KCAP_VM_CACHE/debs" "$KCAP_VM_CACHE/kernels"
	# apt drops privileges to _apt for downloads; let it write there.
	if id _apt >/dev/null 2>&1; then chown _apt "$KCAP_VM_CACHE/debs"; fi
	rm -f "$KCAP_VM_CACHE/debs/${pkg}_"*.deb
	(cd "$KCAP_VM_CACHE/debs" && kcap_vm_apt_get download "$pkg" >&2) ||
		{ kcap_vm_apt_update_once && (cd "$KCAP_VM_CACHE/debs" && kcap_vm_apt_get download "$pkg" >&2); } ||
		kcap_vm_die "apt-get download $pkg failed"
	deb=$(ls "$KCAP_VM_CACHE/debs/${pkg}_"*.deb)
	tmp=$(mktemp -d "$KCAP_VM_CACHE/kernels/.extract.XXXXXX")
	dpkg -x "$deb" "$tmp/root"
	local mods="$tmp/root/lib/modules/$rel"
	[ -d "$mods" ] || mods="$tmp/root/usr/lib/modules/$rel"
	[ -f "$tmp/root/boot/vmlinuz-$rel" ] || kcap_vm_die "$deb has no boot/vmlinuz-$rel"
	mv "$tmp/root/boot/vmlinuz-$rel" "$tmp/vmlinuz"
	mv "$tmp/root/boot/config-$rel" "$tmp/config"
	mv "$tmp/root/boot/System.map-$rel" "$tmp/System.map"
	mv "$mods" "$tmp/modules"
	rm -rf "$tmp/root" "$deb"
	# The package ships no modules.dep (dpkg's postinst runs depmod): make one,
	# run-vm.sh --module needs it.  depmod -b wants BASE/lib/modules/<release>.
	mkdir -p "$tmp/depmod/lib/modules"
	ln -s ../../../modules "$tmp/depmod/lib/modules/$rel"
	depmod -b "$tmp/depmod" -F "$tmp/System.map" "$rel" ||
		kcap_vm_die "depmod failed for $rel"
	rm -rf "$tmp/depmod"
	touch "$tmp/.complete"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	kcap_vm_log "$rel: kernel extracted to $dir"
}

install_headers() {
	local rel="$1" pkg
	pkg=$(kcap_vm_headers_pkg "$rel")
	if ! kcap_vm_pkg_installed "$pkg"; then
		kcap_vm_log "$rel: installing $pkg"
		apt_install "$pkg" || kcap_vm_die "could not install $pkg"
	fi
	[ -f "$(kcap_vm_headers_dir "$rel")/Makefile" ] ||
		kcap_vm_die "$pkg is installed but $(kcap_vm_headers_dir "$rel")/Makefile is missing"
}

# True if series $1 is fully set up already.
series_ready() {
	local f="$KCAP_VM_CACHE/series/$1" rel
	[ -f "$f" ] || return 1
	rel=$(cat "$f")
	kcap_vm_kernel_cached "$rel" && kcap_vm_pkg_installed "$(kcap_vm_headers_pkg "$rel")" &&
		[ -f "$(kcap_vm_headers_dir "$rel")/Makefile" ]
}

main() {
	local refresh="${KCAP_VM_REFRESH:-0}" series todo=() rel
	while [ "$#" -gt 0 ]; do
		case "$1" in
		--refresh) refresh=1 ;;
		-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
		-*) kcap_vm_die "unknown option $1" ;;
		*) break ;;
		esac
		shift
	done
	if [ "$#" -eq 0 ]; then
		# shellcheck disable=SC2086 # word-splitting the list is intended
		set -- $KCAP_VM_SERIES
	fi
	kcap_vm_require_root
	install_host_tools

	for series in "$@"; do
		if [ "$refresh" != 1 ] && series_ready "$series"; then
			kcap_vm_log "$series: $(cat "$KCAP_VM_CACHE/series/$series") ready (cached)"
		else
			todo+=("$series")
		fi
	done
	[ "${#todo[@]}" -eq 0 ] && return 0
	[ "$refresh" = 1 ] && kcap_vm_apt_update_once

	discover "${todo[@]}" || kcap_vm_die "kernel discovery failed (see above)"
	while read -r series rel _; do
		fetch_kernel "$rel"
		install_headers "$rel"
		mkdir -p "$KCAP_VM_CACHE/series"
		printf '%s\n' "$rel" >"$KCAP_VM_CACHE/series/$series"
		kcap_vm_log "$series: $rel ready"
	done <<<"$FOUND"
}

main "$@"
