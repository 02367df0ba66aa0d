"""What the student holds: ``q_1.check()``, ``q_1.hint()``, ``q_1.solution()``, and the grade
cell's ``q_1.assert_correct()``. Views read answers from the bound namespace and delegate all
judgement to the `Question`; they only decide how results are shown or raised.

A grade cell's check also leaves the evidence it read (in `autograder.evidence_store`), which a grading
worker fetches as data and judges outside the kernel: the kernel runs each check once, as stock
nbgrader would, and its own verdict is never trusted.
"""

from __future__ import annotations

from autograder import binder, evidence_store
from autograder.core.evidence import dumps
from autograder.core.outcome import Outcome
from autograder.core.question import MultipartQuestion, Question
from autograder.core.render import Feedback, Note, show
from autograder.i18n import _, ngettext


class QuestionView:
    """A question as a notebook sees it, under a label such as ``q_1`` or ``q_4.a``."""

    def __init__(self, question: Question, label: str) -> None:
        self._question = question
        self._label = label

    def __repr__(self) -> str:
        return f"<question {self._label}: use .check(), .hint() or .solution()>"

    @property
    def question(self) -> Question:
        """The declared question behind this view."""
        return self._question

    @property
    def label(self) -> str:
        return self._label

    def __getattr__(self, name: str) -> QuestionView:
        question = self.__dict__.get("_question")
        if isinstance(question, MultipartQuestion) and name in question.parts:
            return QuestionView(question.parts[name], f"{self._label}.{name}")
        raise AttributeError(f"{self.__dict__.get('_label', 'question')} has no attribute {name!r}")

    def outcome(self, *, extra_cases: int = 0, seed: int = 0) -> Outcome:
        """Evaluate the current answer without showing anything."""
        return self._question.evaluate(binder.namespace(), extra_cases=extra_cases, seed=seed, label=self._label)

    def check(self) -> None:
        """Show whether the current answer is correct, and why not."""
        show(Feedback(self.outcome()))

    def hint(self, n: int = 1) -> None:
        """Show hint number ``n`` (1, 2, ...)."""
        hints = self._question.hints
        if not hints:
            show(Note(self._label, _("There are no hints for this question.")))
        elif not isinstance(n, int) or not 1 <= n <= len(hints):
            message = ngettext(
                "There is no hint {n}: this question has {count} hint, numbered 1 to {count}.",
                "There is no hint {n}: this question has {count} hints, numbered 1 to {count}.",
                len(hints),
            ).format(n=repr(n), count=len(hints))
            show(Note(self._label, message))
        else:
            heading = _("{label} hint {n} of {count}").format(label=self._label, n=n, count=len(hints))
            if n < len(hints):
                heading += " " + _("(there is also hint({next}))").format(next=n + 1)
            show(Note(heading, _(hints[n - 1])))

    def solution(self) -> None:
        """Show the model solution (or, for a thought question, the discussion)."""
        question = self._question
        if isinstance(question, MultipartQuestion):
            for name in question.parts:
                getattr(self, name).solution()
            return
        code = question.graded
        heading = (_("{label} solution") if code else _("{label} discussion")).format(label=self._label)
        show(Note(heading, _(question.solution), code=code))

    def assert_correct(self, *, extra_cases: int = 0, seed: int = 0) -> None:
        """For grade cells: raise `AssertionError` with the student-facing reason unless correct."""
        __tracebackhide__ = True  # IPython and pytest leave this frame out of the traceback
        # a check that does not finish leaves no evidence, not an earlier run's
        evidence_store.keep(self._label, extra_cases, seed, "")
        result, evidence = self._question.collect(
            binder.namespace(), extra_cases=extra_cases, seed=seed, label=self._label
        )
        evidence_store.keep(self._label, extra_cases, seed, dumps(evidence))
        if not result.passed:
            raise AssertionError(result.text())


_VIEW_STATE = frozenset(vars(QuestionView(Question(), "q_0")))
"""What a view holds, as its own ``__init__`` sets it (read off a view, so a rename follows)."""


def is_genuine_view(value: object) -> bool:
    """Whether ``value`` is a question view as the course bound it: this class, nothing set on it
    since, and a question declared in the course's package (the in-kernel tamper guard asks)."""
    if type(value) is not QuestionView or frozenset(vars(value)) != _VIEW_STATE:
        return False
    module = type(value.question).__module__ or ""
    return module == "autograder" or module.startswith("autograder.")
