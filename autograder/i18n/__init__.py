"""The learner's language: English, Chinese (zh_CN) or Russian (ru), for every student-facing string.

Code marks a message with ``_("...")`` (translated when it runs) or ``N_("...")`` (a class-level
text, such as a hint, translated by ``_`` where it is shown); placeholders are ``{named}`` and
filled with ``.format`` after translation. The catalogs are ``autograder/locale/<language>/
LC_MESSAGES/autograder.po``, made and checked with Babel (``python -m autograder.i18n``).

A translated notebook chooses its language in its set-up cell (``binder.bind(globals(),
language="zh_CN")``); the grading judge uses the submission's language for one notebook with
`language`. Without either, ``COURSE_LANGUAGE`` in the environment, then English.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from autograder.i18n.catalogs import translations

ENGLISH = "en"
LANGUAGES = {ENGLISH: "English", "zh_CN": "简体中文", "ru": "Русский"}
"""The course's languages: code -> the language's own name."""
TRANSLATED = tuple(code for code in LANGUAGES if code != ENGLISH)
LAB_LOCALES = {ENGLISH: "en", "zh_CN": "zh_CN", "ru": "ru_RU"}
"""Each language's JupyterLab locale (the language packs installed with the course)."""

_ALIASES = {"zh": "zh_CN", "zh_hans": "zh_CN", "zh_cn": "zh_CN", "ru_ru": "ru", "en_us": ENGLISH, "en_gb": ENGLISH}

__all__ = [
    "ENGLISH",
    "LANGUAGES",
    "LAB_LOCALES",
    "TRANSLATED",
    "N_",
    "_",
    "assignment_language",
    "base_assignment",
    "current_language",
    "language",
    "ngettext",
    "normalise",
    "set_language",
    "translated_assignment",
]


def normalise(code: str) -> str:
    """The course's code for a language written as ``zh``, ``zh-CN``, ``ru_RU``...; ValueError if unknown."""
    key = str(code).strip().replace("-", "_")
    if key in LANGUAGES:
        return key
    key = _ALIASES.get(key.lower(), key.lower().split(".")[0])
    if key in LANGUAGES:
        return key
    names = ", ".join(LANGUAGES)
    raise ValueError(f"unknown language {code!r}: the course speaks {names}")


def _from_environment() -> str:
    try:
        return normalise(os.environ.get("COURSE_LANGUAGE") or ENGLISH)
    except ValueError:
        return ENGLISH


_chosen = _from_environment()
_override: ContextVar[str | None] = ContextVar("autograder_language", default=None)


def set_language(code: str) -> None:
    """Speak ``code`` from now on in this process (a notebook's set-up cell calls this)."""
    global _chosen
    _chosen = normalise(code)


def current_language() -> str:
    """The language messages are translated into right now."""
    return _override.get() or _chosen


@contextmanager
def language(code: str) -> Iterator[None]:
    """Speak ``code`` inside this block only (the judge, for one submission's verdicts)."""
    token = _override.set(normalise(code))
    try:
        yield
    finally:
        _override.reset(token)


def _(message: str) -> str:
    """``message`` in the current language (the English text when the catalog lacks it)."""
    if not message:  # gettext("") is the catalog's header
        return message
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that fits the number ``n`` in the current language."""
    return translations(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a text for translation without translating it yet; ``_`` translates it where it is shown."""
    return message


def translated_assignment(assignment: str, code: str) -> str:
    """The nbgrader assignment that holds ``assignment`` in language ``code`` (itself in English)."""
    code = normalise(code)
    return assignment if code == ENGLISH else f"{assignment}_{code}"


def assignment_language(assignment: str) -> str:
    """The language of an assignment named by `translated_assignment`."""
    for code in TRANSLATED:
        if assignment.endswith(f"_{code}"):
            return code
    return ENGLISH


def base_assignment(assignment: str) -> str:
    """The English assignment a translated one was made from (itself for an English one)."""
    code = assignment_language(assignment)
    return assignment if code == ENGLISH else assignment[: -len(code) - 1]
