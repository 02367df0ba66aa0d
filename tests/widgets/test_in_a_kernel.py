"""In a real kernel the explorers are live widgets whose outputs also carry a picture, so an
exported page without widget state still shows each explorer."""

import re
from pathlib import Path

import nbformat
import pytest
from harness.notebooks import execute
from nbconvert import HTMLExporter

from autograder.widgets.fallback import WIDGET_VIEW_MIME

pytestmark = pytest.mark.notebook

CALLS = [
    'kernel_playground(image="circle", image_size=64)',
    "sliding_window_explorer()",
    "pooling_explorer()",
    "sliding_window_explorer(static=True)",
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import autograder\nfrom autograder.widgets import kernel_playground, pooling_explorer, "
            "sliding_window_explorer"
        ),
        *(nbformat.v4.new_code_cell(call) for call in CALLS),
    ]
    return execute(notebook, cwd=Path(tmp_path_factory.mktemp("explorers")))


def test_explorers_run_quietly(executed: nbformat.NotebookNode) -> None:
    for cell in executed.cells:
        kinds = [(output.output_type, output.get("name")) for output in cell.outputs]
        assert ("stream", "stderr") not in kinds and ("error", None) not in kinds, cell.source


def test_each_explorer_is_one_live_widget_with_a_picture(executed: nbformat.NotebookNode) -> None:
    states = executed.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    for cell in executed.cells[1:4]:
        (output,) = cell.outputs
        assert output.data[WIDGET_VIEW_MIME]["model_id"] in states
        assert output.data["image/png"]
        assert "interactive in JupyterLab" in output.data["text/plain"]


def test_static_explorer_shows_its_figure_once(executed: nbformat.NotebookNode) -> None:
    (output,) = executed.cells[4].outputs
    assert "image/png" in output.data
    assert WIDGET_VIEW_MIME not in output.data


def test_a_page_without_widget_state_shows_every_picture(executed: nbformat.NotebookNode) -> None:
    saved = nbformat.from_dict(executed)
    saved.metadata.pop("widgets")  # JupyterLab saves no widget state unless asked to
    body, _ = HTMLExporter().from_notebook_node(saved)
    pictures = re.findall(r'<img [^>]*src="data:image/png;base64,', body)
    assert len(pictures) == len(CALLS)
    assert f'type="{WIDGET_VIEW_MIME}"' not in body
