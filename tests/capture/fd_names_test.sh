#!/usr/bin/env bash
# Descriptors by name, end to end: `kcap -- cat FILE` shows read fd=3(FILE)
# (3, or the next free number when the test runner leaves one open),
# and `kcap -j -e read,write -- sh -c 'cat FILE | cat >/dev/null'` gives each
# read and write of both cats its descriptor: FILE, the pipe (one pipe:[INODE]
# at both ends), /dev/null. With --no-fd-names there is none, and --stats
# reports the table. Usage: fd_names_test.sh KCAP BACKEND. Exit 77 (skip)
# outside CI when not root; in CI that is a failure.
set -u
kcap=$1 backend=$2
. "$(dirname "$0")/../lib.sh"
require_root
require_command python3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file=$dir/input.txt
printf 'descriptor names\n' >"$file"
size=$(stat -c %s "$file")
fail=0

# text: through a pipe, as people run it (into a file cat would use copy_file_range)
timeout 60 "$kcap" -b "$backend" --stats -- cat "$file" 2>"$dir/err" | cat >"$dir/text"
grep -q " < read res=$size fd=[0-9]*($file) " "$dir/text" && echo "ok: read fd=N(FILE) in text" ||
	{ grep ' read ' "$dir/text" | head -n 5; cat "$dir/err"; echo "FAIL: no read fd=N($file)"; fail=1; }
grep -q "kcap: descriptor table: [0-9]* processes, [0-9]* entries" "$dir/err" &&
	echo "ok: --stats reports the descriptor table" ||
	{ cat "$dir/err"; echo "FAIL: --stats does not report the descriptor table"; fail=1; }

# JSON, an event list without the descriptor syscalls: the table is kept anyway
timeout 60 "$kcap" -b "$backend" -j -e read,write -- sh -c "cat '$file' | cat >/dev/null" \
	>"$dir/json" 2>"$dir/err" || { cat "$dir/err"; echo "FAIL: kcap -j -e read,write"; fail=1; }
python3 - "$dir/json" "$file" <<'PY' || fail=1
import json, sys
path, file = sys.argv[1], sys.argv[2]
events = [json.loads(l) for l in open(path) if l.startswith("{")]
cats = {}
for e in events:
    if e["event"] not in ("read", "write"):
        print("FAIL: an event outside the list was delivered:", e["event"]); sys.exit(1)
    if e["comm"] == "cat":
        cats.setdefault(e["pid"], []).append(e)
if len(cats) != 2:
    print("FAIL: expected two cat processes, saw", sorted(cats)); sys.exit(1)
def names(evs, kind, fd=None):
    return {e["args"]["fd_name"] for e in evs
            if e["event"] == kind and (fd is None or e["args"]["fd"] == fd)}
bad = [e for evs in cats.values() for e in evs if "fd_name" not in e["args"]]
if bad:
    print("FAIL: reads or writes without fd_name:", bad[:3]); sys.exit(1)
# which cat starts first is the scheduler's choice: the first is the one that reads FILE
first, second = sorted(cats.values(), key=lambda evs: file not in names(evs, "read"))
pipe_out, pipe_in = names(first, "write", 1), names(second, "read", 0)
checks = [
    ("the first cat reads FILE", file in names(first, "read")),
    ("the first cat writes a pipe", len(pipe_out) == 1 and next(iter(pipe_out)).startswith("pipe")),
    ("the second cat reads the same pipe", pipe_in == pipe_out),
    ("the second cat writes /dev/null", names(second, "write", 1) == {"/dev/null"}),
]
ok = True
for what, good in checks:
    print(("ok: " if good else "FAIL: ") + what)
    ok &= good
if not ok:
    for e in first + second:
        print(json.dumps({k: e[k] for k in ("pid", "event", "args")})[:200])
sys.exit(0 if ok else 1)
PY

# off: numbers only
timeout 60 "$kcap" -b "$backend" -j --no-fd-names -e read -- cat "$file" >"$dir/off" 2>"$dir/err"
if grep -q '_name"' "$dir/off"; then
	echo "FAIL: --no-fd-names still names descriptors"; fail=1
elif grep -q '"event":"read"' "$dir/off"; then
	echo "ok: --no-fd-names: numbers only"
else
	cat "$dir/err"; echo "FAIL: no read event with --no-fd-names"; fail=1
fi
exit $fail
