"""Tables in the book's own style: plain HTML, no pandas <style scoped> block, no index column.

A DataFrame left as a cell's last value renders as the notebook's raw HTML, whose <style scoped>
element is invalid HTML and whose look differs from the book's tables. Show tables through
show_table instead.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML


def table_html(rows: pd.DataFrame, headings: dict[str, str] | None = None) -> str:
    """The columns named in headings ({column: heading}, all columns if None) as an HTML table."""
    table = rows if headings is None else rows[list(headings)].rename(columns=headings)
    return (
        "<div class='nk-table-scroll'>"
        + table.to_html(index=False, border=0, classes="nk-data-table", na_rep="")
        + "</div>"
    )


def show_table(rows: pd.DataFrame, headings: dict[str, str] | None = None) -> HTML:
    """Display table_html(rows, headings) as a cell's output."""
    return HTML(table_html(rows, headings))
