#!/usr/bin/env bash
# kcap -p PID captures the processes that already descend from PID when the
# capture starts, not only those it forks later: a shell's child that exists
# before kcap starts runs cat afterwards, and cat's open must be captured.
# Usage: pid_tree_test.sh KCAP BACKEND. Exit 77 (skip) outside CI when not
# root; in CI that is a failure.
set -u
kcap=$1 backend=$2
. "$(dirname "$0")/../lib.sh"
require_root
dir=$(mktemp -d)
marker="$dir/opened-by-the-grandchild"
touch "$marker"
# the parent waits on a subshell that exists from the start and opens the marker later
sh -c "(sleep 2; cat '$marker'); wait" &
parent=$!
trap 'kill $parent 2>/dev/null; rm -rf "$dir"' EXIT
sleep 0.5 # the subshell exists before the capture
timeout 30 "$kcap" -b "$backend" -j -e openat -p "$parent" -d 4 >"$dir/out" 2>"$dir/err" ||
	{ cat "$dir/err"; echo "FAIL: the capture failed"; exit 1; }
wait "$parent"
grep -q "\"name\":\"$marker\"" "$dir/out" || {
	cat "$dir/err"; head -n 20 "$dir/out"
	echo "FAIL: the open by a descendant that existed before the capture is missing"; exit 1; }
grep -q "warning" "$dir/err" && { cat "$dir/err"; echo "FAIL: unexpected warning"; exit 1; }

# A full pid set is never silent: with room for 3, a command that starts 6
# processes at once leaves some untracked, and kcap says how many.
KCAP_TEST_PID_SET_SIZE=3 timeout 30 "$kcap" -b "$backend" -j -e openat --stats \
	-- sh -c 'for i in 1 2 3 4 5 6; do sleep 1 & done; wait' >"$dir/out" 2>"$dir/err" ||
	{ cat "$dir/err"; echo "FAIL: the capture with a small pid set failed"; exit 1; }
grep -q "child processes of captured ones could not be tracked" "$dir/err" ||
	{ cat "$dir/err"; echo "FAIL: no warning about untracked children"; exit 1; }
echo PASS
