"""Exercise 4: what students read is marked for translation, and the messages of wrong answers are
translated where they are shown."""

import functools
import re

import pytest
from ex4_cases import WRONG
from ex4_support import VARS, outcome

import autograder.i18n
from autograder.exercises.ex4.questions import QUESTIONS
from autograder.i18n.messages import template


@functools.cache
def marked_messages() -> frozenset[str]:
    """Every message marked for translation in the package (plural forms too)."""
    ids = (message.id for message in template() if message.id)
    return frozenset(form for text in ids for form in ((text,) if isinstance(text, str) else text))


def translated_where_shown(message: str, fragment: str) -> bool:
    """Whether ``fragment`` lies in a part of ``message`` that a marked text, translated by `_`, produced.

    Under the `tagged` fixture each translated text starts with "»": the text between the last tag
    before the fragment and the fragment must be how a marked message that holds the fragment starts.
    """
    position = message.index(fragment)
    start = message.rfind("»", 0, position) + 1
    if not start:
        return False
    for text in marked_messages():
        if fragment in text:
            prefix = re.split(r"(\{\w+\})", text[: text.index(fragment)])
            pattern = "".join(".*?" if piece.startswith("{") else re.escape(piece) for piece in prefix)
            if re.fullmatch(pattern, message[start:position], re.S):
                return True
    return False


def test_student_facing_texts_are_marked_for_translation():
    marked = marked_messages()
    for label in VARS:
        question = QUESTIONS[label]
        texts = [*question.hints, *(diagnosis.message for diagnosis in question.diagnoses)]
        texts += [getattr(question, name) for name in ("shape_rule", "refusal") if getattr(question, name, "")]
        for text in texts:
            assert text in marked, (label, text)


@pytest.fixture
def tagged(monkeypatch):
    """Every message "translated" by a tag in front of it, so that a test sees which texts went through `_`."""

    class Tagged:
        def gettext(self, message):
            return "»" + message

        def ngettext(self, singular, plural, n):
            return "»" + (singular if n == 1 else plural)

    monkeypatch.setattr(autograder.i18n, "translations", lambda code: Tagged())


@pytest.mark.parametrize(("label", "name", "source", "fragment"), WRONG, ids=[f"{w[0]}-{w[1]}" for w in WRONG])
def test_messages_of_wrong_answers_are_translated_where_they_are_shown(tagged, label, name, source, fragment):
    message = outcome(label, source).message
    assert fragment in message and translated_where_shown(message, fragment), message
