#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds the legacy probe for ONE kernel, from its kbuild headers or its BTF.
#
#   build.sh [--kdir DIR | --btf FILE] [--out-dir DIR] [--werror]
#
#   --kdir DIR    kbuild headers (e.g. /usr/src/linux-headers-6.1.0-56-cloud-amd64)
#   --btf FILE    a kernel's BTF (e.g. /sys/kernel/btf/vmlinux) when it has no headers
#   default       /lib/modules/$(uname -r)/build if present, else /sys/kernel/btf/vmlinux
#   --out-dir DIR writes DIR/<kernel release>/kcap_legacy.bpf.o (default: ./legacy)
#
# The kernel release (the object's directory) is UTS_RELEASE of DIR, or uname -r
# for the running kernel's BTF, or --release REL.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../shared" && pwd)
kdir='' btf='' out=legacy release='' werror=''
CLANG=${CLANG:-clang}
LLC=${LLC:-llc}
OPT=${OPT:-opt}
BPFTOOL=${BPFTOOL:-bpftool}

die() { echo "legacy: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case "$1" in
	--kdir) kdir=$2; shift 2 ;;
	--btf) btf=$2; shift 2 ;;
	--out-dir) out=$2; shift 2 ;;
	--release) release=$2; shift 2 ;;
	--werror) werror=-Werror; shift ;;
	-h|--help) sed -n '3,14p' "$0"; exit 0 ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
done

if [ -z "$kdir" ] && [ -z "$btf" ]; then
	if [ -d "/lib/modules/$(uname -r)/build/include" ]; then
		kdir=/lib/modules/$(uname -r)/build
	elif [ -r /sys/kernel/btf/vmlinux ]; then
		btf=/sys/kernel/btf/vmlinux
	else
		die "no kbuild headers at /lib/modules/$(uname -r)/build and no BTF at" \
		    "/sys/kernel/btf/vmlinux: install this kernel's headers or pass --kdir DIR"
	fi
fi

if [ -n "$kdir" ]; then
	[ -r "$kdir/Makefile" ] || die "$kdir is not a kbuild directory (no Makefile)"
	kdir=$(cd "$kdir" && pwd)
	# what uname -r says on that kernel (Debian's kernel.release differs)
	uts=$kdir/include/generated/utsrelease.h
	if [ -z "$release" ] && [ -r "$uts" ]; then
		release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$uts")
	fi
	if [ -z "$release" ]; then
		[ -r "$kdir/include/config/kernel.release" ] ||
			die "cannot tell the release of $kdir: pass --release REL"
		release=$(cat "$kdir/include/config/kernel.release")
	fi
else
	[ -r "$btf" ] || die "cannot read BTF file $btf"
	if [ -z "$release" ]; then
		[ "$btf" = /sys/kernel/btf/vmlinux ] || die "--btf FILE needs --release REL"
		release=$(uname -r)
	fi
fi

mkdir -p "$out/$release"
out=$(cd "$out/$release" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kcap-legacy.XXXXXX")
trap 'rm -rf "$work"' EXIT
obj=$out/kcap_legacy.bpf.o
warn="-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers $werror"

if [ -n "$kdir" ]; then
	# The kernel's own build system supplies its include paths and config
	# (LINUXINCLUDE); clang parses for the host arch, opt and llc make BPF.
	# CC_USING_FENTRY: the kernel's compile defines it (-mfentry), and the
	# network headers reach asm/ftrace.h, which insists on it.
	# The C dialect follows the kernel's config: headers built with
	# CONFIG_CC_MS_EXTENSIONS (the flag itself, or y) embed tagged structs
	# anonymously and need -fms-extensions, about which clang then warns.
	cp "$here"/*.c "$here"/*.h "$work/"
	cat > "$work/Makefile" <<EOF
always-y := kcap_legacy.bpf.o
always := kcap_legacy.bpf.o
kcap_ms_ext := \$(if \$(filter y,\$(CONFIG_CC_MS_EXTENSIONS)),-fms-extensions,\$(CONFIG_CC_MS_EXTENSIONS))
kcap_dialect := \$(kcap_ms_ext) \$(if \$(kcap_ms_ext),-Wno-microsoft-anon-tag)
kcap_uring := \$(shell sh $shared/io_uring_tp.sh \$(srctree)/include/trace/events/io_uring.h)
\$(obj)/kcap_legacy.bpf.o: \$(src)/kcap_legacy.bpf.c \$(wildcard \$(src)/*.h)
	$CLANG \$(LINUXINCLUDE) \$(kcap_dialect) \$(kcap_uring) -idirafter /usr/include -I$shared \\
		-D__KERNEL__ -D__BPF_TRACING__ -DKCAP_LEGACY_KBUILD -D__TARGET_ARCH_x86 -DCC_USING_FENTRY \\
		'-DKCAP_LEGACY_RELEASE="$release"' \\
		$warn -Wno-unused-value -Wno-pointer-sign -Wno-gnu-variable-sized-type-not-at-end \\
		-Wno-address-of-packed-member -Wno-tautological-compare -Wno-unknown-warning-option \\
		-Wno-sign-compare -Wno-unused-function -Wno-ignored-attributes -Wno-duplicate-decl-specifier \\
		-fno-stack-protector -fno-jump-tables -fno-asynchronous-unwind-tables \\
		-O2 -g -emit-llvm -Xclang -disable-llvm-passes -c \$< -o \$(obj)/kcap_legacy.bc
	$OPT -O2 -mtriple=bpf-pc-linux \$(obj)/kcap_legacy.bc -o \$(obj)/kcap_legacy.opt.bc
	$LLC -march=bpf -mcpu=v1 -filetype=obj \$(obj)/kcap_legacy.opt.bc -o \$@
EOF
	make -s -C "$kdir" M="$work" >"$work/make.log" 2>&1 ||
		{ cat "$work/make.log" >&2; die "building against $kdir failed (log above)"; }
	cp "$work/kcap_legacy.bpf.o" "$obj"
else
	"$BPFTOOL" btf dump file "$btf" format c >"$work/vmlinux.h" ||
		die "bpftool could not dump $btf"
	uring=$(sh "$shared/io_uring_tp.sh" "$work/vmlinux.h")
	# shellcheck disable=SC2086 # $warn and $uring are lists of flags
	$CLANG -g -O2 -target bpf -mcpu=v1 -D__TARGET_ARCH_x86 $warn $uring \
		"-DKCAP_LEGACY_RELEASE=\"$release\"" \
		-I"$work" -I"$shared" -I"$here" -c "$here/kcap_legacy.bpf.c" -o "$obj" ||
		die "compiling against the BTF of $btf failed"
fi
echo "$obj"
