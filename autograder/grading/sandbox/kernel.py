"""A jupyter_client kernel manager whose kernels are forked from a sandbox's kernel template.

jupyter_client launches kernels through a *provisioner*; this one asks the template to fork
instead of running ``python -m ipykernel_launcher``, and signals, polls and kills the forked
process from outside the sandbox. Kernels talk over Unix sockets (``ipc`` transport) in the jail,
since the sandbox has no network, not even loopback shared with the worker.

The manager's and its client's ZeroMQ contexts refuse oversized frames, and the client watches
its sockets: one that loses a kernel which still runs has cut it off, and the kernel is killed
(`autograder.grading.worker.message_limits`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import uuid
from pathlib import Path
from typing import Any

import psutil
import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Any as AnyTrait
from traitlets import Int, Type

from autograder.grading.sandbox.client import Sandbox
from autograder.grading.worker.message_limits import bounded, bounded_unpacker, report_cut_off

LAUNCHER = "ipykernel_launcher"
DYING = 0.05  # seconds


class UnsupportedKernel(RuntimeError):
    """The notebook asks for a kernel the template cannot fork (not this Python's ipykernel)."""


def kernel_argv(cmd: list[str]) -> list[str]:
    """The ipykernel arguments of a kernel spec's command, e.g. ``-f conn.json ...``."""
    if len(cmd) >= 3 and cmd[1:3] == ["-m", LAUNCHER] and os.path.realpath(cmd[0]) == os.path.realpath(sys.executable):
        return cmd[3:]
    raise UnsupportedKernel(f"only this Python's ipykernel can be graded in the sandbox, not {cmd!r}")


class SandboxProvisioner(LocalProvisioner):
    """Launches a kernel by forking the sandbox's template; manages it through its outer PID."""

    sandbox = AnyTrait()
    file_size_limit = Int(0, help="Largest file a kernel may write, in bytes (0: no limit).")
    kernel: psutil.Process | None = None
    inner_pid: int | None = None
    stopping = False  # killed on purpose: its sockets losing it is no cut-off

    @property
    def has_process(self) -> bool:
        return self.kernel is not None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        sandbox: Sandbox = self.sandbox
        cwd = kwargs.get("cwd") or sandbox.work
        sandbox.give(Path(self.parent.connection_file))  # written by jupyter_client, readable by its owner only
        self.inner_pid, self.kernel = sandbox.spawn(kernel_argv(cmd), cwd, self.file_size_limit)
        self.pid = self.kernel.pid
        self.pgid = self.kernel.pid  # the kernel leads its own session and process group
        self.cwd = kwargs.get("cwd")
        return self.connection_info

    async def poll(self) -> int | None:
        if self.kernel is None:
            return 0
        try:
            if self.kernel.status() != psutil.STATUS_ZOMBIE:
                return None
        except psutil.NoSuchProcess:
            pass
        return 1

    async def wait(self) -> int | None:
        while await self.poll() is None:
            await asyncio.sleep(0.05)
        self.kernel = None
        return 0

    async def send_signal(self, signum: int) -> None:
        if self.kernel is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.kernel.pid, signum)
            return
        with contextlib.suppress(psutil.Error):
            self.kernel.send_signal(signum)

    async def kill(self, restart: bool = False) -> None:
        self.stopping = True
        await self.send_signal(signal.SIGKILL)
        self.sandbox.kill_all()

    async def terminate(self, restart: bool = False) -> None:
        await self.kill(restart)

    async def cleanup(self, restart: bool = False) -> None:
        self.kernel = None


class BoundedKernelClient(AsyncKernelClient):
    """A client whose sockets refuse oversized frames and which kills a kernel they lose while it runs."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        bounded(self.context)  # before any socket is made from it

    def start_channels(
        self, shell: bool = True, iopub: bool = True, stdin: bool = True, hb: bool = True, control: bool = True
    ) -> None:
        super().start_channels(shell, iopub, stdin, hb, control)
        self._monitors: list[tuple[zmq.Socket, zmq.Socket, asyncio.Task]] = []
        loop = asyncio.get_running_loop()
        for name, wanted in (("shell", shell), ("iopub", iopub), ("stdin", stdin), ("control", control)):
            if wanted:
                socket = getattr(self, f"{name}_channel").socket
                monitor = socket.get_monitor_socket(zmq.EVENT_DISCONNECTED)
                self._monitors.append((socket, monitor, loop.create_task(self._watch(name, monitor))))

    def stop_channels(self) -> None:
        for socket, monitor, task in getattr(self, "_monitors", []):
            task.cancel()
            with contextlib.suppress(zmq.ZMQError):
                socket.disable_monitor()
            monitor.close(linger=0)
        self._monitors = []
        super().stop_channels()

    async def _watch(self, channel: str, monitor: zmq.asyncio.Socket) -> None:
        await monitor.recv_multipart()
        await asyncio.sleep(DYING)  # a kernel that is exiting closes its sockets just before it is gone
        provisioner = self.parent.provisioner
        if not provisioner.stopping and await provisioner.poll() is None:
            report_cut_off(provisioner.sandbox, channel)
            await provisioner.kill()


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose sockets, and whose clients' sockets, refuse oversized frames."""

    client_factory = Type(BoundedKernelClient, klass=AsyncKernelClient)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        bounded(self.context)  # before any socket is made from it
        self.session.unpack = bounded_unpacker(self.session.unpack)  # its clients share the session


def sandbox_kernel_manager(
    sandbox: Sandbox, kernel_name: str, file_size_limit: int = 0, **kwargs: Any
) -> AsyncKernelManager:
    """A kernel manager for one notebook whose kernel is forked inside ``sandbox``."""
    manager = SandboxKernelManager(
        kernel_name=kernel_name,
        transport="ipc",
        ip=str(sandbox.kernel_dir / "ipc"),
        connection_file=str(sandbox.kernel_dir / "connection.json"),
        **kwargs,
    )
    manager.kernel_id = str(uuid.uuid4())
    manager.provisioner = SandboxProvisioner(
        kernel_id=manager.kernel_id,
        kernel_spec=manager.kernel_spec,
        parent=manager,
        sandbox=sandbox,
        file_size_limit=file_size_limit,
    )
    return manager
