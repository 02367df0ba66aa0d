"""The TensorFlow operations inside traced functions, which run as a single operation.

A ``tf.function`` that has been traced runs its graph as one call: an operation watch sees that
call (named after the function), not the ``Conv2D`` inside it, and reading the Python code behind
it may not help (``tf.function(gen_nn_ops.conv2d)``, a concrete function whose Python is gone).
So the graphs themselves are read, with the functions they call: a nested ``tf.function``,
``tf.cond`` and ``tf.while_loop`` bodies and ``tf.data`` transformations name theirs in the
attributes of their nodes.

TensorFlow is never imported here: a value can only be a graph if TensorFlow is loaded already.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any


def _tensorflow() -> Any:
    return sys.modules.get("tensorflow")


def _registered(name: str) -> Any:
    """The definition of the function ``name`` in the eager context, or None (an operation type, say)."""
    from tensorflow.python.eager import context  # where tf.function registers what it traced

    current = context.context()
    return current.get_function_def(name) if current.has_function(name) else None


def _called(node: Any) -> Iterator[str]:
    """Names of the functions a graph node may call: its type (a direct call) and function attributes."""
    yield node.op
    for attribute in node.attr.values():
        kind = attribute.WhichOneof("value")
        if kind == "func":
            yield attribute.func.name
        elif kind == "list":
            yield from (function.name for function in attribute.list.func)


def _operation_types(nodes: Iterable[Any], library: Mapping[str, Any]) -> Iterator[str]:
    """Types of ``nodes`` and of the nodes of every function they call, each function read once."""
    pending, seen = [nodes], set()
    while pending:
        for node in pending.pop():
            yield node.op
            for name in _called(node):
                if name in seen:
                    continue
                seen.add(name)
                function = library.get(name) or _registered(name)
                if function is not None:
                    pending.append(function.node_def)


def _graph_operations(graph_def: Any) -> Iterator[str]:
    library = {function.signature.name: function for function in graph_def.library.function}
    return _operation_types(graph_def.node, library)


def _traces(function: Any) -> list[Any]:
    """The concrete functions a ``tf.function`` has traced so far (without tracing a new one)."""
    listed = getattr(function, "_list_all_concrete_functions", None)  # no public listing exists
    return list(listed()) if callable(listed) else []


def held_operations(value: Any) -> Iterator[str]:
    """Operation types in the graphs ``value`` holds: a ``tf.function``'s traces, a concrete
    function, a ``tf.Graph``, or the name of a function in the eager context."""
    tf = _tensorflow()
    if tf is None:
        return
    if isinstance(value, (str, bytes)):
        name = value.decode(errors="replace") if isinstance(value, bytes) else value
        definition = _registered(name)
        if definition is not None:
            yield from _operation_types(definition.node_def, {})
    elif isinstance(value, tf.Graph):
        yield from _graph_operations(value.as_graph_def())
    elif isinstance(value, tf_types().ConcreteFunction):
        graph = getattr(value, "graph", None)
        if isinstance(graph, tf.Graph):
            yield from _graph_operations(graph.as_graph_def())
    elif isinstance(value, tf_types().PolymorphicFunction):
        for trace in _traces(value):
            yield from held_operations(trace)


def refused_inside(value: Any, refused: Collection[str]) -> str | None:
    """The first operation type of ``refused`` in the graphs ``value`` holds, if any."""
    return next((kind for kind in held_operations(value) if kind in refused), None)


def tf_types() -> Any:
    """``tf.types.experimental``, where TensorFlow's function types are public."""
    return _tensorflow().types.experimental


class CallReader:
    """Finds a refused operation inside the functions that eager operations run, reading each
    function once: an operation may be the call of a traced function (its type is the function's
    name) or name functions in its attributes (``PartitionedCall``'s ``f``, a ``tf.data`` map's).

    Called for every operation the student's code runs: an ordinary one costs a lookup per name it carries.
    """

    def __init__(self, refused: Collection[str]) -> None:
        from tensorflow.python.eager import context

        self.refused = refused
        self._context = context.context()
        self._functions = (tf_types().ConcreteFunction, tf_types().PolymorphicFunction)
        self._read: dict[Any, tuple[str | None, Any]] = {}  # by name or id; keeps each value alive

    def __call__(self, op_type: str, attrs: Any) -> str | None:
        found = self._inside(op_type) if self._context.has_function(op_type) else None
        for value in attrs[1::2] if found is None and isinstance(attrs, tuple) else ():  # name, value, ...
            if isinstance(value, bytes):
                value = value.decode(errors="replace")
            named = isinstance(value, str) and self._context.has_function(value)
            if named or isinstance(value, self._functions):
                found = self._inside(value)
                if found is not None:
                    break
        return found

    def _inside(self, value: Any) -> str | None:
        key = value if isinstance(value, str) else id(value)
        if key not in self._read:
            self._read[key] = (refused_inside(value, self.refused), value)
        return self._read[key][0]
