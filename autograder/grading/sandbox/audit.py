"""The guard's first job: an audit hook recording what a submission attempts while it runs.

Python offers no way to remove an audit hook. It records attempts to swap a checker object's
class, open the instructor's files or files outside the submission folder, reach the network,
run programs and walk the interpreter's objects; ordinary patches are the snapshot's to find
(`autograder.grading.sandbox.snapshot`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

from autograder.grading.sandbox.trusted import bind_builtins, in_roots
from autograder.grading.tamper.finding import TAMPER, WARNING
from autograder.grading.tamper.protected import names_secret

bind_builtins(globals())

MAX_EVENTS = 200
"""Events kept between two probes; the rest are counted."""
PROBED_EVENTS = frozenset(
    {
        "open",
        "os.listdir",
        "os.scandir",
        "socket.connect",
        "socket.getaddrinfo",
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "object.__setattr__",
        "object.__delattr__",
        "sys.addaudithook",
        "ctypes.dlopen",
        "ctypes.addressof",
        "gc.get_referrers",
        "gc.get_objects",
    }
)

Event = tuple[str, str, str, str]
"""severity, rule, detail, question name ("": none)."""


class AuditLog:
    """The events since the last probe; `hook` is what `sys.addaudithook` is given."""

    def __init__(self, trusted_roots: tuple[str, ...], allowed_roots: tuple[str, ...], secret_names: frozenset[str]):
        self.trusted_roots = trusted_roots
        self.allowed_roots = allowed_roots
        self.secret_names = secret_names
        self.events: list[Event] = []
        self.dropped = 0

    def hook(self, event: str, args: tuple, _in: Any = frozenset.__contains__) -> None:
        if not _in(PROBED_EVENTS, event):
            return
        with contextlib.suppress(Exception):  # an audit hook must never break the student's code
            self._classify(event, args)

    def take(self) -> list[Event]:
        """The events recorded since the last call, and how many did not fit."""
        events, self.events = self.events, []
        if self.dropped:
            events.append((WARNING, "introspection", f"{self.dropped} more audit events not shown", ""))
            self.dropped = 0
        return events

    def _note(self, kind: str, rule: str, detail: str) -> None:
        entry = (kind, rule, detail, "")
        if entry in self.events:
            return
        if len(self.events) >= MAX_EVENTS:
            self.dropped += 1
            return
        self.events.append(entry)

    def _classify(self, event: str, args: tuple) -> None:
        if event in ("open", "os.listdir", "os.scandir"):
            self._check_path(args[0] if args else None)
        elif event in ("socket.connect", "socket.getaddrinfo"):
            self._note(WARNING, "network", f"tried to reach the network ({event} {args[1:2]!r})")
        elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
            self._note(WARNING, "subprocess", f"tried to run a program ({event}: {str(args[:2])[:120]})")
        elif event in ("object.__setattr__", "object.__delattr__"):
            # Python audits only the special attributes (__class__, __bases__, ...), not ordinary ones;
            # swapping a checker object's class is the trick it catches. Ordinary patches are found by
            # the probe's comparison with the snapshot.
            target, name = args[0], args[1]
            cls = target if isinstance(target, type) else type(target)
            if _is_checker_class(cls) and self._called_from_notebook():
                self._note(TAMPER, "checker-patch", f"changed {cls.__module__}.{cls.__qualname__}.{name}")
        elif event == "sys.addaudithook":
            self._note(WARNING, "introspection", "installed an audit hook")
        elif event.startswith("ctypes."):
            self._note(WARNING, "introspection", f"used ctypes ({event})")
        elif event.startswith("gc."):
            self._note(WARNING, "introspection", f"searched the interpreter's objects ({event})")

    def _called_from_notebook(self, depth: int = 4) -> bool:
        """Whether code from a notebook cell is among the nearest callers of the audited operation.

        Libraries set class attributes too (dataclasses while a module is imported); they are
        trusted as long as no notebook code is within a few frames of the operation.
        """
        frame = sys._getframe(3)  # skip this method, _classify and hook
        for _ in range(depth):
            if frame is None:
                return False
            filename = frame.f_code.co_filename
            if not (filename.startswith("<frozen") or in_roots(filename, self.trusted_roots)):
                return True
            frame = frame.f_back
        return False

    def _check_path(self, path: Any) -> None:
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, str) or not path:
            return
        full = os.path.normpath(os.path.join(os.getcwd(), path))
        if names_secret(full, self.secret_names):
            self._note(TAMPER, "solution-read", f"tried to open {path!r}")
        elif not any(full == root or full.startswith(root + os.sep) for root in self.allowed_roots):
            self._note(WARNING, "outside-files", f"tried to open {path!r} outside the submission folder")


def _is_checker_class(cls: type) -> bool:
    """Classes whose patching changes a verdict: the checker's and the builtin ones."""
    module = getattr(cls, "__module__", "") or ""
    return module == "builtins" or module == "autograder" or module.startswith("autograder.")
