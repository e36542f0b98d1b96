#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing kcap need.
# The VM tests fetch their kernels and QEMU through tests/vm/setup.sh.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: run as root (apt-get install)" >&2
	exit 1
fi
packages=(
	build-essential cmake pkg-config git python3  # build, test scripts
	clang llvm bpftool libbpf-dev libelf-dev zlib1g-dev libzstd-dev  # BPF probes, libbpf
	libcmocka-dev                                # unit tests
	strace                                       # the strace cross-check
	sysdig                                       # reads the .scap export
	podman runc busybox-static                   # a real container runtime test
	clang-format clang-tidy cppcheck shellcheck  # lint
	man-db                                       # the man pages test
	debhelper dh-dkms dpkg-dev lintian debootstrap  # the Debian packages and their test
	linux-headers-cloud-amd64                    # the packaged legacy probe is built for it
)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "install-deps: all build and test packages present"
