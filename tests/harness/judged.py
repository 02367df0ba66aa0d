"""Check an answer both ways: live, as in a notebook, and judged from its evidence alone.

Every exercise test goes through `checked`, so each right answer, each tempting mistake and each
piece of garbage the suite tries is also a test that the out-of-process judge, given only the
JSON evidence the kernel would send, reaches exactly the notebook's outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from autograder.core import Outcome, Question
from autograder.core.evidence import dumps, loads


def checked(question: Question, namespace: Mapping[str, Any], **options: Any) -> Outcome:
    """The live outcome, after asserting that the judge gives the same one from the evidence."""
    live, evidence = question.collect(namespace, **options)
    judged = question.judge(loads(dumps(evidence)), **options)
    assert judged == live, f"the judge disagrees with the notebook:\n  live:   {live}\n  judged: {judged}"
    return live
