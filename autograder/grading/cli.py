"""The ``autograder`` console command: ``grade``, run by `autograder.grading.coordinator`, and
``student-runtime``, which writes the course's package without the graded assignments' answers, and
``release-solutions``, after which the judge service shows an assignment's solutions.

autograder grade ASSIGNMENT [ASSIGNMENT ...] [--all-languages] [--workers N] [--timeout S] [--memory MB]
                 [--scheduler ADDRESS] [--force] [--student ID] [--sandbox {bwrap,none}] [--report PATH]
autograder student-runtime TARGET [--course PATH]
autograder release-solutions ASSIGNMENT [--database URL] [--course PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from autograder.grading.coordinator.options import Options, default
from autograder.grading.sandbox.spec import MODES


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="autograder", description="Instructor tools for the convnet course.")
    commands = top.add_subparsers(dest="command", required=True)
    grade = commands.add_parser(
        "grade",
        help="autograde every submission of an assignment (run in the course root)",
        description=(
            "Autograde submitted/*/ASSIGNMENT like `nbgrader autograde`, in parallel, each notebook in a "
            "fresh sandboxed kernel; resumable; writes an HTML class report beside the gradebook. "
            "Exit status: 0 all graded, 1 error, 2 some submission failed or was stopped, "
            "4 some submission was flagged for tampering, 6 both."
        ),
    )
    grade.add_argument(
        "assignments", nargs="+", metavar="assignment", help="assignment name, e.g. ex1_convolution_relu"
    )
    grade.add_argument(
        "--all-languages",
        action="store_true",
        help="also grade each assignment's translations (ex1_convolution_relu_zh_CN, ...): a mixed-language class",
    )
    grade.add_argument("--workers", type=_positive_int, default=default("workers"), help="parallel workers")
    grade.add_argument(
        "--timeout",
        type=float,
        default=default("timeout"),
        help=f"wall-clock seconds per notebook ({default('timeout'):g})",
    )
    grade.add_argument(
        "--memory",
        type=_positive_int,
        default=default("memory_mb"),
        help=f"MB of resident memory for a notebook's kernel and its processes ({default('memory_mb')})",
    )
    grade.add_argument("--scheduler", help="address of an existing Dask scheduler to run on instead")
    grade.add_argument("--force", action="store_true", help="regrade submissions that are already graded")
    grade.add_argument("--student", default=default("student"), help="only this student (a glob)")
    grade.add_argument(
        "--sandbox", choices=MODES, default=default("sandbox"), help="isolation (bwrap, the default, or none)"
    )
    grade.add_argument("--report", type=Path, help="where to write the HTML report (one assignment only)")
    grade.add_argument("--course", type=Path, default=default("course"), help="course root (default: here)")
    runtime = commands.add_parser(
        "student-runtime",
        help="write the package students import, without the graded assignments' answers",
        description=(
            "Write into TARGET/autograder the course's package without any model solution, hint or reference "
            "of the assignments listed in c.Autograder.graded_assignments (nbgrader_config.py); put TARGET "
            "first on the students' Python path."
        ),
    )
    runtime.add_argument("target", type=Path, help="folder to write (its autograder/ must not exist yet)")
    runtime.add_argument("--course", type=Path, default=default("course"), help="course root (default: here)")
    release = commands.add_parser(
        "release-solutions",
        help="let the judge service show an assignment's solutions (and its translations')",
        description=(
            "Record that ASSIGNMENT's solutions are released: from now on a student's q_N.solution() shows "
            "them. On the hub this asks the judge service, as you; elsewhere it writes the service's database "
            "(--database, or c.Autograder.judge_database)."
        ),
    )
    release.add_argument("assignment", help="the assignment (its translations follow)")
    release.add_argument("--database", help="SQLAlchemy URL of the judge service's record")
    release.add_argument("--course", type=Path, default=default("course"), help="course root (default: here)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    course = args.course.resolve()
    if args.command == "student-runtime":
        return _student_runtime(args.target, course)
    if args.command == "release-solutions":
        return _release_solutions(args.assignment, args.database, course)
    names = _with_translations(args.assignments, course) if args.all_languages else args.assignments
    if args.report and len(names) > 1:
        parser().error("--report names one report: grade one assignment, or leave the reports beside the gradebook")
    from autograder.grading.coordinator.executors import start_workers

    # The workers start warming up (TensorFlow, the judge, the sandbox) before nbgrader is imported here.
    workers = start_workers(args.workers, args.scheduler, course, args.sandbox, names)
    from autograder.grading.coordinator.run import main as grade_main

    runs = [
        Options(
            assignment=name,
            course=course,
            workers=args.workers,
            timeout=args.timeout,
            memory_mb=args.memory,
            scheduler=args.scheduler,
            force=args.force,
            student=args.student,
            sandbox=args.sandbox,
            report=args.report.resolve() if args.report else None,
        )
        for name in names
    ]
    return grade_main(*runs, workers=workers)


def _with_translations(assignments: list[str], course: Path) -> list[str]:
    """Each assignment followed by its translations that the course has (``source/<name>_<language>``)."""
    from autograder.i18n import TRANSLATED, translated_assignment

    names = []
    for name in assignments:
        names.append(name)
        names += [
            translated
            for translated in (translated_assignment(name, code) for code in TRANSLATED)
            if (course / "source" / translated).is_dir() and translated not in assignments
        ]
    return names


def _student_runtime(target: Path, course: Path) -> int:
    from autograder import student_runtime
    from autograder.settings import graded_assignments

    try:
        graded = graded_assignments(course)
    except ValueError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 1
    if (target / "autograder").exists():
        print(f"autograder: {target / 'autograder'} exists already", file=sys.stderr)
        return 1
    student_runtime.build(target / "autograder", graded)
    print(f"student runtime without the answers of {', '.join(graded) or 'no assignment'}: {target / 'autograder'}")
    return 0


def _release_solutions(assignment: str, database: str | None, course: Path) -> int:
    import getpass

    from autograder.exercises import ASSIGNMENTS
    from autograder.i18n import base_assignment
    from autograder.service import client
    from autograder.service.record import Record
    from autograder.settings import course_settings

    base = base_assignment(assignment)
    if base not in ASSIGNMENTS:
        print(f"autograder: {assignment} is not an assignment of the course", file=sys.stderr)
        return 1
    url = database or course_settings(course).judge_database
    if url:
        released = Record(url).release(base, getpass.getuser()).isoformat()
    elif client.configured():
        try:
            reply = client.ask({"op": "release", "assignment": base, "label": ""})
        except client.Unreachable as error:
            print(f"autograder: the judge service did not answer: {error}", file=sys.stderr)
            return 1
        if "released" not in reply:
            print(f"autograder: {reply.get('refused', reply)}", file=sys.stderr)
            return 1
        released = reply["released"]
    else:
        print("autograder: no judge service here: pass --database or set c.Autograder.judge_database", file=sys.stderr)
        return 1
    print(f"Solutions of {base} (and its translations) released ({released[:16].replace('T', ' ')} UTC).")
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


if __name__ == "__main__":
    sys.exit(main())
