"""Fresh numbers: a chapter is re-read and re-run when anything its outputs show changes.

jupyter-cache decides whether to re-run a notebook from its code cells only, so an edit to a
CSV would leave stale charts. Before a chapter is parsed this adds two hidden cells: a first
one that makes load() refuse tables the front matter did not declare, and a last one holding
a fingerprint of every declared input (tables, files, the helper code). Sphinx is told the
chapter depends on the same files, so an edit re-reads exactly the chapters that show it.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from sphinx.errors import ExtensionError

from nkbook.book import LANGUAGE, build_dir, chapter_card, declared, toc_documents
from nkbook.data import BIB_PATH, DATA_DIR, PACKAGE_PATH, ROOT, descriptor
from nkbook.i18n import catalogue_path

HELPER_DIR = ROOT / "nkbook"


def dependencies(text: str) -> tuple[list[str], list[Path], list[Path]]:
    """The tables a chapter declares, every file its outputs depend on beyond its source, and
    the chapters whose cards it shows.

    All come from the chapter's front matter (nkbook.book.declared), never from its code.
    """
    tables, files, cards = declared(text)
    paths = {r["name"]: DATA_DIR / r["path"] for r in descriptor()["resources"]}
    if unknown := set(tables) - paths.keys():
        raise ExtensionError(f"front matter declares unknown tables {sorted(unknown)}")
    # The helper code that notebooks run (the build extension in nkbook/sphinx/ shapes only
    # the HTML: a change to it rebuilds the pages through env_version, without re-running).
    helper = sorted(HELPER_DIR.glob("*.py"))
    if LANGUAGE != "en":  # a translation's charts show the catalogue's words too, and a card
        helper.append(catalogue_path())  # shows its chapter's translated words
        helper += [catalogue_path().parent / "chapters" / f"{card.stem}.po" for card in cards]
    inputs = [PACKAGE_PATH, BIB_PATH, *(paths[t] for t in tables), *files, *helper]
    return tables, [path for path in inputs if path.exists()], cards


def declaration_cell(tables: list[str]) -> str:
    """A hidden first cell: load() then refuses any table the front matter did not declare."""
    return (
        "\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
        "# tables declared in the front matter (added by nkbook.sphinx)\n"
        f"__import__('nkbook.data').data.declare_tables({tables!r})\n```\n"
    )


def fingerprint(inputs: list[Path], cards: list[Path]) -> str:
    """A digest of the input files, and of the chapter cards only (not the whole chapters)."""
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    for path in cards:
        digest.update(f"card of {path.relative_to(ROOT).as_posix()}".encode())
        digest.update(chapter_card(path.stem).encode())
    return digest.hexdigest()


def with_fingerprint(text: str) -> tuple[str, list[Path]]:
    """A chapter's source with its hidden declaration and fingerprint cells, and the files
    that went into the fingerprint. A page without code cells is returned as it is."""
    if "{code-cell}" not in text:
        return text, []
    tables, inputs, cards = dependencies(text)
    # The declaration goes right after the front matter, before any cell that loads data.
    end = text.index("\n---", 3) + len("\n---\n")
    text = text[:end] + declaration_cell(tables) + text[end:]
    text = (
        text.rstrip("\n") + "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
        f"# inputs fingerprint (added by nkbook.sphinx): {fingerprint(inputs, cards)}\n```\n"
    )
    # Sphinx re-reads the page when a card it shows changes (see card_file), not when the
    # rest of that chapter does.
    return text, inputs + [card_file(path) for path in cards]


# Each card a page shows is copied here, and the page depends on the copy: it is rewritten only
# when the card changed, so an edit elsewhere in a chapter re-reads no page that shows its card.
CARDS_DIR = ROOT / "_build" / "cards"


def card_file(chapter: Path) -> Path:
    return CARDS_DIR / f"{chapter.stem}.md"


def write_cards(app) -> None:
    """Before Sphinx decides which pages to re-read: copy every card a page shows."""
    for document in toc_documents():
        for chapter in declared((ROOT / f"{document}.md").read_text(encoding="utf-8"))[2]:
            path, card = card_file(chapter), chapter_card(chapter.stem)
            if not path.exists() or path.read_text(encoding="utf-8") != card:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(card, encoding="utf-8")


# scripts/prewarm.py, started by make beside the build, keeps here its process id and the
# chapters it is still running (the first line is the id; "*" stands for every chapter).
PREWARM_STATUS = build_dir() / ".prewarm-status"


def wait_for_prewarm(docname: str, status: Path = PREWARM_STATUS, poll: float = 0.05) -> float:
    """Wait while scripts/prewarm.py is running this chapter, so that MyST-NB finds it in the
    cache instead of running it a second time; return the seconds waited. Only ever a matter of
    speed: a chapter prewarm has not cached is run by the build."""
    start = time.monotonic()
    while True:
        try:
            pid, *pending = status.read_text(encoding="utf-8").split()
            os.kill(int(pid), 0)  # still running? (signal 0 only checks)
        except (OSError, ValueError):
            return time.monotonic() - start  # no status (any more), or prewarm has gone
        if docname not in pending and "*" not in pending:
            return time.monotonic() - start
        time.sleep(poll)


def add_fingerprint(app, docname: str, source: list[str]) -> None:
    wait_for_prewarm(docname)
    source[0], inputs = with_fingerprint(source[0])
    for path in inputs:
        app.env.note_dependency(str(path))


def setup(app):
    app.connect("builder-inited", write_cards)
    app.connect("source-read", add_fingerprint)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
