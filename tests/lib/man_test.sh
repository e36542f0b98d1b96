#!/usr/bin/env bash
# The man pages render without a warning at 80 columns, kcap(1) documents
# every long option of kcap --help, and libkcap(3) every function kcap.h
# exports. Usage: man_test.sh KCAP KCAP_1 LIBKCAP_3 KCAP_H
set -euo pipefail
kcap=$1 page1=$2 page3=$3 header=$4
. "$(dirname "$0")/../lib.sh"
require_command man
fail=0
for page in "$page1" "$page3"; do
	warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null || true)
	[ -z "$warnings" ] || { echo "FAIL: $page renders with warnings:"; echo "$warnings"; fail=1; }
done
for opt in $("$kcap" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	grep -qF -- "$(sed 's/-/\\-/g' <<<"$opt")" "$page1" ||
		{ echo "FAIL: kcap(1) does not document $opt"; fail=1; }
done
for fn in $(sed -n 's/^KCAP_API [^(]*[ *]\(kcap_[a-z0-9_]*\)(.*/\1/p' "$header"); do
	grep -q "$fn(" "$page3" || { echo "FAIL: libkcap(3) does not document $fn"; fail=1; }
done
[ $fail = 0 ] && echo "kcap(1) and libkcap(3) render cleanly and cover the options and the API"
exit $fail
