"""Progress while grading: a bar with ETA on a terminal (tqdm), one plain line each in CI logs."""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

from autograder.grading.records import FAILED, SubmissionRecord


def one_line(record: SubmissionRecord) -> str:
    """One submission's outcome in a few words."""
    if record.status == FAILED:
        return f"{record.student}: failed ({record.reason})"
    parts = [f"{record.student}: graded in {record.seconds:.1f} s"]
    if record.reason:
        parts.append(f"stopped ({record.reason})")
    flagged = [finding.rule for finding in record.findings if finding.flagged]
    if flagged:
        parts.append(f"flagged: {', '.join(sorted(set(flagged)))}")
    return "; ".join(parts)


class Progress:
    """Reports each finished submission: a tqdm bar on a terminal, one plain line each in a log."""

    def __init__(self, total: int, stream: TextIO | None = None, interactive: bool | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.done = self.failed = self.flagged = 0
        self._bar = (
            tqdm(total=total, file=self.stream, unit="submission", dynamic_ncols=True) if self.interactive else None
        )

    def update(self, record: SubmissionRecord) -> None:
        self.done += 1
        self.failed += record.status == FAILED or bool(record.reason)
        self.flagged += record.flagged
        if self._bar is None:
            self.stream.write(f"[{self.done}/{self.total}] {one_line(record)}\n")
            self.stream.flush()
            return
        if record.status == FAILED or record.flagged or record.reason:
            self._bar.write(one_line(record), file=self.stream)
        self._bar.set_postfix(failed=self.failed, flagged=self.flagged, refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
