"""The tamper checks on their own: static rules, their reach over grade cells, and the guard's probe."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from autograder.grading.tamper import impact, static, structure
from autograder.grading.tamper.finding import TAMPER, WARNING, Finding
from autograder.grading.tamper.hooks import SHELL_HOOK_LISTS, SHELL_HOOKS, SHELL_METHODS
from autograder.grading.worker import integrity


def notebook(*sources: str, grade_cells: dict[int, str] | None = None) -> nbformat.NotebookNode:
    """Student cells; ``grade_cells`` maps a position to a locked grade cell's source."""
    cells = []
    for index, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        if grade_cells and index in grade_cells:
            cell.source = grade_cells[index]
            cell.metadata["nbgrader"] = {"grade": True, "locked": True, "grade_id": f"g{index}", "points": 1}
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


def rules(*sources: str) -> set[str]:
    return {finding.rule for finding in static.scan(notebook(*sources))}


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ("q_1 = object()", "checker-patch"),
        ("q_2.assert_correct = lambda **kw: None", "checker-patch"),
        ("def q_3(): pass", "checker-patch"),
        ("from autograder.core import QuestionView\nQuestionView.assert_correct = print", "checker-patch"),
        ("type(q_1).assert_correct = print", "checker-patch"),
        ("setattr(q_1, 'assert_correct', print)", "checker-patch"),
        ("binder.namespace = dict", "checker-patch"),
        ("import builtins\nbuiltins.AssertionError = Exception", "builtins-patch"),
        ("AssertionError = Exception", "builtins-patch"),
        ("__builtins__['len'] = max", "builtins-patch"),
        ("np.array_equal = lambda *a: True", "modules-patch"),
        ("import numpy as xp\nxp.allclose = all", "modules-patch"),
        ("import sys\nsys.modules['numpy'] = None", "modules-patch"),
        ("import sys\nsys.modules.update({})", "modules-patch"),
        ("get_ipython().events.register('pre_run_cell', print)", "ipython-hook"),
        ("ip = get_ipython()\nip.input_transformers_cleanup.append(str)", "ipython-hook"),
        ("get_ipython().showtraceback = print", "ipython-hook"),
        ("get_ipython().set_custom_exc((AssertionError,), print)", "ipython-hook"),
        ("open('../../../source/ex1/ex1.ipynb')", "solution-read"),
        ("path = '../../gradebook.db'", "solution-read"),
        ("exec('x = 1')", "dynamic-code"),
        ("import ctypes", "introspection"),
        ("import sys\nsys._getframe(1)", "introspection"),
        ("_g = q_1.assert_correct.__func__.__globals__", "introspection"),
        ("import autograder.core.answering as a\na.answer_text = str", "checker-patch"),
        ("from autograder.core.observed import INSPECTORS\nINSPECTORS.clear()", "checker-patch"),
        ("import subprocess", "subprocess"),
    ],
)
def test_each_trick_is_recognised_in_the_code(source: str, rule: str) -> None:
    assert rule in rules(source)


@pytest.mark.parametrize(
    "source",
    [
        "%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.rcParams['figure.figsize'] = (4, 4)",
        "kernel = tf.constant([[1, 0], [0, 1]])\nq_1.check()\nq_1.hint(2)",
        "x = np.zeros(3)\nx[0] = 1\nresults = []\nresults.append(x)",
        "np.random.seed(0)\ntf.random.set_seed(0)",
        "def corr2d(X, K):\n    return X\nplt.title('the source image')",
        "answer = [[0, 0, 0, 2, 0]] * 5  # the source of the error",
        "feature_map = (\n    tf.nn.relu\n)",
        "this is not valid python (",
    ],
)
def test_ordinary_student_code_is_not_flagged(source: str) -> None:
    assert static.scan(notebook(source)) == []


def test_grade_and_locked_cells_are_not_read_as_student_code() -> None:
    cells = notebook("x = 1", "q_1 = None", grade_cells={1: "q_1 = None"})
    assert static.scan(cells) == []


def test_a_finding_in_the_code_costs_the_later_grade_cells_it_can_reach() -> None:
    cells = notebook(
        "a",
        "q_1.assert_correct()",
        "b",
        "q_2.assert_correct()",
        "c",
        "q_3.assert_correct()",
        grade_cells={1: "q_1.assert_correct()", 3: "q_2.assert_correct()", 5: "q_3.assert_correct()"},
    )
    everything = Finding(TAMPER, "checker-patch", "patched the checker", cell=2)
    one_question = Finding(TAMPER, "checker-patch", "rebinds `q_3`", cell=0, target="q_3")
    only_a_warning = Finding(WARNING, "dynamic-code", "exec", cell=0)
    assert [index for index, _ in impact.affected(cells, everything)] == [3, 5]
    assert [index for index, _ in impact.affected(cells, one_question)] == [5]
    assert impact.affected(cells, only_a_warning) == []


def test_a_finding_of_the_probe_names_the_grade_cell_it_followed_and_changes_no_output() -> None:
    cells = notebook("a", "q_1.assert_correct()", "q_2.assert_correct()", grade_cells={1: "q_1", 2: "q_2"})
    finding = Finding(TAMPER, "modules-patch", "replaced numpy.array_equal", cell=2, source="runtime")
    impact.annotate(cells, [finding])
    assert finding.grade_ids == ["g2"]
    assert cells.cells[1].outputs == [] and cells.cells[2].outputs == []


def test_files_that_shadow_installed_modules_are_found(tmp_path: Path) -> None:
    (tmp_path / "numpy.py").write_text("")
    (tmp_path / "PIL").mkdir()
    (tmp_path / "PIL" / "__init__.py").write_text("")
    (tmp_path / "my_helpers.py").write_text("")
    assert structure.shadowing_modules(tmp_path) == {"numpy", "PIL"}


def test_a_probe_answer_must_echo_its_nonce() -> None:
    def reply(payload: object, status: str = "ok") -> dict:
        text = repr(json.dumps(payload))
        return {"status": "ok", "user_expressions": {"probe": {"status": status, "data": {"text/plain": text}}}}

    finding = ["tamper", "checker-patch", "x", ""]
    assert integrity.read_answer(reply({"nonce": "n1", "findings": [finding]}), "n1") == [tuple(finding)]
    assert integrity.read_answer(reply({"nonce": "forged", "findings": []}), "n1")[0][1] == "ipython-hook"
    assert integrity.read_answer(reply({}, status="error"), "n1")[0][1] == "ipython-hook"
    assert integrity.read_answer({"status": "error"}, "n1")[0][1] == "ipython-hook"


GUARD_SCRIPT = textwrap.dedent(
    """
    import builtins, json, sys
    import numpy
    from autograder.grading.sandbox import guard
    from autograder.core.view import QuestionView
    import autograder.core.view as view
    trusted = [p for p in sys.path if p.endswith('site-packages')] + [sys.base_prefix, view.__file__.rsplit('/', 3)[0]]
    guard.install({"trusted_roots": trusted, "allowed_roots": [], "secret_names": ["source"],
                   "protected_modules": ["autograder", "numpy"]})
    clean = json.loads(guard.probe("a"))
    numpy.array_equal = lambda *a, **k: True
    builtins.AssertionError = Exception
    QuestionView.assert_correct = lambda self, **k: None
    class Fake:
        pass
    QuestionView(None, "q_9").__class__ = Fake
    try:
        open("../source/solution.ipynb")
    except OSError:
        pass
    dirty = json.loads(guard.probe("b"))
    print(json.dumps({"clean": clean, "dirty": dirty}))
    """
)


def test_the_guard_reports_patches_and_file_access_in_a_real_interpreter() -> None:
    result = subprocess.run([sys.executable, "-c", GUARD_SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    assert answers["clean"] == {"nonce": "a", "findings": []}
    details = {(rule, detail) for _, rule, detail, _ in answers["dirty"]["findings"]}
    assert ("modules-patch", "replaced numpy.array_equal") in details
    assert ("builtins-patch", "replaced builtins.AssertionError") in details
    assert ("checker-patch", "replaced QuestionView.assert_correct") in details
    assert ("checker-patch", "changed autograder.core.view.QuestionView.__class__") in details
    assert any(rule == "solution-read" for rule, _ in details)


def test_every_listed_shell_hook_is_one_ipython_has():
    from ipykernel.zmqshell import ZMQInteractiveShell

    shell = ZMQInteractiveShell.instance()  # the kernel's shell: `kernel` is one of its traits
    missing = [name for name in SHELL_HOOKS if not hasattr(shell, name) and not hasattr(type(shell), name)]
    assert missing == [], "IPython renamed or dropped these: update autograder.grading.tamper.hooks"
    assert all(isinstance(getattr(shell, name), list) for name in SHELL_HOOK_LISTS)
    assert all(callable(getattr(type(shell), name)) for name in SHELL_METHODS)
