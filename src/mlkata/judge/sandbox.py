"""OS-level containment for one submission child: rlimits, privilege drop, seccomp.

Everything here runs inside the freshly forked child, before any user code.
Layers, from the always-available to the best-effort:
  1. rlimits on address space, CPU time, file size and (for non-root) processes;
  2. a root worker's child becomes uid nobody (keeping only the power to read, where the
     interpreter lives in a folder nobody may enter; Landlock then decides what it reads);
  3. Python-level guards so that starting a process fails with a clear message;
  4. a seccomp filter (libseccomp through pyseccomp) that denies exec, fork,
     non-unix sockets, signals to other processes, ptrace and opening files by handle
     at the kernel, whatever the Python code does.
The worker around the child may itself run inside bubblewrap (see bwrap.py); without it,
the child confines its file system with Landlock where the kernel has it (landlock.py).
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import stat
import sys
import tempfile

NOBODY = 65534
CAP_DAC_READ_SEARCH = 2
PR_SET_KEEPCAPS = 8
CAPABILITY_VERSION_3 = 0x20080522


class SandboxViolation(PermissionError):
    """Raised when a submission tries something submissions may not do."""


def vm_size_bytes() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def apply_rlimits(memory_bytes: int, cpu_seconds: int, max_file_bytes: int = 64 << 20) -> None:
    """Cap memory beyond what is already mapped, CPU time, files, and processes."""
    limit = vm_size_bytes() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if os.getuid() != 0:  # the kernel ignores RLIMIT_NPROC for root
        nproc = resource.getrlimit(resource.RLIMIT_NPROC)[1]
        cap = 64 if nproc == resource.RLIM_INFINITY else min(nproc, 64)
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (cap, cap))
        except (ValueError, OSError):
            pass


def _readable_by_anyone(path: str) -> bool:
    """Whether `path` and every folder above it let any user in (o+x, and o+r for itself)."""
    try:
        real = os.path.realpath(path)
        if not os.path.exists(real):
            return True  # nothing to import from there anyway
        node = real
        while True:
            mode = os.stat(node).st_mode
            if (stat.S_ISDIR(mode) and not mode & stat.S_IXOTH) or (node == real and not mode & stat.S_IROTH):
                return False
            parent = os.path.dirname(node)
            if parent == node:
                return True
            node = parent
    except OSError:
        return False


def needs_read_power() -> bool:
    """Whether uid nobody could not import from the interpreter's own paths (a Python
    installed under a 0700 home, say). Asked once in the worker, before any child moves."""
    cwd = os.getcwd()
    return not all(_readable_by_anyone(p) for p in sys.path if p and p != cwd)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _keep_only_capability(cap: int) -> None:
    """Leave exactly one capability, effective and permitted (it must be permitted already)."""
    libc = ctypes.CDLL(None, use_errno=True)
    data = (_CapData * 2)()
    data[cap // 32].effective = data[cap // 32].permitted = 1 << (cap % 32)
    if libc.capset(ctypes.byref(_CapHeader(CAPABILITY_VERSION_3, 0)), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def drop_root(keep_read: bool = False) -> bool:
    """Outside bubblewrap a root worker's child becomes nobody: no root powers, and
    RLIMIT_NPROC applies again. Returns whether it dropped. With `keep_read` (nobody could
    not import from the interpreter's paths) it keeps CAP_DAC_READ_SEARCH alone: it may read
    files its uid may not, and write none; Landlock, where present, limits what it reads."""
    if os.geteuid() != 0:
        return False
    if keep_read and not sys.platform.startswith("linux"):
        return False  # no capability to keep elsewhere: as nobody, every import would fail
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        if keep_read and libc.prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_SET_KEEPCAPS")
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    except OSError:
        return os.getuid() == NOBODY
    if keep_read:
        try:
            _keep_only_capability(CAP_DAC_READ_SEARCH)
        except OSError:
            pass  # nobody without it: imports outside the readable paths fail, nothing more
        libc.prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0)
    return True


def enter_scratch(path: str) -> None:
    """Make `path` (the check's private scratch folder) the working and temporary folder,
    owned by the uid the child is about to become."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    os.chdir(path)
    os.environ["TMPDIR"] = path
    tempfile.tempdir = path


def _refuse(what: str):
    def refused(*args, **kwargs):
        raise SandboxViolation(f"{what} is not allowed in a submission: the checks run it in a sandbox")

    return refused


def guard_processes() -> None:
    """Make every way of starting a process raise SandboxViolation with a clear name."""
    import subprocess

    for name in ("fork", "forkpty", "system", "posix_spawn", "posix_spawnp", "popen",
                 "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
                 "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe"):
        if hasattr(os, name):
            setattr(os, name, _refuse(f"starting a process (os.{name})"))
    subprocess.Popen._execute_child = _refuse("starting a process (subprocess)")
    me = os.getpid()
    real_kill, real_killpg = os.kill, os.killpg

    def kill(pid, sig):
        if pid != me:
            raise SandboxViolation("sending a signal to another process (os.kill) is not allowed in a submission")
        return real_kill(pid, sig)

    def killpg(pgid, sig):
        if pgid != me:  # the child leads its own process group
            raise SandboxViolation("sending a signal to another process group (os.killpg) is not allowed "
                                   "in a submission")
        return real_killpg(pgid, sig)

    os.kill, os.killpg = kill, killpg


def guard_network() -> None:
    """Make opening a network socket raise SandboxViolation with a clear name (unix
    sockets stay allowed: some libraries use socketpair internally)."""
    import socket

    base = socket.socket
    if getattr(base, "_mlkata_guarded", False):
        return

    class GuardedSocket(base):
        _mlkata_guarded = True

        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family != socket.AF_UNIX:  # -1 means the default, AF_INET
                raise SandboxViolation("opening a network connection (socket) is not allowed in a submission: "
                                       "the checks run without network")
            super().__init__(family, type, proto, fileno)

    GuardedSocket.__name__ = GuardedSocket.__qualname__ = "socket"
    socket.socket = GuardedSocket


def install_seccomp() -> bool:
    """Deny exec, fork/vfork, process clones, non-unix sockets, signals to any other
    process (the worker above all), ptrace and opening files by handle at the kernel.

    Threads stay allowed (clone with CLONE_THREAD): a correct answer may run a
    deep recursion in a thread with a large stack. clone3 reports ENOSYS so libc
    falls back to clone, whose flags the filter can inspect."""
    try:
        import pyseccomp as sc
    except Exception:
        return False
    try:
        f = sc.SyscallFilter(defaction=sc.ALLOW)
        deny = sc.ERRNO(errno.EPERM)
        for name in ("execve", "execveat", "fork", "vfork"):
            f.add_rule(deny, name)
        clone_thread = 0x00010000
        f.add_rule(deny, "clone", sc.Arg(0, sc.MASKED_EQ, clone_thread, 0))
        f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
        af_unix = 1
        f.add_rule(deny, "socket", sc.Arg(0, sc.NE, af_unix))
        f.add_rule(deny, "socketpair", sc.Arg(0, sc.NE, af_unix))
        # signals only to itself: the exact 64-bit value of our pid, so no truncation trick gets by
        me = os.getpid()
        for name in ("kill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo"):
            f.add_rule(deny, name, sc.Arg(0, sc.GT, me))
            f.add_rule(deny, name, sc.Arg(0, sc.LT, me))
        # open_by_handle_at: with CAP_DAC_READ_SEARCH it would open any inode, around Landlock's paths
        for name in ("tkill", "pidfd_open", "pidfd_send_signal", "pidfd_getfd", "ptrace",
                     "process_vm_readv", "process_vm_writev", "open_by_handle_at"):
            f.add_rule(deny, name)
        f.load()
    except Exception:
        return False
    return True


def seccomp_available() -> bool:
    try:
        import pyseccomp as sc

        sc.SyscallFilter(defaction=sc.ALLOW)
    except Exception:
        return False
    return True
