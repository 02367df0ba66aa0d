"""Instructor-side grading at class scale (the ``autograder`` console command, see `cli`).

One subpackage per concern: `grade` (the command: plan, prepare, record, report), `worker` (the
unit of work run in parallel), `sandbox` (isolation and the kernel template), `tamper` (evidence
of attempts to defeat grading) and `report` (the class report).
"""
