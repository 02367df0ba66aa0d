"""Check latency of the judge service for a class: 40 students checking at once, against one alone.

Serves the real service (real judge processes, a SQLite record) on this machine and has simulated
students check exercise 1's graded questions with the model answers, through the notebook's own
client (`autograder.service.client`; the needs answered from this process's namespace, as a kernel
answers them). Prints p50 and p95 of one check's latency for one student alone (the baseline) and
for ``--students`` (default 40) checking over ``--seconds`` (default 60) at random moments, each at
most ``checks_per_minute`` times a minute, and their ratios. Target on a 2-core machine: p95 under
3 s, within the rate a class's lab session produces.

Then the instructors' class view (`autograder.service.class_view`, `autograder.service.page`): the
record filled with ``--students`` x 4 assignments of checks (thousands of rows), the page's response
time (view, chart and HTML) and the CSV's, and the class's check latency again while the page
reloads every `REFRESH_SECONDS` (target: p95 within 1.25x of the class without the page).

    .venv/bin/python benchmarks/judge_service.py [--students 40] [--seconds 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "service")]

from service_support import judge_service  # noqa: E402

from autograder import binder  # noqa: E402
from autograder.exercises import ASSIGNMENTS, load_questions  # noqa: E402
from autograder.exercises.labels import labels as labels_of  # noqa: E402
from autograder.grading.judge.process import judge_pool  # noqa: E402
from autograder.service import client  # noqa: E402
from autograder.service.class_view import csv_text, question_labels  # noqa: E402
from autograder.service.page import REFRESH_SECONDS, class_page  # noqa: E402
from autograder.service.record import Check, Record, now  # noqa: E402
from autograder.service.server import Service, User  # noqa: E402

ASSIGNMENT = "ex1_convolution_relu"
P95_TARGET = 3.0
PAGE_OPEN_TARGET = 1.25
STATUSES = ("incorrect", "incorrect", "error", "correct")
SLIPS = (
    "Your kernel's weights add up to 10, not 0.",
    "You flipped the kernel.",
    "SAME puts the extra row at the bottom.",
)


def answered_namespace() -> list[str]:
    """Bind a namespace holding every model answer; the labels of the graded questions."""
    namespace: dict = {}
    binder.bind(namespace)
    exec("from autograder.exercises.ex1 import *", namespace)
    labels = []
    for label, question in load_questions(ASSIGNMENT).items():
        if question.graded and "." not in label:
            exec(question.solution, namespace)
            labels.append(label)
    return labels


def check(url: str, token: str, label: str) -> float:
    started = time.perf_counter()
    reply = client.ask({"op": "check", "assignment": ASSIGNMENT, "label": label}, url, token)
    seconds = time.perf_counter() - started
    assert reply.get("verdict", {}).get("status") == "correct", reply
    return seconds


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def class_checks(url: str, tokens: dict[str, User], labels: list[str], args: argparse.Namespace) -> list[float]:
    """Every student of ``tokens`` checking at random moments for ``args.seconds``: each latency."""
    loaded: list[float] = []
    lock = threading.Lock()

    def student(token: str) -> None:
        rng = random.Random(token)
        deadline = time.monotonic() + args.seconds
        while True:
            time.sleep(rng.expovariate(args.per_minute / 60))
            if time.monotonic() > deadline:
                return
            seconds = check(url, token, rng.choice(labels))
            with lock:
                loaded.append(seconds)

    threads = [threading.Thread(target=student, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return loaded


def fill(record: Record, students: int, per_question: int = 4) -> int:
    """A class's worth of checks on every assignment: ``per_question`` per student and question."""
    rows = []
    start = now() - dt.timedelta(hours=2)
    for assignment in ASSIGNMENTS:
        for label in question_labels(labels_of(assignment)):
            for n in range(students):
                for attempt in range(per_question):
                    status = STATUSES[(n + attempt) % len(STATUSES)]
                    reason = SLIPS[(n * 7 + attempt) % len(SLIPS)] if status == "incorrect" else ""
                    at = start + dt.timedelta(seconds=37 * n + 300 * attempt)
                    rows.append(
                        Check(
                            user=f"student{n}", assignment=assignment, label=label, status=status, reason=reason, at=at
                        )
                    )
    with record.session() as session, session.begin():
        session.add_all(rows)
    return len(rows)


def page_seconds(service: Service, assignment: str, as_csv: bool = False) -> float:
    """One response of the class view (or its CSV), as the page's handler computes it."""
    started = time.perf_counter()
    view = service.class_view(assignment, "en")
    csv_text(view) if as_csv else class_page(view, tuple(ASSIGNMENTS), "en", "12:00:00")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--per-minute", type=int, default=6, help="checks each student makes a minute")
    args = parser.parse_args()
    labels = answered_namespace()
    judge_pool().warm((ASSIGNMENT,))
    first = {f"token-{n}": User(f"student{n}") for n in range(args.students)}
    second = {f"token-b{n}": User(f"later{n}") for n in range(args.students)}  # fresh rate limits
    alone_token = "token-alone"  # the baseline's own student, so the class's rate limits start fresh
    with tempfile.TemporaryDirectory() as folder:
        record = Record(f"sqlite:///{Path(folder) / 'judge.sqlite'}")
        everyone = {**first, **second, alone_token: User("alone")}
        with judge_service(record, checks_per_minute=max(20, args.per_minute), tokens=everyone) as url:
            check(url, alone_token, labels[0])  # warm: the judge processes load TensorFlow
            alone = [check(url, alone_token, label) for label in labels for _ in range(3)]
            loaded = class_checks(url, first, labels, args)
            rows = fill(record, args.students)
            reader = Service(record, None, 20, None, graded=tuple(ASSIGNMENTS))
            pages = [page_seconds(reader, assignment) for assignment in ASSIGNMENTS for _ in range(5)]
            csvs = [page_seconds(reader, assignment, as_csv=True) for assignment in ASSIGNMENTS for _ in range(5)]
            stop = threading.Event()
            while_open: list[float] = []

            def instructor() -> None:
                while not stop.wait(REFRESH_SECONDS):
                    while_open.append(page_seconds(reader, ASSIGNMENT))

            watcher = threading.Thread(target=instructor)
            watcher.start()
            with_page = class_checks(url, second, labels, args)
            stop.set()
            watcher.join()
    p50_alone, p95_alone = percentiles(alone)
    p50, p95 = percentiles(loaded)
    page_p50, page_p95 = percentiles(pages)
    csv_p50, csv_p95 = percentiles(csvs)
    open_p50, open_p95 = percentiles(with_page)
    print(f"one student alone: p50 {p50_alone:.3f} s, p95 {p95_alone:.3f} s ({len(alone)} checks)")
    print(
        f"{args.students} students, {args.per_minute} checks a minute each: p50 {p50:.3f} s, p95 {p95:.3f} s "
        f"({len(loaded)} checks in {args.seconds:.0f} s)"
    )
    print(
        f"ratio to alone: p50 {p50 / p50_alone:.2f}x, p95 {p95 / p95_alone:.2f}x; target p95 < {P95_TARGET} s: "
        f"{'met' if p95 < P95_TARGET else 'NOT met'}"
    )
    print(f"class view over {rows + len(loaded)} recorded checks: page p50 {page_p50:.3f} s, p95 {page_p95:.3f} s;")
    print(f"  CSV p50 {csv_p50:.3f} s, p95 {csv_p95:.3f} s")
    ratio = open_p95 / p95
    print(
        f"checks with the page reloading every {REFRESH_SECONDS} s ({len(while_open)} reloads): p50 {open_p50:.3f} s, "
        f"p95 {open_p95:.3f} s = {ratio:.2f}x without; target <= {PAGE_OPEN_TARGET}x: "
        f"{'met' if ratio <= PAGE_OPEN_TARGET else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
