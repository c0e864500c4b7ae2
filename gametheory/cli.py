"""The ``gametheory`` command: ``solve`` a game file, ``reproduce`` the paper, list the ``models``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from .errors import GameError

CONCEPTS = ("nash", "pure", "spe")


def _solve(args: argparse.Namespace) -> int:
    from . import io
    from . import solve as solvers

    game = io.read_game(args.file)
    concept = args.concept
    if concept is None:
        concept = "spe" if hasattr(game, "is_perfect_information") else "nash"
    if concept == "nash":
        result: Any = solvers.nash(game)  # type: ignore[attr-defined]
    elif concept == "pure":
        result = solvers.pure_nash(game)
    elif concept == "spe":
        if not hasattr(game, "is_perfect_information"):
            raise GameError("concept 'spe' applies to extensive-form games (.efg or a tree definition)")
        result = solvers.spe(game)  # type: ignore[attr-defined]
    else:  # argparse restricts choices; kept for callers of main()
        raise GameError(f"unknown concept {concept!r}; choose from {CONCEPTS}")
    if result.is_symbolic:
        names = ", ".join(s.name for s in result.parameters)
        raise GameError(
            f"the game has free parameters ({names}); give them values in the file to solve it here"
        )
    if args.json:
        print(json.dumps(result.summary_json(limit=args.limit)))
    else:
        print(result.to_text(limit=args.limit) if hasattr(result, "to_text") else repr(result))
    return 0


def _reproduce(args: argparse.Namespace) -> int:
    from .reproduce import reproduce

    return reproduce(only=args.only, notebooks=not args.no_notebooks, pdf=not args.no_pdf)


def _models(args: argparse.Namespace) -> int:
    from .models.catalogue import catalogue_text

    print(catalogue_text())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gametheory", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve a game file (.nfg, .efg, .json, .toml)")
    solve.add_argument("file")
    solve.add_argument("--concept", choices=CONCEPTS, default=None)
    solve.add_argument("--json", action="store_true", help="print JSON for scripts")
    solve.add_argument("--limit", type=int, default=1000, help="list at most N equilibria")
    solve.set_defaults(run=_solve)
    rep = sub.add_parser("reproduce", help="rebuild every figure, table, notebook and the paper")
    rep.add_argument("--only", default=None, help="rebuild one registered item by name")
    rep.add_argument("--no-notebooks", action="store_true")
    rep.add_argument("--no-pdf", action="store_true")
    rep.set_defaults(run=_reproduce)
    models = sub.add_parser("models", help="list the models and their parameters (units, ranges, sources)")
    models.set_defaults(run=_models)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except GameError as exc:
        print(f"gametheory: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (``gametheory solve ... | head``): stop
        # quietly, as command-line tools do, without a second error when Python
        # flushes the closed stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"gametheory: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
