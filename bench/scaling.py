#!/usr/bin/env python3
"""Look for passes that grow faster than the input: lint one generated file of each shape
at N and 4N lines and print how much longer the larger took. A linear pass takes about 4x;
a quadratic one about 16x (flagged from 7x).

    python3 bench/scaling.py [--lines 5000] [--runs 3] [--no-build]

Each shape stresses one part: many times in one paragraph (the zones and durations a block
has left over), a timeline list and table, dates, windows, headings, duplicate and
misspelled sections, summary facts, links and code, suppression comments, and a file full of
fixable typos, which is also fixed (`--fix`, on a copy) and printed as full diagnostics.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "pmlint"

HEAD = "# Incident\n\n## Issue Summary\n\nDuration: 2 hours\n\n## Timeline\n\n"
TAIL = "\n\n## Root Cause\n\nA bug.\n"


def clock(i):
    return f"{i % 24:02d}:{i % 60:02d}"


SHAPES = {
    "paragraph of times": lambda i: f"{clock(i)} UTC a step of 5 minutes, CET too",
    "timeline list": lambda i: f"- **{clock(i)}** outage detected by alert, resolved",
    "timeline table": lambda i: f"| {clock(i)} | event {i} |",
    "dates": lambda i: f"June {i % 28 + 1}, 2024 at {clock(i)} WAT, then 2024-06-{i % 28 + 1:02d}",
    "windows": lambda i: f"from {i % 24:02d}:00 to {(i + 1) % 24:02d}:30 GMT+1 (Africa/Lagos, GMT+1) about 3 hrs",
    "headings": lambda i: f"### {clock(i)} Timeline entry\n",
    "duplicate sections": lambda i: "## Timeline\n\n10:00 UTC x\n",
    "misspelled sections": lambda i: f"## Issue Sammary {i}\n\nx\n",
    "summary facts": lambda i: f"- Start: 2024-06-{i % 28 + 1:02d} {i % 24:02d}:00 UTC\n- Duration: {i % 5} hours",
    "links and code": lambda i: f"[a{i}](http://x/{i}) `code {i}` <b>{i}</b>",
    "suppressions": lambda i: "<!-- pmlint-disable PM501 -->\nuntill\n<!-- pmlint-enable PM501 -->",
    "fixable typos": lambda i: "untill the roolback teh",
}


def document(shape, lines):
    line = SHAPES[shape]
    body = "\n".join(line(i) for i in range(lines))
    if shape == "timeline table":
        body = "| Time | Event |\n|---|---|\n" + body
    return HEAD + body + TAIL


def timed(args, runs, prepare=None):
    best = float("inf")
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = Path(tempfile.mkdtemp(prefix="pmlint-scaling-"))
    flagged = 0
    print(f"{'shape':<22} {'what':<8} {args.lines:>7} lines {4 * args.lines:>7} lines  growth")
    try:
        for shape in SHAPES:
            cases = [("lint", [])]
            if shape == "fixable typos":
                cases += [("fix", ["--fix", "--unsafe-fixes"]), ("full", ["--format", "full"])]
            for what, extra in cases:
                times = []
                for lines in (args.lines, 4 * args.lines):
                    text = document(shape, lines)
                    source = work / f"source-{lines}.md"
                    source.write_text(text)
                    target = work / "x.md"

                    def prepare(source=source, target=target):
                        shutil.copyfile(source, target)

                    cmd = [str(BIN), "--select", "ALL", "--color", "never", *extra, str(target)]
                    times.append(timed(cmd, args.runs, prepare))
                growth = times[1] / times[0] if times[0] > 0 else 0.0
                mark = "  <- superlinear?" if growth >= 7 else ""
                flagged += bool(mark)
                print(f"{shape:<22} {what:<8} {times[0] * 1000:>9.0f} ms {times[1] * 1000:>9.0f} ms"
                      f"  {growth:5.1f}x{mark}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
