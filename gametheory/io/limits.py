"""The limits every reader enforces, so that no input hangs or exhausts memory.

A game file is text a person or a program wrote; a hostile or broken one must end in a
:class:`~gametheory.errors.ParseError`, not in a computation that never ends. The
limits below are far above any real game (Gambit's own example files use numbers of
a few digits) and are checked before any expensive step:

* the size of a file (``MAX_FILE_BYTES``; ``MAX_STREAM_BYTES`` from pipes and
  devices such as ``/dev/zero``, read in pieces);
* the digits of a number and the size of its decimal exponent (``MAX_DIGITS``,
  ``MAX_EXPONENT``): ``1e999999999`` would make a Fraction with a billion digits;
* the number of payoff cells a header declares (``MAX_CELLS``), checked against the
  numbers the file actually holds before anything of that size is allocated;
* the nesting depth of JSON (``MAX_DEPTH``).

Examples
--------
>>> exact_number("1.0000000000000001")
Fraction(10000000000000001, 10000000000000000)
>>> exact_number("1e-400") > 0
True
>>> exact_number("1e999999999")
Traceback (most recent call last):
...
ValueError: the exponent of 1e999999999 is beyond 10^±1000, the limit for exact numbers
"""

from __future__ import annotations

import os
import re
import stat
from fractions import Fraction

__all__ = [
    "MAX_FILE_BYTES", "MAX_STREAM_BYTES", "MAX_DIGITS", "MAX_EXPONENT", "MAX_CELLS", "MAX_DEPTH",
    "exact_number", "check_number_text", "read_limited",
]

MAX_FILE_BYTES = 1 << 30
MAX_STREAM_BYTES = 1 << 26  # from a pipe or a device, whose size is not known ahead
MAX_DIGITS = 1000
MAX_EXPONENT = 1000
MAX_CELLS = 10**7
MAX_DEPTH = 10_000

_NUMBER = re.compile(r"[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?(?:/(\d+))?")


def check_number_text(text: str) -> None:
    """Raise :class:`ValueError` (saying which limit) if the number ``text`` is too big
    to read exactly; return quietly for anything else (which the caller then parses)."""
    m = _NUMBER.fullmatch(text.strip().replace("_", ""))
    if m is None:
        return
    whole, frac, exp, den = m.groups()
    digits = len(whole) + len(frac or "") + len(den or "")
    if digits > MAX_DIGITS:
        raise ValueError(
            f"the number {text[:20]}... has {digits} digits; the limit is {MAX_DIGITS}"
        )
    if exp is not None and (len(exp) > 6 or abs(int(exp)) > MAX_EXPONENT):
        raise ValueError(
            f"the exponent of {text[:40]} is beyond 10^±{MAX_EXPONENT}, the limit for exact numbers"
        )


def exact_number(text: str) -> Fraction:
    """The exact value of a number written as an integer, decimal (with exponent) or
    ``p/q``; :class:`ValueError` or :class:`ZeroDivisionError` otherwise, or beyond
    the limits."""
    check_number_text(text)
    return Fraction(text)


def read_limited(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, at most ``limit`` of them (:class:`ValueError` beyond),
    also from a pipe or a device whose size is unknown."""
    with open(path, "rb") as f:
        info = os.fstat(f.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise ValueError(f"the file has {info.st_size} bytes; the limit is {limit}")
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a directory")
        if stat.S_ISREG(info.st_mode):
            data = f.read(info.st_size + 1)
            if len(data) <= limit:
                return data
        else:  # a pipe or a device: in pieces, so that nothing is allocated ahead
            limit = min(limit, MAX_STREAM_BYTES)
            chunks: list[bytes] = []
            total = 0
            while total <= limit:
                chunk = f.read(1 << 20)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)
                total += len(chunk)
    raise ValueError(f"the file has more than {limit} bytes; the limit is {limit}")
