"""What the install builds: the optional C line scanner for big .efg files."""

import importlib
import os

import numpy as np
import pytest


def test_the_c_scanner_is_built_in_ci():
    if os.environ.get("CI") != "true":
        pytest.skip("without a C compiler the numpy scanner is used; CI has one")
    assert importlib.import_module("gametheory.io._efgscan"), "setup.py should have built it"


def test_preorder_parents_agree_between_c_and_python(monkeypatch):
    import gametheory.io.efg_fast as efg_fast

    cases = [[2, 0, 2, 0, 0], [0], [3, 0, 1, 0, 0], [2, 0, 0, 0], [2, 0], [1, -1, 0]]
    expected = [[-1, 0, 0, 2, 2], [-1], [-1, 0, 0, 2, 0], None, None, None]
    for arity, want in zip(cases, expected):
        for c in (True, False):
            if not c:
                monkeypatch.setattr(efg_fast, "_efgscan", None)
            elif efg_fast._efgscan is None:
                continue
            got = efg_fast.preorder_parents(np.array(arity))
            assert (None if got is None else got.tolist()) == want, (arity, c)
            if want is not None:
                parent, depth = efg_fast.preorder_tree(np.array(arity))
                expected = [0]
                for p in want[1:]:
                    expected.append(expected[p] + 1)
                assert depth.tolist() == expected, (arity, c)
