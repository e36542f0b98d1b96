#!/usr/bin/env bash
# kcap bench works end to end (it measures; this test only checks that it
# does): a short run of every usable backend and the reference gives a figure
# and delivered events for each, and the reader benchmark formats events.
# Exit 77 (skip) outside CI when not root; in CI that is a failure.
set -u
kcap=$1
. "$(dirname "$0")/../lib.sh"
require_root
out=$(mktemp)
trap 'rm -f "$out" "$out.probe"' EXIT
timeout 300 "$kcap" bench -r 2 -n 5000 -j >"$out" || { echo "FAIL: kcap bench failed"; exit 1; }
timeout 300 "$kcap" probe -j >"$out.probe" || { echo "FAIL: kcap probe failed"; exit 1; }
python3 - "$out" "$out.probe" <<'PY' || exit 1
import json, sys
bench = json.load(open(sys.argv[1]))
probe = json.load(open(sys.argv[2]))
usable = [b["name"] for b in probe["backends"] if b["usable"]]
# the reference is a tp_btf program with a ring buffer: where modern's features are
feats = probe["features"]
expected = usable + (["reference"] if feats.get("btf") and feats.get("tp_btf") and feats.get("ringbuf") else [])
configs = {c["name"]: c for c in bench["configs"]}
ok = True
for name in expected:
    c = configs.get(name)
    if c is None or "error" in c:
        print(f"FAIL: {name}: {c.get('error') if c else 'not measured'}"); ok = False; continue
    if not (c["ns_per_syscall"] > 0 and c["events_per_s"] > 0 and c["kernel_mem_bytes"] > 0):
        print(f"FAIL: {name}: no figures: {c}"); ok = False; continue
    print(f"{name}: +{c['added_ns']:.1f} ns/syscall, {c['events_per_s']:.0f} events/s, "
          f"{c['drops']} drops, {c['kernel_mem_bytes'] >> 20} MiB")
if "reference" in expected and configs.get("reference", {}).get("kind") != "reference":
    print("FAIL: the reference is not marked as such"); ok = False
sys.exit(0 if ok else 1)
PY
reader=$(timeout 300 "$kcap" bench --reader -j) || { echo "FAIL: kcap bench --reader failed"; exit 1; }
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if r["reader_events_per_s"] > 0 and r["events"] > 0 and r["next_file_events_per_s"] > 0 and r["next_file_zstd_events_per_s"] > 0 else 1)' "$reader" ||
	{ echo "FAIL: reader benchmark: $reader"; exit 1; }
echo "reader: $reader"
echo PASS
