"""Verdicts decided outside the student's process, and outside the worker's too.

A grade cell's source (restored by nbgrader, so the instructor's) names the checks it makes,
`calls`; after it runs, the worker fetches the text of the evidence each check recorded in the
kernel, `collect`, and hands it to a judge process of its own, `process` (running `server`), which
parses it and runs the same rule on that data alone, `decide`, within a time and memory limit.
`verdict` ties these together for one grade cell. The coordinator then writes each verdict into
its grade cell, `apply`, and nbgrader scores that.
"""
