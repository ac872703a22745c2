"""scripts/prewarm.py runs several chapters in one kernel: a chapter run after another must give
exactly what it gives in a new kernel (as the build would run it alone), and a chapter that
fails must neither be cached nor spoil the next one. The build, started beside it, waits for
a chapter only while prewarm is alive and still running that chapter."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import threading
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.executors.utils import single_nb_execution

from nkbook.sphinx.freshness import wait_for_prewarm

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("prewarm", ROOT / "scripts" / "prewarm.py")
prewarm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(prewarm)

FRONT_MATTER = (
    "---\njupytext:\n  text_representation:\n    format_name: myst\n"
    "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n"
    "nkbook:\n  tables: [estimates]\n---\n\n# A test page\n"
)


def code_cells(nb) -> list[tuple]:
    return [
        (cell.source, cell.execution_count, cell.outputs)
        for cell in nb.cells
        if cell.cell_type == "code"
    ]


def page(folder: Path, name: str, *cells: str) -> Path:
    body = "".join(f"\n```{{code-cell}} ipython3\n{code}\n```\n" for code in cells)
    path = folder / f"{name}.md"
    path.write_text(FRONT_MATTER + body, encoding="utf-8")
    return path


def test_a_chapter_run_after_another_gives_what_it_gives_alone():
    # Both draw charts (numbered per chapter) and load tables (cached by nkbook per kernel).
    first, second = ROOT / "chapters" / "over-time.md", ROOT / "chapters" / "russia.md"
    results = prewarm.run_in_one_kernel([first, second])
    assert [nb is not None for _, nb, _ in results] == [True, True]
    alone = prewarm.notebook(second)
    run = single_nb_execution(alone, cwd=str(second.parent), timeout=120, allow_errors=False)
    assert run.err is None
    assert code_cells(results[1][1]) == code_cells(alone)


def test_nothing_a_chapter_leaves_behind_reaches_the_next(tmp_path):
    leaves = page(tmp_path, "leaves", "left_behind = 1\nimport nkbook.data\nnkbook.data.MARK = 1")
    finds = page(
        tmp_path,
        "finds",
        "import nkbook.data\nprint('left_behind' in globals(), hasattr(nkbook.data, 'MARK'))",
    )
    (_, _, _), (_, nb, _) = prewarm.run_in_one_kernel([leaves, finds])
    printed = [out.text for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert printed == ["False False\n"]


def test_a_failing_chapter_is_left_for_the_build_and_the_next_one_runs(tmp_path):
    fails = page(tmp_path, "fails", "raise ValueError('this chapter fails')")
    after = page(tmp_path, "after", "print(1 + 1)")
    (_, failed, _), (_, ran, _) = prewarm.run_in_one_kernel([fails, after])
    assert failed is None
    assert [out.text for out in ran.cells[-2].outputs] == ["2\n"]


def test_the_build_waits_only_for_a_chapter_that_prewarm_is_still_running(tmp_path):
    status = tmp_path / "status"
    assert wait_for_prewarm("chapters/china", status) < 0.5  # no prewarm running
    status.write_text(f"{os.getpid()}\nchapters/russia\n", encoding="utf-8")
    assert wait_for_prewarm("chapters/china", status) < 0.5  # running another chapter
    ended = subprocess.Popen(["true"])
    ended.wait()  # a process that has ended: prewarm crashed, say
    status.write_text(f"{ended.pid}\nchapters/china\n", encoding="utf-8")
    assert wait_for_prewarm("chapters/china", status) < 0.5
    for pending in ("chapters/china", "*"):  # this chapter, or any while the list is made
        status.write_text(f"{os.getpid()}\n{pending}\n", encoding="utf-8")
        finished = threading.Timer(1.0, status.unlink)
        finished.start()
        assert wait_for_prewarm("chapters/china", status) >= 0.9
        finished.join()


def test_pages_without_code_are_run_once_and_a_cached_record_is_never_replaced(tmp_path):
    """jupyter-cache keys a notebook by its code cells: pages without code share a key. Caching
    each of them replaced the record the build was reading (StaleDataError in make book)."""
    cache = get_cache(str(tmp_path / "cache"))
    plain = [page(tmp_path, name) for name in ("glossary", "references")]
    coded = page(tmp_path, "coded", "print(1)")
    groups = prewarm.stale_groups(cache, [*plain, coded])
    assert sorted(map(sorted, groups)) == sorted([sorted(plain), [coded]])
    (path, nb, seconds), *_ = prewarm.run_in_one_kernel([plain[0]])
    prewarm.cache_result(cache, path, nb, seconds)
    record = cache.match_cache_notebook(prewarm.notebook(plain[1]))  # the other page finds it
    prewarm.cache_result(cache, plain[1], nb, seconds)
    assert cache.match_cache_notebook(nb).pk == record.pk
    assert prewarm.stale_groups(cache, [*plain, coded]) == [[coded]]
