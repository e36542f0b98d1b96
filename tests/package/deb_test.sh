#!/usr/bin/env bash
# The Debian packages as a user gets them: scripts/build-debs.sh builds kcap,
# libkcap0, libkcap-dev and kcap-dkms (lintian must report no error), then
# apt-get installs them into a fresh Debian 12 (a copy of a debootstrap
# minbase, cached), which must give: `kcap probe` naming a usable backend, a
# live capture with the automatic backend, `pkg-config --libs kcap`, a
# libkcap.so.0 exporting kcap_* only, `man kcap` and `man libkcap`, the
# example embedder built against the installed library and capturing, kcap-dkms
# registered with DKMS; and a purge must leave nothing behind. The module itself is built from
# kcap-dkms against real kernels by the VM test (tests/vm/run-backends.sh).
#
# Usage: deb_test.sh SOURCE_DIR OUT_DIR. Needs root and the network (apt).
set -euo pipefail
src=$1 out=$2
. "$src/tests/lib.sh"
require_root
for c in dpkg-buildpackage lintian debootstrap unshare; do require_command "$c"; done

fail() { echo "FAIL: $*"; exit 1; }

rm -rf "$out"
"$src/scripts/build-debs.sh" "$out/debs" || fail "scripts/build-debs.sh"
mapfile -t debs < <(find "$out/debs" -name '*.deb' ! -name '*-dbgsym_*' | sort)
[ "${#debs[@]}" -eq 4 ] || fail "expected 4 packages, got: ${debs[*]##*/}"

# The fresh Debian 12: a minbase debootstrap, made once and copied for each run.
cache=/var/cache/kcap-deb-test/bookworm
if [ ! -f "$cache/.complete" ]; then
	rm -rf "$cache"
	mkdir -p "$cache"
	echo "debootstrap bookworm into $cache (once)"
	debootstrap --variant=minbase bookworm "$cache" http://deb.debian.org/debian \
		>"$out/debootstrap.log" 2>&1 || { tail -n 20 "$out/debootstrap.log"; fail "debootstrap"; }
	touch "$cache/.complete"
fi
root="$out/root"
cp -a "$cache" "$root"
rm -f "$root/.complete"
mkdir -p "$root/debs"
cp "${debs[@]}" "$src/examples/kcap_embed.c" "$root/debs/"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# The checks, run inside the new system: its own apt, dpkg, compiler and kcap.
cat >"$root/debs/check.sh" <<'CHECK'
set -eu
fail() { echo "FAIL: $*"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends /debs/*.deb gcc libc6-dev pkg-config binutils man-db \
	>/tmp/apt.log 2>&1 || { tail -n 30 /tmp/apt.log; fail "apt-get install of the packages"; }
echo "installed: $(dpkg-query -W -f='${Package} ${Version}, ' kcap libkcap0 libkcap-dev kcap-dkms)"

kcap --version
kcap probe >/tmp/probe 2>&1 || { cat /tmp/probe; fail "kcap probe exited $?"; }
sed 's/^/  probe| /' /tmp/probe
kcap -j -o /tmp/cap.json -- cat /etc/hostname >/dev/null 2>/tmp/cap.err ||
	{ cat /tmp/cap.err; fail "kcap -j -- cat /etc/hostname"; }
grep -q '"name":"/etc/hostname"' /tmp/cap.json ||
	{ cat /tmp/cap.err; fail "the live capture has no openat of /etc/hostname"; }
echo "ok: a live capture with the automatic backend ($(head -n 1 /tmp/cap.err))"

libs=$(pkg-config --libs kcap | sed "s/ *$//")
[ "$libs" = "-lkcap" ] || fail "pkg-config --libs kcap: '$libs'"
lib=$(pkg-config --variable=libdir kcap)/libkcap.so.0
bad=$(nm -D --defined-only "$lib" | awk '$3 !~ /^kcap_/ && $3 != "KCAP_0"')
[ -z "$bad" ] || fail "$lib exports more than kcap_*: $bad"
echo "ok: pkg-config --libs kcap = $libs; $lib exports $(nm -D --defined-only "$lib" | grep -c ' kcap_') kcap_* symbols only"
for m in 1:kcap 3:libkcap; do
	MANWIDTH=80 man --warnings "${m%%:*}" "${m#*:}" >/tmp/man.out 2>/tmp/man.err ||
		fail "man ${m%%:*} ${m#*:}: $(cat /tmp/man.err)"
	[ ! -s /tmp/man.err ] || fail "man ${m%%:*} ${m#*:} warns: $(cat /tmp/man.err)"
done
echo "ok: man kcap and man libkcap render without warnings"

# shellcheck disable=SC2046 # pkg-config prints several words
gcc -Wall -Werror -o /tmp/kcap_embed /debs/kcap_embed.c $(pkg-config --cflags --libs kcap) ||
	fail "the example does not build against the installed libkcap-dev"
/tmp/kcap_embed cat /etc/hostname >/tmp/embed.out 2>/tmp/embed.err ||
	{ cat /tmp/embed.err; fail "the example embedder, run"; }
grep -Eq '^opened /etc/hostname: [0-9]+$' /tmp/embed.err ||
	{ cat /tmp/embed.err; fail "the example did not capture cat's open"; }
echo "ok: the example builds against the installed library and captures"

dkms status kcap | grep -q '^kcap[/,] *0\.' || { dkms status; fail "kcap-dkms is not registered with DKMS"; }
echo "ok: DKMS knows $(dkms status kcap | head -n 1)"

apt-get purge -y -qq kcap libkcap0 libkcap-dev kcap-dkms >/tmp/purge.log 2>&1 ||
	{ tail -n 20 /tmp/purge.log; fail "apt-get purge"; }
left=$(ls -d /usr/src/kcap-* /var/lib/dkms/kcap /usr/lib/kcap /usr/bin/kcap 2>/dev/null || true)
[ -z "$left" ] || fail "left after purge: $left"
echo "ok: purged without a trace"
CHECK

# A private mount namespace: the system's /proc, /sys and /dev are mounted for
# the chroot only, and vanish with it.
status=0
unshare --mount --propagation private sh -c '
	r=$1
	mount -t proc proc "$r/proc" && mount --rbind /sys "$r/sys" && mount --rbind /dev "$r/dev" &&
		chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
			sh /debs/check.sh' sh "$root" || status=$?
if findmnt -rn -o TARGET | grep -q "^$root/"; then
	echo "WARNING: mounts left under $root: keeping it"
else
	rm -rf --one-file-system "$root"
fi
[ "$status" -eq 0 ] || fail "the packages in a fresh Debian 12 (above)"
echo "PASS: the Debian packages install, work and purge on a fresh Debian 12"
