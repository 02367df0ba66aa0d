"""How large a message a kernel may send the worker, and what happens to a kernel that sends one.

Every socket the worker opens to a kernel refuses frames over `MAX_FRAME_BYTES`: ZeroMQ reads a
frame's size from its header and disconnects the peer instead of allocating it
(``ZMQ_MAXMSGSIZE``), so a kernel cannot make the worker hold a 1 GiB display it never touched
itself. The limit is per frame; an honest message is far smaller: an output is kept up to 1 MB
(`autograder.grading.worker.output_caps`), and the largest the caps must still see whole to cut it
is the tens of megabytes issue 9's huge outputs take. The frames of one multipart message, each
under the limit, are held by ZeroMQ until the last one arrives; that is bounded from outside by
the watchdog's budget on the worker's own memory (`Limits.messages_mb`).

A socket that loses its kernel while the kernel still runs was cut off (an oversized frame, or the
kernel closed its end): nothing more can arrive on it, so the kernel is killed at once rather
than waited for until the time limit, and `cut_off_reason` says why to the notebook's watchdog.
"""

from __future__ import annotations

import weakref
from typing import TypeVar

import zmq

MAX_FRAME_BYTES = 64 * 1024 * 1024
CUT_OFF = f"sent a message part over the {MAX_FRAME_BYTES // (1024 * 1024)} MB limit or dropped its connection"

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
