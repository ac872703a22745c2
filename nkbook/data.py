"""Load the book's tables from data/, after they passed validation (nkbook/validation.py).

Every chapter reads data through `load(name)`. The first time a table is asked for, it is
validated and read by nkbook.validation, which returns the rows exactly as the validator read
them; if anything is wrong, `DataError` names the file, the line, the column and the rule, and
no chart is drawn from that table. What validation returned is then kept in
_build/validated/, under a fingerprint of everything it depended on (the table's file, the data
dictionary, references.bib, the code and library versions that read them), so the chapters
that run after `python -m nkbook` load the validated table without validating it again, and an
edit to any of those files makes the next load validate again.

Run ``python -m nkbook`` to validate every table in data/ (the Makefile does this before each
build, so bad data stops the build with a short message).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from nkbook.book import LANGUAGE
from nkbook.i18n import t
from nkbook.sources import BIB_PATH, DESCRIPTION, entries

if TYPE_CHECKING:
    import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
PACKAGE_PATH = DATA_DIR / "datapackage.json"

# Columns whose values must be BibTeX keys; `source_ids` may hold several, split by ";".
SOURCE_COLUMNS = ("source_id", "source_id_high", "source_ids", "source_ids_women")


class DataError(Exception):
    """A table in data/ broke a rule. The message lists each problem on one line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))

    def _render_traceback_(self):
        # IPython (and so a failing notebook cell) prints this instead of a long traceback.
        return ["DataError: the data failed validation, so no chart was drawn:", *self.problems]


# What a validated table depends on besides its own file and the dictionary.
_READERS = (BIB_PATH, *(ROOT / "nkbook" / f for f in ("data.py", "validation.py", "sources.py")))


def _fingerprint(name: str, package_path: Path) -> str | None:
    """A hash of everything validating table `name` depends on; None if the dictionary does not
    name it (validation then says so)."""
    entry = _entry(name, package_path)
    if entry is None or "path" not in entry:
        return None
    digest = hashlib.sha256()
    for path in (package_path, package_path.parent / entry["path"], *_READERS):
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
    for package in ("frictionless", "pandas"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:20]


def _kept(name: str, package_path: Path, fingerprint: str) -> Path:
    return package_path.parent.parent / "_build" / "validated" / f"{name}-{fingerprint}.pickle"


def _keep(name: str, package_path: Path, fingerprint: str | None, table) -> None:
    if not fingerprint:
        return
    kept = _kept(name, package_path, fingerprint)
    kept.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: chapters run two at a time may ask for the same table.
    with tempfile.NamedTemporaryFile(dir=kept.parent, delete=False) as out:
        out.write(pickle.dumps(table))
    os.replace(out.name, kept)
    for old in kept.parent.glob(f"{name}-*.pickle"):  # earlier versions of this table
        if old != kept:
            old.unlink(missing_ok=True)


@functools.cache
def _validated(name: str, package_path: Path, fingerprint: str | None, keep: bool = True):
    """Table `name` as validation returned it, from _build/validated/ when it holds this
    fingerprint, else validated now (raising DataError) and kept there."""
    if fingerprint and _kept(name, package_path, fingerprint).exists():
        # Written by _keep() only, from what validation returned.
        return pickle.loads(_kept(name, package_path, fingerprint).read_bytes())
    from nkbook import validation  # frictionless is loaded only when something must be checked

    table = validation.read(name, package_path)
    if keep:
        _keep(name, package_path, fingerprint, table)
    return table


# The tables the running chapter declared in its front matter (None outside a chapter: tests,
# scripts). nkbook.sphinx adds a hidden first cell to every chapter that sets it.
_declared: frozenset[str] | None = None


def declare_tables(names: list[str]) -> None:
    """Called by a chapter's hidden first cell with the tables its front matter declares."""
    global _declared
    _declared = frozenset(names)


def declare_tables_outside_a_chapter() -> None:
    """Back to no restriction (tests and scripts are not chapters)."""
    global _declared
    _declared = None


def _check_declared(name: str) -> None:
    if _declared is not None and name not in _declared:
        raise DataError(
            [
                f'table "{name}" is not declared in this chapter\'s front matter: add it to '
                f"nkbook: tables: (declared: {', '.join(sorted(_declared)) or 'none'})"
            ]
        )


def _table(name: str, package_path: Path):
    _check_declared(name)
    path = Path(package_path)
    return _validated(name, path, _fingerprint(name, path))


def load(name: str, package_path: Path = PACKAGE_PATH):
    """Return table `name` from data/ as a pandas DataFrame, after it passed validation."""
    table = _table(name, package_path)
    if isinstance(table, (dict, list)):
        raise DataError([f"data/datapackage.json: {name!r} is JSON: read it with load_json()"])
    return table.copy()


def load_json(name: str, package_path: Path = PACKAGE_PATH):
    """Return a JSON resource of data/ (such as map shapes), after validation."""
    table = _table(name, package_path)
    if not isinstance(table, (dict, list)):
        raise DataError([f"data/datapackage.json: {name!r} is a table: read it with load()"])
    return json.loads(json.dumps(table))  # a copy: a chapter may change what it got


def _entry(name: str, package_path: Path = PACKAGE_PATH) -> dict | None:
    try:
        resources = descriptor(package_path).get("resources", [])
    except (OSError, json.JSONDecodeError, AttributeError):
        return None  # validation reports what is wrong with the dictionary
    return next((r for r in resources if isinstance(r, dict) and r.get("name") == name), None)


def describe(name: str, package_path: Path = PACKAGE_PATH) -> dict:
    """The dictionary entry (title, sources, columns ...) of table `name`."""
    _check_declared(name)
    entry = _entry(name, package_path)
    if entry is None:
        raise DataError([f"data/datapackage.json: no table named {name!r}"])
    return entry


@functools.cache
def _descriptor(path: Path, mtime: int) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def descriptor(package_path: Path = PACKAGE_PATH) -> dict:
    """data/datapackage.json as a dict: the one reader of the dictionary outside validation
    (the build, the data page and publisher() all use it)."""
    path = Path(package_path)
    return _descriptor(path, path.stat().st_mtime_ns)


def publisher(source_id: str) -> str:
    """The short name of the publisher behind a source id, e.g. "UNHCR" or "Yonhap News Agency".

    Use it to name each row's source in a tooltip: df["source_id"].map(publisher).
    """
    for resource in descriptor()["resources"]:
        for source in resource.get("sources", []):
            if source.get("bibkey") == source_id:
                name = source["title"].split(": ")[0]  # titles read "Publisher: title"
                # "Korean Broadcasting System (KBS)" -> "KBS": short enough for a phone screen.
                # Only a short name in brackets (an acronym, or "The ..."): a description such
                # as "Daily NK (Korean edition)" stays whole.
                short = re.findall(r"\(([^()]*\b[A-Z]{2,}\b[^()]*|The [^()]+)\)$", name)
                return (short or [name])[-1]
    return source_id


def source_title(source: dict) -> str:
    """A source as the data page names it, "Publisher: title", in the edition's language. A
    title stays as published; only a description the book wrote in brackets for an untitled or
    foreign-language item ("[Report of 2011 on ...]", in references.bib) is translated."""
    described = entries().get(source.get("bibkey"), {}).get("title", "")
    if LANGUAGE == "en" or not DESCRIPTION.fullmatch(described):
        return source["title"]
    name = source["title"].split(": ")[0]
    return f"{name}: {t(described).strip('{}').replace('--', '–')}"


def source_line(*names: str, rows: pd.DataFrame | None = None) -> str:
    """The publishers behind one or more tables, for a chart's source line.

    With `rows`, only the publishers of the sources those rows cite (their source_id columns),
    so a chart of three estimates credits those three publishers, not the whole table's.
    """
    cited = None
    if rows is not None:
        columns = [c for c in SOURCE_COLUMNS if c in rows.columns]
        cited = {k.strip() for c in columns for v in rows[c].dropna() for k in str(v).split(";")}
    publishers: list[str] = []
    for name in names:
        for source in describe(name).get("sources", []):
            if cited is None or source.get("bibkey") in cited:
                short = t(publisher(source["bibkey"]))  # in the edition's language
                if short not in publishers:
                    publishers.append(short)
    return "; ".join(publishers)


def validate_all(package_path: Path = PACKAGE_PATH) -> list[str]:
    """Every problem in every table, as lines (empty when all is well). What validation read
    is kept, so the chapters that run next need not validate again."""
    from nkbook import validation

    try:
        names = validation.table_names(package_path)
    except DataError as exc:
        return exc.problems
    problems: list[str] = []
    tables = {}
    for name in names:
        fingerprint = _fingerprint(name, package_path)
        try:
            tables[name] = (fingerprint, _validated(name, package_path, fingerprint, keep=False))
        except DataError as exc:
            problems.extend(exc.problems)
    if not problems:  # nothing is written while any table is bad
        for name, (fingerprint, table) in tables.items():
            _keep(name, package_path, fingerprint, table)
    return problems


def main() -> int:
    problems = validate_all()
    if problems:
        print("Bad data, so the book was not built:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"data/: {len(descriptor()['resources'])} tables valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
