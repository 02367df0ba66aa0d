"""``autograder grade``: prepare, execute in parallel, record one at a time, report.

The coordinator streams submissions through three steps. It prepares a bundle (nbgrader's
sanitizing, in this process), hands it to a worker (a local process or a Dask worker, which
executes it in a sandbox), and records each result as it comes back (nbgrader's gradebook
stages, in this process again). A few bundles are kept in flight per worker so none waits.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

from autograder.grading.coordinator import lock, plan
from autograder.grading.coordinator.course import Course, load_course
from autograder.grading.coordinator.executors import Workers, start_workers, stop_now
from autograder.grading.coordinator.options import Options
from autograder.grading.coordinator.prepare import Prepared, Preparer
from autograder.grading.coordinator.progress import Progress
from autograder.grading.coordinator.recorder import Recorder
from autograder.grading.coordinator.summary import EXIT_ERROR, Summary
from autograder.grading.judge.process import JUDGE_SECONDS, READY_SECONDS
from autograder.grading.records import RecordStore
from autograder.grading.report import write_report
from autograder.grading.sandbox import bwrap
from autograder.grading.sandbox.client import READY_TIMEOUT as SANDBOX_READY_SECONDS
from autograder.grading.sandbox.spec import BWRAP
from autograder.grading.worker.bundle import Bundle, Limits, Result
from autograder.grading.worker.unit import grade_bundle

IN_FLIGHT_PER_WORKER = 2
SLACK_SECONDS = 60.0


def grade(options: Options, workers: Workers | None = None) -> Summary:
    """Grade what is left to grade of one assignment (on ``workers``, shared with other assignments
    of the same run, or its own); write the report; return the summary."""
    course = load_course(options.assignment, options.course, options.student, _log_file(options))
    with lock.exclusive(course.state_dir.parent / "lock"):  # one writer per gradebook
        if workers is not None:
            return _grade(course, options, workers)
        with start_workers(
            options.workers, options.scheduler, course.root, options.sandbox, [course.assignment]
        ) as own:
            return _grade(course, options, own)


def _grade(course: Course, options: Options, workers: Workers) -> Summary:
    store = RecordStore(course.state_dir / "records")
    todo, done = plan.to_grade(course, options.force)
    preparer = Preparer(course, course.sandbox(options.sandbox), Limits(options.timeout, options.memory_mb))
    recorder = Recorder(course, store)
    summary = Summary(skipped=len(done), workers=options.workers)
    progress = Progress(len(todo))
    started = time.monotonic()
    try:
        if todo:
            _stream(todo, preparer, recorder, progress, summary, options, workers)
    finally:
        preparer.close()
    progress.close()
    summary.seconds = time.monotonic() - started
    current = {submission.student for submission in plan.submissions(course)}
    summary.records = {student: r for student, r in store.load_all().items() if student in current}
    summary.report = options.report or default_report_path(course)
    write_report(course, summary, summary.report)
    return summary


def default_report_path(course: Course) -> Path:
    """The report lives beside the gradebook."""
    return course.gradebook_path.parent / f"{course.assignment}-grading-report.html"


def _stream(
    todo: list[plan.Submission],
    preparer: Preparer,
    recorder: Recorder,
    progress: Progress,
    summary: Summary,
    options: Options,
    workers: Workers,
) -> None:
    pending = deque(todo)
    in_flight: dict[Future[Result], Prepared] = {}
    deadlines: dict[Future[Result], float] = {}
    capacity = max(1, options.workers) * IN_FLIGHT_PER_WORKER
    first = _first_bundle(pending, preparer, recorder, progress, summary)
    if first is None:
        return
    running = workers.get()

    def submit(prepared: Prepared) -> None:
        future = running.submit(grade_bundle, prepared.bundle)
        in_flight[future] = prepared
        deadlines[future] = time.monotonic() + IN_FLIGHT_PER_WORKER * bundle_seconds(prepared.bundle)

    try:
        submit(first)
        while pending or in_flight:
            while pending and len(in_flight) < capacity:
                prepared = preparer.prepare(pending.popleft())
                if prepared.bundle is None:
                    _record(recorder, prepared, None, progress, summary)
                else:
                    submit(prepared)
            if not in_flight:
                continue
            wait_for = max(min(deadlines.values()) - time.monotonic(), 0.0)
            finished, _ = wait(in_flight, timeout=wait_for, return_when=FIRST_COMPLETED)
            for future in finished:
                prepared, _ = in_flight.pop(future), deadlines.pop(future)
                _record(recorder, prepared, _result_of(future, prepared), progress, summary)
            for future in [f for f, deadline in deadlines.items() if deadline <= time.monotonic()]:
                prepared, _ = in_flight.pop(future), deadlines.pop(future)
                _record(recorder, prepared, _overdue(prepared), progress, summary)
                workers.stuck = True  # its worker may never return: stop the workers at the end
    except KeyboardInterrupt:
        stop_now(running)
        raise


def _first_bundle(
    pending: deque[plan.Submission], preparer: Preparer, recorder: Recorder, progress: Progress, summary: Summary
) -> Prepared | None:
    """Prepare until a submission yields a bundle (it warms the workers' sandboxes)."""
    while pending:
        prepared = preparer.prepare(pending.popleft())
        if prepared.bundle is not None:
            return prepared
        _record(recorder, prepared, None, progress, summary)
    return None


def bundle_seconds(bundle: Bundle) -> float:
    """The longest a worker can take on ``bundle`` when every bound holds: a new sandbox, then for
    each notebook its time limit and one verdict in progress when the limit strikes (its judge
    process perhaps still loading)."""
    per_notebook = bundle.limits.timeout + JUDGE_SECONDS + READY_SECONDS
    return SANDBOX_READY_SECONDS + len(bundle.notebooks) * per_notebook + SLACK_SECONDS


def _overdue(prepared: Prepared) -> Result:
    """A result for a bundle whose worker overran every bound (it is regraded next run)."""
    seconds = IN_FLIGHT_PER_WORKER * bundle_seconds(prepared.bundle)
    error = f"the worker gave no result within {seconds:.0f} s"
    return Result(prepared.bundle.assignment, prepared.submission.student, error=error)


def _result_of(future: Future[Result], prepared: Prepared) -> Result:
    try:
        return future.result()
    except Exception as error:  # the worker itself died; the submission is retried next run
        student = prepared.submission.student
        return Result(prepared.bundle.assignment, student, error=f"worker failed: {type(error).__name__}: {error}")


def _record(
    recorder: Recorder, prepared: Prepared, result: Result | None, progress: Progress, summary: Summary
) -> None:
    record = recorder.record(prepared, result)
    summary.graded_now += 1
    summary.notebooks += len(record.notebooks)
    progress.update(record)


def _log_file(options: Options) -> Path:
    return options.course / ".autograder" / options.assignment / "nbgrader.log"


def main(*runs: Options, workers: Workers | None = None) -> int:
    """Run the command for one or more assignments, on one set of workers (``workers``, already
    warming up, or started here); print each summary; return the exit statuses combined."""
    first = runs[0]
    workers = workers or start_workers(
        first.workers, first.scheduler, first.course, first.sandbox, [options.assignment for options in runs]
    )
    with workers:
        return _main(runs, workers)


def _main(runs: tuple[Options, ...], workers: Workers) -> int:
    if any(options.sandbox == BWRAP for options in runs) and not bwrap.available():
        print(
            "autograder grade: bubblewrap (bwrap) is not installed. Install it (apt-get install bubblewrap) "
            "or run with --sandbox none on a machine you trust with the submissions.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    for options in runs:
        if not (options.course / "source" / options.assignment).is_dir():
            print(f"autograder grade: no source/{options.assignment} in {options.course}", file=sys.stderr)
            return EXIT_ERROR
    status = 0
    for options in runs:
        if len(runs) > 1:
            print(f"== {options.assignment}", flush=True)
        try:
            summary = grade(options, workers)
        except lock.AlreadyRunning as error:
            print(f"autograder grade: {error}", file=sys.stderr)
            return EXIT_ERROR
        except KeyboardInterrupt:
            print("\nautograder grade: interrupted; run the command again to finish.", file=sys.stderr)
            return 130
        print(summary.text())
        print(f"Report: {summary.report}")
        status |= summary.exit_status()
    return status
