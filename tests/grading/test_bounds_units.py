"""The pure parts of the grading bounds: output byte caps, the kernel's environment allowlist, and
the static scan's budget (a real helper process, no kernel)."""

from __future__ import annotations

import base64
import json
import time

import nbformat
import pytest
from harness.course import ROOT
from nbformat.v4 import new_code_cell, new_notebook, new_output
from nbgrader.preprocessors import Execute
from nbgrader.utils import determine_grade

from autograder.grading.sandbox.spec import KERNEL_ENV_NAMES, kernel_env
from autograder.grading.tamper import static
from autograder.grading.tamper.bounded import Scanner
from autograder.grading.worker.output_caps import (
    NOTE_BYTES,
    NOTEBOOK_BYTES,
    OUTPUT_BYTES,
    BoundedOutputs,
    CapOutputBytes,
    json_size,
)

MB = 1_000_000
UNSCANNABLE = "x = " + "-" * 100_000 + "1"  # ast.parse raises MemoryError


def grade_cell(*outputs: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cell = new_code_cell("q_1.check()", outputs=list(outputs))
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "q1", "points": 2}
    return cell


def capped(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    notebook, _ = CapOutputBytes().preprocess(new_notebook(cells=list(cells)), {})
    return notebook


def kinds(cell: nbformat.NotebookNode) -> list[str]:
    return [output.get("name", output.output_type) for output in cell.outputs]


# ------------------------------------------------------------------ output caps
def test_a_long_line_an_image_and_an_error_are_cut_to_the_output_cap() -> None:
    image = base64.b64encode(b"\x89PNG" * (3 * MB // 4)).decode()
    notebook = capped(
        new_code_cell(
            outputs=[
                new_output("stream", name="stdout", text="x" * (60 * MB)),
                new_output("display_data", data={"image/png": image, "text/plain": "<Figure>"}),
                new_output("error", ename="ValueError", evalue="v" * (5 * MB), traceback=["t" * MB] * 20),
            ]
        )
    )
    stdout, display, error = notebook.cells[0].outputs
    for output in (stdout, display, error):
        assert json_size(output, OUTPUT_BYTES) <= OUTPUT_BYTES
    assert stdout.text.startswith("xxx") and stdout.text.endswith("limit of 1,000,000 bytes]")
    assert set(display.data) == {"text/plain"} and "removed: image/png" in display.data["text/plain"]
    assert error.ename == "ValueError" and "cut by the grader" in error.traceback[-1]
    nbformat.validate(notebook)


def test_small_outputs_are_left_exactly_as_they_were() -> None:
    outputs = [
        new_output("stream", name="stdout", text="hello\n"),
        new_output("execute_result", data={"text/plain": "1.5"}, execution_count=3),
        new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
    ]
    notebook = capped(new_code_cell(outputs=nbformat.from_dict(json.loads(json.dumps(outputs)))))
    assert notebook.cells[0].outputs == outputs


def test_past_the_notebook_cap_stdout_is_dropped_but_what_nbgrader_scores_by_is_kept() -> None:
    filler = [
        new_code_cell(outputs=[new_output("stream", name="stdout", text="f" * (OUTPUT_BYTES - 100))]) for _ in range(12)
    ]
    scored = [
        grade_cell(new_output("stream", name="stdout", text="late\n"), new_output("error", ename="E", evalue="e" * MB)),
        grade_cell(new_output("stream", name="stderr", text="warning\n" * 200_000)),
        grade_cell(new_output("execute_result", data={"text/plain": "0.5"}, execution_count=1)),
        grade_cell(*[new_output("stream", name="stderr", text="again\n")] * 3),
    ]
    before = [determine_grade(cell) for cell in scored]
    notebook = capped(*filler, *scored)
    assert len(nbformat.writes(notebook)) < NOTEBOOK_BYTES + 20 * NOTE_BYTES
    assert [determine_grade(cell) for cell in notebook.cells[12:]] == before == [(0, 2), (0, 2), (0.5, 2), (0, 2)]
    assert kinds(notebook.cells[12]) == ["error", "stdout"]  # the stdout output dropped, and the note
    assert "dropped by the grader" in notebook.cells[12].outputs[-1].text
    assert kinds(notebook.cells[15]) == ["stderr", "stdout"]  # one stderr kept, two dropped
    assert kinds(notebook.cells[11]) == ["stdout"] and "dropped" in notebook.cells[11].outputs[0].text


def test_outputs_are_also_capped_as_their_messages_arrive() -> None:
    class Client(BoundedOutputs, Execute):
        pass

    client = Client()
    client.clear_before_next_output = False  # set when execution starts
    cell = new_code_cell()

    def message(kind: str, **content: object) -> dict:
        return {"msg_type": kind, "header": {"msg_type": kind}, "parent_header": {}, "content": content}

    client.process_message(message("stream", name="stdout", text="y" * (50 * MB)), cell, 0)
    for _ in range(15):
        client.process_message(
            message("display_data", data={"text/html": "h" * (OUTPUT_BYTES - 500)}, metadata={}), cell, 0
        )
    client.process_message(message("error", ename="E", evalue="boom", traceback=[]), cell, 0)
    # The stream, nine displays within 10 MB, the tenth cut to the room left, and the error.
    assert [output.output_type for output in cell.outputs] == ["stream", *["display_data"] * 10, "error"]
    assert "cut by the grader" in cell.outputs[10].data["text/plain"]
    assert json_size(cell.outputs, NOTEBOOK_BYTES + NOTE_BYTES) <= NOTEBOOK_BYTES + NOTE_BYTES
    assert cell.outputs[-1].output_type == "error"


# ------------------------------------------------------------------ environment allowlist
def test_the_kernel_environment_is_an_exact_list_of_names() -> None:
    grader = {
        "TF_VAR_db_password": "hunter2",
        "TF_TOKEN_app_terraform_io": "secret",
        "KERAS_HOME": "/home/me/.keras",
        "LC_SECRET": "x",
        "OPENBLAS_VERBOSE": "2",
        "AWS_SECRET_ACCESS_KEY": "k",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "LC_ALL": "C.UTF-8",
        "PATH": "/usr/bin",
        "OMP_NUM_THREADS": "1",
    }
    assert kernel_env(grader) == {
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "LC_ALL": "C.UTF-8",
        "PATH": "/usr/bin",
        "OMP_NUM_THREADS": "1",
    }
    assert {"TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS", "KERAS_BACKEND", "MPLBACKEND"} <= KERNEL_ENV_NAMES


# ------------------------------------------------------------------ static scan budget
@pytest.fixture
def scanner() -> Scanner:
    helper = Scanner()
    yield helper
    helper.close()


def test_a_cell_the_parser_cannot_read_is_flagged_and_the_rest_still_scanned(scanner: Scanner) -> None:
    notebook = new_notebook(cells=[new_code_cell(UNSCANNABLE), new_code_cell("q_1 = object()")])
    found = scanner.scan(notebook, "ex1")
    assert [(f.severity, f.rule, f.cell) for f in found] == [
        ("warning", "unscanned", 0),
        ("tamper", "checker-patch", 1),
    ]
    assert found[0].detail == "could not be scanned: MemoryError (cell 1)"
    deep = static.scan(new_notebook(cells=[new_code_cell("y = " + "-" * 2000 + "1")]))
    assert [f.rule for f in deep] == ["unscanned"] and "RecursionError" in deep[0].detail


def test_a_slow_scan_is_stopped_and_the_next_notebook_is_scanned_by_a_new_helper() -> None:
    magics = new_notebook(cells=[new_code_cell("!ls\n" + "a = 1\n" * 20_000 + "!ls\n" * 400)])  # minutes
    helper = Scanner(seconds=2)
    try:
        started = time.monotonic()
        found = helper.scan(magics, "ex1")
        assert time.monotonic() - started < 10
        assert [f.detail for f in found] == ["could not be scanned: the scan took longer than 2 s"]
        assert [f.rule for f in helper.scan(new_notebook(cells=[new_code_cell("q_2 = 1")]))] == ["checker-patch"]
    finally:
        helper.close()


def test_code_over_the_size_budget_is_not_read(scanner: Scanner) -> None:
    found = scanner.scan(new_notebook(cells=[new_code_cell("q_1 = 1\n" * 200_000)]), "ex1")
    assert [f.detail for f in found] == [
        "could not be scanned: its code is 1,600,000 bytes, more than the 1,000,000 the scan reads"
    ]


def test_the_helper_finds_what_the_scan_finds_for_a_few_milliseconds_a_notebook(scanner: Scanner) -> None:
    notebooks = [nbformat.read(path, as_version=4) for path in sorted((ROOT / "source").glob("*/*.ipynb"))]
    tricky = new_notebook(cells=[new_code_cell("import builtins\nbuiltins.AssertionError = Exception")])
    scanner.scan(tricky)  # starts the helper (a fifth of a second, once per run)
    started = time.monotonic()
    for notebook in [*notebooks, tricky] * 8:
        assert scanner.scan(notebook, "nb") == static.scan(notebook, "nb")
    assert (time.monotonic() - started) / (8 * (len(notebooks) + 1)) < 0.1
