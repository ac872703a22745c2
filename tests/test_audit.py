"""The statement audit (audit/statements.csv): every page has rows, every row cites real sources,
and every statement carries its original's own words (or, for a computed number, the table and
the computation), with who said it, who published it, where and when."""

from __future__ import annotations

import csv
import re

import pytest

from conftest import ROOT, toc_files
from nkbook.sources import bib_keys

FINDINGS = {"ok", "corrected", "resourced", "reworded", "added", "removed"}
# Pages whose every statement has been re-read against its original and carries its words
# (issue 32). A page joins when all its rows are complete; the tests below then hold it there.
COMPLETE_PAGES = [
    "russia", "south-korea", "canada", "elsewhere", "united-states", "repatriation",
    "why-people-leave", "over-time", "the-data", "explore", "for-teachers", "references",
    "lesson-plans", "glossary", "intro", "side-by-side", "europe", "life-after-arrival",
    "routes-through-china", "china",
]  # fmt: skip
# What a row must hold on a complete page.
REQUIRED = ("speaker", "publisher", "address", "date")
MAX_WORDS = 60  # "at most ~50 words" of the original, besides translations in [brackets]
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
GLUE = re.compile(r"\{glue:text\}`([\w-]+)")
CITE = re.compile(r"\{cite:p\}`([^`]+)`")


def _rows() -> list[dict]:
    with open(ROOT / "audit" / "statements.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)}


def _where(row: dict, rows: list[dict]) -> str:
    return f"audit/statements.csv, line {rows.index(row) + 2} ({row['page']})"


def test_every_row_is_complete_and_cites_known_sources():
    keys = bib_keys()
    rows = _rows()
    for row in rows:
        where = _where(row, rows)
        assert row["page"] and row["statement"] and row["change"], where
        assert row["finding"] in FINDINGS, f"{where}: finding {row['finding']!r}"
        for key in filter(None, row["sources"].split(";")):
            assert key == "-" or key in keys, f"{where}: {key!r} is not in references.bib"
        if row["finding"] != "ok":
            assert row["change"] != "-", f"{where}: say what changed"


def test_every_number_of_a_statement_is_in_its_words_or_computation():
    """A number the page gives must be in the original's words, in the computation that makes
    it, or in the date of the source: otherwise nothing in the audit supports it."""
    rows = _rows()
    for row in rows:
        if row["finding"] == "removed" or not (row["words"] or row["computation"]):
            continue
        support = _numbers(" ".join([row["words"], row["computation"], row["date"]]))
        missing = _numbers(row["statement"]) - support
        assert not missing, (
            f"{_where(row, rows)}: {sorted(missing)} appear in the statement but neither in "
            f"the quoted words nor in the computation"
        )


def test_quoted_words_are_short():
    rows = _rows()
    for row in rows:
        original = re.sub(r"\[[^\]]*\]", "", row["words"])  # translations are not quoted
        quoted = [word for word in original.split() if not re.fullmatch(r"[.…]+", word)]
        assert len(quoted) <= MAX_WORDS, (
            f"{_where(row, rows)}: {len(quoted)} words quoted; keep at most "
            f"{MAX_WORDS}, the ones that support the statement"
        )


@pytest.mark.parametrize("page", COMPLETE_PAGES)
def test_each_statement_of_a_complete_page_carries_its_words_and_speaker(page):
    rows = _rows()
    mine = [row for row in rows if row["page"] == page and row["finding"] != "removed"]
    assert mine, f"{page}: no rows"
    for row in mine:
        where = _where(row, rows)
        for column in REQUIRED:
            assert row[column], f"{where}: no {column}"
        assert row["words"] or row["computation"], (
            f"{where}: give the original's words, or the table and computation"
        )


def _page_source(page: str) -> str:
    text = (ROOT / "chapters" / f"{page}.md").read_text(encoding="utf-8")
    return re.sub(r"```.*?```", "", text, flags=re.S)  # prose, not code


@pytest.mark.parametrize("page", COMPLETE_PAGES)
def test_every_glued_figure_of_a_complete_page_has_a_row(page):
    """Each number the page glues into its prose is a statement some row checks."""
    covered = {
        key
        for row in _rows()
        if row["page"] == page
        for key in filter(None, row["glue"].split(";"))
    }
    glued = set(GLUE.findall(_page_source(page)))
    assert not glued - covered, (
        f"{page}: glued figures no audit row checks: {sorted(glued - covered)}"
    )
    assert not covered - glued, (
        f"{page}: rows name glue keys the page no longer uses: {sorted(covered - glued)}"
    )


@pytest.mark.parametrize("page", COMPLETE_PAGES)
def test_every_source_cited_on_a_complete_page_has_a_row(page):
    covered = {key for row in _rows() if row["page"] == page for key in row["sources"].split(";")}
    cited = {key.strip() for keys in CITE.findall(_page_source(page)) for key in keys.split(",")}
    assert not cited - covered, f"{page}: sources no audit row checks: {sorted(cited - covered)}"


def test_the_audit_names_only_pages_of_the_book():
    pages = {doc.rpartition("/")[2] for doc in toc_files()}
    unknown = {row["page"] for row in _rows()} - pages
    assert not unknown, f"pages not in _toc.yml: {sorted(unknown)}"


def test_every_page_of_the_book_was_re_audited():
    # The December 2026 re-audit read every page in the table of contents (issue 12).
    audited = {row["page"] for row in _rows()}
    missing = [doc for doc in toc_files() if doc.rpartition("/")[2] not in audited]
    assert not missing, f"pages with no audit rows: {missing}"
