#!/usr/bin/env bash
# kcap in a pid namespace of its own (unshare -pf --mount-proc): it is pid 1
# there, and the probes see its global pid. It must exclude itself by that
# (writing its own output must not feed the capture); modern maps the
# namespace's pids (-p, the command it runs) to global ones, legacy refuses
# a pid filter it cannot express rather than capture the wrong processes. Usage: pidns_test.sh KCAP BACKEND. Exit 77 (skip) outside CI when
# not root; in CI that is a failure.
set -u
kcap=$1 backend=$2
. "$(dirname "$0")/../lib.sh"
require_root
require_command unshare
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
ns() { timeout 60 unshare -pf --mount-proc "$@"; }
# In the namespace's shell: wait until kcap (stderr in ERR, emptied here) captures;
# loading can take seconds.
captures() {
	: >"$1"
	echo "for i in \$(seq 300); do grep -q 'capturing with' '$1' && break; sleep 0.1; done"
}

# everything for 3 seconds, written to a file: no event of kcap's own (its global pid)
timeout 60 unshare -pf --mount-proc "$kcap" -b "$backend" -j --stats -e write,openat -d 3 \
	-o "$dir/out" 2>"$dir/err" &
outer=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	# timeout, its unshare, and unshare's child: kcap
	reader=$(pgrep -P "$(pgrep -P "$outer" | head -n 1)" -x kcap 2>/dev/null) && break
	sleep 0.2
done
wait "$outer" || { cat "$dir/err"; echo "FAIL: the capture in a pid namespace failed"; exit 1; }
[ -n "${reader:-}" ] || { echo "FAIL: cannot find kcap's global pid"; exit 1; }
own=$(grep -c "\"pid\":$reader," "$dir/out")
[ "$own" -eq 0 ] || { grep -m 3 "\"pid\":$reader," "$dir/out"
	echo "FAIL: kcap (global pid $reader) captured $own events of its own"; exit 1; }

# a process created in the reader's namespace shows its ids there too (ns_pid, ns_tid)
ns sh -c "'$kcap' -b '$backend' -j -e openat,clone,clone3,fork,vfork -d 3 >'$dir/out' 2>'$dir/err' &
	$(captures "$dir/err"); sh -c 'cat /etc/hostname >/dev/null; true'; wait" ||
	{ cat "$dir/err"; echo "FAIL: capture in a pid namespace"; exit 1; }
line=$(grep '"name":"/etc/hostname"' "$dir/out" | grep '"dir":"exit"' | head -n 1)
nspid=$(printf '%s\n' "$line" | sed -n 's/.*"ns_pid":\([0-9]*\),"ns_tid":\([0-9]*\).*/\1:\2/p')
gpid=$(printf '%s\n' "$line" | sed -n 's/.*"pid":\([0-9]*\),"tid".*/\1/p')
case "$nspid" in
[0-9]*:[0-9]*) ;;
*) printf '%s\n' "$line"; cat "$dir/err"
	echo "FAIL: cat's openat in the reader's pid namespace has no ns_pid/ns_tid"; exit 1 ;;
esac
[ "${nspid%%:*}" != "$gpid" ] && [ "${nspid%%:*}" -lt 100 ] ||
	{ printf '%s\n' "$line"; echo "FAIL: ns_pid $nspid is not the namespace's number"; exit 1; }
echo "$backend: a process of the reader's pid namespace shows its ids there ($nspid, global $gpid)"

# so does one that existed before the capture (the backend lists the namespace's
# threads; legacy cannot: global ids only, and a warning says so)
# (it waits on a fifo: it creates no process meanwhile, whose creation event
# would tell its ids too)
rm -f "$dir/go"
mkfifo "$dir/go"
ns sh -c "(read -r _ <'$dir/go'; exec cat /etc/hostname >/dev/null) &
	echo \$! >'$dir/older'
	'$kcap' -b '$backend' -j -e openat -d 3 >'$dir/out' 2>'$dir/err' &
	$(captures "$dir/err"); echo >'$dir/go'; wait" ||
	{ cat "$dir/err"; echo "FAIL: capture in a pid namespace"; exit 1; }
older=$(cat "$dir/older")
line=$(grep '"name":"/etc/hostname"' "$dir/out" | grep '"dir":"exit"' | head -n 1)
[ -n "$line" ] || { cat "$dir/err"; echo "FAIL: no openat of the older process"; exit 1; }
nspid=$(printf '%s\n' "$line" | sed -n 's/.*"ns_pid":\([0-9]*\),"ns_tid":\([0-9]*\).*/\1:\2/p')
if [ "$backend" = legacy ]; then
	[ -z "$nspid" ] && grep -q "cannot list the threads of kcap's pid namespace" "$dir/err" ||
		{ printf '%s\n' "$line"; cat "$dir/err"
		  echo "FAIL: legacy: no warning that older threads show global ids only"; exit 1; }
	echo "legacy: a process older than the capture shows global ids, with a warning"
elif [ "$nspid" = "$older:$older" ] && grep -Eq '"comm":"(sh|cat)"' <<<"$line"; then
	# its name too: sh from the namespace's /proc by those ids, or cat from its exec event
	echo "$backend: a process older than the capture shows its ids there ($nspid) and its name"
else
	printf '%s\n' "$line"; cat "$dir/err"
	echo "FAIL: the process older than the capture (pid $older there) shows ns ids '$nspid'"
	exit 1
fi

if [ "$backend" = modern ]; then
	# the namespace's pids are mapped to global ones (the task iterator): -p and -- work
	rm -f "$dir/go"
	mkfifo "$dir/go"
	ns sh -c "(read -r _ <'$dir/go'; cat /etc/hostname) &
		'$kcap' -b modern -j -e openat -p \$! -d 3 >'$dir/out' 2>'$dir/err' &
		$(captures "$dir/err"); echo >'$dir/go'; wait" >/dev/null ||
		{ cat "$dir/err"; echo "FAIL: -p in a pid namespace"; exit 1; }
	grep -q '"name":"/etc/hostname"' "$dir/out" || { cat "$dir/err"
		echo "FAIL: -p in a pid namespace did not capture the process"; exit 1; }
	ns "$kcap" -b modern -j -e openat -- cat /etc/hostname >"$dir/out" 2>"$dir/err" ||
		{ cat "$dir/err"; echo "FAIL: kcap -- cat in a pid namespace"; exit 1; }
	grep -q '"name":"/etc/hostname"' "$dir/out" || { cat "$dir/err"
		echo "FAIL: kcap -- cat in a pid namespace did not capture cat"; exit 1; }
	echo "modern in a pid namespace: no event of its own; -p and -- capture the right process"
	exit 0
fi
# without a task iterator the probe cannot map the namespace's pids: refused, with what to do
ns sh -c "sleep 5 & exec '$kcap' -b '$backend' -j -p \$! -d 1" >"$dir/out" 2>"$dir/err" &&
	{ echo "FAIL: -p in a pid namespace was accepted by $backend"; exit 1; }
grep -q "pid namespace" "$dir/err" ||
	{ cat "$dir/err"; echo "FAIL: the refusal does not say why"; exit 1; }
echo "$backend in a pid namespace: no event of its own; -p refused with the reason"
