"""The README's tour runs as written (in a fresh interpreter: it declares parameters)."""

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_tour_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "the README has no Python tour"
    for block in blocks:
        done = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "make reproduce" in text and "make test" in text
