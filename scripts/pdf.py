"""Print the built book to PDF with Debian's Chromium, offline: `make pdf`.

Makes, in _build/html/pdf/ (so the PDFs ship with the site):
- book.pdf: a cover, a table of contents, then every page in TOC order, solutions left out,
  numbered continuously, with a bookmark for each page of the book;
- <chapter>.pdf: one student handout per chapter, solutions left out, numbered "page 1 of n";
- answer-key.pdf: every exercise with its solution, chapter by chapter, for teachers;
- worksheet-<chapter>.pdf: a printable worksheet per chapter (scripts/worksheets.py).

Each page is printed once, without numbers; the numbers are printed separately, on as many
otherwise blank pages of the same size, and laid over the pages, so the book counts on from
chapter to chapter while each handout counts its own.

Why Chromium and not LaTeX: the charts are drawn by Vega in the page, so printing the page
keeps them as vector drawings with their source lines, exactly as readers see them, and needs
no TeX installation. Jupyter Book's own `pdfhtml` builder would download a browser, which fails
offline; Playwright here drives the Chromium that Debian installs.
"""

from __future__ import annotations

import base64
import functools
import html
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import worksheets
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter

from nkbook.book import LANGUAGE, build_dir, toc_documents
from nkbook.i18n import t
from nkbook.sphinx.fonts import ORIGINALS, printable_characters, subset_font, unicode_range

ROOT = Path(__file__).resolve().parents[1]
# The edition printed: English (make pdf), or Korean (NKBOOK_LANG=ko, into the Korean build's
# site, which make book copies to _build/html/ko/). Both editions have every file.
SITE = build_dir(LANGUAGE) / "html"
OUT = SITE / "pdf"
NOT_CHAPTERS = {
    "chapters/references",
    "chapters/glossary",
    "chapters/for-teachers",
    "chapters/lesson-plans",
    "chapters/the-data",
}

# Print styles for the two kinds of PDF. The page's own print CSS (in _static/custom.css)
# already hides navigation; these add what differs between a handout and the answer key.
HANDOUT_CSS = (
    ".solution, .nk-chart-data, .nk-handout, .nk-teacher-only { display: none !important; }"
)
# The answer key keeps each chapter's title, its exercise section and the solutions, opened.
ANSWER_KEY_CSS = """
.bd-article section > *:not(h1, h2, section, .exercise, .solution),
.bd-article section section:not(:has(.exercise)):not(.exercise section):not(.solution section),
.toggle-button, .nk-handout, .onlyprint
  { display: none !important; }
.bd-article .exercise section > *, .bd-article .solution section > *,
.bd-article .solution > *, .bd-article .solution .toggle-hidden
  { display: revert !important; visibility: visible !important; }
"""


# The line at the foot of each page (see number_pages), for page `page` of `pages`.
def handout_footer(title: str, page: int, pages: int) -> str:
    return t("{title} · page {page} of {pages}", title=title, page=page, pages=pages)


def book_footer(title: str, page: int, pages: int) -> str:
    return str(page)


PAGE = {
    "format": "A4",
    "margin": {"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
}
BOOK_TITLE = t("Where have all the North Korean refugees gone?")
COVER_LINE = (
    "An open book for students and teachers, checked against the original publishers of every "
    "figure"
)
EDITION_LINE = "Teacher edition, printed from the book's sources of {date}. Text CC BY 4.0."
# Every word the printed files add, for the translation catalogue (scripts/translations.py).
MESSAGES = [
    "{title} · page {page} of {pages}",
    COVER_LINE,
    EDITION_LINE,
    "this copy",
    "Contents",
    *worksheets.MESSAGES,
]
# The book's own pages (the cover, the numbers) name the Korean web font the site serves, so
# Korean never falls back to a missing font (print_html sets it before the styles).
FONTS = "'Noto Sans KR', Arial, 'Liberation Sans', sans-serif"
PRINT_WEIGHTS = {
    400: "400Regular/NotoSansKR_400Regular.ttf",
    700: "700Bold/NotoSansKR_700Bold.ttf",
}


def page_title(doc: str) -> str:
    """A page's title as the built page shows it (in the edition's language)."""
    heading = BeautifulSoup((SITE / f"{doc}.html").read_text("utf-8"), "html.parser").h1
    for link in heading.select("a.headerlink"):
        link.decompose()
    return heading.get_text().strip()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> str:
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}"


def print_page(browser, url: str, target: Path, extra_css: str) -> None:
    """One page of the site as PDF, without page numbers (number_pages adds them)."""
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    page.goto(url, wait_until="load")
    charts = page.locator("[data-nk-chart]")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).and_(page.locator(".nk-chart-drawn")).wait_for(timeout=20000)
    page.add_style_tag(content=font_faces() + extra_css)
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    page.pdf(path=str(target), print_background=False, **PAGE)
    page.close()


def print_html(browser, body: str, title: str, target: Path, margins: bool = True) -> None:
    """A page of the book's own (the cover, the contents, the numbers) as PDF."""
    page = browser.new_page()
    page.set_content(
        f"<!doctype html><html lang='{LANGUAGE}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{font_faces()}"
        f"body{{font-family:{FONTS};color:#000;margin:0}}</style></head><body>{body}</body></html>"
    )
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(target), **(PAGE if margins else {"format": "A4"}))
    page.close()


@functools.cache
def font_faces() -> str:
    """@font-face rules for Noto Sans KR in a regular and a bold weight, cut to every Korean
    character the edition can print (its pages and its catalogues, which hold the worksheets'
    words), as data: addresses. Printed with the site's single weight, bold Korean would be
    drawn by Chromium as a synthetic bold whose text a PDF reader extracts wrongly ("학습지"
    read as "동지"); a real bold keeps every printed word searchable. Given last, these rules
    win over the page's own for every character (CSS Fonts: the last face defined wins)."""
    characters = printable_characters(SITE)
    rules = []
    for weight in PRINT_WEIGHTS:
        with tempfile.TemporaryDirectory() as folder:
            cut = Path(folder) / "font.ttf"
            subset_font(ORIGINALS / PRINT_WEIGHTS[weight], sorted(map(ord, characters)), cut)
            data = base64.b64encode(cut.read_bytes()).decode()
        rules.append(
            f"@font-face{{font-family:'Noto Sans KR';font-weight:{weight};"
            f"src:url(data:font/ttf;base64,{data}) format('truetype');"
            f"unicode-range:{unicode_range(characters)}}}"
        )
    return "".join(rules)


def print_document(browser, document: str, target: Path) -> None:
    """A whole HTML document of the book's own (a worksheet) as PDF, without numbers."""
    page = browser.new_page()
    page.set_content(document)
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(target), print_background=False, **PAGE)
    page.close()


def number_pages(browser, source: Path, target: Path, title: str, footer, skip=0) -> None:
    """`source` with the line `footer(title, page, pages)` laid over the foot of every page
    after the first `skip`. The lines are printed as a document of as many A4 pages, each line
    where Chromium's own footer would put it (its footer template cannot load a web font, so
    Korean words in it would print as empty boxes)."""
    count = len(PdfReader(str(source)).pages)
    breaks = {True: "break-after:page", False: ""}
    sheets = "".join(
        f"<div style='position:relative;height:296mm;overflow:hidden;{breaks[page < count]}'>"
        "<div style='position:absolute;bottom:6mm;width:100%;text-align:center;font-size:9px;"
        f"color:#444'>{html.escape(footer(title, page, count))}</div></div>"
        for page in range(1, count + 1)
    )
    numbers = source.with_suffix(".numbers.pdf")
    print_html(browser, sheets, title, numbers, margins=False)
    writer = PdfWriter(clone_from=str(source))
    for index, number_page in enumerate(PdfReader(str(numbers)).pages):
        if index >= skip:
            writer.pages[index].merge_page(number_page)
    with target.open("wb") as handle:
        writer.write(handle)
    numbers.unlink()


def front_matter(contents: list[tuple[str, int]]) -> str:
    """The cover and the table of contents, as HTML (page numbers as printed in the book)."""
    made = subprocess.run(
        ["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    cover = (
        "<div style='break-after:page;padding-top:35%;text-align:center'>"
        f"<h1 style='font-size:30pt;line-height:1.25'>{html.escape(BOOK_TITLE)}</h1>"
        f"<p style='font-size:14pt'>{html.escape(t(COVER_LINE))}</p>"
        f"<p style='font-size:11pt;margin-top:30%'>"
        f"{html.escape(t(EDITION_LINE, date=made or t('this copy')))}</p></div>"
    )
    rows = "".join(
        f"<tr><td style='padding:4px 0'>{html.escape(title)}</td>"
        f"<td style='text-align:right;padding-left:2em'>{number}</td></tr>"
        for title, number in contents
    )
    contents_title = html.escape(t("Contents"))
    return (
        cover + f"<h1>{contents_title}</h1><table style='width:100%;font-size:12pt'>{rows}</table>"
    )


def merge(parts: list[Path], target: Path) -> None:
    writer = PdfWriter()
    for part in parts:
        writer.append(str(part))
    with target.open("wb") as handle:
        writer.write(handle)


def main() -> int:
    if not (SITE / "index.html").exists():
        print("Build the book first: make book", file=sys.stderr)
        return 1
    OUT.mkdir(exist_ok=True)
    base = serve(SITE)
    pages = toc_documents()
    chapters = [p for p in pages if p not in NOT_CHAPTERS]
    answer_parts: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        parts: list[tuple[str, Path]] = []  # (title, pages without numbers), in TOC order
        for doc in pages:
            name = doc.split("/")[-1]
            part = OUT / f"_part-{name}.pdf"
            print_page(browser, f"{base}/{doc}.html", part, HANDOUT_CSS)
            parts.append((page_title(doc), part))
            if doc in chapters:
                handout = OUT / f"{name}.pdf"
                number_pages(browser, part, handout, page_title(doc), handout_footer)
                print(f"  {handout.relative_to(ROOT)}")
            exercise = "{exercise}" in (ROOT / f"{doc}.md").read_text("utf-8")
            if doc in chapters and exercise:
                key = OUT / f"_key-{name}.pdf"
                print_page(browser, f"{base}/{doc}.html", key, ANSWER_KEY_CSS)
                answer_parts.append(key)
                sheet = OUT / f"_sheet-{name}.pdf"
                sheet_html = worksheets.worksheet(
                    SITE / f"{doc}.html", name, BOOK_TITLE, fonts=font_faces()
                )
                print_document(browser, sheet_html, sheet)
                title = t("Worksheet: {title}", title=page_title(doc))
                number_pages(browser, sheet, OUT / f"worksheet-{name}.pdf", title, handout_footer)
                sheet.unlink()
        # The book: cover and contents (two pages), then every part, numbered from the cover.
        starts, at = [], 3
        for _, part in parts:
            starts.append(at)
            at += len(PdfReader(str(part)).pages)
        front = OUT / "_front.pdf"
        contents = [(title, start) for (title, _), start in zip(parts, starts, strict=True)]
        print_html(browser, front_matter(contents), BOOK_TITLE, front)
        if len(PdfReader(str(front)).pages) != 2:
            raise SystemExit("the cover and contents must fill exactly two pages")
        unnumbered = OUT / "_book.pdf"
        merge([front, *(part for _, part in parts)], unnumbered)
        number_pages(browser, unnumbered, OUT / "book.pdf", BOOK_TITLE, book_footer, skip=1)
        browser.close()
    add_outline(OUT / "book.pdf", [(t("Contents"), 2), *contents])
    if answer_parts:
        merge(answer_parts, OUT / "answer-key.pdf")
    for temporary in [*answer_parts, front, unnumbered, *(part for _, part in parts)]:
        temporary.unlink()
    for made_file in ("book.pdf", "answer-key.pdf"):
        if (OUT / made_file).exists():
            print(f"  {(OUT / made_file).relative_to(ROOT)}")
    return 0


def add_outline(path: Path, entries: list[tuple[str, int]]) -> None:
    """PDF bookmarks: one per entry, at its page (counted from 1)."""
    writer = PdfWriter(clone_from=str(path))
    for title, page in entries:
        writer.add_outline_item(title=title, page_number=page - 1)
    with path.open("wb") as handle:
        writer.write(handle)


if __name__ == "__main__":
    sys.exit(main())
