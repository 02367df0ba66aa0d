"""Asking a grading kernel for the evidence its last grade cell's check recorded, as data only.

The request travels like the integrity probe's: a silent ``user_expressions`` request, which
input transformers and cell magics never see. Whatever comes back is untrusted text; it is
parsed as a Python string literal and then as JSON, with a size cap, and nothing else.
"""

from __future__ import annotations

import ast
from typing import Any

from autograder.core.evidence import MAX_BYTES, EvidenceError, loads
from autograder.grading.worker.ask import ask_kernel

EXPRESSION = "__import__('autograder.core.view', fromlist=['recorded_evidence']).recorded_evidence({args})"


async def request_evidence(client: Any, label: str, extra_cases: int, seed: int, timeout: float) -> Any:
    """The evidence the kernel recorded for one check, as parsed JSON (`EvidenceError` if none)."""
    args = ", ".join(repr(value) for value in (label, extra_cases, seed))
    content = await ask_kernel(client, {"evidence": EXPRESSION.format(args=args)}, timeout)
    if content is None:
        raise EvidenceError(f"the kernel did not answer within {timeout:.0f} s")
    return _read(content)


def _read(content: dict[str, Any]) -> Any:
    answer = content.get("user_expressions", {}).get("evidence", {}) if content.get("status") == "ok" else {}
    if answer.get("status") != "ok":
        detail = f"{answer.get('ename', 'no answer')}: {answer.get('evalue', '')}".strip(": ")
        raise EvidenceError(f"the kernel could not collect the evidence ({detail[:300]})")
    text = answer.get("data", {}).get("text/plain")
    if not isinstance(text, str) or len(text) > 2 * MAX_BYTES:
        raise EvidenceError("the kernel's evidence is missing or too large")
    try:
        document = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise EvidenceError("the kernel's evidence is not a string") from None
    if not isinstance(document, str):
        raise EvidenceError("the kernel's evidence is not a string")
    if not document:
        raise EvidenceError("the grade cell's check did not run in the notebook's kernel")
    return loads(document)
