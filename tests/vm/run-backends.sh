#!/usr/bin/env bash
# Run the real-capture tests of EVERY backend (kmod, legacy, modern) and the
# kmod robustness tests on each Debian kernel series, in QEMU (TCG).
#
# Usage: tests/vm/run-backends.sh [--build-dir DIR] [--no-robustness] [SERIES...]
#        (default series: $KCAP_VM_SERIES = "5.10 6.1 6.12 6.16 7")
#
# Steps:
#   1. setup.sh: host tools (qemu, busybox, dkms, debootstrap...), each series'
#      current kernel, the chroots of the other Debian releases and the headers
#      (idempotent, fast when done; KCAP_VM_SKIP_SETUP=1 skips it);
#   2. static binaries for the guest (no libc there): the kcap CLI, the capture
#      test and its workload (a CMake build in --build-dir, default
#      $TMPDIR/kcap-vm-static, linked with -static against libbpf.a libelf.a
#      libz.a) and the kmod robustness programs of tests/kmod/; the legacy
#      object checker (tests/legacy/check_legacy_obj.c) for this machine;
#   3. per kernel, everything built by the Debian release that ships the kernel,
#      with its own toolchain, as a user of that release builds it (this machine
#      for 6.1 and 6.12, the bullseye chroot for 5.10, the trixie chroot for 6.16
#      and 7.x):
#        the module through DKMS from the kcap-dkms Debian package (built by
#          scripts/build-debs.sh --indep, installed with dpkg: its postinst has
#          DKMS build against /lib/modules/RELEASE/build), then the "dkms"
#          test: dpkg --verify of the kernel's headers packages must be clean;
#        the legacy probe (bpf_legacy/build.sh --kdir the headers, or --btf the
#          kernel's own BTF where there are no headers: 6.16), which must pass the
#          4.14 checker;
#      then
#        boot 1: tests/vm/guest-backends.sh: capture_test for modern, kmod, legacy
#                (kmod and legacy must decode the same events as modern) and the
#                CLI end to end for each;
#        boot 2: tests/kmod/guest-robustness.sh (load/unload loop under a storm,
#                stalled reader, invalid ioctls, bad pointers, CPU hotplug).
#      A series without headers (6.16) runs modern and legacy only.  A boot whose
#      kernel log shows a warning, oops or BUG fails all its tests.
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
	local libbpf libzstd log="$LOGDIR/static-build.log"
	libbpf="$(pkg-config --variable=libdir libbpf 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)/libbpf.a"
	libzstd="$(gcc -print-file-name=libzstd.a)"
	[ -f "$libbpf" ] || kcap_vm_die "no static libbpf ($libbpf): apt-get install libbpf-dev"
	[ -f "$libzstd" ] || kcap_vm_die "no static libzstd ($libzstd): apt-get install libzstd-dev"
	kcap_vm_log "static build in $BUILD_DIR (log $log)"
	if ! { cmake -S "$SRC" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
		-Dpkgcfg_lib_LIBBPF_bpf="$libbpf" -Dpkgcfg_lib_LIBZSTD_zstd="$libzstd" \
		-DCMAKE_EXE_LINKER_FLAGS=-static \
		"-DCMAKE_C_STANDARD_LIBRARIES=-lelf -lz" &&
		cmake --build "$BUILD_DIR" -j "$(nproc)" --target kcap_cli capture_test kcap_workload; } \
		>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		kcap_vm_die "the static build failed (log $log)"
	fi
	# the 4.14 checker of the legacy objects runs here, on the host
	CHECK_LEGACY="$WORK/kcap_check_legacy"
	gcc -O2 -Wall -Wextra -Wshadow -Wformat=2 -Wno-unused-parameter -Werror -o "$CHECK_LEGACY" "$SRC/tests/legacy/check_legacy_obj.c" \
		-lbpf -lelf >>"$log" 2>&1 || kcap_vm_die "building tests/legacy/check_legacy_obj.c failed (log $log)"
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

# The build environment of series $1, for build_in: "host", or a chroot whose
# work directory (host path) is ENV_WORK; the sources the builds need are copied
# there (the legacy probe is built from them).
ENV_DIST="" ENV_WORK=""
enter_env() {
	ENV_DIST=$(kcap_vm_series_dist "$1")
	if [ "$ENV_DIST" = host ]; then
		ENV_WORK="$WORK/env-host"
		mkdir -p "$ENV_WORK"
		ln -sfn "$SRC" "$ENV_WORK/src"
		return 0
	fi
	ENV_WORK=$(kcap_vm_chroot_mktemp "$ENV_DIST")
	mkdir -p "$ENV_WORK/src"
	cp -r "$SRC/kmod" "$SRC/shared" "$SRC/dkms" "$SRC/bpf_legacy" "$SRC/CMakeLists.txt" \
		"$ENV_WORK/src/"
}

leave_env() {
	[ "$ENV_DIST" = host ] || rm -rf "$ENV_WORK"
	ENV_DIST="" ENV_WORK=""
}

# Runs command $@ in the current build environment; paths under ENV_WORK are
# passed as env_path PATH.
build_in() {
	if [ "$ENV_DIST" = host ]; then
		"$@"
	else
		kcap_vm_chroot_run "$ENV_DIST" "$@"
	fi
}
env_path() {
	if [ "$ENV_DIST" = host ]; then printf '%s\n' "$1"; else kcap_vm_chroot_path "$ENV_DIST" "$1"; fi
}
# The host path of a path printed from inside the build environment.
host_path() {
	if [ "$ENV_DIST" = host ]; then printf '%s\n' "$1"; else printf '%s%s\n' "$(kcap_vm_chroot_dir "$ENV_DIST")" "$1"; fi
}

# The kcap-dkms Debian package (scripts/build-debs.sh --indep), as users get
# the module: installed with dpkg in each build environment, where its postinst
# has DKMS build the module for every kernel whose headers are installed.
build_dkms_package() {
	local log="$LOGDIR/kcap-dkms-package.log"
	"$SRC/scripts/build-debs.sh" --indep "$WORK/debs" >"$log" 2>&1 ||
		kcap_vm_die "building the kcap-dkms package failed (log $log)"
	DKMS_DEB=$(find "$WORK/debs" -name 'kcap-dkms_*_all.deb' | head -n 1)
	[ -n "$DKMS_DEB" ] || kcap_vm_die "scripts/build-debs.sh made no kcap-dkms package (log $log)"
	DKMS_VERSION=$(dpkg-deb -f "$DKMS_DEB" Version)
}

# dpkg -i of kcap-dkms in the current build environment, once per environment.
DKMS_INSTALLED_IN=" "
install_dkms_package() {
	case "$DKMS_INSTALLED_IN" in *" $ENV_DIST "*) return 0 ;; esac
	cp "$DKMS_DEB" "$ENV_WORK/"
	build_in dpkg -i "$(env_path "$ENV_WORK/${DKMS_DEB##*/}")" || return 1
	DKMS_INSTALLED_IN="$DKMS_INSTALLED_IN$ENV_DIST "
}

# The module for release $1 from the kcap-dkms package, into directory $2; 0 if
# built. The package's postinst has built it already when the kernel's headers
# were installed before the package; DKMS builds it now otherwise.
build_module() {
	local rel="$1" dest="$2" ko log="$LOGDIR/$1.dkms.log"
	# shellcheck disable=SC2016 # expanded by the inner shell
	if ! { install_dkms_package && ko=$(build_in sh -c '
		dkms status -m kcap -v "$1" -k "$2" | grep -Eq ": (built|installed)" ||
			dkms build -m kcap -v "$1" -k "$2" >&2 ||
			{ cat "/var/lib/dkms/kcap/$1/build/make.log" >&2; exit 1; }
		find "/var/lib/dkms/kcap/$1/$2" -path "*/module/*" -name "kcap.ko*" | head -n 1
		' sh "$DKMS_VERSION" "$rel") && [ -n "$ko" ]; } >"$log" 2>&1; then
		echo "no kcap.ko for $rel from the kcap-dkms package" >>"$log"
		tail -n 30 "$log" >&2
		return 1
	fi
	ko=$(host_path "$ko")
	case "$ko" in
	*.xz) xz -dc "$ko" >"$dest/kcap.ko" ;;
	*.zst) zstd -qdc "$ko" >"$dest/kcap.ko" ;;
	*.gz) gzip -dc "$ko" >"$dest/kcap.ko" ;;
	*) cp "$ko" "$dest/kcap.ko" ;;
	esac
}

# DKMS must leave the kernel's headers packages as installed: dpkg --verify of
# linux-headers-<release> and of the packages of the same version (its common
# headers, kbuild) prints nothing.  Older dkms prepared (make mrproper) a
# kernel tree it was pointed at, deleting the headers' generated files.
check_headers_intact() {
	local rel="$1" log="$LOGDIR/$1.dkms-verify.log" version pkgs out
	# shellcheck disable=SC2016 # dpkg-query formats, not shell expansions
	version=$(build_in dpkg-query -W -f='${Version}' "$(kcap_vm_headers_pkg "$rel")" 2>/dev/null) ||
		{ echo "linux-headers-$rel is not installed" >"$log"; return 1; }
	# shellcheck disable=SC2016
	pkgs=$(build_in dpkg-query -W -f='${Package} ${Version} ${Status}\n' 'linux-headers-*' 'linux-kbuild-*' |
		awk -v v="$version" '$2 == v && $NF == "installed" {print $1}')
	# shellcheck disable=SC2086 # word-splitting the package list is intended
	out=$(build_in dpkg --verify $pkgs 2>&1)
	{
		echo "dpkg --verify $pkgs"
		echo "${out:-(clean)}"
	} >"$log"
	[ -z "$out" ]
}

# The legacy probe for release $1 of series $3 into directory $2: from the
# kernel's headers, or from its BTF where the release has none; 0 if built and
# compatible with 4.14 (kcap_check_legacy).
build_legacy() {
	local rel="$1" dest="$2" series="$3" log="$LOGDIR/$1.legacy.log" out obj from
	out="$ENV_WORK/legacy"
	mkdir -p "$out"
	if kcap_vm_series_has_headers "$series"; then
		from=(--kdir "$(kcap_vm_headers_dir "$rel")")
	else
		cp "$(kcap_vm_kernel_dir "$rel")/btf" "$ENV_WORK/vmlinux.btf" ||
			{ echo "no BTF cached for $rel" >"$log"; return 1; }
		from=(--btf "$(env_path "$ENV_WORK/vmlinux.btf")" --release "$rel")
	fi
	if ! build_in sh "$(env_path "$ENV_WORK/src/bpf_legacy/build.sh")" --werror "${from[@]}" \
		--out-dir "$(env_path "$out")" >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		return 1
	fi
	obj="$out/$rel/kcap_legacy.bpf.o"
	"$CHECK_LEGACY" "$obj" >>"$log" 2>&1 || { tail -n 20 "$log" >&2; return 1; }
	cp "$obj" "$dest/"
}

# boot NAME RELEASE PAYLOAD SCRIPT: runs one VM; sets BOOT_STATUS and BOOT_LOG.
boot() {
	local name="$1" rel="$2" payload="$3" script="$4" t0
	BOOT_LOG="$LOGDIR/$rel.$name.console.log"
	BOOT_STATUS=0
	t0=$(kcap_vm_now)
	"$HERE/run-vm.sh" --kernel "$rel" --payload "$payload" --script "$script" \
		--timeout "$VM_TIMEOUT" --quiet --log "$BOOT_LOG" \
		>"$LOGDIR/$rel.$name.out" 2>&1 || BOOT_STATUS=$?
	kcap_vm_log "$rel $name: guest status $BOOT_STATUS in $(kcap_vm_elapsed "$t0" "$(kcap_vm_now)") s, console log $BOOT_LOG"
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
			if [ "$st" = FAIL ]; then guest_output_before "$log" "$t"; fi
		fi
	done
}

# The guest's last 40 lines before "KCAP_RESULT TEST FAIL" in boot log LOG, on
# stderr: the logs stay in a temporary directory, and a CI run shows only what
# this script prints.
guest_output_before() { # LOG TEST
	awk -v want="KCAP_RESULT $2 FAIL" '
		{ sub(/\r$/, ""); ring[NR % 40] = $0 }
		$0 == want {
			for (i = NR - 39; i <= NR; i++)
				if (i > 0) print "  guest| " ring[i % 40]
			exit
		}' "$1" >&2
}

outcome() { if [ "$1" = 1 ]; then echo 'done'; else echo FAILED; fi; }

run_series() {
	local series="$1" rel payload kmod_ok=1 legacy_ok=0 b tests=() guest_backends="" backends
	local headers=1 t0
	if ! rel=$(kcap_vm_resolve_kernel "$series"); then
		record "$series" setup FAIL "kernel not set up"
		return
	fi
	kcap_vm_series_has_headers "$series" || headers=0
	backends="$BACKENDS"
	if [ "$headers" = 0 ]; then
		# no headers package exists for this kernel: no module can be built
		backends=""
		for b in $BACKENDS; do [ "$b" = kmod ] || backends="$backends $b"; done
	fi
	kcap_vm_log "== $series ($rel, built by $(kcap_vm_series_dist "$series"))"
	payload="$WORK/payload-$rel"
	rm -rf "$payload"
	cp -r "$WORK/common" "$payload"
	enter_env "$series"
	if [ "$headers" = 1 ]; then
		t0=$(kcap_vm_now)
		build_module "$rel" "$payload" || kmod_ok=0
		kcap_vm_log "$rel: DKMS build $(outcome "$kmod_ok") in $(kcap_vm_elapsed "$t0" "$(kcap_vm_now)") s"
		if check_headers_intact "$rel"; then
			record "$rel" dkms PASS
		else
			record "$rel" dkms FAIL "headers packages changed: $LOGDIR/$rel.dkms-verify.log"
		fi
	else
		kmod_ok=0
	fi
	case " $backends " in
	*" legacy "*)
		t0=$(kcap_vm_now)
		build_legacy "$rel" "$payload" "$series" && legacy_ok=1
		kcap_vm_log "$rel: legacy build $(outcome "$legacy_ok") in $(kcap_vm_elapsed "$t0" "$(kcap_vm_now)") s"
		;;
	esac
	leave_env
	for b in $backends; do
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
		case " ${tests[*]} " in *" modern "*) tests+=(verifier-reason) ;; esac
		case " ${tests[*]} " in *" kmod "* | *" modern "*) tests+=(pidns) ;; esac
		boot backends "$rel" "$payload" \
			"CI=$CI KCAP_VM_BACKENDS='${guest_backends# }' sh guest-backends.sh"
		collect "$rel" "$BOOT_LOG" "${tests[@]}"
	fi
	if [ "$ROBUSTNESS" = 1 ] && [ "$headers" = 1 ]; then
		if [ "$kmod_ok" = 0 ]; then
			record "$rel" robustness FAIL "no module"
		else
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
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/kcap-vm-backends.XXXXXX")
	LOGDIR="${KCAP_VM_LOGDIR:-$WORK/logs}"
	mkdir -p "$LOGDIR"
	export KCAP_VM_LOGDIR="$LOGDIR"
	kcap_vm_log "work dir $WORK, logs $LOGDIR"
	build_static
	build_dkms_package
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
		rm -rf "$WORK"/payload-* "$WORK/common" "$WORK/env-host"
	fi
	[ "$failed" -eq 0 ]
}

main "$@"
