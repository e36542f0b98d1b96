#!/usr/bin/env bash
# Boot a Debian kernel in QEMU (TCG, no KVM) with a busybox initramfs, run a
# command in it, and report its exit status.
#
# Usage:
#   tests/vm/run-vm.sh --kernel SERIES|RELEASE --payload DIR --script CMD
#                      [--timeout SECONDS] [--mem MB] [--module NAME]...
#                      [--log FILE] [--append KERNEL_ARGS] [--quiet]
#
#   --kernel   6.1 / 6.12 (a series set up by setup.sh) or a full release string
#              whose kernel is in the cache ($KCAP_VM_CACHE/kernels/<release>)
#   --payload  directory copied to /payload in the guest (may be empty)
#   --script   shell command line run by busybox sh in /payload, with /payload
#              first on PATH, KCAP_VM_RELEASE set to the kernel release, stdin
#              /dev/null and stdout/stderr on the console
#   --timeout  wall-clock limit for the whole VM run (default 300)
#   --mem      guest memory in MB (default 1024)
#   --module   load this module of the Debian kernel (and its dependencies) from
#              the image package before the script runs; repeatable.  None is
#              needed by default: everything the harness uses is built in.
#   --log      where to save the full console log (default: a new file under
#              $KCAP_VM_LOGDIR or /tmp, path printed at the end)
#   --append   extra kernel command-line arguments
#   --quiet    do not stream the console to stdout (it is still in the log)
#
# The guest /init mounts proc, sysfs, devtmpfs, devpts, tmpfs (/tmp), debugfs,
# tracefs (/sys/kernel/tracing) and bpffs (/sys/fs/bpf), brings lo up, runs the
# script, prints "KCAP_VM_EXIT=<status> id=<run id>", prints the kernel-log lines
# matching $KCAP_VM_KLOG_PATTERN between KCAP_VM_KLOG_BEGIN/END markers (preceded,
# if there are any, by the kernel log from 20 lines before the first of them, for
# context), and powers off.  The machine has 2 CPUs (per-CPU code paths get exercised) and no
# network device.
#
# Exit status:
#   the script's exit status, if the VM ran to the end and nothing was wrong;
#   124 if the VM timed out (or did not power off in time);
#   otherwise, when the kernel panicked, the exit marker is missing, /init could
#   not set something up, or the kernel log had a problem line: the script's own
#   status if it was non-zero, else 125.  A "kcap-vm: FAIL: ..." line says why.
#
# Environment: KCAP_VM_CACHE (see lib.sh), KCAP_VM_LOGDIR, KCAP_VM_KEEP=1 (keep
# the work dir with the initramfs), KCAP_VM_KLOG_PATTERN (grep -E pattern of
# kernel-log problem lines), KCAP_VM_KLOG_IGNORE (grep -E pattern of problem lines
# to tolerate), KCAP_VM_QEMU_ARGS (extra QEMU arguments, word-split),
# KCAP_VM_TCG_OPTS (the -accel tcg options, default thread=single: see below).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

KLOG_PATTERN="${KCAP_VM_KLOG_PATTERN:-WARNING|BUG|Oops|Call Trace|general protection|KASAN|UBSAN|refcount|Kernel panic|soft lockup|hung_task|blocked for more than|rcu.*stall}"
EXIT_HARNESS=125
EXIT_TIMEOUT=124

usage() { sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

# --- modules ---------------------------------------------------------------

# Print, in load order (dependencies first), the modules.dep paths of module
# $2... of the kernel whose modules tree is $1.  Built-in modules are skipped.
resolve_modules() {
	local moddir="$1"
	shift
	declare -A path_of=() deps_of=() seen=()
	local line p d name
	while IFS= read -r line; do
		p="${line%%:*}"
		name="${p##*/}"
		name="${name%%.ko*}"
		name="${name//-/_}"
		path_of[$name]="$p"
		deps_of[$p]="${line#*: }"
		[ "${deps_of[$p]}" = "$line" ] && deps_of[$p]=""
	done <"$moddir/modules.dep"

	visit() { # depth-first: dependencies are printed before their users
		local p="$1" d rev=()
		[ -n "${seen[$p]:-}" ] && return 0
		seen[$p]=1
		for d in ${deps_of[$p]}; do rev=("$d" "${rev[@]}"); done
		for d in "${rev[@]}"; do visit "$d"; done
		printf '%s\n' "$p"
	}
	for name in "$@"; do
		d="${name//-/_}"
		if [ -n "${path_of[$d]:-}" ]; then
			visit "${path_of[$d]}"
		elif grep -Eq "/${name}\.ko$|/${d}\.ko$" "$moddir/modules.builtin" 2>/dev/null; then
			kcap_vm_log "module $name is built into this kernel: nothing to load"
		else
			kcap_vm_die "module $name not found in $moddir/modules.dep"
		fi
	done
}

# Copy (decompressed) modules into the initramfs tree $1 and write the load list.
stage_modules() {
	local root="$1" rel="$2" moddir="$3"
	shift 3
	local p out list
	: >"$root/kcap-vm/modules.list"
	[ "$#" -gt 0 ] || return 0
	list=$(resolve_modules "$moddir" "$@") || exit "$EXIT_HARNESS"
	while read -r p; do
		[ -n "$p" ] || continue
		out="lib/modules/$rel/${p%.xz}"
		out="${out%.gz}"
		out="${out%.zst}"
		mkdir -p "$root/$(dirname "$out")"
		case "$p" in
		*.xz) xz -dc "$moddir/$p" >"$root/$out" ;;
		*.gz) gzip -dc "$moddir/$p" >"$root/$out" ;;
		*.zst) zstd -qdc "$moddir/$p" >"$root/$out" ;;
		*) cp "$moddir/$p" "$root/$out" ;;
		esac
		printf '/%s\n' "$out" >>"$root/kcap-vm/modules.list"
	done <<<"$list"
}

# --- initramfs ---------------------------------------------------------------

write_init() {
	local f="$1" run_id="$2"
	# The guest /init (busybox sh).  Quoted heredoc: nothing expands here; the
	# run id is substituted below.
	cat >"$f" <<'EOF'
#!/bin/sh
# Generated by kcap tests/vm/run-vm.sh.
export PATH=/payload:/sbin:/usr/sbin:/bin:/usr/bin HOME=/root TERM=dumb
RUN_ID=@RUN_ID@
init_errors=0
must() { "$@" || { echo "KCAP_VM_INIT_ERROR: $*"; init_errors=1; }; }

mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
must mount -t sysfs sysfs /sys
mkdir -p /dev/pts /dev/shm
must mount -t devpts devpts /dev/pts
must mount -t tmpfs -o mode=1777 tmpfs /tmp
must mount -t tmpfs tmpfs /dev/shm
must mount -t debugfs debugfs /sys/kernel/debug
must mount -t tracefs tracefs /sys/kernel/tracing
must mount -t bpf bpf /sys/fs/bpf
must ip link set lo up
hostname kcap-vm
KCAP_VM_RELEASE=$(uname -r)
export KCAP_VM_RELEASE

while read -r m; do
	[ -n "$m" ] && must insmod "$m"
done </kcap-vm/modules.list

echo "KCAP_VM_START id=$RUN_ID release=$KCAP_VM_RELEASE cpus=$(grep -c ^processor /proc/cpuinfo)"
cd /payload
sh /kcap-vm/cmd.sh </dev/null
rc=$?
cd /
echo "KCAP_VM_EXIT=$rc id=$RUN_ID"
[ "$init_errors" = 0 ] || echo "KCAP_VM_INIT_FAILED id=$RUN_ID"
dmesg >/tmp/.kcap-vm-dmesg
first=$(grep -n -E -f /kcap-vm/klog.pattern /tmp/.kcap-vm-dmesg | head -n 1 | cut -d: -f1)
if [ -n "$first" ]; then
	# For humans: the kernel log from a little before the first problem line.
	echo "KCAP_VM_DMESG_CONTEXT_BEGIN"
	tail -n "+$((first > 20 ? first - 20 : 1))" /tmp/.kcap-vm-dmesg
	echo "KCAP_VM_DMESG_CONTEXT_END"
fi
# For run-vm.sh: exactly the problem lines.
echo "KCAP_VM_KLOG_BEGIN id=$RUN_ID"
grep -E -f /kcap-vm/klog.pattern /tmp/.kcap-vm-dmesg
echo "KCAP_VM_KLOG_END id=$RUN_ID"
sync
poweroff -f
EOF
	sed -i "s/@RUN_ID@/$run_id/" "$f"
	chmod 755 "$f"
}

# Build the gzip'd newc cpio $2 from payload dir $3 for release $4.
build_initramfs() {
	local root="$1" out="$2" payload="$3" rel="$4" cmd="$5" run_id="$6" modules_dir="$7"
	shift 7
	local bb applet
	bb=$(command -v busybox) || kcap_vm_die "busybox not found (run setup.sh)"
	if readelf -l "$bb" 2>/dev/null | grep -q 'program interpreter'; then
		kcap_vm_die "$bb is dynamically linked: install busybox-static"
	fi
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,root,etc,payload,kcap-vm}
	cp "$bb" "$root/bin/busybox"
	while read -r applet; do
		[ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
	done < <("$root/bin/busybox" --list-full)
	# The kernel opens /dev/console before /init runs; /init also re-opens it
	# after mounting devtmpfs, in case mknod is not permitted here.
	mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true
	if [ -n "$payload" ]; then
		cp -a "$payload/." "$root/payload/"
	fi
	printf '%s\n' "$cmd" >"$root/kcap-vm/cmd.sh"
	printf '%s\n' "$KLOG_PATTERN" >"$root/kcap-vm/klog.pattern"
	stage_modules "$root" "$rel" "$modules_dir" "$@"
	write_init "$root/init" "$run_id"
	(cd "$root" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc --quiet -R 0:0) | gzip -1 >"$out"
}

# --- result -------------------------------------------------------------------

# Decide the exit status from the console log $1 (run id $2, timeout status $3).
judge() {
	local log="$1" run_id="$2" qemu_rc="$3" clean rc problems fail=()
	# Drop CRs and the terminal escapes SeaBIOS prints.
	clean=$(tr -d '\r' <"$log" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g')
	rc=$(sed -n "s/.*KCAP_VM_EXIT=\([0-9][0-9]*\) id=$run_id.*/\1/p" <<<"$clean" | tail -n 1)
	problems=$(awk -v b="KCAP_VM_KLOG_BEGIN id=$run_id" -v e="KCAP_VM_KLOG_END id=$run_id" \
		'index($0, e) {f = 0} f {print} index($0, b) {f = 1}' <<<"$clean")
	if [ -n "${KCAP_VM_KLOG_IGNORE:-}" ] && [ -n "$problems" ]; then
		problems=$(grep -Ev -- "$KCAP_VM_KLOG_IGNORE" <<<"$problems" || true)
	fi

	if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
		kcap_vm_log "FAIL: VM timed out after ${TIMEOUT}s${rc:+ (script had exited with $rc)}"
		return "$EXIT_TIMEOUT"
	fi
	grep -q 'Kernel panic - not syncing' <<<"$clean" && fail+=("the kernel panicked")
	[ -n "$rc" ] || fail+=("no KCAP_VM_EXIT marker: the guest did not finish (QEMU status $qemu_rc)")
	grep -q "KCAP_VM_INIT_FAILED id=$run_id" <<<"$clean" &&
		fail+=("/init could not set up the guest: $(grep -o 'KCAP_VM_INIT_ERROR: .*' <<<"$clean" | tr '\n' ';')")
	if [ -n "$rc" ] && ! grep -q "KCAP_VM_KLOG_END id=$run_id" <<<"$clean"; then
		fail+=("the kernel-log check did not complete")
	fi
	[ -n "$problems" ] && fail+=("the kernel log has problem lines (matching KCAP_VM_KLOG_PATTERN):")
	if [ "${#fail[@]}" -gt 0 ]; then
		local f
		if [ "$QUIET" = 1 ]; then # the console was not shown: show its end
			kcap_vm_log "last lines of the console:"
			tail -n 40 <<<"$clean" | sed 's/^/kcap-vm:   console| /' >&2
		fi
		for f in "${fail[@]}"; do kcap_vm_log "FAIL: $f"; done
		[ -z "$problems" ] || printf '%s\n' "$problems" | sed 's/^/kcap-vm:   klog| /' >&2
		[ -n "$rc" ] && [ "$rc" -ne 0 ] && return "$rc"
		return "$EXIT_HARNESS"
	fi
	return "$rc"
}

main() {
	local kernel="" payload="" cmd="" mem=1024 log="" append="" modules=()
	TIMEOUT=300 QUIET=0
	while [ "$#" -gt 0 ]; do
		case "$1" in
		--kernel) kernel="$2"; shift ;;
		--payload) payload="$2"; shift ;;
		--script) cmd="$2"; shift ;;
		--timeout) TIMEOUT="$2"; shift ;;
		--mem) mem="$2"; shift ;;
		--module) modules+=("$2"); shift ;;
		--log) log="$2"; shift ;;
		--append) append="$2"; shift ;;
		--quiet) QUIET=1 ;;
		-h | --help) usage; exit 0 ;;
		*) usage >&2; kcap_vm_die "unknown argument: $1" ;;
		esac
		shift
	done
	[ -n "$kernel" ] || kcap_vm_die "--kernel is required (6.1, 6.12 or a release)"
	[ -n "$cmd" ] || kcap_vm_die "--script is required"
	[ -z "$payload" ] || [ -d "$payload" ] || kcap_vm_die "--payload $payload is not a directory"
	[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || kcap_vm_die "--timeout must be a number of seconds"
	[[ "$mem" =~ ^[0-9]+$ ]] || kcap_vm_die "--mem must be a number of MB"
	command -v qemu-system-x86_64 >/dev/null || kcap_vm_die "qemu-system-x86_64 not found (run setup.sh)"

	local rel kdir work run_id initrd qemu_rc t0 t1
	rel=$(kcap_vm_resolve_kernel "$kernel") || exit "$EXIT_HARNESS"
	kdir=$(kcap_vm_kernel_dir "$rel")
	run_id="$(date +%s)$$$RANDOM"
	work=$(mktemp -d "${TMPDIR:-/tmp}/kcap-vm.XXXXXX")
	if [ "${KCAP_VM_KEEP:-0}" = 1 ]; then
		kcap_vm_log "work dir kept: $work"
	else
		# shellcheck disable=SC2064 # expand $work now
		trap "rm -rf '$work'" EXIT
	fi
	if [ -z "$log" ]; then
		mkdir -p "${KCAP_VM_LOGDIR:-${TMPDIR:-/tmp}}"
		log=$(mktemp "${KCAP_VM_LOGDIR:-${TMPDIR:-/tmp}}/kcap-vm.$rel.XXXXXX.log")
	fi
	initrd="$work/initrd.gz"
	build_initramfs "$work/root" "$initrd" "$payload" "$rel" "$cmd" "$run_id" \
		"$kdir/modules" "${modules[@]}"

	# Single-threaded TCG: with one host thread per vCPU, QEMU 7.2 lets a vCPU
	# run a stale translation of kernel code that another vCPU is live-patching
	# (text_poke_bp()'s int3 protocol, when a tracepoint's static key flips as a
	# tracer attaches), and the guest dies with "Oops: int3" (seen on 6.12 in
	# syscall_exit_to_user_mode_prepare, with kmod and with the BPF backends).
	# Real CPUs serialize cross-modified code; two vCPUs run by one thread do too.
	local tcg="${KCAP_VM_TCG_OPTS-thread=single}"
	# shellcheck disable=SC2206 # word-splitting the extra arguments is intended
	local qemu=(qemu-system-x86_64 -accel "tcg${tcg:+,$tcg}" -m "$mem" -smp 2 -nographic -no-reboot
		-nic none -kernel "$kdir/vmlinuz" -initrd "$initrd"
		-append "console=ttyS0 quiet panic=-1 rdinit=/init $append"
		${KCAP_VM_QEMU_ARGS:-})
	kcap_vm_log "booting $rel (timeout ${TIMEOUT}s, log $log)"
	t0=$(kcap_vm_now)
	set +e
	if [ "$QUIET" = 1 ]; then
		timeout -k 10 "$TIMEOUT" "${qemu[@]}" </dev/null >"$log" 2>&1
		qemu_rc=$?
	else
		timeout -k 10 "$TIMEOUT" "${qemu[@]}" </dev/null 2>&1 | tee "$log"
		qemu_rc=${PIPESTATUS[0]}
	fi
	set -e
	t1=$(kcap_vm_now)
	KCAP_VM_BOOT_SECONDS=$(kcap_vm_elapsed "$t0" "$t1")

	local status=0
	judge "$log" "$run_id" "$qemu_rc" || status=$?
	kcap_vm_log "$rel: VM wall time ${KCAP_VM_BOOT_SECONDS}s, guest exit status $status"
	kcap_vm_log "console log: $log"
	return "$status"
}

main "$@"
