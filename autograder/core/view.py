"""What the student holds: ``q_1.check()``, ``q_1.hint()``, ``q_1.solution()``, and the grade
cell's ``q_1.assert_correct()``. Views read answers from the bound namespace and delegate all
judgement to the `Question`; they only decide how results are shown or raised.

A view is bound to an assignment and a label; it finds its question when first asked. Where the
runtime holds the assignment's questions (practice mode), it checks in this process. Where it does
not (a graded class: the student runtime has no answers), checks, hints and solutions are the
class's judge service's (`autograder.service.client`), which answers in the same words; a grade
cell's check leaves no verdict of its own (the grading worker drives the kernel from its judge
process). With no service to ask, ``check()``, ``hint()`` and ``solution()`` say so plainly.
"""

from __future__ import annotations

import os

from autograder import binder
from autograder.core.notes import hint_note, solution_notes
from autograder.core.outcome import Outcome, Status
from autograder.core.question import MultipartQuestion, Question
from autograder.core.render import Feedback, Note, show
from autograder.i18n import _, current_language, translated_assignment
from autograder.service import client


class QuestionView:
    """A question as a notebook sees it, under a label such as ``q_1`` or ``q_4.a``."""

    def __init__(self, question: Question | None, label: str, assignment: str = "") -> None:
        self._question = question
        self._label = label
        self._assignment = assignment

    def __repr__(self) -> str:
        return f"<question {self._label}: use .check(), .hint() or .solution()>"

    @property
    def question(self) -> Question:
        """The declared question behind this view (`LookupError` where this runtime has none)."""
        if self._question is not None:
            return self._question
        from autograder.exercises import answers_installed, question_at

        if not answers_installed(self._assignment):
            raise LookupError(f"{self._label} of {self._assignment} is judged elsewhere: this runtime has no answers")
        return question_at(self._assignment, self._label)

    @property
    def label(self) -> str:
        return self._label

    @property
    def assignment(self) -> str:
        return self._assignment

    @property
    def judged_here(self) -> bool:
        """Whether this runtime holds the question (practice mode), so checks run in this process."""
        from autograder.exercises import answers_installed

        return self._question is not None or answers_installed(self._assignment)

    def __getattr__(self, name: str) -> QuestionView:
        state = self.__dict__
        question = state.get("_question")
        label = state.get("_label", "question")
        if isinstance(question, MultipartQuestion) and name in question.parts:
            return QuestionView(question.parts[name], f"{label}.{name}", state.get("_assignment", ""))
        if question is None and state.get("_assignment") and not name.startswith("_"):
            from autograder.exercises.labels import parts

            if name in parts(state["_assignment"], label):
                return QuestionView(None, f"{label}.{name}", state["_assignment"])
        raise AttributeError(f"{label} has no attribute {name!r}")

    def outcome(self, *, extra_cases: int = 0, seed: int = 0) -> Outcome:
        """Evaluate the current answer without showing anything: here in practice mode, by the class's
        judge service in a graded one (not attempted where no service answers)."""
        if self.judged_here:
            return self.question.evaluate(binder.namespace(), extra_cases=extra_cases, seed=seed, label=self._label)
        if not _service_reachable():
            return Outcome(Status.NOT_ATTEMPTED, _unreachable_judge(), self._label)
        reply = self._ask("check", extra_cases=extra_cases, seed=seed)
        verdict = reply.get("verdict")
        if not isinstance(verdict, dict):
            return Outcome(Status.NOT_ATTEMPTED, str(reply.get("refused", "")), self._label)
        status = next((status for status in Status if status.key == verdict.get("status")), Status.ERROR)
        return Outcome(status, str(verdict.get("reason") or verdict.get("message", "")), self._label)

    def check(self) -> None:
        """Show whether the current answer is correct, and why not (kept in a self-learner's progress)."""
        outcome = self.outcome()
        if self.judged_here:
            from autograder import progress  # a self-learner's record, never loaded in a grading kernel

            progress.note_check(self._assignment, self._label, outcome)
        show(Feedback(outcome))

    def hint(self, n: int = 1) -> None:
        """Show hint number ``n`` (1, 2, ...)."""
        if self.judged_here:
            show(hint_note(self.question, self._label, n)[0])
        elif _service_reachable():
            self._show_notes(self._ask("hint", n=n))
        else:
            message = _(
                "Hints of a graded assignment come from your class's judge service, which this notebook cannot "
                "reach (none is set up for it)."
            )
            show(Note(self._label, message))

    def solution(self) -> None:
        """Show the model solution (or, for a thought question, the discussion)."""
        if self.judged_here:
            for note in solution_notes(self.question, self._label):
                show(note)
        elif _service_reachable():
            self._show_notes(self._ask("solution"))
        else:
            message = _(
                "This assignment is graded: its solutions open when your instructor releases them, through your "
                "class's judge service, which this notebook cannot reach (none is set up for it)."
            )
            show(Note(self._label, message))

    def _ask(self, op: str, **fields: object) -> dict:
        """The judge service's last word on ``op`` for this question (a refusal if it did not answer)."""
        assignment = translated_assignment(self._assignment, current_language())  # answered in this language
        request = {"op": op, "assignment": assignment, "label": self._label, **fields}
        try:
            return client.ask(request)
        except client.Unreachable as error:
            message = _(
                "Your class's judge service did not answer ({reason}), so nothing was checked or shown: try again "
                "in a moment, or tell your instructor."
            )
            return {"refused": message.format(reason=error)}

    def _show_notes(self, reply: dict) -> None:
        notes = reply.get("notes")
        if not isinstance(notes, list):
            show(Note(self._label, str(reply.get("refused", ""))))
            return
        for note in notes:
            show(Note(str(note.get("heading", "")), str(note.get("body", "")), code=bool(note.get("code"))))

    def assert_correct(self, *, extra_cases: int = 0, seed: int = 0) -> None:
        """For grade cells: raise `AssertionError` with the student-facing reason unless correct."""
        __tracebackhide__ = True  # IPython and pytest leave this frame out of the traceback
        if not self.judged_here and not _service_reachable():
            return  # the grading worker's judge decides this cell by asking the kernel for data
        result = self.outcome(extra_cases=extra_cases, seed=seed)  # validating a graded assignment: the service's
        if not result.passed:
            raise AssertionError(result.text())


def _grading_kernel() -> bool:
    return os.environ.get("NBGRADER_EXECUTION") == "autograde"


def _service_reachable() -> bool:
    """Whether a graded assignment's checks, hints and solutions go to the judge service: one is set
    up for this notebook, and this is not a grading kernel (only grade cells are judged there)."""
    return client.configured() and not _grading_kernel()


def _unreachable_judge() -> str:
    """What a view of a graded assignment says where no judge service answers."""
    if _grading_kernel():  # a grading kernel: the grade cells are judged
        return _("While your notebook is graded, only its grade cells are judged, by the grader, never in this kernel.")
    return _(
        "This assignment is graded: its checks are made by your class's judge service, which this notebook cannot "
        "reach (none is set up for it). Your answer is not checked here; it is judged when your instructor grades "
        "the assignment."
    )


_VIEW_STATE = frozenset(vars(QuestionView(None, "q_0")))
"""What a view holds, as its own ``__init__`` sets it (read off a view, so a rename follows)."""


def is_genuine_view(value: object) -> bool:
    """Whether ``value`` is a question view as the course bound it: this class, nothing set on it
    since, bound to an assignment's label rather than to a question object (the in-kernel tamper
    guard asks)."""
    if type(value) is not QuestionView or frozenset(vars(value)) != _VIEW_STATE:
        return False
    state = vars(value)
    return state["_question"] is None and bool(state["_assignment"])
