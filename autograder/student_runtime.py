"""The student runtime: the course's package without the answers of the chosen assignments.

A graded class must not put answers where a student can read them: the grading sandbox's kernels
(and, on a hub, the students' own servers) import this copy of the package instead of the full one.
It holds every module except the *answer modules*: those reached from an assignment's
``questions`` module (`autograder.exercises`) and from nothing a notebook or a kernel needs.
The split is read off the imports, so a module moved, added or renamed follows without a list to
keep. Its message catalogs keep only the messages of the modules it holds (no hint, no model
solution, in any language). Checks of those assignments are then the judge's alone
(`autograder.core.view`).
"""

from __future__ import annotations

import ast
import functools
import gc
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from babel.messages.pofile import read_po, write_po

import autograder

PACKAGE = Path(autograder.__file__).resolve().parent

STUDENT_ROOTS = (
    "autograder.binder",
    "autograder.core",
    "autograder.core.answering",
    "autograder.progress",
    "autograder.vision",
    "autograder.widgets",
    "autograder.workspace",
    "autograder.setup_lab",
    "autograder.grading.sandbox.zygote",
    "autograder.grading.sandbox.guard",
)
"""What a notebook, a lesson and a grading kernel start from, beside each exercise's package and
every module declaring an inspector or a policy (which the kernel runs for the judge)."""
KERNEL_SIDE_DECORATORS = frozenset({"inspects", "policy"})


def _module_file(name: str) -> Path | None:
    relative = Path(*name.split(".")[1:])
    for candidate in (PACKAGE / relative / "__init__.py", (PACKAGE / relative).with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def _tree(path: Path) -> ast.Module:
    """A course module's syntax tree, parsed once.

    The cyclic garbage collector is held off meanwhile: in Python 3.11.7 the parser's recursion
    count is shared, so a finalizer that runs during the parse and itself parses (a logged
    traceback's carets do) breaks it with "AST constructor recursion depth mismatch" (CPython
    gh-106905).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return ast.parse(path.read_text(encoding="utf-8"))
    finally:
        if enabled:
            gc.enable()


def _imports(path: Path) -> set[str]:
    """The course modules ``path`` imports anywhere in its code (submodules named in ``from`` too)."""
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "autograder" and _module_file(name)}


def _closure(roots: Iterable[str]) -> set[Path]:
    """The files of ``roots`` and of every course module they import, with their packages."""
    pending, seen = list(roots), set()
    while pending:
        name = pending.pop()
        parts = name.split(".")
        for end in range(1, len(parts) + 1):  # importing a module runs its packages' __init__
            prefix = ".".join(parts[:end])
            path = _module_file(prefix)
            if path is not None and path not in seen:
                seen.add(path)
                pending.extend(_imports(path))
    return seen


def _runs_in_kernel(path: Path) -> bool:
    """Whether a module declares an inspector or a policy (`autograder.core.observed`)."""
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Name) and d.id in KERNEL_SIDE_DECORATORS for d in node.decorator_list
        ):
            return True
    return False


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def answer_files(assignments: Iterable[str]) -> set[Path]:
    """The files only the judge needs for ``assignments``: reached from their questions, not from
    anything a notebook or a kernel imports, nor from the questions of the other (practice) ones."""
    from autograder.exercises import ASSIGNMENTS, questions_module

    graded = set(assignments)
    judge = _closure(questions_module(assignment) for assignment in graded)
    practice = [questions_module(assignment) for assignment in ASSIGNMENTS if assignment not in graded]
    kernel_side = [_module_name(path) for path in PACKAGE.rglob("*.py") if _runs_in_kernel(path)]
    student = _closure([*STUDENT_ROOTS, "autograder.exercises", *ASSIGNMENTS.values(), *practice, *kernel_side])
    return judge - student


def _kept_catalog(source: Path, target: Path, dropped: set[str]) -> None:
    """``source`` without the messages used only by ``dropped`` files (paths relative to the project)."""
    with source.open("rb") as stream:
        catalog = read_po(stream)
    for message in list(catalog):
        if message.id and message.locations and all(path in dropped for path, _line in message.locations):
            catalog.delete(message.id, message.context)
    with target.open("wb") as stream:
        write_po(stream, catalog, width=0)


def build(target: Path, assignments: Iterable[str]) -> Path:
    """Write the student runtime for ``assignments`` into ``target`` (a folder named like the package)."""
    dropped = answer_files(assignments)
    project = PACKAGE.parent
    dropped_names = {path.relative_to(project).as_posix() for path in dropped}
    for source in sorted(PACKAGE.rglob("*")):
        relative = source.relative_to(PACKAGE)
        if source.is_dir() or "__pycache__" in relative.parts or source in dropped:
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".po" and source.parent.name == "LC_MESSAGES":
            _kept_catalog(source, destination, dropped_names)
        else:
            shutil.copyfile(source, destination)
    return target


def _digest(assignments: tuple[str, ...]) -> str:
    digest = hashlib.sha256(repr(assignments).encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def cached(assignments: Iterable[str]) -> Path:
    """A built student runtime for ``assignments``, shared by the processes of this machine (rebuilt
    when the package changes): it holds no answer, so any user may read it."""
    chosen = tuple(sorted(set(assignments)))
    target = Path(tempfile.gettempdir()) / f"autograder-student-runtime-{_digest(chosen)}" / "autograder"
    if not target.is_dir():
        scratch = Path(tempfile.mkdtemp(prefix="autograder-student-runtime-"))
        build(scratch / "autograder", chosen)
        scratch.chmod(0o755)
        try:
            os.rename(scratch, target.parent)
        except OSError:  # another process built it first
            shutil.rmtree(scratch, ignore_errors=True)
    return target


def every_assignment() -> tuple[str, ...]:
    """The English assignments: a grading kernel needs no answer of any of them."""
    from autograder.exercises import ASSIGNMENTS

    return tuple(ASSIGNMENTS)
