"""The judge process: loads the course's questions once, then judges one check per request.

Run as ``python -m autograder.grading.judge.server PARENT_PID`` by `autograder.grading.judge.process`;
it exits within a second of that parent, even in the middle of a verdict. Requests arrive on
stdin, each a JSON header line followed by the reply's text (``size`` bytes of UTF-8); each answer
is one JSON line on stdout:

* ``{"op": "load", "assignments": [...]}`` imports those assignments' questions (TensorFlow
  included); answers ``{"ready": true}``.
* ``{"op": "judge", "assignment": ..., "label": ..., "extra_cases": n, "seed": n}`` runs the
  question's rule. Each need of the rule (`autograder.core.answers`) is one line
  ``{"need": "<JSON>"}``, answered by ``{"op": "supply", "size": n}`` and the kernel's reply text
  (``size`` bytes), or ``{"op": "supply", "error": "..."}`` when the kernel gave none. The last
  line is the `Verdict`, ``{"passed": ..., "message": ...}``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
from typing import Any, BinaryIO


def _die_with(parent: int) -> None:
    """Exit when ``parent`` is gone (PR_SET_PDEATHSIG would follow the thread that started us)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="judge-parent-watch", daemon=True).start()


def answer(header: dict[str, Any], requests: BinaryIO, answers: BinaryIO) -> dict[str, Any]:
    """The answer to one request, asking for the kernel's data on the way."""
    from autograder.core.observed import MissingEvidence
    from autograder.exercises import load_questions
    from autograder.grading.judge.calls import GradeCall
    from autograder.grading.judge.collect import parse_reply
    from autograder.grading.judge.decide import checker_failed, decide
    from autograder.i18n import assignment_language, language

    if header.get("op") == "load":
        for assignment in header.get("assignments", []):
            with contextlib.suppress(LookupError):  # an assignment without questions is reported per cell
                load_questions(assignment)
        return {"ready": True}

    def supply(need: str) -> Any:
        write(answers, {"need": need})
        reply = json.loads(requests.readline() or "{}")
        if "error" in reply or reply.get("op") != "supply":
            raise MissingEvidence(str(reply.get("error", "the worker sent no answer"))[:500])
        return parse_reply(requests.read(int(reply.get("size", 0))).decode("utf-8", "replace"))

    call = GradeCall(header["label"], header["extra_cases"], header["seed"])
    try:
        return decide(header["assignment"], call, supply).as_dict()
    except Exception as error:  # whatever the answers do, the process answers and stays
        with language(assignment_language(header["assignment"])):
            return checker_failed(call.label, error).as_dict()


def write(answers: BinaryIO, line: dict[str, Any]) -> None:
    answers.write(json.dumps(line).encode() + b"\n")
    answers.flush()


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer requests until stdin closes."""
    while line := requests.readline():
        write(answers, answer(json.loads(line), requests, answers))


def main() -> None:
    _die_with(int(sys.argv[1]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, never into the answers
    serve(sys.stdin.buffer, answers)


if __name__ == "__main__":
    main()
