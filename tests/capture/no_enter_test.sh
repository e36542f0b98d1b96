#!/usr/bin/env bash
# A kernel without syscall tracepoints (CONFIG_FTRACE_SYSCALLS) has no enter
# events for the eBPF backends: the capture must go on with the exit events
# (which carry every parameter) and say so, not fail. Simulated with
# KCAP_TEST_NO_SYSCALL_TRACEPOINTS. Usage: no_enter_test.sh KCAP BACKEND
# Exit 77 (skip) outside CI when not root; in CI that is a failure.
set -u
kcap=$1 backend=$2
. "$(dirname "$0")/../lib.sh"
require_root
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
KCAP_TEST_NO_SYSCALL_TRACEPOINTS=1 timeout 60 "$kcap" -b "$backend" -j -e openat,execve \
	-- cat /etc/hostname >"$dir/out" 2>"$dir/err" || {
	cat "$dir/err"; echo "FAIL: the capture failed without syscall tracepoints"; exit 1; }
cat "$dir/err"
grep -q "kcap: warning: $backend: no enter events: this kernel has no syscall tracepoints" "$dir/err" ||
	{ echo "FAIL: no warning about the missing enter events"; exit 1; }
grep -q '"event":"openat","dir":"exit","ret":[0-9]*,"args":{"dirfd":-100,"name":"/etc/hostname"' \
	"$dir/out" || { echo "FAIL: no openat exit event"; exit 1; }
grep -q '"dir":"enter"' "$dir/out" && { echo "FAIL: enter events without their tracepoints?"; exit 1; }
# And with the tracepoints, the same capture has its enter events and no warning.
timeout 60 "$kcap" -b "$backend" -j -e openat -- cat /etc/hostname >"$dir/out" 2>"$dir/err" ||
	{ cat "$dir/err"; echo "FAIL: capture failed"; exit 1; }
grep -q '"event":"openat","dir":"enter"' "$dir/out" || { echo "FAIL: no openat enter event"; exit 1; }
grep -q "warning" "$dir/err" && { cat "$dir/err"; echo "FAIL: unexpected warning"; exit 1; }
echo PASS
