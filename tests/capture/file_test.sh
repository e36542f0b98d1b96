#!/usr/bin/env bash
# Capture files on a real backend: the deterministic workload recorded with
# -w while printed with -j replays with -r -j to exactly the same JSON (plain
# and zstd) and the same --stats; `kcap -w c.kcap -- cat FILE` replays to
# cat's openat, read and execve; a replay filters like a capture; a recording
# killed with SIGKILL, or stopped by a full disk, reads up to its last block
# and says it was cut short. Usage: file_test.sh KCAP BACKEND WORKLOAD
set -u
kcap=$1 backend=$2 workload=$3
. "$(dirname "$0")/../lib.sh"
require_root
dir=$(mktemp -d)
trap 'umount "$dir/small" 2>/dev/null; rm -rf "$dir"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# 1. Round trip of the workload, plain and compressed (-z, and a .zst name).
for variant in plain z zst; do
	file=$dir/w-$variant.kcap z=
	[ $variant = z ] && z=-z
	[ $variant = zst ] && file=$dir/w.kcap.zst
	mkdir -p "$dir/wl"
	"$kcap" -b "$backend" -j -o "$dir/live.json" -w "$file" $z --stats -- \
		"$workload" "$dir/wl" "$dir/wl/facts" >/dev/null 2>"$dir/live.err" ||
		{ bad "$variant: kcap -w exited $?"; cat "$dir/live.err"; continue; }
	"$kcap" -r "$file" -j --stats >"$dir/replay.json" 2>"$dir/replay.err" ||
		{ bad "$variant: kcap -r exited $?"; cat "$dir/replay.err"; continue; }
	n=$(wc -l <"$dir/live.json")
	if cmp -s "$dir/live.json" "$dir/replay.json" && [ "$n" -gt 100 ]; then
		echo "ok: $variant: the replay of $n events is the live capture's JSON"
	else
		bad "$variant: the replay differs from the live capture ($n live events)"
		diff "$dir/live.json" "$dir/replay.json" | head -5
	fi
	live_stats=$(grep "^kcap: backend " "$dir/live.err")
	replay_stats=$(grep "^kcap: backend " "$dir/replay.err")
	[ -n "$live_stats" ] && [ "$live_stats" = "$replay_stats" ] &&
		echo "ok: $variant: the replay reports the live capture's counters" ||
		bad "$variant: --stats differ: live '$live_stats' replay '$replay_stats'"
	rm -rf "$dir/wl"
done
size_plain=$(stat -c %s "$dir/w-plain.kcap") size_z=$(stat -c %s "$dir/w.kcap.zst")
[ "$size_z" -lt "$size_plain" ] && echo "ok: zstd: $size_z bytes against $size_plain" ||
	bad "zstd did not shrink the file ($size_z against $size_plain)"

# 2. The Done-when: cat's openat, read and execve from the replay.
printf 'hello from kcap\n' >"$dir/hello.txt"
"$kcap" -b "$backend" -w "$dir/c.kcap" -- sh -c "cat '$dir/hello.txt' | cat >/dev/null" \
	2>"$dir/err" || { bad "kcap -w -- cat exited $?"; cat "$dir/err"; }
"$kcap" -r "$dir/c.kcap" -j >"$dir/c.json" 2>"$dir/err" || bad "kcap -r exited $?"
for want in "\"event\":\"openat\",\"dir\":\"exit\",\"ret\":[0-9]*,\"args\":{\"dirfd\":-100,\"name\":\"$dir/hello.txt\"" \
	"\"event\":\"read\",\"dir\":\"exit\",\"ret\":16,\"args\":{\"fd\":[0-9]*,\"fd_name\":\"$dir/hello.txt\"" \
	"\"event\":\"execve\",\"dir\":\"exit\",\"ret\":0,\"args\":{\"exe\":\"[^\"]*/cat\""; do
	grep -q -- "$want" "$dir/c.json" && echo "ok: replayed: $want" || bad "not replayed: $want"
done
grep -q "replaying $dir/c.kcap: captured by the $backend backend" "$dir/err" ||
	bad "kcap -r did not say what it replays: $(cat "$dir/err")"

# The process state replays too: --proc on the replay prints what it printed live.
"$kcap" -b "$backend" -w "$dir/p.kcap" -j --proc -o "$dir/p.live" -- \
	sh -c "cat '$dir/hello.txt' | cat >/dev/null" 2>/dev/null
"$kcap" -r "$dir/p.kcap" -j --proc >"$dir/p.replay" 2>/dev/null
grep -q '"proc":{"exe":' "$dir/p.live" && cmp -s "$dir/p.live" "$dir/p.replay" &&
	echo "ok: --proc: the replay's process objects are the live capture's" ||
	{ bad "--proc on a replay differs"; diff "$dir/p.live" "$dir/p.replay" | head -4; }

# 3. Filters: -e and -n on the replay.
"$kcap" -r "$dir/c.kcap" -j -e openat >"$dir/f.json" 2>/dev/null
[ -s "$dir/f.json" ] && ! grep -qv '"event":"openat"' "$dir/f.json" &&
	echo "ok: -e openat replays openat only" || bad "-e openat on a replay"
[ "$("$kcap" -r "$dir/c.kcap" -n 3 2>/dev/null | wc -l)" = 3 ] && echo "ok: -n 3" ||
	bad "-n 3 on a replay"
grep -q '"fd_name"' "$dir/c.json" && ! "$kcap" -r "$dir/c.kcap" -j --no-fd-names 2>/dev/null |
	grep -q '_name"' && echo "ok: --no-fd-names drops the recorded names" ||
	bad "--no-fd-names on a replay"
"$kcap" -r "$dir/c.kcap" -b modern >/dev/null 2>"$dir/err" && bad "-r with -b accepted"
grep -q "does not apply to a replay" "$dir/err" && echo "ok: -b refused on a replay" ||
	bad "-b on a replay: $(cat "$dir/err")"

# 4. SIGKILL mid-recording: the file reads up to its last block and says so.
"$kcap" -b "$backend" -w "$dir/k.kcap" -- sh -c 'while :; do cat /etc/hostname; done' \
	>/dev/null 2>&1 &
pid=$!
sleep 3
kill -9 "$pid"
wait "$pid" 2>/dev/null
pkill -f "while :; do cat /etc/hostname" 2>/dev/null
"$kcap" -r "$dir/k.kcap" >"$dir/k.txt" 2>"$dir/err"
rc=$?
events=$(wc -l <"$dir/k.txt")
if [ $rc = 1 ] && [ "$events" -gt 0 ] && grep -Eq "cut short|no trailer" "$dir/err"; then
	echo "ok: killed recording: $events events, then: $(grep -E 'cut short|no trailer' "$dir/err")"
else
	bad "killed recording: exit $rc, $events events, $(cat "$dir/err")"
fi

# 5. A full disk: the capture stops with the reason, what was written stays readable.
mkdir "$dir/small"
if mount -t tmpfs -o size=1m tmpfs "$dir/small"; then
	"$kcap" -b "$backend" -w "$dir/small/full.kcap" -- sh -c \
		'i=0; while [ $i -lt 20000 ]; do cat /etc/hostname; i=$((i+1)); done' >/dev/null \
		2>"$dir/err"
	rc=$?
	grep -q "No space left on device" "$dir/err" && [ $rc = 1 ] &&
		echo "ok: full disk: $(grep 'No space' "$dir/err")" ||
		bad "full disk: exit $rc, $(cat "$dir/err")"
	"$kcap" -r "$dir/small/full.kcap" >"$dir/full.txt" 2>"$dir/err"
	[ "$(wc -l <"$dir/full.txt")" -gt 0 ] && grep -q "no trailer" "$dir/err" &&
		echo "ok: the full disk's file replays $(wc -l <"$dir/full.txt") events" ||
		bad "the full disk's file: $(cat "$dir/err")"
else
	bad "cannot mount a small tmpfs for the full-disk check"
fi

# 6. Files that are no capture: clear errors, exit 1, never a crash.
printf 'not a capture\n' >"$dir/text"
: >"$dir/empty"
for f in text empty; do
	"$kcap" -r "$dir/$f" >/dev/null 2>"$dir/err"
	rc=$?
	[ $rc = 1 ] && grep -Eq "not a kcap capture file|empty" "$dir/err" &&
		echo "ok: $f: $(cat "$dir/err")" || bad "$f: exit $rc, $(cat "$dir/err")"
done
exit $fail
