"""The question model (declared questions, outcomes) and its presentation (views, rendering)."""

from autograder.core.binding import bind_exercise, declare_questions, graded, label_of
from autograder.core.diagnoses import Diagnosis, ShapeDiagnosis, ValueDiagnosis, diagnose_value
from autograder.core.outcome import Incorrect, NotAttempted, Outcome, Status, StudentCodeError
from autograder.core.placeholder import ____, contains_placeholder
from autograder.core.question import (
    CheckContext,
    CountQuestion,
    FunctionQuestion,
    MultipartQuestion,
    Question,
    ThoughtQuestion,
    ValueQuestion,
    YesNoQuestion,
)
from autograder.core.render import FEEDBACK_MIME, Feedback, Note
from autograder.core.values import TOLERANCE, as_array, as_numbers, close, describe, is_tensor
from autograder.core.view import QuestionView

__all__ = [
    "FEEDBACK_MIME",
    "TOLERANCE",
    "CheckContext",
    "CountQuestion",
    "Diagnosis",
    "Feedback",
    "FunctionQuestion",
    "Incorrect",
    "MultipartQuestion",
    "Note",
    "NotAttempted",
    "Outcome",
    "Question",
    "QuestionView",
    "ShapeDiagnosis",
    "Status",
    "StudentCodeError",
    "ThoughtQuestion",
    "ValueDiagnosis",
    "ValueQuestion",
    "YesNoQuestion",
    "____",
    "as_array",
    "as_numbers",
    "bind_exercise",
    "declare_questions",
    "close",
    "contains_placeholder",
    "describe",
    "diagnose_value",
    "graded",
    "is_tensor",
    "label_of",
]
