"""Asking a grading kernel for the answer to one of the judge's needs, as text only.

The request travels like the integrity probe's: a silent ``user_expressions`` request calling
`autograder.core.answering.answer_text`, which input transformers and cell magics never see.
Whatever comes back is untrusted text: the worker only checks its size and hands it on; the judge
process parses it (`parse_reply`) as one Python string literal and then as JSON, and nothing else.
"""

from __future__ import annotations

from typing import Any

from autograder.core.answering import answer_text
from autograder.core.evidence import MAX_BYTES, EvidenceError, loads
from autograder.grading.worker.ask import BadReply, ask_kernel, call_expression, expression_text, string_value

MAX_REPLY = 2 * MAX_BYTES + 2
"""The longest reply text: the answer as a string literal (quotes, and escapes within the cap)."""


async def request_answer(client: Any, need: str, timeout: float) -> str:
    """The kernel's answer to ``need``, as the unparsed text of a string literal (`EvidenceError` if
    it gives none)."""
    content = await ask_kernel(client, {"answer": call_expression(answer_text, need)}, timeout)
    if content is None:
        raise EvidenceError(f"the kernel did not answer within {timeout:.0f} s")
    return reply_text(content)


def reply_text(content: Any) -> str:
    """The text of an answer's reply, refused when missing, malformed or too large."""
    try:
        return expression_text(content, "answer", MAX_REPLY)
    except BadReply as error:
        raise EvidenceError(str(error)) from None


def parse_reply(text: str) -> Any:
    """The answer in a reply's text, as parsed JSON (in the judge process)."""
    try:
        document = string_value(text)
    except BadReply:
        raise EvidenceError("the kernel's answer is not a string") from None
    return loads(document)
