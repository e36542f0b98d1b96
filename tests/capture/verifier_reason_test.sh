#!/usr/bin/env bash
# A verifier rejection reaches the user as its reason: with the test hook
# KCAP_TEST_VERIFIER_REJECT=modern the modern backend also loads a program every
# verifier rejects; `kcap probe`, the backend's report under auto, and the
# error of `kcap -b modern` must quote the failing instruction and the
# verifier's message (not a cut-off tail of the log).
# Usage: verifier_reason_test.sh KCAP. Exit 77 (skip) outside CI when not root.
set -u
kcap=$1
. "$(dirname "$0")/../lib.sh"
require_root
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
want='the verifier rejected program kcap_test_rejected: [0-9]+: \(71\) r[0-9] = \*\(u8 \*\)\(r[0-9] \+4096\): invalid access to map value'

KCAP_TEST_VERIFIER_REJECT=modern "$kcap" probe >"$dir/probe" 2>&1
cat "$dir/probe"
grep -E "^  modern +no +modern: loading the BPF programs failed .*: $want" "$dir/probe" >/dev/null ||
	{ echo "FAIL: kcap probe does not show the verifier's reason for modern"; exit 1; }
grep -q "KCAP_DEBUG=1 prints libbpf's whole log" "$dir/probe" ||
	{ echo "FAIL: kcap probe does not say how to see the whole log"; exit 1; }

KCAP_TEST_VERIFIER_REJECT=modern timeout 60 "$kcap" -b modern -n 1 >/dev/null 2>"$dir/err"
st=$?
cat "$dir/err"
[ "$st" -ne 0 ] || { echo "FAIL: kcap -b modern succeeded with a rejected program"; exit 1; }
grep -Eq "$want" "$dir/err" || { echo "FAIL: kcap -b modern does not show the verifier's reason"; exit 1; }
echo PASS
