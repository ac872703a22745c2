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


def spec_units(node, inherited=None, data=None, datasets=None):
    """(unit, encoding, rows) for every unit of a chart spec: layers inherit their parent's
    encoding; every part sees the data it is given or inherits."""
    if isinstance(node, list):
        for item in node:
            yield from spec_units(item, inherited, data, datasets)
        return
    if not isinstance(node, dict):
        return
    datasets = node.get("datasets", datasets)
    data = node.get("data", data)
    encoding = {**(inherited or {}), **node.get("encoding", {})}
    if "mark" in node:
        rows = (data or {}).get("values") or (datasets or {}).get((data or {}).get("name"), [])
        yield node, encoding, rows
    if "layer" in node:
        yield from spec_units(node["layer"], encoding, data, datasets)
    for key in ("hconcat", "vconcat", "concat", "spec"):
        if key in node:
            yield from spec_units(node[key], None, data, datasets)


def mark_type(unit: dict) -> str:
    mark = unit["mark"]
    return mark.get("type") if isinstance(mark, dict) else mark


def _ordinal_years(spec):
    """(field, values) for every x encoding of a year-like field on an ordinal scale."""
    for _, encoding, rows in spec_units(spec):
        x = encoding.get("x")
        if isinstance(x, dict) and x.get("type") == "ordinal" and "year" in str(x.get("field")):
            yield x["field"], sorted({row[x["field"]] for row in rows if row.get(x["field"])})


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


def _lines_over_years(spec):
    """(field, rows) for every line mark drawn over a quantitative x field."""
    for unit, encoding, rows in spec_units(spec):
        x = encoding.get("x", {})
        if mark_type(unit) == "line" and x.get("type") == "quantitative":
            yield x.get("field"), rows


@pytest.mark.parametrize("doc", PAGES)
def test_no_line_crosses_a_year_without_data(doc):
    """A line joins two points only if every year between them has data: a point of its own, or
    a period (from _x_start to _x_end) that covers it."""
    for i, spec in enumerate(_specs(doc), start=1):
        for field, rows in _lines_over_years(spec):
            covered = set()
            for row in rows:
                start, end = row.get("_x_start"), row.get("_x_end")
                if start is not None and end is not None:
                    covered |= set(range(round(start + 0.5), round(end - 0.5) + 1))
            xs = sorted({row[field] for row in rows if row.get(field) is not None})
            if xs and isinstance(xs[0], str):  # dates: years of the dates
                xs = sorted({int(x[:4]) for x in xs})
            for a, b in pairwise(xs):
                missing = [y for y in range(int(a) + 1, int(b + 0.5)) if y not in covered]
                assert not missing, f"chart {i}: a line crosses {missing} with no data"
