"""Tables in the book's own style: plain HTML, no pandas <style scoped> block, no index column.

A DataFrame left as a cell's last value renders as the notebook's raw HTML, whose <style scoped>
element is invalid HTML and whose look differs from the book's tables. Show tables through
show_table instead.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from nkbook.i18n import t


def scroll_box(content: str, label: str) -> str:
    """A table wider than a phone scrolls sideways in this box; the box can take the keyboard's
    focus (so the arrow keys scroll it) and is named for screen readers."""
    return (
        f'<div class="nk-table-scroll" tabindex="0" role="region" '
        f'aria-label="{html.escape(label, quote=True)}">{content}</div>'
    )


def table_html(
    rows: pd.DataFrame, headings: dict[str, str] | None = None, label: str | None = None
) -> str:
    """The columns named in headings ({column: heading}, all columns if None) as an HTML table,
    in a box named `label` (by default "Table")."""
    table = rows if headings is None else rows[list(headings)].rename(columns=headings)
    content = table.to_html(index=False, border=0, classes="nk-data-table", na_rep="")
    return scroll_box(content, label or t("Table"))


def show_table(
    rows: pd.DataFrame, headings: dict[str, str] | None = None, label: str | None = None
) -> HTML:
    """Display table_html(rows, headings, label) as a cell's output."""
    return HTML(table_html(rows, headings, label))
