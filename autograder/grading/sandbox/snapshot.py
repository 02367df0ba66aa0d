"""The guard's second job: what grading relies on, as it was before any student code, and what
has changed since (builtins, the checker and the libraries it calls, IPython's shell, the
question objects)."""

from __future__ import annotations

import builtins
import sys
import types
from collections.abc import Callable
from typing import Any

from autograder.core.observed import REGISTRIES
from autograder.course import QUESTION_LABEL
from autograder.grading.sandbox.audit import Event
from autograder.grading.sandbox.trusted import bind_builtins, is_trusted
from autograder.grading.tamper.finding import TAMPER
from autograder.grading.tamper.hooks import SHELL_HOOK_LISTS, SHELL_METHODS

bind_builtins(globals())

IPYTHON_BUILTINS = frozenset({"exit", "quit", "get_ipython", "display", "__IPYTHON__", "_", "__", "___"})
"""Names IPython itself puts into builtins while it runs code."""


class Snapshot:
    """The trusted state taken at install; `changes` lists what differs now."""

    def __init__(self, trusted_roots: tuple[str, ...], protected: tuple[str, ...], genuine: Callable[[Any], bool]):
        self.roots = trusted_roots
        self.protected = protected
        self.genuine = genuine
        self.builtins = dict(vars(builtins))
        self.modules = {name: sys.modules[name] for name in protected if name in sys.modules}
        self.attributes = {name: _callables(module) for name, module in self.modules.items()}
        self.shell: dict[str, Any] | None = None

    def changes(self, shell: Any) -> list[Event]:
        """Findings on what changed since the snapshot; the first call with a shell takes its baseline."""
        findings: list[Event] = []
        if shell is not None:
            if self.shell is None:
                self.shell = _shell_state(shell)
            else:
                self._check_shell(shell, findings)
            self._check_questions(shell.user_ns, findings)
        self._check_builtins(findings)
        self._check_modules(findings)
        self._check_registries(findings)
        return findings

    def _check_registries(self, findings: list[Event]) -> None:
        """The inspectors and policies the kernel runs for the judge: each still the course's own."""
        for name, registry in REGISTRIES.items():
            for entry, member in list(registry.items()):
                if not self._trusted(member):
                    findings.append((TAMPER, "checker-patch", f"replaced {name}[{entry!r}]", ""))

    def _trusted(self, value: Any) -> bool:
        return is_trusted(value, self.roots)

    def _check_builtins(self, findings: list[Event]) -> None:
        now = vars(builtins)
        for name, original in self.builtins.items():
            current = now.get(name, original)
            if current is not original and not (name in IPYTHON_BUILTINS and self._trusted(current)):
                findings.append((TAMPER, "builtins-patch", f"replaced builtins.{name}", ""))
        for name in set(now) - set(self.builtins):
            if callable(now[name]) and not self._trusted(now[name]):
                findings.append((TAMPER, "builtins-patch", f"added builtins.{name}", ""))

    def _check_modules(self, findings: list[Event]) -> None:
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                findings.append((TAMPER, "modules-patch", f"replaced sys.modules[{name!r}]", ""))
            for key, original in self.attributes[name].items():
                if vars(module).get(key, original) is not original:
                    findings.append((TAMPER, "modules-patch", f"replaced {name}.{key}", ""))
        for name, module in list(sys.modules.items()):
            if not any(name == p or name.startswith(p + ".") for p in self.protected):
                continue
            if not isinstance(module, types.ModuleType):
                findings.append((TAMPER, "modules-patch", f"replaced sys.modules[{name!r}]", ""))
                continue
            if name.startswith("autograder"):
                self._check_checker_module(name, module, findings)

    def _check_checker_module(self, name: str, module: types.ModuleType, findings: list[Event]) -> None:
        for key, value in list(vars(module).items()):
            if isinstance(value, type) and (value.__module__ or "").startswith("autograder"):
                for attr, member in list(vars(value).items()):
                    is_code = callable(member) or isinstance(member, (property, staticmethod, classmethod))
                    if is_code and not (self._trusted(member) or _generated_for(member, value)):
                        findings.append((TAMPER, "checker-patch", f"replaced {value.__qualname__}.{attr}", ""))
            elif callable(value) and not isinstance(value, types.ModuleType) and not self._trusted(value):
                findings.append((TAMPER, "checker-patch", f"replaced {name}.{key}", ""))

    def _check_questions(self, namespace: dict, findings: list[Event]) -> None:
        for name, value in list(namespace.items()):
            if QUESTION_LABEL.fullmatch(name) and not self.genuine(value):
                message = f"`{name}` is no longer the course's question object"
                findings.append((TAMPER, "checker-patch", message, name))

    def _check_shell(self, shell: Any, findings: list[Event]) -> None:
        before, now = self.shell, _shell_state(shell)
        assert before is not None
        if now["type"] is not before["type"]:
            findings.append((TAMPER, "ipython-hook", "replaced the class of the IPython shell", ""))
        for name, method in now["methods"].items():
            if method is not before["methods"][name]:
                findings.append((TAMPER, "ipython-hook", f"patched the shell's {name}", ""))
        for key, value in now["instance"].items():
            if before["instance"].get(key) is not value and callable(value) and not self._trusted(value):
                findings.append((TAMPER, "ipython-hook", f"replaced get_ipython().{key}", ""))
        for attr in SHELL_HOOK_LISTS:
            for hook in now[attr]:
                if hook not in before[attr] and not self._trusted(hook):
                    findings.append((TAMPER, "ipython-hook", f"added to get_ipython().{attr}", ""))
        for event, funcs in now["callbacks"].items():
            for func in funcs:
                if func not in before["callbacks"].get(event, []) and not self._trusted(func):
                    findings.append((TAMPER, "ipython-hook", f"registered a {event!r} event callback", ""))
        if now["custom_exceptions"] != before["custom_exceptions"]:
            findings.append((TAMPER, "ipython-hook", "set a custom exception handler (set_custom_exc)", ""))


def _callables(module: types.ModuleType) -> dict[str, Any]:
    return {
        key: value
        for key, value in list(vars(module).items())
        if callable(value) and not isinstance(value, types.ModuleType)
    }


def _generated_for(member: Any, cls: type) -> bool:
    """Methods a library wrote for the class when it was defined (dataclasses compile them)."""
    func = getattr(member, "__func__", member)
    code = getattr(func, "__code__", None)
    return (
        code is not None
        and code.co_filename == "<string>"
        and getattr(func, "__qualname__", "").startswith(cls.__qualname__ + ".")
    )


def _shell_state(shell: Any) -> dict[str, Any]:
    state: dict[str, Any] = {"type": type(shell), "instance": dict(vars(shell))}
    for attr in SHELL_HOOK_LISTS:
        state[attr] = list(getattr(shell, attr, []))
    state["callbacks"] = {name: list(funcs) for name, funcs in shell.events.callbacks.items()}
    state["custom_exceptions"] = tuple(getattr(shell, "custom_exceptions", ()))
    state["methods"] = {name: getattr(type(shell), name, None) for name in SHELL_METHODS}
    return state
