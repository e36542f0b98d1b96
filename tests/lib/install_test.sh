#!/usr/bin/env bash
# An install staged under a non-default prefix (DESTDIR=STAGE, --prefix
# /opt/kcap-test) is usable where it lies: examples/kcap_embed.c builds
# against it through pkg-config and through CMake's find_package(kcap), and
# (as root) both programs capture a command with the automatic backend.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR. Not root: builds only, and
# exits 77 (skip) outside CI; in CI that is a failure.
set -euo pipefail
build=$1 src=$2
. "$src/tests/lib.sh"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
prefix=/opt/kcap-test
DESTDIR=$stage cmake --install "$build" --prefix "$prefix" >"$stage/install.log" ||
	{ cat "$stage/install.log"; echo "FAIL: cmake --install"; exit 1; }
root=$stage$prefix
pc=$(find "$root" -name kcap.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: no kcap.pc installed"; exit 1; }
libdir=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --variable=libdir kcap)
[ -e "$libdir/libkcap.so.0" ] ||
	{ echo "FAIL: pkg-config's libdir $libdir (from $pc) has no libkcap.so.0"; exit 1; }
for h in kcap.h kcap_event_types.h; do
	[ -f "$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --variable=includedir kcap)/$h" ] ||
		{ echo "FAIL: pkg-config's includedir has no $h"; exit 1; }
done

# pkg-config
# shellcheck disable=SC2046 # pkg-config prints several words
cc -Wall -Werror -o "$stage/embed_pc" "$src/examples/kcap_embed.c" \
	$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs kcap) -Wl,-rpath,"$libdir" ||
	{ echo "FAIL: the example does not build with pkg-config"; exit 1; }
# find_package
cmake -S "$src/examples" -B "$stage/cmake-build" -DCMAKE_PREFIX_PATH="$root" \
	-DCMAKE_BUILD_RPATH="$libdir" >"$stage/cmake.log" 2>&1 &&
	cmake --build "$stage/cmake-build" >>"$stage/cmake.log" 2>&1 ||
	{ cat "$stage/cmake.log"; echo "FAIL: the example does not build with find_package(kcap)"; exit 1; }
echo "the example builds against the staged install ($prefix) with pkg-config and find_package"
staged_lib=$(readlink -f "$libdir/libkcap.so.0")
for prog in "$stage/embed_pc" "$stage/cmake-build/kcap_embed"; do
	loaded=$(ldd "$prog" | awk '$1 == "libkcap.so.0" {print $3}')
	[ -n "$loaded" ] && [ "$(readlink -f "$loaded")" = "$staged_lib" ] ||
		{ ldd "$prog"; echo "FAIL: $prog does not load the staged libkcap.so.0"; exit 1; }
done
require_root
for prog in "$stage/embed_pc" "$stage/cmake-build/kcap_embed"; do
	timeout 60 "$prog" cat /etc/hostname >"$stage/out" 2>"$stage/err" ||
		{ cat "$stage/err"; echo "FAIL: $prog cat /etc/hostname"; exit 1; }
	grep -q '"name":"/etc/hostname"' "$stage/out" ||
		{ cat "$stage/err"; head -n 5 "$stage/out"; echo "FAIL: $prog did not capture cat's open"; exit 1; }
	grep -Eq '^opened /etc/hostname: [0-9]+$' "$stage/err" ||
		{ cat "$stage/err"; echo "FAIL: $prog's typed accessors did not read cat's open"; exit 1; }
done
echo "both capture: $(head -n 1 "$stage/err"), $(tail -n 1 "$stage/err")"
