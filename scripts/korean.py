"""Build the Korean edition: part of `make book`, into _build/html/ko/.

The same chapters, data and code as the English edition, read with `language = "ko"`: Sphinx
takes the prose from locales/ko/LC_MESSAGES/chapters/*.po, and the chapters' code, run with
NKBOOK_LANG=ko, takes the words in charts and tables from locales/ko/LC_MESSAGES/nkbook.po
(nkbook.i18n). Its notebooks have their own jupyter-cache, since their outputs are Korean.
Book-wide words (the title, the footer, the search box, the captions of the table of
contents) are in locales/ko/config.yml.

The sources list is Korean too: the book's own words in references.bib (each entry's note, the
description it gives in brackets for an untitled or foreign-language item, its kind) are
translated in nkbook.po, and the edition cites a translated copy, _build/ko/references.bib.
Publishers' names and original titles stay as they are.

Jupyter Book builds it in _build/ko/ (its own doctrees and executed notebooks, so an English
rebuild is never slowed by it); the site is then copied under the English one, at ko/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import yaml
from pybtex.database import parse_file

from nkbook.book import ROOT, build_dir
from nkbook.i18n import catalogue, catalogue_path
from nkbook.sources import DESCRIPTION

LANGUAGE = "ko"
OUT = ROOT / "_build" / LANGUAGE
SITE = ROOT / "_build" / "html" / LANGUAGE
BIB = OUT / "references.bib"
# The fields of references.bib in the book's own words (a title only when it is the book's
# description of the item, in brackets: "{[Report of 2011 on ...]}").
BIB_WORDS = ("note", "howpublished", "type")
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def bib_messages() -> list[str]:
    """Every text of references.bib that the Korean edition translates, in file order."""
    found = []
    for entry in parse_file(str(ROOT / "references.bib")).entries.values():
        found += [entry.fields[f] for f in BIB_WORDS if entry.fields.get(f)]
        if DESCRIPTION.fullmatch(entry.fields.get("title", "")):
            found.append(entry.fields["title"])
    return list(dict.fromkeys(found))


def write_korean_bib() -> None:
    """_build/ko/references.bib: references.bib with the book's own words translated. Written
    only when it changes, since a newer bib file makes Sphinx re-read every page citing it."""
    words = catalogue(LANGUAGE)
    missing = [text for text in bib_messages() if text not in words]
    if missing:
        raise SystemExit(
            f"{catalogue_path(LANGUAGE).relative_to(ROOT)} does not translate these words of "
            f"references.bib (run make translations, then translate them): {missing}"
        )
    # The file's own text with each field's words replaced (pybtex's writer would escape the
    # addresses in url fields).
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    for entry in parse_file(str(ROOT / "references.bib")).entries.values():
        for field, value in entry.fields.items():
            if field in BIB_WORDS or (field == "title" and DESCRIPTION.fullmatch(value)):
                pattern = re.compile(rf"(\b{field}\s*=\s*\{{){re.escape(value)}(\}})", re.I)
                new = words[value]
                text, found = pattern.subn(lambda m, new=new: m[1] + new + m[2], text, count=1)
                if not found:
                    raise SystemExit(f"references.bib: {entry.key}: {field} not found as written")
    # Months are BibTeX's abbreviations (month = mar): the Korean "3월" (nkbook.sphinx.citations
    # puts the year first).
    text = re.sub(
        r"(\bmonth\s*=\s*)([a-z]{3})\b",
        lambda m: f"{m[1]}{{{MONTHS.index(m[2]) + 1}월}}",
        text,
    )
    if not BIB.exists() or BIB.read_text(encoding="utf-8") != text:
        BIB.write_text(text, encoding="utf-8")


def merge(base: dict, changes: dict) -> dict:
    """base with changes applied, nested dictionaries merged key by key."""
    merged = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            value = merge(base[key], value)
        merged[key] = value
    return merged


def book_words() -> dict:
    return yaml.safe_load((ROOT / "locales" / LANGUAGE / "config.yml").read_text("utf-8"))


def korean_toc() -> dict:
    """_toc.yml with each part's caption translated."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = book_words()["toc_captions"]
    for part in toc["parts"]:
        part["caption"] = captions[part["caption"]]
    return toc


def korean_config() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    words = book_words()
    config = merge(config, {k: v for k, v in words.items() if k in ("title", "author", "sphinx")})
    sphinx = config["sphinx"]["config"]
    sphinx["nkbook_untranslated_pages"] = words["untranslated_pages"]
    sphinx.update(language=LANGUAGE, locale_dirs=[str(ROOT / "locales")])
    config["bibtex_bibfiles"] = [str(BIB)]
    return config


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    write_korean_bib()
    for name, content in (("_config.yml", korean_config()), ("_toc.yml", korean_toc())):
        (OUT / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    command = [
        str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT),
        "--path-output", str(OUT), "--config", str(OUT / "_config.yml"),
        "--toc", str(OUT / "_toc.yml"), "-W", "-n", "--keep-going",
    ]  # fmt: skip
    env = dict(os.environ, NKBOOK_LANG=LANGUAGE)
    if code := subprocess.run(command, cwd=ROOT, env=env).returncode:
        return code
    # Replace the copy under the English site (a page removed from the book goes with it).
    # A copy, not a link: a site is often copied or served without following links.
    if SITE.is_symlink():
        SITE.unlink()
    shutil.rmtree(SITE, ignore_errors=True)
    shutil.copytree(build_dir(LANGUAGE) / "html", SITE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
