"""What each grading run observed per submission, kept beside the gradebook for the class report.

The gradebook holds scores; these records hold the rest: how long a submission took, why it
failed, which tricks it tried and what each grade cell said when it failed. One JSON file per
student in ``.autograder/<assignment>/records/``, replaced atomically, so records survive a killed
run and a resumed run's report still covers the whole class.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from autograder.grading.files import write_atomically
from autograder.grading.tamper.finding import Finding

GRADED = "graded"
FAILED = "failed"


@dataclass
class NotebookRecord:
    name: str
    status: str
    reason: str = ""
    seconds: float = 0.0
    peak_memory_mb: float = 0.0
    cells_seconds: float = 0.0


@dataclass
class SubmissionRecord:
    """The outcome of grading one student's submission."""

    student: str
    assignment: str
    status: str
    reason: str = ""
    seconds: float = 0.0
    worker: str = ""
    worker_memory_mb: float = 0.0
    score: float | None = None
    max_score: float | None = None
    notebooks: list[NotebookRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)  # grade_id -> failure message

    @property
    def flagged(self) -> bool:
        return any(finding.flagged for finding in self.findings)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["findings"] = [finding.as_dict() for finding in self.findings]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionRecord:
        data = dict(data)
        data["notebooks"] = [NotebookRecord(**item) for item in data.get("notebooks", [])]
        data["findings"] = [Finding.from_dict(item) for item in data.get("findings", [])]
        return cls(**data)


class RecordStore:
    """The records of one assignment."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, record: SubmissionRecord) -> None:
        write_atomically(self.folder / f"{record.student}.json", json.dumps(record.as_dict(), indent=1))

    def load_all(self) -> dict[str, SubmissionRecord]:
        records = {}
        for path in sorted(self.folder.glob("*.json")):
            try:
                record = SubmissionRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))
            except (ValueError, TypeError, KeyError):
                continue
            records[record.student] = record
        return records
