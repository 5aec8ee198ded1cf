#!/usr/bin/env python3
"""Time pmlint against a parse-only floor, a parse + word look-up floor (and markdownlint-cli2
and rumdl when installed) on the same synthetic postmortems and thread count.

    python3 bench/bench.py [--files 5000] [--threads 2] [--runs 5] [--seed 42]

Builds the release binary and the two examples, generates the corpus into
target/bench-corpus-<files>-<seed>/ (once), then runs each tool --runs times and prints the
median wall time, files/s, MB/s, peak memory (max RSS) and throughput relative to the floor.
Peak memory is GNU time's %M (max RSS) when /usr/bin/time exists, else wait4()'s rusage.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run_once(cmd, env, cwd, rss=True):
    """Wall seconds and peak RSS (MB) of one run; output is discarded (stderr goes to a
    temporary file, not a pipe, which a chatty tool would fill and block on).

    Peak memory comes from GNU time when installed: wait4()'s ru_maxrss would count the memory
    of this Python process, which the child inherits until it execs."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss_file:
        wrap = GNU_TIME and rss
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *cmd] if wrap else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0, os.SEEK_END)
        err.seek(max(0, err.tell() - 4000))
        stderr = err.read().decode(errors="replace")
        lines = rss_file.read().split()
        kb = float(lines[-1]) if wrap and lines else usage.ru_maxrss
    code = os.waitstatus_to_exitcode(status)
    # macOS reports bytes, Linux kilobytes.
    rss = kb / (1 << 20 if sys.platform == "darwin" and not GNU_TIME else 1 << 10)
    return wall, rss, code, stderr


def measure(name, cmd, runs, env, cwd, ok_codes=(0, 1), bare=False):
    """Median wall and peak memory of `runs` runs. With `bare`, the wall times come from
    runs without the GNU time wrapper (whose own start-up, ~1 ms, would count in a run of a
    few milliseconds) and the peak memory from one wrapped run."""
    walls, peak = [], 0.0
    run_once(cmd, env, cwd)  # warm the page cache and any lazy start-up
    for _ in range(runs):
        wall, rss, code, stderr = run_once(cmd, env, cwd, rss=not bare)
        if code not in ok_codes:
            print(f"{name}: exit code {code}\n{stderr[-2000:]}", file=sys.stderr)
            return None
        walls.append(wall)
        peak = max(peak, rss)
    if bare:
        peak = run_once(cmd, env, cwd)[1]
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
    ap.add_argument("--pmlint", type=Path,
                    help="time this pmlint binary (another build profile, say) instead of "
                         "target/release/pmlint")
    args = ap.parse_args()

    env = dict(os.environ, RAYON_NUM_THREADS=str(args.threads), NO_COLOR="1")
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "pmlint",
             "--example", "gen_corpus", "--example", "parse_floor"],
            cwd=ROOT, check=True,
        )
    release = ROOT / "target" / "release"
    pmlint = args.pmlint.resolve() if args.pmlint else release / "pmlint"
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
        ("parse + word look-up floor",
         [release / "examples" / "parse_floor", "--words", corpus], (0,)),
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
                   str(one_file)], max(args.runs, 50), env, cwd, bare=True)
    # What starting any process costs this harness, for reading the one-file time.
    spawn = measure("true", ["true"], max(args.runs, 50), env, cwd, (0,), bare=True)

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
    if spawn:
        print(f"\n(Starting `true` the same way takes {spawn[0] * 1000:.1f} ms here: the "
              "one-file time includes it.)")


if __name__ == "__main__":
    main()
