"""The bubblewrap command line that confines a kernel template and every kernel forked from it.

Inside: a read-only root holding only the system libraries, the Python installation and the
checker package; the course data read-only; one writable scratch folder (the jail) at the same
path as outside; private /tmp, /dev and /proc (/tmp and /dev/shm capped at 256 MB); no network;
new user, PID, IPC and UTS namespaces; no capabilities. The course root, the gradebook, source/,
submitted/ and autograded/ do not exist in there.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import autograder

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
# RAM-backed scratch space is not resident memory of any process, so the watchdog cannot see it:
# it gets a hard size instead.
TMPFS_BYTES = 256 * 1024 * 1024


def available() -> bool:
    """Whether bubblewrap is installed."""
    return shutil.which("bwrap") is not None


def code_roots() -> list[Path]:
    """Read-only folders the kernels need: the Python installation and the checker package."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.exec_prefix).resolve()}
    roots.add(Path(autograder.__file__).resolve().parent)
    return sorted(roots)


def command(
    jail: Path,
    data: Path | None,
    env: Mapping[str, str],
    argv: Iterable[str],
    read_only: Iterable[Path] = (),
) -> list[str]:
    """The bwrap invocation running ``argv`` confined as described in the module docstring."""
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
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
        args += ["--ro-bind", str(root), str(root)]
    if data is not None:
        args += ["--ro-bind", str(data), str(data)]
    args += ["--bind", str(jail), str(jail), "--chdir", str(jail), "--remount-ro", "/"]
    args += ["--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    return [*args, "--", *argv]
