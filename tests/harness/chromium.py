"""Debian's headless Chromium, driven by Playwright, for every real-browser test (lab and hub)."""

from __future__ import annotations

import json
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps trying to reach Google's hosts, which this closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_browser() -> Iterator[Browser]:
    """A headless Chromium (Playwright cannot download a browser on these machines)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def _idle_words() -> dict[str, str]:
    """The status bar's word for an idle kernel in each installed JupyterLab language pack, and English."""
    words = {"en": "Idle"}
    for path in Path(sysconfig.get_paths()["purelib"]).glob(
        "jupyterlab_language_pack_*/locale/*/LC_MESSAGES/jupyterlab.json"
    ):
        translated = json.loads(path.read_text(encoding="utf-8")).get("Idle")
        if translated:
            words[path.parents[1].name] = translated[0]
    return words


IDLE_WORDS = _idle_words()
