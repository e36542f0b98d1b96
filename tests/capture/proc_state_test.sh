#!/usr/bin/env bash
# Process state, end to end: a process started before kcap is named with its
# exe, ppid and ancestors in `kcap --proc -j` output, its child after exec with
# the new exe, in text too; processes moved into cgroups the test makes in the
# docker, podman and cgroupfs-docker layouts show their container id and
# runtime, and --container ID and --no-host keep only theirs, as does a process
# that moves into a container's cgroup and execs while kcap runs; --stats
# reports the thread table. Usage: proc_state_test.sh KCAP BACKEND. Exit 77
# (skip) outside CI when not root or without a writable cgroup hierarchy; in
# CI that is a failure.
set -u
kcap=$1 backend=$2
. "$(dirname "$0")/../lib.sh"
require_root
require_command python3
dir=$(mktemp -d)
pids=() cgroups=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	# a loop's last child may outlive it briefly: a cgroup goes once it is empty
	for ((i = ${#cgroups[@]} - 1; i >= 0; i--)); do
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			[ -f "${cgroups[i]}/cgroup.procs" ] &&
				xargs -r kill 2>/dev/null <"${cgroups[i]}/cgroup.procs"
			rmdir "${cgroups[i]}" 2>/dev/null && break
			sleep 0.1
		done
		[ -d "${cgroups[i]}" ] && echo "warning: could not remove ${cgroups[i]}"
	done
	rm -rf "$dir"
}
trap cleanup EXIT
fail=0

# a loop that makes syscalls of its own (the redirection) and starts a child
loop="while :; do : >/dev/null; cat /dev/null; sleep 0.1; done"

# --- a process started before kcap
sh -c "$loop" &
old=$!
pids+=("$old")
sleep 0.3
timeout 30 "$kcap" -b "$backend" --proc -j --stats -p "$old" -d 2 >"$dir/old" 2>"$dir/err" ||
	{ cat "$dir/err"; echo "FAIL: kcap --proc -j -p failed"; fail=1; }
python3 - "$dir/old" "$old" "$$" "$(readlink /proc/$old/exe)" "$(cat /proc/$$/comm)" <<'PY' || fail=1
import json, sys
path, old, me, exe, mycomm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
events = [json.loads(l) for l in open(path) if l.startswith("{")]
own = [e for e in events if e["pid"] == old]
kids = [e for e in events if e["pid"] != old and e.get("proc", {}).get("ppid") == old]
checks = [
    ("events of the process started before kcap", bool(own)),
    ("each names its exe " + exe, own and all(e["proc"].get("exe") == exe for e in own)),
    ("and its ppid (the test)", own and all(e["proc"].get("ppid") == me for e in own)),
    ("and its parent's name first among its ancestors",
     own and all(e["proc"]["ancestors"][:1] == [mycomm] for e in own)),
    ("its children, with their exe after exec",
     any(e["proc"].get("exe", "").endswith("/cat") for e in kids if e["event"] != "execve"
         or e["dir"] == "exit")),
    ("no container on the host", all("container_id" not in e["proc"] for e in own)),
]
ok = True
for what, good in checks:
    print(("ok: " if good else "FAIL: ") + what)
    ok &= bool(good)
if not ok:
    for e in events[:8]:
        print(json.dumps(e)[:300])
sys.exit(0 if ok else 1)
PY
grep -q "kcap: thread table: [0-9]* threads, [0-9]* processes, [0-9.]* MiB" "$dir/err" &&
	echo "ok: --stats reports the thread table" ||
	{ cat "$dir/err"; echo "FAIL: --stats does not report the thread table"; fail=1; }

# --- text: the process after the event, the exec's new image
timeout 30 "$kcap" -b "$backend" --proc -e execve,openat -- cat /etc/hostname >"$dir/text" \
	2>"$dir/err" || { cat "$dir/err"; echo "FAIL: kcap --proc -- cat failed"; fail=1; }
grep -q "< openat .* proc=(exe=$(readlink -f "$(command -v cat)") ppid=[0-9]* ancestors=kcap," \
	"$dir/text" && echo "ok: text: proc=(exe=... ppid=... ancestors=kcap,...)" ||
	{ grep openat "$dir/text" | head -n 3; echo "FAIL: no proc=(...) in text"; fail=1; }

# --- containers, in cgroups the test makes: the v2 hierarchy and a v1 one if mounted
v2='' v1=''
for d in /sys/fs/cgroup /sys/fs/cgroup/unified; do
	[ "$(stat -f -c %T "$d" 2>/dev/null)" = cgroup2fs ] && { v2=$d; break; }
done
for d in /sys/fs/cgroup/pids /sys/fs/cgroup/systemd; do
	[ "$(stat -f -c %T "$d" 2>/dev/null)" = cgroupfs ] && { v1=$d; break; }
done
if [ -z "$v2" ] && [ -z "$v1" ]; then
	[ "${CI:-}" = true ] && { echo "FAIL: no cgroup hierarchy in CI"; exit 1; }
	echo "SKIP: no cgroup hierarchy mounted"; exit 77
fi
hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
layouts=()
[ -n "$v2" ] && layouts+=("docker $v2/system.slice/docker-ID.scope"
	"podman $v2/machine.slice/libpod-ID.scope")
[ -n "$v1" ] && layouts+=("docker $v1/docker/ID")
declare -A want_runtime
ids=()
for layout in "${layouts[@]}"; do
	runtime=${layout%% *} path=${layout#* }
	id=$(hex)
	path=${path/ID/$id}
	parent=${path%/*}
	[ -d "$parent" ] || { mkdir "$parent" && cgroups+=("$parent"); } || {
		[ "${CI:-}" = true ] && { echo "FAIL: cannot make $parent"; exit 1; }
		echo "SKIP: cannot make $parent"; exit 77; }
	mkdir "$path" && cgroups+=("$path")
	sh -c "$loop" &
	pids+=("$!")
	echo "$!" >"$path/cgroup.procs" || { echo "FAIL: cannot move a process into $path"; fail=1; }
	ids+=("$id")
	want_runtime[$id]=$runtime
	echo "made $path"
done
sleep 0.3 # their loops run in their cgroups before kcap starts
first=${ids[0]}
timeout 30 "$kcap" -b "$backend" --proc -j --container "${first:0:12}" -d 2 >"$dir/one" \
	2>"$dir/err" || { cat "$dir/err"; echo "FAIL: kcap --container failed"; fail=1; }
timeout 30 "$kcap" -b "$backend" --proc -j --no-host -d 2 >"$dir/all" 2>"$dir/err" ||
	{ cat "$dir/err"; echo "FAIL: kcap --no-host failed"; fail=1; }
pairs=()
for id in "${ids[@]}"; do pairs+=("$id=${want_runtime[$id]}"); done
python3 - "$dir/one" "$dir/all" "$first" "${pairs[@]}" <<'PY' || fail=1
import json, sys
one, all_, first = sys.argv[1:4]
runtimes = dict(a.split("=") for a in sys.argv[4:])
def load(p):
    return [json.loads(l) for l in open(p) if l.startswith("{")]
e1, e2 = load(one), load(all_)
seen = {e["proc"].get("container_id") for e in e2}
checks = [
    ("--container: events of that container", bool(e1)),
    ("--container: only those", all(e["proc"].get("container_id") == first for e in e1)),
    ("--container: its runtime " + runtimes[first],
     all(e["proc"].get("container_runtime") == runtimes[first] for e in e1)),
    ("--no-host: no host process", all(e["proc"].get("container_id") for e in e2)),
]
for i, rt in runtimes.items():
    checks.append(("--no-host: the %s container %s..." % (rt, i[:12]), i in seen))
    checks.append(("  with its runtime", all(e["proc"].get("container_runtime") == rt
                                             for e in e2 if e["proc"].get("container_id") == i)))
ok = True
for what, good in checks:
    print(("ok: " if good else "FAIL: ") + what)
    ok &= bool(good)
if not ok:
    for e in (e1 + e2)[:6]:
        print(json.dumps(e)[:300])
sys.exit(0 if ok else 1)
PY

# --- while kcap runs: a process moves itself into a container's cgroup, then execs,
# as a runtime starts a container's program
first_layout=${layouts[0]#* }
late=$(hex)
path=${first_layout/ID/$late}
mkdir "$path" && cgroups+=("$path")
timeout 60 "$kcap" -b "$backend" --proc -j --container "${late:0:12}" -d 3 >"$dir/late" \
	2>"$dir/err" &
kcap_pid=$!
wait_capturing 300 "$dir/err" || true
sh -c "echo \$\$ >'$path/cgroup.procs' && exec sh -c '$loop'" &
pids+=("$!")
wait "$kcap_pid" || { cat "$dir/err"; echo "FAIL: kcap --container (a later process) failed"; fail=1; }
grep -q "\"container_id\":\"$late\"" "$dir/late" &&
	echo "ok: a process that moved into a container and exec'd shows its container" ||
	{ cat "$dir/err"; head -n 3 "$dir/late"; echo "FAIL: no event of the container $late"; fail=1; }
exit $fail
