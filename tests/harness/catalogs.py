"""A stand-in catalog for tests of what goes through translation: every message comes back wrapped."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest

from autograder import i18n

OPEN, CLOSE = "⟪", "⟫"


class Marked(gettext.NullTranslations):
    """A stand-in catalog that translates every message by wrapping it, so an untranslated text shows."""

    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Speak the stand-in catalog's 'language' inside the test."""
    monkeypatch.setattr(i18n, "translations", lambda code: Marked() if code == "ru" else gettext.NullTranslations())
    with i18n.language("ru"):
        yield
