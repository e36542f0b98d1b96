#!/bin/sh
# Real capture through the legacy backend (MODE raw: raw tracepoints; plain: the
# 4.14-4.16 tracepoint path), compared with the modern backend: the exit events
# of the same command must decode the same (pids, times and addresses aside).
#   capture_smoke.sh KCAP raw|plain
set -u
kcap=$1 mode=$2
. "$(dirname "$0")/../lib.sh"
require_root
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ "$mode" = plain ] && export KCAP_LEGACY_TRACEPOINTS=plain

run() { # backend output
	timeout 60 "$kcap" -b "$1" -j --stats --no-fd-names -e openat,read,close,execve,procexit -- cat /etc/hostname \
		>"$tmp/$1.out" 2>"$tmp/$1.err"
}
run legacy || { cat "$tmp/legacy.err"; echo "FAIL: kcap -b legacy"; exit 1; }
grep -q '"event":"execve","dir":"exit","ret":0,"args":{"exe":"[^"]*/cat"' "$tmp/legacy.out" ||
	{ echo "FAIL: no successful execve of cat"; exit 1; }
grep -q '"event":"openat","dir":"exit","ret":[0-9]*,"args":{"dirfd":-100,"name":"/etc/hostname"' \
	"$tmp/legacy.out" || { echo "FAIL: no openat exit of /etc/hostname"; exit 1; }
grep -q '"event":"procexit"' "$tmp/legacy.out" || { echo "FAIL: no procexit"; exit 1; }
grep -q '"event":"openat","dir":"enter","args":{"dirfd":-100,"name":"/etc/hostname"' \
	"$tmp/legacy.out" || { echo "FAIL: no openat enter event (syscalls:sys_enter_openat)"; exit 1; }
grep -q ' 0 dropped' "$tmp/legacy.err" || { cat "$tmp/legacy.err"; echo "FAIL: drops"; exit 1; }

# Enter events may legitimately differ (a user page not yet resident at entry).
norm() {
	python3 -c '
import json, re, sys
for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    e = json.loads(line)
    if e.get("dir") == "enter":
        continue
    for k in ("ts", "cpu", "pid", "tid"):
        e.pop(k, None)
    e.get("args", {}).pop("ppid", None)
    s = json.dumps(e, sort_keys=True)
    print(re.sub(r"\"ret\": \d{6,}", "\"ret\": N", s))
' "$1"
}
if run modern; then
	norm "$tmp/legacy.out" >"$tmp/legacy.n"
	norm "$tmp/modern.out" >"$tmp/modern.n"
	diff "$tmp/modern.n" "$tmp/legacy.n" || { echo "FAIL: legacy ($mode) differs from modern"; exit 1; }
	echo "legacy ($mode) and modern: $(wc -l <"$tmp/legacy.n") identical exit events"
elif [ "${CI:-}" = true ]; then
	echo "FAIL: modern backend unavailable in CI, nothing to compare with: $(cat "$tmp/modern.err")"
	exit 1
else
	echo "note: modern backend unavailable here, legacy checked alone: $(cat "$tmp/modern.err")"
fi
echo "PASS"
