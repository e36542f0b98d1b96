#!/usr/bin/env bash
# Static checks of all C: formatting (.clang-format, kernel style), cppcheck and
# clang-tidy (.clang-tidy) on the userspace code; shellcheck on the scripts. Usage: scripts/lint.sh BUILD_DIR
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build=${1:-build}
fail=0

mapfile -t c_files < <(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build*')
if ! clang-format --dry-run --Werror "${c_files[@]}"; then
	echo "lint: formatting differs from .clang-format (run: clang-format -i <files>)"
	fail=1
fi

# Userspace C only: BPF programs (*.bpf.c) are checked by clang -Wall -Werror.
mapfile -t userspace < <(git ls-files 'engine/*.c' 'cli/*.c' 'shared/*.c' 'tests/unit/*.c' \
	'tests/capture/*.c' 'tests/kmod/*.c' 'tests/lib/*.c' 'examples/*.c' | grep -v '\.bpf\.c$')
if ! cppcheck --quiet --enable=warning,performance,portability --inline-suppr \
	--error-exitcode=1 --std=c11 -I shared -I engine -I engine/include -I cli -I kmod \
	-D__x86_64__ -DLIBBPF_OPTS\(...\)= "${userspace[@]}"; then
	echo "lint: cppcheck found problems"
	fail=1
fi

# The generated skeleton is not ours: ignore what the analyzer says inside it.
if [ -f "$build/compile_commands.json" ]; then
	mapfile -t library < <(git ls-files 'engine/*.c' 'cli/*.c' 'shared/*.c' | grep -v '\.bpf\.c$')
	out=$(clang-tidy -p "$build" --quiet "${library[@]}" 2>&1 |
		grep -E '(warning|error):' | grep -v '\.skel\.h:')
	if [ -n "$out" ]; then
		echo "$out"
		echo "lint: clang-tidy found problems"
		fail=1
	fi
else
	echo "lint: $build/compile_commands.json missing: configure first"
	fail=1
fi
# Shell scripts: shellcheck's warnings and errors.
mapfile -t scripts < <(git ls-files '*.sh' .ci/run)
if ! shellcheck -S warning "${scripts[@]}"; then
	echo "lint: shellcheck found problems"
	fail=1
fi
[ $fail = 0 ] && echo "lint: clean"
exit $fail
