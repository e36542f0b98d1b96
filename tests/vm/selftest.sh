#!/usr/bin/env bash
# Self-test of the VM harness, for each kernel series (default: $KCAP_VM_SERIES).
#
# Usage: tests/vm/selftest.sh [SERIES...]
#
# Runs setup.sh first (fast when everything is there; KCAP_VM_SKIP_SETUP=1 skips it).
# Then, per kernel:
#   build   a hello-world out-of-tree module against /usr/src/linux-headers-<release>
#           (built by the kernel's Debian release: here, or in its chroot; none
#           for a kernel without headers), a module that WARNs on load, and a
#           static C program printing uname().release;
#   boot 1  (must pass) insmod the module, check its dmesg line and /proc/modules,
#           rmmod it, check the unload line, run the static program and compare the
#           release; also check 2 CPUs, the mounts, loopback, tracefs events and BTF;
#   boot 2  (must fail with 125) insmod the WARNing module: the harness must see it
#           in the kernel log;
#   boot 3  (must return 3) a script that exits 3;
# and, on the first kernel only, that a timeout gives 124 and a panic gives 125.
# Prints PASS/FAIL per kernel with the wall time of each VM boot, and a final
# "N passed, N failed" line; exits non-zero on any failure.  Console logs are
# kept in the directory printed at the start (and the build trees too, on failure
# or with KCAP_VM_KEEP=1).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
HERE="$(dirname "$(readlink -f "$0")")"

# --- sources -----------------------------------------------------------------

write_sources() {
	local src="$1"
	mkdir -p "$src/mod" "$src/prog"
	cat >"$src/mod/kcap_vm_hello.c" <<'EOF'
// Hello-world module for tests/vm/selftest.sh.
#include <linux/init.h>
#include <linux/module.h>
#include <linux/utsname.h>

static int __init kcap_vm_hello_init(void)
{
	pr_info("kcap_vm_hello: loaded on %s\n", init_utsname()->release);
	return 0;
}

static void __exit kcap_vm_hello_exit(void)
{
	pr_info("kcap_vm_hello: unloaded\n");
}

module_init(kcap_vm_hello_init);
module_exit(kcap_vm_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcap VM harness self-test");
EOF
	cat >"$src/mod/kcap_vm_warn.c" <<'EOF'
// Module that triggers a kernel WARNING on load: the harness must notice it.
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init kcap_vm_warn_init(void)
{
	WARN(1, "kcap_vm_warn: deliberate warning\n");
	return 0;
}

static void __exit kcap_vm_warn_exit(void) { }

module_init(kcap_vm_warn_init);
module_exit(kcap_vm_warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcap VM harness self-test (negative)");
EOF
	printf 'obj-m := kcap_vm_hello.o kcap_vm_warn.o\n' >"$src/mod/Makefile"
	cat >"$src/prog/kcap_uname.c" <<'EOF'
/* Prints the running kernel's release: proves a static host binary runs. */
#include <stdio.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;

	if (uname(&u) != 0) {
		perror("uname");
		return 1;
	}
	printf("%s\n", u.release);
	return 0;
}
EOF
	# The guest side of boot 1 (busybox sh, run in /payload).
	cat >"$src/guest-check.sh" <<'EOF'
#!/bin/sh
fail() { echo "GUEST FAIL: $*"; exit 1; }
expected=$(cat expected-release)
if [ -f kcap_vm_hello.ko ]; then
	insmod ./kcap_vm_hello.ko || fail "insmod kcap_vm_hello.ko"
	dmesg | grep -q "kcap_vm_hello: loaded on $expected" || fail "no load message in dmesg"
	grep -q '^kcap_vm_hello ' /proc/modules || fail "module not in /proc/modules"
	rmmod kcap_vm_hello || fail "rmmod kcap_vm_hello"
	dmesg | grep -q 'kcap_vm_hello: unloaded' || fail "no unload message in dmesg"
fi
got=$(kcap_uname) || fail "static program failed"
[ "$got" = "$expected" ] || fail "release '$got' != expected '$expected'"
[ "$(grep -c ^processor /proc/cpuinfo)" = 2 ] || fail "expected 2 CPUs"
for m in /proc /sys /dev /tmp /sys/kernel/debug /sys/kernel/tracing /sys/fs/bpf; do
	grep -q " $m " /proc/mounts || fail "$m not mounted"
done
[ -d /sys/kernel/tracing/events/raw_syscalls ] || fail "no raw_syscalls tracepoints"
[ -e /sys/kernel/btf/vmlinux ] || fail "no /sys/kernel/btf/vmlinux"
ip addr show lo | grep -q 'LOOPBACK,UP' || fail "lo is not up"
echo "GUEST PASS: $got"
EOF
}

# Build the modules (where the series has headers, with the toolchain of its
# Debian release: here or in that release's chroot) and the static program for
# release $1 into payload dir $2.
build_payload() {
	local rel="$1" payload="$2" src="$3" blog="$4" series="$5" hdr dist mod
	hdr=$(kcap_vm_headers_dir "$rel")
	dist=$(kcap_vm_series_dist "$series")
	rm -rf "$payload" "$payload.mod"
	mkdir -p "$payload"
	: >"$blog"
	if kcap_vm_series_has_headers "$series"; then
		if [ "$dist" = host ]; then
			mod="$payload.mod"
			cp -r "$src/mod" "$mod"
			make -C "$hdr" M="$mod" modules >"$blog" 2>&1 || { tail -n 30 "$blog" >&2; return 1; }
		else
			mod=$(kcap_vm_chroot_mktemp "$dist")
			cp -r "$src/mod/." "$mod/"
			kcap_vm_chroot_run "$dist" make -C "$hdr" M="$(kcap_vm_chroot_path "$dist" "$mod")" \
				modules >"$blog" 2>&1 || { tail -n 30 "$blog" >&2; rm -rf "$mod"; return 1; }
		fi
		cp "$mod/kcap_vm_hello.ko" "$mod/kcap_vm_warn.ko" "$payload/"
		[ "$dist" = host ] || rm -rf "$mod"
	fi
	gcc -static -O2 -o "$payload/kcap_uname" "$src/prog/kcap_uname.c" >>"$blog" 2>&1 || return 1
	cp "$src/guest-check.sh" "$payload/"
	printf '%s\n' "$rel" >"$payload/expected-release"
}

# run_expect NAME EXPECTED_STATUS RUN-VM-ARGS...: one boot; records its time.
run_expect() {
	local name="$1" want="$2" t0 t1 got=0 secs
	shift 2
	t0=$(kcap_vm_now)
	"$HERE/run-vm.sh" --quiet --log "$LOGDIR/$name.console.log" "$@" \
		>"$LOGDIR/$name.out" 2>&1 || got=$?
	t1=$(kcap_vm_now)
	secs=$(kcap_vm_elapsed "$t0" "$t1")
	if [ "$got" -eq "$want" ]; then
		printf '  ok   %-40s status %3d, %5ss\n' "$name" "$got" "$secs"
		[ "$want" -eq 124 ] || TIMES+=("$secs") # a timeout's time says nothing
		return 0
	fi
	printf '  FAIL %-40s status %3d (expected %d), %ss; log %s\n' "$name" "$got" "$want" "$secs" \
		"$LOGDIR/$name.out"
	sed 's/^/       | /' "$LOGDIR/$name.out" | tail -n 40
	return 1
}

main() {
	case "${1:-}" in
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) kcap_vm_die "unknown option $1" ;;
	esac
	[ "$#" -gt 0 ] || {
		# shellcheck disable=SC2086 # word-splitting the list is intended
		set -- $KCAP_VM_SERIES
	}
	if [ "${KCAP_VM_SKIP_SETUP:-0}" != 1 ]; then
		"$HERE/setup.sh" "$@"
	fi
	local work src series rel payload ok first=1 passed=0 failed=0
	work=$(mktemp -d "${TMPDIR:-/tmp}/kcap-vm-selftest.XXXXXX")
	src="$work/src"
	LOGDIR="$work/logs"
	mkdir -p "$LOGDIR"
	echo "selftest work dir and logs: $work"
	write_sources "$src"

	for series in "$@"; do
		TIMES=()
		ok=1
		rel=$(kcap_vm_resolve_kernel "$series") || { failed=$((failed + 1)); echo "FAIL $series: not set up"; continue; }
		echo "== $series ($rel)"
		payload="$work/payload-$rel"
		if build_payload "$rel" "$payload" "$src" "$LOGDIR/$rel.build.log" "$series"; then
			if [ -f "$payload/kcap_vm_hello.ko" ]; then
				echo "  ok   built module and static program against $(kcap_vm_headers_dir "$rel")"
			else
				echo "  ok   built the static program (no headers for this kernel: no module)"
			fi
			run_expect "$rel.module" 0 --kernel "$rel" --payload "$payload" \
				--script 'sh guest-check.sh' || ok=0
			if [ -f "$payload/kcap_vm_warn.ko" ]; then
				run_expect "$rel.warn-detected" 125 --kernel "$rel" --payload "$payload" \
					--script 'insmod ./kcap_vm_warn.ko' || ok=0
			fi
			run_expect "$rel.exit-status" 3 --kernel "$rel" --script 'exit 3' || ok=0
			if [ "$first" = 1 ]; then
				run_expect "$rel.timeout" 124 --kernel "$rel" --timeout 10 \
					--script 'sleep 600' || ok=0
				run_expect "$rel.panic" 125 --kernel "$rel" \
					--script 'echo c >/proc/sysrq-trigger' || ok=0
			fi
		else
			echo "  FAIL build against $(kcap_vm_headers_dir "$rel"); log $LOGDIR/$rel.build.log"
			ok=0
		fi
		first=0
		if [ "$ok" = 1 ]; then
			passed=$((passed + 1))
			echo "PASS $series ($rel): boot wall times ${TIMES[*]} s"
		else
			failed=$((failed + 1))
			echo "FAIL $series ($rel)"
		fi
	done
	# On success drop the build trees (a few MB); keep the small logs.
	if [ "$failed" -eq 0 ] && [ "${KCAP_VM_KEEP:-0}" != 1 ]; then
		rm -rf "$work/src" "$work"/payload-*
	fi
	echo "${passed} passed, ${failed} failed"
	[ "$failed" -eq 0 ]
}

main "$@"
