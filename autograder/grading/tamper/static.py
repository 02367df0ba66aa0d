"""Reading the student's code for tricks, before it runs.

Only cells a student may edit are read (nbgrader has already restored grade and locked cells).
Each cell is turned into plain Python the way IPython would (magics included) and walked as a
syntax tree. The rules look for the literal forms of the known tricks: rebinding or patching the
checker objects, patching builtins or the libraries the checker computes with, replacing
``sys.modules`` entries, hooking IPython's execution, and naming the instructor's files. Code
that could hide such tricks (exec, eval, ctypes, frame and object walking) is flagged for review;
so is a ``tf.function`` around a library convolution or pooling (the from-scratch rule reads
traced graphs where it can reach them, see `autograder.core.traced`), and a cell that cannot be
read (it exhausts the parser's memory or recursion, for instance).
Student code can make the scan slow or crash it: the coordinator runs it with a budget
(`autograder.grading.tamper.bounded`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from IPython.core.inputtransformer2 import TransformerManager

from autograder.course import QUESTION_LABEL
from autograder.grading.tamper.finding import TAMPER, WARNING, Finding
from autograder.grading.tamper.hooks import SHELL_HOOKS
from autograder.grading.tamper.protected import PROTECTED_MODULES, names_secret

if TYPE_CHECKING:  # nbformat takes a second to import; the scanning process does without it
    from nbformat import NotebookNode

PROTECTED_ROOTS = {
    "np": "modules-patch",
    "numpy": "modules-patch",
    "tf": "modules-patch",
    "tensorflow": "modules-patch",
    "keras": "modules-patch",
    "sys": "sys-change",
    "builtins": "builtins-patch",
    "__builtins__": "builtins-patch",
    "autograder": "checker-patch",
    "binder": "checker-patch",
    "IPython": "ipython-hook",
    "ipykernel": "ipython-hook",
}
SHADOWED_NAMES = {"AssertionError", "BaseException", "Exception", "__builtins__", "__import__", "get_ipython"}
MUTATORS = {"update", "pop", "popitem", "setdefault", "clear", "__setitem__", "__delitem__", "append", "insert"}
DYNAMIC_CALLS = {"exec", "eval", "compile", "__import__"}
INTROSPECTION = {
    ("sys", "_getframe"),
    ("inspect", "currentframe"),
    ("gc", "get_objects"),
    ("gc", "get_referrers"),
    ("importlib", "reload"),
}
REACHING_IN = {"__globals__", "__closure__", "__code__", "__wrapped__", "f_globals", "f_locals"}
"""Attributes that reach into a function's own state: worth a look, since the judge's answers are
read in the kernel."""
TRACING = {"function"}
"""``tf.<name>`` that traces Python into a graph, which then runs as one operation."""
RISKY_IMPORTS = {
    "ctypes": "introspection",
    "gc": "introspection",
    "subprocess": "subprocess",
    "socket": "network",
    "urllib": "network",
    "requests": "network",
}


def student_cells(notebook: NotebookNode) -> Iterator[tuple[int, NotebookNode]]:
    """Code cells the student may have written: everything but locked and non-solution grade cells."""
    for index, cell in enumerate(notebook.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("locked") or (meta.get("grade") and not meta.get("solution")):
            continue
        yield index, cell


def scan(notebook: NotebookNode, notebook_name: str = "") -> list[Finding]:
    """Every rule match in the student's cells, in cell order."""
    return scan_cells(((index, cell.source) for index, cell in student_cells(notebook)), notebook_name)


def scan_cells(cells: Iterable[tuple[int, str]], notebook_name: str = "") -> list[Finding]:
    """Every rule match in ``(cell index, source)`` pairs, in order."""
    transformer = TransformerManager()
    imported: dict[str, str] = {}
    findings: list[Finding] = []
    for index, source in cells:
        visitor = _Rules(imported)
        try:
            visitor.visit(ast.parse(transformer.transform_cell(source)))
        except (SyntaxError, ValueError):  # IPython cannot run it either
            continue
        except Exception as error:  # MemoryError, RecursionError, IPython giving up on its magics
            findings.append(unscanned(f"{type(error).__name__}: {error}".rstrip(": "), notebook_name, index))
        for severity, rule, detail, target, line in visitor.found:
            where = f"cell {index + 1}, line {line}"
            findings.append(Finding(severity, rule, f"{detail} ({where})", notebook_name, index, target))
    return findings


def unscanned(why: str, notebook_name: str = "", index: int | None = None) -> Finding:
    """The finding for code the scan could not read, so the submission is graded but flagged."""
    where = f" (cell {index + 1})" if index is not None else ""
    return Finding(WARNING, "unscanned", f"could not be scanned: {why[:200]}{where}", notebook_name, index)


class _Rules(ast.NodeVisitor):
    def __init__(self, imported: dict[str, str]) -> None:
        self.imported = imported  # name -> rule, shared across cells (imports persist)
        self.shell_names: set[str] = {"get_ipython"}
        self.found: list[tuple[str, str, str, str, int]] = []

    def _add(self, severity: str, rule: str, detail: str, node: ast.AST, target: str = "") -> None:
        self.found.append((severity, rule, detail, target, getattr(node, "lineno", 0)))

    # ------------------------------------------------------------- names and imports
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._note_import(alias.name, alias.asname or alias.name.split(".")[0], node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            if alias.name != "*":
                self._note_import(f"{module}.{alias.name}", alias.asname or alias.name, node)

    def _note_import(self, dotted: str, bound: str, node: ast.AST) -> None:
        top = dotted.split(".")[0]
        if top in PROTECTED_MODULES:
            self.imported[bound] = PROTECTED_ROOTS.get(top, "modules-patch")
        if top in RISKY_IMPORTS:
            self._add(WARNING, RISKY_IMPORTS[top], f"imports {dotted}", node)

    def _root_rule(self, node: ast.AST) -> tuple[str, str] | None:
        """(rule, question) if an expression reaches a protected object."""
        if _attribute_chain(node)[:2] == ["sys", "modules"]:
            return "modules-patch", ""
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name):
                if QUESTION_LABEL.fullmatch(sub.id):
                    return "checker-patch", sub.id
                if sub.id in self.shell_names:
                    return "ipython-hook", ""
                rule = self.imported.get(sub.id) or PROTECTED_ROOTS.get(sub.id)
                if rule:
                    return rule, ""
        return None

    # ------------------------------------------------------------- assignments
    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._check_target(target, node)
        if isinstance(node.value, ast.Call) and _called_name(node.value) == "get_ipython":
            self.shell_names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._check_target(node.target, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._check_target(node.target, node)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._check_target(target, node)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._check_name(node.name, node)
        if any(self._traces(decorator) for decorator in node.decorator_list):
            self._check_traced(node.body, node)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._check_name(node.name, node)
        self.generic_visit(node)

    def _check_target(self, target: ast.AST, node: ast.AST) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._check_target(element, node)
        elif isinstance(target, ast.Starred):
            self._check_target(target.value, node)
        elif isinstance(target, ast.Name):
            self._check_name(target.id, node)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            found = self._root_rule(target.value)
            if found:
                rule, question = found
                self._add(_severity(rule), rule, f"changes `{ast.unparse(target)}`", node, question)

    def _check_name(self, name: str, node: ast.AST) -> None:
        if QUESTION_LABEL.fullmatch(name):
            self._add(TAMPER, "checker-patch", f"rebinds the question object `{name}`", node, name)
        elif name in SHADOWED_NAMES:
            self._add(TAMPER, "builtins-patch", f"redefines `{name}`", node)

    # ------------------------------------------------------------- calls
    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in REACHING_IN:
            self._add(WARNING, "introspection", f"reaches into `{ast.unparse(node)}`", node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _called_name(node)
        if name in ("setattr", "delattr") and node.args:
            found = self._root_rule(node.args[0])
            if found:
                detail = f"calls {name} on `{ast.unparse(node.args[0])}`"
                self._add(_severity(found[0]), found[0], detail, node, found[1])
        elif name in DYNAMIC_CALLS:
            self._add(WARNING, "dynamic-code", f"runs code built at run time ({name})", node)
        if isinstance(node.func, ast.Attribute):
            self._check_method_call(node)
        if self._traces(node.func):
            self._check_traced([*node.args, *(keyword.value for keyword in node.keywords)], node)
        self.generic_visit(node)

    def _traces(self, node: ast.AST) -> bool:
        """Whether ``node`` is ``tf.function`` (a decorator, maybe called with options)."""
        chain = _attribute_chain(node.func if isinstance(node, ast.Call) else node)
        library = len(chain) == 2 and self.imported.get(chain[0], PROTECTED_ROOTS.get(chain[0])) == "modules-patch"
        return library and chain[1] in TRACING

    def _check_traced(self, nodes: Iterable[ast.AST], node: ast.AST) -> None:
        from autograder.core.from_scratch import refused_names  # imported only for a notebook that traces
        from autograder.vision.library_ops import CONVOLUTION_AND_POOLING

        refused = refused_names(CONVOLUTION_AND_POOLING)
        for sub in (inner for part in nodes for inner in ast.walk(part)):
            if isinstance(sub, ast.Attribute) and sub.attr in refused:
                detail = f"traces a library convolution or pooling in a tf.function (`{ast.unparse(sub)}`)"
                self._add(WARNING, "traced-library", detail, node)
                return

    def _check_method_call(self, node: ast.Call) -> None:
        func = node.func
        assert isinstance(func, ast.Attribute)
        chain = _attribute_chain(func)
        if len(chain) >= 2 and tuple(chain[:2]) in INTROSPECTION:
            self._add(WARNING, "introspection", f"calls {'.'.join(chain[:2])}", node)
        reaches_shell = any(isinstance(sub, ast.Name) and sub.id in self.shell_names for sub in ast.walk(func))
        if reaches_shell and SHELL_HOOKS & set(chain):
            self._add(TAMPER, "ipython-hook", f"hooks IPython: `{ast.unparse(func)}(...)`", node)
        elif func.attr in MUTATORS:
            found = self._root_rule(func.value)
            if found:
                self._add(_severity(found[0]), found[0], f"modifies `{ast.unparse(func.value)}`", node, found[1])

    def visit_Constant(self, node: ast.Constant) -> None:
        text = node.value
        if isinstance(text, str) and ("/" in text or "." in text) and names_secret(text):
            self._add(TAMPER, "solution-read", f"names the instructor's files ({text!r})", node)


def _severity(rule: str) -> str:
    return WARNING if rule == "sys-change" else TAMPER


def _called_name(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else ""


def _attribute_chain(node: ast.AST) -> list[str]:
    """``a.b.c`` -> ["a", "b", "c"]; calls in the chain are skipped (``get_ipython().events``)."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return parts[::-1]
        else:
            return parts[::-1]
