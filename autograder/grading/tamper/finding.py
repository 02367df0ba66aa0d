"""A piece of evidence that a submission tried to defeat grading, and what it cost."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

TAMPER = "tamper"  # an attempt to defeat grading
WARNING = "warning"  # suspicious, or a trick nbgrader already undid: worth a look
NOTICE = "notice"  # not an attempt, but the instructor should know (a missing or renamed notebook)
FLAGGED = frozenset({TAMPER, WARNING})

# Tricks that could turn a wrong answer into points: grade cells they reach score zero.
SCORE_AFFECTING = frozenset({"checker-patch", "builtins-patch", "modules-patch", "ipython-hook", "shadow-module"})


@dataclass
class Finding:
    """What was seen (rule, detail), where (notebook, cell index), and which grade cells it cost."""

    severity: str
    rule: str
    detail: str
    notebook: str = ""
    cell: int | None = None
    target: str = ""
    grade_ids: list[str] = field(default_factory=list)
    source: str = "static"

    @property
    def flagged(self) -> bool:
        return self.severity in FLAGGED

    @property
    def affects_score(self) -> bool:
        return self.rule in SCORE_AFFECTING

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(**data)
