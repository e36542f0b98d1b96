#!/bin/sh
# Robustness tests of the kcap kernel module, run INSIDE a test VM (busybox sh,
# root, in /payload) by tests/vm/run-backends.sh. Needs in the current directory:
# kcap.ko, kcap (static CLI), kmod_storm, kmod_ioctl_test, kmod_badptr.
#
# Each test prints "KCAP_RESULT robustness/<name> PASS|FAIL"; after each one the
# kernel log must have no warning, oops or BUG (checked here, per test, and by
# the harness for the whole run). Exit status: the number of failed tests.
#
#   loadloop   insmod, capture, rmmod in a loop while a syscall storm runs on all
#              CPUs; rmmod must fail (EBUSY) while the reader is open and succeed
#              right after it exits, with events still flowing
#   invalid    ioctls and mmaps with invalid arguments (kmod_ioctl_test invalid)
#   stall      a reader that stops reading: rings fill, drops counted, rings sane
#   badtail    a reader that writes garbage tails into its control pages
#   lockorder  ring mmaps in one thread, ioctls whose argument faults in another
#   badptr     syscalls with NULL / unmapped / kernel pointers under capture, of
#              that command and of the whole system
#   hotplug    CPU 1 goes offline and online during a capture
set -u
PATTERN='WARNING|BUG|Oops|Call Trace|general protection|KASAN|UBSAN|refcount|Kernel panic|soft lockup|hung_task|blocked for more than|rcu.*stall'
LOOPS=${KCAP_KMOD_LOOPS:-5}
failed=0

klog_clean() {
	if dmesg | grep -E "$PATTERN" >/dev/null; then
		echo "kernel log problem:"
		dmesg | grep -E -B 5 -A 20 "$PATTERN" | head -n 60
		return 1
	fi
	return 0
}

result() { # NAME STATUS
	if [ "$2" -eq 0 ] && klog_clean; then
		echo "KCAP_RESULT robustness/$1 PASS"
	else
		echo "KCAP_RESULT robustness/$1 FAIL"
		failed=$((failed + 1))
	fi
}

loaded() { grep -q '^kcap ' /proc/modules; }

unload() {
	loaded || return 0
	rmmod kcap
}

t_loadloop() {
	./kmod_storm 600 >/dev/null 2>&1 &
	storm=$!
	i=0
	while [ "$i" -lt "$LOOPS" ]; do
		i=$((i + 1))
		insmod ./kcap.ko || { echo "insmod failed (loop $i)"; kill "$storm"; return 1; }
		# alternate a system-wide capture (stopped by SIGINT) and a capture of
		# a command (a storm of its own, pid-filtered, ends with the command)
		if [ $((i % 2)) -eq 0 ]; then
			./kcap -b kmod -j --stats --buffer-size 64K -o /tmp/ll.out \
				-- ./kmod_storm 2 2>/tmp/ll.err &
		else
			./kcap -b kmod --stats -o /tmp/ll.out 2>/tmp/ll.err &
		fi
		kp=$!
		sleep 1
		if rmmod kcap 2>/dev/null; then
			echo "rmmod succeeded while a reader had /dev/kcap open (loop $i)"
			kill "$storm"
			return 1
		fi
		[ $((i % 2)) -eq 0 ] || kill -INT "$kp"
		wait "$kp"
		st=$?
		if [ "$st" -ne 0 ]; then
			echo "kcap exited with $st (loop $i):"
			cat /tmp/ll.err
			kill "$storm"
			return 1
		fi
		grep -q . /tmp/ll.out || { echo "no events captured (loop $i)"; kill "$storm"; return 1; }
		echo "loop $i: $(wc -l </tmp/ll.out) events; $(tail -n 1 /tmp/ll.err)"
		# the storm still runs: unload with events flowing
		rmmod kcap || { echo "rmmod failed after the reader exited (loop $i)"; kill "$storm"; return 1; }
	done
	kill "$storm"
	wait "$storm" 2>/dev/null
	return 0
}

t_ioctl() { # MODE
	insmod ./kcap.ko || return 1
	./kmod_ioctl_test "$1" ./kmod_storm
	st=$?
	unload || st=1
	return "$st"
}

t_badptr() {
	insmod ./kcap.ko || return 1
	./kcap -b kmod -j --stats -o /tmp/bp.out -- ./kmod_badptr 3 2>/tmp/bp.err
	st=$?
	cat /tmp/bp.err
	if [ "$st" -ne 0 ]; then
		echo "kcap -- kmod_badptr exited with $st"
		unload
		return 1
	fi
	n=$(grep -c '"event":"openat"' /tmp/bp.out)
	nf=$(grep -c 'null' /tmp/bp.out)
	echo "captured $(wc -l </tmp/bp.out) events, $n openat, $nf with faulted parameters"
	[ "$n" -gt 0 ] && [ "$nf" -gt 0 ] || { unload; return 1; }
	# the whole system, with a snaplen at the maximum
	./kcap -b kmod --quiet --stats -s 65000 2>/tmp/bp2.err &
	kp=$!
	sleep 1
	./kmod_badptr 3 >/dev/null
	kill -INT "$kp"
	wait "$kp"
	st=$?
	cat /tmp/bp2.err
	unload || st=1
	return "$st"
}

t_hotplug() {
	cpu1=/sys/devices/system/cpu/cpu1/online
	if [ ! -w "$cpu1" ]; then
		echo "CPU 1 cannot be taken offline here: not tested"
		return 0
	fi
	insmod ./kcap.ko || return 1
	./kcap -b kmod --quiet --stats -e openat,read,close,getppid,procexit 2>/tmp/hp.err &
	kp=$!
	./kmod_storm 6 >/dev/null &
	sp=$!
	sleep 1
	echo 0 >"$cpu1" || echo "offlining CPU 1 failed"
	sleep 2
	echo 1 >"$cpu1" || echo "onlining CPU 1 failed"
	wait "$sp"
	kill -INT "$kp"
	wait "$kp"
	st=$?
	cat /tmp/hp.err
	grep -q '^1$' "$cpu1" || { echo "CPU 1 did not come back"; st=1; }
	unload || st=1
	return "$st"
}

for t in loadloop invalid stall badtail lockorder badptr hotplug; do
	echo "=== robustness/$t"
	case "$t" in
	loadloop) t_loadloop ;;
	invalid | stall | badtail | lockorder) t_ioctl "$t" ;;
	badptr) t_badptr ;;
	hotplug) t_hotplug ;;
	esac
	result "$t" $?
	unload 2>/dev/null
done
exit "$failed"
