"""Asking a grading kernel's guard what changed (see `autograder.grading.sandbox.guard`).

The question travels as a silent ``user_expressions`` request, which input transformers and cell
magics never see, and carries a fresh nonce the answer must echo. A kernel that fails to answer
properly has had its execution machinery altered, which is itself evidence of tampering.
"""

from __future__ import annotations

import ast
import json
import secrets
from typing import Any

from autograder.grading.sandbox.guard import TAMPER
from autograder.grading.worker.ask import ask_kernel

EXPRESSION = "__import__('autograder.grading.sandbox.guard', fromlist=['probe']).probe({nonce!r})"
Evidence = tuple[str, str, str, str]  # severity, rule, detail, question name or ""


async def probe(client: Any, timeout: float = 30.0) -> list[Evidence]:
    """Run the guard's probe in ``client``'s kernel; one `Evidence` tuple per finding."""
    nonce = secrets.token_hex(8)
    content = await ask_kernel(client, {"probe": EXPRESSION.format(nonce=nonce)}, timeout)
    if content is None:
        return [(TAMPER, "ipython-hook", "the kernel did not answer the integrity check in time", "")]
    return read_answer(content, nonce)


def read_answer(content: dict[str, Any], nonce: str) -> list[Evidence]:
    """The findings in a probe's execute reply, or why the reply itself is evidence."""
    refused = (TAMPER, "ipython-hook", "the kernel's execution machinery did not run the integrity check", "")
    if content.get("status") != "ok":
        return [refused]
    answer = content.get("user_expressions", {}).get("probe", {})
    if answer.get("status") != "ok":
        return [refused]
    try:
        payload = json.loads(ast.literal_eval(answer["data"]["text/plain"]))
    except (KeyError, ValueError, SyntaxError, TypeError):
        return [refused]
    if not isinstance(payload, dict) or payload.get("nonce") != nonce:
        return [(TAMPER, "ipython-hook", "the integrity check was answered by something else", "")]
    return [tuple(item) for item in payload.get("findings", []) if len(item) == 4]
