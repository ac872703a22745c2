"""The statement audit (audit/statements.csv) covers every page and cites real sources."""

from __future__ import annotations

import csv

from conftest import ROOT, toc_files
from nkbook.sources import bib_keys

FINDINGS = {"ok", "corrected", "resourced", "reworded", "added", "removed"}


def _rows() -> list[dict]:
    with open(ROOT / "audit" / "statements.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_row_is_complete_and_cites_known_sources():
    keys = bib_keys()
    for line, row in enumerate(_rows(), start=2):
        where = f"audit/statements.csv, line {line}"
        assert row["page"] and row["statement"] and row["change"], where
        assert row["finding"] in FINDINGS, f"{where}: finding {row['finding']!r}"
        for key in filter(None, row["sources"].split(";")):
            assert key == "-" or key in keys, f"{where}: {key!r} is not in references.bib"
        if row["finding"] != "ok":
            assert row["change"] != "-", f"{where}: say what changed"


def test_the_audit_names_only_pages_of_the_book():
    pages = {doc.rpartition("/")[2] for doc in toc_files()}
    unknown = {row["page"] for row in _rows()} - pages
    assert not unknown, f"pages not in _toc.yml: {sorted(unknown)}"


def test_every_page_of_the_book_was_re_audited():
    # The December 2026 re-audit read every page in the table of contents (issue 12).
    audited = {row["page"] for row in _rows()}
    missing = [doc for doc in toc_files() if doc.rpartition("/")[2] not in audited]
    assert not missing, f"pages with no audit rows: {missing}"
