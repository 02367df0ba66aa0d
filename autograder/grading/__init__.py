"""Instructor-side grading at class scale (the ``autograder`` console command, see `cli`).

One subpackage per concern: `coordinator` (the command: plan, prepare, record), `worker` (the
unit of work run in parallel), `judge` (verdicts decided outside the student's kernel), `sandbox`
(isolation and the kernel template), `tamper` (advisory evidence of attempts to defeat grading)
and `report` (the class report); `records`, `cells` and `files` are what they share.
"""
