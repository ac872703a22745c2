"""Each part of the book's Sphinx extension (nkbook/sphinx/), alone, on a tiny site.

Each test writes a two-page site with a conf.py that loads one part, builds it with Sphinx
(warnings are errors) and reads what that part changed in the HTML.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from conftest import ROOT, run
from nkbook.sphinx.freshness import with_fingerprint


def build(tmp_path: Path, part: str, pages: dict[str, str], **conf) -> Path:
    """Build a tiny reStructuredText site with only `nkbook.sphinx.<part>`; return its HTML."""
    source = tmp_path / "src"
    source.mkdir(parents=True, exist_ok=True)
    settings = {"extensions": [f"nkbook.sphinx.{part}"], "html_title": "Tiny book", **conf}
    lines = [f"{key} = {value!r}" for key, value in settings.items()]
    (source / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, text in pages.items():
        (source / f"{name}.rst").write_text(textwrap.dedent(text), encoding="utf-8")
    out = tmp_path / "html"
    done = run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(out)], ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


INDEX = """
Tiny book
=========

.. toctree::

   other
"""


def test_glossary_links_carry_the_definition_as_title(tmp_path):
    other = """
    Words
    =====

    .. glossary::

       refoulement
          Sending a person back to a country where they face serious harm.

    Returning people is :term:`refoulement`.
    """
    out = build(tmp_path, "glossary", {"index": INDEX, "other": other})
    page = (out / "other.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="reference internal" href="#term-refoulement"[^>]*>', page)
    assert link, "no link to the term"
    assert 'title="Sending a person back to a country where they face serious harm."' in link[0]


def test_reference_lists_have_no_invalid_roles(tmp_path):
    other = """
    Sources
    =======

    As reported [UNHCR]_ and [HRW]_.

    .. [UNHCR] UNHCR, Refugee Data Finder.
    .. [HRW] Human Rights Watch, World Report.
    """
    page = (build(tmp_path, "a11y", {"index": INDEX, "other": other}) / "other.html").read_text()
    assert page.count('<div class="citation-list">') == 1, "the two entries share one list"
    assert 'role="list"' not in page and "doc-biblioentry" not in page
    assert len(re.findall(r'<div class="citation" id="', page)) == 2


def test_meta_description_and_claim_reviews(tmp_path):
    other = """
    A page
    ======

    .. note::

       A note that is long enough to be a description but sits inside a box, so it is not.

    The first paragraph of running text, long enough to describe the page <well> & truly.
    """
    out = build(tmp_path, "metadata", {"index": INDEX, "other": other})
    page = (out / "other.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert description and description[1].startswith("The first paragraph of running text")
    assert "&lt;well&gt; &amp; truly" in description[1]
    assert "ClaimReview" not in page, "claim reviews belong on the root page only"
    root = (out / "index.html").read_text(encoding="utf-8")
    records = re.search(r'<script type="application/ld\+json">(.*?)</script>', root, re.S)
    assert records and json.loads(records[1]), "the root page has no ClaimReview records"


def test_handout_link_appears_once_the_handout_exists(tmp_path):
    chapters = {
        "index": INDEX.replace("other", "chapters/one"),
        "chapters/one": "One\n===\n\nText.\n",
    }
    (tmp_path / "src" / "chapters").mkdir(parents=True)
    out = build(tmp_path, "handouts", chapters)
    assert "nk-handout" not in (out / "chapters" / "one.html").read_text(), "a dead link"
    (out / "pdf").mkdir()
    (out / "pdf" / "one.pdf").write_bytes(b"%PDF-1.4\n")
    build(tmp_path, "handouts", chapters)  # nothing changed but the handout
    page = (out / "chapters" / "one.html").read_text(encoding="utf-8")
    link = re.search(r'<p class="nk-handout"><a [^>]*href="([^"]+)"', page)
    assert link and link[1] == "../pdf/one.pdf"
    assert page.index("</h1>") < page.index("nk-handout"), "the link sits under the title"


def test_teachers_page_lists_the_printable_files_that_exist(tmp_path):
    teachers = "Teachers\n========\n\n.. container:: nk-printables\n\n   Run make pdf.\n"
    chapters = {
        "index": INDEX.replace("other", "chapters/one\n   chapters/teachers"),
        "chapters/one": "One\n===\n\nText.\n",
        "chapters/teachers": teachers,
    }
    (tmp_path / "src" / "chapters").mkdir(parents=True)
    out = build(tmp_path, "handouts", chapters)
    page = (out / "chapters" / "teachers.html").read_text(encoding="utf-8")
    assert "Run make pdf." in page and ".pdf" not in page, "a dead link"
    (out / "pdf").mkdir()
    for name in ("one", "answer-key", "book"):
        (out / "pdf" / f"{name}.pdf").write_bytes(b"%PDF-1.4\n")
    build(tmp_path, "handouts", chapters)  # nothing changed but the files
    page = (out / "chapters" / "teachers.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./pdf/([\w-]+)\.pdf"', page)
    assert links[-3:] == ["book", "answer-key", "one"], links
    assert "Handout: One (PDF)" in page


def test_assets_are_offline_bundled_and_deferred(tmp_path):
    out = build(
        tmp_path,
        "assets",
        {
            "intro": INDEX,
            "other": "Other\n=====\n\n.. raw:: html\n\n   <div data-nk-chart></div>\n",
        },
        root_doc="intro",
        html_theme="sphinx_book_theme",
        templates_path=[str(ROOT / "_templates")],
    )
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "nk-charts.js"):
        assert (out / "_static" / "nkbook" / name).stat().st_size > 1000, name
    bundle = (out / "_static" / "styles" / "nk-bundle.css").read_text(encoding="utf-8")
    assert "/* basic.css */" in bundle and "/* styles/pydata-sphinx-theme.css */" in bundle
    other = (out / "other.html").read_text(encoding="utf-8")
    assert re.findall(r'<link [^>]*rel="stylesheet"', other) == [
        '<link href="_static/styles/nk-bundle.css" rel="stylesheet"'
    ]
    assert "fontawesome.js" not in other and 'rel="preload"' not in other
    scripts = re.findall(r"<script [^>]*src=\"([^\"]+)\"[^>]*>", other)
    assert any("nk-charts.js" in s for s in scripts), "a page with a chart gets the loader"
    assert "nk-charts.js" not in (out / "intro.html").read_text(), "a page without charts"
    for tag in re.findall(r"<script [^>]*src=[^>]*>", other):
        if not any(name in tag for name in ("documentation_options", "doctools", "highlight")):
            assert "defer" in tag, f"not deferred: {tag}"
    root = (out / "index.html").read_text(encoding="utf-8")
    assert root.startswith("<!DOCTYPE html>") and "<title>Tiny book</title>" in root
    assert 'content="0; url=intro.html"' in root
    assert (out / "data" / "datapackage.json").exists()


def test_fingerprint_declares_tables_and_follows_their_content():
    chapter = (
        "---\nnkbook:\n  tables: [us_admissions]\n---\n# A\n\n```{code-cell} ipython3\nx = 1\n```\n"
    )
    text, inputs = with_fingerprint(chapter)
    first_cell = text.index("declare_tables(['us_admissions'])")
    assert text.index("\n---\n", 3) < first_cell < text.index("x = 1"), "declared before use"
    assert any(path.name == "us_admissions.csv" for path in inputs)
    assert re.search(r"inputs fingerprint \(added by nkbook.sphinx\): [0-9a-f]{64}", text)
    other, _ = with_fingerprint(chapter.replace("us_admissions", "estimates"))
    assert other.rsplit("fingerprint", 1)[1] != text.rsplit("fingerprint", 1)[1]
    with pytest.raises(ExtensionError, match="unknown tables"):
        with_fingerprint(chapter.replace("us_admissions", "no_such_table"))
    assert with_fingerprint("# No code\n") == ("# No code\n", [])


def test_citations_find_pybtex_plugins_without_reading_package_metadata(monkeypatch):
    """After the build starts, a citation's plugin lookups never scan the installed packages."""
    from pybtex import plugin

    from nkbook.sphinx import citations

    def scan(*args, **kwargs):
        raise AssertionError("pybtex read the package metadata again")

    # Registering scans the metadata once (in citations), never once per plugin (in pybtex).
    monkeypatch.setattr(plugin, "entry_points", scan)
    monkeypatch.setattr(plugin, "_RUNTIME_PLUGINS", {})
    assert citations.remember_plugins() > 0
    for group, name in [
        ("pybtex.backends", "docutils"),
        ("pybtex.backends", "plaintext"),
        ("pybtex.style.formatting", "unsrt"),
        ("pybtex.style.formatting", None),
        ("pybtex.style.labels", None),
        ("pybtex.style.names", None),
        ("pybtex.style.sorting", None),
    ]:
        assert plugin.find_plugin(group, name)


def test_student_edition_drops_solutions_and_teacher_only_material(tmp_path):
    other = """
    Exercises
    =========

    .. admonition:: For teachers
       :class: nk-teacher-only

       See :doc:`index` for the lesson plan.

    .. exercise:: Add them up
       :label: ex-one

       What is 2 + 2?

    .. solution-start:: ex-one

    The answer is four, written out in a gated solution.

    .. solution-end::
    """
    extensions = ["sphinx_exercise", "nkbook.sphinx.editions"]
    pages = {"index": INDEX, "other": other}
    teacher = build(tmp_path / "t", "editions", pages, extensions=extensions)
    student = build(
        tmp_path / "s", "editions", pages, extensions=extensions, nkbook_edition="student"
    )
    kept = (teacher / "other.html").read_text(encoding="utf-8")
    dropped = (student / "other.html").read_text(encoding="utf-8")
    assert "answer is four" in kept and "For teachers" in kept
    assert "answer is four" not in dropped and "For teachers" not in dropped
    assert "What is 2 + 2?" in dropped, "the exercise itself stays"


def test_the_stylesheet_keeps_only_rules_a_page_can_use():
    """nkbook.sphinx.unused_css: a rule goes when every selector of it names a class or an id
    the site does not have; what is kept is the text as written."""
    from nkbook.sphinx.unused_css import without_unused_rules

    css = textwrap.dedent(
        """\
        /*! Licence notice, kept */
        /* an ordinary comment, dropped */
        :root{--pst-gap:1rem}
        .used,.unused{color:red}
        .unused .used{color:blue}
        .used:not(.unused):hover::after{content:"}{"}
        html[data-theme=dark] .used{color:#fff}
        .modal.show{display:block}
        #search{width:1px}
        @media (max-width:960px){.unused{margin:0}.used>p{margin:1px}}
        @media print{.unused{display:none}}
        @font-face{font-family:X;src:url(x.woff2)}
        .fa-bars:before{content:"\\f0c9"}
        """
    )
    # Classes from the pages ("used", "fa-bars"), words from the scripts ("modal", "show").
    kept = without_unused_rules(css, {"used", "modal", "show", "fa-bars", "search"})
    assert kept.startswith("/*! Licence notice, kept */") and "ordinary comment" not in kept
    for rule in [
        ":root{--pst-gap:1rem}",
        ".used{color:red}",  # the list keeps its usable selector only
        '.used:not(.unused):hover::after{content:"}{"}',  # what :not() names is not checked
        "html[data-theme=dark] .used{color:#fff}",
        ".modal.show{display:block}",
        "#search{width:1px}",
        "@media (max-width:960px){.used>p{margin:1px}}",
        "@font-face{font-family:X;src:url(x.woff2)}",
        '.fa-bars:before{content:"\\f0c9"}',  # as written, so the icon cutter still reads it
    ]:
        assert rule in kept, rule
    for gone in [".unused .used", ".unused{margin:0}", "@media print", ".unused,"]:
        assert gone not in kept, gone
