"""Tamper evidence gathered inside a grading kernel.

`install` runs in the forked kernel before any student code: it takes a `Snapshot` of what
grading relies on (builtins, the checker, the libraries it calls) and adds an `AuditLog`'s hook,
which Python offers no way to remove. The worker then calls `probe` after the kernel starts and
after every grade cell, through ``user_expressions`` (which bypass the input transformers a
submission could install); each probe reports what changed since the snapshot and the events
since the last probe.

This is evidence, not a wall: the student's code shares the process. The sandbox is the wall.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from autograder.grading.sandbox.audit import AuditLog
from autograder.grading.sandbox.snapshot import Snapshot
from autograder.grading.sandbox.trusted import bind_builtins

bind_builtins(globals())

_installed: dict[str, Any] = {}


def install(options: dict[str, Any]) -> None:
    """Snapshot the trusted state and start recording audit events."""
    from autograder.core.view import is_genuine_view  # bound now: a notebook that replaces it is seen, not obeyed

    trusted = tuple(os.path.normpath(path) for path in options.get("trusted_roots", ()))
    allowed = tuple(os.path.normpath(path) for path in options.get("allowed_roots", ()))
    log = AuditLog(trusted, allowed, frozenset(options.get("secret_names", ())))
    snapshot = Snapshot(trusted, tuple(options.get("protected_modules", ())), is_genuine_view)
    _installed.update(log=log, snapshot=snapshot)
    sys.addaudithook(log.hook)


def probe(nonce: str) -> str:
    """Findings since the last probe, as JSON; the first call records the shell's baseline."""
    findings = _installed["snapshot"].changes(_get_shell()) + _installed["log"].take()
    unique = list(dict.fromkeys(map(tuple, findings)))
    return json.dumps({"nonce": nonce, "findings": unique})


def _get_shell() -> Any:
    interactive = sys.modules.get("IPython.core.interactiveshell")
    if interactive is None:
        return None
    return interactive.InteractiveShell.instance() if interactive.InteractiveShell.initialized() else None
