"""The PDFs made by `make pdf`: the book, one handout per chapter, and the answer key."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import SITE, toc_files

PDF = SITE / "pdf"
CHAPTERS = [d for d in toc_files() if "{exercise}" in (SITE.parents[1] / f"{d}.md").read_text()]


def text_of(path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)


def squash(text: str) -> str:
    """Compare text without the line breaks and spacing that PDF extraction adds."""
    text = unicodedata.normalize("NFKC", html.unescape(text))  # ligatures: "ﬂ" -> "fl"
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def page_html():
    return {d: (SITE / f"{d}.html").read_text(encoding="utf-8") for d in CHAPTERS}


@pytest.mark.parametrize("doc", CHAPTERS)
def test_handout_has_title_numbers_and_charts_but_no_solutions(doc, page_html):
    path = PDF / f"{doc.split('/')[-1]}.pdf"
    assert path.exists(), f"{path.name} missing: run make pdf"
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 2
    text = squash(text_of(path))
    page = page_html[doc]
    title = re.search(r"<h1>(.*?)<a", page).group(1)
    assert squash(title) in text, f"title {title!r} not in {path.name}"
    # The numbers in the text a student reads (handouts leave the solutions out).
    before_solutions = page.split('class="solution ')[0]
    glued = re.findall(r'<span class="pasted-text">([^<]+)</span>', before_solutions)
    assert glued, f"{doc} has no glued numbers"
    for value in glued[:8]:
        assert squash(value) in text, f"glued {value!r} not in {path.name}"
    for spec in re.findall(
        r'<script type="application/json" class="nk-chart-spec"[^>]*>(.*?)</script>', page
    ):
        chart_title = json.loads(spec.replace("<\\/", "</"))["title"]["text"]
        first_words = squash(" ".join(chart_title.split()[:3]))
        assert first_words in text, f"chart {chart_title!r} not drawn in {path.name}"
    assert "Solutionto" not in text, f"{path.name} shows a solution"


def test_book_and_answer_key():
    book = PdfReader(str(PDF / "book.pdf"))
    handouts = sum(len(PdfReader(str(PDF / f"{d.split('/')[-1]}.pdf")).pages) for d in CHAPTERS)
    assert len(book.pages) > handouts, "the book should hold every chapter and more"
    key = squash(text_of(PDF / "answer-key.pdf"))
    assert key.count("Solutionto") >= len(CHAPTERS), "a chapter's solution is missing"
    assert "Questionsfordiscussion" not in key, "the answer key should hold exercises only"


def _last_line(page) -> str:
    lines = (page.extract_text() or "").strip().splitlines()
    return lines[-1].strip() if lines else ""


def test_book_pdf_is_a_book_cover_contents_bookmarks_and_one_page_count():
    book = PdfReader(str(PDF / "book.pdf"))
    pages = book.pages
    cover = pages[0].extract_text() or ""
    assert "North Korean" in cover and _last_line(pages[0]).isdigit() is False, "no cover"
    # Numbered continuously from the cover (which shows no number) to the last page.
    numbers = [_last_line(page) for page in pages[1:]]
    assert numbers == [str(n) for n in range(2, len(pages) + 1)], numbers[:5]
    # One bookmark for the contents and one for each page of the book, in reading order,
    # each at the page where that part begins; the contents page gives the same numbers.
    outline = [(item.title, book.get_destination_page_number(item) + 1) for item in book.outline]
    titles = [title for title, _ in outline]
    assert titles[0] == "Contents" and len(outline) == len(toc_files()) + 1, titles
    contents = squash(pages[1].extract_text() or "")
    for title, number in outline[1:]:
        first_words = squash(" ".join(title.split()[:3]))
        assert first_words in squash(pages[number - 1].extract_text() or ""), (title, number)
        assert squash(title) + str(number) in contents, f"contents lack {title} {number}"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_handout_counts_its_own_pages(doc):
    handout = PdfReader(str(PDF / f"{doc.split('/')[-1]}.pdf"))
    n = len(handout.pages)
    endings = [_last_line(page).rsplit("page ", 1)[-1] for page in handout.pages]
    assert endings == [f"{k} of {n}" for k in range(1, n + 1)], endings


@pytest.mark.parametrize("doc", CHAPTERS)
def test_worksheet_is_two_to_four_pages_with_the_data_and_room_to_answer(doc, page_html):
    name = doc.split("/")[-1]
    sheet = PdfReader(str(PDF / f"worksheet-{name}.pdf"))
    assert 2 <= len(sheet.pages) <= 4, f"worksheet-{name}.pdf: {len(sheet.pages)} pages"
    text = squash(" ".join(page.extract_text() or "" for page in sheet.pages))
    assert "Worksheet:" in text and "Name" in text, "no title or name line"
    exercise = re.search(
        r'<div class="exercise[^"]*".*?<section[^>]*>(.*?)</section>', page_html[doc], re.S
    )
    words = re.sub(r"Fig\. \d+", "the chart below", re.sub(r"<[^>]+>", " ", exercise.group(1)))
    first_words = squash(" ".join(words.split()[:4]))  # the sheet shows the chart, not "Fig. 4"
    assert first_words in text, f"the exercise is not on worksheet-{name}.pdf"
    assert "Thedatadrawninthechart" in text or "Thetable" in text, "no data on the sheet"
    assert "Sources" in text and "Solution" not in text
    endings = [_last_line(page).rsplit("page ", 1)[-1] for page in sheet.pages]
    assert endings == [f"{k} of {len(sheet.pages)}" for k in range(1, len(sheet.pages) + 1)]


@pytest.mark.parametrize("doc", CHAPTERS)
def test_no_handout_page_ends_with_a_heading(doc, page_html):
    """A section title is never left alone at the foot of a page, away from its text."""
    headings = {
        squash(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2>(.*?)<a", page_html[doc])
    }
    handout = PdfReader(str(PDF / f"{doc.split('/')[-1]}.pdf"))
    for number, page in enumerate(handout.pages[:-1], start=1):
        lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        body = lines[:-1]  # the last line is the page number
        assert body, f"page {number} of the handout is blank"
        assert squash(body[-1]) not in headings, f"page {number} ends with {body[-1]!r}"


# The Korean edition's printed files: the book, a handout and a worksheet per chapter, and the
# answer key.
KO_SITE = SITE / "ko"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_korean_handout_has_its_korean_title_and_glued_numbers(doc):
    path = KO_SITE / "pdf" / f"{doc.split('/')[-1]}.pdf"
    assert path.exists(), f"ko/pdf/{path.name} missing: run make pdf"
    page = (KO_SITE / f"{doc}.html").read_text(encoding="utf-8")
    text = squash(text_of(path))
    title = re.search(r"<h1>(.*?)<a", page).group(1)
    assert squash(title) in text, f"title {title!r} not in ko/pdf/{path.name}"
    glued = re.findall(
        r'<span class="pasted-text">([^<]+)</span>', page.split('class="solution ')[0]
    )
    for value in glued[:8]:
        assert squash(value) in text, f"glued {value!r} not in ko/pdf/{path.name}"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_korean_handout_counts_its_own_pages_in_korean(doc):
    """The line at the foot of each page is Korean and readable ("중국 · 2 / 7쪽"): printed
    with the Korean font, not in a footer template that cannot load it (empty boxes)."""
    handout = PdfReader(str(KO_SITE / "pdf" / f"{doc.split('/')[-1]}.pdf"))
    n = len(handout.pages)
    title = re.search(r"<h1>(.*?)<a", (KO_SITE / f"{doc}.html").read_text("utf-8")).group(1)
    endings = [squash(_last_line(page)) for page in handout.pages]
    assert endings == [squash(f"{title} · {k} / {n}쪽") for k in range(1, n + 1)], endings


@pytest.mark.parametrize("doc", CHAPTERS)
def test_korean_worksheet_is_korean_with_the_exercise_and_room_to_answer(doc):
    name = doc.split("/")[-1]
    path = KO_SITE / "pdf" / f"worksheet-{name}.pdf"
    assert path.exists(), f"ko/pdf/{path.name} missing: run make pdf"
    sheet = PdfReader(str(path))
    assert 2 <= len(sheet.pages) <= 4, f"ko/pdf/{path.name}: {len(sheet.pages)} pages"
    page = (KO_SITE / f"{doc}.html").read_text(encoding="utf-8")
    title = re.search(r"<h1>(.*?)<a", page).group(1)
    text = squash(text_of(path))
    # The title is bold: a synthetic bold would be read back wrongly ("활동지" as "동지").
    assert squash(f"활동지: {title}") in text, f"no Korean title on ko/pdf/{path.name}"
    assert "이름" in text and "출처" in text and "해답" not in text
    assert not re.search(
        r"[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}", " ".join(re.findall(r"<h2>(.*?)</h2>", page))
    ), "the page's own headings are English"
    exercise = re.search(r'<div class="exercise[^"]*".*?<section[^>]*>(.*?)</section>', page, re.S)
    words = re.sub(r"그림 \d+", "아래 차트", re.sub(r"<[^>]+>", " ", exercise.group(1)))
    first_words = squash(" ".join(words.split()[:4]))
    assert first_words in text, f"the exercise is not on ko/pdf/{path.name}"
    endings = [_last_line(p).replace(" ", "") for p in sheet.pages]
    n = len(sheet.pages)
    assert [e[-len(f"{k}/{n}쪽") :] for k, e in enumerate(endings, 1)] == [
        f"{k}/{n}쪽" for k in range(1, n + 1)
    ], endings


def test_korean_answer_key_has_every_solution():
    key = squash(text_of(KO_SITE / "pdf" / "answer-key.pdf"))
    assert key.count("해답") >= len(CHAPTERS), "a chapter's solution is missing"
    assert "토론질문" not in key, "the answer key should hold exercises only"


def test_korean_pdfs_embed_the_korean_font_with_every_character_they_print():
    """No Korean text falls back to a font without Hangul: the PDFs embed Noto Sans KR, and
    every Hangul character they print is in the font they are printed with (scripts/pdf.py
    cuts it from the original to the characters the edition can print)."""
    from fontTools.ttLib import TTFont

    from nkbook.sphinx.fonts import ORIGINALS, WEIGHTS, printable_characters

    drawable = set(TTFont(ORIGINALS / WEIGHTS[400]).getBestCmap())
    served = {ord(c) for c in printable_characters(KO_SITE)} & drawable
    for path in sorted((KO_SITE / "pdf").glob("*.pdf")):
        reader = PdfReader(str(path))
        fonts = {
            str(font.get_object().get("/BaseFont"))
            for page in reader.pages
            for font in (page.get("/Resources") or {}).get("/Font", {}).values()
        }
        assert any("NotoSansKR" in font for font in fonts), f"ko/pdf/{path.name}: {fonts}"
        # Bold Korean (every heading) from the real bold weight, not drawn by Chromium.
        assert any("NotoSansKR-Bold" in font for font in fonts), f"ko/pdf/{path.name}: {fonts}"
        hangul = {ord(c) for c in text_of(path) if "\uac00" <= c <= "\ud7a3"}
        assert hangul, f"ko/pdf/{path.name} prints no Korean"
        assert hangul <= served, f"ko/pdf/{path.name}: {''.join(map(chr, hangul - served))}"
