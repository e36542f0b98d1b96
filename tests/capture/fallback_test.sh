#!/usr/bin/env bash
# Backend selection on this host, for real:
#  - kcap probe -j describes the machine and names auto's choice;
#  - kcap -j -n 100 captures with that choice and says so with -v;
#  - KCAP_TEST_FAIL_BACKEND=<first choice> makes it fall back to the next
#    usable backend and say why, or fail clearly when there is none;
#  - nothing of a failed backend stays loaded (BPF programs, maps, links).
# Exit 77 (skip) outside CI when not root; in CI that is a failure.
set -u
kcap=$1
. "$(dirname "$0")/../lib.sh"
require_root
dir=$(mktemp -d)
# A CI machine can be nearly idle: system-wide captures counting events must not
# wait for syscalls that never come, so this test makes its own, and bounds
# every capture in time (a hang is a failure with a message, not a timeout).
activity() { while kill -0 $$ 2>/dev/null; do cat /proc/version >/dev/null; sleep 0.02; done; }
activity &
activity_pid=$!
trap 'kill $activity_pid 2>/dev/null; rm -rf "$dir"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# BPF programs and links on the system. (Maps are freed asynchronously after
# their last program, so a count taken right after exit would be racy.)
# Programs of a capture that just exited are freed asynchronously (RCU): wait
# until the count is stable for half a second.
kernel_objects() {
	local prev=-1 now
	for _ in $(seq 20); do
		now=$(( $(bpftool prog show 2>/dev/null | grep -c '^[0-9]*:') +
			$(bpftool link show 2>/dev/null | grep -c '^[0-9]*:') ))
		[ "$now" = "$prev" ] && break
		prev=$now
		sleep 0.5
	done
	echo "$now"
}

timeout 60 "$kcap" probe -j >"$dir/probe.json" || bad "kcap probe found no usable backend"
first=$(sed -n 's/.*"auto":"\([a-z]*\)".*/\1/p' "$dir/probe.json")
usable=$(grep -o '"name":"[a-z]*","usable":true' "$dir/probe.json" | sed 's/"name":"\([a-z]*\)".*/\1/')
echo "probe: auto=$first usable=$(echo $usable)"
grep -q '"btf":true' "$dir/probe.json" || bad "probe did not find BTF on this host"
grep -q '"tp_btf":true' "$dir/probe.json" || bad "probe could not load a tp_btf program"
grep -q '"syscall_tracepoints":true' "$dir/probe.json" || bad "probe found no syscall tracepoints"
[ -n "$first" ] || bad "probe names no auto choice"

timeout 60 "$kcap" -v -j -n 100 -d 30 >"$dir/auto.out" 2>"$dir/auto.err" ||
	bad "kcap -n 100 failed: $(cat "$dir/auto.err")"
[ "$(grep -c '^{' "$dir/auto.out")" = 100 ] || bad "kcap -n 100 did not print 100 events"
grep -q "capturing with the $first backend" "$dir/auto.err" || bad "auto did not choose $first"

second=$(echo "$usable" | grep -vx "$first" | head -n 1)
KCAP_TEST_FAIL_BACKEND=$first timeout 60 "$kcap" -v -j -n 10 -d 30 >"$dir/fb.out" 2>"$dir/fb.err"
rc=$?
cat "$dir/fb.err"
grep -q "$first: program load rejected (simulated by KCAP_TEST_FAIL_BACKEND)" "$dir/fb.err" ||
	bad "the simulated rejection of $first was not reported"
if [ -n "$second" ]; then
	[ $rc = 0 ] || bad "fallback capture failed (exit $rc)"
	grep -q "capturing with the $second backend" "$dir/fb.err" || bad "did not fall back to $second"
	[ "$(grep -c '^{' "$dir/fb.out")" = 10 ] || bad "fallback capture printed no events"
else
	[ $rc != 0 ] || bad "with no other backend, a forced failure must fail"
fi

# BPF objects (maps, programs, links) a running capture holds, from its own
# descriptors: after a fallback from the first backend they must be exactly
# those of the second alone. (Listing objects with bpftool while captures
# start and stop would take references of its own.)
held_while_running() { # kcap arguments...
	local n=0
	timeout 60 "$kcap" -v --quiet -d 4 "$@" 2>"$dir/held.err" &
	local pid=$!
	wait_capturing 100 "$dir/held.err" || true
	# $pid is timeout's; kcap is its child
	n=$(find /proc/"$(pgrep -P $pid -n)"/fd -lname 'anon_inode:bpf*' 2>/dev/null | wc -l)
	wait $pid
	echo $n
}
if [ -n "$second" ]; then
	alone=$(held_while_running -b "$second")
	after_fallback=$(KCAP_TEST_FAIL_BACKEND=$first held_while_running -b "$first,$second")
	echo "kernel objects held: $second alone $alone, after falling back from $first $after_fallback"
	[ "$alone" -gt 0 ] || bad "could not count the objects $second holds"
	[ "$alone" = "$after_fallback" ] || bad "$first left objects loaded after failing"
fi

before=$(kernel_objects)
KCAP_TEST_FAIL_BACKEND=$first timeout 60 "$kcap" -b "$first" -n 1 -d 10 2>"$dir/forced.err" >/dev/null &&
	bad "a forced backend that fails must not fall back"
grep -q "simulated" "$dir/forced.err" || bad "forced backend failure not explained"
[ "$(kernel_objects)" = "$before" ] || bad "kernel objects left after a forced failure"
[ $fail = 0 ] && echo "selection and fallback: ok"
exit $fail
