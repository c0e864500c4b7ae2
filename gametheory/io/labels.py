"""Labels made unique for display, the way Gambit (pygambit) does it.

Gambit identifies actions, strategies and players by position; their labels may repeat
or be empty. Here labels name things (``behavior["infoset"]["action"]``), so a reader
that meets repeated or empty labels keeps every item, in its position, and gives it a
unique label with pygambit's rule: a label used once and not empty stays; each
repeated or empty label gets ``_1``, ``_2``, ... in order, skipping a name that is
already taken. Nothing is merged, and the numbering is the one pygambit shows, so a
file reads to the same labels here and in Gambit.

Examples
--------
>>> unique_labels(["x", "x", "", "y"])
('x_1', 'x_2', '_1', 'y')
>>> unique_labels(["x", "x", "x_1"])
('x_2', 'x_3', 'x_1')
>>> unique_labels(["a", "b"])
('a', 'b')
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["unique_labels", "needs_renaming"]


def needs_renaming(labels: Sequence[str]) -> bool:
    """Whether some label is empty or repeated (so :func:`unique_labels` changes it)."""
    return "" in labels or len(set(labels)) != len(labels)


def unique_labels(labels: Sequence[str]) -> tuple[str, ...]:
    """The labels, with each empty or repeated one numbered as pygambit numbers it.

    Parameters
    ----------
    labels
        The labels in order (of actions, strategies or players).

    Returns
    -------
    tuple of str
        Distinct, non-empty labels of the same length; unchanged where they already are.
    """
    labels = tuple(labels)
    if not needs_renaming(labels):
        return labels
    counts: dict[str, int] = {}
    for lab in labels:
        counts[lab] = counts.get(lab, 0) + 1
    taken = {lab for lab in labels if lab and counts[lab] == 1}
    next_number: dict[str, int] = {}
    out: list[str] = []
    for lab in labels:
        if lab and counts[lab] == 1:
            out.append(lab)
            continue
        k = next_number.get(lab, 1)
        while f"{lab}_{k}" in taken:
            k += 1
        name = f"{lab}_{k}"
        taken.add(name)
        next_number[lab] = k + 1
        out.append(name)
    return tuple(out)
