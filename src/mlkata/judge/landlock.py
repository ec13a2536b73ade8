"""Landlock: the kernel's file-system allow-list for unprivileged processes (Linux 5.13+),
through raw syscalls (no library needed).

In plain mode (no bubblewrap) each child confines itself before the submission runs. It may
read and execute the system and the interpreter's paths, read /proc, /sys and /dev, write
/dev/null, and write nothing but its own scratch folder. Whatever is not on the list (the bank,
the progress store, the cache, the workspace, /tmp, other processes' /proc entries) cannot be
opened at all, whatever the uid. A path on the list that holds a hidden one (the package folder holds the bank) is
granted piece by piece around it. ABI 4+ also denies TCP; ABI 6+ keeps signals and abstract
unix sockets inside the sandbox.
"""

from __future__ import annotations

import ctypes
import os
import platform
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

# syscall numbers: the same on x86_64 and aarch64
CREATE_RULESET, ADD_RULE, RESTRICT_SELF = 444, 445, 446
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
PR_SET_NO_NEW_PRIVS = 38

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6

FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE  # what a rule on a non-folder may grant
READ = EXECUTE | READ_FILE | READ_DIR
WRITE = (READ_FILE | READ_DIR | WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_DIR | MAKE_REG | MAKE_SYM
         | MAKE_FIFO | MAKE_SOCK | REFER | TRUNCATE)
# IOCTL_DEV (ABI 5) is left unhandled: the child opens no device it could misuse, and ioctl on
# what it may open (/dev/null, pipes) stays as it was.

SYSTEM = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc")
# read only. Of /proc, the child's own folder (/proc/self is opened in the child) and a few
# machine-wide files: no other process's files, environment or open-file links.
PSEUDO = ("/sys", "/dev", "/proc/self", "/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/proc/loadavg",
          "/proc/sys")


@dataclass(frozen=True)
class Rule:
    path: str
    access: int


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc


@cache
def abi() -> int:
    """The kernel's Landlock ABI version; 0 where it has none (or is not Linux x86_64/aarch64)."""
    if not sys.platform.startswith("linux") or platform.machine() not in ("x86_64", "aarch64"):
        return 0
    try:
        version = _libc().syscall(CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def handled_fs(version: int) -> int:
    rights = READ | WRITE | EXECUTE | MAKE_CHAR | MAKE_BLOCK
    if version < 2:
        rights &= ~REFER
    if version < 3:
        rights &= ~TRUNCATE
    return rights


# -- the plan, computed once in the worker ----------------------------------------

def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _carve(root: str, hidden: list[str], access: int) -> Iterator[Rule]:
    """Rules granting `access` to `root` except what lies in `hidden`."""
    inside = [h for h in hidden if _within(h, root)]
    if not inside:
        yield Rule(root, access)
        return
    if root in inside:
        return
    yield Rule(root, READ_DIR)  # its names stay listable; nothing below it is readable by this rule
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        yield from _carve(os.path.realpath(entry.path), hidden, access)


def _interpreter_paths() -> list[str]:
    cwd = os.getcwd()
    found = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             os.path.dirname(os.path.realpath(sys.executable))]
    found += [p for p in sys.path if p and os.path.abspath(p) != cwd]
    import mlkata

    found += [os.path.dirname(p) for p in mlkata.__path__]  # the folder mlkata is imported from
    return found


def plan(hide: Iterable[str]) -> list[Rule]:
    """What a child may read: system and interpreter paths, less every `hide` path under them."""
    hidden = sorted({os.path.realpath(h) for h in hide})
    roots: dict[str, int] = {}
    for path in [*SYSTEM, *_interpreter_paths()]:
        real = os.path.realpath(path)
        if os.path.exists(real):
            roots[real] = READ
    for path in PSEUDO:
        if os.path.exists(path):
            roots.setdefault(path, READ_FILE | READ_DIR)
    # a root inside another root with the same rights adds nothing
    kept = [r for r in sorted(roots) if not any(o != r and _within(r, o) and roots[o] & roots[r] == roots[r]
                                                for o in roots)]
    # hiding a folder that holds Python itself (a cwd inside the venv, say) would leave nothing to run
    hidden = [h for h in hidden if not any(_within(r, h) for r in kept)]
    rules = [rule for root in kept for rule in _carve(root, hidden, roots[root])]
    if os.path.exists(os.devnull):
        rules.append(Rule(os.devnull, READ_FILE | WRITE_FILE | TRUNCATE))
    return rules


# -- the restriction, in the child ---------------------------------------------------

def _check(result: int, what: str) -> int:
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"landlock {what}: {os.strerror(err)}")
    return result


def restrict(rules: list[Rule], scratch: str | None) -> int:
    """Confine this process (and its future threads) to `rules` plus read-write `scratch`.
    Raises OSError if it cannot; returns the ABI version used."""
    version = abi()
    if version < 1:
        raise OSError(0, "Landlock is not available on this kernel")
    libc = _libc()
    fs = handled_fs(version)
    attr = _RulesetAttr(fs, NET_BIND_TCP | NET_CONNECT_TCP if version >= 4 else 0,
                        SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if version >= 6 else 0)
    size = 24 if version >= 6 else 16 if version >= 4 else 8
    ruleset = _check(libc.syscall(CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)),
                     "create_ruleset")
    try:
        wanted = list(rules) + ([Rule(scratch, WRITE)] if scratch else [])
        for rule in wanted:
            try:
                fd = os.open(rule.path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                if rule.path == scratch:
                    raise
                continue  # a system folder this machine lacks
            try:
                access = rule.access & fs
                if not stat.S_ISDIR(os.fstat(fd).st_mode):
                    access &= FILE_RIGHTS
                beneath = _PathBeneath(access, fd)
                _check(libc.syscall(ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(RULE_PATH_BENEATH),
                                    ctypes.byref(beneath), ctypes.c_uint32(0)), f"add_rule {rule.path}")
            finally:
                os.close(fd)
        _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
        _check(libc.syscall(RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)), "restrict_self")
    finally:
        os.close(ruleset)
    return version
