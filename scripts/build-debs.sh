#!/usr/bin/env bash
# Builds the Debian packages kcap, libkcap0, libkcap-dev and kcap-dkms from
# this tree with dpkg-buildpackage (debian/), into OUTDIR, then checks them
# with lintian: any lintian error fails. Needs the Build-Depends of
# debian/control (scripts/install-deps.sh installs them).
#
# Usage: scripts/build-debs.sh [--indep] OUTDIR
#   --indep   kcap-dkms only (architecture-independent, no compilation)
set -euo pipefail

SRC="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
die() { printf 'build-debs: ERROR: %s\n' "$*" >&2; exit 1; }

parts=-b
if [ "${1:-}" = --indep ]; then
	parts=-A
	shift
fi
[ "$#" -eq 1 ] || die "usage: scripts/build-debs.sh [--indep] OUTDIR"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
for tool in dpkg-buildpackage dpkg-checkbuilddeps lintian; do
	command -v "$tool" >/dev/null || die "$tool not found: run scripts/install-deps.sh"
done

version=$(cd "$SRC" && dpkg-parsechangelog -S Version)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree="$work/kcap-$version"

# The source tree as git sees it (tracked and new files, no build output).
mkdir "$tree"
# shellcheck disable=SC2016 # expanded by the inner shell
(cd "$SRC" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
	cpio -0 -pdm --quiet "$tree")

(cd "$tree" && dpkg-checkbuilddeps) ||
	die "missing build dependencies (above): run scripts/install-deps.sh"
log="$out/dpkg-buildpackage.log"
if ! (cd "$tree" && dpkg-buildpackage "$parts" -us -uc -j"$(nproc)") >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	die "dpkg-buildpackage failed; the whole log: $log"
fi

changes=$(find "$work" -maxdepth 1 -name "kcap_${version}_*.changes" | head -n 1)
[ -n "$changes" ] || die "dpkg-buildpackage wrote no .changes file (see $log)"
find "$work" -maxdepth 1 \( -name '*.deb' -o -name '*.changes' -o -name '*.buildinfo' \) \
	-exec mv -f {} "$out/" \;

# lintian as root must be told it may be (it unpacks the packages it checks).
changes="$out/$(basename "$changes")"
if ! lintian --allow-root --fail-on error --tag-display-limit 0 "$changes" \
	>"$out/lintian.log" 2>&1; then
	cat "$out/lintian.log" >&2
	die "lintian reports errors in the packages"
fi
echo "build-debs: lintian: $(grep -c '^E:' "$out/lintian.log") errors," \
	"$(grep -c '^W:' "$out/lintian.log") warnings ($out/lintian.log)"
ls "$out"/*.deb
