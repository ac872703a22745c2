"""Measure how fast the book builds and tests, and record the medians in bench/results.md.

    make bench                     # 3 runs of each build measure, 1 run of the test suite
    .venv/bin/python bench/bench.py --runs 5 --test-runs 2

Each measure runs in a fresh `git clone` of this repository that shares .venv/ and
node_modules/, so the numbers are those of "a clone with the environment installed".
A benchmark, not a test: it asserts nothing, it records.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"
TESTS = "test suite (pytest, after make book and make pdf)"
# Seconds, from issue 13 ("one chapter edited <= 5 s" applies to both edits); per edition
# (issue 22): English alone and Korean alone (make book LANGUAGES=...), and both (make book).
MEASURES = {
    "cold build (no _build)": 25,
    "rebuild, nothing changed": 3,
    "rebuild after editing one chapter's text": 5,
    "rebuild after editing one chapter's code": 5,
}
EDITIONS = {"English": ["LANGUAGES=en"], "Korean": ["LANGUAGES=ko"], "both": []}
TARGETS = {
    f"{measure} ({edition})": target
    for edition in EDITIONS
    for measure, target in MEASURES.items()
    if edition != "both"  # the two editions together have no target of their own
}


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}{result.stderr}")
    return elapsed


def fresh_clone(workdir: Path) -> Path:
    clone = workdir / f"clone-{len(list(workdir.iterdir()))}"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    for shared in (".venv", "node_modules"):
        (clone / shared).symlink_to(ROOT / shared)
    # A clone's files are newer than the shared environment's install stamps; give the pinned
    # requirements their times here, so make sees the environment as installed (as it is) and
    # does not reinstall into it (which also points its nkbook-repo.pth at the clone).
    for pinned in ("requirements.txt", "requirements-dev.txt", "package.json", "package-lock.json"):
        stat = (ROOT / pinned).stat()
        os.utime(clone / pinned, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return clone


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory} GiB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--test-runs", type=int, default=1)
    args = parser.parse_args()
    samples: dict[str, list[float]] = {}
    print(f"{args.runs} runs of each build measure, {args.test_runs} of the tests", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for run in range(args.runs):
            for edition, options in EDITIONS.items():
                clone = fresh_clone(workdir)
                book = ["make", "book", *options]
                times = [timed(book, clone), timed(book, clone)]
                append(
                    clone / "chapters/russia.md", f"\nA sentence added by the benchmark ({run}).\n"
                )
                times.append(timed(book, clone))
                append(
                    clone / "chapters/russia.md",
                    f"\n```{{code-cell}} ipython3\n:tags: [remove-cell]\n\nbench = {run}\n```\n",
                )
                times.append(timed(book, clone))
                for measure, seconds in zip(MEASURES, times, strict=True):
                    samples.setdefault(f"{measure} ({edition})", []).append(seconds)
                shutil.rmtree(clone)
            print({k: [round(v, 1) for v in vals] for k, vals in samples.items()}, flush=True)
        for _ in range(args.test_runs):
            clone = fresh_clone(workdir)
            timed(["make", "book", "pdf"], clone)  # the tests read the built site and PDFs
            samples.setdefault(TESTS, []).append(
                timed([".venv/bin/python", "-m", "pytest", "-q", "tests"], clone)
            )
            shutil.rmtree(clone)

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Build and test times",
        "",
        f"Measured by `make bench` on {datetime.date.today()} at commit {commit}.",
        f"Machine: {machine()}.",
        "Each build measure is the median of the runs shown, each in a fresh clone that shares",
        "the installed .venv/ and node_modules/. `make book` includes the data validation.",
        "Per edition: English alone (`make book LANGUAGES=en`), Korean alone (`LANGUAGES=ko`),",
        "and both (`make book`, which has no target of its own). The edited chapter is Russia.",
        "",
        "| measure | median (s) | runs (s) | target (s) | met |",
        "|---|---|---|---|---|",
    ]
    for name, values in samples.items():
        if not values:  # e.g. --test-runs 0
            continue
        median = statistics.median(values)
        target = TARGETS.get(name)
        met = "" if target is None else ("yes" if median <= target else "**no**")
        runs = ", ".join(f"{v:.1f}" for v in values)
        lines.append(f"| {name} | {median:.1f} | {runs} | {target or ''} | {met} |")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
