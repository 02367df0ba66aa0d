"""Presentation of outcomes, hints and solutions: HTML in a notebook, plain text in a terminal.

Every rendering carries a word label (Correct, Incorrect, ...) so colour is never the only cue,
and everything the student supplied is HTML-escaped. A small JSON mimetype carries the outcome
itself, so tools and tests can read results without scraping text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from autograder.core.outcome import Outcome, Status

FEEDBACK_MIME = "application/vnd.convnet-course.feedback+json"

_ACCENT = {
    Status.CORRECT: "#1a7f37",
    Status.INCORRECT: "#b42318",
    Status.NOT_ATTEMPTED: "#6e7781",
    Status.ERROR: "#9a6700",
    Status.THOUGHT: "#0969da",
}
_SYMBOL = {
    Status.CORRECT: "✔",
    Status.INCORRECT: "✘",
    Status.NOT_ATTEMPTED: "…",
    Status.ERROR: "!",
    Status.THOUGHT: "?",
}


def inline_markup(text: str) -> str:
    """Escape ``text`` for HTML, then turn `backticks` into <code> spans."""
    escaped = html.escape(text, quote=True)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def _box(accent: str, heading: str, body_html: str) -> str:
    return (
        f'<div class="convnet-feedback" role="status" style="border-left:4px solid {accent};'
        f'padding:0.4em 0.8em;margin:0.3em 0">'
        f"<strong>{heading}</strong> {body_html}</div>"
    )


class Feedback:
    """A displayable outcome."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome

    def __repr__(self) -> str:
        return self.outcome.text()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        outcome = self.outcome
        label = f"{_SYMBOL[outcome.status]} {outcome.status.label}"
        if outcome.question:
            label = f"{outcome.question}: {label}"
        return {
            "text/plain": outcome.text(),
            "text/html": _box(_ACCENT[outcome.status], html.escape(label) + ".", inline_markup(outcome.message)),
            FEEDBACK_MIME: outcome.as_dict(),
        }


class Note:
    """A hint or a solution: a heading and a body that is prose or Python code."""

    def __init__(self, heading: str, body: str, *, code: bool = False) -> None:
        self.heading = heading
        self.body = body
        self.code = code

    def __repr__(self) -> str:
        return f"{self.heading}:\n{self.body}" if self.code else f"{self.heading}: {self.body}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        if self.code:
            body = f'<pre style="margin:0.3em 0"><code>{html.escape(self.body)}</code></pre>'
        else:
            body = inline_markup(self.body)
        return {"text/plain": repr(self), "text/html": _box("#0969da", html.escape(self.heading) + ":", body)}


def show(item: Feedback | Note) -> None:
    """Display in a Jupyter kernel, print elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover
        print(repr(item))
        return
    shell = get_ipython()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        display(item)
    else:
        print(repr(item))
