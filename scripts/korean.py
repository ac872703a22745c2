"""Build the Korean edition: part of `make book`, into _build/html/ko/.

The same chapters, data and code as the English edition, read with `language = "ko"`: Sphinx
takes the prose from locales/ko/LC_MESSAGES/chapters/*.po, and the chapters' code, run with
NKBOOK_LANG=ko, takes the words in charts and tables from locales/ko/LC_MESSAGES/nkbook.po
(nkbook.i18n). Its notebooks have their own jupyter-cache, since their outputs are Korean.
Book-wide words (the title, the footer, the search box, the captions of the table of
contents) are in locales/ko/config.yml.

Jupyter Book builds it in _build/ko/ (its own doctrees and executed notebooks, so an English
rebuild is never slowed by it); the site is then copied under the English one, at ko/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml

from nkbook.book import ROOT, build_dir

LANGUAGE = "ko"
OUT = ROOT / "_build" / LANGUAGE
SITE = ROOT / "_build" / "html" / LANGUAGE


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
    return config


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
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
