#!/bin/sh
# The real-capture tests of every backend, run INSIDE a test VM (busybox sh, root,
# in /payload) by tests/vm/run-backends.sh. Needs in the current directory:
# capture_test, workload, kcap (static), kcap.ko, and kcap_legacy.bpf.o for the
# legacy backend.
#
# For each backend of $KCAP_VM_BACKENDS (default "modern kmod legacy"; modern
# runs first, it is the reference of the equivalence check):
#   capture_test --backend B --workload ./workload --dump events_B.txt
#                [--compare events_modern.txt]    (same decoded events as modern)
#   kcap -b B -j -- cat /proc/version              (the CLI end to end)
#   kcap -b B -j -w c.kcap -z -- ...; kcap -r c.kcap -j  (a capture file replays
#                                                    to the live JSON)
# and prints "KCAP_RESULT B PASS|FAIL|SKIP". CI=true turns a skip into a failure.
# With kmod among the backends, also "KCAP_RESULT auto ...": auto picks kmod and
# falls back to modern when kmod fails to load (KCAP_TEST_FAIL_BACKEND). With
# modern, "KCAP_RESULT verifier-reason ...": kcap probe quotes the verifier's
# reason for a rejected program (KCAP_TEST_VERIFIER_REJECT). With kmod or
# modern, "KCAP_RESULT pidns ...": in a pid namespace of its own, each of them
# follows -p by the namespace's number and shows a process older than the
# capture with its ids there.
# Exit status: the number of backends that failed.
set -u
backends=${KCAP_VM_BACKENDS:-"modern kmod legacy"}
ci=${CI:-false}
failed=0
[ -f kcap_legacy.bpf.o ] && export KCAP_LEGACY_OBJ=/payload/kcap_legacy.bpf.o

case " $backends " in
*" kmod "*) insmod ./kcap.ko || echo "insmod kcap.ko failed: the kmod backend cannot run" ;;
esac

cli_smoke() { # BACKEND
	out=/tmp/cli_$1.json
	if ! timeout 120 ./kcap -b "$1" -j -o "$out" -- cat /proc/version >/dev/null 2>/tmp/cli_$1.err; then
		echo "kcap -b $1 -- cat /proc/version failed:"
		cat /tmp/cli_$1.err
		return 1
	fi
	for want in '"event":"execve"' '"event":"openat"' '"name":"/proc/version"' '"event":"read"'; do
		if ! grep -F "$want" "$out" >/dev/null; then
			echo "kcap -b $1 -j -- cat /proc/version: no $want in the output:"
			head -n 20 "$out"
			return 1
		fi
	done
	echo "kcap -b $1 -j -- cat /proc/version: $(wc -l <"$out") events"
	return 0
}

# A capture file, recorded while printing, replays to exactly the printed JSON.
file_round_trip() { # BACKEND
	live=/tmp/file_$1.json replay=/tmp/file_$1.replay.json file=/tmp/file_$1.kcap
	if ! timeout 120 ./kcap -b "$1" -j -o "$live" -w "$file" -z -- \
		sh -c 'cat /proc/version; ls /' >/dev/null 2>/tmp/file_$1.err ||
		! timeout 120 ./kcap -r "$file" -j -o "$replay" 2>>/tmp/file_$1.err; then
		echo "kcap -b $1 -w / kcap -r failed:"
		cat /tmp/file_$1.err
		return 1
	fi
	if ! cmp -s "$live" "$replay"; then
		echo "kcap -r of the $1 capture file differs from the live capture:"
		diff "$live" "$replay" | head -n 10
		return 1
	fi
	echo "kcap -b $1 -w: the replay of $(wc -l <"$live") events is the live JSON"
	return 0
}

for b in $backends; do
	echo "=== backend $b"
	cmp=""
	if [ "$b" != modern ] && [ -s /tmp/events_modern.txt ]; then
		cmp="--compare /tmp/events_modern.txt"
	fi
	# shellcheck disable=SC2086 # $cmp is empty or two words
	timeout 300 ./capture_test --backend "$b" --workload ./workload --dir /tmp \
		--dump "/tmp/events_$b.txt" $cmp
	st=$?
	if [ "$st" -eq 0 ]; then
		cli_smoke "$b" || st=1
	fi
	if [ "$st" -eq 0 ]; then
		file_round_trip "$b" || st=1
	fi
	if [ "$st" -eq 0 ]; then
		echo "KCAP_RESULT $b PASS"
	elif [ "$st" -eq 77 ] && [ "$ci" != true ]; then
		echo "KCAP_RESULT $b SKIP"
	else
		echo "KCAP_RESULT $b FAIL"
		failed=$((failed + 1))
	fi
	[ "$b" = modern ] && [ "$st" -ne 0 ] && rm -f /tmp/events_modern.txt
done

# A verifier rejection shows its reason in kcap probe (the test hook makes the
# modern backend load a program every verifier rejects).
reason_check() {
	KCAP_TEST_VERIFIER_REJECT=modern ./kcap probe >/tmp/probe_reject.txt 2>&1
	if grep -E '^  modern +no .*the verifier rejected program kcap_test_rejected: [0-9]+: \(71\) .*: invalid access to map value' \
		/tmp/probe_reject.txt >/dev/null; then
		grep '^  modern' /tmp/probe_reject.txt
		return 0
	fi
	echo "kcap probe does not show the verifier's reason:"
	cat /tmp/probe_reject.txt
	return 1
}
case " $backends " in
*" modern "*)
	if reason_check; then
		echo "KCAP_RESULT verifier-reason PASS"
	else
		echo "KCAP_RESULT verifier-reason FAIL"
		failed=$((failed + 1))
	fi
	;;
esac

# auto follows the measured order (kmod first when the module is loaded) and
# falls back to the next backend when the first fails to load.
auto_check() {
	# A command to capture: an idle VM might not make 20 syscalls for a while.
	timeout 120 ./kcap -v -j -n 20 -o /tmp/auto.json -- cat /proc/version 2>/tmp/auto.err >/dev/null ||
		{ cat /tmp/auto.err; return 1; }
	grep -q "capturing with the kmod backend" /tmp/auto.err ||
		{ echo "auto did not choose kmod:"; cat /tmp/auto.err; return 1; }
	KCAP_TEST_FAIL_BACKEND=kmod timeout 120 ./kcap -v -j -n 20 -o /tmp/auto_fb.json -- cat /proc/version \
		2>/tmp/auto_fb.err >/dev/null || { cat /tmp/auto_fb.err; return 1; }
	grep -q "capturing with the modern backend" /tmp/auto_fb.err &&
		grep -q "passed over kmod: program load rejected (simulated" /tmp/auto_fb.err ||
		{ echo "no fallback from kmod to modern:"; cat /tmp/auto_fb.err; return 1; }
	[ "$(grep -c '^{' /tmp/auto_fb.json)" = 20 ] || { echo "fallback capture printed no events"; return 1; }
	echo "auto: kmod chosen; with kmod failing, modern chosen and the reason reported"
}
case " $backends " in
*" kmod "*)
	if grep -q '^kcap ' /proc/modules && auto_check; then
		echo "KCAP_RESULT auto PASS"
	else
		echo "KCAP_RESULT auto FAIL"
		failed=$((failed + 1))
	fi
	;;
esac

# kcap in a pid namespace of its own: -p takes the namespace's numbers, and a
# process older than the capture shows its ids there (the backend lists the
# namespace's threads: modern's task iterator, the module's NS_THREADS).
pidns_check() { # BACKEND
	# the older process opens its file once kcap says it captures (loading may take
	# seconds); it waits on a fifo, creating no process whose creation event would
	# tell its ids too
	rm -f /tmp/pidns_go /tmp/pidns_$1.err
	mkfifo /tmp/pidns_go
	unshare -p -f --mount-proc sh -c "
		(read -r _ </tmp/pidns_go; exec cat /proc/version >/dev/null) &
		echo \$! >/tmp/pidns_older
		timeout 120 ./kcap -b $1 -j -e openat -p \$! -d 5 >/tmp/pidns_$1.json 2>/tmp/pidns_$1.err &
		for i in \$(seq 600); do grep -q 'capturing with' /tmp/pidns_$1.err && break; sleep 0.1; done
		echo >/tmp/pidns_go
		wait" || { cat /tmp/pidns_$1.err; echo "$1: capture in a pid namespace failed"; return 1; }
	older=$(cat /tmp/pidns_older)
	line=$(grep '"name":"/proc/version"' /tmp/pidns_$1.json | grep '"dir":"exit"' | head -n 1)
	case "$line" in
	*"\"ns_pid\":$older,\"ns_tid\":$older,"*)
		echo "$1 in a pid namespace: -p $older captured it, with its ids there"
		return 0 ;;
	esac
	echo "$1 in a pid namespace: no openat of pid $older there with its ids:"
	head -n 5 /tmp/pidns_$1.json
	cat /tmp/pidns_$1.err
	return 1
}
pidns_failed=0
pidns_ran=0
for b in $backends; do
	case "$b" in
	kmod | modern)
		pidns_ran=1
		pidns_check "$b" || pidns_failed=1 ;;
	esac
done
if [ "$pidns_ran" = 1 ]; then
	if [ "$pidns_failed" = 0 ]; then
		echo "KCAP_RESULT pidns PASS"
	else
		echo "KCAP_RESULT pidns FAIL"
		failed=$((failed + 1))
	fi
fi

if grep -q '^kcap ' /proc/modules && ! rmmod kcap; then
	echo "rmmod kcap failed after the tests"
	failed=$((failed + 1))
fi
exit "$failed"
