"""Byte caps on a notebook's outputs, so that a submission cannot make its autograded notebook huge.

nbgrader's LimitOutput counts lines: one 60 MB line or a 120 MB image passes it (a 181 MB
autograded notebook and a 1.2 GB coordinator). Here each output (a stream, a display, a result,
an error) keeps at most `OUTPUT_BYTES` and a notebook's outputs at most `NOTEBOOK_BYTES`, counted
as JSON; text past the cap is cut and an image (or any other non-text data) over it is replaced,
with a note saying so.

Caps never change a grade. nbgrader scores a grade cell by its errors, stderr and results, so
those outputs are shrunk, never dropped: once the notebook's cap is reached a cell still keeps
its first error, first stderr and first result (`NOTE_BYTES` each), while stdout and displays are
dropped, with a note.

`CapOutputBytes` applies the caps to an executed notebook (registered after nbgrader's
LimitOutput); `BoundedOutputs` applies them to the kernel's messages as they arrive, so that the
worker never holds more than the caps allow either.
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

from nbclient import NotebookClient
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode, from_dict
from nbformat.v4 import new_output
from traitlets import Bool

OUTPUT_BYTES = 1_000_000
NOTEBOOK_BYTES = 10_000_000
NOTE_BYTES = 1_000
DECISIVE = frozenset({"error", "execute_result", "stream:stderr"})  # what nbgrader scores by
# Output messages and the output they make; comm messages (widgets) are kept or dropped whole.
MESSAGES = {
    "stream": "stream",
    "display_data": "display_data",
    "update_display_data": "display_data",
    "execute_result": "execute_result",
    "error": "error",
    "comm_open": "comm",
    "comm_msg": "comm",
}


class Budget:
    """One notebook's output bytes so far."""

    def __init__(self, per_output: int = OUTPUT_BYTES, total: int = NOTEBOOK_BYTES) -> None:
        self.per_output = per_output
        self.total = total
        self.used = 0
        self.dropped = 0
        self._decisive: set[tuple[int, str]] = set()  # (cell index, kind) kept past the cap

    def admit(self, output_type: str, fields: dict[str, Any], cell_index: int) -> bool:
        """Cap one output's ``fields`` in place and count them; False if the output is to be dropped."""
        kind = f"stream:{fields.get('name')}" if output_type == "stream" else output_type
        full = self.used >= self.total
        if full and (kind not in DECISIVE or (cell_index, kind) in self._decisive):
            self.dropped += 1
            return False
        if full:
            self._decisive.add((cell_index, kind))
        room = NOTE_BYTES if full else min(self.per_output, self.total - self.used)
        size = json_size(fields, room)
        if size > room:
            if output_type == "comm":
                self.dropped += 1
                return False
            size = _cut(output_type, fields, room)
            if room < self.per_output:  # cut to fit the notebook: it is full from now on
                self.used = self.total
        self.used += size
        return True


def _cut(output_type: str, fields: dict[str, Any], limit: int) -> int:
    """Cut an output's content in place to at most about ``limit`` bytes of JSON; its size after."""
    note = f"[cut by the grader: this output is over its limit of {limit:,} bytes]"
    room = max(limit - len(note) - 200, 0)
    if output_type == "stream":
        kept = {"name": _text(fields.get("name"))[:20], "text": _fit(_text(fields.get("text")), room) + "\n" + note}
    elif output_type == "error":
        lines = fields.get("traceback")
        traceback = [_fit(_text(line), room // 2) for line in islice(lines if isinstance(lines, list) else [], 100)]
        while traceback and json_size(traceback, room // 2) > room // 2:
            traceback.pop()
        kept = {
            "ename": _fit(_text(fields.get("ename")), 200),
            "evalue": _fit(_text(fields.get("evalue")), room // 4),
            "traceback": [*traceback, note],
        }
    else:  # display_data, execute_result: keep the text, replace everything else by the note
        data = fields.get("data") if isinstance(fields.get("data"), dict) else {}
        others = ", ".join(sorted(str(mime) for mime in islice(data, 20) if mime != "text/plain"))[:200]
        text = _fit(_text(data.get("text/plain")), room // 2)
        kept = {"data": {"text/plain": f"{text}\n{note}" + (f" (removed: {others})" if others else "")}, "metadata": {}}
        if output_type == "execute_result":
            kept["execution_count"] = fields.get("execution_count")
    if "output_type" in fields:  # an output, not a message's content
        kept["output_type"] = output_type
    fields.clear()
    fields.update(from_dict(kept))
    return json_size(fields, limit)


class CapOutputBytes(Preprocessor):
    """The caps, applied to an executed notebook (after nbgrader's LimitOutput)."""

    enabled = Bool(True)

    def preprocess(self, nb: NotebookNode, resources: Any) -> tuple[NotebookNode, Any]:
        budget = Budget()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            before = budget.dropped
            cell.outputs = [output for output in cell.outputs if budget.admit(output["output_type"], output, index)]
            cell.outputs = [writable(output) for output in cell.outputs]
            if budget.dropped > before:
                note = f"[{budget.dropped - before} output(s) dropped by the grader: over {budget.total:,} bytes]\n"
                cell.outputs.append(new_output("stream", name="stdout", text=note))
        if json_size(nb.metadata.get("widgets"), OUTPUT_BYTES) > OUTPUT_BYTES:
            del nb.metadata["widgets"]  # widget state nbclient saved from the kernel's comm messages
        return nb, resources


class BoundedOutputs(NotebookClient):
    """Mixin for nbclient's client (before nbgrader's Execute): the caps, as messages arrive."""

    output_budget: Budget

    def reset_execution_trackers(self) -> None:
        super().reset_execution_trackers()
        self.output_budget = Budget()

    def process_message(self, msg: dict[str, Any], cell: NotebookNode, cell_index: int) -> NotebookNode | None:
        output_type = MESSAGES.get(msg["msg_type"])
        if output_type and not self.output_budget.admit(output_type, msg["content"], cell_index):
            return None
        return super().process_message(msg, cell, cell_index)


def writable(value: Any) -> Any:
    """``value`` with every lone surrogate in its text replaced: a kernel can send one (JSON's
    ``"\ud800"``), and a notebook holding one can never be written."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(value) else value
    if isinstance(value, dict):
        for key in list(value):
            value[writable(key)] = writable(value.pop(key))
    elif isinstance(value, list):
        value[:] = [writable(item) for item in value]
    return value


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def json_size(value: Any, limit: int) -> int:
    """Bytes of ``value`` as JSON; any number over ``limit`` if it is larger (without encoding it)."""
    rough, stack = 0, [value]
    while stack and rough <= limit:  # a lower bound, cheap even for a 100 MB string
        item = stack.pop()
        if isinstance(item, str):
            rough += len(item)
        elif isinstance(item, dict):
            rough += 2 + 2 * len(item)
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple)):
            rough += 2 + len(item)
            stack += item
        else:
            rough += 1
    if rough > limit:
        return rough
    try:
        return len(json.dumps(value, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass"))
    except (RecursionError, ValueError):
        return limit + 1


def _fit(text: str, limit: int) -> str:
    """The longest prefix of ``text`` (roughly) whose JSON takes at most ``limit`` bytes."""
    text = text[:limit]
    while text and (size := json_size(text, limit) - 2) > limit:
        text = text[: len(text) * limit // size]
    return text


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = "".join(str(part) for part in value)
    return value if isinstance(value, str) else ""
