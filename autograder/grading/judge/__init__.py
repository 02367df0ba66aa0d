"""Verdicts decided outside the student's process.

A grade cell's source (restored by nbgrader, so the instructor's) names the checks it makes,
`calls`; after it runs, the worker fetches the evidence each check recorded in the kernel,
`collect`, and runs the same rule on that data alone in the worker, which never runs student
code, `verdict`. The
coordinator then writes each verdict into its grade cell, `apply`, and nbgrader scores that.
"""
