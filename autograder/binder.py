"""Connects question objects to the namespace where the student's answers live.

A notebook calls ``binder.bind(globals())`` once; every check then reads the student's
variables from that dictionary. Without a binding the IPython user namespace (or ``__main__``)
is used, so a forgotten ``bind`` still works in a notebook.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping
from typing import Any

_bound: MutableMapping[str, Any] | None = None


def bind(namespace: MutableMapping[str, Any], language: str | None = None) -> None:
    """Read student answers from ``namespace`` (pass ``globals()``); a translated notebook also
    passes its ``language`` ("zh_CN", "ru"), in which every check, hint and explorer then speaks."""
    global _bound
    _bound = namespace
    if language is not None:
        from autograder.i18n import set_language

        set_language(language)


def unbind() -> None:
    """Forget the binding (used by tests)."""
    global _bound
    _bound = None


def namespace() -> MutableMapping[str, Any]:
    """The namespace answers are read from."""
    if _bound is not None:
        return _bound
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython ships with the course
        shell = None
    if shell is not None:
        return shell.user_ns
    return vars(sys.modules["__main__"])
