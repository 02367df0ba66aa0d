"""Tamper checks: evidence that a submission tried to defeat grading, and its effect on scores.

Three independent sources: `structure` compares the submitted notebooks with the gradebook's
copy of the assignment, `static` reads the student's code, and the in-kernel guard
(`autograder.grading.sandbox.guard`) watches it run; `protected` is the one list of what they
look for. Findings are advisory: `impact` names the grade cells a finding concerns, for the
report, and no finding changes a score (the judge decides those).
"""
