"""Bring the translation catalogues up to date with the English text: `make translations`.

1. Sphinx's gettext builder writes one template (.pot) per page, with every paragraph, title,
   list item and caption of the English edition, into _build/gettext/.
2. The theme's words (its buttons' labels: pydata-sphinx-theme has no Korean catalogue) are
   added to the templates' own, sphinx.pot.
3. The words the code shows (every message given to t() when the chapters run, nkbook.i18n)
   go into one more template, nkbook.pot.
4. sphinx-intl merges the templates into locales/<language>/LC_MESSAGES/: a new message is added
   untranslated, a changed one is marked fuzzy (with the old translation as a hint), a removed
   one is dropped. tests/test_translations.py then names every page with an untranslated or
   fuzzy entry.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import korean  # scripts/korean.py: the book's own words in references.bib
import pdf  # scripts/pdf.py: the words of the printed files
import pydata_sphinx_theme
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from nkbook.book import ROOT, toc_documents
from nkbook.sphinx import citations, handouts

LANGUAGES = ["ko"]
OUT = ROOT / "_build" / "gettext"
TEMPLATES = OUT / "_build" / "gettext"
BIN = ROOT / ".venv" / "bin"


def code_messages() -> list[str]:
    """Every message the chapters' code passes to t(), in the order first met: the chapters are
    run in English, in one kernel, with t() writing each message down (nkbook.i18n)."""
    import prewarm  # scripts/prewarm.py: runs chapters in a warm kernel

    record = OUT / "messages.jsonl"
    record.unlink(missing_ok=True)
    os.environ.update(NKBOOK_RECORD_MESSAGES=str(record), NKBOOK_LANG="en")
    pages = [ROOT / f"{doc}.md" for doc in toc_documents()]
    failed = [path.name for path, nb, _ in prewarm.run_in_one_kernel(pages) if nb is None]
    if failed:
        raise SystemExit(f"these chapters failed while their messages were gathered: {failed}")
    lines = record.read_text(encoding="utf-8").splitlines() if record.exists() else []
    # The build extension's own words (links to the printable files, the citation styles'),
    # the PDFs' words and the sources list's.
    messages = [
        *map(json.loads, lines),
        *handouts.MESSAGES,
        *citations.MESSAGES,
        *pdf.MESSAGES,
        *korean.bib_messages(),
    ]
    return list(dict.fromkeys(messages))


def write_code_template() -> None:
    catalogue = Catalog(project="nkbook", charset="utf-8")
    for message in code_messages():
        catalogue.add(message)
    with (TEMPLATES / "nkbook.pot").open("wb") as file:
        write_po(file, catalogue, width=0, omit_header=False)


def add_theme_words() -> None:
    """Add to sphinx.pot every word the theme's templates pass to _()."""
    words = set()
    for template in Path(pydata_sphinx_theme.__file__).parent.joinpath("theme").rglob("*.html"):
        words |= set(re.findall(r"""_\((?:"([^"]+)"|'([^']+)')\)""", template.read_text("utf-8")))
    with (TEMPLATES / "sphinx.pot").open("rb") as file:
        catalogue = read_po(file)
    for word in sorted(a or b for a, b in words):
        if word not in catalogue:
            catalogue.add(word, auto_comments=["pydata-sphinx-theme"])
    with (TEMPLATES / "sphinx.pot").open("wb") as file:
        write_po(file, catalogue, width=0)


def write_page_templates() -> int:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["cache"] = str(ROOT / "_build" / ".jupyter_cache")  # no re-runs
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    command = [
        str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(OUT),
        "--config", str(OUT / "_config.yml"), "--builder", "custom",
        "--custom-builder", "gettext", "-W", "-n", "--keep-going", "--all",
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT).returncode


def main() -> int:
    if code := write_page_templates():
        return code
    add_theme_words()
    write_code_template()
    for language in LANGUAGES:
        command = [str(BIN / "sphinx-intl"), "update", "-p", str(TEMPLATES), "-l", language,
                   "-d", str(ROOT / "locales"), "-w", "0"]  # fmt: skip
        if code := subprocess.run(command, cwd=ROOT).returncode:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
