"""The Korean web font, served by the book and cut down to the Korean characters it shows.

A phone or a school computer may have no font with Hangul, and then Korean text and chart
labels are drawn as empty boxes. The book serves Noto Sans KR itself (SIL Open Font License;
npm @expo-google-fonts/noto-sans-kr, pinned in package-lock.json), in its regular weight
(browsers draw bold from it). The original holds 17,000 glyphs (6 MB): after each build it is
cut down to the Korean characters (Hangul, CJK symbols and ideographs, full-width forms) that
the site's pages show, charts included, and written to _static/nk-fonts/. The stylesheet
(_static/custom.css) names the font first for text and headings, and limits it to those
Unicode ranges, so a browser downloads it only for a page that shows Korean: the English
edition's copy holds only the few Korean words it shows (the language switch, the glossary's
terms).

tests/test_translations.py checks that every Korean character of every page is in the font.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import fontTools
from fontTools import subset

from nkbook.data import ROOT
from nkbook.sphinx.languages import EDITIONS

TRANSLATIONS = [edition["root"] for edition in EDITIONS.values() if edition["root"]]

ORIGINALS = ROOT / "node_modules" / "@expo-google-fonts" / "noto-sans-kr"
# One weight: browsers draw bold Korean from it (font-synthesis), which halves what a Korean
# page downloads (a second, bold file would cost every page 40 KiB).
WEIGHTS = {400: "400Regular/NotoSansKR_400Regular.ttf"}
FONTS_DIR = Path("_static") / "nk-fonts"
# The ranges the stylesheet's @font-face rules give (keep the two in step): Hangul Jamo, CJK
# symbols and punctuation, Hangul compatibility Jamo, CJK ideographs, Hangul syllables,
# half- and full-width forms.
KOREAN = re.compile(
    "[\u1100-\u11ff\u3000-\u303f\u3130-\u318f\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]"
)


def font_name(weight: int) -> str:
    return f"noto-sans-kr-{weight}.woff2"


def korean_characters(site: Path) -> list[int]:
    """Every Korean character in the site's pages (their text, and the charts they hold), not
    counting the Korean edition's pages under the English site's ko/ folder."""
    found = set()
    for page in site.rglob("*.html"):
        if not {"_static", *TRANSLATIONS} & set(page.relative_to(site).parts[:1]):
            found |= set(KOREAN.findall(page.read_text(encoding="utf-8")))
    return sorted(map(ord, found))


def subset_font(source: Path, unicodes: list[int], target: Path) -> None:
    """Write `source` cut down to `unicodes` to `target` (WOFF2 if its name says so)."""
    options = subset.Options()
    options.flavor = "woff2" if target.suffix == ".woff2" else None
    options.name_IDs = ["*"]  # keep the font's copyright and licence (OFL, section 2)
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=unicodes)
    cutter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    subset.save_font(font, str(part), options)
    part.replace(target)  # whole or not at all


def write_korean_font(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    site = Path(app.outdir)
    characters = korean_characters(site)
    # Cutting 17,000 glyphs takes seconds: the cut fonts are kept beside the site, under the
    # characters they hold, and copied while the pages show the same characters.
    key = hashlib.sha256(f"{fontTools.version} {characters}".encode()).hexdigest()[:16]
    kept = site.parent / ".fonts" / key
    for weight, original in WEIGHTS.items():
        if not (kept / font_name(weight)).exists():
            subset_font(ORIGINALS / original, characters, kept / font_name(weight))
        (site / FONTS_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept / font_name(weight), site / FONTS_DIR / font_name(weight))


def setup(app):
    app.connect("build-finished", write_korean_font, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
