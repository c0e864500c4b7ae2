"""One error hierarchy for the whole package.

Every error says what is wrong and where: the player, strategy, node (by its path
of action labels), parameter, or file position at fault.
"""

from __future__ import annotations

__all__ = [
    "GameError",
    "ParseError",
    "ValidationError",
    "ParameterError",
    "SolverError",
    "NotApplicableError",
]


class GameError(Exception):
    """Base class of every error raised by gametheory."""


class ValidationError(GameError, ValueError):
    """A game, strategy or result that does not satisfy its definition."""


class ParameterError(GameError, ValueError):
    """A parameter declared inconsistently, missing a value, or given a bad value."""


class SolverError(GameError):
    """A solver that cannot finish, or whose answer fails its own verification."""


class NotApplicableError(GameError, TypeError):
    """A solution concept or method asked of a game it does not apply to."""


class ParseError(GameError, ValueError):
    """Text that cannot be read: a formula, a Gambit file, a game definition.

    Parameters
    ----------
    message
        What is wrong.
    source
        The file name (or ``"<formula>"``) the text came from.
    line, column
        1-based position of the fault, where known.
    """

    def __init__(
        self,
        message: str,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        where = ""
        if source is not None:
            where = str(source)
        if line is not None:
            where += f":{line}" if where else f"line {line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}" if where else message)
