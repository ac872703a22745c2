"""The book's one shared helper module: validated data, and charts that carry their own sources.

from nkbook import load, chart, glue, source_line
"""

from nkbook.charts import chart
from nkbook.data import DataError, describe, load, load_json, publisher, source_line
from nkbook.glue import glue

__all__ = [
    "chart",
    "glue",
    "load",
    "load_json",
    "describe",
    "source_line",
    "publisher",
    "DataError",
]
