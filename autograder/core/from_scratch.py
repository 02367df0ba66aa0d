"""Function questions that ask the student to write, by hand, something a library already does.

The rule, stated to students in each such question: the answer may not hand the work to the
library functions the question lists. It is enforced twice.

- Before running anything, the student's function is read: the global names its code uses (all
  of them if it calls ``globals()``), the module attributes it reads through them
  (``tf.nn.conv2d``), its default arguments and closures, recursively those of the notebook
  functions it calls, and what all these hold (containers, partials, objects and notebook
  classes, within bounds a huge structure cannot stretch) must not be one of those library
  functions, nor a traced ``tf.function`` whose graph holds one of the refused TensorFlow
  operations (see `autograder.core.traced`). So ``from scipy.signal import correlate2d`` at the
  top of a cell is caught too, and so is a convolution traced and kept in a dict.
- While the student's function runs for a test case, those functions are replaced, where they
  live (``tf.nn``, ``scipy.signal``, ...), by stand-ins that record the call and raise; the
  originals are always put back. This catches calls through modules, Keras layers built on them,
  and imports inside the function. The refused operations are watched too, in this thread: one
  run directly, or inside a traced function that runs as a single operation.

Only modules already imported are patched, so checking never imports a library itself. What
neither reading nor watching sees: a library function reached in a way the reading cannot follow
(a name computed at run time other than through ``globals()``, ``sys.modules``, frames, a file the
student imports) and then run in another thread, or as a graph outside eager execution (a
``tf.compat.v1.Session``, a ``tf.data`` iterator made before the check). The static scan flags a
``tf.function`` around a library convolution or pooling for the instructor.
"""

from __future__ import annotations

import builtins
import collections
import copy
import dis
import functools
import itertools
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from autograder.core import traced
from autograder.core.observed import inspects, policy
from autograder.core.outcome import Incorrect, StudentCodeError
from autograder.core.question import CheckContext, FunctionQuestion
from autograder.i18n import N_, _


@dataclass(frozen=True)
class LibraryFunctions:
    """Library functions that would do a question's work, grouped by the namespace holding them."""

    module: str
    """Import name that must already be loaded for the group to apply (``"scipy.signal"``)."""
    shown_as: str
    """Prefix shown to students (``"tf.nn"``)."""
    names: tuple[str, ...]
    within: str = ""
    """Attribute path from the module to the namespace holding `names` (``"compat.v1.nn"``)."""
    operations: tuple[str, ...] = ()
    """TensorFlow operation types refused however they are reached (``"Conv2D"``): a private
    module, a function kept aside in a variable, a Keras layer. Shown as ``<shown_as>.<type>``."""


def refused_names(groups: tuple[LibraryFunctions, ...]) -> frozenset[str]:
    """Every function name and operation type the groups refuse (``conv2d``, ``Conv2D``), for reading code."""
    return frozenset(name for group in groups for name in (*group.names, *group.operations))


class LibraryUsed(Exception):
    """Raised by a stand-in when the student's code calls a blocked library function."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(name)

    def __str__(self) -> str:
        return _("`{name}` is switched off while your function is checked; write the computation yourself.").format(
            name=self.name
        )


def _locations(groups: tuple[LibraryFunctions, ...]) -> Iterator[tuple[Any, str, str]]:
    """(namespace, attribute, shown name) of every blocked function whose module is loaded."""
    for group in groups:
        holder = sys.modules.get(group.module)
        if holder is None:
            continue
        try:
            for part in filter(None, group.within.split(".")):
                holder = getattr(holder, part)
        except AttributeError:
            continue
        for name in group.names:
            if getattr(holder, name, None) is not None:
                yield holder, name, f"{group.shown_as}.{name}"


def _originals(groups: tuple[LibraryFunctions, ...]) -> dict[int, tuple[Any, str]]:
    found: dict[int, tuple[Any, str]] = {}
    for holder, name, shown in _locations(groups):
        value = getattr(holder, name)
        found.setdefault(id(value), (value, shown))
    return found


@contextmanager
def blocked(groups: tuple[LibraryFunctions, ...]) -> Iterator[list[str]]:
    """Replace the library functions by recording stand-ins; yields the list of names called."""
    used: list[str] = []
    saved: list[tuple[Any, str, Any]] = []

    def stand_in(shown: str) -> Callable[..., Any]:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            used.append(shown)
            raise LibraryUsed(shown)

        return refuse

    try:
        for holder, name, shown in list(_locations(groups)):
            saved.append((holder, name, getattr(holder, name)))
            setattr(holder, name, stand_in(shown))
        with _operations_refused(groups, used):
            yield used
    finally:
        for holder, name, original in reversed(saved):
            setattr(holder, name, original)


def _refused_operations(groups: tuple[LibraryFunctions, ...]) -> dict[str, str]:
    """Shown name of every refused TensorFlow operation type, by type, for the loaded groups."""
    return {op: f"{group.shown_as}.{op}" for group in groups if group.module in sys.modules for op in group.operations}


@contextmanager
def _operations_refused(groups: tuple[LibraryFunctions, ...], used: list[str]) -> Iterator[None]:
    """Record every refused TensorFlow operation that runs meanwhile in this thread, including those
    inside a traced function that runs as one operation (see `autograder.core.traced`)."""
    shown = _refused_operations(groups)
    if not shown:
        yield
        return
    from tensorflow.python.framework import op_callbacks  # the hook TensorFlow's debuggers use

    calls = traced.CallReader(shown)

    def watch(op_type: str, inputs: Any = None, attrs: Any = None, *args: Any, **kwargs: Any) -> None:
        name = op_type.decode() if isinstance(op_type, bytes) else op_type
        found = name if name in shown else calls(name, attrs)
        if found is not None:
            used.append(shown[found])

    op_callbacks.add_op_callback(watch)
    try:
        yield
    finally:
        op_callbacks.remove_op_callback(watch)


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _global_chains(code: types.CodeType) -> Iterator[tuple[str, ...]]:
    """Dotted names the bytecode reads from a global, such as ``("tf", "nn", "conv2d")``."""
    chain: list[str] | None = None
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
            chain = [instruction.argval]
        elif instruction.opname in ("LOAD_ATTR", "LOAD_METHOD") and chain is not None:
            chain.append(instruction.argval)
            yield tuple(chain)
        else:
            chain = None


def _through_modules(namespace: Any, chain: tuple[str, ...]) -> Iterator[Any]:
    """What a dotted name refers to at each step, following attributes of modules only."""
    value = namespace[chain[0]]
    for name in chain[1:]:
        if not isinstance(value, types.ModuleType):
            return
        try:
            value = getattr(value, name)
        except Exception:  # not there (or a lazy import that fails): nothing to report
            return
        yield value


def _referenced(func: types.FunctionType) -> Iterator[Any]:
    """Objects a function can reach by name: globals its code mentions (all of them if it calls
    ``globals()``; builtins too, where a name may be planted), module attributes read through
    them (``tf.nn.conv2d``), default arguments and closure cells."""
    namespace = func.__globals__
    planted = getattr(func, "__builtins__", None)
    planted = planted if isinstance(planted, dict) else {}
    for code in _code_objects(func.__code__):
        for name in code.co_names:
            if name in namespace:
                yield namespace[name]
            elif name in planted:
                yield planted[name]
        if "globals" in code.co_names and namespace.get("globals", planted.get("globals")) is builtins.globals:
            yield from _first(dict.values(namespace))  # ``globals()[...]``: any of them
        for chain in _global_chains(code):
            if chain[0] in namespace:
                yield from _through_modules(namespace, chain)
    yield from _captured(func)


def _captured(func: types.FunctionType) -> Iterator[Any]:
    """A function's default arguments and closure cells."""
    yield from func.__defaults__ or ()
    yield from (func.__kwdefaults__ or {}).values()
    for cell in func.__closure__ or ():
        try:
            yield cell.cell_contents
        except ValueError:  # an empty cell
            continue


def _unwrap(value: Any) -> Any:
    """The plain function behind a bound method, a ``functools.partial`` or a ``tf.function``."""
    for __ in range(5):
        if isinstance(value, types.MethodType):
            value = value.__func__
        elif isinstance(value, functools.partial):
            value = value.func
        elif isinstance(value, types.FunctionType):
            break
        else:
            try:
                inner = getattr(value, "python_function", None)
            except Exception:  # a student object whose attribute lookup raises
                break
            if not callable(inner):
                break
            value = inner
    return value


DEEPEST = 6
"""Steps into containers and objects the reference scan takes from a notebook function."""
MOST_ITEMS = 1000
"""Items read from any one container, attributes from any one object."""
MOST_OBJECTS = 5000
"""Objects the reference scan looks at in all: a huge structure costs the scan no more than this."""


def _first(items: Iterable[Any]) -> list[Any]:
    return list(itertools.islice(items, MOST_ITEMS))


def _written_in(cls: type, namespace: dict[str, Any]) -> bool:
    """Whether a class was defined by the notebook (whose classes name its module, ``__main__``)."""
    return getattr(cls, "__module__", None) == namespace.get("__name__", "builtins")


def _attributes(value: Any, namespace: dict[str, Any] | None) -> Iterator[Any]:
    """An object's own attributes and its class's; a ``tf.function`` method as bound to the object,
    since that is where its traces are kept. Read without running properties or ``__getattr__``."""
    try:
        own = object.__getattribute__(value, "__dict__")
    except Exception:  # no __dict__ (slots, builtins), or a hostile descriptor
        own = None
    if isinstance(own, dict):
        yield from _first(dict.values(own))
    cls = type(value)
    yield cls
    for klass in cls.__mro__[:-1]:
        if namespace is None or not _written_in(klass, namespace) or "tensorflow" not in sys.modules:
            continue
        for member in _first(vars(klass).values()):
            if isinstance(member, traced.tf_types().PolymorphicFunction):
                yield member.__get__(value, cls)


def _inside(value: Any, namespace: dict[str, Any] | None) -> Iterator[tuple[Any, int]]:
    """What ``value`` holds, each with the depth it adds: a notebook helper's references add none."""
    if isinstance(value, types.FunctionType):
        helper = value.__globals__ is namespace
        yield from ((item, 0 if helper else 1) for item in (_referenced(value) if helper else _captured(value)))
        return
    if isinstance(value, types.ModuleType):
        children: Iterable[Any] = ()
    elif isinstance(value, dict):
        children = itertools.chain.from_iterable(_first(dict.items(value)))
    elif isinstance(value, (list, tuple)):
        children = _first(list.__iter__(value) if isinstance(value, list) else tuple.__iter__(value))
    elif isinstance(value, (set, frozenset)):
        children = _first(set.__iter__(value) if isinstance(value, set) else frozenset.__iter__(value))
    elif isinstance(value, types.MethodType):
        children = (value.__func__, value.__self__)
    elif isinstance(value, (staticmethod, classmethod)):
        children = (value.__func__,)
    elif isinstance(value, property):
        children = (value.fget, value.fset, value.fdel)
    elif isinstance(value, functools.partial):
        children = (value.func, *_first(value.args), *_first(value.keywords.values()))
    elif isinstance(value, type):
        children = _first(vars(value).values()) if namespace is not None and _written_in(value, namespace) else ()
    else:
        children = _attributes(value, namespace)
    unwrapped = _unwrap(value)
    yield from ((item, 1) for item in (*([unwrapped] if unwrapped is not value else []), *children))


def _reachable(func: Any) -> Iterator[Any]:
    """``func`` and what it can reach: what notebook functions name, read through, and what
    containers, partials, methods, objects and notebook classes hold, within the scan's bounds."""
    start = _unwrap(func)
    namespace = start.__globals__ if isinstance(start, types.FunctionType) else None
    kept = {id(func): func}  # holds every object seen, so that no id is reused meanwhile
    pending = collections.deque([(func, 0)])
    while pending:
        value, depth = pending.popleft()
        yield value
        for item, step in _inside(value, namespace):
            if len(kept) >= MOST_OBJECTS:
                break
            if id(item) in kept or depth + step > DEEPEST:
                continue
            kept[id(item)] = item
            pending.append((item, depth + step))


@inspects
def library_reference(func: Any, groups: tuple[LibraryFunctions, ...]) -> str | None:
    """The shown name of a blocked function that ``func`` can reach (through notebook helpers,
    containers, objects...), else of a refused operation in a traced function it can reach: the
    function the student wrote is the clearer name."""
    originals = _originals(groups)
    refused = _refused_operations(groups)
    operation = None
    for value in _reachable(func):
        hit = originals.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        if refused and operation is None:
            operation = traced.refused_inside(value, refused)
    return None if operation is None else refused[operation]


def _loaded(groups: tuple[LibraryFunctions, ...]) -> set[str]:
    return {group.module for group in groups if group.module in sys.modules}


def _call_blocked(groups: tuple[LibraryFunctions, ...], func: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    with blocked(groups) as used:
        try:
            result = func(*args)
        except Exception:
            if used:
                raise LibraryUsed(used[0]) from None
            raise
    if used:
        raise LibraryUsed(used[0])
    return result


def run_without(groups: tuple[LibraryFunctions, ...], func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` made to raise `LibraryUsed` whenever a call reaches a blocked function.

    A call that imports one of the libraries (``from scipy.signal import ...`` inside the
    function) is run once more, on fresh copies of its arguments, with that library blocked too.
    On a student's `AnswerFunction` the policy runs where the student's function does (the kernel),
    and a call that reached a blocked function comes back as the `LibraryUsed` it raised there.
    """
    return _without(func, groups)


@policy
def _without(func: Callable[..., Any], groups: tuple[LibraryFunctions, ...]) -> Callable[..., Any]:
    def checked(*args: Any) -> Any:
        before = _loaded(groups)
        spare = copy.deepcopy(args)
        result = _call_blocked(groups, func, args)
        if _loaded(groups) != before:
            result = _call_blocked(groups, func, spare)
        return result

    return checked


def admitted(func: Any, groups: tuple[LibraryFunctions, ...], refusal: Callable[[str], str]) -> Callable[..., Any]:
    """``func`` as the cases run it: refused at once (`Incorrect`, with ``refusal(name)``) when it can reach a
    blocked function, else made to raise `LibraryUsed` when a call reaches one (`run_without`)."""
    name = library_reference(func, groups)
    if name is not None:
        raise Incorrect(refusal(name))
    return run_without(groups, func)


@contextmanager
def library_refused(refusal: Callable[[str], str]) -> Iterator[None]:
    """A case whose call reached a blocked function is a wrong answer (`Incorrect`, with ``refusal(name)``),
    not an error of the student's code."""
    try:
        yield
    except StudentCodeError as error:
        if isinstance(error.error, LibraryUsed):
            raise Incorrect(refusal(error.error.name)) from None
        raise


class FromScratchQuestion(FunctionQuestion):
    """A function question whose answer must not call the library functions in `library`."""

    library: ClassVar[tuple[LibraryFunctions, ...]] = ()
    purpose: ClassVar[str] = ""
    """What the blocked functions would do for the student, a phrase marked with ``N_`` (``N_("pooling")``)."""
    allowed: ClassVar[str] = N_("loops, slicing and arithmetic")
    """What the student may use instead, for messages (marked with ``N_``)."""

    def library_message(self, name: str) -> str:
        """Why an answer that hands the work to the library function ``name`` is refused."""
        # Translators: {purpose} is what the function does ("cross-correlation"); {allowed} what the student may use
        # instead ("loops, slicing and arithmetic").
        message = _(
            "`{name}` uses `{function}`, which does the {purpose} for you. This question asks you to write it "
            "yourself with {allowed}."
        )
        return message.format(name=self.var, function=name, purpose=_(self.purpose), allowed=_(self.allowed))

    def verify(self, func: Any, context: CheckContext) -> str | None:
        self.require_function(func)
        with library_refused(self.library_message):
            count = self.run_cases(admitted(func, self.library, self.library_message), context)
        return self.praise(count)
