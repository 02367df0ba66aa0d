"""What the hub tests share: the test accounts, the running hub, logging in."""

from __future__ import annotations

import pwd
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from harness.course import ROOT
from playwright.sync_api import Page, expect

ARTIFACTS = ROOT / "test-artifacts" / "hub"
INSTRUCTOR = "tq12ada"
STUDENTS = ("tq12alice", "tq12bob", "tq12cara")
GRADED = "ex1_convolution_relu"
"""The assignment the test class takes as graded (its answers out of every student's reach)."""
HUB_BIN = Path("/opt/convnet-hub/venv/bin")
"""The hub's environment, where ``make hub-install`` puts it (the Makefile's HUB_PREFIX)."""
START_LIMIT = 900.0
"""Seconds `make hub` may take to answer, first install of its environment included (a bound)."""
UI_LIMIT_MS = 120_000
RUN_LIMIT_MS = 300_000


@dataclass
class Hub:
    """A running ``make hub`` and what the test needs to know about it."""

    url: str
    state: Path
    process: subprocess.Popen[bytes]
    log: Path
    started: float
    passwords: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-6000:]


def login(hub: Hub, page: Page, user: str) -> None:
    """Log in on the hub's page (unless this browser already is) and wait for the user's JupyterLab."""
    page.goto(f"{hub.url}hub/login")
    if "/hub/login" in page.url:  # a logged-in browser is sent on to its server
        page.locator("#username_input").fill(user)
        page.locator("#password_input").fill(hub.passwords[user])
        page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{user}/lab"), timeout=RUN_LIMIT_MS)
    expect(page.locator("#jp-main-dock-panel")).to_be_visible(timeout=RUN_LIMIT_MS)
