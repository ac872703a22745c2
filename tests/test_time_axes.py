"""Honest time axes: a chart that puts years on an ordinal axis (evenly spaced steps) may do so
only when the years it shows follow one another. Years with gaps between them go on a year
scale, so that the gaps show. Read from every chart's spec in the built book."""

from __future__ import annotations

import html
import json
import re
from itertools import pairwise

import pytest
from test_charts_readable import PAGES

from conftest import SITE


def _specs(doc: str) -> list[dict]:
    page = (SITE / f"{doc}.html").read_text(encoding="utf-8")
    found = re.findall(
        r'<script type="application/json" class="nk-chart-spec"[^>]*>(.*?)</script>', page, re.S
    )
    return [json.loads(html.unescape(text).replace("<\\/", "</")) for text in found]


def _ordinal_years(node, data=None, datasets=None):
    """(field, values) for every x encoding of a year-like field on an ordinal scale."""
    if isinstance(node, list):
        for item in node:
            yield from _ordinal_years(item, data, datasets)
        return
    if not isinstance(node, dict):
        return
    datasets = node.get("datasets", datasets)
    data = node.get("data", data)
    x = node.get("encoding", {}).get("x")
    if isinstance(x, dict) and x.get("type") == "ordinal" and "year" in str(x.get("field")):
        rows = (data or {}).get("values") or (datasets or {}).get((data or {}).get("name"), [])
        yield x["field"], sorted({row[x["field"]] for row in rows if row.get(x["field"])})
    for key in ("layer", "hconcat", "vconcat", "concat", "spec"):
        if key in node:
            yield from _ordinal_years(node[key], data, datasets)


@pytest.mark.parametrize("doc", PAGES)
def test_years_on_an_ordinal_axis_follow_one_another(doc):
    for i, spec in enumerate(_specs(doc), start=1):
        for field, years in _ordinal_years(spec):
            assert years, f"chart {i}: no data found for {field}"
            numbers = [int(str(year)[:4]) for year in years]
            gaps = [(a, b) for a, b in pairwise(numbers) if b - a != 1]
            assert not gaps, (
                f"chart {i}: {field} on evenly spaced steps, but the years jump {gaps}: "
                "put them on a year scale (type quantitative, format 'd')"
            )
