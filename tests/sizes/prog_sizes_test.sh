#!/usr/bin/env bash
# BPF program sizes, tracked like code: compares what kcap_prog_sizes reads
# from the kernel (each program's verified instruction count, and its
# translated instructions) for the modern and legacy probes with FILE, the
# committed list for the build host (its kernel version and clang major
# version on its "# host" line). A program that grows by more than 2% or 64
# verified instructions, a new one, or one that is gone fails the test until
# FILE is updated in the same change, so growth is a reviewed decision:
#   tests/sizes/prog_sizes_test.sh --update TOOL CLANG FILE
# Verified counts are deterministic for one kernel and compiler, so on another
# host the test skips outside CI and fails in CI (update FILE there).
# Usage: prog_sizes_test.sh [--update] TOOL CLANG FILE
set -euo pipefail
update=0
if [ "${1:-}" = --update ]; then
	update=1
	shift
fi
tool=$1 clang=$2 file=$3
. "$(dirname "$0")/../lib.sh"
require_root

kernel=$(uname -r | sed 's/-.*//')
cc_major=$("$clang" --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
host="# host kernel $kernel clang $cc_major"
now=$(mktemp)
trap 'rm -f "$now"' EXIT
"$tool" modern legacy | sort >"$now" || { echo "FAIL: kcap_prog_sizes"; exit 1; }

if [ "$update" = 1 ]; then
	{
		sed -n '/^# host /q; p' "$file" 2>/dev/null || true
		echo "$host"
		cat "$now"
	} >"$file.new"
	mv "$file.new" "$file"
	echo "updated $file: $(wc -l <"$now") programs on kernel $kernel, clang $cc_major"
	exit 0
fi

want_host=$(grep '^# host ' "$file" || true)
if [ "$want_host" != "$host" ]; then
	msg="$file is for '${want_host#\# host }', this host is 'kernel $kernel clang $cc_major': run tests/sizes/prog_sizes_test.sh --update"
	[ "${CI:-}" = true ] && { echo "FAIL: $msg"; exit 1; }
	echo "SKIP: $msg"
	exit 77
fi

awk -v margin_pct=2 -v margin_abs=64 '
	FNR == NR { if ($0 !~ /^#/ && NF == 4) { old[$1 " " $2] = $3; oldx[$1 " " $2] = $4 } next }
	NF == 4 {
		key = $1 " " $2
		seen[key] = 1
		if (!(key in old)) { printf "FAIL: new program %s: %d verified, %d instructions\n", key, $3, $4; bad++; next }
		limit = old[key] + old[key] * margin_pct / 100
		if (limit < old[key] + margin_abs) limit = old[key] + margin_abs
		if ($3 > limit) {
			printf "FAIL: %s grew: %d verified instructions, was %d (+%.1f%%)\n", key, $3, old[key],
				100 * ($3 - old[key]) / (old[key] ? old[key] : 1)
			bad++
		} else if ($3 != old[key] || $4 != oldx[key])
			printf "note: %s: %d verified (was %d), %d instructions (was %d)\n", key, $3, old[key], $4, oldx[key]
		total += $3; n++
	}
	END {
		for (key in old) if (!(key in seen)) { printf "FAIL: program %s is gone\n", key; bad++ }
		if (bad) {
			print "the list is tests/sizes/prog_sizes.txt: review the growth, then update it in the same change (prog_sizes_test.sh --update)"
			exit 1
		}
		printf "ok: %d programs within their recorded sizes (%d verified instructions in all)\n", n, total
	}' "$file" "$now"
