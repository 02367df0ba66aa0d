"""Asking a grading kernel for the evidence its last grade cell's check recorded, as text only.

The request travels like the integrity probe's: a silent ``user_expressions`` request, which
input transformers and cell magics never see. Whatever comes back is untrusted text: the worker
only checks its size and hands it on; the judge process parses it (`parse_reply`) as a Python
string literal and then as JSON, and nothing else.
"""

from __future__ import annotations

import ast
from typing import Any

from autograder.core.evidence import MAX_BYTES, EvidenceError, loads
from autograder.grading.judge.calls import GradeCall
from autograder.grading.worker.ask import ask_kernel

EXPRESSION = "__import__('autograder.core.view', fromlist=['recorded_evidence']).recorded_evidence({args})"
MAX_REPLY = 2 * MAX_BYTES + 2
"""The longest reply text: the evidence as a string literal (quotes, and escapes within the cap)."""


async def request_evidence(client: Any, call: GradeCall, timeout: float) -> str:
    """The kernel's answer for one check, as the unparsed text of a string literal (`EvidenceError`
    if it gives none)."""
    args = ", ".join(repr(value) for value in (call.label, call.extra_cases, call.seed))
    content = await ask_kernel(client, {"evidence": EXPRESSION.format(args=args)}, timeout)
    if content is None:
        raise EvidenceError(f"the kernel did not answer within {timeout:.0f} s")
    return reply_text(content)


def reply_text(content: dict[str, Any]) -> str:
    """The text of an evidence reply, refused when missing or too large."""
    answer = content.get("user_expressions", {}).get("evidence", {}) if content.get("status") == "ok" else {}
    if answer.get("status") != "ok":
        detail = f"{answer.get('ename', 'no answer')}: {answer.get('evalue', '')}".strip(": ")
        raise EvidenceError(f"the kernel could not collect the evidence ({str(detail)[:300]})")
    text = answer.get("data", {}).get("text/plain")
    if not isinstance(text, str) or len(text) > MAX_REPLY:
        raise EvidenceError("the kernel's evidence is missing or too large")
    return text


def parse_reply(text: str) -> Any:
    """The evidence in a reply's text, as parsed JSON (in the judge process)."""
    try:
        document = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise EvidenceError("the kernel's evidence is not a string") from None
    if not isinstance(document, str):
        raise EvidenceError("the kernel's evidence is not a string")
    if not document:
        raise EvidenceError("the grade cell's check did not run in the notebook's kernel")
    return loads(document)
