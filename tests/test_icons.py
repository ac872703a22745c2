"""The icon fonts in the site hold every icon a page shows, and little else
(nkbook/sphinx/icons.py cuts them down after each build)."""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont

from conftest import toc_files
from nkbook.sphinx.icons import FONTS, FONTS_DIR, ICON_CLASS, STYLESHEET, glyphs_by_class


def _cmaps(site) -> dict[str, set[int]]:
    return {name: set(TTFont(site / FONTS_DIR / name).getBestCmap()) for name in FONTS}


def test_every_icon_a_page_names_is_in_the_font_and_the_stylesheet(site):
    # Which glyph each class draws, from the theme's own stylesheet (the site's bundle keeps
    # only the rules of the icons it shows).
    theme_css = (site / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    by_class = glyphs_by_class(theme_css)
    kept = glyphs_by_class((site / STYLESHEET).read_text(encoding="utf-8"))
    cmaps = _cmaps(site)
    for woff2 in (name for name in FONTS if name.endswith(".woff2")):
        ttf = woff2.replace(".woff2", ".ttf")
        assert cmaps[woff2] == cmaps[ttf], f"{woff2} and {ttf} hold different icons"
    held = set().union(*cmaps.values())
    for page in (site / f"{doc}.html" for doc in toc_files()):
        names = {n for n in ICON_CLASS.findall(page.read_text(encoding="utf-8")) if n in by_class}
        missing = sorted(n for n in names if by_class[n] not in held)
        assert not missing, f"{page.name}: icons with no glyph in the font: {missing}"
        dropped = sorted(names - kept.keys())
        assert not dropped, f"{page.name}: icons whose rule left the stylesheet: {dropped}"


def test_every_icon_the_stylesheet_draws_is_in_the_font(site):
    """Icons set in the stylesheet itself: admonition titles, external links, breadcrumbs."""
    css = (site / STYLESHEET).read_text(encoding="utf-8")
    variables = dict(re.findall(r"--(pst-icon-[a-z-]+):\"([\ue000-\uf8ff])\"", css))
    assert {"pst-icon-bell", "pst-icon-lightbulb", "pst-icon-external-link"} <= variables.keys()
    held = set().union(*_cmaps(site).values())
    missing = sorted(name for name, char in variables.items() if ord(char) not in held)
    assert not missing, f"icons the stylesheet draws, missing from the font: {missing}"


@pytest.mark.parametrize("name", [n for n in FONTS if n.endswith(".woff2")])
def test_the_fonts_are_cut_down(site, name):
    path = site / FONTS_DIR / name
    assert path.stat().st_size < 10_000, f"{name}: {path.stat().st_size} bytes, not cut down"
