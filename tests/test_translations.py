"""The Korean edition: complete catalogues, translations that keep every number, reference and
glued value of the English, the language switch on every page, and a font for every character.

The catalogues are in locales/ko/LC_MESSAGES/ (make translations); the built edition is in
_build/html/ko/ (make book).
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from conftest import ROOT, toc_files
from nkbook.sphinx.fonts import (
    ORIGINALS,
    WEIGHTS,
    korean_characters,
    page_characters,
)

LOCALES = ROOT / "locales" / "ko" / "LC_MESSAGES"
BOOK_WORDS = yaml.safe_load((ROOT / "locales" / "ko" / "config.yml").read_text("utf-8"))
UNFINISHED = set(BOOK_WORDS["untranslated_pages"])
PAGES = toc_files()
# Roles and directives: {glue:text}`key`, {cite:p}`a,b`, {doc}`intro`, {term}`text <term>`.
ROLE = re.compile(r"\{([\w:-]+)\}`(?:[^`<]*<)?([^`>]*)>?`")
# A number: Korean attaches words to it ("5건", "제33조"), so only Latin letters and digits
# around it make it part of a word (as in "FY2014" or "GAO-10-691", read the same in both).
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d[\d,.]*\d|(?<![A-Za-z0-9_.])\d(?![A-Za-z0-9_])")
# Korean writes months as numbers ("10월" for October): such a number may be added.
KOREAN_MONTH = re.compile(r"(?<![\w.])(?:1[0-2]|[1-9])(?=월)")


# Large amounts: "8 million won" is "800만 원" in Korean, which counts in ten thousands (만).
ENGLISH_UNITS = {"million": 1_000_000, "m": 1_000_000}
KOREAN_UNITS = {"만": 10_000, "억": 100_000_000}


def _values(text: str, units: dict[str, int]) -> list[str]:
    """The numbers of a text, each times the unit written after it ("8 million" -> 8000000)."""
    values = []
    for match in NUMBER.finditer(text):
        # "15-18 million": the first number of a range takes the unit written after the second.
        unit = re.match(r"(?:\s?[-–]\s?\d[\d,.]*)?\s?([A-Za-z]+\b|[만억])", text[match.end() :])
        factor = units.get(unit.group(1), 1) if unit else 1
        if factor == 1:
            values.append(match.group(0))
        else:
            values.append(f"{float(match.group(0).replace(',', '')) * factor:g}")
    return values


def catalogue(name: str):
    with (LOCALES / f"{name}.po").open("rb") as file:
        return read_po(file)


def page_catalogue(doc: str):
    return catalogue(doc)


@pytest.mark.parametrize("doc", PAGES)
def test_every_page_has_a_catalogue(doc):
    assert (LOCALES / f"{doc}.po").exists(), f"no catalogue for {doc}: run make translations"


@pytest.mark.parametrize("doc", PAGES)
def test_a_finished_page_has_no_untranslated_or_fuzzy_entry(doc):
    messages = [m for m in page_catalogue(doc) if m.id]
    untranslated = [m.id for m in messages if not m.string]
    fuzzy = [m.id for m in messages if m.fuzzy]
    where = f"locales/ko/LC_MESSAGES/{doc}.po"
    if doc in UNFINISHED:
        pytest.skip(f"{doc} is listed in locales/ko/config.yml as not translated yet")
    assert not untranslated, f"{where}: untranslated: {untranslated[:5]}"
    assert not fuzzy, f"{where}: fuzzy (the English changed): {fuzzy[:5]}"


def _roles(text: str) -> list[tuple[str, str]]:
    return sorted(ROLE.findall(text))


@pytest.mark.parametrize("name", [*PAGES, "sphinx", "nkbook"])
def test_translations_keep_every_reference_number_and_value(name):
    """A translation cites the same sources, glues the same values, links the same pages and
    terms, and keeps every number the English types (a year, a count), so no fact is lost or
    changed in translation."""
    for message in catalogue(name):
        if not message.id or not message.string:
            continue
        english, korean = message.id, message.string
        assert _roles(english) == _roles(korean), (
            f"{name}.po: the translation of {english[:80]!r} changes its references: "
            f"{_roles(english)} -> {_roles(korean)}"
        )
        bare = ROLE.sub("", english), ROLE.sub("", korean)
        # Every number of the English at least as often (a quoted original may repeat one),
        # and no other number.
        english_numbers = Counter(_values(bare[0], ENGLISH_UNITS))
        korean_numbers = Counter(_values(KOREAN_MONTH.sub("", bare[1]), KOREAN_UNITS))
        assert english_numbers.keys() == korean_numbers.keys() and not (
            english_numbers - korean_numbers
        ), (
            f"{name}.po: the translation of {english[:80]!r} changes its numbers: "
            f"{sorted(english_numbers.elements())} -> {sorted(korean_numbers.elements())}"
        )
        placeholders = sorted(re.findall(r"\{\w*(?::[^{}]*)?\}", bare[0]))
        assert placeholders == sorted(re.findall(r"\{\w*(?::[^{}]*)?\}", bare[1])), (
            f"{name}.po: the translation of {english[:80]!r} changes its {{placeholders}}"
        )


def _main_text(path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    # Drawings are left out: their axes' ticks depend on the width the words take.
    for hidden in article.select("script, style, .nk-unfinished-translation, .nk-chart-static"):
        hidden.decompose()
    return " ".join(article.get_text(" ").split())


@pytest.mark.parametrize("doc", [d for d in PAGES if d not in UNFINISHED])
def test_korean_page_shows_every_number_of_the_english_page(site, doc):
    english = _main_text(site / f"{doc}.html")
    korean = _main_text(site / "ko" / f"{doc}.html")
    # A Korean page quotes English titles too (its list of sources): both kinds of unit.
    korean_values = _values(korean, {**ENGLISH_UNITS, **KOREAN_UNITS})
    missing = sorted(set(_values(english, ENGLISH_UNITS)) - set(korean_values))
    assert not missing, f"ko/{doc}.html does not show {missing[:10]}"


def test_glued_values_inside_translated_paragraphs(site):
    """Sphinx parses a translation without the page's notebook: the book's extension makes its
    glue roles read the page's stored values (nkbook/sphinx/languages.py)."""
    pasted = []
    for doc in PAGES:
        text = (site / "ko" / f"{doc}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        for span in soup.select("span.pasted-text"):
            block = span.find_parent(["p", "li", "dd", "h1", "h2", "h3"])
            if block is not None and re.search("[가-힣]", block.get_text()):
                pasted.append((doc, span.get_text()))
    assert pasted, "no Korean paragraph shows a glued value"
    assert all(value.strip() for _, value in pasted)


@pytest.mark.parametrize("edition", ["", "ko/"])
def test_language_switch_on_every_page_both_ways(site, edition):
    here, there = ("en", "ko") if not edition else ("ko", "en")
    for doc in PAGES:
        page = site / f"{edition}{doc}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == here, f"{page}: lang={soup.html.get('lang')}"
        link = soup.select_one(f".nk-language-switch a[hreflang={there}]")
        assert link is not None, f"{page}: no switch to {there}"
        target = (page.parent / link["href"]).resolve()
        assert target == (site / ("ko/" if there == "ko" else "") / f"{doc}.html").resolve()
        assert target.exists(), f"{page}: the switch leads to a missing page"
        assert link.select_one(f"[lang={there}]"), f"{page}: the switch's name has no lang"
        assert link.select_one(".visually-hidden").get_text().strip(), "no spoken label"
        # No <link rel=alternate>: its address would have to be absolute (Lighthouse), and an
        # offline book has no address of its own; the switch's hreflang says it instead.


@pytest.mark.parametrize("edition", ["", "ko"])
def test_the_korean_fonts_have_every_korean_character_a_page_shows(site, edition):
    """No Korean text falls back to empty boxes: for each page, the common font and the page's
    own font (named in its head, for exactly the characters the common one lacks) have every
    character of the page that the original Noto Sans KR has (a character it lacks, such as a
    simplified Chinese one in a source's title, is not Hangul); the book-wide font, which the
    printed files use, has them all."""
    folder = site / edition
    original = TTFont(ORIGINALS / WEIGHTS[400]).getBestCmap().keys()
    fonts = folder / "_static" / "nk-fonts"
    common = TTFont(fonts / "noto-sans-kr-400-common.woff2").getBestCmap().keys()
    shown = page_characters(folder)
    assert not {c for c in map(ord, set().union(*shown.values())) if c not in original
                and 0xAC00 <= c <= 0xD7AF}  # fmt: skip
    whole = TTFont(fonts / "noto-sans-kr-400.woff2").getBestCmap().keys()
    assert not set(korean_characters(folder)) & original - whole
    for page, characters in shown.items():
        wanted = set(map(ord, characters)) & original
        rule = re.search(
            r'src:url\("([^"]+)"\)[^}]*unicode-range:([^}]+)}', page.read_text("utf-8")
        )
        own = named = set()
        if rule:
            own = TTFont((page.parent / rule[1]).resolve()).getBestCmap().keys()
            named = set(_codes(rule[2]))
            assert named <= own, f"{page}: its font rule names characters its font lacks"
        missing = wanted - common - (own & named)
        assert not missing, f"{page}: no font for {''.join(map(chr, sorted(missing)))}"


def _codes(unicode_range: str):
    """The code points of a CSS unicode-range ("U+AC00-AC02,U+AC10")."""
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        yield from range(int(first, 16), int(last or first, 16) + 1)


def test_theme_words_are_translated(site):
    """The theme's own words (it has no Korean catalogue) come from locales/ko sphinx.po."""
    text = (site / "ko" / "chapters" / "canada.html").read_text(encoding="utf-8")
    for english in ("Skip to main content", "Back to top", "Toggle primary sidebar", '"Main"'):
        assert english not in text, f"the Korean edition shows {english!r}"


def _spec_words(node, found: list[str], key: str = "") -> list[str]:
    """Every title, tooltip title, legend and axis title, and description in a chart spec."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name in ("title", "description", "text", "subtitle") and isinstance(
                value, (str, list)
            ):
                found.extend([value] if isinstance(value, str) else map(str, value))
            _spec_words(value, found, name)
    elif isinstance(node, list):
        for item in node:
            _spec_words(item, found, key)
    return found


@pytest.mark.parametrize("doc", [d for d in PAGES if d not in UNFINISHED])
def test_a_finished_korean_page_has_korean_charts(site, doc):
    """Every title, axis and legend title, tooltip title and description of every chart on a
    finished Korean page is in Korean: each holds Hangul, unless it is only a number, a year
    or a name the book keeps in the original (such as "UNHCR")."""
    soup = BeautifulSoup((site / "ko" / f"{doc}.html").read_text("utf-8"), "html.parser")
    english = []
    for script in soup.select("script.nk-chart-spec"):
        spec = json.loads(script.string)
        for words in _spec_words({k: v for k, v in spec.items() if k != "datasets"}, []):
            if re.search("[A-Za-z]{3,} [A-Za-z]{3,}", words) and not re.search("[가-힣]", words):
                english.append(words)
    for container in soup.select("[data-nk-chart]"):
        if not re.search("[가-힣]", container.get("aria-label", "")):
            english.append(container["aria-label"])
    assert not english, f"ko/{doc}.html: chart words not in Korean: {english[:5]}"


@pytest.mark.parametrize(
    ("reference", "written", "shown"),
    [("그림 1", "는 각", "은 각"), ("그림 2", "은 각", "는 각"), ("그림 25", "가 둘을", "가 둘을"),
     ("그림 26", "를 쓰세요", "을 쓰세요"), ("그림 10", "와 같습니다", "과 같습니다"),
     ("그림 3", "의 비율", "의 비율"), ("그림 7", "이 차트", "이 차트"),
     ("6,000", "와 300,000", "과 300,000"), ("300,000", "가 한", "이 한"),
     ("38%", "이 답했다", "가 답했다"), ("2009년", "가 되어", "이 되어"),
     ("12", "로 늘었다", "로 늘었다"), ("13", "로 늘었다", "으로 늘었다"),
     ("14", "으로 늘었다", "로 늘었다"), ("5", "가지", "가지"), ("UNHCR", "가 센", "가 센")],
)  # fmt: skip
def test_korean_particle_agrees_with_the_number_before_it(reference, written, shown):
    """The particle after a number depends on how it ends when read (1 il: 은; 2 i: 는;
    6,000 cheon: 과; 38% peosenteu: 가; 12 sibi: 로, 13 sipsam: 으로)."""
    from nkbook.sphinx.languages import agree

    assert agree(reference, written) == shown


# A figure's number or a glued value, then the particle after it on the built page.
NUMBER_AND_PARTICLE = re.compile(
    r"(?:그림 (\d+)</span></a>|<span class=\"pasted-text\">([^<]+)</span>)"
    r"(으로|[은는이가을를과와로])(?![가-힣])"
)


def test_korean_pages_use_particles_that_agree_with_the_numbers_before_them(site):
    """Every particle after a figure's number or a glued value agrees with how it is read,
    whatever the data makes of the value ("6,000과 300,000이", not "6,000와 300,000가")."""
    from nkbook.sphinx.languages import agree

    wrong = []
    for doc in PAGES:
        text = (site / "ko" / f"{doc}.html").read_text(encoding="utf-8")
        for figure, value, particle in NUMBER_AND_PARTICLE.findall(text):
            if agree(figure or value, particle) != particle:
                wrong.append(f"ko/{doc}.html: {figure or value}{particle}")
    assert not wrong, wrong


def test_the_sources_list_is_in_korean(site):
    """The book's own words about each source (its note, its kind, the description it gives in
    brackets for an untitled item) are Korean on the Korean pages, and the address, publisher
    and original title stay as they are (scripts/korean.py writes the edition's bib file)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import korean

    words = catalogue("nkbook")
    korean_words = {m.id: m.string for m in words if m.id}
    page = BeautifulSoup(
        (site / "ko" / "chapters" / "references.html").read_text("utf-8"), "html.parser"
    ).select_one("main")
    text = " ".join(page.get_text(" ").split())
    links = {a.get("href") for a in page.select("a[href]")}
    english = (ROOT / "references.bib").read_text("utf-8")
    for message in korean.bib_messages():
        assert korean_words.get(message), f"nkbook.po does not translate {message[:80]!r}"
        plain = message.strip("{}[]")
        if not re.search(r"[\\{}]|--", plain) and len(plain) > 30:  # shown as written
            assert plain not in text, f"ko/chapters/references.html shows {plain[:80]!r}"
    for url in re.findall(r"url\s*=\s*\{([^}]*)\}", english):
        assert url in links, f"ko/chapters/references.html changes the address {url}"


@pytest.mark.parametrize("doc", PAGES)
def test_citations_use_korean_words(site, doc):
    """A Korean page cites an undated source as "연도 미상" and labels an address "주소:",
    not with the citation styles' English "n.d." and "URL:" (nkbook.sphinx.citations)."""
    page = BeautifulSoup((site / "ko" / f"{doc}.html").read_text("utf-8"), "html.parser")
    citations = " ".join(span.get_text(" ") for span in page.select("main span[id^=id], main a"))
    text = " ".join(page.select_one("main").get_text(" ").split())
    assert "n.d." not in citations and "URL:" not in text, f"ko/{doc}.html"


def test_the_data_page_names_sources_in_korean(site):
    """A source the book describes in brackets (an untitled or foreign-language item) is
    described in Korean on the Korean data page (nkbook.data.source_title); others keep the
    title their publisher gave them."""
    from nkbook.data import descriptor
    from nkbook.sources import DESCRIPTION, entries

    korean_words = {m.id: m.string for m in catalogue("nkbook") if m.id}
    page = BeautifulSoup(
        (site / "ko" / "chapters" / "the-data.html").read_text("utf-8"), "html.parser"
    )
    text = " ".join(page.select_one("main").get_text(" ").split())
    for resource in descriptor()["resources"]:
        if resource.get("format") != "csv":  # the page lists the tables
            continue
        for source in resource.get("sources", []):
            described = entries()[source["bibkey"]]["title"]
            if DESCRIPTION.fullmatch(described):
                korean = korean_words[described].strip("{}").replace("--", "–")
                assert korean in text, f"ko/chapters/the-data.html does not show {korean!r}"
            else:
                assert source["title"] in text, (
                    f"ko/chapters/the-data.html lacks {source['title']!r}"
                )
