"""``python -m autograder.i18n update|build|status``: keep the translations in step with the English.

* ``update``: refresh the catalogs (messages and notebooks; ``--only``, ``--notebook`` narrow it)
  from the English code and notebooks;
* ``build``: write the translated notebooks from the catalogs (``make translations`` runs both);
* ``status``: count, per language, the texts still waiting for a reviewed translation.
"""

from __future__ import annotations

import argparse
import sys

from autograder.i18n import TRANSLATED, messages, notebooks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("update", "build", "status"))
    parser.add_argument("--language", action="append", choices=TRANSLATED, help="default: every language")
    parser.add_argument("--only", choices=("messages", "notebooks"), help="update one kind of catalog")
    parser.add_argument("--notebook", action="append", default=[], help="update this notebook's catalog (a stem)")
    args = parser.parse_args(argv)
    codes = args.language or list(TRANSLATED)
    waiting = 0
    for code in codes:
        if args.action == "update":
            written = [] if args.only == "notebooks" or args.notebook else [messages.update_catalog(code)]
            if args.only != "messages":
                written += notebooks.update_catalogs(code, names=args.notebook)
            print(f"{code}: {len(written)} catalogs updated")
        elif args.action == "build":
            print(f"{code}: {len(notebooks.build(code))} notebooks written")
        else:
            lacking = len(messages.missing(code)) + sum(len(v) for v in notebooks.missing(code).values())
            waiting += lacking
            print(f"{code}: {lacking} texts without a reviewed translation")
    return 1 if waiting else 0


if __name__ == "__main__":
    sys.exit(main())
