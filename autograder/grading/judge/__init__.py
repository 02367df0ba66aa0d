"""Verdicts decided outside the student's process, and outside the worker's too.

A grade cell's source (restored by nbgrader, so the instructor's) names the checks it makes,
`calls`; after it runs, a judge process of the worker's own, `process` (running `server`), runs
each check's rule, `decide`, within a time and memory limit; the rule's every read and call of the
student's answers is asked of the kernel as data, `collect` (the kernel holds no answer).
`verdict` ties these together for one grade cell. The coordinator then writes each verdict into
its grade cell, `apply`, and nbgrader scores that.
"""
