"""What a submission must not touch: one list each for the static scan and the in-kernel guard."""

from __future__ import annotations

import re
from collections.abc import Iterable

PROTECTED_MODULES = ("autograder", "numpy", "tensorflow", "keras", "IPython", "ipykernel", "builtins", "sys")
"""Modules a submission must not patch: the checker, what it computes with, and the interpreter's own."""

GUARDED_MODULES = tuple(name for name in PROTECTED_MODULES if name not in ("builtins", "sys"))
"""The modules whose functions the in-kernel guard snapshots: `builtins` it checks on its own, and
`sys` is IPython's to rebind (its display and exception hooks, its streams) as every kernel starts."""

SECRET_NAMES = ("source", "gradebook", "autograded", "submitted", "nbgrader_config")
"""Path components (or file names without their extension) that name the instructor's files."""


def names_secret(path: str, secret_names: Iterable[str] = SECRET_NAMES) -> bool:
    """Whether ``path`` names one of the instructor's files or folders."""
    parts = re.split(r"[\\/]", path)
    return bool({*parts, parts[-1].split(".")[0]} & set(secret_names))
