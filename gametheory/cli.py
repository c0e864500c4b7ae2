"""The ``gametheory`` command: ``solve`` a game file, ``reproduce`` the paper, list the ``models``.

``gametheory solve FILE`` prints the equilibria of a game file (``.nfg``, ``.efg``,
``.json``, ``.toml``). A game with free parameters is solved at values given with
``--at NAME=VALUE`` (exact: ``--at a=1/3``), the file's declared defaults filling in
the rest, or as a symbolic answer over the parameters with ``--symbolic`` (LaTeX with
``--latex``). ``--limit N`` lists at most N equilibria; the JSON then says how many
there are (``count``), how many it lists (``listed``) and whether it was cut
(``truncated``), and the text says how many were left out.

``gametheory models`` lists the models with their parameters (units, ranges,
sources). ``gametheory reproduce`` rebuilds the paper; ``--list`` names its items, ``--only
NAME`` builds one of them (its notebook and the PDF only with ``--notebook`` and
``--pdf``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from .errors import GameError, ParameterError

CONCEPTS = ("nash", "pure", "spe")


def _limit(text: str) -> int:
    """``--limit``: a whole number >= 0 (argparse turns the ValueError into a usage error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--limit takes a whole number, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"--limit must be 0 or more, not {value}")
    return value


def _values(game: Any, pairs: Sequence[str]) -> dict[Any, Any]:
    """The exact values of ``--at NAME=VALUE`` for the game's parameters, declared
    defaults for the others; a ParameterError naming what is unknown or missing."""
    from .symbolic import parameter_info, parse_formula

    symbols = {s.name: s for s in getattr(game, "parameters", ())}
    given: dict[Any, Any] = {}
    for pair in pairs:
        name, eq, text = pair.partition("=")
        name = name.strip()
        if not eq or not name or not text.strip():
            raise ParameterError(f"--at takes NAME=VALUE (such as a=1/3), got {pair!r}")
        if name not in symbols:
            known = ", ".join(sorted(symbols)) or "none"
            raise ParameterError(f"--at {name}: the game has no parameter {name!r} (it has: {known})")
        if symbols[name] in given:
            raise ParameterError(f"--at {name} is given twice")
        given[symbols[name]] = parse_formula(text, {}, source=f"--at {name}")
    for sym in symbols.values():
        if sym not in given:
            default = parameter_info(sym).default
            if default is not None:
                given[sym] = default
    missing = sorted(s.name for s in symbols.values() if s not in given)
    if missing:
        raise ParameterError(
            f"the game has free parameters without values or declared defaults "
            f"({', '.join(missing)}); give them with --at NAME=VALUE, or use --symbolic"
        )
    return given


def _solve_game(game: Any, concept: str) -> Any:
    from .games.extensive_form import ExtensiveFormGame
    from .solve import nash, pure_nash, spe

    if concept == "nash":
        return nash(game)
    if concept == "pure":
        return pure_nash(game)
    if concept == "spe":
        if not isinstance(game, ExtensiveFormGame):
            raise GameError("concept 'spe' applies to extensive-form games (.efg or a tree definition)")
        return spe(game)
    raise GameError(f"unknown concept {concept!r}; choose from {CONCEPTS}")


def limited_json(result: Any, limit: int | None) -> dict[str, Any]:
    """The JSON form of a result with at most ``limit`` equilibria listed, saying how
    many there are (``count``), how many are listed (``listed``), and ``truncated``."""
    data = dict(result.summary_json(limit=limit))
    listed = len(data.get("equilibria", ()))
    total = data.get("count")
    if total is None:
        every: Sequence[Any] = getattr(result, "equilibria", None) or data.get("equilibria", [])
        total = len(every)
        data["count"] = total
    data["listed"] = listed
    data["truncated"] = listed < total
    return data


def limited_text(result: Any, limit: int | None) -> str:
    """The readable form of a result with at most ``limit`` equilibria, and a last line
    saying how many were left out."""
    from .solve.backward_induction import SPESolution

    equilibria = getattr(result, "equilibria", None)
    if isinstance(result, SPESolution):
        text = result.to_text(limit=limit)
        total = result.count
    elif equilibria is not None:
        shown = equilibria if limit is None else equilibria[:limit]
        head = repr(result).splitlines()[0]
        lines = [head, *(f"  {e!r}" for e in shown)]
        lines += [f"  warning: {w}" for w in getattr(result, "warnings", ())]
        text, total = "\n".join(lines), len(equilibria)
    else:
        return repr(result)
    if limit is not None and isinstance(total, int) and total > limit and "not shown" not in text:
        text += f"\n  ... {total - limit} more not shown (--limit {limit})"
    return text


def _solve(args: argparse.Namespace) -> int:
    from . import io

    game = io.read_game(args.file)
    concept = args.concept
    if concept is None:
        from .games.extensive_form import ExtensiveFormGame

        concept = "spe" if isinstance(game, ExtensiveFormGame) else "nash"
    free = tuple(getattr(game, "parameters", ()))
    if args.latex and not args.symbolic:
        raise GameError("--latex prints a symbolic answer: use it with --symbolic")
    if args.symbolic:
        if args.at:
            raise GameError("--symbolic solves over the parameters; drop --at, or drop --symbolic")
        if not free:
            raise GameError("--symbolic needs a game with free parameters; this one has none")
        answer = _solve_game(game, concept)
        if args.latex:
            print(answer.latex())
        elif args.json:
            print(json.dumps({
                "concept": concept, "symbolic": True,
                "parameters": [s.name for s in free],
                "pieces": [{"condition": str(p.condition), "label": p.label, "boundary": p.boundary}
                           for p in answer.pieces],
                "warnings": list(answer.warnings),
            }))
        else:
            print(answer)
        return 0
    if free or args.at:
        values = _values(game, args.at)
        game = game.subs(values)
    result = _solve_game(game, concept)
    if result.is_symbolic:
        names = ", ".join(s.name for s in result.parameters)
        raise GameError(f"the game still has free parameters ({names}); give them with --at")
    if args.json:
        print(json.dumps(limited_json(result, args.limit)))
    else:
        print(limited_text(result, args.limit))
    return 0


def _reproduce(args: argparse.Namespace) -> int:
    from .reproduce import registered_items, reproduce

    if args.list:
        for name, item in registered_items().items():
            print(f"{name:24} {item.kind:8} {item.description}".rstrip())
        return 0
    if args.only is not None:
        # One item: its notebook and the PDF only when asked for.
        return reproduce(only=args.only, notebooks=args.notebook, pdf=args.pdf)
    return reproduce(notebooks=not args.no_notebooks, pdf=not args.no_pdf)


def _models(args: argparse.Namespace) -> int:
    from .models.catalogue import catalogue_text

    print(catalogue_text())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gametheory", description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve a game file (.nfg, .efg, .json, .toml)")
    solve.add_argument("file")
    solve.add_argument("--concept", choices=CONCEPTS, default=None)
    solve.add_argument("--json", action="store_true", help="print JSON for scripts")
    solve.add_argument("--limit", type=_limit, default=1000,
                       help="list at most N equilibria (N >= 0; the count is always given)")
    solve.add_argument("--at", action="append", default=[], metavar="NAME=VALUE",
                       help="a parameter's value (exact: 1/3, 0.25); declared defaults fill in the rest")
    solve.add_argument("--symbolic", action="store_true",
                       help="solve over the free parameters: a piecewise answer")
    solve.add_argument("--latex", action="store_true", help="with --symbolic: print LaTeX")
    solve.set_defaults(run=_solve)
    rep = sub.add_parser("reproduce", help="rebuild every figure, table, notebook and the paper")
    rep.add_argument("--list", action="store_true", help="list the registered items and stop")
    rep.add_argument("--only", default=None, help="rebuild one registered item by name")
    rep.add_argument("--notebook", action="store_true",
                     help="with --only: also execute the item's notebook")
    rep.add_argument("--pdf", action="store_true", help="with --only: also build the PDF")
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
