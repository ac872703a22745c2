"""The icon fonts, and their rules in the stylesheet, cut down to the icons the book shows.

The theme draws its few icons (menu, contents, search, light and dark ...) with the Font
Awesome web fonts: 150 KiB for about 2,000 icons, half of what a phone downloads on a first
visit, and 1,800 rules in the stylesheet. After each build the fonts in the site are
rewritten from the theme's originals with only the glyphs the site can show (the icon classes
its pages and scripts name, and the icons its stylesheet sets directly, such as the admonition
icons), and the stylesheet keeps the rules of those icons only. tests/test_pages.py checks
that every icon a page names is in the font.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from pathlib import Path

import fontTools
import pydata_sphinx_theme

from nkbook.sphinx.fonts import subset_font

# fontTools reports each table it prunes at INFO level: not news in a build log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS_DIR = Path("_static") / "vendor" / "fontawesome" / "webfonts"
STYLES = ("solid-900", "regular-400", "brands-400")
FONTS = [f"fa-{style}.{kind}" for style in STYLES for kind in ("woff2", "ttf")]
STYLESHEET = Path("_static") / "styles" / "nk-bundle.css"
# ".fa-bars:before,.fa-navicon:before{content:"\f0c9"}": the glyph each icon class draws.
ICON_RULE = re.compile(r"(?<=\})([^{}]*):before\{content:\"\\([0-9a-f]{4,5})\"\}")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
SCRIPT_SRC = re.compile(r"<script[^>]*\ssrc=\"([^\"]+)\"")
# A glyph the stylesheet uses itself, e.g. --pst-icon-bell:"\f0f3", or that character written
# as it is: icon fonts put their glyphs in Unicode's private use area (U+E000 to U+F8FF).
GLYPH = re.compile(r"\\([ef][0-9a-f]{3})\b|([\ue000-\uf8ff])")


def glyphs_by_class(css: str) -> dict[str, int]:
    found = {}
    for selectors, code in ICON_RULE.findall(css):
        for selector in selectors.split(","):
            found[selector.strip().lstrip(".").removesuffix(":before")] = int(code, 16)
    return found


def glyphs_shown(site: Path) -> set[int]:
    """Every glyph the site's pages, scripts and stylesheet can show."""
    css = (site / STYLESHEET).read_text(encoding="utf-8")
    by_class = glyphs_by_class(css)
    used, scripts = set(), set()
    for page in site.rglob("*.html"):
        if "_static" in page.parts:
            continue  # theme templates copied with the static files, not pages
        text = page.read_text(encoding="utf-8")
        used |= {by_class[name] for name in ICON_CLASS.findall(text) if name in by_class}
        # The scripts the page loads (not every file in _static: the theme ships a script
        # that names all 2,000 icons, which no page loads).
        for src in SCRIPT_SRC.findall(text):
            scripts.add((page.parent / src.split("?")[0]).resolve())
    for script in filter(Path.exists, scripts):
        text = script.read_text(encoding="utf-8", errors="replace")
        used |= {by_class[name] for name in ICON_CLASS.findall(text) if name in by_class}
    # Outside the icon-class rules: glyphs the stylesheet sets on its own elements.
    rest = ICON_RULE.sub("", css)
    return used | {int(code, 16) if code else ord(char) for code, char in GLYPH.findall(rest)}


def without_unused_icons(css: str, glyphs: set[int]) -> str:
    """The stylesheet without the rules of icons no page shows (about 1,800 of them)."""
    return ICON_RULE.sub(lambda rule: rule[0] if int(rule[2], 16) in glyphs else "", css)


def cut_icons(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    site = Path(app.outdir)
    glyphs = sorted(glyphs_shown(site))
    css = (site / STYLESHEET).read_text(encoding="utf-8")
    (site / STYLESHEET).write_text(without_unused_icons(css, set(glyphs)), encoding="utf-8")
    # Every build: Sphinx copies the theme's full fonts again whenever it rewrites the static
    # files. Cutting takes a fifth of a second, so the cut fonts are kept beside the site, under
    # the glyphs they hold, and copied while the pages show the same icons.
    kept = site.parent / ".icons" / glyph_key(glyphs)
    for name in FONTS:
        if not (kept / name).exists():
            cut_font(name, glyphs, kept)
        shutil.copyfile(kept / name, site / FONTS_DIR / name)


def glyph_key(glyphs: list[int]) -> str:
    """Names a set of glyphs cut from this theme's fonts by this fontTools."""
    text = f"{pydata_sphinx_theme.__version__} {fontTools.version} {glyphs}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cut_font(name: str, glyphs: list[int], folder: Path) -> None:
    subset_font(theme_font(name), glyphs, folder / name)


def theme_font(name: str) -> Path:
    """The theme's original font (the site's copy may already be cut down)."""
    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    return theme / "static" / "vendor" / "fontawesome" / "webfonts" / name


def setup(app):
    # After nkbook.sphinx.assets has written the stylesheet bundle (priority 900).
    app.connect("build-finished", cut_icons, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
