"""Colour is never the only cue (WCAG 1.4.1): wherever a chart colours its marks by a category
(with a legend to decode it), the same category is also told by shape, dash pattern, a direct
label, or a different kind of mark. Read from every chart's spec in the built book.

Left out: layers named "context" (shading a reader does not need; the readability test leaves
them out too) and map fills (geoshapes), whose roles the route lines and names on the map show.
"""

from __future__ import annotations

import pytest
from test_charts_readable import PAGES
from test_time_axes import _specs, mark_type, spec_units

OTHER_CUES = ("shape", "strokeDash", "text")


def _units(spec):
    """((mark type, shape), encoding, rows) of every unit but those named "context"."""
    for unit, encoding, rows in spec_units(spec):
        if unit.get("name") != "context":
            mark = unit["mark"]
            shape = mark.get("shape") if isinstance(mark, dict) else None
            yield (mark_type(unit), shape), encoding, rows


def _coloured_fields(units) -> set[str]:
    fields = set()
    for (kind, _), encoding, _ in units:
        colour = encoding.get("color")
        if kind != "geoshape" and isinstance(colour, dict) and "field" in colour:
            if colour.get("legend", {}) is not None:
                fields.add(colour["field"])
    return fields


def _told_otherwise(field: str, units) -> bool:
    for _, encoding, _ in units:
        if any(encoding.get(c, {}).get("field") == field for c in OTHER_CUES):
            return True
    # Each value drawn by a mark of its own kind (diamonds for one, a line for the other).
    marks = {}
    for mark, encoding, rows in units:
        if encoding.get("color", {}).get("field") == field:
            values = {row.get(field) for row in rows}
            if len(values) != 1:
                return False
            marks.setdefault(mark, set()).update(values)
    return len(marks) > 1 and all(len(values) == 1 for values in marks.values())


@pytest.mark.parametrize("doc", PAGES)
def test_colour_is_never_the_only_cue(doc):
    for i, spec in enumerate(_specs(doc), start=1):
        units = list(_units(spec))
        for field in _coloured_fields(units):
            assert _told_otherwise(field, units), (
                f"chart {i}: {field!r} is told by colour alone: add a shape or a dash pattern "
                "for it, or label the marks directly"
            )
