"""Asking a grading kernel for the evidence its last grade cell's check recorded, as text only.

The request travels like the integrity probe's: a silent ``user_expressions`` request, which
input transformers and cell magics never see. Whatever comes back is untrusted text: the worker
only checks its size and hands it on; the judge process parses it (`parse_reply`) as one Python
string literal and then as JSON, and nothing else.
"""

from __future__ import annotations

from typing import Any

from autograder.core.evidence import MAX_BYTES, EvidenceError, loads
from autograder.evidence_store import recorded_evidence
from autograder.grading.judge.calls import GradeCall
from autograder.grading.worker.ask import BadReply, ask_kernel, call_expression, expression_text, string_value

MAX_REPLY = 2 * MAX_BYTES + 2
"""The longest reply text: the evidence as a string literal (quotes, and escapes within the cap)."""


async def request_evidence(client: Any, call: GradeCall, timeout: float) -> str:
    """The kernel's answer for one check, as the unparsed text of a string literal (`EvidenceError`
    if it gives none)."""
    expression = call_expression(recorded_evidence, call.label, call.extra_cases, call.seed)
    content = await ask_kernel(client, {"evidence": expression}, timeout)
    if content is None:
        raise EvidenceError(f"the kernel did not answer within {timeout:.0f} s")
    return reply_text(content)


def reply_text(content: Any) -> str:
    """The text of an evidence reply, refused when missing, malformed or too large."""
    try:
        return expression_text(content, "evidence", MAX_REPLY)
    except BadReply as error:
        raise EvidenceError(str(error)) from None


def parse_reply(text: str) -> Any:
    """The evidence in a reply's text, as parsed JSON (in the judge process)."""
    try:
        document = string_value(text)
    except BadReply:
        raise EvidenceError("the kernel's evidence is not a string") from None
    if not document:
        raise EvidenceError("the grade cell's check did not run in the notebook's kernel")
    return loads(document)
