"""The distinctive lines of the course's answers, which no file a student can read may hold."""

from __future__ import annotations

import inspect

from autograder import i18n
from autograder.exercises import load_questions


def answer_lines(assignments: tuple[str, ...]) -> set[str]:
    """Distinctive lines of every solution and hint (in each language) and of every reference method."""
    texts = []
    for assignment in assignments:
        for question in load_questions(assignment).values():
            for code in i18n.LANGUAGES:
                with i18n.language(code):
                    texts += [i18n._(question.solution)] if question.solution else []
                    texts += [i18n._(hint) for hint in question.hints]
            reference = vars(type(question)).get("reference")
            if reference is not None:
                texts.append(inspect.getsource(reference).split("\n", 1)[1])  # its body
    return {line.strip() for text in texts for line in text.splitlines() if len(line.strip()) >= 35}
