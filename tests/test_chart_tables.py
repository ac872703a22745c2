"""The data behind each chart, as readers get it: one table and one CSV per chart, with plain
column names, no columns that only place marks, and dates without a time of day."""

from __future__ import annotations

import csv as csv_module
import html
import io
import re
from urllib.parse import unquote

import pytest
from test_charts_readable import PAGES

from conftest import SITE

# Names that only place marks (they start with "_" in the chapters and never reach a table).
HELPER_WORDS = re.compile(r"\b(?:x start|x end|x mid|mid lon|mid lat|angle|lon2|lat2)\b", re.I)


def _charts(doc: str) -> list[str]:
    page = (SITE / f"{doc}.html").read_text(encoding="utf-8")
    # Each chart's block: from its container to the end of its data table.
    return re.findall(r"data-nk-chart aria-label.*?(?:</details>|(?=data-nk-chart ))", page, re.S)


@pytest.mark.parametrize("doc", PAGES)
def test_one_plain_table_and_one_csv_per_chart(doc):
    names = []
    for i, block in enumerate(_charts(doc), start=1):
        tables = re.findall(r'<details class="nk-chart-data">.*?</details>', block, re.S)
        assert len(tables) == 1, f"chart {i}: {len(tables)} data tables"
        downloads = re.findall(r'download="([^"]+)" href="([^"]+)"', tables[0])
        assert len(downloads) == 1, f"chart {i}: {len(downloads)} CSV downloads"
        name, href = downloads[0]
        names.append(name)
        assert re.fullmatch(r"[a-z0-9-]+\.csv", name), f"chart {i}: CSV named {name!r}"
        headers = [html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", tables[0])]
        assert len(headers) == len(set(headers)), f"chart {i}: repeated columns {headers}"
        for header in headers:
            assert "_" not in header, f"chart {i}: column {header!r} is a code name"
            assert not HELPER_WORDS.search(header), f"chart {i}: plotting helper {header!r}"
        csv = unquote(html.unescape(href).split(",", 1)[1])
        first_row = next(csv_module.reader(io.StringIO(csv)))
        assert first_row == headers, f"chart {i}: the CSV's columns differ from the table's"
        timestamps = re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d", tables[0])
        assert not timestamps, f"chart {i}: times of day in dates {timestamps[:3]}"
    assert names, f"{doc}: no chart found"
    assert len(names) == len(set(names)), f"{doc}: two charts share a CSV name: {names}"
