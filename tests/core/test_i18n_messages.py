"""Rule messages change language: the sentence is looked up in the learner's catalog, then its fields are filled.

A stand-in catalog maps a few English messages to marker strings whose fields are in another order,
so each test shows that the whole sentence was translated (not pieces of it), that a phrase inside
it (a value's description) was translated on its own, and that the fields were filled afterwards.
"""

import gettext

import numpy as np
import pytest
from harness.judged import checked

from autograder import i18n
from autograder.core import FunctionQuestion, Status
from autograder.exercises.ex1 import questions as ex1

MARKED = {
    "`{name}` is {value}; it should be a function (`def {name}(...)`).": "[zh] {value} <- {name}",
    "a {type}": "[zh] {type}-value",
    "{count} of the 25 entries is wrong; it is at row {row}, column {col} (counting from 0).": "[zh-1] {col}/{row}",
    "{count} of the 25 entries are wrong; the first is at row {row}, column {col} (counting from 0).": (
        "[zh-n] ({row}, {col}) x{count}"
    ),
}


class MarkerCatalog(gettext.NullTranslations):
    """A catalog that knows only the `MARKED` messages."""

    def gettext(self, message):
        return MARKED.get(message, message)

    def ngettext(self, singular, plural, n):
        return MARKED.get(singular if n == 1 else plural, singular if n == 1 else plural)


@pytest.fixture
def marked(monkeypatch):
    """Every language but English speaks through `MarkerCatalog` (``_`` looks catalogs up by this name)."""

    def translations(code):
        return gettext.NullTranslations() if code == i18n.ENGLISH else MarkerCatalog()

    monkeypatch.setattr(i18n.catalogs, "translations", translations)
    monkeypatch.setattr(i18n, "translations", translations)


class Double(FunctionQuestion):
    var = "double"
    fixed_cases = ((1,),)

    def reference(self, x):
        return 2 * x


@pytest.mark.usefixtures("marked")
def test_a_core_rule_message_and_the_value_it_describes_are_translated_then_filled():
    with i18n.language("zh_CN"):
        outcome = checked(Double(), {"double": [1, 2]})
    assert outcome.status is Status.INCORRECT
    assert outcome.message == "[zh] [zh] list-value <- double"
    assert checked(Double(), {"double": [1, 2]}).message == (
        "`double` is a list; it should be a function (`def double(...)`)."
    )


@pytest.mark.usefixtures("marked")
def test_an_exercise_1_rule_message_is_translated_in_its_plural_form_then_filled():
    with i18n.language("zh_CN"):
        several = checked(ex1.FeatureMap(), {"feature_map": np.zeros((5, 5))})
        one = ex1.FeatureMap.reference().copy()
        one[4, 2] = 7
        single = checked(ex1.FeatureMap(), {"feature_map": one})
    assert several.status is Status.INCORRECT and several.message == "[zh-n] (0, 3) x5"
    assert single.status is Status.INCORRECT and single.message == "[zh-1] 2/4"
    english = checked(ex1.FeatureMap(), {"feature_map": np.zeros((5, 5))}).message
    assert english == "5 of the 25 entries are wrong; the first is at row 0, column 3 (counting from 0)."
