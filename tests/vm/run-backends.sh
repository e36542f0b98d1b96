#!/usr/bin/env bash
# Run the real-capture tests of EVERY backend (kmod, legacy, modern) and the
# kmod robustness tests on each Debian kernel series, in QEMU (TCG).
#
# Usage: tests/vm/run-backends.sh [--build-dir DIR] [--no-robustness] [SERIES...]
#        (default series: $KCAP_VM_SERIES = "6.1 6.12")
#
# Steps:
#   1. setup.sh: host tools (qemu, busybox, dkms...), each series' current kernel
#      image and headers (idempotent, fast when done; KCAP_VM_SKIP_SETUP=1 skips it);
#   2. static binaries for the guest (no libc there): the kcap CLI, the capture
#      test and its workload (a CMake build in --build-dir, default
#      $TMPDIR/kcap-vm-static, linked with -static against libbpf.a libelf.a
#      libz.a), and the kmod robustness programs of tests/kmod/;
#   3. per kernel: the module built the way a user builds it, through DKMS
#      (dkms/install.sh --build-only -k RELEASE: dkms add + dkms build against
#      /usr/src/linux-headers-RELEASE), the legacy probe for that kernel
#      (bpf_legacy/build.sh --kdir /usr/src/linux-headers-RELEASE), then
#        boot 1: tests/vm/guest-backends.sh: capture_test for modern, kmod, legacy
#                (kmod and legacy must decode the same events as modern) and the
#                CLI end to end for each;
#        boot 2: tests/kmod/guest-robustness.sh (load/unload loop under a storm,
#                stalled reader, invalid ioctls, bad pointers, CPU hotplug).
#      A boot whose kernel log shows a warning, oops or BUG fails all its tests.
#
# Prints "RESULT <release> <test> PASS|FAIL|SKIP" lines, a table, the time taken,
# and exits non-zero if anything failed. Under CI=true nothing may be skipped:
# a backend that cannot run is a failure. Logs: $KCAP_VM_LOGDIR (default a new
# directory under $TMPDIR, printed at the start).
# Env: KCAP_VM_BACKENDS (default "modern kmod legacy"), KCAP_KMOD_LOOPS (load
# loop iterations, default 5), KCAP_VM_TIMEOUT (seconds per boot, default 600).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"
HERE="$(dirname "$(readlink -f "$0")")"
SRC="$(cd "$HERE/../.." && pwd)"
CI="${CI:-false}"
BACKENDS="${KCAP_VM_BACKENDS:-modern kmod legacy}"
VM_TIMEOUT="${KCAP_VM_TIMEOUT:-600}"
BUILD_DIR="${TMPDIR:-/tmp}/kcap-vm-static"
ROBUSTNESS=1
RESULTS=()

usage() { sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

record() { # RELEASE TEST STATUS [NOTE]
	RESULTS+=("$1 $2 $3")
	printf 'RESULT %s %s %s%s\n' "$1" "$2" "$3" "${4:+ ($4)}"
}

# Not runnable here: outside CI a skip (77), in CI a failure.
cannot_run() {
	if [ "$CI" = true ]; then
		kcap_vm_die "$* (CI=true: this is a failure)"
	fi
	kcap_vm_log "SKIP: $*"
	exit 77
}

build_static() {
	local libbpf log="$LOGDIR/static-build.log"
	libbpf="$(pkg-config --variable=libdir libbpf 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)/libbpf.a"
	[ -f "$libbpf" ] || kcap_vm_die "no static libbpf ($libbpf): apt-get install libbpf-dev"
	kcap_vm_log "static build in $BUILD_DIR (log $log)"
	if ! { cmake -S "$SRC" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
		-Dpkgcfg_lib_LIBBPF_bpf="$libbpf" -DCMAKE_EXE_LINKER_FLAGS=-static \
		"-DCMAKE_C_STANDARD_LIBRARIES=-lelf -lz" &&
		cmake --build "$BUILD_DIR" -j "$(nproc)" --target kcap_cli capture_test kcap_workload; } \
		>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		kcap_vm_die "the static build failed (log $log)"
	fi
	mkdir -p "$WORK/common"
	cp "$BUILD_DIR/cli/kcap" "$BUILD_DIR/tests/capture/capture_test" \
		"$BUILD_DIR/tests/capture/workload" "$WORK/common/"
	local t
	for t in kmod_storm kmod_ioctl_test kmod_badptr; do
		gcc -static -O2 -Wall -Wextra -Werror -I"$SRC/kmod" -I"$SRC/shared" \
			-o "$WORK/common/$t" "$SRC/tests/kmod/$t.c" -pthread >>"$log" 2>&1 ||
			kcap_vm_die "building tests/kmod/$t.c failed (log $log)"
	done
	cp "$HERE/guest-backends.sh" "$SRC/tests/kmod/guest-robustness.sh" "$WORK/common/"
}

# The module for release $1 through DKMS, into directory $2; 0 if built.
build_module() {
	local rel="$1" dest="$2" ko log="$LOGDIR/$1.dkms.log"
	if ! ko=$("$SRC/dkms/install.sh" --build-only -k "$rel" \
		--kernelsourcedir "$(kcap_vm_headers_dir "$rel")" 2>"$log"); then
		tail -n 30 "$log" >&2
		return 1
	fi
	case "$ko" in
	*.xz) xz -dc "$ko" >"$dest/kcap.ko" ;;
	*.zst) zstd -dc "$ko" >"$dest/kcap.ko" ;;
	*.gz) gzip -dc "$ko" >"$dest/kcap.ko" ;;
	*) cp "$ko" "$dest/kcap.ko" ;;
	esac
}

# The legacy probe for release $1 into directory $2; 0 if built.
build_legacy() {
	local rel="$1" dest="$2" log="$LOGDIR/$1.legacy.log"
	# HOOK (bpf_legacy/): one object per kernel, from its kbuild headers.
	[ -x "$SRC/bpf_legacy/build.sh" ] || { echo "no bpf_legacy/build.sh" >"$log"; return 1; }
	if ! "$SRC/bpf_legacy/build.sh" --kdir "$(kcap_vm_headers_dir "$rel")" \
		--out-dir "$WORK/legacy" >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		return 1
	fi
	cp "$WORK/legacy/$rel/kcap_legacy.bpf.o" "$dest/"
}

# boot NAME RELEASE PAYLOAD SCRIPT: runs one VM; sets BOOT_STATUS and BOOT_LOG.
boot() {
	local name="$1" rel="$2" payload="$3" script="$4"
	BOOT_LOG="$LOGDIR/$rel.$name.console.log"
	BOOT_STATUS=0
	"$HERE/run-vm.sh" --kernel "$rel" --payload "$payload" --script "$script" \
		--timeout "$VM_TIMEOUT" --quiet --log "$BOOT_LOG" \
		>"$LOGDIR/$rel.$name.out" 2>&1 || BOOT_STATUS=$?
	kcap_vm_log "$rel $name: guest status $BOOT_STATUS, console log $BOOT_LOG"
}

# Results of the tests $3... from boot log $2 of release $1. A boot that timed
# out, panicked or logged a kernel problem fails every test it ran.
collect() {
	local rel="$1" log="$2" t st note=""
	shift 2
	case "$BOOT_STATUS" in
	124) note="VM timed out" ;;
	125) note="kernel log problem, panic or harness failure: see $log" ;;
	esac
	if grep -q 'KCAP_VM_KLOG_BEGIN' "$log" &&
		sed -n '/KCAP_VM_KLOG_BEGIN/,/KCAP_VM_KLOG_END/p' "$log" | grep -qv 'KCAP_VM_KLOG'; then
		note="kernel log problem: see $log"
	fi
	for t in "$@"; do
		st=$(sed -n "s/^KCAP_RESULT $(printf '%s' "$t" | sed 's/[\/.]/\\&/g') \([A-Z]*\).*/\1/p" "$log" | tail -n 1)
		[ -n "$st" ] || st=FAIL
		if [ -n "$note" ]; then
			record "$rel" "$t" FAIL "$note"
		elif [ "$st" = SKIP ] && [ "$CI" = true ]; then
			record "$rel" "$t" FAIL "skipped under CI"
		else
			record "$rel" "$t" "$st"
		fi
	done
}

run_series() {
	local series="$1" rel payload kmod_ok=1 legacy_ok=1 b tests=() guest_backends=""
	if ! rel=$(kcap_vm_resolve_kernel "$series"); then
		record "$series" setup FAIL "kernel not set up"
		return
	fi
	kcap_vm_log "== $series ($rel)"
	payload="$WORK/payload-$rel"
	rm -rf "$payload"
	cp -r "$WORK/common" "$payload"
	build_module "$rel" "$payload" || kmod_ok=0
	legacy_ok=0
	case " $BACKENDS " in *" legacy "*) build_legacy "$rel" "$payload" && legacy_ok=1 ;; esac
	for b in $BACKENDS; do
		if [ "$b" = kmod ] && [ "$kmod_ok" = 0 ]; then
			record "$rel" kmod FAIL "DKMS build failed: $LOGDIR/$rel.dkms.log"
		elif [ "$b" = legacy ] && [ "$legacy_ok" = 0 ]; then
			record "$rel" legacy FAIL "legacy probe build failed: $LOGDIR/$rel.legacy.log"
		else
			tests+=("$b")
			guest_backends="$guest_backends $b"
		fi
	done
	if [ "${#tests[@]}" -gt 0 ]; then
		case " ${tests[*]} " in *" kmod "*) tests+=(auto) ;; esac
		boot backends "$rel" "$payload" \
			"CI=$CI KCAP_VM_BACKENDS='${guest_backends# }' sh guest-backends.sh"
		collect "$rel" "$BOOT_LOG" "${tests[@]}"
	fi
	if [ "$ROBUSTNESS" = 1 ]; then
		if [ "$kmod_ok" = 0 ]; then
			record "$rel" robustness FAIL "no module"
		else
			# Single-threaded TCG: with one host thread per vCPU, QEMU 7.2 lets
			# a vCPU run a stale translation of code that another vCPU is
			# patching (text_poke_bp() of a tracepoint's static key), which
			# 6.12 kernels report as "Oops: int3" in syscall_exit_to_user_mode_prepare
			# when a tracer (kmod or BPF alike) attaches during a syscall storm.
			# Real CPUs serialize that; emulated SMP does, in one thread.
			KCAP_VM_TCG_OPTS="${KCAP_VM_TCG_OPTS:-thread=single}" \
				boot robustness "$rel" "$payload" \
				"KCAP_KMOD_LOOPS=${KCAP_KMOD_LOOPS:-5} sh guest-robustness.sh"
			collect "$rel" "$BOOT_LOG" robustness/loadloop robustness/invalid \
				robustness/stall robustness/badtail robustness/lockorder \
				robustness/badptr robustness/hotplug
		fi
	fi
}

main() {
	local series t0 t1 r failed=0 skipped=0 passed=0
	while [ "$#" -gt 0 ]; do
		case "$1" in
		--build-dir) BUILD_DIR="$2"; shift ;;
		--no-robustness) ROBUSTNESS=0 ;;
		-h | --help) usage; exit 0 ;;
		-*) usage >&2; kcap_vm_die "unknown option $1" ;;
		*) break ;;
		esac
		shift
	done
	[ "$#" -gt 0 ] || {
		# shellcheck disable=SC2086 # word-splitting the list is intended
		set -- $KCAP_VM_SERIES
	}
	[ "$(id -u)" -eq 0 ] || cannot_run "the VM tests need root (apt-get, DKMS, /usr/src)"
	t0=$(kcap_vm_now)
	if [ "${KCAP_VM_SKIP_SETUP:-0}" != 1 ]; then
		"$HERE/setup.sh" "$@" >&2 || kcap_vm_die "setup.sh failed"
	fi
	command -v dkms >/dev/null || kcap_vm_die "dkms is not installed (setup.sh installs it)"
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/kcap-vm-backends.XXXXXX")
	LOGDIR="${KCAP_VM_LOGDIR:-$WORK/logs}"
	mkdir -p "$LOGDIR"
	export KCAP_VM_LOGDIR="$LOGDIR"
	kcap_vm_log "work dir $WORK, logs $LOGDIR"
	build_static
	for series in "$@"; do
		run_series "$series"
	done
	t1=$(kcap_vm_now)

	echo
	printf '%-32s %-24s %s\n' KERNEL TEST RESULT
	for r in "${RESULTS[@]}"; do
		# shellcheck disable=SC2086 # three words
		printf '%-32s %-24s %s\n' $r
		case "$r" in
		*" PASS") passed=$((passed + 1)) ;;
		*" SKIP") skipped=$((skipped + 1)) ;;
		*) failed=$((failed + 1)) ;;
		esac
	done
	echo "${passed} passed, ${failed} failed, ${skipped} skipped in $(kcap_vm_elapsed "$t0" "$t1") s (logs: $LOGDIR)"
	if [ "$failed" -eq 0 ] && [ "${KCAP_VM_KEEP:-0}" != 1 ]; then
		rm -rf "$WORK"/payload-* "$WORK/common" "$WORK/legacy"
	fi
	[ "$failed" -eq 0 ]
}

main "$@"
