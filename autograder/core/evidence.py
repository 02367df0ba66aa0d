"""Values as data: the only form in which a student's answers leave the kernel.

`encode` turns whatever a student assigned or returned into a tree of JSON values (numbers, text,
lists, and arrays as typed bytes); `decode` rebuilds from such a tree a value the rules can read:
plain Python values, numpy arrays, TensorFlow tensors, the ``____`` placeholder, or a stand-in
that only says what type the value had. Nothing is ever unpickled or called while decoding, and
every size is bounded, so a hostile kernel can send wrong answers but nothing else. Evidence holds
no words of any language: a value that cannot travel is named by its type (`type_name`), and the
judge describes it in the learner's language.
"""

from __future__ import annotations

import base64
import builtins
import json
import math
import sys
from typing import Any

import numpy as np

from autograder.core.placeholder import Placeholder, ____
from autograder.core.values import (
    HUGE_INT,
    MAX_ELEMENTS,
    MAX_NAME,
    TOO_DEEP,
    Opaque,
    TooLarge,
    is_tensor,
    type_name,
)
from autograder.i18n import _

MAX_DEPTH = 24
MAX_TEXT = 100_000
MAX_INT_DIGITS = 40
MAX_BYTES = 8 * 1024 * 1024
"""The largest evidence document a judge reads (the largest honest one, exercise 2's q_1, is 0.3 MB;
with its quoting in the kernel's reply it stays well under the worker's 64 MiB message limit)."""
MAX_HASHED = 10_000
"""The most items a set or dict may have (and set items and dict keys one read may hold in all):
more are sent as their size alone (`TooLarge`), because building a set of values that collide in
Python's hash costs the square of their number."""
HASH_MODULUS = 2**61 - 1
"""Python hashes a number by its remainder modulo this: below it, distinct ints never collide."""

NUMERIC_DTYPES = frozenset(
    f"{kind}{bits}"
    for kind, sizes in (("int", (8, 16, 32, 64)), ("uint", (8, 16, 32, 64)), ("float", (16, 32, 64)))
    for bits in sizes
) | {"bool", "complex64", "complex128"}


class EvidenceError(ValueError):
    """An evidence document that is not well formed: the kernel sent something else."""


# ---------------------------------------------------------------- encoding (in the kernel)


def encode(value: Any, _depth: int = 0) -> Any:
    """A JSON-ready description of ``value``; never raises for any value."""
    try:
        return _encode(value, _depth)
    except RecursionError:
        raise
    except Exception:
        return {"opaque": type_name(value)}


def _encode(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        return {"opaque": TOO_DEEP}
    if isinstance(value, Placeholder):
        return {"placeholder": True}
    if value is None or type(value) in (bool, str, int, float):
        return _plain(value)
    if type(value) in (list, tuple, set, frozenset):
        if len(value) > (MAX_ELEMENTS if type(value) in (list, tuple) else MAX_HASHED):
            return {"large": type_name(value), "size": len(value)}
        items = [encode(item, depth + 1) for item in value]
        return {type(value).__name__: items}
    if type(value) is dict:
        if len(value) > MAX_HASHED:
            return {"large": type_name(value), "size": len(value)}
        return {"dict": [[encode(key, depth + 1), encode(item, depth + 1)] for key, item in value.items()]}
    if isinstance(value, np.generic) and value.dtype.name in NUMERIC_DTYPES:
        return {"scalar": _array(np.asarray(value))}
    if isinstance(value, np.ndarray):
        return _ndarray(value)
    if _is_tensor_shape(value):
        dims = value.as_list() if value.rank is not None else None
        return {"opaque": type_name(value)} if dims is None else {"tuple": [encode(d, depth + 1) for d in dims]}
    if is_tensor(value):
        try:
            array = np.asarray(value.numpy())
        except Exception:
            return {"opaque": type_name(value)}
        encoded = _ndarray(array)
        return {"tensor": encoded} if "array" in encoded else encoded
    return {"opaque": type_name(value)}


def _is_tensor_shape(value: Any) -> bool:
    kind = type(value)
    return kind.__name__ == "TensorShape" and (kind.__module__ or "").startswith("tensorflow")


def _plain(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return {"str": value[:MAX_TEXT]}
    if type(value) is int and abs(value) > 10**MAX_INT_DIGITS:
        return {"opaque": HUGE_INT}
    if type(value) is float and not np.isfinite(value):
        return {"float": repr(value)}
    return value


def _ndarray(array: np.ndarray) -> dict[str, Any]:
    if array.dtype.name not in NUMERIC_DTYPES:
        return {"opaque": "numpy.ndarray", "shape": list(array.shape), "dtype": array.dtype.kind}
    if array.size > MAX_ELEMENTS:
        return {"large": type_name(array), "size": int(array.size)}
    return {"array": _array(array)}


def _array(array: np.ndarray) -> dict[str, Any]:
    data = np.ascontiguousarray(array).tobytes()
    return {"dtype": array.dtype.name, "shape": list(array.shape), "data": base64.b64encode(data).decode()}


def dumps(tree: Any) -> str:
    """Evidence as one JSON document."""
    return json.dumps(tree, allow_nan=False, separators=(",", ":"))


# ---------------------------------------------------------------- decoding (in the judge)


def loads(text: str) -> Any:
    """A JSON evidence document, refused when it is too large or not JSON."""
    if len(text) > MAX_BYTES:
        raise EvidenceError(_("the evidence is larger than {limit} bytes").format(limit=MAX_BYTES))
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise EvidenceError(_("the evidence is not JSON: {error}").format(error=type(error).__name__)) from None


def decode(tree: Any, _depth: int = 0) -> Any:
    """The value an `encode`d tree describes, or `EvidenceError` (never any other error)."""
    try:
        return _decode(tree, _depth, _Hashed())
    except EvidenceError:
        raise
    except (ValueError, TypeError, OverflowError, KeyError, MemoryError) as error:
        raise EvidenceError(_("malformed evidence ({error})").format(error=type(error).__name__)) from None


class _Hashed:
    """How many set items and dict keys one decoding has built (at most `MAX_HASHED` in all)."""

    def __init__(self) -> None:
        self.count = 0

    def admit(self, tree: Any, kind: str) -> Any:
        """``tree`` if it may be hashed: a number Python hashes as itself, a text, or a tuple of those,
        so no set or dict it builds is costly (colliding values cost the square of their number)."""
        self.count += 1
        if self.count > MAX_HASHED:
            raise EvidenceError(_("a `{kind}` with more items than an answer can have").format(kind=kind))
        is_tuple = type(tree) is dict and set(tree) == {"tuple"} and type(tree["tuple"]) is list
        items = tree["tuple"] if is_tuple else [tree]
        if len(items) > MAX_DEPTH or not all(_flat(item) for item in items):
            raise EvidenceError(_("a set item or dict key that is not a small number, a text or a tuple of them"))
        return tree


def _flat(tree: Any) -> bool:
    if type(tree) in (int, float):
        return abs(tree) < HASH_MODULUS  # larger numbers collide in Python's hash
    return tree is None or type(tree) in (bool, str) or (type(tree) is dict and set(tree) <= {"str", "float"})


def _decode(tree: Any, _depth: int, hashed: _Hashed) -> Any:
    if _depth > MAX_DEPTH + 2:
        raise EvidenceError(_("evidence nested too deeply"))
    if type(tree) is str:
        return _text(tree)
    if tree is None or type(tree) in (bool, int, float):
        return tree
    if type(tree) is not dict or len(tree) > 3:
        raise EvidenceError(_("unexpected evidence {kind}").format(kind=type(tree).__name__))
    kind = next(iter(tree), "")
    body = tree[kind]
    if kind in ("list", "tuple", "set", "frozenset"):
        elements = _list(body, kind)
        if kind in ("set", "frozenset"):
            elements = [hashed.admit(item, kind) for item in elements]
        items = [_decode(item, _depth + 1, hashed) for item in elements]
        try:
            return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[kind](items)
        except TypeError:  # unhashable items cannot be in a set
            raise EvidenceError(_("a set of unhashable items")) from None
    if kind == "dict":
        pairs = [_list(pair) for pair in _list(body, kind)]
        try:
            return {
                _decode(hashed.admit(pair[0], kind), _depth + 1, hashed): _decode(pair[1], _depth + 1, hashed)
                for pair in pairs
                if len(pair) == 2
            }
        except TypeError:
            raise EvidenceError(_("a dict with unhashable keys")) from None
    if kind == "placeholder":
        return ____
    if kind == "str":
        return _text(body)
    if kind == "float":
        if body not in ("nan", "inf", "-inf"):
            raise EvidenceError(_("not a float"))
        return float(body)
    if kind == "array":
        return _decode_array(body)
    if kind == "scalar":
        return _decode_array(body)[()]
    if kind == "tensor":
        return _tensor(_decode_array(_dict(body).get("array")))
    if kind == "large":
        size = tree.get("size", 0)
        if type(size) is not int:
            raise EvidenceError(_("a size that is not a whole number"))
        return TooLarge(_name(body), size)
    if kind == "opaque":
        shape = tree.get("shape")
        if shape is not None and not all(type(n) is int for n in _list(shape)):
            raise EvidenceError(_("a shape that is not whole numbers"))
        return Opaque(_name(body), tuple(shape) if shape is not None else None, _name(tree.get("dtype", "")))
    raise EvidenceError(_("unknown evidence kind {kind}").format(kind=repr(kind)))


def _decode_array(body: Any) -> np.ndarray:
    body = _dict(body)
    dtype, shape = body.get("dtype"), _list(body.get("shape"))
    if dtype not in NUMERIC_DTYPES or len(shape) > 32 or not all(type(n) is int and n >= 0 for n in shape):
        raise EvidenceError(_("an array of an unexpected type or shape"))
    count = math.prod(shape)
    if count > MAX_ELEMENTS:
        raise EvidenceError(_("an array larger than any answer"))
    size = count * np.dtype(dtype).itemsize
    raw = base64.b64decode(_text(body.get("data"), 4 * (size // 3 + 1)), validate=True)
    if len(raw) != size:
        raise EvidenceError(_("an array whose bytes do not match its shape"))
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def _tensor(array: np.ndarray) -> Any:
    import tensorflow as tf

    return tf.constant(array)


def _list(value: Any, kind: str = "list") -> list[Any]:
    if type(value) is not list:
        raise EvidenceError(_("expected a list"))
    if len(value) > (MAX_HASHED if kind in ("set", "frozenset", "dict") else MAX_ELEMENTS):
        raise EvidenceError(_("a `{kind}` with more items than an answer can have").format(kind=kind))
    return value


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise EvidenceError(_("expected an object"))
    return value


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    if type(value) is not str:
        raise EvidenceError(_("expected text"))
    if len(value) > limit:
        raise EvidenceError(_("a text longer than {limit} characters").format(limit=limit))
    return value


def _name(value: Any) -> str:
    """A type's name, as `type_name` writes it."""
    return _text(value, MAX_NAME)


# ---------------------------------------------------------------- errors


def encode_error(error: BaseException) -> dict[str, Any]:
    """An exception a student's function raised, as its type's name and module and its arguments."""
    kind = type(error)
    args = [_plain(arg) if type(arg) in (int, float, bool) else _safe_str(arg) for arg in error.args[:4]]
    module = kind.__module__ if isinstance(kind.__module__, str) else "?"
    return {"type": kind.__name__[:MAX_NAME], "module": module[:MAX_NAME], "args": args, "text": _safe_str(error)}


def decode_error(tree: Any) -> Exception:
    """An exception like the recorded one: the same class where it is known here, else a look-alike."""
    tree = _dict(tree)
    name, module, text = _name(tree.get("type")), _name(tree.get("module")), _text(tree.get("text"))
    args = [arg for arg in _list(tree.get("args"))[:4] if type(arg) in (str, int, float, bool)]
    args = [_text(arg) if type(arg) is str else arg for arg in args]
    known = _known_error(name, module)
    if known is not None:
        try:
            return known(*args)
        except Exception:
            pass
    look_alike = type(name, (Exception,), {"__module__": module, "__str__": lambda self: text})
    return look_alike(*args)


def _known_error(name: str, module: str) -> type[Exception] | None:
    """Builtin exceptions and the checker's own, never a class the student defined."""
    if module == "builtins":
        found = getattr(builtins, name, None)
    elif module.startswith("autograder."):
        found = getattr(sys.modules.get(module), name, None)
    else:
        found = None
    return found if isinstance(found, type) and issubclass(found, Exception) else None


def _safe_str(value: Any) -> str:
    try:
        return str(value)[:MAX_TEXT]
    except Exception:
        return f"<{type(value).__name__[:MAX_NAME]}>"
