"""What a grade cell checks: its ``q_1.assert_correct(extra_cases=5, seed=2026)`` lines, read as data."""

from __future__ import annotations

import ast
from dataclasses import dataclass


class Unjudgeable(ValueError):
    """A grade cell that is not made only of ``q_N.assert_correct(...)`` calls."""


@dataclass(frozen=True)
class GradeCall:
    """One ``<label>.assert_correct(extra_cases=..., seed=...)`` line of a grade cell."""

    label: str
    extra_cases: int = 0
    seed: int = 0


def grade_calls(source: str) -> list[GradeCall]:
    """The checks in a grade cell's source, in order; `Unjudgeable` for anything else."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        raise Unjudgeable(f"the grade cell does not parse ({type(error).__name__})") from None
    calls = [_call(statement) for statement in tree.body]
    if not calls:
        raise Unjudgeable("the grade cell checks nothing")
    return calls


def _call(statement: ast.stmt) -> GradeCall:
    call = statement.value if isinstance(statement, ast.Expr) else None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "assert_correct"
        and not call.args
    ):
        raise Unjudgeable(f"line {statement.lineno} is not a `q_N.assert_correct(...)` call")
    options = {}
    for keyword in call.keywords:
        if keyword.arg not in ("extra_cases", "seed") or not isinstance(keyword.value, ast.Constant):
            raise Unjudgeable(f"line {statement.lineno} passes an option other than extra_cases or seed")
        if type(keyword.value.value) is not int:
            raise Unjudgeable(f"line {statement.lineno}: {keyword.arg} must be a whole number")
        options[keyword.arg] = keyword.value.value
    return GradeCall(_label(call.func.value, statement.lineno), **options)


def _label(node: ast.expr, line: int) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_label(node.value, line)}.{node.attr}"
    raise Unjudgeable(f"line {line} does not name a question")
