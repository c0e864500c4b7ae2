"""One paper style: colour-blind-safe palette, serif fonts, one- and two-column sizes.

Figures saved with :func:`save_figure` give the same bytes on every run: PDF
metadata carries no date, the SVG hash salt is fixed, PNG has no timestamps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from cycler import cycler

__all__ = [
    "PALETTE",
    "ONE_COLUMN",
    "TWO_COLUMN",
    "paper_style",
    "figure",
    "save_figure",
]

# Okabe and Ito (2008), "Color universal design": safe for the common colour-vision
# deficiencies and distinct in greyscale print when paired with hatching.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

ONE_COLUMN = 3.4  # inches: one column of a two-column article
TWO_COLUMN = 7.0  # inches: full text width

_RC: dict[str, Any] = {
    "font.family": "serif",
    "font.serif": ["Latin Modern Roman", "Computer Modern Roman", "CMU Serif", "DejaVu Serif"],
    "mathtext.fontset": "cm",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "legend.fontsize": 7,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 1.2,
    "figure.dpi": 150,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.02,
    "svg.hashsalt": "gametheory",
    "pdf.fonttype": 42,
    "path.simplify": False,
}


@contextmanager
def paper_style() -> Iterator[None]:
    """Context in which matplotlib uses the paper style."""
    import logging

    # The serif list falls back quietly to DejaVu Serif where Latin Modern is absent.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with plt.rc_context(_RC):  # type: ignore[arg-type]
        yield


def figure(columns: int = 1, aspect: float = 0.75, **kwargs: Any) -> tuple[Any, Any]:
    """A new figure sized for one or two columns, in the paper style, with its axes."""
    if columns not in (1, 2):
        raise ValueError(f"columns must be 1 or 2, got {columns}")
    width = ONE_COLUMN if columns == 1 else TWO_COLUMN
    with paper_style():
        fig, ax = plt.subplots(figsize=(width, width * aspect), **kwargs)
    return fig, ax


def save_figure(fig: Any, path: str | Path, formats: tuple[str, ...] = ("pdf", "png")) -> list[Path]:
    """Save a figure as PDF and PNG with the same bytes on every run, then close it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    metadata = {
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": "gametheory", "Creator": "gametheory"},
        "png": {"Software": "gametheory"},
        "svg": {"Date": None, "Creator": "gametheory"},
    }
    with paper_style():
        for fmt in formats:
            target = path.with_suffix("." + fmt)
            fig.savefig(target, format=fmt, metadata=metadata.get(fmt))
            written.append(target)
    plt.close(fig)
    return written
