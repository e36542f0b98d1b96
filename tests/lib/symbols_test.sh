#!/usr/bin/env bash
# The library exports exactly its API: libkcap.so.0's dynamic symbols are the
# functions kcap.h marks KCAP_API (each at version KCAP_0), and every global
# symbol of libkcap.a starts with kcap_ (nothing else of a static embedder's
# name space is taken). Usage: symbols_test.sh LIBKCAP_SO LIBKCAP_A KCAP_H
set -euo pipefail
so=$1 archive=$2 header=$3
fail=0
api=$(sed -n 's/^KCAP_API [^(]*[ *]\(kcap_[a-z0-9_]*\)(.*/\1/p' "$header" | sort)
[ -n "$api" ] || { echo "FAIL: no KCAP_API function found in $header"; exit 1; }
exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort)
unversioned=$(grep -v '@@KCAP_0$' <<<"$exported" | grep -vx 'KCAP_0' || true)
[ -z "$unversioned" ] || { echo "FAIL: symbols without version KCAP_0:"; echo "$unversioned"; fail=1; }
names=$(sed 's/@@KCAP_0$//' <<<"$exported" | grep -vx 'KCAP_0' | sort)
extra=$(comm -13 <(echo "$api") <(echo "$names"))
missing=$(comm -23 <(echo "$api") <(echo "$names"))
[ -z "$extra" ] || { echo "FAIL: $so exports what kcap.h does not declare:"; echo "$extra"; fail=1; }
[ -z "$missing" ] || { echo "FAIL: $so does not export:"; echo "$missing"; fail=1; }
soname=$(objdump -p "$so" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libkcap.so.0 ] || { echo "FAIL: SONAME is '$soname', not libkcap.so.0"; fail=1; }
foreign=$(nm -g --defined-only "$archive" 2>/dev/null | awk 'NF == 3 {print $3}' | grep -v '^kcap_' |
	sort -u || true)
[ -z "$foreign" ] || { echo "FAIL: $archive defines globals outside kcap_*:"; echo "$foreign"; fail=1; }
[ $fail = 0 ] && echo "libkcap.so.0 exports the $(wc -l <<<"$api") functions of kcap.h, versioned KCAP_0; libkcap.a's globals are all kcap_*"
exit $fail
