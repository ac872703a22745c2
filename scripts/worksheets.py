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

from nkbook.book import LANGUAGE
from nkbook.data import descriptor, load
from nkbook.i18n import catalogue, t
from nkbook.tables import table_html

# The font stack names the Korean font first (scripts/pdf.py gives its @font-face rules, cut to
# Korean characters only, so Latin text keeps Arial's look): after Arial, Chromium draws Hangul
# as empty boxes rather than look further down the stack.
CSS = """
@page { size: A4; margin: 15mm 15mm 18mm 15mm; }
body { font: 10.5pt/1.4 'Noto Sans KR', Arial, 'Liberation Sans', sans-serif; color: #000; }
h1 { font-size: 17pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; margin: 12pt 0 4pt; }
h2, h1 { break-after: avoid; } .task { break-inside: avoid; }
.who { display: flex; gap: 2em; margin: 6pt 0 10pt; }
.who span { flex: 1; border-bottom: 1px solid #000; }
.lines { margin: 4pt 0 8pt; } .lines div { border-bottom: 1px solid #777; height: 22pt; }
figure { margin: 6pt 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; filter: grayscale(1); }
figure svg text { font-family: 'Noto Sans KR', Arial, 'Liberation Sans', sans-serif; }
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
CORRECTION = (
    "Using this chapter, write a correction in at most 60 words. Give the figure, its date and "
    "its source."
)
# Every word a worksheet adds, for the translation catalogue (scripts/translations.py).
MESSAGES = [
    "Worksheet: {title}",
    "Name",
    "Class",
    "Date",
    "{n}. Work it out",
    "{n}. Think and write",
    "{n}. Write a correction",
    "{n}. Spot the misleading chart",
    "the chart below",
    "The data drawn in the chart:",
    "The table {name}:",
    "Your working and your answer:",
    "The blog post this book checks says: “{claim}”",
    CORRECTION,
    MISLEADING,
    "the chart on this sheet",
    "the first chart of the chapter",
    "Sources",
]
# How the edition's pages name a figure in a sentence ("Fig. 4", "그림 4"): the sheet prints the
# chart itself, so "the chart below" stands for it.
FIGURE_REFERENCE = {"en": r"\bFig\. \d+", "ko": r"그림 \d+"}


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


def in_edition(value):
    """A cell of a table in the edition's language where the book translates it (a country, a
    category); a publisher's name or a number stays as it is."""
    return catalogue().get(value, value) if isinstance(value, str) else value


def named_tables(exercise) -> str:
    """The tables of data/ that an exercise names (`estimates`), printed whole. Column names
    stay as the exercise and the CSV spell them."""
    tables = {r["name"] for r in descriptor()["resources"]}
    names = [code.get_text() for code in exercise.find_all("code") if code.get_text() in tables]
    printed = []
    for name in dict.fromkeys(names):
        frame = load(name)
        frame = frame[[c for c in frame.columns if c not in LONG_COLUMNS][:7]]
        frame = frame.apply(lambda column: column.map(in_edition))
        style = "long" if len(frame) > 25 else ""
        printed.append(
            f"<p class='small'>{t('The table {name}:', name=f'<b>{name}</b>')}</p>"
            f"<div class='{style}'>" + table_html(frame) + "</div>"
        )
    return "".join(printed)


def claim_to_correct(chapter: str) -> str | None:
    """A claim of the blog post that this chapter checks and that does not hold as written."""
    claims = load("seed_claims")
    mine = claims[(claims["chapter"] == chapter) & (claims["verdict"] != "holds")]
    return None if mine.empty else t(str(mine.iloc[0]["seed_says"]))


def heading(number: int, message: str) -> str:
    return f"<h2>{t(message, n=number)}</h2>"


def worksheet(page_path: Path, chapter: str, book_title: str, fonts: str = "") -> str:
    """The worksheet of one chapter, as a whole HTML document, in the edition's language
    (`fonts`: @font-face rules for the font stack's web font)."""
    page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article") or page
    title = text_of(article.find("h1")).rstrip("#").strip()
    exercise = article.select_one(".exercise")
    name_line = " ".join(f"{t(word)} <span></span>" for word in ("Name", "Class", "Date"))
    parts = [
        f"<p class='small'>{html.escape(book_title)}</p>",
        f"<h1>{html.escape(t('Worksheet: {title}', title=title))}</h1>",
        f"<div class='who'>{name_line}</div>",
    ]
    number = 0  # the tasks are numbered in the order the sheet has them
    found = None
    if exercise is not None:
        task = exercise.select_one("section") or exercise
        task_text = re.sub(FIGURE_REFERENCE[LANGUAGE], t("the chart below"), str(task))
        number += 1
        parts += [heading(number, "{n}. Work it out"), f"<div class='task'>{task_text}</div>"]
        tables = named_tables(exercise)
        found = None if tables else figure_for(page, exercise)
        if found:
            drawn = t("The data drawn in the chart:")
            parts += [found[0], f"<p class='small'>{drawn}</p>", found[1]]
        parts.append(tables)
        parts.append(f"<p>{t('Your working and your answer:')}</p>" + lines(6))
    questions = article.find(id="questions-for-discussion")
    if questions is not None and questions.find("ol"):
        items = "".join(
            f"<li class='task'>{text_of(li)}{lines(3)}</li>" for li in questions.find("ol")("li")
        )
        number += 1
        parts.append(f"{heading(number, '{n}. Think and write')}<ol>{items}</ol>")
    claim = claim_to_correct(chapter)
    if claim:
        number += 1
        says = t("The blog post this book checks says: “{claim}”", claim=html.escape(claim))
        parts.append(
            f"<div class='task'>{heading(number, '{n}. Write a correction')}<p>{says}</p>"
            f"<p>{t(CORRECTION)}</p>{lines(5)}</div>"
        )
    where = t("the chart on this sheet" if found else "the first chart of the chapter")
    number += 1
    parts.append(
        f"<div class='task'>{heading(number, '{n}. Spot the misleading chart')}"
        f"<p>{t(MISLEADING).format(where=where)}</p>{lines(4)}</div>"
    )
    sources = article.find(id="sources-and-further-reading")
    if sources is not None and sources.find("ul"):
        items = "".join(f"<li>{text_of(li)}</li>" for li in sources.find("ul")("li"))
        parts.append(f"<div class='sources'><h2>{t('Sources')}</h2><ul>{items}</ul></div>")
    return (
        f"<!doctype html><html lang='{LANGUAGE}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(t('Worksheet: {title}', title=title))}</title>"
        f"<style>{fonts}{CSS}</style></head><body>{''.join(parts)}</body></html>"
    )
