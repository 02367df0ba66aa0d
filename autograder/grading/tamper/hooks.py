"""IPython's ways to run code around a cell, listed once: the in-kernel guard snapshots them and
the static scan flags code that reaches them."""

from __future__ import annotations

SHELL_HOOK_LISTS = ("input_transformers_cleanup", "input_transformers_post", "ast_transformers")
"""The shell's lists of transformers every cell goes through."""
SHELL_METHODS = (
    "run_cell",
    "run_cell_async",
    "run_ast_nodes",
    "run_code",
    "showtraceback",
    "_showtraceback",
    "showsyntaxerror",
    "user_expressions",
    "ev",
    "transform_cell",
)
"""The shell's methods that run a cell, an expression or an error's display."""
SHELL_HOOKS = frozenset(
    {
        *SHELL_HOOK_LISTS,
        *SHELL_METHODS,
        "events",
        "set_custom_exc",
        "custom_exceptions",
        "CustomTB",
        "input_transformer_manager",
        "displayhook",
        "display_pub",
        "kernel",
    }
)
"""Every shell attribute through which code can hook a cell's run or its results."""
