"""The book's one shared helper module: validated data, and charts that carry their own sources.

from nkbook import load, chart, glue, source_line, t

The names below are imported when first used, so that the build's light modules
(nkbook.book, nkbook.sphinx.freshness) do not pay for pandas, Altair and frictionless.
"""

import importlib

# name -> the module that defines it
_EXPORTS = {
    "chart": "nkbook.charts",
    "COLOURS": "nkbook.charts",
    "dashes": "nkbook.charts",
    "labels_above": "nkbook.charts",
    "glue": "nkbook.gluing",
    "load": "nkbook.data",
    "load_json": "nkbook.data",
    "describe": "nkbook.data",
    "source_line": "nkbook.data",
    "publisher": "nkbook.data",
    "DataError": "nkbook.data",
    "t": "nkbook.i18n",
    "join": "nkbook.i18n",
    "translate": "nkbook.i18n",
    "millions": "nkbook.i18n",
    "wrap_label": "nkbook.charts",
    "what_it_counts": "nkbook.charts",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'nkbook' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
