"""Mutation fuzzing of the builder over the seeds and the real corpus.

Each input is a real document damaged the way files get damaged: lines
deleted, duplicated or swapped, the file cut at a random point, note markers
of every form inserted, furniture and hostile text inserted, bytes flipped.
The builder must either publish a page that passes its own conservation
check or report its own `InputError`; anything else is a crash.

    python -m benchmarks.fuzz --inputs 10000            # the full run
    python -m benchmarks.fuzz --inputs 200 --seed 7     # a quick one
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from builder.build import BuildResult, read_one
from builder.sources import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

INSERTS = [
    "¹", "²³", "<sup>4</sup>", "<sup>&</sup>lt;sup>5</sup>", "$^{6}\\ A/1/1$", "*", "**", "***",
    "__________________", "2/12", "25-16619", "*2516619*", "Annex", "Annex II", "I", "A.", "(a)", "(i)",
    "1.", "99.", "The General Assembly,", "<script>alert(1)</script>", "{#x}", "{{ x }}", "[a](#)",
    "\\_", "\t", "\u00ad", "\ue000", "\x00", "\ufeff", "Notes", "Contents", "Article 1", "Chapter II",
]  # fmt: skip


def sources(limit: int | None = None) -> list[Path]:
    files = sorted((ROOT / "source_docs").glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("*.txt"))
    return files[:limit] if limit else files


def mutate(raw: bytes, rng: random.Random) -> bytes:
    """Damage a document in one to four ways."""
    text = raw.decode("utf-8", errors="replace")
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(["delete", "duplicate", "swap", "cut", "insert", "insert", "bytes"])
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        if op == "delete":
            del lines[i : i + rng.randint(1, 5)]
        elif op == "duplicate":
            lines[i:i] = lines[i : i + rng.randint(1, 5)]
        elif op == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            joined = "\n".join(lines)
            lines = joined[: rng.randrange(len(joined) + 1)].split("\n")
        elif op == "insert":
            line = lines[i]
            at = rng.randrange(len(line) + 1)
            piece = rng.choice(INSERTS)
            lines[i] = line[:at] + piece + line[at:] if rng.random() < 0.7 else line
            if rng.random() >= 0.7:
                lines.insert(i, piece)
    data = bytearray("\n".join(lines).encode("utf-8"))
    if data and rng.random() < 0.1:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def check(raw: bytes, workdir: Path, name: str = "fuzz.txt") -> str:
    """ "ok" (page published), "error" (the builder's own InputError), else raises."""
    path = workdir / name
    path.write_bytes(raw)
    result = BuildResult()
    return "ok" if read_one(Source(path, None), result) is not None else "error"


def run(inputs: int, seed: int, limit: int | None = None) -> dict:
    rng = random.Random(seed)
    files = sources(limit)
    originals = {f: f.read_bytes() for f in files}
    counts = {"ok": 0, "error": 0, "crash": 0}
    crashes: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(inputs):
            source = rng.choice(files)
            raw = mutate(originals[source], rng)
            try:
                counts[check(raw, Path(tmp))] += 1
            except Exception:  # a crash is what we are looking for
                counts["crash"] += 1
                sample = Path(tmp) / f"crash-{n}.txt"
                sample.write_bytes(raw)
                crashes.append(f"{source.name} (input {n}): {traceback.format_exc(limit=3)}")
    return {"counts": counts, "crashes": crashes, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    report = run(args.inputs, args.seed)
    c = report["counts"]
    print(
        f"fuzz: {args.inputs} inputs (seed {args.seed}): {c['ok']} published, {c['error']} input errors, "
        f"{c['crash']} crashes, {report['seconds']:.0f} s"
    )
    for crash in report["crashes"][:10]:
        print(crash, file=sys.stderr)
    return 1 if c["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
