"""The book's conventions, checked on the sources and on the built pages."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT, toc_files
from nkbook.data import descriptor
from nkbook.sources import bib_keys

CHAPTERS = [d for d in toc_files() if d.startswith("chapters/")]
# Pages that are not teaching chapters, so they need not follow the chapter skeleton.
REFERENCE_PAGES = {
    "chapters/the-data",
    "chapters/glossary",
    "chapters/for-teachers",
    "chapters/lesson-plans",
    "chapters/references",
}
SKELETON = [
    "**You will learn to**",
    "**Time to read:**",
    "## Summary",
    "## Questions for discussion",
    "{exercise}",
    "{solution-start}",
    "## Sources and further reading",
]


def source(doc: str) -> str:
    return (ROOT / f"{doc}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", [d for d in CHAPTERS if d not in REFERENCE_PAGES])
def test_chapter_follows_the_skeleton(doc):
    text = source(doc)
    missing = [part for part in SKELETON if part not in text]
    assert not missing, f"{doc} lacks {missing}"
    questions = text.split("## Questions for discussion")[1].split("\n## ")[0]
    assert len(re.findall(r"^\d+\. ", questions, re.M)) >= 3, f"{doc}: fewer than 3 questions"
    assert "{cite:" in text, f"{doc} cites no source"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_is_a_myst_notebook(doc):
    text = source(doc)
    assert text.startswith("---\njupytext:"), f"{doc} has no jupytext header"
    assert "format_name: myst" in text


@pytest.mark.parametrize("doc", CHAPTERS)
def test_charts_go_through_the_helper(doc):
    text = source(doc)
    charts = len(re.findall(r"\balt\.(?:Chart|layer|vconcat|hconcat|concat)\(", text))
    if charts:
        assert "chart(" in text and "glue:figure" in text, (
            f"{doc} draws charts outside nkbook.chart"
        )
    for line in re.findall(r"^(?!#).*\.(?:show|display)\(\)", text, re.M):
        pytest.fail(f"{doc}: charts are glued, not shown: {line}")


def test_no_orphan_files():
    listed = {f"{d}.md" for d in toc_files()}
    for path in (ROOT / "chapters").glob("*"):
        name = f"chapters/{path.name}"
        assert name in listed or path.name == "_template.md", f"{name} is not in _toc.yml"
    package = descriptor()
    described = {r["path"] for r in package["resources"]} | {"datapackage.json"}
    for path in (ROOT / "data").iterdir():
        assert path.name in described, f"data/{path.name} is not described in datapackage.json"


def test_no_notebook_outputs_or_build_files_in_git():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    bad = [
        f
        for f in tracked.stdout.split()
        if f.endswith(".ipynb")
        or f.split("/")[0] in {"_build", ".venv", "node_modules", ".jupyter_cache"}
    ]
    assert not bad, f"tracked files that must not be: {bad}"


@pytest.mark.parametrize("doc", toc_files())
def test_built_page_shows_no_raw_values(site, doc):
    html = (site / f"{doc}.html").read_text(encoding="utf-8")
    raw = (
        "np.float64",
        "np.int64",
        "<NA>",
        "nan%",
        "{glue",
        "{cite",
        "{term",
        "{doc",
        "alt.Chart(",
        "alt.LayerChart(",
        "alt.FacetChart(",
        "alt.VConcatChart(",
        "alt.HConcatChart(",
        "BookChart object",
        "Traceback",
    )
    for bad in raw:
        assert bad not in html, f"{doc}: '{bad}' shows in the page"


def test_citation_keys_exist():
    keys = bib_keys()
    for doc in toc_files():
        for group in re.findall(r"\{cite:\w+\}`([^`]+)`", source(doc)):
            for key in group.split(","):
                assert key.strip() in keys, f"{doc} cites unknown key {key}"


def _prose(text: str) -> str:
    """A chapter's prose: no front matter, code, roles, inline code, options, quotes or paths."""
    for pattern, flags in [
        (r"^---\n.*?\n---\n", re.S),  # front matter
        (r"```.*?```", re.S),  # code cells and code blocks
        (r"<!--.*?-->", re.S),
        (r"\{[\w:-]+\}`[^`]*`", 0),  # roles: glued numbers, citations, links
        (r"`[^`]*`", 0),
        (r"^:[\w-]+:.*$", re.M),  # directive options
        (r"\"[^\"\n]*\"|“[^”\n]*”", 0),  # quotations (the blog post's words, for example)
        (r"\S*[/\-–]\S*", 0),  # symbols and spans: A/HRC/25/63, GAO-10-691, COVID-19, 2012–13
        (
            r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
            r"November|December)",
            0,
        ),  # dates
        (r"^.*(Time to read|-minute).*$", re.M),  # reading times and lesson lengths
        (r"\bArticle \d+", 0),  # treaty articles are names, not figures
    ]:
        text = re.sub(pattern, "", text, flags=flags)
    return text


@pytest.mark.parametrize("doc", CHAPTERS)
def test_no_typed_figures_in_prose(doc):
    """Counts, amounts and shares in sentences come from data/ through glue, never typed."""
    typed = []
    for match in re.finditer(r"(?<![\w.])(\d[\d,.]*\d|\d)(\s*%)?(?!\w)", _prose(source(doc))):
        number = match.group(1).replace(",", "")
        is_year = re.fullmatch(r"(19|20)\d\d", number)
        if match.group(2) or (not is_year and float(number) > 10):
            typed.append(match.group(0))
    assert not typed, f"{doc}: typed figures {typed}: glue them from data/"


# Words that mark material on trafficking, violence or punishment (DEVELOPERS: care for people).
HARM = re.compile(
    r"traffick|tortur|execution|punish|abuse|forced marriage|abortion|violence|prison camp|"
    r"work camp|logging camp",
    re.I,
)


@pytest.mark.parametrize("doc", [d for d in CHAPTERS if not d.endswith("for-teachers")])
def test_content_note_comes_before_material_on_harm(doc):
    """A short content note precedes the first mention of trafficking, violence or punishment."""
    text = re.sub(r"```.*?```", "", source(doc), flags=re.S)  # prose only, not code
    first = HARM.search(text)
    if first:
        note = text.find(":::{admonition} Content note")
        assert 0 <= note < first.start(), (
            f"{doc}: '{first.group(0)}' appears before any content note "
            f"(line {text[: first.start()].count(chr(10)) + 1} of the prose)"
        )


def _selected_year_tables() -> set[str]:
    package = descriptor()
    return {r["name"] for r in package["resources"] if r.get("selectedYears")}


def _words(code: str) -> str:
    """The words of a title's code: its string literals (t("...", peak=...) or f"..."), without
    their {fields}, which are code, not words."""
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    return re.sub(r"\{[^{}]*\}", "", " ".join(literals))


@pytest.mark.parametrize("doc", CHAPTERS)
def test_no_peak_claimed_from_selected_years(doc):
    """A table that holds only some years cannot show a peak: prose and chart titles say
    'the highest of the years shown' instead (issue 12: a title claims no more than the series)."""
    text = source(doc)
    if not _selected_year_tables() & set(re.findall(r"""load\(["'](\w+)["']\)""", text)):
        return
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    prose = re.sub(r"\{[\w:-]+\}`[^`]*`", "", prose)  # glue names such as ca_peak are not words
    # A chart's title is the `title=` argument of chart(...), on its own line before `description=`.
    titles = re.findall(r"^ +title=\(?(.*?)\n +description=", text, flags=re.S | re.M)
    # A chart's description (what a screen reader announces) claims no more than its title.
    titles += re.findall(r"^ +description=\(?(.*?)\n +source=", text, flags=re.S | re.M)
    titles = [_words(code) for code in titles]
    for where, words in [("prose", prose), *(("chart title or description", t) for t in titles)]:
        assert not re.search(r"\bpeak", words, re.I), f"{doc}: 'peak' in the {where}"


# A colour typed in a chapter: a hex code, or a CSS colour name given to a mark property.
TYPED_COLOUR = re.compile(
    r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b"
    r"|\b(?:color|fill|stroke)\s*=\s*[\"'](?!#)[a-z]+[\"']"
)


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapters_name_colours_from_the_palette(doc):
    """Colours come from nkbook.COLOURS, whose marks read at 3:1 on the light and the dark page;
    a typed colour (like the old dark grey routes that vanished in dark mode) cannot."""
    code = "\n".join(re.findall(r"```\{code-cell\}.*?```", source(doc), re.S))
    typed = TYPED_COLOUR.findall(code)
    assert not typed, f"{doc} types colours {typed}: use COLOURS['blue'] and the like"


def test_dark_mode_swaps_agree_with_the_stylesheet():
    """The static charts swap the same colours in dark mode as the page loader does."""
    from nkbook.charts import DARK_MODE_SWAPS

    css = (ROOT / "_static" / "custom.css").read_text(encoding="utf-8")
    for light, dark in DARK_MODE_SWAPS.items():
        for attribute in ("fill", "stroke"):
            rule = f'html[data-theme="dark"] .nk-chart-static svg [{attribute}="{light}"] '
            assert f"{rule}{{ {attribute}: {dark}; }}" in css, f"custom.css lacks: {rule}"


@pytest.mark.parametrize("nested", ["own encoding", "layer's encoding"])
def test_chart_refuses_labels_coloured_from_the_data(nested):
    """Text in a palette colour reaches only 3.6:1 on the dark page: chart() refuses it."""
    import altair as alt
    import pandas as pd

    from nkbook.charts import COLOURS, ChartError, chart

    rows = pd.DataFrame({"x": [1, 2], "y": [3, 4], "kind": ["a", "b"]})
    if nested == "own encoding":
        base = alt.Chart(rows).encode(x="x:Q", y="y:Q")
        layered = base.mark_point() + base.mark_text().encode(text="y:Q", color="kind:N")
    else:
        base = alt.Chart(rows).encode(x="x:Q", y="y:Q", color="kind:N")
        layered = base.mark_point() + base.mark_text().encode(text="y:Q")
    with pytest.raises(ChartError, match="ink"):
        chart(layered, title="T", description="D", source="S")
    ink = layered.layer[1].encode(color=alt.value(COLOURS["ink"]))
    chart(layered.layer[0] + ink, title="T", description="D", source="S")  # accepted


def test_chart_refuses_labels_of_several_lines_growing_onto_marks():
    import altair as alt
    import pandas as pd

    from nkbook.charts import ChartError, chart, labels_above

    rows = pd.DataFrame({"y": ["a", "b"], "x": [1, 2], "_label": ["one\nline more", "two"]})
    base = alt.Chart(rows).encode(alt.Y("y:N", axis=None))
    bottom = base.mark_text(baseline="bottom", lineBreak="\n").encode(x="x:Q", text="_label:N")
    with pytest.raises(ChartError, match="labels_above"):
        chart(base.mark_point().encode(x="x:Q") + bottom, title="T", description="D", source="S")
    above = labels_above(base, rows["_label"], alt.X(datum=0))
    lifts = sorted(layer.mark.dy for layer in above.layer)
    assert lifts == [-(2 * 14 + 6), -(14 + 6)], "each label is lifted by its own height"
    chart(base.mark_point().encode(x="x:Q") + above, title="T", description="D", source="S")


def test_a_label_broken_into_lines_stays_out_of_the_data_table():
    """A column of labels with line breaks would show "\\n" in the table and the CSV."""
    import altair as alt
    import pandas as pd

    from nkbook.charts import ChartError, chart, labels_above

    rows = pd.DataFrame({"y": ["a", "b"], "x": [1, 2], "label": ["one\nline more", "two"]})
    base = alt.Chart(rows).encode(alt.Y("y:N", axis=None))
    above = labels_above(base, rows["label"], alt.X(datum=0))
    with pytest.raises(ChartError, match="line breaks"):
        chart(base.mark_point().encode(x="x:Q") + above, title="T", description="D", source="S")


@pytest.mark.parametrize("doc", [d for d in CHAPTERS if d not in REFERENCE_PAGES])
def test_every_exercise_has_a_spreadsheet_route(doc):
    """Students without Python can do every exercise: each solution starts with the steps in a
    spreadsheet."""
    solutions = re.findall(r"\{solution-start\}(.*?)\{solution-end\}", source(doc), re.S)
    assert solutions, f"{doc} has no solution"
    for solution in solutions:
        assert "**In a spreadsheet**" in solution, f"{doc}: a solution without spreadsheet steps"
        assert re.search(r"^1\. ", solution, re.M), f"{doc}: spreadsheet steps are not numbered"


# A content note: the text between its opening and closing fences.
CONTENT_NOTE = re.compile(r":::\{admonition\} Content note\n(.*?)\n:::", re.S)


def _content_note(text: str) -> str:
    """The first content note of a page."""
    match = CONTENT_NOTE.search(text)
    return match.group(1) if match else ""


def test_the_introduction_names_exactly_the_chapters_with_a_content_note():
    # The introduction's note lists the chapters that carry one; a chapter that gains or loses
    # a note must change that list too (the December 2026 review found it out of date).
    pages_with_a_note = {
        doc.rpartition("/")[2]
        for doc in CHAPTERS
        if doc != "chapters/intro" and _content_note(source(doc))
    }
    intro = source("chapters/intro")
    notes = CONTENT_NOTE.findall(intro)
    listed = {name for note in notes for name in re.findall(r"\{doc\}`([^`<]+)`", note)}
    assert listed == pages_with_a_note, (
        f"chapters/intro.md's content note lists {sorted(listed)}; "
        f"the chapters with a note are {sorted(pages_with_a_note)}"
    )


def test_the_introduction_says_which_chapters_have_key_numbers():
    # "Every chapter starts with ... the key numbers" was false while one chapter had none.
    intro = source("chapters/intro")
    lacking = [d for d in CHAPTERS if d not in REFERENCE_PAGES and "Key numbers" not in source(d)]
    if lacking:
        assert "most with the key numbers" in intro, f"no key numbers in {lacking}"
