#!/usr/bin/env bash
# Prepare this (Debian 12, root) machine for VM tests.
#
# Usage: tests/vm/setup.sh [--refresh] [SERIES...]   (default: $KCAP_VM_SERIES)
#
#  * installs the host tools: qemu-system-x86, busybox-static, cpio, xz-utils,
#    zstd, kmod (depmod), gcc, make, libc6-dev (static programs for the guest),
#    dkms, debootstrap;
#  * for the series of other Debian releases (5.10: bullseye; 6.16, 7: trixie),
#    writes that release's private apt configuration ($KCAP_VM_CACHE/apt/DIST:
#    the same registry as this machine's, its own lists and cache, so this
#    machine never upgrades from it) and builds its chroot
#    ($KCAP_VM_CACHE/chroots/DIST, debootstrap) with the tools a user of that
#    release builds the module and the legacy probe with (dkms, gcc, clang...);
#  * for each series: discovers the current Debian cloud kernel (kernels.sh),
#    downloads its image package(s) with `apt-get download`, extracts vmlinuz,
#    config, System.map, the modules tree and the BTF into
#    $KCAP_VM_CACHE/kernels/<release> (default /var/cache/kcap-vm), and installs
#    linux-headers-<release> where its distribution builds modules: on this
#    machine for 6.1 and 6.12, in the release's chroot otherwise (6.16 has none);
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

HOST_PKGS="qemu-system-x86 busybox-static cpio gzip xz-utils zstd kmod gcc make libc6-dev dkms debootstrap"
# What a user of another release installs to build the module (DKMS) and the
# legacy probe (clang, llvm's opt and llc, libbpf's headers; bpftool from BTF).
CHROOT_PKGS="dkms make gcc libc6-dev kmod clang llvm libbpf-dev bpftool"

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
	if [ "$(apt-cache policy 2>/dev/null | grep -c "${codename}-security")" != 0 ]; then
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

# --- other Debian releases ----------------------------------------------------

# Writes the private apt configuration of distribution $1 and updates its
# lists when they are missing, or always with $2 = refresh.
dist_apt_setup() {
	local dist="$1" refresh="${2:-}" dir
	dir=$(kcap_vm_apt_dir "$dist")
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	# apt drops privileges to _apt for downloads; let it write there.
	if id _apt >/dev/null 2>&1; then chown -R _apt "$dir/lists/partial" "$dir/cache/archives/partial"; fi
	kcap_vm_dist_sources "$dist" | sed 's|^deb |deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] |' \
		>"$dir/sources.list.new"
	if ! cmp -s "$dir/sources.list.new" "$dir/sources.list"; then
		mv "$dir/sources.list.new" "$dir/sources.list"
		refresh=refresh
	else
		rm -f "$dir/sources.list.new"
	fi
	if [ "$refresh" = refresh ] || ! ls "$dir/lists/"*_Packages* >/dev/null 2>&1; then
		kcap_vm_log "$dist: apt-get update (private configuration $dir)"
		kcap_vm_dist_apt "$dist" apt-get -q update >&2 ||
			kcap_vm_die "apt-get update of $dist's suites failed ($(kcap_vm_dist_suites "$dist"))"
	fi
}

# apt-get install of packages $2... in chroot directory $1 (of distribution $3).
# Mirrors can lack a file their index lists (seen for packages of the security
# suites): then apt installs the release's own version instead (-t release).
chroot_install() {
	local root="$1" dist="$2"
	shift 2
	local apt=(apt-get -y -q -o DPkg::Lock::Timeout=600 install --no-install-recommends)
	kcap_vm_chroot_exec "$root" "${apt[@]}" "$@" >&2 && return 0
	kcap_vm_log "$dist: installing $* failed: updating the chroot's lists and retrying"
	kcap_vm_chroot_exec "$root" apt-get -q update >&2 || return 1
	kcap_vm_chroot_exec "$root" "${apt[@]}" "$@" >&2 && return 0
	kcap_vm_log "$dist: a file of $* is missing from the mirror: retrying with $dist's own versions"
	kcap_vm_chroot_exec "$root" "${apt[@]}" -t "$dist" "$@" >&2
}

# The chroot of distribution $1: debootstrap from this machine's registry, the
# release's own suites, the tools its users build modules and BPF programs with.
ensure_chroot() {
	local dist="$1" root tmp log
	root=$(kcap_vm_chroot_dir "$dist")
	kcap_vm_chroot_ready "$dist" && return 0
	mkdir -p "$(dirname "$root")"
	tmp="$root.new"
	log="$root.log"
	rm -rf "$tmp" "$root"
	kcap_vm_log "$dist: building its chroot with debootstrap (log $log)"
	debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
		"$dist" "$tmp" "$(kcap_vm_archive_uri)" >"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; kcap_vm_die "debootstrap $dist failed (log $log)"; }
	kcap_vm_dist_sources "$dist" >"$tmp/etc/apt/sources.list"
	kcap_vm_chroot_exec "$tmp" apt-get -q update >>"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; kcap_vm_die "apt-get update in the $dist chroot failed (log $log)"; }
	# shellcheck disable=SC2086 # word-splitting the package list is intended
	chroot_install "$tmp" "$dist" $CHROOT_PKGS 2>>"$log" ||
		{ tail -n 20 "$log" >&2; kcap_vm_die "installing the build tools in the $dist chroot failed (log $log)"; }
	touch "$tmp/.kcap-vm-complete"
	mv "$tmp" "$root"
	kcap_vm_log "$dist: chroot ready in $root"
}

# True if package $2 is installed in the chroot of distribution $1.
chroot_pkg_installed() {
	# shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
	[ "$(kcap_vm_chroot_run "$1" dpkg-query -W -f='${Status}' "$2" 2>/dev/null)" = "install ok installed" ]
}

# --- kernels -----------------------------------------------------------------

# apt-get download of packages $3... into directory $2, with the apt of
# distribution $1 (host: this machine's).
download() {
	local dist="$1" dir="$2"
	shift 2
	if [ "$dist" = host ]; then
		(cd "$dir" && kcap_vm_apt_get download "$@" >&2) ||
			{ kcap_vm_apt_update_once && (cd "$dir" && kcap_vm_apt_get download "$@" >&2); }
	else
		(cd "$dir" && kcap_vm_dist_apt "$dist" apt-get -y -q download "$@" >&2)
	fi
}

# Writes the uncompressed kernel (an ELF file) of bzImage $1 to $2: the first
# compressed stream, among each known format's magic numbers, that unpacks to one.
kernel_elf() {
	local bz="$1" out="$2" format magic tool off
	for format in '\x28\xb5\x2f\xfd zstd' '\xfd7zXZ xz' '\x1f\x8b\x08 gzip' \
		'\x02\x21\x4c\x18 lz4' '\x89LZO lzop' 'BZh bzip2'; do
		magic=${format% *}
		tool=${format#* }
		command -v "$tool" >/dev/null || continue
		for off in $(LC_ALL=C grep -obUaP "$magic" "$bz" 2>/dev/null | cut -d: -f1 | head -n 8); do
			tail -c "+$((off + 1))" "$bz" | "$tool" -dc 2>/dev/null >"$out" || true
			cmp -s -n 4 "$out" <(printf '\177ELF') && return 0
		done
	done
	rm -f "$out"
	return 1
}

# The BTF of kernel image $1 (its .BTF section) into file $2.
extract_btf() {
	local elf="$2.elf"
	kernel_elf "$1" "$elf" || return 1
	objcopy -O binary --only-section=.BTF "$elf" "$2" 2>/dev/null
	rm -f "$elf"
	[ -s "$2" ] && cmp -s -n 2 "$2" <(printf '\x9f\xeb') # the BTF magic, little-endian
}

# First path among $2... (relative to directory $1) that exists.
first_path() {
	local root="$1" p
	shift
	for p in "$@"; do
		[ -e "$root/$p" ] && { printf '%s\n' "$root/$p"; return 0; }
	done
	return 1
}

# Downloads release $2 of series $3 (distribution $1), from the first of the
# comma-separated image packages $4 that the mirror really has, and extracts
# what the VM needs.  7.x image packages are meta packages: vmlinuz, config and
# the modules are in their dependencies of the same release (linux-binary-,
# linux-base-, linux-modules-).
fetch_kernel() {
	local dist="$1" rel="$2" series="$3" pkgs="$4" pkg got="" dir debs tmp deps
	dir=$(kcap_vm_kernel_dir "$rel")
	kcap_vm_kernel_cached "$rel" && return 0
	debs="$KCAP_VM_CACHE/debs/$rel"
	rm -rf "$debs"
	mkdir -p "$debs" "$KCAP_VM_CACHE/kernels"
	if id _apt >/dev/null 2>&1; then chown _apt "$debs"; fi
	for pkg in ${pkgs//,/ }; do
		kcap_vm_log "$rel: downloading $pkg"
		if download "$dist" "$debs" "$pkg"; then
			got="$pkg"
			break
		fi
		kcap_vm_log "$rel: $pkg is listed but the mirror does not have it: trying the next package"
	done
	[ -n "$got" ] || kcap_vm_die "$rel: none of $pkgs could be downloaded"
	if [ "$(dpkg-deb -c "$debs/${got}_"*.deb | grep -c '/vmlinuz')" = 0 ]; then
		deps=$(dpkg-deb -f "$debs/${got}_"*.deb Depends | sed 's/[,|]/\n/g' |
			awk -v tail="-$rel" 'substr($1, length($1) - length(tail) + 1) == tail {print $1}' |
			sort -u)
		[ -n "$deps" ] || kcap_vm_die "$got has no vmlinuz and no package of $rel among its dependencies"
		kcap_vm_log "$rel: $got is a meta package: downloading $(echo "$deps" | tr '\n' ' ')"
		# shellcheck disable=SC2086 # word-splitting the package list is intended
		download "$dist" "$debs" $deps || kcap_vm_die "$rel: downloading $deps failed"
	fi
	tmp=$(mktemp -d "$KCAP_VM_CACHE/kernels/.extract.XXXXXX")
	for pkg in "$debs"/*.deb; do dpkg -x "$pkg" "$tmp/root"; done
	local vmlinuz config sysmap mods
	vmlinuz=$(first_path "$tmp/root" "boot/vmlinuz-$rel" "usr/lib/modules/$rel/vmlinuz") ||
		kcap_vm_die "$rel: no vmlinuz in $(ls "$debs")"
	config=$(first_path "$tmp/root" "boot/config-$rel" "usr/lib/modules/$rel/config") ||
		kcap_vm_die "$rel: no kernel config in $(ls "$debs")"
	sysmap=$(first_path "$tmp/root" "boot/System.map-$rel" "usr/lib/modules/$rel/System.map") ||
		kcap_vm_die "$rel: no System.map in $(ls "$debs")"
	mv "$vmlinuz" "$tmp/vmlinuz"
	mv "$config" "$tmp/config"
	mv "$sysmap" "$tmp/System.map"
	mods=$(first_path "$tmp/root" "lib/modules/$rel" "usr/lib/modules/$rel") ||
		kcap_vm_die "$rel: no modules tree in $(ls "$debs")"
	mv "$mods" "$tmp/modules"
	rm -rf "$tmp/root" "$debs"
	# The package ships no modules.dep (dpkg's postinst runs depmod): make one,
	# run-vm.sh --module needs it.  depmod -b wants BASE/lib/modules/<release>.
	mkdir -p "$tmp/depmod/lib/modules"
	ln -s ../../../modules "$tmp/depmod/lib/modules/$rel"
	depmod -b "$tmp/depmod" -F "$tmp/System.map" "$rel" ||
		kcap_vm_die "depmod failed for $rel"
	rm -rf "$tmp/depmod"
	# The legacy probe of a kernel without headers is built from this BTF.
	if ! extract_btf "$tmp/vmlinuz" "$tmp/btf"; then
		kcap_vm_series_has_headers "$series" ||
			kcap_vm_die "$rel: cannot cut the BTF out of its vmlinuz (and there are no headers)"
		kcap_vm_log "$rel: warning: no BTF could be cut out of its vmlinuz"
	fi
	touch "$tmp/.complete"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	kcap_vm_log "$rel: kernel extracted to $dir"
}

# linux-headers-<release> $2 for series $3, where distribution $1 builds modules.
install_headers() {
	local dist="$1" rel="$2" series="$3" pkg
	kcap_vm_series_has_headers "$series" || return 0
	pkg=$(kcap_vm_headers_pkg "$rel")
	if [ "$dist" = host ]; then
		if ! kcap_vm_pkg_installed "$pkg"; then
			kcap_vm_log "$rel: installing $pkg"
			apt_install "$pkg" || kcap_vm_die "could not install $pkg"
		fi
		[ -f "$(kcap_vm_headers_dir "$rel")/Makefile" ] ||
			kcap_vm_die "$pkg is installed but $(kcap_vm_headers_dir "$rel")/Makefile is missing"
		return 0
	fi
	if ! chroot_pkg_installed "$dist" "$pkg"; then
		kcap_vm_log "$rel: installing $pkg in the $dist chroot"
		chroot_install "$(kcap_vm_chroot_dir "$dist")" "$dist" "$pkg" ||
			kcap_vm_die "could not install $pkg in the $dist chroot"
	fi
	[ -f "$(kcap_vm_chroot_dir "$dist")$(kcap_vm_headers_dir "$rel")/Makefile" ] ||
		kcap_vm_die "$pkg is installed in the $dist chroot but its Makefile is missing"
}

# True if series $1 is fully set up already.
series_ready() {
	local series="$1" f="$KCAP_VM_CACHE/series/$1" rel dist
	[ -f "$f" ] || return 1
	rel=$(cat "$f")
	dist=$(kcap_vm_series_dist "$series") || return 1
	kcap_vm_kernel_cached "$rel" || return 1
	[ "$dist" = host ] || kcap_vm_chroot_ready "$dist" || return 1
	kcap_vm_series_has_headers "$series" || return 0
	if [ "$dist" = host ]; then
		kcap_vm_pkg_installed "$(kcap_vm_headers_pkg "$rel")" &&
			[ -f "$(kcap_vm_headers_dir "$rel")/Makefile" ]
	else
		[ -f "$(kcap_vm_chroot_dir "$dist")$(kcap_vm_headers_dir "$rel")/Makefile" ]
	fi
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

main() {
	local refresh="${KCAP_VM_REFRESH:-0}" series todo=() rel dist images
	local -A dists=()
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
	for series in "$@"; do
		kcap_vm_series_dist "$series" >/dev/null ||
			kcap_vm_die "unknown kernel series $series (known: 5.10 6.1 6.12 6.16 7)"
	done
	install_host_tools

	for series in "$@"; do
		if [ "$refresh" != 1 ] && series_ready "$series"; then
			kcap_vm_log "$series: $(cat "$KCAP_VM_CACHE/series/$series") ready (cached)"
		else
			todo+=("$series")
			dist=$(kcap_vm_series_dist "$series")
			[ "$dist" = host ] || dists[$dist]=1
		fi
	done
	[ "${#todo[@]}" -eq 0 ] && return 0
	[ "$refresh" = 1 ] && kcap_vm_apt_update_once
	for dist in "${!dists[@]}"; do
		if [ "$refresh" = 1 ]; then dist_apt_setup "$dist" refresh; else dist_apt_setup "$dist"; fi
		ensure_chroot "$dist"
	done

	discover "${todo[@]}" || kcap_vm_die "kernel discovery failed (see above)"
	while read -r series rel images _; do
		dist=$(kcap_vm_series_dist "$series")
		fetch_kernel "$dist" "$rel" "$series" "$images"
		install_headers "$dist" "$rel" "$series"
		mkdir -p "$KCAP_VM_CACHE/series"
		printf '%s\n' "$rel" >"$KCAP_VM_CACHE/series/$series"
		kcap_vm_log "$series: $rel ready"
	done <<<"$FOUND"
}

main "$@"
