#!/usr/bin/env python3
"""The workload of scap_test.sh's dedicated events: file system names, modes,
descriptors, vectored and in-kernel copies, a unix socket pair, poll, mmap,
rlimits, signals and ids, run in the directory DIR.

Usage: scap_ops.py DIR
"""
import fcntl
import mmap
import os
import resource
import select
import socket
import sys
import termios

os.chdir(sys.argv[1])
dfd = os.open(".", os.O_RDONLY | os.O_DIRECTORY)
with open("a", "w") as f:
    f.write("hello\n")
os.rename("a", "b")
os.rename("b", "c", src_dir_fd=dfd, dst_dir_fd=dfd)
os.mkdir("sub", 0o750)
os.rmdir("sub")
try:
    os.rmdir("c")  # ENOTDIR
except OSError:
    pass
os.symlink("c", "sl")
os.symlink("c", "sl2", dir_fd=dfd)
os.link("c", "hl")
os.link("c", "hl2", src_dir_fd=dfd, dst_dir_fd=dfd)
os.chmod("c", 0o640)
fd = os.open("c", os.O_RDWR)
os.fchmod(fd, 0o600)
fcntl.fcntl(fd, fcntl.F_GETFL)
fcntl.fcntl(fd, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
fd2 = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
os.lseek(fd, 2, os.SEEK_SET)
os.lseek(fd, 0, os.SEEK_END)
fcntl.flock(fd, fcntl.LOCK_EX)
fcntl.flock(fd, fcntl.LOCK_UN)
os.writev(fd, [b"ab", b"cd"])
os.lseek(fd, 0, os.SEEK_SET)
os.readv(fd, [bytearray(3)])
out = os.open("copy", os.O_WRONLY | os.O_CREAT, 0o644)
os.sendfile(out, fd, 0, 4)
os.copy_file_range(fd, out, 2, 0, 0)
r, w = os.pipe()
os.write(w, b"xy")
fcntl.ioctl(r, termios.FIONREAD, bytearray(4))
os.splice(r, out, 2)
os.dup2(fd, 20)
os.close(fd2)
a, b = socket.socketpair()
a.sendmsg([b"ping"])
b.recvmsg(16)
a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
a.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
a.shutdown(socket.SHUT_WR)
p = select.poll()
p.register(b, select.POLLIN)
p.poll(0)
m = mmap.mmap(-1, 4096)
m.close()
resource.getrlimit(resource.RLIMIT_NOFILE)
os.kill(os.getpid(), 0)
os.setuid(os.getuid())
os.setgid(os.getgid())
os.setresuid(-1, -1, -1)
os.setresgid(-1, -1, -1)
os.getresuid()
os.eventfd(3, os.EFD_CLOEXEC)
os.unlink("sl")
os.unlink("sl2", dir_fd=dfd)
os.unlink("hl")
os.unlink("hl2")
os.fchdir(dfd)
os.chdir("/")
os.getcwd()
