#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-only OR MIT)
# Prints the compiler flags that name a kernel's io_uring submission
# tracepoint and its argument layout (KCAP_URING_LAYOUT_* of kcap_uring.h):
#   -DKCAP_URING_TP=<tracepoint> -DKCAP_URING_TP_LAYOUT=<n>
# or nothing when the kernel has none (no io_uring, or older than 5.5).
# FILE is the kernel's include/trace/events/io_uring.h, or a vmlinux.h made
# from its BTF (btf_trace_<tracepoint> typedefs). Used by the module's Kbuild
# and the legacy probe's build, which compile against one kernel.
set -eu
file=${1:?usage: io_uring_tp.sh include/trace/events/io_uring.h | vmlinux.h}
[ -r "$file" ] || exit 0

# The tracepoint's prototype on one line, without the leading "void *," of a BTF typedef.
proto() {
	if grep -q "btf_trace_$1)" "$file"; then
		sed -n "s/.*btf_trace_$1)(void \*, *\(.*\));.*/\1/p" "$file" | head -n 1
	else
		# TRACE_EVENT(name, TP_PROTO(...)): join the lines up to the closing ')'
		awk -v tp="TRACE_EVENT($1," '
			index($0, tp) { on = 1 }
			on && /TP_PROTO/ { p = 1 }
			p { s = s " " $0; if ($0 ~ /\),?[ \t]*$/) { print s; exit } }
		' "$file" | sed 's/.*TP_PROTO(\(.*\)).*/\1/'
	fi
}

for tp in io_uring_submit_req io_uring_submit_sqe; do
	args=$(proto $tp)
	[ -n "$args" ] || continue
	# arguments, counted by their commas
	n=$(printf '%s' "$args" | tr -cd , | wc -c)
	case "$tp:$n" in
	io_uring_submit_req:0) layout=1 ;;
	io_uring_submit_sqe:1) layout=2 ;;
	io_uring_submit_sqe:6) layout=3 ;;
	io_uring_submit_sqe:4) layout=4 ;;
	*)
		echo "io_uring_tp.sh: unknown prototype of $tp in $file: ($args)" >&2
		exit 0
		;;
	esac
	echo "-DKCAP_URING_TP=$tp -DKCAP_URING_TP_LAYOUT=$layout"
	exit 0
done
