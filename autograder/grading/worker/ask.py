"""Asking a grading kernel to evaluate expressions silently, between cells, and waiting for its reply.

A silent ``user_expressions`` request: input transformers and cell magics never see it, it leaves
no history, and its answer comes back on the shell channel as data (each value's text form).
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any


async def ask_kernel(client: Any, expressions: dict[str, str], timeout: float) -> dict[str, Any] | None:
    """The kernel's reply content to ``expressions``, or None when it gives none within ``timeout``."""
    msg_id = client.kc.execute("", silent=True, store_history=False, user_expressions=expressions)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = await client.kc.shell_channel.get_msg(timeout=0.2)
        except Empty:
            await client._async_check_alive()
            continue
        if message["parent_header"].get("msg_id") == msg_id:
            return message["content"]
    return None
