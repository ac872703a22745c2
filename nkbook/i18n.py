"""Words the code shows to readers, in the edition's language: t("Year") is "연도" in Korean.

Chart titles, axis titles, legends, tooltips, descriptions, alt text and table headers are
made by code (the helper module and the chapters' cells), so Sphinx's translation of the prose
never sees them. They go through t() instead, which looks each one up in one message catalogue,
locales/<language>/LC_MESSAGES/nkbook.po (make translations adds new messages to it). In the
English edition t() returns its message as it is.

A message with values names them, and the translation places them where its grammar needs:

    t("Claims fell from {first:,} in {year}", first=112, year=2012)
    # English: "Claims fell from 112 in 2012"; Korean: "2012년 112건에서 감소"

In the Korean edition, a message the catalogue does not translate stops the build (a warning,
and the build treats warnings as errors): no chart is half English.

A message may come from the data (a publisher's name, a verdict, a category): make translations
finds every message by running the chapters in English with NKBOOK_RECORD_MESSAGES set to a
file, where t() writes each message it is given.
"""

from __future__ import annotations

import functools
import json
import os
import warnings

from nkbook.book import LANGUAGE, ROOT

LOCALES = ROOT / "locales"


def catalogue_path(language: str = LANGUAGE):
    return LOCALES / language / "LC_MESSAGES" / "nkbook.po"


@functools.cache
def catalogue(language: str = LANGUAGE) -> dict[str, str]:
    """msgid -> msgstr for every translated, non-fuzzy message ({} for English)."""
    if language == "en":
        return {}
    from babel.messages.pofile import read_po  # Sphinx's own dependency

    with catalogue_path(language).open("rb") as file:
        messages = read_po(file)
    return {m.id: m.string for m in messages if m.id and m.string and not m.fuzzy}


class UntranslatedWarning(UserWarning):
    """A message the edition's catalogue does not translate."""


def t(message: str, /, **values) -> str:
    """`message` in the edition's language, with `values` put in its {placeholders}."""
    text = message
    if record := os.environ.get("NKBOOK_RECORD_MESSAGES"):
        with open(record, "a", encoding="utf-8") as file:
            file.write(json.dumps(message, ensure_ascii=False) + "\n")
    if LANGUAGE != "en":
        text = catalogue().get(message)
        if text is None:
            warnings.warn(
                f"{catalogue_path().relative_to(ROOT)} has no translation of {message!r}: "
                "run make translations, then translate it",
                UntranslatedWarning,
                stacklevel=2,
            )
            text = message
    return text.format(**values) if values else text


@functools.cache
def page_catalogue(document: str, language: str = LANGUAGE) -> dict[str, str]:
    """msgid -> msgstr of one page's catalogue (the translation of its prose)."""
    from babel.messages.pofile import read_po

    with (LOCALES / language / "LC_MESSAGES" / f"{document}.po").open("rb") as file:
        messages = read_po(file)
    return {m.id: m.string for m in messages if m.id and m.string and not m.fuzzy}


def from_page(document: str, text: str) -> str:
    """A paragraph or list item of another page, as that page shows it in the edition's
    language (from its own catalogue), for a page that gathers other pages' words. Like the
    page itself, it falls back to the English while the page's translation lags behind an
    edit (tests/test_translations.py names the untranslated entry)."""
    if LANGUAGE == "en":
        return text
    return page_catalogue(document).get(" ".join(text.split()), text)


def join(items) -> str:
    """A list in a sentence: "2013, 2014 and 2016" in English, "2013, 2014, 2016" in Korean."""
    items = [str(item) for item in items]
    if LANGUAGE == "ko" or len(items) < 2:
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def millions(amount: float) -> str:
    """A large amount the way the edition's language counts it: "1.41 million" in English,
    "141만" in Korean (which counts in ten thousands, 만)."""
    if LANGUAGE == "ko":
        return f"{amount / 10_000:,.0f}만"
    return f"{amount / 1_000_000:.2f} million"


def translate(frame, *columns: str):
    """A copy of `frame` with the words in `columns` in the edition's language (each value
    through t()), for the rows a chart draws or a table shows."""
    return frame.assign(**{column: frame[column].map(t) for column in columns})
