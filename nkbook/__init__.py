"""The book's one shared helper module: validated data, and charts that carry their own sources.

    from nkbook import load, chart, source_line
"""

from nkbook.charts import chart
from nkbook.data import DataError, describe, load, source_line

__all__ = ["chart", "load", "describe", "source_line", "DataError"]
