"""Asking a grading kernel to evaluate expressions silently, between cells, and waiting for its reply.

A silent ``user_expressions`` request: input transformers and cell magics never see it, it leaves
no history, and its answer comes back on the shell channel as data (each value's text form).
Whatever comes back is untrusted: `expression_text` reads one value's text out of the reply, size
first, and `string_value` reads a string literal from it and nothing else.
"""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Callable
from queue import Empty
from typing import Any

from jupyter_core.utils import ensure_async
from nbclient.exceptions import DeadKernelError

STRING_LITERAL = re.compile(r"'(?:[^'\\\n]|\\.)*'" "|" r'"(?:[^"\\\n]|\\.)*"', re.DOTALL)
"""One quoted string literal without prefix, as ``repr`` of a ``str`` writes it."""


class BadReply(ValueError):
    """A reply that does not hold what was asked for (the message says why)."""


async def ask_kernel(client: Any, expressions: dict[str, str], timeout: float) -> dict[str, Any] | None:
    """The kernel's reply content to ``expressions``, or None when it gives none within ``timeout``."""
    msg_id = client.kc.execute("", silent=True, store_history=False, user_expressions=expressions)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = await client.kc.shell_channel.get_msg(timeout=0.2)
        except Empty:
            if not await ensure_async(client.km.is_alive()):
                raise DeadKernelError("the kernel died while the worker waited for its answer") from None
            continue
        if message["parent_header"].get("msg_id") == msg_id:
            return message["content"]
    return None


def call_expression(func: Callable[..., Any], *args: Any) -> str:
    """The expression that calls ``func`` in the kernel, importing it by its own module and name
    (so a rename follows), with literal ``args``."""
    module, name = func.__module__, func.__name__
    arguments = ", ".join(repr(arg) for arg in args)
    return f"__import__({module!r}, fromlist=[{name!r}]).{name}({arguments})"


def expression_text(content: Any, name: str, limit: int) -> str:
    """The text form of the value of expression ``name`` in a reply's content (`BadReply` if it
    raised, is missing or is longer than ``limit``)."""
    ok = _field(content, "status") == "ok"
    answer = _field(_field(content, "user_expressions"), name) if ok else {}
    if _field(answer, "status") != "ok":
        detail = f"{_field(answer, 'ename') or 'no answer'}: {_field(answer, 'evalue') or ''}".strip(": ")
        raise BadReply(f"the kernel could not answer ({str(detail)[:300]})")
    text = _field(_field(answer, "data"), "text/plain")
    if not isinstance(text, str) or len(text) > limit:
        raise BadReply("the kernel's answer is missing or too large")
    return text


def string_value(text: str) -> str:
    """The string a string literal's text holds; no other literal (a 5 MB list of zeros is 2 GB of
    Python objects) is ever built."""
    if not STRING_LITERAL.fullmatch(text):
        raise BadReply("the kernel's answer is not a string")
    try:
        value = ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise BadReply("the kernel's answer is not a string") from None
    if not isinstance(value, str):
        raise BadReply("the kernel's answer is not a string")
    return value


def _field(mapping: Any, key: str) -> Any:
    """``mapping[key]`` if ``mapping`` is a dict with it, else {} (a kernel may reply anything)."""
    return mapping.get(key, {}) if type(mapping) is dict else {}
