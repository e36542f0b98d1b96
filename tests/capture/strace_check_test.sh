#!/usr/bin/env bash
# kcap and strace decode the same calls alike on real programs (coreutils,
# tar, git, python3 files and sockets): strace_check.py runs each under both.
# Usage: strace_check_test.sh KCAP BACKEND EVENTS_DEF. Exit 77 (skip) outside
# CI when not root or a tool is missing; in CI that is a failure.
set -u
kcap=$1 backend=$2 events=$3
here=$(dirname "$0")
. "$here/../lib.sh"
require_root
for tool in strace python3 git tar gzip; do
	require_command "$tool"
done
exec python3 "$here/strace_check.py" --kcap "$kcap" --backend "$backend" --events-def "$events"
