"""Where the book's pages are (the documents of _toc.yml, in reading order), and what each
page declares in its front matter."""

import os
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# The edition being built: "en" (the site's root), or "ko" (the Korean edition under ko/). Set by
# make for the Korean build (NKBOOK_LANG=ko); the notebooks' kernels inherit it (nkbook.i18n).
LANGUAGE = os.environ.get("NKBOOK_LANG", "en")


def build_dir(language: str = LANGUAGE) -> Path:
    """Where Jupyter Book builds an edition: _build/ for English, _build/<language>/_build/ for
    a translation (its own executed notebooks and jupyter-cache, since its charts differ)."""
    return ROOT / "_build" if language == "en" else ROOT / "_build" / language / "_build"


def toc_documents() -> list[str]:
    """Every document in _toc.yml in reading order, e.g. 'chapters/intro'."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]


def page_title(document: str) -> str:
    """The first heading of a chapter, e.g. page_title("china") -> "China"."""
    return chapter_card(document).splitlines()[0][2:].strip()


# A chapter's card: its title and the "In this chapter" box under it (objectives, time to read,
# what to read first), the only part of a chapter that other pages show.
CARD = re.compile(r"^# .*?(?:^:::\{admonition\} In this chapter\n.*?^:::$|\Z)", re.S | re.M)


def chapter_card(document: str) -> str:
    """The title line and the "In this chapter" box of a chapter (the title alone if it has
    no box). An edit elsewhere in the chapter changes no page that shows its card."""
    path = ROOT / "chapters" / f"{Path(document).name}.md"
    card = CARD.search(path.read_text(encoding="utf-8"))
    if card is None:
        raise ValueError(f"{path} has no '# ' title")
    text = card.group(0)
    return text if "In this chapter" in text else text.splitlines()[0]


def front_matter(text: str) -> dict:
    """The YAML front matter of a chapter's source ({} when there is none)."""
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4 : text.index("\n---", 3)]) or {}


def declared(text: str) -> tuple[list[str], list[Path], list[Path]]:
    """The tables, files and chapter cards a page's outputs depend on, from its front matter:

        nkbook:
          tables: [sk_arrivals, estimates]   # or "all"
          files: ["_toc.yml"]                # globs from the repository root, read whole
          cards: ["chapters/*.md"]           # chapters whose chapter_card() the page shows

    The build re-runs the page when one of them changes (for cards: when a card changes, not
    when the rest of that chapter does), and load() refuses other tables.
    """
    meta = front_matter(text).get("nkbook") or {}
    tables = meta.get("tables") or []
    if tables == "all":
        from nkbook.data import descriptor  # imported here: the data layer is heavy to load

        tables = [r["name"] for r in descriptor()["resources"]]

    def paths(key: str) -> list[Path]:
        return sorted({p for pattern in meta.get(key) or [] for p in ROOT.glob(pattern)})

    return sorted(tables), paths("files"), paths("cards")
