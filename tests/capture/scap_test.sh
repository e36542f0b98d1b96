#!/usr/bin/env bash
# The .scap export, read by Debian's sysdig 0.29.3: `kcap -w c.kcap -- sh -c
# 'cat FILE | cat'`, `kcap -r c.kcap -w c.scap`, and a live `kcap -w c.scap`;
# sysdig must show, for every openat, read, write, close and execve exit of
# the two cats in kcap's own replay, the same process, syscall, return value
# and (for read and write) descriptor name: compared line by line, not by eye.
# Then every syscall of every thread, counted, is the same in both.
# (kcap names a descriptor by the file opened, sysdig by the path asked for:
# through a symlink those differ, the file's name does not; sysdig names no
# pipe, it types it.)
# Usage: scap_test.sh KCAP BACKEND
set -u
kcap=$1 backend=$2
. "$(dirname "$0")/../lib.sh"
require_root
require_command sysdig
require_command python3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
printf 'hello from kcap\n' >"$dir/hello.txt"
cmd="cat '$dir/hello.txt' | cat >/dev/null"
"$kcap" -b "$backend" -w "$dir/c.kcap" -- sh -c "$cmd" 2>"$dir/err" ||
	{ echo "FAIL: kcap -w exited $?"; cat "$dir/err"; exit 1; }
"$kcap" -r "$dir/c.kcap" -w "$dir/c.scap" 2>"$dir/err" ||
	{ echo "FAIL: kcap -r c.kcap -w c.scap exited $?"; cat "$dir/err"; exit 1; }
"$kcap" -r "$dir/c.kcap" -j -e openat,read,write,close,execve >"$dir/kcap.json" 2>/dev/null
"$kcap" -r "$dir/c.kcap" -j >"$dir/all.json" 2>/dev/null
sysdig -r "$dir/c.scap" -p '*%thread.tid %evt.dir %evt.type' >"$dir/all.sysdig" 2>/dev/null
"$kcap" -b "$backend" -w "$dir/live.scap" -- sh -c "$cmd" 2>"$dir/err" ||
	{ echo "FAIL: live kcap -w live.scap exited $?"; cat "$dir/err"; fail=1; }
fmt='*%thread.tid %proc.name %evt.type %evt.rawres %fd.type %fd.name'
filter='evt.dir=< and evt.type in (openat, read, write, close, execve)'
for f in c live; do
	if ! sysdig -r "$dir/$f.scap" -p "$fmt" "$filter" >"$dir/$f.sysdig" 2>"$dir/sysdig.err"; then
		echo "FAIL: sysdig cannot read $f.scap:"; cat "$dir/sysdig.err"; fail=1
	fi
done
python3 - "$dir/kcap.json" "$dir/c.sysdig" "$dir/hello.txt" <<'PY' || fail=1
import json, os, sys
kcap, sysdig, hello = sys.argv[1:4]
def same_file(a, b):
    if b.startswith('pipe'):
        return a == 'pipe'
    return a == b or (a and b and os.path.basename(a) == os.path.basename(b))
seen = set()
for line in open(sysdig):
    f = line.rstrip('\n').split(' ', 5)
    if len(f) >= 5:
        name = f[5].strip() if len(f) > 5 else ''
        name = '' if name == '<NA>' else name
        seen.add((f[0], f[1], f[2], f[3], 'pipe' if f[4] == 'pipe' and not name else name))
want, missing = 0, []
for line in open(kcap):
    e = json.loads(line)
    if e['comm'] != 'cat' or e['dir'] != 'exit':
        continue
    name = e['args'].get('fd_name', '') if e['event'] in ('read', 'write') else None
    key = (str(e['tid']), 'cat', e['event'], str(e['ret']))
    want += 1
    if not any(s[:4] == key and (name is None or same_file(s[4], name) or not name)
               for s in seen):
        missing.append((key, name))
reads = [s for s in seen if s[2] == 'read' and s[4] == hello and s[3] == '16']
if missing:
    print('FAIL: sysdig does not show %d of kcap\'s %d events of cat, e.g. %s' % (len(missing), want, missing[:3]))
    sys.exit(1)
if not reads:
    print('FAIL: sysdig shows no read of %s returning 16' % hello)
    sys.exit(1)
print('ok: sysdig shows all %d openat/read/write/close/execve exits of cat as kcap does' % want)
PY
# Every syscall of every process, counted per thread: the same in both (by the
# names of that era, and its "unknown" for what it did not have yet).
python3 - "$dir/all.json" "$dir/all.sysdig" <<'PY' || fail=1
import collections, json, sys
alias = {'newfstatat': 'fstatat64', 'pipe2': 'pipe', 'pread64': 'pread', 'pwrite64': 'pwrite',
         'dup2': 'dup', 'dup3': 'dup', 'accept4': 'accept', 'prlimit64': 'prlimit',
         'eventfd2': 'eventfd', 'signalfd4': 'signalfd', 'inotify_init1': 'inotify_init',
         'umount2': 'umount', 'rseq': '<unknown>', 'syscall': '<unknown>'}
k, s = collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e['dir'] == 'exit' or e['event'] == 'procexit':
        k[(str(e['tid']), alias.get(e['event'], e['event']))] += 1
for line in open(sys.argv[2]):
    f = line.split()
    if len(f) == 3 and (f[1] == '<' or f[2] == 'procexit'):
        s[(f[0], f[2])] += 1
diff = {key: (k[key], s[key]) for key in set(k) | set(s) if k[key] != s[key]}
if diff:
    print('FAIL: syscalls per thread differ (kcap, sysdig): %s' % sorted(diff.items())[:6])
    sys.exit(1)
print('ok: sysdig counts the same %d syscalls per thread as kcap, in %d threads'
      % (sum(k.values()), len({t for t, _ in k})))
PY
grep -q "$dir/hello.txt" "$dir/live.sysdig" && echo "ok: a live -w live.scap reads in sysdig too" ||
	{ echo "FAIL: sysdig shows no event of hello.txt in live.scap"; fail=1; }
# Sockets: addresses and tuples in that format's layouts.
cat >"$dir/net.py" <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
c = socket.socket(); c.connect(s.getsockname())
a, _ = s.accept(); c.send(b"ping"); a.recv(4)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b"dns?", ("127.0.0.1", 53))
print(s.getsockname()[1], c.getsockname()[1])
PY
if ports=$("$kcap" -b "$backend" -w "$dir/net.scap" -- python3 "$dir/net.py" 2>"$dir/err"); then
	read -r server client <<<"$ports"
	sysdig -r "$dir/net.scap" "proc.name=python3" >"$dir/net.sysdig" 2>&1
	for want in "< connect res=0 tuple=127.0.0.1:$client->127.0.0.1:$server" \
		"< accept fd=[0-9]*(<4t>127.0.0.1:$client->127.0.0.1:$server) tuple=127.0.0.1:$client->127.0.0.1:$server" \
		"> sendto fd=[0-9]*(<4>) size=4 tuple=0.0.0.0:[0-9]*->127.0.0.1:53" \
		"< recvfrom res=4 data=ping"; do
		grep -q -- "$want" "$dir/net.sysdig" && echo "ok: sysdig: $want" ||
			{ echo "FAIL: sysdig shows no '$want'"; grep -E "connect|accept|sendto|recvfrom" "$dir/net.sysdig" | head -5; fail=1; }
	done
else
	echo "FAIL: kcap -w net.scap -- python3 net.py failed"; cat "$dir/err"; fail=1
fi
# The other dedicated events (scap_ops.py: renames, links, modes, fcntl, lseek,
# flock, vectored I/O, sendfile, splice, a unix socket pair's sendmsg, recvmsg
# and options, poll, mmap, rlimits, kill, ids...): recorded, exported and read
# by sysdig, each event compared with kcap's replay by type, result and key
# parameters; a live export of a second run must name the same files.
here=$(dirname "$0")
fmt='*%thread.tid %evt.dir %evt.type %evt.rawres %evt.args'
mkdir "$dir/ops" "$dir/ops-live"
if "$kcap" -b "$backend" -w "$dir/ops.kcap" -- python3 "$here/scap_ops.py" "$dir/ops" 2>"$dir/err" &&
	"$kcap" -r "$dir/ops.kcap" -w "$dir/ops.scap" 2>"$dir/err" &&
	"$kcap" -b "$backend" -w "$dir/ops-live.scap" -- python3 "$here/scap_ops.py" "$dir/ops-live" 2>"$dir/err"; then
	"$kcap" -r "$dir/ops.kcap" -j >"$dir/ops.json" 2>/dev/null
	sysdig -r "$dir/ops.scap" -p "$fmt" proc.name=python3 >"$dir/ops.sysdig" 2>/dev/null
	sysdig -r "$dir/ops-live.scap" -p "$fmt" proc.name=python3 >"$dir/ops-live.sysdig" 2>/dev/null
	python3 "$here/scap_compare.py" "$dir/ops.json" "$dir/ops.sysdig" python3 "$dir/ops-live.sysdig" || fail=1
else
	echo "FAIL: recording or exporting scap_ops.py failed"; cat "$dir/err"; fail=1
fi
exit $fail
