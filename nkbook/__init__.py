"""The book's one shared helper module: validated data, and charts that carry their own sources.

from nkbook import load, chart, source_line
"""

from nkbook.charts import chart
from nkbook.data import DataError, describe, load, load_json, publisher, source_line

__all__ = ["chart", "load", "load_json", "describe", "source_line", "publisher", "DataError"]
