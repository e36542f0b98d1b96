#!/usr/bin/env bash
# The README's promise, end to end: `kcap -b BACKEND -j -- cat FILE` prints the
# openat exit with FILE's path, the read exit returning FILE's size and the
# execve exit of cat with its argv, and exits with cat's status.
# Exit 77 (skip) outside CI when not root; in CI that is a failure.
set -u
kcap=$1
backend=${2:-modern}
. "$(dirname "$0")/../lib.sh"
require_root
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file=$dir/hello.txt
printf 'hello from kcap\n' >"$file"
size=$(stat -c %s "$file")
out=$dir/out.json
# Through a pipe, as people run it: into a regular file cat would use
# copy_file_range instead of read.
"$kcap" -b "$backend" -j --stats -- cat "$file" 2>"$dir/err" | cat >"$out"
rc=${PIPESTATUS[0]}
fail=0
check() {
	if grep -q -- "$2" "$out"; then
		echo "ok: $1"
	else
		echo "FAIL: $1 (no line matching $2)"; fail=1
	fi
}
[ $rc = 0 ] || { echo "FAIL: kcap exited $rc"; cat "$dir/err"; fail=1; }
check "openat exit of FILE" "\"event\":\"openat\",\"dir\":\"exit\",\"ret\":[0-9][0-9]*,\"args\":{\"dirfd\":-100,\"name\":\"$file\""
check "read exit returning FILE's size" "\"event\":\"read\",\"dir\":\"exit\",\"ret\":$size,"
check "execve exit of cat with argv" "\"event\":\"execve\",\"dir\":\"exit\",\"ret\":0,\"args\":{\"exe\":\"[^\"]*/cat\",\"args\":\\[\"cat\",\"$file\"\\]"
check "cat's output passed through" "hello from kcap"
grep -q "backend $backend:" "$dir/err" || { echo "FAIL: --stats did not report"; cat "$dir/err"; fail=1; }
# --stats-interval: live lines while a command runs
"$kcap" -b "$backend" --quiet --stats-interval 0.2 -e getuid -- \
	sh -c 'for i in 1 2 3 4 5 6 7 8; do id -u >/dev/null; sleep 0.1; done' 2>"$dir/live"
grep -Eq '^kcap: [0-9]+ events/s captured, [0-9]+/s read, [0-9]+ dropped \(\+[0-9]+\), fullest buffer [0-9]+%$' \
	"$dir/live" || { echo "FAIL: --stats-interval printed no live line"; cat "$dir/live"; fail=1; }
# Every line but cat's own output must be a JSON object.
if grep -v '^hello from kcap$' "$out" | grep -qv '^{.*}$'; then
	echo "FAIL: non-JSON line in the output"; fail=1
fi
exit $fail
