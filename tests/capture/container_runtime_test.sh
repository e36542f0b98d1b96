#!/usr/bin/env bash
# A real container runtime: podman (with runc, which handles cgroup v1, v2 and
# hybrid hosts) starts a container from a busybox rootfs the test makes while
# kcap captures. `kcap --proc -j --container ID` must show the container's own
# processes (its shell, its cat reading /etc/hostname) with podman's container
# id and runtime "podman", and nothing else; `--no-host` must show them too and
# no host process. Podman's storage lives in the test's directory.
# Usage: container_runtime_test.sh KCAP BACKEND. Exit 77 (skip) outside CI when
# not root or podman, runc or busybox is missing; in CI that is a failure.
set -u
kcap=$1 backend=$2
. "$(dirname "$0")/../lib.sh"
require_root
for c in podman runc busybox python3; do require_command "$c"; done
dir=$(mktemp -d)
podman_in() {
	CONTAINERS_CONF="$dir/containers.conf" podman --root "$dir/storage" \
		--runroot "$dir/run" --runtime "$(command -v runc)" --cgroup-manager cgroupfs "$@"
}
cid=''
cleanup() {
	[ -n "$cid" ] && podman_in rm -f "$cid" >/dev/null 2>&1
	# podman's storage mounts (overlay, shm) go before the directory does
	findmnt -rn -o TARGET | grep "^$dir/" | sort -r | xargs -r -n 1 umount 2>/dev/null
	if findmnt -rn -o TARGET | grep -q "^$dir/"; then
		echo "warning: mounts left under $dir: keeping it"
	else
		rm -rf --one-file-system "$dir"
	fi
}
trap cleanup EXIT
fail=0

# podman's default ulimits raise limits a confined host may refuse: keep the host's.
printf '[containers]\ndefault_ulimits = []\n' >"$dir/containers.conf"
root="$dir/rootfs"
mkdir -p "$root/bin" "$root/etc" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp "$(command -v busybox)" "$root/bin/busybox"
for t in sh cat sleep; do ln -s busybox "$root/bin/$t"; done

# The container waits for a file kcap's start makes, then does its work.
cmd='while [ ! -e /tmp/go ]; do sleep 0.1; done; cat /etc/hostname; cat /etc/hostname'
mkdir -p "$dir/gate"
cid=$(podman_in create --network=none -v "$dir/gate:/tmp" --rootfs "$root" /bin/sh -c "$cmd" \
	2>"$dir/create.err") || { cat "$dir/create.err"; echo "FAIL: podman create"; exit 1; }
echo "podman container ${cid:0:12}"
podman_in start "$cid" >/dev/null 2>"$dir/start.err" ||
	{ cat "$dir/start.err"; echo "FAIL: podman start"; exit 1; }

timeout 60 "$kcap" -b "$backend" --proc -j --container "${cid:0:12}" -e openat,execve,exit_group \
	-d 6 >"$dir/one" 2>"$dir/one.err" &
k1=$!
timeout 60 "$kcap" -b "$backend" --proc -j --no-host -e openat,execve,exit_group -d 6 \
	>"$dir/all" 2>"$dir/all.err" &
k2=$!
wait_capturing 300 "$dir/one.err" "$dir/all.err" || true
touch "$dir/gate/go"
podman_in wait "$cid" >/dev/null 2>&1
wait "$k1" || { cat "$dir/one.err"; echo "FAIL: kcap --container failed"; fail=1; }
wait "$k2" || { cat "$dir/all.err"; echo "FAIL: kcap --no-host failed"; fail=1; }

python3 - "$dir/one" "$dir/all" "$cid" <<'PY' || fail=1
import json, sys
one, all_, cid = sys.argv[1:4]
def load(p):
    return [json.loads(l) for l in open(p) if l.startswith("{")]
e1, e2 = load(one), load(all_)
def opens(evs):
    return [e for e in evs if e["event"] == "openat" and e.get("dir") == "exit"
            and e.get("args", e).get("name", "") == "/etc/hostname"]
ours = [e for e in e2 if e["proc"].get("container_id") == cid]
checks = [
    ("--container: events of the podman container", bool(e1)),
    ("--container: only its own, with its full id",
     all(e["proc"].get("container_id") == cid for e in e1)),
    ("--container: runtime podman", all(e["proc"].get("container_runtime") == "podman" for e in e1)),
    ("--container: its cat's openat of /etc/hostname", bool(opens(e1))),
    ("--no-host: no host process", all(e["proc"].get("container_id") for e in e2)),
    ("--no-host: the podman container's events", bool(ours) and bool(opens(ours))),
]
ok = True
for what, good in checks:
    print(("ok: " if good else "FAIL: ") + what)
    ok &= bool(good)
if not ok:
    for e in (e1 + e2)[:8]:
        print(json.dumps(e)[:400])
sys.exit(0 if ok else 1)
PY
[ "$fail" = 0 ] && echo "PASS: a podman container, seen by --container and --no-host"
exit "$fail"
