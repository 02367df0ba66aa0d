"""The notebook's side of the judge service: one conversation per ``check()``, ``hint()`` or ``solution()``.

Runs in the student's kernel, holds no answer. The WebSocket's input and output run on a thread of
their own (the kernel's event loop is busy running the cell); every need the service sends is
answered on the cell's own thread, from the notebook's namespace (`autograder.core.answering`), so
the student's functions run where they were defined, as in practice mode.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from autograder.core.answering import answer_text

JUDGE_URL = "AUTOGRADER_JUDGE_URL"
"""Where the service listens (``ws://host:port/...``), set by the hub for every student's server."""
TOKEN = "JUPYTERHUB_API_TOKEN"
"""The token the hub gave this student's server: the service learns from the hub whose it is."""
CONNECT_SECONDS = 10.0
REPLY_SECONDS = 120.0
"""How long a message from the service may take (a check waits its turn for a judge process)."""


class Unreachable(RuntimeError):
    """No answer from the judge service; the message says why, in plain words."""


def configured() -> bool:
    """Whether this notebook has a judge service to ask."""
    return bool(os.environ.get(JUDGE_URL))


def ask(
    request: dict[str, Any],
    url: str | None = None,
    token: str | None = None,
    answers: Callable[[str], str] = answer_text,
) -> dict[str, Any]:
    """Send ``request`` and return the service's last message (a verdict, notes or a refusal),
    answering each need on the way with ``answers`` (the notebook's bound namespace; a benchmark's
    simulated students each pass their own); `Unreachable` when the service does not answer.
    ``url`` and ``token`` default to this server's (`JUDGE_URL`, `TOKEN`)."""
    inbox: queue.Queue[dict[str, Any]] = queue.Queue()
    outbox: queue.Queue[str | None] = queue.Queue()
    address = url or os.environ.get(JUDGE_URL, "")
    credentials = token if token is not None else os.environ.get(TOKEN, "")
    arguments = (request, address, credentials, inbox, outbox)
    thread = threading.Thread(target=_converse, args=arguments, name="judge-service", daemon=True)
    thread.start()
    try:
        while True:
            try:
                message = inbox.get(timeout=REPLY_SECONDS + CONNECT_SECONDS)
            except queue.Empty:
                raise Unreachable("the judge service did not answer in time") from None
            if "need" not in message:
                if "unreachable" in message:
                    raise Unreachable(message["unreachable"])
                return message
            outbox.put(answers(str(message["need"])))
    finally:
        outbox.put(None)


def _converse(request: dict[str, Any], url: str, token: str, inbox: queue.Queue, outbox: queue.Queue) -> None:
    try:
        asyncio.run(_conversation(request, url, token, inbox, outbox))
    except Exception as error:  # anything the network does ends the conversation, in words
        inbox.put({"unreachable": f"{type(error).__name__}: {error}"[:300]})


async def _conversation(request: dict[str, Any], url: str, token: str, inbox: queue.Queue, outbox: queue.Queue) -> None:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {token}"}
    target = HTTPRequest(url, headers=headers, connect_timeout=CONNECT_SECONDS)
    connection = await websocket_connect(target, max_message_size=64 * 1024 * 1024)
    try:
        await connection.write_message(json.dumps(request))
        while True:
            text = await asyncio.wait_for(connection.read_message(), REPLY_SECONDS)
            if text is None:
                reason = connection.close_reason or "the judge service closed the connection"
                inbox.put({"unreachable": reason})
                return
            message = json.loads(text)
            inbox.put(message)
            if "need" not in message:
                return
            reply = await asyncio.to_thread(outbox.get)
            if reply is None:
                return
            await connection.write_message(json.dumps({"answer": reply}))
    finally:
        connection.close()
