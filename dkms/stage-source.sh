#!/usr/bin/env bash
# Copies the module's DKMS source tree (kmod/, the shared headers it compiles,
# dkms.conf, VERSION) into DIR, the layout of /usr/src/kcap-VERSION/. Used by
# dkms/install.sh and by the kcap-dkms Debian package (debian/rules), so both
# ship the same files. Prints the version.
#
# Usage: dkms/stage-source.sh DIR
set -euo pipefail

SRC="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
die() { printf 'kcap-dkms: ERROR: %s\n' "$*" >&2; exit 1; }

[ "$#" -eq 1 ] || die "usage: dkms/stage-source.sh DIR"
dest="$1"

version=$(sed -n 's/^project(kcap VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ -n "$version" ] || die "cannot read the project version from $SRC/CMakeLists.txt"
conf_version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$SRC/dkms/dkms.conf")
[ "$conf_version" = "$version" ] ||
	die "dkms/dkms.conf has PACKAGE_VERSION=$conf_version but the project is $version"

mkdir -p "$dest/shared/fillers"
install -m 644 "$SRC"/kmod/Kbuild "$SRC"/kmod/Makefile "$SRC"/kmod/*.c "$SRC"/kmod/*.h "$dest/"
install -m 644 "$SRC"/shared/*.h "$SRC"/shared/*.def "$dest/shared/"
install -m 755 "$SRC"/shared/io_uring_tp.sh "$dest/shared/"
install -m 644 "$SRC"/shared/fillers/*.h "$dest/shared/fillers/"
install -m 644 "$SRC/dkms/dkms.conf" "$dest/"
printf '%s\n' "$version" >"$dest/VERSION"
chmod 755 "$dest" "$dest/shared" "$dest/shared/fillers"
printf '%s\n' "$version"
