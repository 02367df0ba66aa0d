"""How large a message a kernel may send the worker, and what happens to a kernel that sends one.

Every socket the worker opens to a kernel refuses frames over `MAX_FRAME_BYTES`: ZeroMQ reads a
frame's size from its header and disconnects the peer instead of allocating it
(``ZMQ_MAXMSGSIZE``), so a kernel cannot make the worker hold a 1 GiB display it never touched
itself. The limit is per frame; an honest message is far smaller: an output is kept up to 1 MB
(`autograder.grading.worker.output_caps`), and the largest the caps must still see whole to cut it
is the tens of megabytes issue 9's huge outputs take. The frames of one multipart message, each
under the limit, are held by ZeroMQ until the last one arrives; that is bounded from outside by
the watchdog's budget on the worker's own memory (`Limits.messages_mb`).

A message part is parsed as JSON, which costs the worker about 30 times its bytes for one made
of empty arrays (``[[],[],...]``: a 64 MiB part would take 2 GB in one call no watchdog can
interrupt), against about once its bytes for the text and images of honest outputs. So a large
part is first counted: one holding more than `MAX_CONTAINERS` arrays and objects outside its
strings is refused (`MessageRefused`) before it is parsed, and the notebook stops there.

A socket that loses its kernel while the kernel still runs was cut off (an oversized frame, or the
kernel closed its end): nothing more can arrive on it, so the kernel is killed at once rather
than waited for until the time limit, and `cut_off_reason` says why to the notebook's watchdog.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import zmq

MAX_FRAME_BYTES = 64 * 1024 * 1024
CUT_OFF = f"sent a message part over the {MAX_FRAME_BYTES // (1024 * 1024)} MB limit or dropped its connection"

MAX_CONTAINERS = 100_000
COUNTED_FROM = 1024 * 1024
"""Parts smaller than this (bytes) are parsed without counting: they cost at most about 30 MB."""
_STRINGS = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)  # possessive: never backtracks

Context = TypeVar("Context", bound=zmq.Context)
_cut_off: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()


def bounded(context: Context) -> Context:
    """``context``, with every socket made from it refusing frames over `MAX_FRAME_BYTES`."""
    context.setsockopt(zmq.MAXMSGSIZE, MAX_FRAME_BYTES)
    return context


def report_cut_off(sandbox: object, channel: str) -> None:
    """Note that the kernel in ``sandbox`` was cut off from the worker on ``channel``."""
    _cut_off.setdefault(sandbox, f"{CUT_OFF} ({channel} channel)")


def cut_off_reason(sandbox: object) -> str:
    """Why the kernel in ``sandbox`` was cut off since `forget_cut_off` ("" if it was not)."""
    return _cut_off.get(sandbox, "")


def forget_cut_off(sandbox: object) -> None:
    """Start a new notebook in ``sandbox`` with no cut-off noted."""
    _cut_off.pop(sandbox, None)


class MessageRefused(RuntimeError):
    """A kernel sent a message part that would cost the worker far more memory to parse than its size."""


def bounded_unpacker(unpack: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``unpack`` (a jupyter_client session's JSON unpacker), refusing a costly part first."""

    def unpack_bounded(data: Any) -> Any:
        if len(data) > COUNTED_FROM:
            raw = data if isinstance(data, bytes) else bytes(data)
            bare = _STRINGS.sub(b"", raw)
            if bare.count(b"[") + bare.count(b"{") > MAX_CONTAINERS:
                raise MessageRefused(
                    f"sent a message part with more than {MAX_CONTAINERS:,} arrays and objects, too costly to read"
                )
        return unpack(data)

    return unpack_bounded
