"""The end-of-run summary and the exit status that scripts act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.records import FAILED, SubmissionRecord

EXIT_OK = 0
EXIT_ERROR = 1  # the command itself could not run
EXIT_FAILED = 2  # some submission could not be graded, or was stopped (timeout, memory, crash)
EXIT_FLAGGED = 4  # some submission tried to defeat grading (added to EXIT_FAILED when both)


@dataclass
class Summary:
    """This run's numbers, and the state of the whole class after it."""

    graded_now: int = 0
    skipped: int = 0
    notebooks: int = 0
    seconds: float = 0.0
    workers: int = 0
    records: dict[str, SubmissionRecord] = field(default_factory=dict)
    report: Path | None = None

    @property
    def failed(self) -> list[SubmissionRecord]:
        return [r for r in self.records.values() if r.status == FAILED or r.reason]

    @property
    def flagged(self) -> list[SubmissionRecord]:
        return [r for r in self.records.values() if r.flagged]

    def exit_status(self) -> int:
        return (EXIT_FAILED if self.failed else 0) | (EXIT_FLAGGED if self.flagged else 0)

    def text(self) -> str:
        rate = self.notebooks / self.seconds * 60 if self.seconds else 0.0
        lines = [
            f"Graded {self.graded_now} submission(s) in {self.seconds:.1f} s with {self.workers} worker(s) "
            f"({self.notebooks} notebooks, {rate:.1f} notebooks/min); {self.skipped} already graded.",
            f"Class: {len(self.records)} submission(s), {len(self.failed)} failed or stopped, "
            f"{len(self.flagged)} flagged.",
        ]
        for record in sorted(self.failed, key=lambda r: r.student):
            lines.append(f"  failed  {record.student}: {record.reason}")
        for record in sorted(self.flagged, key=lambda r: r.student):
            rules = ", ".join(sorted({f.rule for f in record.findings if f.flagged}))
            lines.append(f"  flagged {record.student}: {rules}")
        return "\n".join(lines)
