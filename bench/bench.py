#!/usr/bin/env python3
"""Time pmlint against a parse-only floor (and markdownlint-cli2 and rumdl when installed) on
the same synthetic postmortems and thread count.

    python3 bench/bench.py [--files 5000] [--threads 2] [--runs 5] [--seed 42]

Builds the release binary and the two examples, generates the corpus into
target/bench-corpus-<files>-<seed>/ (once), then runs each tool --runs times and prints the
median wall time, files/s, MB/s, peak memory (max RSS) and throughput relative to the floor.
Peak memory is read from wait4()'s rusage, so it needs Linux or macOS and nothing else.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(cmd, env, cwd):
    """Wall seconds and peak RSS (MB) of one run; output is discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    # macOS reports bytes, Linux kilobytes.
    rss = usage.ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1 << 10)
    return wall, rss, code, stderr


def measure(name, cmd, runs, env, cwd, ok_codes=(0, 1)):
    walls, peak = [], 0.0
    run_once(cmd, env, cwd)  # warm the page cache and any lazy start-up
    for _ in range(runs):
        wall, rss, code, stderr = run_once(cmd, env, cwd)
        if code not in ok_codes:
            print(f"{name}: exit code {code}\n{stderr[-2000:]}", file=sys.stderr)
            return None
        walls.append(wall)
        peak = max(peak, rss)
    return statistics.median(walls), peak


def corpus_bytes(path):
    return sum(p.stat().st_size for p in path.rglob("*.md"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-build", action="store_true", help="use the binaries already built")
    args = ap.parse_args()

    env = dict(os.environ, RAYON_NUM_THREADS=str(args.threads), NO_COLOR="1")
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "pmlint",
             "--example", "gen_corpus", "--example", "parse_floor"],
            cwd=ROOT, check=True,
        )
    release = ROOT / "target" / "release"
    pmlint = release / "pmlint"
    corpus = ROOT / "target" / f"bench-corpus-{args.files}-{args.seed}"
    if not corpus.exists():
        tmp = corpus.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(
            [release / "examples" / "gen_corpus", tmp, str(args.files), str(args.seed)],
            check=True,
        )
        tmp.rename(corpus)
    size = corpus_bytes(corpus)
    one_file = next(iter(sorted(corpus.rglob("*.md"))))

    # Every tool runs from an empty folder, so no config file of ours or theirs is picked up.
    cwd = ROOT / "target" / "bench-cwd"
    cwd.mkdir(parents=True, exist_ok=True)

    tools = [
        ("parse-only floor", [release / "examples" / "parse_floor", corpus], (0,)),
        ("pmlint (all rules)",
         [pmlint, "--select", "ALL", "--format", "concise", "--quiet", corpus], (0, 1)),
    ]
    if shutil.which("markdownlint-cli2"):
        tools.append(("markdownlint-cli2",
                      ["markdownlint-cli2", f"{corpus}/**/*.md"], (0, 1)))
    else:
        print("note: markdownlint-cli2 not installed (npm i -g markdownlint-cli2); skipped")
    if shutil.which("rumdl"):
        tools.append(("rumdl",
                      ["rumdl", "check", "--no-cache", "--isolated", "--silent", corpus], (0, 1)))
    else:
        print("note: rumdl not installed (pip install rumdl, or cargo install rumdl); skipped")

    results = []
    for name, cmd, ok in tools:
        r = measure(name, [str(c) for c in cmd], args.runs, env, cwd, ok)
        if r:
            results.append((name, *r))
    one = measure("pmlint (one file)",
                  [str(pmlint), "--select", "ALL", "--format", "concise", "--quiet",
                   str(one_file)], max(args.runs, 20), env, cwd)

    floor = next((wall for name, wall, _ in results if name == "parse-only floor"), None)
    print(f"\n{args.files} files, {size / 1e6:.1f} MB, {args.threads} threads, "
          f"median of {args.runs} runs, {os.cpu_count()} CPUs\n")
    print("| tool | wall | files/s | MB/s | peak memory | throughput vs floor |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, rss in results:
        ratio = f"{floor / wall:.2f}x" if floor else "-"
        print(f"| {name} | {wall * 1000:.0f} ms | {args.files / wall:,.0f} | "
              f"{size / 1e6 / wall:.1f} | {rss:.1f} MB | {ratio} |")
    if one:
        print(f"| pmlint, one file (pre-commit) | {one[0] * 1000:.1f} ms | - | - | "
              f"{one[1]:.1f} MB | - |")


if __name__ == "__main__":
    main()
