"""The class's judge service: graded checks, hints and released solutions, for students who hold no answers.

In a graded class (`autograder.settings.Autograder.graded_assignments`) the students' runtime has no
rule, reference, hint or solution (`autograder.student_runtime`). Their ``q_1.check()``,
``q_1.hint()`` and ``q_1.solution()`` ask this service instead (`client`), which runs beside
JupyterHub as a managed service with the full checker (`server`), knows each student by the hub's
token, and records every check and hint use in a database (`record`).

One conversation per request, over a WebSocket: the notebook sends ``{"op": "check" | "hint" |
"solution", "assignment": ..., "label": ..., "n": ...}``; for a check the service then sends the
rule's needs (``{"need": "<JSON>"}``, `autograder.core.answers`), each answered by the notebook's
kernel with data (``{"answer": "<JSON>"}``, `autograder.core.answering`), and ends with
``{"verdict": {...}}``; a hint or a solution ends with ``{"notes": [...]}``; an instructor's ``"release"`` (``autograder
release-solutions``) with ``{"released": "<time>"}``; a refusal (too many checks a minute, an
unknown question, a student asking to release) with ``{"refused": "..."}``.
"""
