"""The Python route of every exercise runs as shown: the code a student sees in a solution is
self-contained (it imports and loads what it uses) and runs alone in a fresh Python, from the
chapters folder, with no hidden variable from the chapter."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, toc_files

CELL = re.compile(r"```\{code-cell\} ipython3\n(.*?)```", re.S)


def visible_solution_code(doc: str) -> list[str]:
    text = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    code = []
    for block in re.findall(r"\{solution-start\}(.*?)\{solution-end\}", text, re.S):
        for cell in CELL.findall(block):
            if not re.match(r":tags: \[[^\]]*remove-(cell|input)", cell):
                code.append(cell)
    return code


DOCS = [doc for doc in toc_files() if visible_solution_code(doc)]


def test_every_chapter_with_an_exercise_shows_python():
    exercises = [d for d in toc_files() if "{exercise}" in (ROOT / f"{d}.md").read_text("utf-8")]
    assert DOCS == exercises, set(exercises) ^ set(DOCS)


@pytest.mark.parametrize("doc", DOCS)
def test_solution_code_runs_alone(doc):
    code = "\n\n".join(visible_solution_code(doc))
    assert "glue(" not in code, f"{doc}: the book's plumbing (glue) belongs in a hidden cell"
    assert re.search(r"^from nkbook import load$", code, re.M), f"{doc}: no import of load"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT / "chapters", env=env, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, f"{doc}: the solution does not run alone:\n{ran.stderr[-1500:]}"
