"""A data edit reaches every chart and sentence on the next `make book`, and re-runs only the
chapters that load the edited table (jupyter-cache alone would keep the stale outputs)."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from conftest import ROOT, run
from nkbook.book import declared, toc_documents
from nkbook.data import DataError, declare_tables, declare_tables_outside_a_chapter, load


def _edit_2009(path, extra_women):
    """Add women to 2009; return the new grand total and the new number of women in 2009."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["period"] == "2009":
            row["female"] = women_2009 = str(int(row["female"]) + extra_women)
            row["total"] = str(int(row["total"]) + extra_women)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return sum(int(r["total"]) for r in rows), women_2009


def _chapters_declaring(table):
    """Chapters whose front matter declares `table` (the source of truth for what they load)."""
    return {
        doc.rpartition("/")[2]
        for doc in toc_documents()
        if table in declared((ROOT / f"{doc}.md").read_text(encoding="utf-8"))[0]
    }


@pytest.mark.parametrize("language", ["en", "ko"])
def test_editing_a_csv_updates_charts_and_numbers(repo_copy, language):
    """In each edition (built alone, so the log counts that edition's runs)."""
    shutil.copytree(ROOT / "_build", repo_copy / "_build", symlinks=True)
    new_total, women_2009 = _edit_2009(repo_copy / "data" / "sk_arrivals.csv", extra_women=1000)

    result = run(["make", f"book-{language}"], cwd=repo_copy)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]

    site = repo_copy / "_build" / "html" / ("" if language == "en" else language)
    page = (site / "chapters" / "south-korea.html").read_text(encoding="utf-8")
    assert f"{new_total:,}" in page, "the glued total did not change"
    rows_2009 = re.findall(r'\{[^{}]*"period":"2009"[^{}]*\}', page)  # the chart's data
    assert any(f'"people":{women_2009}' in row for row in rows_2009), (
        "the chart data did not change"
    )

    executed = _executed(log)
    # The build waited for what prewarm was running instead of running it a second time.
    assert sorted(_runs(log)) == sorted(executed), f"chapters run twice: {_runs(log)}"
    users = _chapters_declaring("sk_arrivals")
    assert users <= executed, f"stale chapters: {users - executed}"
    assert executed <= users, f"re-ran chapters that do not use the table: {executed - users}"


def test_a_new_row_and_a_new_objective_reach_every_page_that_shows_them(repo_copy):
    """The data page counts rows and the teachers' page lists objectives: both are rebuilt."""
    shutil.copytree(ROOT / "_build", repo_copy / "_build", symlinks=True)
    events = repo_copy / "data" / "transit_events.csv"
    rows_before = len(events.read_text(encoding="utf-8").splitlines()) - 1
    events.write_text(
        events.read_text(encoding="utf-8")
        + "Thailand,THA,2011,test row added by test_freshness,1,exact,globalpost2011thailand,\n",
        encoding="utf-8",
    )
    russia = repo_copy / "chapters" / "russia.md"
    objective = "compare two numbers that a test edited into this chapter"
    russia.write_text(
        re.sub(r"^1\. .*$", f"1. {objective};", russia.read_text(encoding="utf-8"), count=1,
               flags=re.M),
        encoding="utf-8",
    )  # fmt: skip

    result = run(["make", "book"], cwd=repo_copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    site = repo_copy / "_build" / "html" / "chapters"
    data_page = (site / "the-data.html").read_text(encoding="utf-8")
    assert f"({rows_before + 1} rows)" in data_page, "the data page kept the old row count"
    for page in ("for-teachers", "russia"):
        text = " ".join((site / f"{page}.html").read_text(encoding="utf-8").split())
        assert objective in text, f"{page} does not show the edited objective"


def test_load_refuses_a_table_the_chapter_did_not_declare():
    try:
        declare_tables(["sk_arrivals"])
        assert len(load("sk_arrivals")) > 0
        with pytest.raises(DataError, match="not declared"):
            load("estimates")
    finally:
        declare_tables_outside_a_chapter()


def _runs(log: str) -> list[str]:
    """Chapters run by scripts/prewarm.py ("  chapters/x.md: 3.1 s") or by the build, once per
    run."""
    return re.findall(r"chapters/([\w-]+)\.md: (?:Executing notebook|[\d.]+ s)", log)


def _executed(log: str) -> set[str]:
    return set(_runs(log))


def test_a_text_edit_outside_the_card_runs_no_notebook(repo_copy):
    """Pages that show chapter cards (the introduction, the teachers' page) do not re-run when
    a chapter's text changes below its card: one chapter edited, one page rebuilt, no kernel."""
    shutil.copytree(ROOT / "_build", repo_copy / "_build", symlinks=True)
    # Sphinx re-reads every page once in a new folder; the edit comes after that.
    assert run(["make", "book"], cwd=repo_copy).returncode == 0
    russia = repo_copy / "chapters" / "russia.md"
    sentence = "A sentence that a test added to the end of this chapter."
    russia.write_text(russia.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")

    result = run(["make", "book"], cwd=repo_copy)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert _executed(log) == set(), f"notebooks re-run for a text edit: {_executed(log)}"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", log)
    reread = set(re.findall(r"reading sources\.\.\. \[ *\d+%\] (\S+)", plain))
    assert reread == {"chapters/russia"}, f"pages re-read for one chapter's text: {reread}"
    page = (repo_copy / "_build/html/chapters/russia.html").read_text(encoding="utf-8")
    assert sentence in page, "the edited text did not reach the page"
