#!/usr/bin/env bash
# A name rewritten while the kernel runs an open cannot hide which file was
# opened: every openat exit's file and ino are those of the file the
# descriptor really is (tests/capture/toctou.c races one thread's opens with
# a second thread that flips the name). Exits whose name differs from what the
# enter event read say "changed"; the counts are printed, not asserted (the
# race falls where it falls).
# Usage: toctou_test.sh KCAP TOCTOU BACKEND. Exit 77 (skip) outside CI when not root.
set -u
kcap=$1 racer=$2 backend=$3
. "$(dirname "$0")/../lib.sh"
require_root
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
timeout 120 "$kcap" -b "$backend" -j --stats -e openat -- "$racer" "$dir" 2000 "$dir/truth" \
	>"$dir/out" 2>"$dir/err" || { cat "$dir/err"; echo "FAIL: the capture failed"; exit 1; }
grep -q ' 0 dropped' "$dir/err" || { cat "$dir/err"; echo "FAIL: drops"; exit 1; }
python3 - "$dir" <<'PY' || exit 1
import json, os, sys
d = sys.argv[1]
truth = [int(l) for l in open(os.path.join(d, "truth"))]
inodes = {os.stat(os.path.join(d, n)).st_ino: os.path.join(d, n) for n in ("secret", "benign")}
exits, changed, lied = [], 0, 0
for line in open(os.path.join(d, "out")):
    if not line.startswith("{"):
        continue
    e = json.loads(line)
    a = e.get("args", {})
    if e["event"] != "openat" or e["dir"] != "exit" or a.get("flags") != "O_RDONLY" \
            or e["ret"] < 0 or a.get("file") not in inodes.values():
        continue
    exits.append(e)
    changed += "name" in e.get("changed", [])
    lied += a.get("name") != a["file"]
if len(exits) != len(truth):
    sys.exit(f"FAIL: {len(exits)} openat exits of the race's files, the racer made {len(truth)}")
for i, (e, ino) in enumerate(zip(exits, truth)):
    a = e["args"]
    if a["ino"] != ino or a["file"] != inodes.get(ino):
        sys.exit(f"FAIL: open {i}: reported file={a['file']} ino={a['ino']}, "
                 f"really {inodes.get(ino)} ino={ino}")
print(f"{len(exits)} opens: every file and ino right; {lied} names were not the file "
      f"opened, {changed} of them said changed")
PY
