"""The bubblewrap command line that confines a kernel template and every kernel forked from it.

Inside: a read-only root holding only the system libraries, the Python installation and the
course's package as a student runtime (`autograder.student_runtime`: no model solution, no
reference, so a kernel cannot judge itself); the course data read-only; one writable scratch
folder (the jail) at the same path as outside; private /tmp, /dev and /proc (/tmp and /dev/shm
capped at 256 MB); no network; new user, PID, IPC and UTS namespaces; no capabilities. The course
root, the gradebook, source/, submitted/ and autograded/ do not exist in there.

The sandbox's user (uid 1000 inside) is the grader's own user on the host, except when the grader
runs as root: bwrap would make it root on the host, which Linux exempts from ``RLIMIT_NPROC`` (the
sandbox's process limit). Then the sandbox gets a user namespace prepared by `root_user_namespace`,
in which it is ``nobody`` on the host, and the grader hands it the jail (`HOST_UID`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from autograder import student_runtime

SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# Enough of /etc for the dynamic linker, time zones and fonts; nothing with secrets in it.
ETC_ENTRIES = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "timezone",
    "fonts",
    "nsswitch.conf",
    "mime.types",
)
SANDBOX_UID = 1000
HOST_UID = 65534  # nobody: the sandbox's user on the host when the grader is root
SETUP_UID = 500  # host root seen from inside that namespace, so bwrap can mount root's folders
# RAM-backed scratch space is not resident memory of any process, so the watchdog cannot see it:
# it gets a hard size instead.
TMPFS_BYTES = 256 * 1024 * 1024


def executable() -> str | None:
    """bubblewrap's full path, found on this process's PATH: bwrap itself starts with an empty
    environment (its first process is visible inside the sandbox), so it cannot search one."""
    found = shutil.which("bwrap")
    return os.path.realpath(found) if found else None


def available() -> bool:
    """Whether bubblewrap is installed."""
    return executable() is not None


def code_roots() -> list[Path]:
    """Read-only folders the kernels run code from: the Python installation and the course's package
    (which `command` fills with the student runtime)."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.exec_prefix).resolve()}
    roots.add(student_runtime.PACKAGE)
    return sorted(roots)


def host_uid() -> int | None:
    """Who the sandbox's user is on the host, if not the grader's own user."""
    return HOST_UID if os.geteuid() == 0 else None


def root_user_namespace() -> int:
    """A file descriptor of a new user namespace mapping `SANDBOX_UID` to `HOST_UID` (root only).

    In it bwrap starts as root seen as `SETUP_UID` (with every capability of the namespace, so it
    can mount root's folders), then becomes `SANDBOX_UID` and drops all capabilities.
    """
    holder = subprocess.Popen(["unshare", "--user", "sleep", "60"])
    try:
        mine, deadline = os.readlink("/proc/self/ns/user"), time.monotonic() + 10
        while os.readlink(f"/proc/{holder.pid}/ns/user") == mine:
            if holder.poll() is not None or time.monotonic() > deadline:
                raise OSError("could not create a user namespace with unshare")
            time.sleep(0.001)
        for name in ("uid_map", "gid_map"):
            Path(f"/proc/{holder.pid}/{name}").write_text(f"{SETUP_UID} 0 1\n{SANDBOX_UID} {HOST_UID} 1\n")
        return os.open(f"/proc/{holder.pid}/ns/user", os.O_RDONLY)
    finally:
        holder.kill()
        holder.wait()


def command(
    jail: Path,
    data: Path | None,
    env: Mapping[str, str],
    argv: Iterable[str],
    read_only: Iterable[Path] = (),
    userns: int | None = None,
) -> list[str]:
    """The bwrap invocation running ``argv`` confined as described in the module docstring; in the
    user namespace ``userns`` (a file descriptor from `root_user_namespace`) if given."""
    binary = executable()
    if binary is None:
        raise FileNotFoundError("bubblewrap (bwrap) is not installed")
    if userns is None:
        args = [binary, "--unshare-all"]
    else:
        args = [binary, "--userns", str(userns), "--unshare-ipc", "--unshare-pid", "--unshare-net"]
        args += ["--unshare-uts", "--unshare-cgroup-try"]
    args += ["--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    args += ["--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID), "--hostname", "grading"]
    for folder in SYSTEM_DIRS:
        path = Path(folder)
        if path.is_symlink():
            args += ["--symlink", str(path.readlink()), folder]
        elif path.is_dir():
            args += ["--ro-bind", folder, folder]
    for entry in ETC_ENTRIES:
        path = Path("/etc") / entry
        if path.exists():
            args += ["--ro-bind", str(path), str(path)]
    # The private /dev and /tmp come before the binds: a course (and its .venv) may live under /tmp,
    # and a tmpfs mounted later would hide it.
    args += ["--proc", "/proc", "--dev", "/dev"]
    args += ["--size", str(TMPFS_BYTES), "--tmpfs", "/dev/shm", "--size", str(TMPFS_BYTES), "--tmpfs", "/tmp"]
    for root in [*code_roots(), *read_only]:
        if root == student_runtime.PACKAGE:  # the student runtime where the package is: no answer in it
            args += ["--ro-bind", str(student_runtime.cached(student_runtime.every_assignment())), str(root)]
        else:
            args += ["--ro-bind", str(root), str(root)]
    if data is not None:
        args += ["--ro-bind", str(data), str(data)]
    args += ["--bind", str(jail), str(jail), "--chdir", str(jail), "--remount-ro", "/"]
    args += ["--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    return [*args, "--", *argv]
