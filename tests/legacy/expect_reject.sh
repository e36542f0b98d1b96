#!/bin/sh
# Negative test of the legacy checker: CHECKER must reject OBJECT (exit 1) and
# print every PATTERN (grep -E), so each rule is proven to fire.
#   expect_reject.sh CHECKER OBJECT PATTERN...
set -u
checker=$1 obj=$2
shift 2
out=$("$checker" "$obj")
rc=$?
echo "$out"
[ "$rc" -eq 1 ] || { echo "FAIL: checker exited $rc, expected 1"; exit 1; }
for p in "$@"; do
	echo "$out" | grep -Eq -- "$p" || { echo "FAIL: no line matches '$p'"; exit 1; }
done
echo "PASS: rejected with every expected reason"
