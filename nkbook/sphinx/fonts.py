"""The Korean web font, served by the book and cut down to the Korean characters it shows.

A phone or a school computer may have no font with Hangul, and then Korean text and chart
labels are drawn as empty boxes. The book serves Noto Sans KR itself (SIL Open Font License;
npm @expo-google-fonts/noto-sans-kr, pinned in package-lock.json), in its regular weight
(browsers draw bold from it). The original holds 17,000 glyphs (6 MB). After each build it is
cut down, into _static/nk-fonts/, in three ways:

- noto-sans-kr-400.woff2: every Korean character (Hangul, CJK symbols and ideographs,
  full-width forms) the site shows, charts included. (The printed files cut their own, in a
  regular and a bold weight, from the original: scripts/pdf.py.)
- noto-sans-kr-400-common.woff2: the characters at least half of the pages show. The
  stylesheet (_static/custom.css) names it first for text and headings, limited to the Korean
  Unicode ranges, so the browser downloads it once, for the first page that shows Korean.
- pages/<key>.woff2: for each page, the characters it shows that the common cut lacks, with an
  @font-face rule written into the page's head whose unicode-range lists exactly those
  characters. The browser takes each of them from this file, the rest from the common one.

So a first Korean page downloads the font it needs and little more (the routes chapter: 42 KiB
of font for the whole book's characters, 30 KiB this way), and each further page only its own
rare characters. The English edition's cuts hold only the few Korean words it shows (the
language switch, the glossary's terms).

tests/test_translations.py checks that every Korean character of every page is in the fonts
the page names.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

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


def common_font_name(weight: int) -> str:
    return f"noto-sans-kr-{weight}-common.woff2"


# Where a page's own font rule goes: just before </head>, after the stylesheet's rule for the
# common font, so that for its characters the browser takes the page's file first.
BLOCK = re.compile(r"<!-- nk-page-font -->.*?<!-- /nk-page-font -->", re.S)


def site_pages(site: Path) -> list[Path]:
    """The site's pages, not counting the Korean edition's pages under the English site's ko/
    folder (they have fonts of their own)."""
    return [
        page
        for page in sorted(site.rglob("*.html"))
        if not {"_static", *TRANSLATIONS} & set(page.relative_to(site).parts[:1])
    ]


def page_characters(site: Path) -> dict[Path, set[str]]:
    """The Korean characters of each page (its text, and the charts it holds)."""
    return {
        page: set(KOREAN.findall(BLOCK.sub("", page.read_text(encoding="utf-8"))))
        for page in site_pages(site)
    }


def korean_characters(site: Path) -> list[int]:
    """Every Korean character in the site's pages."""
    return sorted(map(ord, set().union(*page_characters(site).values())))


def printable_characters(site: Path) -> set[str]:
    """Every Korean character an edition can print: its pages' and its catalogues' (which
    hold the printed files' own words, such as a worksheet's headings)."""
    catalogues = (ROOT / "locales").rglob("*.po")
    text = [path.read_text("utf-8") for path in [*site_pages(site), *catalogues]]
    return set(KOREAN.findall("".join(text)))


def common_characters(shown: dict[Path, set[str]]) -> set[str]:
    """The characters at least half of the pages show."""
    counts = Counter(character for characters in shown.values() for character in characters)
    return {character for character, pages in counts.items() if pages * 2 >= len(shown)}


def unicode_range(characters: set[str]) -> str:
    """A CSS unicode-range of exactly `characters`: "U+AC00-AC02,U+AC10"."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, characters)):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


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


class Cutter:
    """Cuts of one weight, kept beside the site under the characters they hold (cutting takes
    a tenth of a second from the book's own cut, seconds from the original), so a rebuild cuts
    only what changed."""

    def __init__(self, site: Path, weight: int, everything: set[str]):
        self.kept = site.parent / ".fonts" / str(weight)
        self.original = ORIGINALS / WEIGHTS[weight]
        self.book = self.cut(everything, ".ttf", source=self.original)  # the source of the rest
        # What the font can draw (not, say, a simplified Chinese character in a source's title).
        self.has = {chr(code) for code in TTFont(self.book).getBestCmap()}

    def cut(self, characters: set[str], suffix: str = ".woff2", source: Path | None = None):
        codes = sorted(map(ord, characters))
        key = hashlib.sha256(f"{fontTools.version} {codes}".encode()).hexdigest()[:16]
        target = self.kept / f"{key}{suffix}"
        if not target.exists():
            subset_font(source or self.book, codes, target)
        return target


def page_block(page: Path, site: Path, font: Path, characters: set[str]) -> str:
    """The page's preload of its own font and the rule that names it for its characters."""
    address = "../" * (len(page.relative_to(site).parts) - 1) + f"{FONTS_DIR}/pages/{font.name}"
    return (
        f'<!-- nk-page-font --><link rel="preload" href="{address}" as="font" '
        'type="font/woff2" crossorigin/><style>@font-face{font-family:"Noto Sans KR";'
        f'font-style:normal;font-weight:400;font-display:swap;src:url("{address}") '
        f'format("woff2");unicode-range:{unicode_range(characters)}}}</style>'
        "<!-- /nk-page-font -->"
    )


def write_korean_font(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    site = Path(app.outdir)
    shown = page_characters(site)
    everything = set().union(*shown.values())
    common = common_characters(shown)
    fonts = site / FONTS_DIR
    (fonts / "pages").mkdir(parents=True, exist_ok=True)
    cutter = Cutter(site, 400, everything)
    shutil.copyfile(cutter.cut(everything), fonts / font_name(400))
    shutil.copyfile(cutter.cut(common), fonts / common_font_name(400))
    used = set()
    # Every page, not only those Sphinx wrote: a page's own characters depend on the common
    # cut, which any page's edit can change.
    for page, characters in shown.items():
        text = page.read_text(encoding="utf-8")
        block = ""
        if rest := (characters - common) & cutter.has:
            font = cutter.cut(rest)
            used.add(font.name)
            shutil.copyfile(font, fonts / "pages" / font.name)
            block = page_block(page, site, font, rest)
        new = BLOCK.sub("", text).replace("</head>", block + "</head>", 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
    for stale in (fonts / "pages").glob("*.woff2"):
        if stale.name not in used:
            stale.unlink()


def setup(app):
    app.connect("build-finished", write_korean_font, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
