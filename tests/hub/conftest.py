"""A real class on this machine: ``make hub`` with test accounts, driven in headless Chromium.

The hub runs as root (it makes Unix accounts and switches to them), so these tests need root, as
``make test`` has in CI; elsewhere they are skipped. Accounts are made from a test roster and
removed afterwards; the hub's state (course directory, exchange, passwords) is a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from harness.course import ROOT
from hub_session import ARTIFACTS, GRADED, HUB_BIN, INSTRUCTOR, START_LIMIT, STUDENTS, UI_LIMIT_MS, Hub
from playwright.sync_api import Browser, BrowserContext, Page, expect

from autograder.hub import INSTRUCTORS_GROUP


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _remove_account(name: str) -> None:
    """Delete a test account and its home, first ending its processes one by one by their id."""
    for _ in range(20):
        try:
            pwd.getpwnam(name)
        except KeyError:
            return
        listed = subprocess.run(["ps", "-u", name, "-o", "pid="], capture_output=True, text=True, check=False)
        for pid in listed.stdout.split():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        if subprocess.run(["userdel", "--remove", name], capture_output=True, check=False).returncode in (0, 12):
            return  # 12: the home could not be removed entirely, the account is gone
        time.sleep(0.5)
    raise RuntimeError(f"could not remove the test account {name}")


def _stop_group(process: subprocess.Popen[bytes], limit: float = 90.0) -> None:
    """Stop ``make hub``'s process group (JupyterHub stops the users' servers and the proxy) and wait
    until none of it is left, before the accounts go; kill what remains after ``limit`` seconds."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        process.poll()
        listed = subprocess.run(["ps", "-e", "-o", "pgid=,stat="], capture_output=True, text=True).stdout
        states = [state for pgid, state in (line.split() for line in listed.splitlines()) if pgid == str(process.pid)]
        if all(state.startswith("Z") for state in states):
            return
        time.sleep(0.5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _wait_for_hub(hub: Hub) -> None:
    deadline = time.monotonic() + START_LIMIT
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"make hub exited with {hub.process.returncode}:\n{hub.log_tail()}")
        try:
            with urllib.request.urlopen(f"{hub.url}hub/api/", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"the hub never answered:\n{hub.log_tail()}")


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    """``make hub`` on free ports with a test roster; stopped and its accounts removed afterwards."""
    if os.geteuid() != 0:
        pytest.skip("make hub makes Unix accounts: the hub tests run as root (as make test does in CI)")
    for name in (INSTRUCTOR, *STUDENTS):
        _remove_account(name)
    group_was_there = subprocess.run(["getent", "group", INSTRUCTORS_GROUP], capture_output=True).returncode == 0
    # Not under pytest's tmp folder, which only root may enter: every account reaches the state.
    base = Path(tempfile.mkdtemp(prefix="convnet-hub-test-"))
    base.chmod(0o755)
    roster = base / "roster.yaml"
    roster.write_text(f"instructors: [{INSTRUCTOR}]\nstudents: [{', '.join(STUDENTS)}]\n")
    state = base / "state"
    port = _free_port()
    log = base / "make-hub.log"
    command = [
        "make",
        "--no-print-directory",
        "hub",
        f"ROSTER={roster}",
        f"HUB_DIR={state}",
        f"HUB_PORT={port}",
        f"HUB_INTERNAL_PORT={_free_port()}",
        f"HUB_PROXY_API_PORT={_free_port()}",
        f"HUB_JUDGE_PORT={_free_port()}",
    ]
    started = time.monotonic()
    with log.open("wb") as output:
        # As an instructor would: set the class up, list the graded assignment in the course's
        # settings, then start the hub (which rebuilds the students' runtime from that list).
        subprocess.run(
            ["make", "--no-print-directory", "hub-install"], cwd=ROOT, stdout=output, stderr=output, check=True
        )
        setup = [str(HUB_BIN / "python"), "-m", "autograder.hub", "--setup-only", "--course", str(ROOT)]
        setup += ["--roster", str(roster), "--state", str(state)]
        subprocess.run(setup, cwd=ROOT, stdout=output, stderr=output, check=True)
        with (state / "course" / "nbgrader_config.py").open("a") as config:
            config.write(f"\nc.Autograder.graded_assignments = [{GRADED!r}]\n")
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(url=f"http://127.0.0.1:{port}/", state=state, process=process, log=log, started=started)
    try:
        _wait_for_hub(hub)
        hub.timings["make hub to hub answering (s)"] = time.monotonic() - started
        for line in (state / "passwords.txt").read_text().splitlines():
            user, password = line.split("\t")
            hub.passwords[user] = password
        yield hub
    finally:
        _stop_group(process)
        for name in (INSTRUCTOR, *STUDENTS):
            _remove_account(name)
        shutil.rmtree(base, ignore_errors=True)
        if not group_was_there:
            subprocess.run(["groupdel", INSTRUCTORS_GROUP], capture_output=True, check=False)


@pytest.fixture(scope="module")
def browser_for(chromium: Browser) -> Iterator[Callable[[str], Page]]:
    """``browser_for(user)``: that user's own tab, in a context with its own cookies."""
    contexts: dict[str, BrowserContext] = {}
    pages: dict[str, Page] = {}

    def get(user: str) -> Page:
        if user not in pages:
            contexts[user] = chromium.new_context(viewport={"width": 1400, "height": 1000})
            contexts[user].set_default_timeout(UI_LIMIT_MS)
            pages[user] = contexts[user].new_page()
        return pages[user]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def shot() -> Callable[[Page, str], Path]:
    """``shot(page, step)`` saves test-artifacts/hub/<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS.glob("*.png"):
        stale.unlink()

    def take(page: Page, step: str) -> Path:
        name = re.sub(r"[^\w.-]+", "_", step)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


expect.set_options(timeout=UI_LIMIT_MS)
