"""Real JupyterLab servers and headless Chromium for the browser tests.

Every test module gets its own JupyterLab on a temporary copy of the course, on a port the OS
picks, with private runtime, settings and workspace folders: two pytest-xdist workers never
share a port or a file. Chromium is Debian's (``make test`` installs it with apt-get), driven by
Playwright; screenshots go to ``test-artifacts/browser/`` at the repository root.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from harness.chromium import IDLE_WORDS
from harness.course import ROOT, VENV_BIN, copy_course, tool_env
from playwright.sync_api import Browser, Locator, Page, expect

ARTIFACTS = ROOT / "test-artifacts" / "browser"
SERVER_START_LIMIT = 180.0
"""Seconds a server may take to answer before the fixture gives up (a bound, not a measurement)."""
RUN_LIMIT_MS = 240_000
"""How long a cell may run: importing TensorFlow on a busy 2-core CI machine is slow."""
UI_LIMIT_MS = 60_000
VISIBLE_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"

expect.set_options(timeout=UI_LIMIT_MS)


@dataclass
class LabServer:
    """A running ``jupyter lab`` serving a course copy."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen[bytes]
    log: Path

    def lab_url(self, path: str) -> str:
        """The address that opens ``path`` (relative to the course copy) in a fresh workspace."""
        return f"{self.url}lab/tree/{path}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET", body: Any = None) -> Any:
        """Call the server's REST API with the token; returns the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _server_address(runtime: Path, server: subprocess.Popen[bytes], log: Path) -> str:
    """Wait for the server's runtime file, which holds the port it bound to."""
    deadline = time.monotonic() + SERVER_START_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {server.returncode}:\n{log.read_text()[-4000:]}")
        for info_file in runtime.glob("jpserver-*.json"):
            info = json.loads(info_file.read_text() or "{}")
            if info.get("url"):
                return info["url"]
        time.sleep(0.2)
    raise RuntimeError(f"jupyter lab did not start:\n{log.read_text()[-4000:]}")


def _wait_until_answering(lab: LabServer) -> None:
    deadline = time.monotonic() + SERVER_START_LIMIT
    while time.monotonic() < deadline:
        try:
            lab.api("api/status")
            return
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
            time.sleep(0.2)
    raise RuntimeError(f"jupyter lab never answered:\n{lab.log_tail()}")


def start_lab(course: Path, state: Path, launcher: list[str] | None = None) -> LabServer:
    """Start ``jupyter lab`` on 127.0.0.1 with a token, on a free port, isolated under ``state``.

    ``launcher`` replaces ``jupyter lab`` (and its root-directory and allow-root options), as
    ``make lab``'s own ``python -m autograder.workspace lab`` does.
    """
    env = tool_env()
    for name, folder in {
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTERLAB_SETTINGS_DIR": "user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        "IPYTHONDIR": "ipython",
    }.items():
        (state / folder).mkdir(parents=True, exist_ok=True)
        env[name] = str(state / folder)
    # Every cell stays rendered (no windowing): a cell that becomes visible while a test scrolls to it
    # would otherwise change size under the pointer between Playwright's checks and its click.
    tracker = state / "user-settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    token = secrets.token_hex(16)
    log = state / "jupyter-lab.log"
    own = [str(VENV_BIN / "jupyter"), "lab", "--ServerApp.allow_root=True", f"--ServerApp.root_dir={course}"]
    command = [
        *(launcher or own),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0",
        f"--IdentityProvider.token={token}",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=course, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = _server_address(state / "runtime", server, log)
        lab = LabServer(url=url, token=token, root=course, process=server, log=log)
        _wait_until_answering(lab)
    except BaseException:
        server.kill()
        server.wait()
        raise
    return lab


def stop_lab(lab: LabServer) -> None:
    """Stop the server we started (it shuts its kernels down), killing it if it hangs."""
    lab.process.terminate()
    try:
        lab.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        lab.process.kill()
        lab.process.wait()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """One JupyterLab per test module, on its own copy of the course."""
    base = tmp_path_factory.mktemp("lab")
    server = start_lab(copy_course(base / "course"), base / "state")
    yield server
    stop_lab(server)


@pytest.fixture(scope="module")
def learner_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """``make lab``'s launcher, unchanged (root allowed by itself), on a fresh workspace."""
    base = tmp_path_factory.mktemp("learner")
    ws = base / "workspace"
    ws.mkdir()  # the server starts in it; the launcher fills it
    launcher = [sys.executable, "-m", "autograder.workspace", "lab", f"--workspace={ws}"]
    server = start_lab(ws, base / "state", launcher=launcher)
    yield server
    stop_lab(server)


@pytest.fixture(scope="module")
def page(chromium: Browser) -> Iterator[Page]:
    """One browser tab per module, in a fresh profile-less context."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(UI_LIMIT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember each phase's report on the test item, so fixtures can see whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, page: Page) -> Iterator[Callable[[str], Path]]:
    """``screenshot(step)`` saves the page as test-artifacts/browser/<test>-<step>.png; a failed
    test leaves a ``-failed`` picture too."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for stale in ARTIFACTS.glob(f"{name}-*.png"):
        stale.unlink()

    def take(step: str) -> Path:
        path = ARTIFACTS / f"{name}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    yield take
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        take("failed")


class Notebook:
    """The notebook in JupyterLab's main area, driven through the UI as a student would."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.panel = page.locator(VISIBLE_NOTEBOOK)

    def code_cell(self, text: str) -> Locator:
        """The code cell whose source contains ``text``."""
        editor = self.page.locator(".jp-InputArea-editor", has_text=text)
        return self.panel.locator(".jp-CodeCell").filter(has=editor)

    def replace_source(self, cell: Locator, source: str) -> None:
        """Select everything in the cell's editor and type ``source`` in its place."""
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.insert_text(source)
        expect(cell.locator(".cm-content")).to_have_text(re.compile(re.escape(source.splitlines()[0])))

    def run(self, cell: Locator) -> None:
        """Run the cell with Shift+Enter and wait until its prompt shows a new execution count."""
        prompt = cell.locator(".jp-InputPrompt")
        before = prompt.inner_text()
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Shift+Enter")
        expect(prompt).not_to_have_text(before, timeout=RUN_LIMIT_MS)
        expect(prompt).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=RUN_LIMIT_MS)

    def run_all(self) -> None:
        """Run > Run All Cells, from the menu bar, and wait until the last cell has run.

        The kernel reports idle between any two cells of the queue, so "idle" alone does not mean
        the notebook has finished; the last cell's execution count does.
        """
        last = self.panel.locator(".jp-CodeCell").last.locator(".jp-InputPrompt")
        before = last.inner_text()
        self.page.locator(".lm-MenuBar-item", has_text="Run").click()
        self.page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
        expect(last).not_to_have_text(before, timeout=RUN_LIMIT_MS)
        expect(last).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=RUN_LIMIT_MS)

    def wait_until_idle(self) -> None:
        """Wait until the kernel is connected and idle, as the status bar reports it.

        The toolbar's execution indicator says idle before the kernel is connected, and cells
        run in that gap stayed unexecuted on a loaded machine; the status bar says Idle only
        once the kernel has answered.
        """
        idle = "|".join(map(re.escape, IDLE_WORDS.values()))
        status = self.page.get_by_role("contentinfo").get_by_role("button", name=re.compile(rf"\| ({idle})$"))
        expect(status).to_be_visible(timeout=RUN_LIMIT_MS)
        expect(self.panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
            "data-status", "idle", timeout=RUN_LIMIT_MS
        )


def notebook_opener(lab: LabServer, page: Page) -> Callable[[str], Notebook]:
    """``open_(path)`` opens a notebook of ``lab``'s course copy and waits for its kernel."""

    def open_(path: str) -> Notebook:
        if not (lab.root / path).is_file():
            raise FileNotFoundError(f"{path} is not in the course copy")
        page.goto(lab.lab_url(path))
        notebook = Notebook(page)
        expect(notebook.panel.locator(".jp-Cell").first).to_be_visible(timeout=UI_LIMIT_MS)
        notebook.wait_until_idle()
        return notebook

    return open_


@pytest.fixture(scope="module")
def open_notebook(lab: LabServer, page: Page) -> Callable[[str], Notebook]:
    """``open_notebook(path)`` opens a notebook of the course copy and waits for its kernel."""
    return notebook_opener(lab, page)


@pytest.fixture(scope="module")
def open_learner_notebook(learner_lab: LabServer, page: Page) -> Callable[[str], Notebook]:
    """The same in ``make lab``'s workspace."""
    return notebook_opener(learner_lab, page)
