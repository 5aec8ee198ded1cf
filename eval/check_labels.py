#!/usr/bin/env python3
"""Check label files against the contract's format (../shared/eval/LABELING.md).

usage: check_labels.py LABELS_ROOT [CORPUS_ROOT]
Every file must name its document, cover each of the nine slugs (in `clean`, a finding or an unsure),
and every labelled `text` must occur on the labelled line of the document.
"""
import pathlib, sys, tomllib

SLUGS = ["required-sections", "duplicate-section", "timeline-order", "timeline-timestamp",
         "timezone-missing", "timezone-ambiguous", "duration-mismatch", "window-mismatch", "known-typos"]


def check(path, corpus):
    errors = []
    try:
        d = tomllib.loads(path.read_text())
    except Exception as e:  # noqa: BLE001 - report any parse error as a label error
        return [f"not TOML: {e}"]
    doc = corpus / d.get("file", "")
    if not doc.is_file():
        return [f"file {d.get('file')!r} is not in {corpus}"]
    lines = doc.read_text(encoding="utf-8", errors="replace").splitlines()
    covered = set(d.get("clean", []))
    for kind in ("finding", "unsure"):
        for item in d.get(kind, []):
            rule = item.get("rule")
            if rule not in SLUGS:
                errors.append(f"{kind} with unknown rule {rule!r}")
                continue
            if rule in d.get("clean", []):
                errors.append(f"{rule} is both clean and labelled")
            covered.add(rule)
            line = item.get("line", 0)
            if rule == "required-sections":
                continue
            if not 1 <= line <= len(lines):
                errors.append(f"{kind} {rule} line {line} is outside the document ({len(lines)} lines)")
            elif item.get("text") and item["text"] not in lines[line - 1]:
                errors.append(f"{kind} {rule} line {line}: {item['text']!r} is not on that line")
            if rule == "known-typos" and kind == "finding" and not item.get("fix"):
                errors.append(f"known-typos line {line} has no fix")
    missing = [s for s in SLUGS if s not in covered]
    if missing:
        errors.append("slugs neither clean nor labelled: " + ", ".join(missing))
    return errors


def main():
    root = pathlib.Path(sys.argv[1])
    corpus = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else
                          pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "corpus")
    bad = 0
    files = sorted(root.rglob("*.toml"))
    for f in files:
        for e in check(f, corpus):
            print(f"{f}: {e}")
            bad += 1
    print(f"{len(files)} label files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
