"""Sources: every entry names its original publisher and how it was read; weak ones never stand
alone behind a statement, in the data or in the chapters (the lists are in nkbook/sources.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import ROOT, toc_files
from nkbook.data import (
    SOURCE_COLUMNS,  # noqa: E402
    descriptor,
)
from nkbook.sources import NOT_FOUND, WEAK_PUBLISHERS, entries, is_studied, is_weak, weak_host


def test_every_entry_names_its_publisher_and_how_it_was_read():
    for key, fields in entries().items():
        assert fields.get("publisher"), f"{key}: no publisher (the original publisher)"
        assert "urldate" not in fields, f"{key}: an access date, but the authors read stored copies"
        assert "stored copy" in fields.get("note", ""), f"{key}: the note must say how it was read"


def test_no_entry_points_at_a_mirror_or_aggregator():
    for key, fields in entries().items():
        host = weak_host(fields.get("url", ""))
        if host and not is_weak(key):
            pytest.fail(f"{key}: url is on {host}; cite the original, give the copy in the note")


def _tables():
    package = descriptor()
    for resource in package["resources"]:
        if resource.get("format") == "csv":
            path = ROOT / "data" / resource["path"]
            yield resource["path"], pd.read_csv(path, dtype=str, keep_default_na=False)


def test_no_figure_in_the_data_rests_on_a_weak_source_alone():
    for name, table in _tables():
        for line, row in enumerate(table.to_dict("records"), start=2):
            for column in SOURCE_COLUMNS:
                keys = [k for k in row.get(column, "").split(";") if k]
                if keys and all(is_weak(k) and not is_studied(k) for k in keys):
                    said = " ".join(row.values())
                    assert NOT_FOUND in said, (
                        f"data/{name}, line {line}, column {column}: rests only on "
                        f"{', '.join(keys)} ({WEAK_PUBLISHERS[entries()[keys[0]]['publisher']]}); "
                        f"cite the original, or say 'reported by ...; original {NOT_FOUND}'"
                    )


def _paragraphs(doc: str):
    text = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return [p for p in re.split(r"\n\s*\n", text) if "{cite:" in p]


@pytest.mark.parametrize("doc", toc_files())
def test_no_statement_in_a_chapter_rests_on_a_weak_source_alone(doc):
    for paragraph in _paragraphs(doc):
        for group in re.findall(r"\{cite:\w+\}`([^`]+)`", paragraph):
            keys = [k.strip() for k in group.split(",")]
            if all(is_weak(k) and not is_studied(k) for k in keys):
                assert NOT_FOUND in paragraph, (
                    f"{doc}: cites only {', '.join(keys)}, a weak source, without saying the "
                    f"original was {NOT_FOUND}:\n{paragraph[:300]}"
                )


def test_weak_publishers_are_marked_as_such():
    # The list catches entries by their publisher field; a typo would hide a weak source.
    for key, fields in entries().items():
        if re.search(r"wikipedia|borgen|newsflash|hngn", key + fields.get("title", ""), re.I):
            assert is_weak(key), f"{key} looks weak but its publisher is not in WEAK_PUBLISHERS"


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[{}\\]", "", text).replace("--", "–").split())


def test_the_sources_page_shows_each_entrys_publisher(site):
    """A reader of the sources list sees who published each source, not only a reporter's name
    (the December 2026 review found The Washington Post, Reuters and The Conversation missing)."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(
        (site / "chapters" / "references.html").read_text(encoding="utf-8"), "html.parser"
    )
    shown = [" ".join(c.get_text(" ").split()) for c in page.select("div.citation")]
    for key, fields in entries().items():
        title = _plain(fields.get("title", ""))
        own_title = re.compile(r"(^|\s)" + re.escape(title) + r"[.?!]?(\s|$)")
        entry = [text for text in shown if own_title.search(text)]
        assert len(entry) == 1, f"{key}: its title is shown {len(entry)} times on the sources page"
        publisher = _plain(fields["publisher"])
        # "United Press International" names "United Press International (UPI)".
        short = re.sub(r" \(.*\)$", "", publisher)
        acronym = re.search(r"\((.*)\)$", publisher)
        named = {publisher, short, _plain(fields.get("organization", ""))}
        named |= {acronym.group(1) + "."} if acronym else set()
        assert any(name and name in entry[0] for name in named), (
            f"{key}: the sources page does not name its publisher {publisher!r}"
        )


def test_every_address_in_references_is_a_valid_url():
    """A TeX escape or a space in a url field reaches the page as a broken link (the validator
    rejected "\\%" in an OHCHR address in December 2026); every url must be one the browser can
    follow as written."""
    bad = {
        key: fields["url"]
        for key, fields in entries().items()
        if fields.get("url") and not re.fullmatch(r"https?://[^\s\\{}<>\"]+", fields["url"])
    }
    assert not bad, f"references.bib: url fields that are not valid addresses: {bad}"
