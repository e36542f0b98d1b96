#!/usr/bin/env python3
"""Cross-check kcap against strace on real programs.

Each workload (coreutils, tar, git, python3 file, process and socket
operations) runs twice: once under `kcap -b BACKEND -j`, once under
`strace -f`, each time in the same freshly made directory, with the same
environment and without address randomization, so that both runs do the
same. Per process (matched through the clone/fork/vfork results of their
parents, from the root command down), the syscalls that both tools decode
must come in the same order with the same results, file descriptors, paths,
socket addresses and argv. What still differs between two runs by nature is
in the short allowlist below.

What kcap decodes comes from its event table (shared/events.def): every
event of a syscall with a dedicated entry there is compared, and each of its
parameters whose format is FD, PATH, SOCKADDR or ARGV, so events added to the
table later are covered without changing this script. Where a parameter is
not the strace argument at its own position, STRACE_ARG says which one is.

Usage: strace_check.py --kcap KCAP --backend NAME --events-def FILE
       [--keep DIR [--reuse]] [--only WORKLOAD,...]
Exit status: 0 all equal, 1 a difference or a failed run.
"""

import argparse
import codecs
import ctypes
import difflib
import errno
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

# --- What is compared, and where strace has it ------------------------------

# (syscall, kcap parameter) -> the strace argument that holds the same value.
# A parameter of a compared format that is not listed is compared with the
# strace argument at its own index among the event's parameters (res left
# out), because fillers push a syscall's arguments in the syscall's order:
# openat's dirfd, name, flags, mode are strace's arguments 0, 1, 2, 3, and
# read's fd is argument 0. List a parameter here when that is not so:
#   N          strace's argument N;
#   (N, I)     element I of the array in argument N (pipe2's [3, 4]);
#   (N, "f")   field f of the struct in argument N (msg_name of a msghdr);
#   None       not an argument of the syscall: not compared.
# The syscall may be "*": any.
STRACE_ARG = {
    ("*", "cwd"): None,  # execve: the process's directory, not an argument
    ("*", "root"): None,  # execve: the process's root, not an argument
    # the program that runs (links resolved, the interpreter of a script),
    # not the path as passed
    ("execve", "exe"): None,
    ("execveat", "exe"): None,
    ("execveat", "args"): 2,  # execveat(dirfd, path, argv, envp, flags)
    ("execveat", "dirfd"): 0,
    ("sendto", "addr"): 4,  # sendto(fd, buf, len, flags, addr, addrlen)
    ("recvfrom", "addr"): 4,  # recvfrom(fd, buf, len, flags, addr, addrlen)
    ("pipe", "fd0"): (0, 0),  # pipe([3, 4])
    ("pipe", "fd1"): (0, 1),
    ("pipe2", "fd0"): (0, 0),  # pipe2([3, 4], flags)
    ("pipe2", "fd1"): (0, 1),
    ("socketpair", "fd0"): (3, 0),  # socketpair(domain, type, proto, [3, 4])
    ("socketpair", "fd1"): (3, 1),
    ("sendmsg", "addr"): (1, "msg_name"),  # sendmsg(fd, {msg_name=..., ...}, flags)
    ("recvmsg", "addr"): (1, "msg_name"),
    # perf_event_open(attr, pid, cpu, group_fd, flags): kcap's first three are the attr's
    ("perf_event_open", "group_fd"): 3,
    # landlock_add_rule(fd, type, {allowed_access=..., parent_fd=N}, flags)
    ("landlock_add_rule", "parent_fd"): (2, "parent_fd"),
    # quotactl(QCMD(Q_..., ...QUOTA), special, id, addr): kcap's cmd and type are one argument
    ("quotactl", "special"): 1,
}

# Parameter formats of shared/events.def that are compared; the others
# (flags, modes, sizes, buffers, uids...) are not.
COMPARED_FORMATS = {"FD", "PATH", "SOCKADDR", "ARGV"}

# Results compared only as success or the same errno, by the format of res:
# a pid or an address differs from one run to the next.
RESULT_SIGN_ONLY = {"PID", "ADDR"}

# Syscalls that create a process or thread: their results map the processes
# of one run onto the other's. strace never shows the child's own return
# (res 0) from them, so kcap's is left out.
SPAWN = {"clone", "clone3", "fork", "vfork"}

# The short allowlist of what differs between two runs of the same program
# by nature, applied to both tools' values alike:
# - names made unique with six random characters (mkstemp): git writes each
#   object as tmp_obj_XXXXXX first, and git init probes the file system
#   with .git/tXXXXXX.
RANDOM_NAMES = [(re.compile(r"(tmp_obj_)[A-Za-z0-9]{6}$"), r"\1XXXXXX"),
                (re.compile(r"(\.git/t)[A-Za-z0-9]{6}$"), r"\1XXXXXX")]
# - results of syscalls whose value depends on timing, not on the program.
#   (poll family: how many descriptors were ready when it returned.)
RESULT_VARIES = {"poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait",
                 "epoll_pwait2"}
# - syscalls a program makes more or fewer of by timing: futex, as often as
#   its threads happen to contend for a lock. Neither tool's are compared.
CALLS_VARY = {"futex"}
# - positions in the standard streams (lseek on descriptors 0 to 2): they are
#   the run's log, where the kcap run has kcap's start message first.
STDIO_POSITION = {"lseek"}
# - a successful execveat is an execve at its exit: the kernel sets the
#   saved syscall number of every exec into a 64-bit program to execve's
#   (set_personality_64bit), and kcap sees syscalls at their exit. strace's
#   successful execveat(dirfd, path, argv, ...) is compared as the execve
#   kcap reports (argv); a failed one stays an execveat.
# - what kcap's root process does between its fork and the exec of the
#   command (kcap's own code): strace starts at that exec. Both tools' root
#   sequences start at the first successful execve.

WORKLOAD_PATH = "/usr/bin:/bin"
MAX_REPORTED = 12  # differences shown per process


# --- The event table ---------------------------------------------------------

def load_events(path):
    """name -> {"syscall": x86_64 name or None, "exit": params, "enter": params},
    params being [(name, format)] in wire order; every event, also those of
    no syscall (procexit, compat_syscall...)."""
    text = re.sub(r"/\*.*?\*/", "", open(path, encoding="utf-8").read(), flags=re.S)
    events = {}
    for m in re.finditer(r"KCAP_EVENT\(", text):
        depth, i = 1, m.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        body = text[m.end():i - 1]
        head = [f.strip() for f in body.split(",", 4)]
        name, hook, syscall = head[1].strip('"'), head[2], head[3]
        params = [(p, fmt) for p, _type, fmt in
                  re.findall(r"P\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*,", head[4])]
        ev = events.setdefault(name, {"syscall": None if syscall == "none" else syscall,
                                      "exit": None, "enter": None})
        if hook == "SYS_EXIT":
            ev["exit"] = params
        elif hook == "SYS_ENTER":
            ev["enter"] = params
    return events


# --- Values --------------------------------------------------------------------

def _kcap_escape(err):
    # kcap shows a byte that is not valid UTF-8 as the four characters \xHH
    bad = err.object[err.start:err.end]
    return "".join("\\x%02x" % b for b in bad), err.end


codecs.register_error("kcap_escape", _kcap_escape)

STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"')
ESCAPES = {"n": 10, "t": 9, "r": 13, "v": 11, "f": 12, "a": 7, "b": 8, "\\": 92, '"': 34}


def strace_string(tok):
    """A strace string argument ("..." possibly followed by ...) as
    (text, cut), or None when tok is not a string."""
    if not tok.startswith('"'):
        return None
    out, i = bytearray(), 1
    while tok[i] != '"':
        if tok[i] == "\\":
            c = tok[i + 1]
            if c == "x":
                out.append(int(tok[i + 2:i + 4], 16))
                i += 4
            elif c in ESCAPES:
                out.append(ESCAPES[c])
                i += 2
            else:
                j = i + 1
                while j < i + 4 and tok[j].isdigit():
                    j += 1
                out.append(int(tok[i + 1:j], 8))
                i = j
        else:
            out += tok[i].encode()
            i += 1
    return out.decode("utf-8", "kcap_escape"), tok[i + 1:].startswith("...")


def split_args(text):
    """Top-level comma-separated items of an argument list."""
    items, depth, cur, i = [], 0, [], 0
    while i < len(text):
        c = text[i]
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if text.startswith("/*", i):
            j = text.index("*/", i) + 2
            cur.append(text[i:j])
            i = j
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            items.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        items.append("".join(cur).strip())
    return items


def strace_int(tok):
    if tok == "AT_FDCWD":
        return -100
    try:
        return int(tok, 0)
    except ValueError:
        return None


def strace_sockaddr(tok):
    """strace's sockaddr in kcap's notation: 1.2.3.4:80, [::1]:80, unix:/path,
    unix:@abstract; None for NULL; "?" for what kcap would not spell alike."""
    if tok == "NULL":
        return None
    fam = re.search(r"sa_family=(\w+)", tok)
    fam = fam.group(1) if fam else ""
    port = re.search(r"sin6?_port=htons\((\d+)\)", tok)
    if fam == "AF_UNIX":
        m = re.search(r'sun_path=(@?)("(?:[^"\\]|\\.)*")', tok)
        return "unix:" + (m.group(1) + strace_string(m.group(2))[0] if m else "")
    if fam == "AF_INET" and port:
        m = re.search(r'inet_addr\(("(?:[^"\\]|\\.)*")\)', tok)
        return "%s:%s" % (strace_string(m.group(1))[0], port.group(1))
    if fam == "AF_INET6" and port:
        m = re.search(r'inet_pton\(AF_INET6, ("(?:[^"\\]|\\.)*")', tok)
        return "[%s]:%s" % (strace_string(m.group(1))[0], port.group(1))
    return "?"


def normalize_path(p):
    for rx, repl in RANDOM_NAMES:
        p = rx.sub(repl, p)
    return p


def fits(fmt, tok):
    """Whether a strace argument has the shape of the format at all: when it
    has not, the parameter is not that argument (a row for STRACE_ARG)."""
    if fmt == "FD":
        return strace_int(tok) is not None
    if fmt == "PATH":
        return tok.startswith('"') or tok == "NULL" or tok.startswith("0x")
    if fmt == "SOCKADDR":
        return tok.startswith("{") or tok == "NULL" or tok.startswith("0x")
    if fmt == "ARGV":
        return tok.startswith("[")
    return True


def compare_value(fmt, kval, ktrunc, tok):
    """None when equal, else (kcap shown, strace shown)."""
    if fmt == "FD":
        sval = strace_int(tok)
        return None if sval == kval else (kval, tok if sval is None else sval)
    if fmt == "PATH":
        if kval is None:  # unreadable: strace shows NULL or the address
            return None if tok == "NULL" or tok.startswith("0x") else (None, tok)
        s = strace_string(tok)
        if s is None:
            return (kval, tok)
        sval, cut = s
        kval, sval = normalize_path(kval), normalize_path(sval)
        if sval == kval or ((ktrunc or cut) and (sval.startswith(kval) or kval.startswith(sval))):
            return None
        return (kval, sval)
    if fmt == "SOCKADDR":
        sval = strace_sockaddr(tok)
        if sval == "?":
            return None  # a family kcap spells as family=N
        return None if sval == kval else (kval, sval)
    if fmt == "ARGV":
        if not (tok.startswith("[") and isinstance(kval, list)):
            return (kval, tok)
        items = split_args(tok[1:-1])
        cut = bool(items) and items[-1] == "..."
        svals = [strace_string(t)[0] for t in items if t != "..."]
        n = min(len(svals), len(kval)) if (cut or ktrunc) else None
        if svals[:n] == kval[:n]:
            return None
        i = next((i for i, (a, b) in enumerate(zip(kval, svals)) if a != b), min(len(kval), len(svals)))
        return ("argv[%d] %s" % (i, shown(kval[i:i + 1])), "%s (of %d)" % (shown(svals[i:i + 1]), len(svals)))
    return None


# --- strace's output -------------------------------------------------------------

# every name of each number (errorcode keeps one: ENOTSUP, where strace says EOPNOTSUPP)
ERRNO = {name: -getattr(errno, name) for name in dir(errno) if re.match(r"E[A-Z0-9]+$", name)}
# kernel-internal restarts that strace shows by name
ERRNO.update(ERESTARTSYS=-512, ERESTARTNOINTR=-513, ERESTARTNOHAND=-514,
             ERESTART_RESTARTBLOCK=-516)


class Call:
    """One syscall of one thread, from either tool."""

    def __init__(self, name, res, raw):
        self.name, self.res, self.raw = name, res, raw
        self.args = []  # strace: argument tokens
        self.event = None  # kcap: the JSON object


def parse_strace(path, names):
    """tid -> [Call] for the syscalls in names, in order."""
    calls, pending = {}, {}
    line_re = re.compile(r"^(\d+)\s+(.*)$")
    for line in open(path, encoding="utf-8", errors="replace"):
        m = line_re.match(line.rstrip("\n"))
        if not m:
            continue
        tid, text = int(m.group(1)), m.group(2)
        r = re.match(r"<\.\.\. (\w+) resumed>(.*)$", text)
        if r:
            text = pending.pop(tid, r.group(1) + "(") + r.group(2)
        if text.endswith("<unfinished ...>"):
            pending[tid] = text[:-len("<unfinished ...>")].rstrip(" ") + " "
            continue
        call = parse_strace_call(text)
        if call and call.name == "execveat" and call.res == 0:
            call.name, call.args = "execve", call.args[1:]  # see the allowlist
        if call and call.name in names:
            calls.setdefault(tid, []).append(call)
    return calls


def parse_strace_call(text):
    m = re.match(r"(\w+)\(", text)
    if not m:
        return None  # +++ exited, --- signals
    # the parenthesis that closes the argument list (strings may hold any)
    depth, i, instr = 1, m.end(), False
    while i < len(text) and depth:
        c = text[i]
        if instr:
            if c == "\\":
                i += 1
            elif c == '"':
                instr = False
        elif c == '"':
            instr = True
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        i += 1
    rest = text[i:].strip()
    r = re.match(r"=\s+(\?|-?\w+)(?:\s+(E[A-Z_0-9]+))?", rest)
    res = None
    if r and r.group(1) != "?":
        res = ERRNO.get(r.group(2), -1) if r.group(2) else int(r.group(1), 0)
    call = Call(m.group(1), res, text)
    call.args = split_args(text[m.end():i - 1])
    return call


def strace_known(strace, names):
    """The names this strace can trace (a newer syscall may be unknown to it)."""
    names = set(names)
    while names:
        p = subprocess.run([strace, "-qq", "-o", "/dev/null", "-e", "trace=" + ",".join(sorted(names)),
                            "true"], capture_output=True, text=True)
        m = re.search(r"invalid system call '([^']+)'", p.stderr)
        if p.returncode == 0 or not m:
            break
        names.discard(m.group(1))
    return names


# --- kcap's output --------------------------------------------------------------

def parse_kcap(path, table, syscalls):
    """tid -> [Call] for the events of the syscalls given, in order, and the
    names of dedicated events missing from the table. An event with an exit
    event is taken at its exit; one without (exit_group) at its enter."""
    calls, missing = {}, set()
    for line in open(path, encoding="utf-8"):
        ev = json.loads(line)
        spec = table.get(ev["event"])
        if not spec:
            # a generic event has the syscall's name and only its number
            if set(ev.get("args", {})) - {"id"}:
                missing.add(ev["event"])
            continue
        if spec["syscall"] not in syscalls:
            continue
        if ev["dir"] == "exit":
            params = spec["exit"]
        elif ev["dir"] == "enter" and spec["exit"] is None:
            params = spec["enter"]
        else:
            continue
        call = Call(spec["syscall"], ev.get("ret"), line.strip())
        call.event, call.params = ev, [(p, f) for p, f in params if p != "res"]
        call.res_fmt = dict(params).get("res")
        calls.setdefault(ev["tid"], []).append(call)
    return calls, missing


# --- Processes and sequences ----------------------------------------------------

def drop_before_exec(seq):
    for i, c in enumerate(seq):
        if c.name in ("execve", "execveat") and c.res == 0:
            return seq[i:]
    return []


def children(seq):
    return [c.res for c in seq if c.name in SPAWN and c.res is not None and c.res > 0]


def map_processes(kcalls, scalls, kroot, sroot, problems):
    """[(kcap tid, strace tid)], the root first, then each parent's children
    in the order it created them."""
    kcalls[kroot] = drop_before_exec(kcalls.get(kroot, []))
    scalls[sroot] = drop_before_exec(scalls.get(sroot, []))
    for tid in kcalls:
        kcalls[tid] = [c for c in kcalls[tid] if not (c.name in SPAWN and c.res == 0)]
    pairs, todo = [], [(kroot, sroot)]
    while todo:
        k, s = todo.pop(0)
        pairs.append((k, s))
        kc, sc = children(kcalls.get(k, [])), children(scalls.get(s, []))
        if len(kc) != len(sc):
            problems.append("process %s: %d children under kcap, %d under strace"
                            % (label(kcalls.get(k, [])), len(kc), len(sc)))
        todo += list(zip(kc, sc))
    seen_k, seen_s = {k for k, _ in pairs}, {s for _, s in pairs}
    for tid in sorted(set(kcalls) - seen_k):
        if kcalls[tid]:
            problems.append("kcap tid %d (%s) is no descendant of the command"
                            % (tid, label(kcalls[tid])))
    for tid in sorted(set(scalls) - seen_s):
        if scalls[tid]:
            problems.append("strace pid %d (%s) is no descendant of the command"
                            % (tid, label(scalls[tid])))
    return pairs


def label(seq):
    """What a process ran, for the report: its last successful exec's argv."""
    for c in reversed(seq):
        if c.name in ("execve", "execveat") and c.res == 0:
            if c.event:
                argv = c.event["args"].get("args") or []
            else:
                tok = c.args[1] if c.name == "execve" else c.args[2]
                argv = [strace_string(t)[0] for t in split_args(tok[1:-1]) if t != "..."]
            return shorten(" ".join(argv), 60)
    return "no exec: %s" % ",".join(c.name for c in seq[:4])


def shorten(text, n):
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 3] + "..."


def shown(value):
    return shorten(json.dumps(value), 100)


def strace_arg(args, pos):
    """The token STRACE_ARG's position names, or None."""
    arg, sub = pos if isinstance(pos, tuple) else (pos, None)
    if arg >= len(args):
        return None
    tok = args[arg]
    if sub is None:
        return tok
    if not tok[:1] in ("[", "{"):
        return None
    items = split_args(tok[1:-1])
    if isinstance(sub, int):
        return items[sub] if sub < len(items) else None
    for item in items:
        if item.startswith(sub + "="):
            return item[len(sub) + 1:]
    return None


def compare_call(k, s):
    """The differences between one kcap event and one strace call, and the
    number of values compared."""
    diffs, n = [], 0
    stdio_position = k.name in STDIO_POSITION and k.event["args"].get("fd") in (0, 1, 2)
    if (k.res is not None and s.res is not None and k.name not in RESULT_VARIES and
            not stdio_position):
        n += 1
        if k.res_fmt in RESULT_SIGN_ONLY:
            same = (k.res < 0) == (s.res < 0) and (k.res >= 0 or k.res == s.res)
        else:
            same = k.res == s.res
        if not same:
            diffs.append(("res", k.res, s.res))
    args, trunc = k.event["args"], set(k.event.get("truncated", []))
    for idx, (pname, fmt) in enumerate(k.params):
        if fmt not in COMPARED_FORMATS:
            continue
        key = (k.name, pname) if (k.name, pname) in STRACE_ARG else ("*", pname)
        pos = STRACE_ARG.get(key, idx)
        if pos is None:
            continue
        if pname not in args:
            diffs.append((pname, "(missing: decoded generically?)", "-"))
            continue
        tok = strace_arg(s.args, pos)
        if tok is None or not fits(fmt, tok):
            diffs.append((pname, args[pname], "%s (no %s in argument %s: a row for STRACE_ARG?)"
                          % (tok, fmt, pos)))
            continue
        n += 1
        d = compare_value(fmt, args[pname], pname in trunc, tok)
        if d:
            diffs.append(("%s (strace argument %s)" % (pname, pos),) + d)
    return diffs, n


def brief(c):
    """One call as a line: strace's with its strings decoded, kcap's event
    with its parameters."""
    if c.event is None:
        args = [shorten(STRING_RE.sub(lambda m: json.dumps(strace_string(m.group(0))[0]), tok), 40)
                for tok in c.args]
        res = "?" if c.res is None else c.res
        return shorten("%s(%s) = %s" % (c.name, ", ".join(args), res), 160)
    ev = c.event
    args = ", ".join("%s=%s" % (k, shorten(json.dumps(v), 40)) for k, v in ev["args"].items())
    return shorten("%s %s ret=%s %s" % (ev["event"], ev["dir"], ev.get("ret"), args), 160)


def compare_process(name, k, s, kseq, sseq, out):
    """Appends the report of one process's differences to out; returns the
    numbers of calls and of values compared."""
    head = "process [%s] (kcap tid %d, strace pid %d)" % (name, k, s)
    problems, calls, values = [], 0, 0
    if not kseq and not sseq:
        problems.append("  nothing to compare: neither tool saw a call")
    sm = difflib.SequenceMatcher(None, [c.name for c in kseq], [c.name for c in sseq],
                                 autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for off in range(i2 - i1):
                diffs, n = compare_call(kseq[i1 + off], sseq[j1 + off])
                calls, values = calls + 1, values + n
                for pname, kv, sv in diffs:
                    problems.append("  call #%d %s: %s: kcap %s, strace %s\n      kcap:   %s\n"
                                    "      strace: %s"
                                    % (i1 + off, kseq[i1 + off].name, pname,
                                       kv if isinstance(kv, str) and kv.startswith("argv[")
                                       else shown(kv),
                                       sv if isinstance(sv, str) and sv.startswith("[")
                                       else shown(sv),
                                       brief(kseq[i1 + off]), brief(sseq[j1 + off])))
            continue
        what = {"delete": "only in kcap", "insert": "only in strace",
                "replace": "different calls"}[tag]
        lines = ["  call #%d (strace #%d): %s: %d kcap call(s), %d strace call(s)"
                 % (i1, j1, what, i2 - i1, j2 - j1)]
        lines += ["      kcap:   " + brief(c) for c in kseq[i1:min(i2, i1 + 4)]]
        lines += ["      strace: " + brief(c) for c in sseq[j1:min(j2, j1 + 4)]]
        problems.append("\n".join(lines))
    if problems:
        out.append("FAIL %s: %d difference(s)" % (head, len(problems)))
        out += problems[:MAX_REPORTED]
        if len(problems) > MAX_REPORTED:
            out.append("  ... %d more" % (len(problems) - MAX_REPORTED))
    return calls, values


# --- Workloads ------------------------------------------------------------------

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)


def make_tree(root):
    """A small tree, with fixed times: an archive of it is the same bytes in
    both runs, so a compressor's results are the same too."""
    for i in range(3):
        write(os.path.join(root, "f%d.txt" % i), "file %d\n" % i * (i + 1))
    write(os.path.join(root, "sub", "g.txt"), "in a subdirectory\n")
    os.symlink("f0.txt", os.path.join(root, "link"))
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            os.utime(os.path.join(d, n), (1e9, 1e9), follow_symlinks=False)
    os.utime(root, (1e9, 1e9))


COREUTILS = """
mkdir -p d/sub && printf 'hello\\n' > d/a && cp d/a d/b && cp -r d e && mv d/b d/c &&
ln d/a d/hard && ln -s a d/soft && cat d/a d/c > cat.out && ls -1 d e > ls.out &&
rm d/hard d/soft && rm -r e && rmdir d/sub && mv d moved && ls -1 moved > ls2.out
cat missing 2>/dev/null; mkdir moved 2>/dev/null; rm missing 2>/dev/null; exit 0
"""

TAR = """
tar -cf tree.tar tree && mkdir out && tar -xf tree.tar -C out && tar -tf tree.tar > list &&
tar -czf tree.tgz tree && tar -xzf tree.tgz -C out --overwrite
"""

# cp -p keeps the tree's old times: files changed in the second the index is
# written would be "racily clean", and whether git re-reads them depends on timing.
GIT = """
id='-c user.name=kcap -c user.email=kcap@invalid'
git init -q repo && cp -rp tree repo/ && cd repo && git add tree && git $id commit -q -m first &&
git rm -q tree/f1.txt && git $id commit -q -m second && git log --oneline > ../log
"""

PYTHON = """
import os, signal, socket, sys, threading
os.mkdir("p")
with open("p/f", "w") as f:
    f.write("some data\\n")
fd = os.open("p/v", os.O_RDWR | os.O_CREAT, 0o600)
os.pwrite(fd, b"at four", 4)
os.pread(fd, 5, 4)
os.writev(fd, [b"one ", b"two"])
os.lseek(fd, 0, os.SEEK_SET)
os.readv(fd, [bytearray(3), bytearray(8)])
os.close(fd)
os.unlink("p/v")
os.rename("p/f", "p/g")
with open("p/g") as f:
    f.read()
os.symlink("g", "p/s")
os.link("p/g", "p/h")
for name in ("p/g", "p/s", "p/h"):
    os.unlink(name)
os.rmdir("p")
for fail in (lambda: open("missing"), lambda: os.write(99, b"x"), lambda: os.rmdir("missing"),
             lambda: os.mkdir(".")):
    try:
        fail()
    except OSError:
        pass
port, path = int(sys.argv[1]), sys.argv[2]
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"ping")
s.recv(4)
s.close()
u = socket.socket(socket.AF_UNIX)
u.connect(path)
u.sendall(b"ping")
u.recv(4)
u.close()
srv = socket.socket(socket.AF_UNIX)
srv.bind("own.sock")
srv.listen()
c = socket.socket(socket.AF_UNIX)
c.connect("own.sock")
a, _ = srv.accept()
c.sendall(b"x")
a.recv(1)
for x in (a, c, srv):
    x.close()
try:
    socket.create_connection(("127.0.0.1", 1))
except OSError:
    pass
os.kill(os.getpid(), 0)
signal.pthread_kill(threading.get_ident(), 0)
os.setuid(os.getuid())
t = threading.Thread(target=lambda: open("/etc/hostname").close())
t.start()
t.join()
pid = os.fork()
if pid == 0:
    fd = os.open("/bin/true", os.O_RDONLY)
    os.execve(fd, ["true"], {})
os.waitpid(pid, 0)
try:
    os.execve(99, ["bad fd"], {})
except OSError:
    pass
os.waitpid(os.posix_spawn("/bin/true", ["true"], {}), 0)
"""


class Listeners:
    """A TCP and a unix socket listener outside the captured programs, the
    same for both runs: each connection gets "pong" once it sent 4 bytes."""

    def __init__(self, base):
        self.unix_path = os.path.join(base, "listener.sock")
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.unix = socket.socket(socket.AF_UNIX)
        if os.path.exists(self.unix_path):  # a kept directory's
            os.unlink(self.unix_path)
        self.unix.bind(self.unix_path)
        self.unix.listen()
        self.port = self.tcp.getsockname()[1]
        for s in (self.tcp, self.unix):
            threading.Thread(target=self.serve, args=(s,), daemon=True).start()

    @staticmethod
    def serve(s):
        while True:
            c, _ = s.accept()
            with c:
                got = b""
                while len(got) < 4:
                    chunk = c.recv(4 - len(got))
                    if not chunk:
                        break
                    got += chunk
                c.sendall(b"pong")


def workloads(tools, listeners):
    sh = ["/bin/sh", "-c"]
    return [
        ("coreutils", None, sh + [COREUTILS]),
        ("tar", make_tree, sh + [TAR]),
        ("git", make_tree, sh + [GIT]),
        ("python3", None, [tools["python3"], "-c", PYTHON, str(listeners.port),
                           listeners.unix_path]),
    ]


# --- Runs -----------------------------------------------------------------------

def fresh_dir(work, setup):
    """The same path for both runs, so that paths compare equal."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    if setup:
        setup(os.path.join(work, "tree"))


ADDR_NO_RANDOMIZE = 0x0040000


def same_layout():
    """Without address randomization: an allocator's choices (python's
    arenas lose a pool when an mmap is not pool-aligned) then repeat."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.personality(libc.personality(0xFFFFFFFF) | ADDR_NO_RANDOMIZE)


def run(argv, work, env, log):
    with open(log, "w") as err:
        p = subprocess.run(argv, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=err,
                           stderr=err, timeout=120, preexec_fn=same_layout)
    return p.returncode


def check_workload(name, setup, cmd, args, table, strace_names, base, env):
    work = os.path.join(base, "work")
    kjson, stxt = os.path.join(base, name + ".kcap.json"), os.path.join(base, name + ".strace")
    klog, slog = kjson + ".log", stxt + ".log"

    if args.reuse:
        return compare_runs(name, table, strace_names, kjson, stxt)
    fresh_dir(work, setup)
    rc = run([args.kcap, "-b", args.backend, "-j", "--stats", "-o", kjson, "--"] + cmd,
             work, env, klog)
    log = open(klog, encoding="utf-8", errors="replace").read()
    if rc != 0:
        return ["FAIL %s: kcap (or the command under it) exited %d:\n%s" % (name, rc, log)]
    m = re.search(r"(\d+) dropped", log)
    if not m or m.group(1) != "0":
        return ["FAIL %s: kcap dropped events or printed no stats:\n%s" % (name, log)]

    fresh_dir(work, setup)
    rc = run([args.strace, "-f", "-qq", "-xx", "-s", "4096", "-e", "signal=none",
              "-e", "trace=" + ",".join(sorted(strace_names)), "-o", stxt, "--"] + cmd,
             work, env, slog)
    if rc != 0:
        return ["FAIL %s: strace (or the command under it) exited %d:\n%s"
                % (name, rc, open(slog, errors="replace").read())]
    return compare_runs(name, table, strace_names, kjson, stxt)


def compare_runs(name, table, strace_names, kjson, stxt):
    out = []
    try:
        kcalls, missing = parse_kcap(kjson, table, strace_names)
        scalls = parse_strace(stxt, strace_names)
        # the first line of each is the command's process
        kroot = json.loads(open(kjson).readline())["tid"]
        sroot = int(open(stxt).readline().split()[0])
    except (OSError, ValueError, KeyError, IndexError) as e:
        return ["FAIL %s: unreadable output (%s: %s)" % (name, type(e).__name__, e)]
    problems = []
    if missing:
        problems.append("kcap's events %s are not in the event table given (--events-def of "
                        "another tree?)" % ",".join(sorted(missing)))
    pairs = map_processes(kcalls, scalls, kroot, sroot, problems)
    out += ["FAIL %s: %s" % (name, p) for p in problems]
    calls, values, seen = 0, 0, set()
    for k, s in pairs:
        kseq, sseq = kcalls.get(k, []), scalls.get(s, [])
        c, v = compare_process("%s: %s" % (name, label(kseq)), k, s, kseq, sseq, out)
        calls, values, seen = calls + c, values + v, seen | {c.name for c in kseq}
    status = "FAIL" if out else "ok"
    out.append("%s %s: %d processes, %d calls and %d values compared (%s)"
               % (status, name, len(pairs), calls, values, ",".join(sorted(seen))))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kcap", required=True)
    ap.add_argument("--backend", required=True)
    ap.add_argument("--events-def", required=True)
    ap.add_argument("--strace", default=shutil.which("strace") or "strace")
    ap.add_argument("--keep", help="keep the runs' outputs in this directory")
    ap.add_argument("--only", help="comma-separated workload names")
    ap.add_argument("--reuse", action="store_true",
                    help="compare the outputs kept in --keep DIR again, without running")
    args = ap.parse_args()
    args.kcap = os.path.abspath(args.kcap)  # the runs change directory
    if args.reuse and not args.keep:
        ap.error("--reuse needs --keep DIR")

    table = load_events(args.events_def)
    syscalls = {e["syscall"] for e in table.values() if e["syscall"]} - CALLS_VARY
    strace_names = strace_known(args.strace, syscalls)
    unknown = syscalls - strace_names
    if unknown:
        print("not compared (unknown to this strace): %s" % ",".join(sorted(unknown)))

    # the system's python3, found on the workloads' PATH
    tools = {"python3": shutil.which("python3", path=WORKLOAD_PATH) or "python3"}
    base = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="kcap-strace-")
    os.makedirs(base, exist_ok=True)
    home = os.path.join(base, "home")
    os.makedirs(home, exist_ok=True)
    env = {
        "PATH": WORKLOAD_PATH, "HOME": home, "LC_ALL": "C", "TZ": "UTC",
        "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
        # fixed dates: the same commit ids, so the same object paths
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    }
    listeners = Listeners(base)
    failed = False
    try:
        for name, setup, cmd in workloads(tools, listeners):
            if args.only and name not in args.only.split(","):
                continue
            t0 = time.monotonic()
            report = check_workload(name, setup, cmd, args, table, strace_names, base, env)
            failed |= any(line.startswith("FAIL") for line in report)
            print("\n".join(report) + " [%.1f s]" % (time.monotonic() - t0))
            sys.stdout.flush()
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
