"""The strict build is the first test: it passes, builds the TOC, re-runs nothing needlessly."""

from __future__ import annotations

import re

from conftest import ROOT, run, toc_files

STRICT = [str(ROOT / ".venv/bin/jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]


def test_strict_build_passes_and_executes_nothing_when_nothing_changed():
    # make test has just built the book, so this rebuild must find every chapter cached.
    result = run(STRICT, cwd=ROOT)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "build succeeded" in log
    assert not re.search(r"Executing notebook", log), "a notebook was re-executed"


def test_every_toc_page_is_built(site):
    for doc in toc_files():
        assert (site / f"{doc}.html").exists(), f"{doc} is in _toc.yml but was not built"
    assert not (site / "reports").exists() or not any((site / "reports").iterdir())


def test_only_toc_files_are_built(site):
    listed = {f"{doc}.html" for doc in toc_files()}
    built = {p.relative_to(site).as_posix() for p in (site / "chapters").glob("*.html")}
    assert built <= listed, f"pages outside the TOC were built: {sorted(built - listed)}"
    assert not (site / "chapters" / "_template.html").exists()
