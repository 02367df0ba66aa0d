"""What ``hint(n)`` and ``solution()`` show for a question, as `Note`s: computed once, whether the
notebook holds the question (practice mode) or the class's judge service does (a graded class)."""

from __future__ import annotations

from autograder.core.question import MultipartQuestion, Question
from autograder.core.render import Note
from autograder.i18n import _, ngettext


def hint_note(question: Question, label: str, n: object) -> tuple[Note, bool]:
    """Hint ``n`` of ``question`` and whether it is one (an out-of-range ``n`` gets a note saying so)."""
    hints = question.hints
    if not hints:
        return Note(label, _("There are no hints for this question.")), False
    if not isinstance(n, int) or not 1 <= n <= len(hints):
        message = ngettext(
            "There is no hint {n}: this question has {count} hint, numbered 1 to {count}.",
            "There is no hint {n}: this question has {count} hints, numbered 1 to {count}.",
            len(hints),
        ).format(n=repr(n), count=len(hints))
        return Note(label, message), False
    heading = _("{label} hint {n} of {count}").format(label=label, n=n, count=len(hints))
    if n < len(hints):
        heading += " " + _("(there is also hint({next}))").format(next=n + 1)
    return Note(heading, _(hints[n - 1])), True


def solution_notes(question: Question, label: str) -> list[Note]:
    """The model solution (or a thought question's discussion), part by part for a multipart one."""
    if isinstance(question, MultipartQuestion):
        return [note for name, part in question.parts.items() for note in solution_notes(part, f"{label}.{name}")]
    code = question.graded
    heading = (_("{label} solution") if code else _("{label} discussion")).format(label=label)
    return [Note(heading, _(question.solution), code=code)]
