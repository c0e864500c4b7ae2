"""Pictures in the paper style: region maps, game trees, annotated line plots, tables.

This layer knows games and results, not the US-DPRK models."""

from .annotated import (
    band,
    curve_family,
    legend_below,
    mark,
    panel_title,
    swatches,
    threshold,
)
from .latex import latex_text, show_latex
from .regions import (
    boundary_curves,
    regions,
)
from .style import (
    ONE_COLUMN,
    PALETTE,
    TWO_COLUMN,
    figure,
    paper_style,
    save_figure,
)
from .tree import (
    tree,
    tree_layout,
)

__all__ = [
    "band",
    "curve_family",
    "legend_below",
    "mark",
    "panel_title",
    "swatches",
    "threshold",
    "latex_text",
    "show_latex",
    "ONE_COLUMN",
    "PALETTE",
    "TWO_COLUMN",
    "boundary_curves",
    "figure",
    "paper_style",
    "regions",
    "save_figure",
    "tree",
    "tree_layout",
]
