"""``autograder grade``: nbgrader autograding, in parallel, sandboxed and resumable (see `run`)."""
