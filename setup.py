"""Build configuration beyond pyproject.toml: the optional C line scanner for big
.efg files (``gametheory/io/_efgscan.c``). Without a C compiler the build goes on
(``optional=True``) and the numpy scanner in ``gametheory/io/efg_fast.py`` is used:
same results, a few times slower on big files."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("gametheory.io._efgscan", ["gametheory/io/_efgscan.c"], optional=True),
    ]
)
