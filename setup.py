"""Build configuration beyond pyproject.toml: two optional C extensions.

* ``gametheory/io/_efgscan.c``: a line scanner for big .efg files; without it the
  numpy scanner in ``gametheory/io/efg_fast.py`` is used (same results, a few times
  slower on big files).
* ``gametheory/solve/_lrs.c``: the lexicographic vertex search of two-player
  ``gt.nash`` in 128-bit integers; without it (or on overflow) the same search runs in
  Python integers (``gametheory/solve/reverse_search.py``): same results, slower.

Without a C compiler the build goes on (``optional=True``).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("gametheory.io._efgscan", ["gametheory/io/_efgscan.c"], optional=True),
        Extension("gametheory.solve._lrs", ["gametheory/solve/_lrs.c"], optional=True,
                  extra_compile_args=["-O2"]),
    ]
)
