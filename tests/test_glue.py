"""Every key a chapter glues is used in its text, and every key its text uses was glued.

The glued keys are read from the notebooks as the build executed them (the jupyter-cache in
_build); the used keys from the chapter's {glue:...}`key` roles and {glue:figure} directives.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from jupyter_cache import get_cache

from conftest import ROOT, toc_files
from nkbook.gluing import plain

CACHE = ROOT / "_build" / ".jupyter_cache"
USED = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)|^:{3,}\{glue:figure\}\s+(\S+)", re.M)


def _executed() -> dict[str, object]:
    """The latest executed notebook of each chapter file, by path."""
    if not CACHE.exists():
        pytest.fail("_build/.jupyter_cache is missing: run `make book` first (make test does)")
    cache = get_cache(str(CACHE))
    latest = {}
    for record in sorted(cache.list_cache_records(), key=lambda r: r.pk):
        latest[str(record.uri)] = record.pk
    return {uri: cache.get_cache_bundle(pk).nb for uri, pk in latest.items()}


@pytest.fixture(scope="module")
def executed(site):
    return _executed()


@pytest.mark.parametrize("doc", toc_files())
def test_glued_keys_and_used_keys_match(executed, doc):
    path = ROOT / f"{doc}.md"
    text = path.read_text(encoding="utf-8")
    used = {a or b for a, b in USED.findall(text)}
    notebook = executed.get(str(path))
    if notebook is None:
        assert not used, f"{doc} uses glued keys but was not executed"
        return
    glued = {
        output.get("metadata", {}).get("scrapbook", {}).get("name")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    } - {None}
    assert not used - glued, f"{doc}: used but never glued: {sorted(used - glued)}"
    assert not glued - used, f"{doc}: glued but never used: {sorted(glued - used)}"


def test_glue_makes_pandas_values_plain():
    assert type(plain(np.int64(224))) is int and plain(np.int64(224)) == 224
    assert type(plain(np.float64(72.2))) is float
    assert plain(pd.Series([5], dtype="Int64").iloc[0]) == 5
    assert type(plain(np.bool_(True))) is bool
    with pytest.raises(ValueError):
        plain(pd.NA)
    with pytest.raises(ValueError):
        plain(float("nan"))
