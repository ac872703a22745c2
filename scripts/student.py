"""Build the student edition: `make student` -> _build/student/_build/html.

The same chapters and data as the teacher edition, with nkbook_edition set to "student"
(nkbook/sphinx/editions.py): no exercise solutions, no teacher-only material, and no teachers'
page in the table of contents. Notebooks are not run again: the build reads the teacher
edition's jupyter-cache (the notebooks are the same).
"""

from __future__ import annotations

import subprocess
import sys

import yaml

from nkbook.book import ROOT

OUT = ROOT / "_build" / "student"
TEACHER_ONLY_PAGES = {"chapters/for-teachers", "chapters/lesson-plans"}


def student_config() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] += " (student edition)"
    config["execute"]["cache"] = str(ROOT / "_build" / ".jupyter_cache")
    config["sphinx"]["config"]["nkbook_edition"] = "student"
    config["sphinx"]["config"]["nkbook_language_switch"] = False  # no Korean student edition
    return config


def student_toc() -> dict:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        part["chapters"] = [c for c in part["chapters"] if c["file"] not in TEACHER_ONLY_PAGES]
    toc["parts"] = [part for part in toc["parts"] if part["chapters"]]
    return toc


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "_config.yml").write_text(yaml.safe_dump(student_config()), encoding="utf-8")
    (OUT / "_toc.yml").write_text(yaml.safe_dump(student_toc()), encoding="utf-8")
    command = [
        str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT),
        "--path-output", str(OUT), "--config", str(OUT / "_config.yml"),
        "--toc", str(OUT / "_toc.yml"), "-W", "-n", "--keep-going",
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
