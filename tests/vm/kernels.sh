#!/usr/bin/env bash
# Discover the current Debian cloud amd64 kernel of each series.
#
# Usage: tests/vm/kernels.sh [SERIES...]      (default: $KCAP_VM_SERIES = "6.1 6.12")
# Output, one line per series:  SERIES RELEASE IMAGE_PKG HEADERS_PKG
#   e.g. 6.1  6.1.0-56-cloud-amd64        linux-image-6.1.0-56-cloud-amd64-unsigned ...
#        6.12 6.12.117+deb12-cloud-amd64  linux-image-6.12.117+deb12-cloud-amd64-unsigned ...
#
# Only reads the local apt lists (apt-cache): run `apt-get update` first on a
# fresh machine.  ABI numbers are never hard-coded: old ABIs disappear from the
# mirror, so the release is discovered each time.
#
# How a series is resolved, first match wins:
#   1. a meta package's dependency: linux-image-<SERIES>-cloud-amd64 (exists for
#      6.12), then linux-image-cloud-amd64 (Debian 12's default kernel, 6.1);
#   2. `apt-cache search` for linux-headers-<SERIES>.*-cloud-amd64, newest first.
# A candidate is accepted only if both its -unsigned image and its headers
# package have an installation candidate.
#
# Where the packages come from (Debian 12, checked with apt-cache policy):
#   6.1  : bookworm (point release) and bookworm-security (newer ABI);
#   6.12 : bookworm-security only (Debian's linux-6.12 for bookworm, shipped
#          through the security archive). bookworm-backports is NOT needed,
#          but bookworm-security is: setup.sh adds it if it is missing.
# Exit status: 0 if every series was found, 1 otherwise (the missing ones are
# reported on stderr).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

# Print the release of $1 if both of its packages are installable.
check_release() {
	local rel="$1" n
	# One apt-cache call for both packages: count real candidates.
	n=$(apt-cache policy "$(kcap_vm_image_pkg "$rel")" "$(kcap_vm_headers_pkg "$rel")" 2>/dev/null |
		awk '$1 == "Candidate:" && $2 != "(none)" {n++} END {print n + 0}')
	[ "$n" -eq 2 ] && printf '%s\n' "$rel"
}

# True if release $2 belongs to series $1 ("6.1." must not match "6.12.").
in_series() {
	case "$2" in "$1".[0-9]*) return 0 ;; *) return 1 ;; esac
}

resolve_series() {
	local series="$1" meta dep rel
	for meta in "linux-image-${series}-cloud-amd64" linux-image-cloud-amd64; do
		dep=$(apt-cache depends "$meta" 2>/dev/null |
			awk '$1 == "Depends:" && $2 ~ /^linux-image-/ {print $2; exit}')
		rel="${dep#linux-image-}"
		rel="${rel%-unsigned}"
		if [ -n "$rel" ] && in_series "$series" "$rel" && check_release "$rel"; then
			return 0
		fi
	done
	# Fallback: every headers package of the series, newest first.
	local re="^linux-headers-${series//./\\.}\\.[0-9].*-cloud-amd64\$"
	while read -r rel; do
		[ -n "$rel" ] || continue
		check_release "$rel" && return 0
	done < <(apt-cache search --names-only "$re" 2>/dev/null |
		awk '{print $1}' | sed 's/^linux-headers-//' | sort -rV)
	return 1
}

main() {
	local series rel status=0
	if [ "$#" -eq 0 ]; then
		# shellcheck disable=SC2086 # word-splitting the list is intended
		set -- $KCAP_VM_SERIES
	fi
	for series in "$@"; do
		if rel=$(resolve_series "$series"); then
			printf '%s %s %s %s\n' "$series" "$rel" \
				"$(kcap_vm_image_pkg "$rel")" "$(kcap_vm_headers_pkg "$rel")"
		else
			kcap_vm_log "no Debian cloud-amd64 kernel of series $series found in the apt lists" \
				"(run apt-get update; 6.12 needs the bookworm-security suite)"
			status=1
		fi
	done
	return "$status"
}

main "$@"
