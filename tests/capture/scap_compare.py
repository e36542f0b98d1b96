#!/usr/bin/env python3
"""Compares the dedicated events of a .scap export, as sysdig reads it, with
kcap's own replay of the capture: per thread of the program and in order,
every event of the kinds in CHECKS must be there with the same event type,
return value and key parameters (descriptors, paths, modes, flags by name).

Usage: scap_compare.py KCAP_JSON SYSDIG_OUT COMM [LIVE_SYSDIG_OUT]
  KCAP_JSON    `kcap -r c.kcap -j`
  SYSDIG_OUT   `sysdig -r c.scap -p '%thread.tid %evt.dir %evt.type %evt.rawres %evt.args'`
  LIVE_...     the same of another run's live export: its file system names
               must be the same sequence
"""
import json
import re
import sys

# kcap event: the format's event type, then (kcap param, sysdig param, kind)
CHECKS = {
    "rename": ("rename", [("oldpath", "oldpath", "path"), ("newpath", "newpath", "path")]),
    "renameat": ("renameat", [("olddirfd", "olddirfd", "int"), ("oldpath", "oldpath", "path"),
                              ("newdirfd", "newdirfd", "int"), ("newpath", "newpath", "path")]),
    "mkdir": ("mkdir", [("path", "path", "path")]),
    "rmdir": ("rmdir", [("path", "path", "path")]),
    "symlink": ("symlink", [("target", "target", "path"), ("linkpath", "linkpath", "path")]),
    "symlinkat": ("symlinkat", [("target", "target", "path"), ("newdirfd", "linkdirfd", "int"),
                                ("linkpath", "linkpath", "path")]),
    "link": ("link", [("oldpath", "oldpath", "path"), ("newpath", "newpath", "path")]),
    "linkat": ("linkat", [("olddirfd", "olddir", "int"), ("oldpath", "oldpath", "path"),
                          ("newdirfd", "newdir", "int"), ("newpath", "newpath", "path"),
                          ("flags", "flags", "flags")]),
    "chmod": ("chmod", [("path", "filename", "path"), ("mode", "mode", "mode")]),
    "fchmod": ("fchmod", [("fd", "fd", "int"), ("mode", "mode", "mode")]),
    "unlink": ("unlink", [("path", "path", "path")]),
    "unlinkat": ("unlinkat", [("dirfd", "dirfd", "int"), ("name", "name", "path")]),
    "fcntl": ("fcntl", [("fd", "fd", "int"), ("cmd", "cmd", "flags")]),
    "lseek": ("lseek", [("fd", "fd", "int"), ("offset", "offset", "int"),
                        ("whence", "whence", "flags")]),
    "flock": ("flock", [("fd", "fd", "int"), ("operation", "operation", "flags")]),
    "readv": ("readv", [("fd", "fd", "int"), ("data", "data", "data")]),
    "writev": ("writev", [("fd", "fd", "int"), ("data", "data", "data")]),
    "sendfile": ("sendfile", [("out_fd", "out_fd", "int"), ("in_fd", "in_fd", "int")]),
    "copy_file_range": ("copy_file_range", [("fd_in", "fdin", "int"), ("fd_out", "fdout", "int")]),
    "splice": ("splice", [("fd_in", "fd_in", "int"), ("fd_out", "fd_out", "int")]),
    "ioctl": ("ioctl", [("fd", "fd", "int")]),
    "dup": ("dup", [("oldfd", "fd", "int")]),
    "dup2": ("dup", [("oldfd", "fd", "int")]),
    "dup3": ("dup", [("oldfd", "fd", "int")]),
    "socketpair": ("socketpair", [("fd0", "fd1", "int"), ("fd1", "fd2", "int")]),
    "sendmsg": ("sendmsg", [("fd", "fd", "int"), ("data", "data", "data")]),
    "recvmsg": ("recvmsg", [("fd", "fd", "int"), ("data", "data", "data")]),
    "setsockopt": ("setsockopt", [("fd", "fd", "int"), ("level", "level", "flags"),
                                  ("optname", "optname", "flags")]),
    "getsockopt": ("getsockopt", [("fd", "fd", "int"), ("level", "level", "flags"),
                                  ("optname", "optname", "flags")]),
    "shutdown": ("shutdown", [("fd", "fd", "int"), ("how", "how", "flags")]),
    "poll": ("poll", []),
    "kill": ("kill", [("pid", "pid", "int"), ("sig", "sig", "int")]),
    "setuid": ("setuid", [("uid", "uid", "id")]),
    "setgid": ("setgid", [("gid", "gid", "id")]),
    "setresuid": ("setresuid", [("ruid", "ruid", "id"), ("euid", "euid", "id")]),
    "setresgid": ("setresgid", [("rgid", "rgid", "id"), ("egid", "egid", "id")]),
    "getresuid": ("getresuid", [("ruid", "ruid", "id"), ("suid", "suid", "id")]),
    "eventfd2": ("eventfd", [("initval", "initval", "int")]),
    "fchdir": ("fchdir", [("fd", "fd", "int")]),
    "chdir": ("chdir", [("path", "path", "path")]),
    "getcwd": ("getcwd", [("path", "path", "path")]),
    "mmap": ("mmap", [("length", "length", "int"), ("prot", "prot", "flags"),
                      ("flags", "flags", "flags"), ("fd", "fd", "int")]),
    "munmap": ("munmap", [("length", "length", "int")]),
    "mprotect": ("mprotect", [("length", "length", "int"), ("prot", "prot", "flags")]),
    "prlimit64": ("prlimit", [("pid", "pid", "int"), ("resource", "resource", "flags")]),
    "futex": ("futex", [("op", "op", "flags")]),
    "getdents64": ("getdents64", [("fd", "fd", "int")]),
}
# what the workload does at least once
MUST = {"rename", "renameat", "mkdir", "rmdir", "symlink", "symlinkat", "link", "linkat",
        "chmod", "fchmod", "unlink", "unlinkat", "fcntl", "lseek", "flock", "readv", "writev",
        "sendfile", "copy_file_range", "splice", "ioctl", "dup2", "socketpair", "sendmsg",
        "recvmsg", "setsockopt", "getsockopt", "shutdown", "poll", "kill", "setuid", "setgid",
        "setresuid", "setresgid", "getresuid", "eventfd2", "fchdir", "chdir", "getcwd", "mmap",
        "munmap", "prlimit64"}
NAMES = {"rename", "renameat", "mkdir", "rmdir", "symlink", "symlinkat", "link", "linkat",
         "chmod", "unlink", "unlinkat"}
STYPES = {v[0] for v in CHECKS.values()}


def lead_int(v):
    m = re.match(r"-?(0x[0-9a-fA-F]+|\d+)", v)
    return int(m.group(0), 0) if m else v


def flag_names(v):
    """A set of flag names: sysdig's `N(A|B)`, kcap's `A|B`, or the number."""
    if isinstance(v, int):
        v = str(v)
    m = re.match(r"^(-?\w+)\((.*)\)$", v)
    if m:
        v = m.group(2) or m.group(1)
    names = {n for n in v.split("|") if n not in ("0", "") and not n.endswith("_NONE")}
    return names


def norm(kind, v, side):
    if v is None:
        return None
    if kind == "int":
        if side == "k":
            if isinstance(v, int):
                return v
            return -100 if v == "AT_FDCWD" else lead_int(v)
        return lead_int(v)
    if kind == "id":  # a 32-bit uid or gid, -1 alike
        i = norm("int", v, side)
        return i & 0xFFFFFFFF if isinstance(i, int) else i
    if kind == "path":
        return v if side == "k" else re.sub(r"\(.*\)$", "", v)
    if kind == "mode":
        if side == "k":
            return v if isinstance(v, int) else int(v, 8)
        return int(re.match(r"\d+", v).group(0), 8)
    if kind == "flags":
        return flag_names(v)
    if kind == "data":
        # sysdig shows a byte it cannot print as '.'; compare printable data only
        if side == "k":
            return v if isinstance(v, str) and v.isalnum() else None
        return v
    return v


def kcap_events(path, comm):
    out = []
    for line in open(path):
        e = json.loads(line)
        if e.get("comm") != comm or e.get("dir") != "exit" or e["event"] not in CHECKS:
            continue
        stype, fields = CHECKS[e["event"]]
        args = e.get("args", {})
        vals = tuple((s, norm(kind, args.get(k), "k")) for k, s, kind in fields)
        out.append((e["event"], (str(e["tid"]), stype, int(e["ret"])), vals))
    return out


def sysdig_events(path, tids):
    """Exit events merged with their enter's parameters, per thread."""
    enter, out = {}, {}
    for line in open(path, errors="replace"):
        f = line.rstrip("\n").split(" ", 4)
        if len(f) < 4 or f[0] not in tids or f[2] not in STYPES:
            continue
        args = dict(re.findall(r"(\w+)=(\S*)", f[4] if len(f) > 4 else ""))
        if f[1] == ">":
            enter[f[0]] = args
            continue
        merged = dict(enter.pop(f[0], {}))
        merged.update(args)
        out.setdefault(f[0], []).append((f[2], lead_int(f[3]), merged))
    return out


def compare(kev, sev):
    bad, pos = [], {}
    for name, (tid, stype, ret), vals in kev:
        i = pos.get(tid, 0)
        pos[tid] = i + 1
        got = sev.get(tid, [])
        if i >= len(got):
            bad.append("%s %s: sysdig has no such event (only %d)" % (tid, name, len(got)))
            continue
        s_type, s_ret, s_args = got[i]
        if (s_type, s_ret) != (stype, ret):
            bad.append("%s %s ret %d: sysdig %s ret %s" % (tid, name, ret, s_type, s_ret))
            continue
        for s_name, want in vals:
            kind = CHECKS[name][1][[f[1] for f in CHECKS[name][1]].index(s_name)][2]
            have = norm(kind, s_args.get(s_name), "s")
            if want is not None and have != want:
                bad.append("%s %s: %s is %r in sysdig, %r in kcap" % (tid, name, s_name, have, want))
    for tid, got in sev.items():
        if len(got) > pos.get(tid, 0):
            bad.append("%s: sysdig has %d more events, e.g. %s" %
                       (tid, len(got) - pos.get(tid, 0), got[pos.get(tid, 0)][:2]))
    return bad


def name_events(sev):
    """The file system name events of a sysdig output, without thread ids."""
    return [(t, r, tuple(sorted((k, re.sub(r"\(.*\)$", "", v)) for k, v in a.items()
                                if k.endswith("path") or k in ("name", "target", "filename"))))
            for evs in sev.values() for t, r, a in evs if t in NAMES]


def main():
    kjson, sout, comm = sys.argv[1:4]
    kev = kcap_events(kjson, comm)
    missing = MUST - {e[0] for e in kev}
    if missing:
        print("FAIL: the workload's capture lacks %s" % sorted(missing))
        return 1
    sev = sysdig_events(sout, {e[1][0] for e in kev})
    bad = compare(kev, sev)
    if bad:
        print("FAIL: %d differences between sysdig and kcap, e.g.:" % len(bad))
        for b in bad[:5]:
            print("  " + b)
        return 1
    print("ok: sysdig shows all %d events of %d kinds as kcap does (type, result, parameters)"
          % (len(kev), len({e[0] for e in kev})))
    if len(sys.argv) > 4:
        live = {}
        for line in open(sys.argv[4], errors="replace"):
            f = line.split(" ", 1)
            live.setdefault(f[0], 0)
        lev = sysdig_events(sys.argv[4], set(live))
        want, got = name_events(sev), name_events(lev)
        if want != got:
            print("FAIL: the live export's file names differ: %s vs %s" % (got[:3], want[:3]))
            return 1
        print("ok: the live export shows the same %d file system name events" % len(got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
