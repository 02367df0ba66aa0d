"""Progress while grading: a redrawn bar with ETA on a terminal, one plain line each in CI logs."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from autograder.grading.grade.records import FAILED, SubmissionRecord

BAR_WIDTH = 28


def describe(record: SubmissionRecord) -> str:
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
    """Reports each finished submission; ``interactive`` redraws a bar instead of printing lines."""

    def __init__(self, total: int, stream: TextIO | None = None, interactive: bool | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.done = 0
        self.failed = 0
        self.flagged = 0
        self.started = time.monotonic()

    def update(self, record: SubmissionRecord) -> None:
        self.done += 1
        self.failed += record.status == FAILED or bool(record.reason)
        self.flagged += record.flagged
        if self.interactive:
            self.stream.write("\r\033[K" + self.bar())
            if record.status == FAILED or record.flagged or record.reason:
                self.stream.write("\r\033[K" + describe(record) + "\n" + self.bar())
        else:
            self.stream.write(f"[{self.done}/{self.total}] {describe(record)}\n")
        self.stream.flush()

    def bar(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(BAR_WIDTH * fraction)
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        return (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} {fraction:4.0%} "
            f"ETA {_clock(eta)}  failed {self.failed}  flagged {self.flagged}"
        )

    def close(self) -> None:
        if self.interactive and self.total:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds + 0.5), 60)
    return f"{minutes}:{seconds:02d}"
