"""The question model (declared questions, outcomes) and its presentation (views, rendering)."""

from autograder.core.named_function import NamedFunctionQuestion
from autograder.core.outcome import Incorrect, NotAttempted, Outcome, Status, StudentCodeError
from autograder.core.placeholder import ____, contains_placeholder
from autograder.core.question import (
    CheckContext,
    Diagnosis,
    FunctionQuestion,
    MultipartQuestion,
    Question,
    ThoughtQuestion,
    ValueQuestion,
)
from autograder.core.render import FEEDBACK_MIME, Feedback, Note
from autograder.core.values import as_array, describe
from autograder.core.view import QuestionView

__all__ = [
    "FEEDBACK_MIME",
    "CheckContext",
    "Diagnosis",
    "Feedback",
    "FunctionQuestion",
    "Incorrect",
    "MultipartQuestion",
    "NamedFunctionQuestion",
    "Note",
    "NotAttempted",
    "Outcome",
    "Question",
    "QuestionView",
    "Status",
    "StudentCodeError",
    "ThoughtQuestion",
    "ValueQuestion",
    "____",
    "as_array",
    "contains_placeholder",
    "describe",
]
