"""What the in-kernel guard counts as the course's own code, and the builtins it binds for itself.

Module globals are looked up before builtins: a guard module that binds the builtins it calls
(`bind_builtins`) cannot be blinded by a submission that patches them.
"""

from __future__ import annotations

import builtins
import os
import sys
import types
from typing import Any

GUARD_BUILTINS = (
    "any",
    "callable",
    "dict",
    "frozenset",
    "getattr",
    "hasattr",
    "isinstance",
    "len",
    "list",
    "set",
    "sorted",
    "str",
    "tuple",
    "type",
    "vars",
)
NATIVE_CALLABLES = (
    types.BuiltinFunctionType,
    types.WrapperDescriptorType,
    types.MethodWrapperType,
    types.MethodDescriptorType,
)


def bind_builtins(namespace: dict[str, Any]) -> None:
    """Bind the builtins the guard calls as globals of the module whose ``namespace`` this is."""
    namespace.update({name: vars(builtins)[name] for name in GUARD_BUILTINS})


bind_builtins(globals())


def in_roots(filename: str, roots: tuple[str, ...]) -> bool:
    """Whether ``filename`` lies under one of ``roots`` (installed, read-only code)."""
    full = os.path.normpath(filename)
    return any(full.startswith(root + os.sep) for root in roots)


def is_trusted(value: Any, roots: tuple[str, ...]) -> bool:
    """Whether a callable comes from installed, read-only code rather than from a notebook cell."""
    if isinstance(value, type):
        if value.__module__ in sys.builtin_module_names:
            return True
        module = sys.modules.get(value.__module__)
        return in_roots(getattr(module, "__file__", None) or "<notebook>", roots)
    func = getattr(value, "__func__", value)
    code = getattr(func, "__code__", None) or getattr(getattr(func, "fget", None), "__code__", None)
    if code is not None:
        return in_roots(code.co_filename, roots)
    if isinstance(func, NATIVE_CALLABLES):
        return True
    return is_trusted(type(func), roots)
