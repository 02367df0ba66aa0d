"""The worker's handle on one sandbox: its jail folder, its kernel template, and the processes in it.

The jail is a scratch folder, the only writable place a kernel sees, laid out as ``work/`` (the
submission, the kernel's working directory), ``home/`` and ``kernel/`` (connection file, sockets,
log). Between two submissions every process left in the sandbox is killed and the jail, /tmp and
/dev/shm are emptied, so nothing one student leaves behind reaches the next; a sandbox that cannot
be emptied, or whose template stopped answering, is closed instead.

Closing kills the whole tree, the PID namespace's first process (bwrap's) first: when it dies the
kernel kills every process in the namespace, whatever session it started. bwrap's
``--die-with-parent`` cannot be relied on for that process: when the grader is root, bwrap sets
its parent-death signal in the prepared user namespace and then changes user, which clears it
(measured with bwrap 0.8: it outlives bwrap's outer process). So the sandbox lists it among its
`roots` for whoever must clean up after a dead worker (`autograder.grading.worker.reaper`).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from autograder.grading.sandbox import bwrap
from autograder.grading.sandbox.spec import BWRAP, SandboxSpec, task_limit
from autograder.grading.sandbox.zygote import WIPE_OPTION, empty_folder
from autograder.grading.tamper.protected import GUARDED_MODULES, SECRET_NAMES

ZYGOTE_MODULE = "autograder.grading.sandbox.zygote"
READY_TIMEOUT = 180.0
REQUEST_TIMEOUT = 30.0
POLL_SECONDS = 0.05  # how often a request that waits checks that the template was not stopped
EXIT_TIMEOUT = 10.0
SCRATCH = ("/tmp", "/dev/shm")
GONE = (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD)
HALTED = (psutil.STATUS_STOPPED, psutil.STATUS_TRACING_STOP, *GONE)


class SandboxError(RuntimeError):
    """The sandbox could not be started or stopped answering."""


class Sandbox:
    """One kernel template in its own jail; kernels are forked from it one submission at a time."""

    def __init__(self, spec: SandboxSpec, runtime: Path) -> None:
        self.spec = spec
        self.host_uid = bwrap.host_uid() if spec.mode == BWRAP else None
        self.root = Path(tempfile.mkdtemp(prefix="sb-", dir=runtime))
        self.jail = self.root / "jail"
        self.data = self._write_data() if spec.data else None
        self.work = self.jail / "work"
        self.home = self.jail / "home"
        self.kernel_dir = self.jail / "kernel"
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._outer: psutil.Process | None = None
        self._init: psutil.Process | None = None  # the PID namespace's first process
        self._template: psutil.Process | None = None
        self._stderr = None

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> None:
        """Start the kernel template and wait until it has imported everything."""
        self.jail.mkdir(exist_ok=True)
        self.clear_jail()
        argv = [sys.executable, "-s", "-P", "-m", ZYGOTE_MODULE]
        env = self.base_env()
        userns: int | None = None
        if self.spec.mode == BWRAP:
            if not bwrap.available():
                raise SandboxError("bubblewrap (bwrap) is not installed; install it or use --sandbox none")
            if self.host_uid is not None:
                userns = bwrap.root_user_namespace()
            for folder in SCRATCH:
                argv += [WIPE_OPTION, folder]
            argv = bwrap.command(self.jail, self.data, env, [*argv, *self.spec.preload], userns=userns)
            env = {}  # bwrap's own process is the namespace's first: it gets nothing of ours
        else:
            argv += self.spec.preload
        # As root, bwrap starts without root's supplementary groups.
        groups: dict[str, Any] = {"extra_groups": []} if userns is not None else {}
        self._stderr = open(self.root / "template.log", "ab")  # noqa: SIM115 - lives as long as the template
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=env,
                cwd=self.jail,
                text=True,
                start_new_session=True,
                pass_fds=() if userns is None else (userns,),
                **groups,
            )
        finally:
            if userns is not None:
                os.close(userns)
        self._outer = psutil.Process(self._process.pid)
        ready = self._read(READY_TIMEOUT)
        if not ready.get("ready"):
            raise SandboxError(f"the kernel template did not start: {self.template_log()}")
        self._template = self._find_template(int(ready["pid"]))
        if self.spec.mode == BWRAP:
            self._init = self._template.parent()

    def alive(self) -> bool:
        """Whether the template is still there to fork kernels, and not stopped."""
        if self._process is None or self._process.poll() is not None or self._template is None:
            return False
        return not self._halted()

    def roots(self) -> list[psutil.Process]:
        """The processes whose death ends the sandbox: the PID namespace's first one (the
        template's parent), the template and bwrap's outer process."""
        return [process for process in (self._init, self._template, self._outer) if process is not None]

    def close(self) -> None:
        """Kill every process of the sandbox, wait until they are gone, and delete its folder."""
        if self._process is not None:
            self._kill_tree()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=EXIT_TIMEOUT)
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        discard(self.root)

    def _kill_tree(self) -> None:
        """SIGKILL the roots (the namespace's first process first) and everything below them."""
        tree = self.roots()
        for root in list(tree):
            with contextlib.suppress(psutil.Error):
                tree += root.children(recursive=True)
        for process in tree:
            with contextlib.suppress(psutil.Error):
                process.kill()
        deadline = time.monotonic() + EXIT_TIMEOUT
        while any(map(running, tree)) and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS / 10)

    def _halted(self) -> bool:
        """Whether the template is stopped (a kernel may send it SIGSTOP) or gone."""
        if self._template is None:
            return False
        try:
            return self._template.status() in HALTED
        except psutil.Error:
            return True

    # ---------------------------------------------------------------- environment
    def base_env(self) -> dict[str, str]:
        """The template's (and every kernel's) environment, before per-kernel folders are added."""
        env = dict(self.spec.env)
        env["HOME"] = str(self.home)
        if self.data is not None:
            env["CONVNET_COURSE_DATA"] = str(self.data)
        return env

    def kernel_env(self) -> dict[str, str]:
        env = self.base_env()
        env.update(
            IPYTHONDIR=str(self.home / ".ipython"),
            MPLCONFIGDIR=str(self.home / ".config" / "matplotlib"),
            JUPYTER_RUNTIME_DIR=str(self.kernel_dir),
            USER="student",
            LOGNAME="student",
        )
        return env

    def guard_options(self) -> dict[str, Any]:
        """What the in-kernel guard trusts, allows and protects."""
        code = [str(root) for root in bwrap.code_roots()]
        allowed = [*code, str(self.jail), "/usr", "/lib", "/lib64", "/etc", "/proc", "/sys", "/dev", "/tmp"]
        if self.data is not None:
            allowed.append(str(self.data))
        return {
            "trusted_roots": code,
            "allowed_roots": allowed,
            "secret_names": list(SECRET_NAMES),
            "protected_modules": list(GUARDED_MODULES),
        }

    def _write_data(self) -> Path:
        folder = self.root / "data"
        for name, content in self.spec.data:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for path in [folder, *folder.rglob("*")]:
            self.give(path)
        return folder

    def give(self, path: Path) -> None:
        """Make ``path`` the sandbox user's, when that user is not the grader's (see `bwrap.host_uid`)."""
        if self.host_uid is not None:
            os.chown(path, self.host_uid, self.host_uid, follow_symlinks=False)

    # ---------------------------------------------------------------- jail
    def clear_jail(self) -> None:
        """Empty the jail and recreate its layout."""
        left = empty_folder(self.jail)
        if left:
            raise SandboxError(f"the jail could not be emptied: {', '.join(left[:5])}")
        for folder in (self.work, self.home, self.kernel_dir):
            folder.mkdir(parents=True, exist_ok=True)
            self.give(folder)
        self.give(self.jail)

    def write_files(self, files: dict[str, bytes]) -> None:
        """Put a submission's files into ``work/`` (relative paths only)."""
        for name, content in files.items():
            target = (self.work / name).resolve()
            if self.work.resolve() not in target.parents:
                raise ValueError(f"file outside the submission folder: {name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            relative = target.relative_to(self.work.resolve())
            for part in (relative, *relative.parents):
                self.give(self.work / part)

    # ---------------------------------------------------------------- kernels
    def spawn(self, argv: list[str], cwd: Path, file_size_limit: int = 0) -> tuple[int, psutil.Process]:
        """Fork a kernel: returns its PID inside the sandbox and its process seen from outside."""
        answer = self._request(
            {
                "op": "spawn",
                "argv": argv,
                "cwd": str(cwd),
                "env": self.kernel_env(),
                "log": str(self.kernel_dir / "kernel.log"),
                "guard": self.guard_options(),
                "file_size_limit": file_size_limit,
                "task_limit": task_limit() if self.spec.mode == BWRAP else 0,
            }
        )
        if "error" in answer:
            raise SandboxError(answer["error"])
        inner = int(answer["pid"])
        return inner, self._outer_process(inner)

    def reset(self) -> dict[int, int]:
        """Kill every process the last submission left and empty the jail, /tmp and /dev/shm; how
        kernels ended. Raises `SandboxError` if anything could not be deleted."""
        self.kill_all()
        answer = self._request({"op": "reset"})
        self.clear_jail()
        if answer["left"]:
            raise SandboxError(f"scratch space could not be emptied: {', '.join(answer['left'][:5])}")
        return {int(pid): status for pid, status in answer["exits"].items()}

    def exit_status(self, inner_pid: int | None) -> int | None:
        """How a kernel ended (a wait status), if it has ended."""
        if inner_pid is None:
            return None
        for _ in range(20):
            exits = self._request({"op": "status"})["exits"]
            if str(inner_pid) in exits:
                return int(exits[str(inner_pid)])
            time.sleep(0.05)
        return None

    def processes(self) -> list[psutil.Process]:
        """Every process in the sandbox except the template: the kernel and whatever it started."""
        if self._template is None:
            return []
        with contextlib.suppress(psutil.Error):
            return self._template.children(recursive=True)
        return []

    def kill_all(self) -> None:
        """SIGKILL every process in the sandbox except the template, from outside."""
        for process in self.processes():
            with contextlib.suppress(psutil.Error):
                process.kill()

    def template_log(self) -> str:
        path = self.root / "template.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    # ---------------------------------------------------------------- protocol
    def _request(self, message: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if self._process is None or self._process.stdin is None:
                raise SandboxError("the sandbox is not running")
            try:
                self._process.stdin.write(json.dumps(message) + "\n")
                self._process.stdin.flush()
            except (BrokenPipeError, OSError) as error:
                raise SandboxError(f"the kernel template is gone: {error}") from None
            return self._read(REQUEST_TIMEOUT)

    def _read(self, timeout: float) -> dict[str, Any]:
        """The template's next answer; fails at once if it was stopped, else after ``timeout``."""
        assert self._process is not None and self._process.stdout is not None
        deadline = time.monotonic() + timeout
        while not select.select([self._process.stdout], [], [], POLL_SECONDS)[0]:
            if self._halted():
                raise SandboxError("the kernel template was stopped or is gone")
            if time.monotonic() > deadline:
                raise SandboxError(f"the kernel template did not answer: {self.template_log()}")
        line = self._process.stdout.readline()
        if not line:
            raise SandboxError(f"the kernel template did not answer: {self.template_log()}")
        return json.loads(line)

    def _find_template(self, inner_pid: int) -> psutil.Process:
        assert self._process is not None
        if self.spec.mode != BWRAP:
            return psutil.Process(inner_pid)
        return self._outer_process(inner_pid, psutil.Process(self._process.pid))

    def _outer_process(self, inner_pid: int, ancestor: psutil.Process | None = None) -> psutil.Process:
        """Map a PID seen inside the sandbox's PID namespace to the process outside."""
        if self.spec.mode != BWRAP:
            return psutil.Process(inner_pid)
        ancestor = ancestor or self._template
        assert ancestor is not None
        for process in ancestor.children(recursive=True):
            with contextlib.suppress(psutil.Error, OSError):
                if namespace_pid(process.pid) == inner_pid:
                    return process
        raise SandboxError(f"process {inner_pid} is not in the sandbox")


def running(process: psutil.Process) -> bool:
    """Whether ``process`` has not exited yet (a zombie has: it holds no memory or files)."""
    try:
        return process.status() not in GONE
    except psutil.Error:
        return False


def discard(folder: Path) -> None:
    """Delete ``folder`` and everything in it, as far as possible (nobody is handed it again)."""
    with contextlib.suppress(OSError):
        empty_folder(folder)
        folder.rmdir()


def namespace_pid(pid: int) -> int:
    """A process's PID in its innermost PID namespace."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("NSpid:"):
            return int(line.split()[-1])
    raise OSError(f"no NSpid for {pid}")
