"""Print the built book to PDF with Debian's Chromium, offline: `make pdf`.

Makes, in _build/html/pdf/ (so the PDFs ship with the site):
- book.pdf: every page in TOC order, solutions left out;
- <chapter>.pdf: one student handout per chapter, solutions left out;
- answer-key.pdf: every exercise with its solution, chapter by chapter, for teachers.

Why Chromium and not LaTeX: the charts are drawn by Vega in the page, so printing the page
keeps them as vector drawings with their source lines, exactly as readers see them, and needs
no TeX installation. Jupyter Book's own `pdfhtml` builder would download a browser, which fails
offline; Playwright here drives the Chromium that Debian installs.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfWriter

from nkbook.book import toc_documents

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
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
FOOTER = (
    '<div style="font-size:9px;width:100%;text-align:center;color:#444">'
    '<span class="title"></span> · page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></div>'
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> str:
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}"


def print_page(browser, url: str, target: Path, extra_css: str) -> None:
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    page.goto(url, wait_until="load")
    charts = page.locator("[data-nk-chart]")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).and_(page.locator(".nk-chart-drawn")).wait_for(timeout=20000)
    page.add_style_tag(content=extra_css)
    page.emulate_media(media="print")
    page.pdf(
        path=str(target),
        format="A4",
        print_background=False,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER,
        margin={"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
    )
    page.close()


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
        book_parts = []
        for doc in pages:
            name = doc.split("/")[-1]
            target = OUT / f"{name}.pdf"
            print_page(browser, f"{base}/{doc}.html", target, HANDOUT_CSS)
            book_parts.append(target)
            if doc in chapters and "{exercise}" in (ROOT / f"{doc}.md").read_text("utf-8"):
                key = OUT / f"_key-{name}.pdf"
                print_page(browser, f"{base}/{doc}.html", key, ANSWER_KEY_CSS)
                answer_parts.append(key)
            print(f"  {target.relative_to(ROOT)}")
        browser.close()
    merge(book_parts, OUT / "book.pdf")
    merge(answer_parts, OUT / "answer-key.pdf")
    for part in answer_parts:
        part.unlink()
    for doc in NOT_CHAPTERS:  # reference pages are in book.pdf, not handouts of their own
        (OUT / f"{doc.split('/')[-1]}.pdf").unlink(missing_ok=True)
    print(
        f"  {(OUT / 'book.pdf').relative_to(ROOT)}\n  {(OUT / 'answer-key.pdf').relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
