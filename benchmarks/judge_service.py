"""Check latency of the judge service for a class: 40 students checking at once, against one alone.

Serves the real service (real judge processes, a SQLite record) on this machine and has simulated
students check exercise 1's graded questions with the model answers, through the notebook's own
client (`autograder.service.client`; the needs answered from this process's namespace, as a kernel
answers them). Prints p50 and p95 of one check's latency for one student alone (the baseline) and
for ``--students`` (default 40) checking over ``--seconds`` (default 60) at random moments, each at
most ``checks_per_minute`` times a minute, and their ratios. Target on a 2-core machine: p95 under
3 s, within the rate a class's lab session produces.

    .venv/bin/python benchmarks/judge_service.py [--students 40] [--seconds 60]
"""

from __future__ import annotations

import argparse
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
from autograder.exercises import load_questions  # noqa: E402
from autograder.grading.judge.process import judge_pool  # noqa: E402
from autograder.service import client  # noqa: E402
from autograder.service.record import Record  # noqa: E402
from autograder.service.server import User  # noqa: E402

ASSIGNMENT = "ex1_convolution_relu"
P95_TARGET = 3.0


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--per-minute", type=int, default=6, help="checks each student makes a minute")
    args = parser.parse_args()
    labels = answered_namespace()
    judge_pool().warm((ASSIGNMENT,))
    tokens = {f"token-{n}": User(f"student{n}") for n in range(args.students)}
    alone_token = "token-alone"  # the baseline's own student, so the class's rate limits start fresh
    with tempfile.TemporaryDirectory() as folder:
        record = Record(f"sqlite:///{Path(folder) / 'judge.sqlite'}")
        everyone = {**tokens, alone_token: User("alone")}
        with judge_service(record, checks_per_minute=max(20, args.per_minute), tokens=everyone) as url:
            check(url, alone_token, labels[0])  # warm: the judge processes load TensorFlow
            alone = [check(url, alone_token, label) for label in labels for _ in range(3)]
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
    p50_alone, p95_alone = percentiles(alone)
    p50, p95 = percentiles(loaded)
    print(f"one student alone: p50 {p50_alone:.3f} s, p95 {p95_alone:.3f} s ({len(alone)} checks)")
    print(
        f"{args.students} students, {args.per_minute} checks a minute each: p50 {p50:.3f} s, p95 {p95:.3f} s "
        f"({len(loaded)} checks in {args.seconds:.0f} s)"
    )
    print(
        f"ratio to alone: p50 {p50 / p50_alone:.2f}x, p95 {p95 / p95_alone:.2f}x; target p95 < {P95_TARGET} s: "
        f"{'met' if p95 < P95_TARGET else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
