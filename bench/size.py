#!/usr/bin/env python3
"""Time and memory per MiB as one file grows: 1, 4, 16 and 64 MiB of realistic postmortem
text (the given documents repeated), and a single timeline of the same sizes. A benchmark,
not a test: it prints a table and asserts nothing.

usage: bench/size.py [DOCS_DIR]   (default ../shared/corpus; builds target/release/pmlint)
"""
import os, pathlib, subprocess, sys, tempfile, time

root = pathlib.Path(__file__).resolve().parent.parent
docs = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root.parent / "shared" / "corpus")
subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
pmlint = root / "target" / "release" / "pmlint"
text = "\n\n".join(p.read_text(errors="replace") for p in sorted(docs.rglob("*.md")))
entry = "- 10:{m:02d} UTC the checkout API returned errors for some requests\n"
timeline = "# Outage\n\n## Timeline\n" + "".join(entry.format(m=i % 60) for i in range(6000))
MIB = 1024 * 1024
print(f"{'input':<12} {'MiB':>4} {'seconds':>8} {'s/MiB':>6} {'peak MB':>8}")
with tempfile.TemporaryDirectory() as tmp:
    for name, unit in [("postmortems", text), ("timeline", timeline)]:
        for mib in (1, 4, 16, 64):
            path = pathlib.Path(tmp) / f"{name}-{mib}.md"
            raw = (unit * (mib * MIB // len(unit) + 1)).encode()[: mib * MIB - 4096]
            path.write_bytes(raw.decode("utf-8", "ignore").encode())
            t = time.perf_counter()
            child = subprocess.Popen([pmlint, "--format", "json", "--fail-on", "never", path],
                                     stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            dt = time.perf_counter() - t
            assert os.waitstatus_to_exitcode(status) == 0, f"pmlint failed on {path}"
            print(f"{name:<12} {mib:>4} {dt:>8.2f} {dt / mib:>6.3f} {usage.ru_maxrss / 1024:>8.0f}")
