#!/usr/bin/env python3
"""Injected timeline defects: recall of timeline-order (PM201) where labels are too few.

    python3 eval/inject.py [--pmlint target/release/pmlint] [--verbose] [DIR ...]

The dev set holds two real out-of-order timelines, too few to measure PM201 by. This script
makes defects whose answer is known: in every document of DIR (default: ../shared/corpus and
../shared/seeds) whose timeline pmlint reads without a PM201 finding, it finds the timeline's
entries (list items or table rows that open with a clock time, under a heading that names
the timeline) and writes two copies:

- `swap`: two neighbouring entries on the same day, with different times, swapped. A reviewer
  wants a PM201 finding on one of the two lines; recall is the share that get one.
- `reversed`: every entry in reverse order, the timeline written newest first without saying
  so. A reviewer wants no PM201 finding; the share that get none is printed as well.

- `duration`: in a summary that states a window (two clock times) and a duration ("lasted
  45 minutes", "2 hours"), the duration's number made larger by 7 (hours or minutes as
  written). A reviewer wants a duration-mismatch (PM401) finding on that line.

Entries are found by text, not by pmlint's model, so that the measure does not inherit the
model's reading. Documents whose timeline has fewer than three such entries, a date sub-heading
or dates on its entries (a swap across days is not a same-day swap) are skipped.
"""

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\.?)?")
ENTRY = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+|\|\s*)(?:\*\*|__|\*|_)?\s*(\d{1,2}:\d{2})")
DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\b"
)
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*)$")


def minutes(line):
    m = CLOCK.search(line)
    if not m:
        return None
    h, mi, half = int(m.group(1)), int(m.group(2)), (m.group(3) or "").lower().replace(".", "")
    if half == "pm" and h != 12:
        h += 12
    if half == "am" and h == 12:
        h = 0
    return h * 60 + mi


def section_named(lines, word):
    """The lines (start, end) under the first heading whose title holds `word`, up to the
    next heading of its level or above; None when no heading holds it."""
    start = level = None
    for i, line in enumerate(lines):
        h = HEADING.match(line)
        if h and start is None and word in h.group(2).lower():
            start, level = i + 1, len(h.group(1))
        elif h and start is not None and len(h.group(1)) <= level:
            return start, i
    return None if start is None else (start, len(lines))


def timeline_entries(lines):
    """Indices of the timeline's entry lines, or None when the timeline is not plain."""
    found = section_named(lines, "timeline")
    if found is None:
        return None
    start, end = found
    body = lines[start:end]
    if any(HEADING.match(l) for l in body):
        return None
    entries = [start + i for i, l in enumerate(body) if ENTRY.match(l)]
    if len(entries) < 3 or any(DATE.search(lines[i]) for i in entries):
        return None
    # Only entries in order as written, on one day: the injected defect is then the only one.
    times = [minutes(lines[i]) for i in entries]
    if any(t is None for t in times) or any(b <= a for a, b in zip(times, times[1:])):
        return None
    return entries


DURATION = re.compile(r"\b(\d{1,3})(\s*(?:hours?|hrs?|h|minutes?|mins?)\b)", re.I)


def summary_with_duration(lines):
    """The summary's line holding a duration, when the summary also states two clock times."""
    found = section_named(lines, "summary")
    if found is None:
        return None
    start, end = found
    body = "\n".join(lines[start:end])
    if len(CLOCK.findall(body)) < 2:
        return None
    for i in range(start, end):
        if DURATION.search(lines[i]) and not CLOCK.search(DURATION.search(lines[i]).group(0)):
            return i
    return None


def rule_lines(pmlint, paths, rule):
    out = subprocess.run(
        [pmlint, "--format", "json", "--select", rule, *map(str, paths)],
        capture_output=True,
        text=True,
    )
    found = {}
    for d in json.loads(out.stdout)["diagnostics"]:
        found.setdefault(d["path"], set()).add(d["line"])
    return found


def pm201_lines(pmlint, paths):
    return rule_lines(pmlint, paths, "PM201")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pmlint", default=str(ROOT / "target/release/pmlint"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("dirs", nargs="*")
    args = ap.parse_args()
    dirs = [Path(d) for d in args.dirs] or [ROOT.parent / "shared/corpus", ROOT.parent / "shared/seeds"]
    files = sorted(p for d in dirs for p in d.rglob("*.md"))
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        swaps, reversals, durations = {}, {}, {}
        for n, path in enumerate(files):
            text = path.read_text(encoding="utf-8", errors="replace")
            lines = text.split("\n")
            at = summary_with_duration(lines)
            if at is not None:
                changed = lines[:]
                changed[at] = DURATION.sub(
                    lambda m: f"{int(m.group(1)) + 7}{m.group(2)}", lines[at], count=1
                )
                out = tmp / f"{n:03}-duration.md"
                out.write_text("\n".join(changed), encoding="utf-8")
                durations[str(out)] = (path, at + 1)
            entries = timeline_entries(lines)
            if not entries:
                continue
            k = rng.randrange(len(entries) - 1)
            a, b = entries[k], entries[k + 1]
            swapped = lines[:]
            swapped[a], swapped[b] = lines[b], lines[a]
            out = tmp / f"{n:03}-swap.md"
            out.write_text("\n".join(swapped), encoding="utf-8")
            swaps[str(out)] = (path, {a + 1, b + 1})
            reversed_ = lines[:]
            for i, j in zip(entries, reversed(entries)):
                reversed_[i] = lines[j]
            out = tmp / f"{n:03}-reversed.md"
            out.write_text("\n".join(reversed_), encoding="utf-8")
            reversals[str(out)] = path
        originals = pm201_lines(args.pmlint, [p for p, _ in swaps.values()])
        found = pm201_lines(args.pmlint, [*swaps, *reversals])
        before = rule_lines(args.pmlint, [p for p, _ in durations.values()], "PM401")
        after = rule_lines(args.pmlint, list(durations), "PM401")
    clean = {k: v for k, v in swaps.items() if str(v[0]) not in originals}
    hit = [k for k, (_, want) in clean.items() if found.get(k, set()) & want]
    missed = [k for k in clean if k not in hit]
    quiet = [k for k, p in reversals.items() if str(p) not in originals and k not in found]
    loud = [k for k, p in reversals.items() if str(p) not in originals and k in found]
    print(f"{len(clean)} documents with a plain, in-order timeline and no PM201 finding")
    print(f"swap two entries:     {len(hit)}/{len(clean)} reported (recall {len(hit) / max(1, len(clean)):.2f})")
    print(
        f"reverse the timeline: {len(quiet)}/{len(quiet) + len(loud)} read as newest first, no finding "
        f"({len(quiet) / max(1, len(quiet) + len(loud)):.2f})"
    )
    stated = {k: v for k, v in durations.items() if str(v[0]) not in before}
    caught = [k for k, (_, line) in stated.items() if line in after.get(k, set())]
    print(
        f"change a stated duration: {len(caught)}/{len(stated)} reported "
        f"(recall {len(caught) / max(1, len(stated)):.2f})"
    )
    if args.verbose:
        for k, (path, line) in stated.items():
            if k not in caught:
                print("missed duration:", path, "line", line)
        for k in missed:
            print("missed swap:", clean[k][0], "lines", sorted(clean[k][1]))
        for k in loud:
            print("finding on reversed:", reversals[k], "lines", sorted(found[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
