"""A judge service on a free port of this machine, and a student's kernel that holds no answer.

The service is the real one (`autograder.service.server.application`, real judge processes, a
real SQLite or PostgreSQL record); only the hub's word on tokens is a fixed table here (the hub's
own `HubAuth` is exercised by the hub tests).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from harness.course import ROOT
from jupyter_client.manager import start_new_kernel

from autograder.service.record import Record
from autograder.service.server import Service, User, application

TOKENS = {"token-ana": User("ana"), "token-ben": User("ben"), "token-ida": User("ida", instructor=True)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def judge_service(
    record: Record,
    checks_per_minute: int = 20,
    course: Path | None = None,
    tokens: dict[str, User] | None = None,
    graded: tuple[str, ...] = (),
) -> Iterator[str]:
    """Serve on a thread of its own until the block ends; yields the conversation's ``ws://`` URL.
    ``tokens``: who holds which token (default `TOKENS`); ``graded``: the class's graded assignments."""
    known = TOKENS if tokens is None else tokens
    port = free_port()
    ready = threading.Event()
    loop = asyncio.new_event_loop()

    async def identify(token: str) -> User | None:
        return known.get(token)

    def run() -> None:
        asyncio.set_event_loop(loop)
        service = Service(record, identify, checks_per_minute, asyncio.Semaphore(2), course, graded)
        server = application(service, "/services/judge/").listen(port, "127.0.0.1")
        loop.call_soon(ready.set)
        loop.run_forever()
        server.stop()

    thread = threading.Thread(target=run, name="judge-service", daemon=True)
    thread.start()
    ready.wait(30)
    try:
        yield f"ws://127.0.0.1:{port}/services/judge/conversation"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)


@dataclass
class StudentKernel:
    """A kernel importing the student runtime (no answers), pointed at a judge service."""

    client: object

    def run(self, code: str, timeout: float = 300) -> list[str]:
        """Each output of ``code`` as text: displays and results by their plain text, errors by name."""
        shown: list[str] = []

        def keep(message: dict) -> None:
            content = message["content"]
            kind = message["msg_type"]
            if kind in ("display_data", "execute_result"):
                shown.append(content["data"].get("text/plain", ""))
            elif kind == "stream":
                shown.append(content["text"])
            elif kind == "error":
                shown.append(f"{content['ename']}: {content['evalue']}")

        self.client.execute_interactive(code, timeout=timeout, output_hook=keep)
        return shown


@contextlib.contextmanager
def student_kernel(runtime: Path, url: str, token: str, cwd: Path) -> Iterator[StudentKernel]:
    env = {
        **os.environ,
        "PYTHONPATH": str(runtime.parent),
        "MPLBACKEND": "Agg",
        "CONVNET_COURSE_DATA": str(ROOT / "data"),
        "AUTOGRADER_JUDGE_URL": url,
        "JUPYTERHUB_API_TOKEN": token,
    }
    manager, client = start_new_kernel(kernel_name="python3", env=env, cwd=str(cwd), startup_timeout=120)
    try:
        yield StudentKernel(client)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
