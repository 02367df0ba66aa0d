"""Asking a grading kernel's guard what changed (see `autograder.grading.sandbox.guard`).

The question travels as a silent ``user_expressions`` request, which input transformers and cell
magics never see, and carries a fresh nonce the answer must echo. A kernel that fails to answer
properly has had its execution machinery altered, which is itself evidence of tampering.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from autograder.grading.sandbox import guard
from autograder.grading.tamper.finding import TAMPER
from autograder.grading.worker.ask import BadReply, ask_kernel, call_expression, expression_text, string_value

MAX_ANSWER = 1024 * 1024
"""The longest probe answer read (an honest one reports at most a few hundred findings and events)."""
MAX_FINDINGS = 1000
MAX_TEXT = 1000
Evidence = tuple[str, str, str, str]  # severity, rule, detail, question name or ""


async def probe(client: Any, timeout: float = 30.0) -> list[Evidence]:
    """Run the guard's probe in ``client``'s kernel; one `Evidence` tuple per finding."""
    nonce = secrets.token_hex(8)
    content = await ask_kernel(client, {"probe": call_expression(guard.probe, nonce)}, timeout)
    if content is None:
        return [(TAMPER, "ipython-hook", "the kernel did not answer the integrity check in time", "")]
    return read_answer(content, nonce)


def read_answer(content: Any, nonce: str) -> list[Evidence]:
    """The findings in a probe's execute reply, or why the reply itself is evidence."""
    refused = (TAMPER, "ipython-hook", "the kernel's execution machinery did not run the integrity check", "")
    try:
        payload = json.loads(string_value(expression_text(content, "probe", MAX_ANSWER)))
    except (BadReply, ValueError, RecursionError):
        return [refused]
    if type(payload) is not dict or payload.get("nonce") != nonce:
        return [(TAMPER, "ipython-hook", "the integrity check was answered by something else", "")]
    findings = payload.get("findings", [])
    if type(findings) is not list or len(findings) > MAX_FINDINGS or not all(_is_finding(f) for f in findings):
        return [(TAMPER, "ipython-hook", "the integrity check's answer was altered", "")]
    return [tuple(_text(part) for part in item) for item in findings]


def _is_finding(item: Any) -> bool:
    return type(item) is list and len(item) == 4 and all(type(part) is str for part in item)


def _text(part: str) -> str:
    """A finding's text, short and writable (a kernel may send lone surrogates)."""
    return part[:MAX_TEXT].encode("utf-8", "replace").decode("utf-8")
