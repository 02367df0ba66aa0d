"""The kernel template: a process that imports the heavy modules once, then forks one fresh kernel
per notebook.

A fresh kernel spends seconds importing TensorFlow before it runs a single line of a submission.
The template pays that once; each kernel is a `fork` of it, so it starts with TensorFlow already
imported yet shares nothing with any other submission's kernel (a kernel is never reused). The
template runs inside the sandbox and speaks JSON lines on stdin/stdout with
`autograder.grading.sandbox.client.Sandbox`:

* ``{"op": "spawn", "argv": [...], "cwd": ..., "env": {...}, "log": ..., "guard": {...},
  "file_size_limit": bytes, "task_limit": n}`` forks a kernel; answers ``{"pid": ...}`` (or
  ``{"error": ...}`` if it cannot fork). The kernel and what it starts may not write a file larger
  than ``file_size_limit`` (``RLIMIT_FSIZE``) nor hold more than ``task_limit`` processes and
  threads with the sandbox's user (``RLIMIT_NPROC``); 0 means no limit.
* ``{"op": "reset"}`` kills every process the kernels left behind (the template is their
  subreaper, so none can escape by double-forking), empties the scratch folders and answers
  ``{"exits": {pid: status}, "left": [...]}`` with how each kernel ended and whatever could not be
  deleted (then the sandbox must not serve another submission).

Run as ``python -s -P -m autograder.grading.sandbox.zygote [--wipe FOLDER]... MODULE...`` with the
scratch folders to empty between submissions and the modules to preload. What a scratch folder
holds when the template starts (the folders bwrap made for its mounts) is kept, with its modes.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import resource
import signal
import stat
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

_libc = ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> None:
    _libc.prctl(option, value, 0, 0, 0)


def preload(modules: list[str]) -> None:
    """Import what every kernel needs, with the environment a fresh ipykernel would have."""
    # ipykernel sets this before user code imports matplotlib; the template imports it earlier.
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    for name in modules:
        importlib.import_module(name)


def _reap() -> dict[int, int]:
    """Collect every finished child: pid -> wait status."""
    exits: dict[int, int] = {}
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return exits
        if pid == 0:
            return exits
        exits[pid] = status


def _children() -> list[int]:
    me = os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == me:
                found.append(int(entry.name))
    return found


def kill_all_children(exits: dict[int, int]) -> None:
    """SIGKILL every child until none is left (orphans of orphans are re-parented to us)."""
    for _ in range(1000):
        exits.update(_reap())
        children = _children()
        if not children:
            return
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                _, status = os.waitpid(pid, 0)
                exits[pid] = status


WIPE_OPTION = "--wipe"
OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
OWNER_ONLY = 0o700


def empty_folder(folder: str | Path, keep: Mapping[str, int] | None = None) -> list[str]:
    """Delete everything in ``folder`` but ``keep`` (relative path -> mode to restore); the
    relative paths that are left.

    A submission's files all belong to the user deleting them, so every folder is first made the
    owner's to open and change (a folder of mode 0500 or 0000 is no shelter). Mounts inside are
    neither entered nor removed. It holds one open folder at a time and recurses by a list, so a
    tree of any depth is removed.
    """
    keep = keep or {}
    top = os.open(folder, OPEN_FOLDER)
    device, left = os.fstat(top).st_dev, []
    with contextlib.suppress(OSError):
        os.fchmod(top, OWNER_ONLY | os.fstat(top).st_mode & 0o7777)
    fd, names = top, []
    pending = [_clear_files(fd, names, keep, device, left)]
    while True:
        if pending[-1]:
            name = pending[-1].pop()
            try:
                child = os.open(name, OPEN_FOLDER, dir_fd=fd)
            except OSError:
                left.append("/".join([*names, name]))
                continue
            os.close(fd)
            fd = child
            names.append(name)
            pending.append(_clear_files(fd, names, keep, device, left))
            continue
        pending.pop()
        if not names:
            os.close(fd)
            return sorted(left)
        parent = os.open("..", OPEN_FOLDER, dir_fd=fd)
        os.close(fd)
        fd, name = parent, names.pop()
        relative = "/".join([*names, name])
        try:
            if relative in keep:
                os.chmod(name, keep[relative], dir_fd=fd)
            else:
                os.rmdir(name, dir_fd=fd)
        except OSError:
            left.append(relative)


def _clear_files(fd: int, names: list[str], keep: Mapping[str, int], device: int, left: list[str]) -> list[str]:
    """Unlink what the open folder ``fd`` holds except folders and kept entries; its folders,
    opened up for the owner."""
    folders = []
    for entry in os.scandir(fd):
        relative = "/".join([*names, entry.name])
        try:
            info = entry.stat(follow_symlinks=False)
            if info.st_dev != device:
                continue
            if stat.S_ISDIR(info.st_mode):
                os.chmod(entry.name, OWNER_ONLY, dir_fd=fd)
                folders.append(entry.name)
            elif relative not in keep:
                os.unlink(entry.name, dir_fd=fd)
        except OSError:
            left.append(relative)
    return folders


def skeleton(folder: str) -> dict[str, int]:
    """What ``folder`` holds now (relative path -> mode), on its own file system only."""
    root = Path(folder)
    if not root.is_dir():
        return {}
    device, found, queue = root.stat().st_dev, {}, [root]
    while queue:
        for entry in os.scandir(queue.pop()):
            info = entry.stat(follow_symlinks=False)
            if info.st_dev == device:
                found[str(Path(entry.path).relative_to(root))] = stat.S_IMODE(info.st_mode)
                if stat.S_ISDIR(info.st_mode):
                    queue.append(Path(entry.path))
    return found


def wipe(scratch: Mapping[str, dict[str, int]]) -> list[str]:
    """Empty each scratch folder down to its skeleton; the paths left over, or gone from the
    skeleton (a kernel that moved the folders holding the jail's mount would break the next)."""
    left = []
    for folder, keep in scratch.items():
        try:
            left += [f"{folder}/{name}" for name in empty_folder(folder, keep)]
        except OSError as error:
            left.append(f"{folder}: {error}")
        left += [f"{folder}/{name} (missing)" for name in keep if not os.path.lexists(os.path.join(folder, name))]
    return left


def _become_kernel(request: dict[str, Any]) -> None:
    """In the forked child: detach, set up the submission's environment, run ipykernel."""
    os.setsid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    _prctl(PR_SET_DUMPABLE, 1)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    null = os.open(os.devnull, os.O_RDWR)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.dup2(log, 2)
    os.close(null)
    os.close(log)
    if request.get("file_size_limit"):
        resource.setrlimit(resource.RLIMIT_FSIZE, (request["file_size_limit"],) * 2)
    if request.get("task_limit"):
        resource.setrlimit(resource.RLIMIT_NPROC, (request["task_limit"],) * 2)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    _fresh_random_state()
    from autograder.grading.sandbox import guard

    guard.install(request.get("guard", {}))
    from ipykernel import kernelapp

    sys.argv = [kernelapp.__file__, *request["argv"]]
    kernelapp.IPKernelApp.launch_instance(argv=request["argv"])


def _fresh_random_state() -> None:
    """A fork copies the template's random state; give the kernel its own, like a new process."""
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()


def spawn(request: dict[str, Any]) -> int:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            _become_kernel(request)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 70
        finally:
            os._exit(code)
    return pid


def serve(stdin: Any, stdout: Any, scratch: Mapping[str, dict[str, int]]) -> None:
    """Answer requests until stdin closes; ``scratch`` maps each folder to empty to its skeleton."""
    exits: dict[int, int] = {}
    for line in stdin:
        request = json.loads(line)
        exits.update(_reap())
        if request["op"] == "spawn":
            try:
                answer: dict[str, Any] = {"pid": spawn(request)}
            except OSError as error:  # e.g. EAGAIN: the sandbox is at its process limit
                answer = {"error": f"cannot start a kernel: {error}"}
        elif request["op"] == "reset":
            kill_all_children(exits)
            answer = {"exits": {str(pid): status for pid, status in exits.items()}, "left": wipe(scratch)}
            exits = {}
        elif request["op"] == "status":
            answer = {"exits": {str(pid): status for pid, status in exits.items()}}
        else:
            answer = {"error": f"unknown op {request['op']!r}"}
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()


def parse(argv: list[str]) -> tuple[list[str], list[str]]:
    """The scratch folders (``--wipe FOLDER``) and the modules to preload."""
    folders = []
    while len(argv) >= 2 and argv[0] == WIPE_OPTION:
        folders.append(argv[1])
        argv = argv[2:]
    return folders, argv


def main() -> None:
    # Kernels run as the same user: they may signal the template but not trace or read it.
    _prctl(PR_SET_DUMPABLE, 0)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    folders, modules = parse(sys.argv[1:])
    scratch = {folder: skeleton(folder) for folder in folders}
    preload(modules)
    sys.stdout.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    sys.stdout.flush()
    serve(sys.stdin, sys.stdout, scratch)
    exits: dict[int, int] = {}
    kill_all_children(exits)


if __name__ == "__main__":
    main()
