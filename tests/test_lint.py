"""Lint what the build does not check: chapter code, notebook format, config files, whitespace.

`make lint` runs ruff on nkbook/ and tests/, then this file.
"""

from __future__ import annotations

import subprocess

import jupytext
import pytest
import yaml

from conftest import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
TRACKED = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout
TEXT_FILES = [
    ROOT / f
    for f in TRACKED.split()
    if f.endswith((".md", ".py", ".yml", ".yaml", ".toml", ".csv", ".css", ".js", ".bib", ".html"))
    or f in ("Makefile", ".ci/run")
]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_code_passes_ruff(path):
    notebook = jupytext.read(path)
    code = "\n\n\n".join(c.source for c in notebook.cells if c.cell_type == "code") + "\n"
    result = subprocess.run(
        [
            str(ROOT / ".venv/bin/ruff"),
            "check",
            "--stdin-filename",
            f"chapters/{path.stem}.py",
            "-",
        ],
        input=code,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_is_a_valid_myst_notebook(path):
    notebook = jupytext.read(path)
    assert notebook.metadata["jupytext"]["text_representation"]["format_name"] == "myst"
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert all("outputs" not in c or not c["outputs"] for c in notebook.cells), "outputs in git"


@pytest.mark.parametrize("name", ["_config.yml", "_toc.yml", ".pre-commit-config.yaml"])
def test_yaml_parses(name):
    assert yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_no_trailing_whitespace_or_missing_final_newline():
    bad = []
    for path in TEXT_FILES:
        text = path.read_text(encoding="utf-8")
        if text and not text.endswith("\n"):
            bad.append(f"{path.relative_to(ROOT)}: no newline at end")
        bad += [
            f"{path.relative_to(ROOT)}:{n}"
            for n, line in enumerate(text.split("\n"), 1)
            if line != line.rstrip()
        ]
    assert not bad, f"trailing whitespace: {bad[:20]}"
