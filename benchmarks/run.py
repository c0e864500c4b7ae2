"""Run every benchmark of the project and write benchmarks/RESULTS.md.

Each ``benchmarks/bench_*.py`` runs in its own subprocess (so that one's imports,
caches and memory do not colour another's) and prints a markdown section; this script
collects the sections under a header with the machine and the versions.

Usage::

    .venv/bin/python benchmarks/run.py            # all benchmarks
    .venv/bin/python benchmarks/run.py --quick    # passed on to every benchmark
    .venv/bin/python benchmarks/run.py sweep      # only bench_*sweep*.py
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGES = ("gametheory", "numpy", "scipy", "sympy", "nashpy", "pygambit", "quantecon", "dask", "distributed")


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        memory = f"{mem:.1f} GB"
    except (ValueError, OSError, AttributeError):
        memory = "unknown"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        f"- machine: {platform.platform()}; {cpu}; {os.cpu_count()} CPUs; {memory} RAM",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        "- " + ", ".join(versions),
        f"- run at {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark and write RESULTS.md")
    parser.add_argument("only", nargs="*", help="substrings of benchmark names to run")
    parser.add_argument("--quick", action="store_true", help="passed on to each benchmark")
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per benchmark")
    args = parser.parse_args()

    benches = sorted(HERE.glob("bench_*.py"))
    if args.only:
        benches = [b for b in benches if any(o in b.stem for o in args.only)]
    sections = ["# Benchmark results", "", *machine(), ""]
    failed = 0
    for bench in benches:
        cmd = [sys.executable, str(bench)] + (["--quick"] if args.quick else [])
        print(f"running {bench.name} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout,
                                  cwd=HERE.parent)
        except subprocess.TimeoutExpired:
            failed += 1
            sections += [f"## {bench.name}", "", f"Timed out after {args.timeout:.0f} s.", ""]
            continue
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            failed += 1
            tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
            sections += [f"## {bench.name}", "", f"Failed (exit {proc.returncode}):", "",
                         "```", tail, "```", ""]
            continue
        sections += [proc.stdout.strip(), "", f"_{bench.name}: {elapsed:.1f} s wall time._", ""]
    Path(args.output).write_text("\n".join(sections) + "\n")
    print(f"wrote {args.output} ({len(benches)} benchmarks, {failed} failed)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
