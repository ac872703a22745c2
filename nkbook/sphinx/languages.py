"""Two languages from one source: the English edition, and the Korean one built from it.

The Korean edition (scripts/korean.py, part of make book) is the same book read with
`language = "ko"`: Sphinx swaps each paragraph, title and list item for its translation in
locales/ko/LC_MESSAGES/chapters/<page>.po (the gettext workflow: make translations). This part
adds what that workflow lacks:

- glued numbers inside a translated paragraph. Sphinx parses a translation on its own, without
  the notebook MyST-NB keeps the glued values in, so {glue:text}`key` would find nothing. Here
  such a role is read as a reference to the page's own glue file, {glue:text}`page::key`, which
  MyST-NB resolves after reading, from the values the page's notebook stored;
- a note at the top of a page whose translation is not finished (listed in
  locales/<language>/config.yml: untranslated_pages), since its untranslated parts show in English;
- a language switch at the top of every page, which opens the same page in the other edition
  (a relative link, so it works offline and from file://), with lang and hreflang set (no
  <link rel="alternate">: Lighthouse wants its address absolute, and an offline book has none);
- translated nodes that belong to their page, not to the document each paragraph was parsed
  in (the pages' pickles stay small);
- Korean particles that agree with a figure's number or a glued value ("그림 1은", "그림 2는",
  "6,000과", "38%가");
- unique element ids on a translated page (each translated paragraph is parsed on its own, so
  two can number their elements alike).

tests/test_translations.py checks the catalogues and the built Korean pages.
"""

from __future__ import annotations

import re
from posixpath import dirname, relpath

from docutils import nodes
from myst_nb.sphinx_ import Parser as NotebookParser
from sphinx import addnodes

# An edition: its language code, where its root is in the built site, and its name in its own
# language. The English edition is the site's root; the Korean one is under ko/.
EDITIONS = {"en": {"root": "", "name": "English"}, "ko": {"root": "ko", "name": "한국어"}}

# What a screen reader says before the other edition's name, in the page's own language.
SWITCH_LABEL = {("en", "ko"): "Read this page in Korean:", ("ko", "en"): "이 페이지를 영어로 읽기:"}

# {glue}, {glue:text}, {glue:any} ... with a key that names no other page (no "::").
GLUE_ROLE = re.compile(r"(\{glue(?::[a-z]+)?\}`)(?![^`]*::)([^`]+)`")


def glue_from_own_page(text: str, docname: str) -> str:
    """A translated paragraph's glue roles, made to read the page's own stored glue values."""

    def own_page(match: re.Match) -> str:
        role, key = match.groups()
        # {glue:text} reads "page::key:format" from the right: its format must be explicit.
        if role == "{glue:text}`" and ":" not in key:
            key += ":s"
        return f"{role}/{docname}.md::{key}`"

    return GLUE_ROLE.sub(own_page, text)


class TranslationAwareParser(NotebookParser):
    """MyST-NB's parser, which reads a translated paragraph's glue from the page's glue file."""

    def parse(self, inputstring: str, document) -> None:
        if document.current_source.endswith("<translated>"):
            inputstring = glue_from_own_page(inputstring, document.settings.env.docname)
        super().parse(inputstring, document)


def forget_translation_documents(app, doctree) -> None:
    """Each translated paragraph was parsed as a document of its own, and its nodes, moved into
    the page, still point to that document (with its settings and parser): 1,800 of them made
    the Korean pages' pickles twenty times the English ones', and every build reads them all.
    The nodes are made to belong to the page again."""
    if (app.config.language or "en") == "en":
        return
    for node in doctree.findall(nodes.Node):
        if getattr(node, "_document", None) is not None and node._document is not doctree:
            node._document = None  # docutils then finds the document through the parent


# Korean particles agree with the sound that ends the word before them: "그림 1은" (il) but
# "그림 2는" (i). A figure's number is only known when references are resolved, and a glued
# value only when the chapter runs, so the particle after either is chosen then, from how the
# number is read: by its last digit (0 yeong, 1 il, 2 i, 3 sam, 4 sa, 5 o, 6 yuk, 7 chil,
# 8 pal, 9 gu; a number ending in 0 ends in a unit, sip, baek, cheon, man or eok, each with a
# final consonant), "%" read as peosenteu, or a Korean word's last syllable ("2009년").
ENDS_IN_CONSONANT = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                     "6": True, "7": True, "8": True, "9": False, "%": False}  # fmt: skip
ENDS_IN_RIEUL = {"1", "7", "8"}  # il, chil, pal: "로", as after a vowel, not "으로"
# (after a consonant, after a vowel); the longer form first, so "으로" is not read as "로".
PARTICLES = [("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로")]


def final_sound(text: str) -> str | None:
    """How `text` ends when read: "consonant", "rieul" (the consonant ㄹ), "vowel", or None
    when that cannot be told (a Latin word, a bracket)."""
    last = text.rstrip()[-1:] or " "
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return "vowel" if final == 0 else "rieul" if final == 8 else "consonant"
    if last not in ENDS_IN_CONSONANT:
        return None
    if last in ENDS_IN_RIEUL:
        return "rieul"
    return "consonant" if ENDS_IN_CONSONANT[last] else "vowel"


def agree(number_text: str, following: str) -> str:
    """`following` with its first particle in the form that agrees with `number_text`."""
    sound = final_sound(number_text)
    if sound is None:
        return following
    for consonant, vowel in PARTICLES:
        for particle in (consonant, vowel):
            # A particle stands alone: the word after it starts with a space or punctuation.
            rest = following[len(particle) :]
            if following.startswith(particle) and not (rest and "가" <= rest[0] <= "힣"):
                ends_in_consonant = sound == "consonant" or (sound == "rieul" and vowel != "로")
                return (consonant if ends_in_consonant else vowel) + rest
    return following


def is_number_shown(node) -> bool:
    """A numbered reference ("그림 4") or a glued value (MyST-NB's pasted text)."""
    return isinstance(node, addnodes.number_reference) or (
        isinstance(node, nodes.inline) and "pasted-text" in node["classes"]
    )


def particles_after_numbers(app, doctree, docname: str) -> None:
    if (app.config.language or "en") != "ko":
        return
    for shown in [node for node in doctree.findall(nodes.Element) if is_number_shown(node)]:
        parent = shown.parent
        index = parent.index(shown)
        if index + 1 < len(parent) and isinstance(parent[index + 1], nodes.Text):
            text = parent[index + 1]
            fixed = agree(shown.astext(), str(text))
            if fixed != str(text):
                parent[index + 1] = nodes.Text(fixed)


def unique_ids(app, doctree, docname: str) -> None:
    """Sphinx parses each translated paragraph as a document of its own, so two of them can
    number their elements alike (a source cited twice, "id4" and "id4"): the second keeps its
    place with a new id, and the page stays valid HTML."""
    if (app.config.language or "en") == "en":
        return
    seen: set[str] = set()
    for node in doctree.findall(nodes.Element):
        ids = []
        for node_id in node.get("ids", []):
            while node_id in seen:
                node_id += "-ko"
            seen.add(node_id)
            ids.append(node_id)
        if ids:
            node["ids"] = ids


def edition_href(pagename: str, here: str, there: str) -> str:
    """The relative link from page `pagename` of edition `here` to the same page in `there`."""

    def path(language: str) -> str:
        root = EDITIONS[language]["root"]
        return f"{root}/{pagename}.html" if root else f"{pagename}.html"

    return relpath(path(there), dirname(path(here)) or ".")


def add_switch(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give the page template the editions (for the language switch)."""
    here = app.config.language or "en"
    if here not in EDITIONS or not app.config.nkbook_language_switch:
        return
    context["nk_language"] = here
    context["nk_editions"] = [
        {
            "code": code,
            "name": EDITIONS[code]["name"],
            "href": edition_href(pagename, here, code),
            "label": SWITCH_LABEL.get((here, code), ""),
        }
        for code in EDITIONS
    ]


# The note on a page whose translation is not finished, in that edition's language.
UNFINISHED_NOTE = {
    "ko": (
        "번역 중인 페이지",
        "이 페이지는 아직 한국어 번역이 끝나지 않았습니다. 번역되지 않은 부분은 영어 원문으로 "
        "보입니다. 맨 위의 English 링크로 영어판을 읽을 수 있습니다.",
    )
}


def note_unfinished_translation(app, doctree) -> None:
    """At the top of a page whose translation is not finished: say so, in the page's language."""
    language = app.config.language or "en"
    if language == "en" or app.env.docname not in app.config.nkbook_untranslated_pages:
        return
    title, text = UNFINISHED_NOTE[language]
    note = nodes.admonition("", nodes.title("", title), nodes.paragraph("", text),
                            classes=["warning", "nk-unfinished-translation"])  # fmt: skip
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:  # under the page's title
        section.insert(1, note)


def setup(app):
    app.add_source_parser(TranslationAwareParser, override=True)
    # Off in an edition that exists in one language only (the student edition).
    app.add_config_value("nkbook_language_switch", True, "html")
    app.add_config_value("nkbook_untranslated_pages", [], "env")
    app.connect("doctree-read", note_unfinished_translation)
    app.connect("doctree-read", forget_translation_documents)
    app.connect("doctree-resolved", unique_ids)
    app.connect("doctree-resolved", particles_after_numbers)
    app.connect("html-page-context", add_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
