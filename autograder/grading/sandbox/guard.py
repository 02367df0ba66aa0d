"""Tamper evidence gathered inside a grading kernel.

`install` runs in the forked kernel before any student code: it snapshots what grading relies on
(builtins, the checker, the libraries it calls) and adds an audit hook, which Python offers no way
to remove, recording attempts to swap a checker object's class, leave the submission folder, reach
the network or run programs. The worker then calls `probe` after the kernel starts and after every grade cell,
through ``user_expressions`` (which bypass the input transformers a submission could install);
each probe reports what changed since the snapshot and the events since the last probe.

This is evidence, not a wall: the student's code shares the process. The sandbox is the wall.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import sys
import types
from typing import Any

from autograder.course import QUESTION_LABEL
from autograder.grading.tamper.finding import TAMPER, WARNING
from autograder.grading.tamper.hooks import SHELL_HOOK_LISTS, SHELL_METHODS
from autograder.grading.tamper.protected import names_secret

_MAX_EVENTS = 200
_PROBED_EVENTS = frozenset(
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
# Names IPython itself puts into builtins while it runs code.
_IPYTHON_BUILTINS = frozenset({"exit", "quit", "get_ipython", "display", "__IPYTHON__", "_", "__", "___"})
_NATIVE_CALLABLES = (
    types.BuiltinFunctionType,
    types.WrapperDescriptorType,
    types.MethodWrapperType,
    types.MethodDescriptorType,
)

_state: dict[str, Any] = {}

# Module globals are looked up before builtins: binding these here means a submission that
# patches builtins cannot blind the guard.
_GUARD_BUILTINS = (
    "any",
    "callable",
    "dict",
    "frozenset",
    "getattr",
    "isinstance",
    "len",
    "list",
    "set",
    "sorted",
    "str",
    "tuple",
    "type",
    "vars",
    "hasattr",
)
globals().update({name: vars(builtins)[name] for name in _GUARD_BUILTINS})


def install(options: dict[str, Any]) -> None:
    """Snapshot the trusted state and start recording audit events."""
    roots = tuple(os.path.normpath(path) for path in options.get("trusted_roots", ()))
    _state.update(
        trusted_roots=roots,
        allowed_roots=tuple(os.path.normpath(p) for p in options.get("allowed_roots", ())),
        secret_names=frozenset(options.get("secret_names", ())),
        protected=tuple(options.get("protected_modules", ())),
        builtins=dict(vars(builtins)),
        modules={name: sys.modules[name] for name in options.get("protected_modules", ()) if name in sys.modules},
        events=[],
        dropped=0,
        shell=None,
    )
    _state["attributes"] = {name: _callables(module) for name, module in _state["modules"].items()}
    from autograder.core.view import is_genuine_view  # bound now: a notebook that replaces it is seen, not obeyed

    _state["is_genuine_view"] = is_genuine_view
    sys.addaudithook(_audit)


def _callables(module: types.ModuleType) -> dict[str, Any]:
    return {
        key: value
        for key, value in list(vars(module).items())
        if callable(value) and not isinstance(value, types.ModuleType)
    }


def _note(kind: str, rule: str, detail: str) -> None:
    events = _state["events"]
    entry = (kind, rule, detail, "")
    if entry in events:
        return
    if len(events) >= _MAX_EVENTS:
        _state["dropped"] += 1
        return
    events.append(entry)


def _audit(event: str, args: tuple, _in: Any = frozenset.__contains__) -> None:
    if not _in(_PROBED_EVENTS, event):
        return
    with contextlib.suppress(Exception):  # an audit hook must never break the student's code
        _classify(event, args)


def _classify(event: str, args: tuple) -> None:
    if event in ("open", "os.listdir", "os.scandir"):
        _check_path(args[0] if args else None)
    elif event in ("socket.connect", "socket.getaddrinfo"):
        _note(WARNING, "network", f"tried to reach the network ({event} {args[1:2]!r})")
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        _note(WARNING, "subprocess", f"tried to run a program ({event}: {str(args[:2])[:120]})")
    elif event in ("object.__setattr__", "object.__delattr__"):
        # Python audits only the special attributes (__class__, __bases__, ...), not ordinary ones;
        # swapping a checker object's class is the trick it catches. Ordinary patches are found by
        # the probe's comparison with the snapshot.
        target, name = args[0], args[1]
        cls = target if isinstance(target, type) else type(target)
        if _is_checker_class(cls) and _called_from_notebook():
            _note(TAMPER, "checker-patch", f"changed {cls.__module__}.{cls.__qualname__}.{name}")
    elif event == "sys.addaudithook":
        _note(WARNING, "introspection", "installed an audit hook")
    elif event.startswith("ctypes."):
        _note(WARNING, "introspection", f"used ctypes ({event})")
    elif event.startswith("gc."):
        _note(WARNING, "introspection", f"searched the interpreter's objects ({event})")


def _is_checker_class(cls: type) -> bool:
    """Classes whose patching changes a verdict: the checker's and the builtin ones."""
    module = getattr(cls, "__module__", "") or ""
    return module == "builtins" or module == "autograder" or module.startswith("autograder.")


def _called_from_notebook(depth: int = 4) -> bool:
    """Whether code from a notebook cell is among the nearest callers of the audited operation.

    Libraries set class attributes too (dataclasses while a module is imported); they are
    trusted as long as no notebook code is within a few frames of the operation.
    """
    frame = sys._getframe(3)  # skip this function, _classify and _audit
    for _ in range(depth):
        if frame is None:
            return False
        filename = frame.f_code.co_filename
        if not (filename.startswith("<frozen") or _in_trusted_roots(filename)):
            return True
        frame = frame.f_back
    return False


def _check_path(path: Any) -> None:
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str) or not path:
        return
    full = os.path.normpath(os.path.join(os.getcwd(), path))
    if names_secret(full, _state["secret_names"]):
        _note(TAMPER, "solution-read", f"tried to open {path!r}")
    elif not any(full == root or full.startswith(root + os.sep) for root in _state["allowed_roots"]):
        _note(WARNING, "outside-files", f"tried to open {path!r} outside the submission folder")


def _in_trusted_roots(filename: str) -> bool:
    full = os.path.normpath(filename)
    return any(full.startswith(root + os.sep) for root in _state["trusted_roots"])


def _trusted(value: Any) -> bool:
    """Whether a callable comes from installed, read-only code rather than from a notebook cell."""
    if isinstance(value, type):
        if value.__module__ in sys.builtin_module_names:
            return True
        module = sys.modules.get(value.__module__)
        return _in_trusted_roots(getattr(module, "__file__", None) or "<notebook>")
    func = getattr(value, "__func__", value)
    code = getattr(func, "__code__", None) or getattr(getattr(func, "fget", None), "__code__", None)
    if code is not None:
        return _in_trusted_roots(code.co_filename)
    if isinstance(func, _NATIVE_CALLABLES):
        return True
    return _trusted(type(func))


def _check_builtins(findings: list) -> None:
    now = vars(builtins)
    for name, original in _state["builtins"].items():
        current = now.get(name, original)
        if current is not original and not (name in _IPYTHON_BUILTINS and _trusted(current)):
            findings.append((TAMPER, "builtins-patch", f"replaced builtins.{name}", ""))
    for name in set(now) - set(_state["builtins"]):
        if callable(now[name]) and not _trusted(now[name]):
            findings.append((TAMPER, "builtins-patch", f"added builtins.{name}", ""))


def _check_modules(findings: list) -> None:
    for name, module in _state["modules"].items():
        if sys.modules.get(name) is not module:
            findings.append((TAMPER, "modules-patch", f"replaced sys.modules[{name!r}]", ""))
        for key, original in _state["attributes"][name].items():
            if vars(module).get(key, original) is not original:
                findings.append((TAMPER, "modules-patch", f"replaced {name}.{key}", ""))
    for name, module in list(sys.modules.items()):
        if not any(name == p or name.startswith(p + ".") for p in _state["protected"]):
            continue
        if not isinstance(module, types.ModuleType):
            findings.append((TAMPER, "modules-patch", f"replaced sys.modules[{name!r}]", ""))
            continue
        if name.startswith("autograder"):
            _check_checker_module(name, module, findings)


def _check_checker_module(name: str, module: types.ModuleType, findings: list) -> None:
    for key, value in list(vars(module).items()):
        if isinstance(value, type) and (value.__module__ or "").startswith("autograder"):
            for attr, member in list(vars(value).items()):
                is_code = callable(member) or isinstance(member, (property, staticmethod, classmethod))
                if is_code and not (_trusted(member) or _generated_for(member, value)):
                    findings.append((TAMPER, "checker-patch", f"replaced {value.__qualname__}.{attr}", ""))
        elif callable(value) and not isinstance(value, types.ModuleType) and not _trusted(value):
            findings.append((TAMPER, "checker-patch", f"replaced {name}.{key}", ""))


def _generated_for(member: Any, cls: type) -> bool:
    """Methods a library wrote for the class when it was defined (dataclasses compile them)."""
    func = getattr(member, "__func__", member)
    code = getattr(func, "__code__", None)
    return (
        code is not None
        and code.co_filename == "<string>"
        and getattr(func, "__qualname__", "").startswith(cls.__qualname__ + ".")
    )


def _check_questions(namespace: dict, findings: list) -> None:
    genuine = _state["is_genuine_view"]
    for name, value in list(namespace.items()):
        if QUESTION_LABEL.fullmatch(name) and not genuine(value):
            findings.append((TAMPER, "checker-patch", f"`{name}` is no longer the course's question object", name))


def _shell_state(shell: Any) -> dict[str, Any]:
    state: dict[str, Any] = {"type": type(shell), "instance": dict(vars(shell))}
    for attr in SHELL_HOOK_LISTS:
        state[attr] = list(getattr(shell, attr, []))
    state["callbacks"] = {name: list(funcs) for name, funcs in shell.events.callbacks.items()}
    state["custom_exceptions"] = tuple(getattr(shell, "custom_exceptions", ()))
    state["methods"] = {name: getattr(type(shell), name, None) for name in SHELL_METHODS}
    return state


def _check_shell(shell: Any, findings: list) -> None:
    before, now = _state["shell"], _shell_state(shell)
    if now["type"] is not before["type"]:
        findings.append((TAMPER, "ipython-hook", "replaced the class of the IPython shell", ""))
    for name, method in now["methods"].items():
        if method is not before["methods"][name]:
            findings.append((TAMPER, "ipython-hook", f"patched the shell's {name}", ""))
    for key, value in now["instance"].items():
        if before["instance"].get(key) is not value and callable(value) and not _trusted(value):
            findings.append((TAMPER, "ipython-hook", f"replaced get_ipython().{key}", ""))
    for attr in SHELL_HOOK_LISTS:
        for hook in now[attr]:
            if hook not in before[attr] and not _trusted(hook):
                findings.append((TAMPER, "ipython-hook", f"added to get_ipython().{attr}", ""))
    for event, funcs in now["callbacks"].items():
        for func in funcs:
            if func not in before["callbacks"].get(event, []) and not _trusted(func):
                findings.append((TAMPER, "ipython-hook", f"registered a {event!r} event callback", ""))
    if now["custom_exceptions"] != before["custom_exceptions"]:
        findings.append((TAMPER, "ipython-hook", "set a custom exception handler (set_custom_exc)", ""))


def probe(nonce: str) -> str:
    """Findings since the last probe, as JSON; the first call records the shell's baseline."""
    findings: list = []
    shell = _get_shell()
    if shell is not None:
        if _state["shell"] is None:
            _state["shell"] = _shell_state(shell)
        else:
            _check_shell(shell, findings)
        _check_questions(shell.user_ns, findings)
    _check_builtins(findings)
    _check_modules(findings)
    events, _state["events"] = _state["events"], []
    if _state["dropped"]:
        events.append((WARNING, "introspection", f"{_state['dropped']} more audit events not shown", ""))
        _state["dropped"] = 0
    unique = list(dict.fromkeys(map(tuple, findings + events)))
    return json.dumps({"nonce": nonce, "findings": unique})


def _get_shell() -> Any:
    interactive = sys.modules.get("IPython.core.interactiveshell")
    if interactive is None:
        return None
    return interactive.InteractiveShell.instance() if interactive.InteractiveShell.initialized() else None
