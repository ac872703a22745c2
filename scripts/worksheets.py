"""Printable worksheets, one per chapter with an exercise (printed by scripts/pdf.py).

A worksheet is built from the chapter's own built page, so it always matches what students
read: the exercise, with the chart it uses and that chart's data printed on the sheet; the
questions for discussion; a correction to write (a claim of the blog post that the chapter
checks); a misleading chart to spot; space to answer; and the sources. Charts are printed in
grey, as a photocopier would print them: the book's charts never tell groups apart by colour
alone (tests/test_colour_cues.py), so they read the same.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from bs4 import BeautifulSoup

from nkbook.data import descriptor, load
from nkbook.tables import table_html

CSS = """
@page { size: A4; margin: 15mm 15mm 18mm 15mm; }
body { font: 10.5pt/1.4 Arial, 'Liberation Sans', sans-serif; color: #000; }
h1 { font-size: 17pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; margin: 12pt 0 4pt; }
h2, h1 { break-after: avoid; } .task { break-inside: avoid; }
.who { display: flex; gap: 2em; margin: 6pt 0 10pt; }
.who span { flex: 1; border-bottom: 1px solid #000; }
.lines { margin: 4pt 0 8pt; } .lines div { border-bottom: 1px solid #777; height: 22pt; }
figure { margin: 6pt 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; filter: grayscale(1); }
figcaption { font-size: 9pt; }
table { border-collapse: collapse; font-size: 8.5pt; width: 100%; }
th, td { border-bottom: 1px solid #999; padding: 1pt 4pt; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.long table { font-size: 7.5pt; }
.sources { font-size: 8.5pt; } a { color: #000; text-decoration: none; }
.small { font-size: 9pt; color: #333; }
"""
MISLEADING = (
    "Look at {where}. Describe one way someone could redraw it to mislead a "
    "reader (for example: start the vertical axis above zero, join years that have no figure "
    "with a line, or give two panels different scales without saying so). What would a reader "
    "then wrongly believe?"
)


def lines(n: int) -> str:
    return "<div class='lines'>" + "<div></div>" * n + "</div>"


def text_of(node) -> str:
    """The words of an element, without its "#" permalinks."""
    for link in node.select("a.headerlink"):
        link.decompose()
    return " ".join(node.get_text().split())


def figure_for(page: BeautifulSoup, exercise) -> tuple[str, str] | None:
    """The chart (its wide drawing) and its data table that the exercise names, else the
    page's first chart: (figure HTML, table HTML)."""
    target = next((a["href"].lstrip("#") for a in exercise.select("a[href^='#fig-']")), None)
    figure = page.find(id=target) if target else page.select_one("figure:has(.nk-chart)")
    if figure is None:
        return None
    drawing = figure.select_one(".nk-static-wide svg") or figure.select_one("svg")
    caption = figure.find("figcaption")
    table = figure.select_one(".nk-chart-data table")
    rows = len(table.select("tbody tr")) if table else 0
    body = (
        f"<figure>{drawing}<figcaption>{text_of(caption) if caption else ''}</figcaption></figure>"
    )
    data = ""
    if table is not None:
        for tag in table.find_all(True):
            tag.attrs = {k: v for k, v in tag.attrs.items() if k in ("colspan", "rowspan")}
        data = f"<div class='{'long' if rows > 25 else ''}'>{table}</div>"
    return body, data


# Columns that explain a row at length: left off the sheet (the chapter and the CSV keep them).
LONG_COLUMNS = {"iso3", "note", "counts_what", "source_id", "source_ids", "estimator"}


def named_tables(exercise) -> str:
    """The tables of data/ that an exercise names (`estimates`), printed whole."""
    tables = {r["name"] for r in descriptor()["resources"]}
    names = [code.get_text() for code in exercise.find_all("code") if code.get_text() in tables]
    printed = []
    for name in dict.fromkeys(names):
        frame = load(name)
        frame = frame[[c for c in frame.columns if c not in LONG_COLUMNS][:7]]
        style = "long" if len(frame) > 25 else ""
        printed.append(
            f"<p class='small'>The table <b>{name}</b>:</p><div class='{style}'>"
            + table_html(frame)
            + "</div>"
        )
    return "".join(printed)


def claim_to_correct(chapter: str) -> str | None:
    """A claim of the blog post that this chapter checks and that does not hold as written."""
    claims = load("seed_claims")
    mine = claims[(claims["chapter"] == chapter) & (claims["verdict"] != "holds")]
    return None if mine.empty else str(mine.iloc[0]["seed_says"])


def worksheet(page_path: Path, chapter: str, book_title: str) -> str:
    """The worksheet of one chapter, as a whole HTML document."""
    page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article") or page
    title = text_of(article.find("h1")).rstrip("#").strip()
    exercise = article.select_one(".exercise")
    parts = [
        f"<p class='small'>{html.escape(book_title)}</p>",
        f"<h1>Worksheet: {html.escape(title)}</h1>",
        "<div class='who'>Name <span></span> Class <span></span> Date <span></span></div>",
    ]
    found = None
    if exercise is not None:
        task = exercise.select_one("section") or exercise
        task_text = re.sub(r"\bFig\. \d+", "the chart below", str(task))
        parts.append("<h2>1. Work it out</h2>")
        parts.append(f"<div class='task'>{task_text}</div>")
        tables = named_tables(exercise)
        found = None if tables else figure_for(page, exercise)
        if found:
            parts += [found[0], "<p class='small'>The data drawn in the chart:</p>", found[1]]
        parts.append(tables)
        parts.append("<p>Your working and your answer:</p>" + lines(6))
    questions = article.find(id="questions-for-discussion")
    if questions is not None and questions.find("ol"):
        items = "".join(
            f"<li class='task'>{text_of(li)}{lines(3)}</li>" for li in questions.find("ol")("li")
        )
        parts.append(f"<h2>2. Think and write</h2><ol>{items}</ol>")
    claim = claim_to_correct(chapter)
    if claim:
        parts.append(
            "<div class='task'><h2>3. Write a correction</h2>"
            f"<p>The blog post this book checks says: “{html.escape(claim)}”</p>"
            "<p>Using this chapter, write a correction in at most 60 words. Give the figure, its "
            "date and its source.</p>" + lines(5) + "</div>"
        )
    where = "the chart on this sheet" if found else "the first chart of the chapter"
    parts.append(
        f"<div class='task'><h2>{'4' if claim else '3'}. Spot the misleading chart</h2>"
        f"<p>{MISLEADING.format(where=where)}</p>{lines(4)}</div>"
    )
    sources = article.find(id="sources-and-further-reading")
    if sources is not None and sources.find("ul"):
        items = "".join(f"<li>{text_of(li)}</li>" for li in sources.find("ul")("li"))
        parts.append(f"<div class='sources'><h2>Sources</h2><ul>{items}</ul></div>")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Worksheet: {html.escape(title)}</title><style>{CSS}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )
