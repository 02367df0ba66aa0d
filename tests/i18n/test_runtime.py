"""Choosing the learner's language: codes, the notebook's choice, the judge's per-submission choice."""

import pytest

from autograder import i18n
from autograder.core.outcome import Outcome, Status
from autograder.i18n import _, assignment_language, base_assignment, language, normalise, translated_assignment


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("written", "code"), [("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_CN", "zh_CN"), ("ru_RU", "ru"), ("en-US", "en")]
)
def test_language_codes_are_read_the_ways_learners_write_them(written, code):
    assert normalise(written) == code


def test_an_unknown_language_is_refused_with_the_ones_the_course_speaks():
    with pytest.raises(ValueError, match="en, zh_CN, ru"):
        normalise("fr")


def test_a_translated_assignment_names_its_language_and_its_english_original():
    name = translated_assignment("ex1_convolution_relu", "ru")
    assert name == "ex1_convolution_relu_ru"
    assert assignment_language(name) == "ru" and base_assignment(name) == "ex1_convolution_relu"
    assert assignment_language("ex1_convolution_relu") == "en"
    assert translated_assignment("ex1_convolution_relu", "en") == "ex1_convolution_relu"


def test_the_notebook_choice_lasts_and_the_judge_block_overrides_it_only_inside():
    i18n.set_language("ru")
    assert i18n.current_language() == "ru"
    with language("zh_CN"):
        assert i18n.current_language() == "zh_CN"
    assert i18n.current_language() == "ru"


def test_status_words_come_from_the_catalogs():
    outcome = Outcome(Status.NOT_ATTEMPTED, "", "q_1")
    assert outcome.text() == "q_1: Not attempted."
    with language("zh_CN"):
        chinese = outcome.text()
    with language("ru"):
        russian = outcome.text()
    assert chinese != russian and "Not attempted" not in chinese + russian
    assert chinese.startswith("q_1: ") and russian.startswith("q_1: ")


def test_text_without_a_translation_stays_english_and_empty_text_stays_empty():
    with language("ru"):
        assert _("a sentence no catalog holds") == "a sentence no catalog holds"
        assert _("") == ""


def test_binding_a_notebook_with_a_language_sets_it():
    from autograder import binder

    binder.bind({}, language="zh")
    try:
        assert i18n.current_language() == "zh_CN"
    finally:
        binder.unbind()
