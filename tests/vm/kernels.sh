#!/usr/bin/env bash
# Discover the current Debian cloud amd64 kernel of each series.
#
# Usage: tests/vm/kernels.sh [SERIES...]      (default: $KCAP_VM_SERIES)
# Output, one line per series:  SERIES RELEASE IMAGE_PKGS HEADERS_PKG
#   e.g. 6.1  6.1.0-57-cloud-amd64       linux-image-6.1.0-57-cloud-amd64-unsigned,linux-image-6.1.0-57-cloud-amd64 linux-headers-6.1.0-57-cloud-amd64
#        6.16 6.16.12+deb13-cloud-amd64  linux-image-6.16.12+deb13-cloud-amd64 -
# IMAGE_PKGS: the image packages of the release in order of preference (the
# -unsigned one first; some mirrors list it but lack its file, so setup.sh falls
# back to the next); HEADERS_PKG is "-" for a series whose distribution ships no
# headers (6.16).
#
# Only reads apt lists (apt-cache): run `apt-get update` first on a fresh
# machine; the other Debian releases' lists are in their private apt
# configurations, which setup.sh updates.  ABI numbers are never hard-coded: old
# ABIs disappear from the mirror, so the release is discovered each time.
#
# How a series is resolved, first match wins:
#   this machine's releases (6.1, 6.12: bookworm and bookworm-security):
#     1. a meta package's dependency: linux-image-<SERIES>-cloud-amd64 (exists
#        for 6.12), then linux-image-cloud-amd64 (Debian 12's default kernel, 6.1);
#     2. `apt-cache search` for linux-headers-<SERIES>.*-cloud-amd64, newest first;
#   other releases (5.10: bullseye; 6.16 and 7, the newest 7.x: trixie with
#   trixie-backports): every linux-image-<SERIES>.*-cloud-amd64 of that
#   release's suites, newest first.
# A candidate is accepted only if an image package and (where the series has
# them) its headers package have an installation candidate.
# Exit status: 0 if every series was found, 1 otherwise (the missing ones are
# reported on stderr).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

DIST=host

# apt-cache of this machine or of the series' distribution.
cache() {
	if [ "$DIST" = host ]; then
		apt-cache "$@"
	else
		kcap_vm_dist_apt "$DIST" apt-cache "$@"
	fi
}

# The image packages of release $1 that have a candidate, preferred first.
image_pkgs() {
	cache policy "$(kcap_vm_image_pkg "$1")" "$(kcap_vm_signed_image_pkg "$1")" 2>/dev/null |
		awk '/^[^ ]/ {pkg = $1; sub(/:$/, "", pkg)} $1 == "Candidate:" && $2 != "(none)" {print pkg}' |
		paste -sd, -
}

# Print the line of series $1, release $2, if its packages are installable.
check_release() {
	local series="$1" rel="$2" images headers=-
	images=$(image_pkgs "$rel")
	[ -n "$images" ] || return 1
	if kcap_vm_series_has_headers "$series"; then
		headers=$(kcap_vm_headers_pkg "$rel")
		# not `| grep -q`: apt-cache would die of SIGPIPE, failing the pipe
		case "$(cache policy "$headers" 2>/dev/null)" in
		*"Candidate: (none)"* | "") return 1 ;;
		esac
	fi
	printf '%s %s %s %s\n' "$series" "$rel" "$images" "$headers"
}

# True if release $2 belongs to series $1 ("6.1." must not match "6.12.").
in_series() {
	case "$2" in "$1".[0-9]*) return 0 ;; *) return 1 ;; esac
}

# Releases of series $1 named by packages matching prefix $2, newest first.
releases_named() {
	local series="$1" prefix="$2"
	cache search --names-only "^${prefix}${series//./\\.}\\.[0-9].*-cloud-amd64(-unsigned)?\$" 2>/dev/null |
		awk '{print $1}' | sed -e "s/^${prefix}//" -e 's/-unsigned$//' | sort -u -rV
}

resolve_series() {
	local series="$1" meta dep rel
	DIST=$(kcap_vm_series_dist "$series") || {
		kcap_vm_log "unknown kernel series $series (known: 5.10 6.1 6.12 6.16 7)"
		return 1
	}
	if [ "$DIST" = host ]; then
		for meta in "linux-image-${series}-cloud-amd64" linux-image-cloud-amd64; do
			dep=$(apt-cache depends "$meta" 2>/dev/null |
				awk '$1 == "Depends:" && $2 ~ /^linux-image-/ {print $2; exit}')
			rel="${dep#linux-image-}"
			rel="${rel%-unsigned}"
			if [ -n "$rel" ] && in_series "$series" "$rel" && check_release "$series" "$rel"; then
				return 0
			fi
		done
		while read -r rel; do
			[ -n "$rel" ] || continue
			check_release "$series" "$rel" && return 0
		done < <(releases_named "$series" linux-headers-)
		return 1
	fi
	[ -d "$(kcap_vm_apt_dir "$DIST")/lists" ] || {
		kcap_vm_log "no apt lists for $DIST yet (setup.sh writes $(kcap_vm_apt_dir "$DIST"))"
		return 1
	}
	while read -r rel; do
		[ -n "$rel" ] || continue
		check_release "$series" "$rel" && return 0
	done < <(releases_named "$series" linux-image-)
	return 1
}

main() {
	local series status=0
	if [ "$#" -eq 0 ]; then
		# shellcheck disable=SC2086 # word-splitting the list is intended
		set -- $KCAP_VM_SERIES
	fi
	for series in "$@"; do
		if ! resolve_series "$series"; then
			kcap_vm_log "no Debian cloud-amd64 kernel of series $series found in the apt lists" \
				"of $DIST (run setup.sh; 6.12 needs the bookworm-security suite)"
			status=1
		fi
	done
	return "$status"
}

main "$@"
