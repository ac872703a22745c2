"""Bring the translation catalogues up to date with the English text: `make translations`.

1. Sphinx's gettext builder writes one template (.pot) per page, with every paragraph, title,
   list item and caption of the English edition, into _build/gettext/.
2. The theme's words (its buttons' labels: pydata-sphinx-theme has no Korean catalogue) are
   added to the templates' own, sphinx.pot.
3. The words the code shows (every t("...") in the chapters' cells and in nkbook/) go into one
   more template, nkbook.pot.
4. sphinx-intl merges the templates into locales/<language>/LC_MESSAGES/: a new message is added
   untranslated, a changed one is marked fuzzy (with the old translation as a hint), a removed
   one is dropped. tests/test_translations.py then names every page with an untranslated or
   fuzzy entry.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pydata_sphinx_theme
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from nkbook.book import ROOT, toc_documents

LANGUAGES = ["ko"]
OUT = ROOT / "_build" / "gettext"
TEMPLATES = OUT / "_build" / "gettext"
BIN = ROOT / ".venv" / "bin"


def code_cells(text: str) -> list[str]:
    """The code of a MyST notebook's {code-cell} blocks."""
    cells, lines, inside = [], [], False
    for line in text.splitlines():
        if line.startswith("```{code-cell}"):
            inside, lines = True, []
        elif inside and line.startswith("```"):
            inside = False
            cells.append("\n".join(x for x in lines if not x.startswith(":tags:")))
        elif inside:
            lines.append(line)
    return cells


def messages(code: str) -> list[str]:
    """Every string literal passed first to t() in `code`."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
    return found


def code_messages() -> dict[str, list[str]]:
    """message -> where it is used (files, in reading order)."""
    sources = [ROOT / f"{doc}.md" for doc in toc_documents()]
    sources += sorted((ROOT / "nkbook").glob("*.py"))
    where: dict[str, list[str]] = {}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        code = [text] if path.suffix == ".py" else code_cells(text)
        for cell in code:
            for message in messages(cell):
                where.setdefault(message, []).append(path.relative_to(ROOT).as_posix())
    return where


def write_code_template() -> None:
    catalogue = Catalog(project="nkbook", charset="utf-8")
    for message, files in code_messages().items():
        catalogue.add(message, auto_comments=sorted(set(files)))
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
