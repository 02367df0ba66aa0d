"""Isolation for student code: bubblewrap around a kernel template that forks one kernel per notebook."""
