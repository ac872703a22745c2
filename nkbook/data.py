"""Load the book's tables from data/, validated against data/datapackage.json.

Every chapter reads data through `load(name)`. Validation is done by the
frictionless library against the data package (types, required cells, minimums,
allowed values, unique keys) plus two checks the package format cannot express
on its own: row constraints such as ``male + female == total`` and source ids
that must exist in references.bib. If anything is wrong, `DataError` names the
file, the line, the column and the rule, and no chart is drawn from that table.

Run ``python -m nkbook`` to validate every table (the Makefile does this
before each build, so bad data stops the build with a short message).
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

import frictionless
import pandas as pd
from frictionless import Check, Checklist, checks, errors

from nkbook.sources import BIB_PATH, bib_keys

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
PACKAGE_PATH = DATA_DIR / "datapackage.json"

# Columns whose values must be BibTeX keys; `source_ids` may hold several, split by ";".
SOURCE_COLUMNS = ("source_id", "source_id_high", "source_ids", "source_ids_women")

# How each frictionless type becomes a pandas dtype (nullable, so empty cells stay empty).
PANDAS_TYPES = {
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "string": "string",
    "date": "datetime64[ns]",
    "year": "Int64",
}


class DataError(Exception):
    """A table in data/ broke a rule. The message lists each problem on one line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))

    def _render_traceback_(self):
        # IPython (and so a failing notebook cell) prints this instead of a long traceback.
        return ["DataError: the data failed validation, so no chart was drawn:", *self.problems]


class KnownSources(Check):
    """Every source id in a row must be a key of references.bib."""

    type = "known-sources"
    Errors = [errors.RowConstraintError]

    def __init__(self, keys: set[str]):
        super().__init__()
        self.keys = keys

    def validate_row(self, row):
        for column in SOURCE_COLUMNS:
            cell = row.get(column) if column in row.field_names else None
            for key in filter(None, (part.strip() for part in str(cell or "").split(";"))):
                if key not in self.keys:
                    note = f'column "{column}": source id "{key}" is not a key in references.bib'
                    yield errors.RowConstraintError.from_row(row, note=note)


# Plain names for the rules frictionless reports, so a contributor knows what to fix.
RULES = {
    "primary-key": "duplicate key: each row needs a unique {key}",
    "type-error": "wrong type",
    "constraint-error": "broken constraint",
    "row-constraint": "broken row rule",
    "missing-label": "missing column",
    "extra-label": "extra column (not in data/datapackage.json)",
    "incorrect-label": "column name differs from data/datapackage.json",
    "missing-cell": "missing cell",
    "extra-cell": "extra cell",
    "blank-row": "blank row",
    "encoding-error": "encoding error: save the file as UTF-8",
}


def _describe(resource, error) -> str:
    """One short line: file, line, column, rule."""
    where = [f"data/{resource.path}"]
    row = getattr(error, "row_number", None)
    if row:
        where.append(f"line {row}")
    field = getattr(error, "field_name", None)
    if field:
        where.append(f'column "{field}"')
    key = ", ".join(resource.schema.primary_key) if resource.schema else ""
    rule = RULES.get(error.type, error.title.lower()).format(key=f"({key})")
    note = getattr(error, "note", "") or error.message
    return f"{', '.join(where)}: {rule} ({note})"


def _resource(name: str, package_path: Path) -> frictionless.Resource:
    package = frictionless.Package(str(package_path))
    if name not in package.resource_names:
        raise DataError(
            [
                f"data/datapackage.json: no table named {name!r} "
                f"(tables: {', '.join(package.resource_names)})"
            ]
        )
    return package.get_resource(name)


def validate(name: str, package_path: Path = PACKAGE_PATH) -> frictionless.Resource:
    """Validate one table; raise DataError listing every problem (at most 20)."""
    resource = _resource(name, package_path)
    path = Path(package_path).parent / resource.path
    if not path.exists() or path.stat().st_size == 0:
        raise DataError([f"data/{resource.path}: the file is missing or empty"])
    if resource.format in ("json", "topojson", "geojson"):  # map shapes: not a table
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataError([f"data/{resource.path}: not valid UTF-8 JSON ({exc})"]) from None
        return resource
    rules = [checks.row_constraint(formula=f) for f in resource.custom.get("rowConstraints", [])]
    checklist = Checklist(checks=[*rules, KnownSources(bib_keys())])
    report = resource.validate(checklist=checklist, limit_errors=20)
    found = [e for task in report.tasks for e in task.errors] + list(report.errors)
    if found:
        raise DataError([_describe(resource, e) for e in found])
    return resource


@functools.cache
def _load_cached(name: str, package_path: Path, mtimes: tuple) -> pd.DataFrame:
    resource = validate(name, package_path)
    fields = resource.schema.fields
    # The rows exactly as the validator read them (same reader, dialect, encoding, missing
    # values and types), so a file that validates loads into the table that was validated.
    rows = resource.read_rows()
    frame = pd.DataFrame(
        [[row[f.name] for f in fields] for row in rows], columns=[f.name for f in fields]
    )
    for field in fields:
        kind = PANDAS_TYPES.get(field.type, "string")
        column = frame[field.name]
        if kind.startswith("datetime"):
            frame[field.name] = pd.to_datetime(column).astype(kind)
        elif kind == "Float64":  # frictionless reads numbers as Decimal
            frame[field.name] = column.map(lambda v: None if v is None else float(v)).astype(kind)
        else:
            frame[field.name] = column.astype(kind)
    return frame


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


def load(name: str, package_path: Path = PACKAGE_PATH) -> pd.DataFrame:
    """Return table `name` from data/ as a DataFrame, after it passed validation."""
    _check_declared(name)
    path = Path(package_path)
    files = [path, BIB_PATH, *sorted(path.parent.glob("*.csv"))]
    mtimes = tuple(f.stat().st_mtime_ns for f in files if f.exists())
    return _load_cached(name, path, mtimes).copy()


def load_json(name: str, package_path: Path = PACKAGE_PATH):
    """Return a JSON resource of data/ (such as map shapes), after validation."""
    _check_declared(name)
    resource = validate(name, package_path)
    return json.loads((Path(package_path).parent / resource.path).read_text(encoding="utf-8"))


def describe(name: str, package_path: Path = PACKAGE_PATH) -> dict:
    """The dictionary entry (title, sources, columns ...) of table `name`."""
    _check_declared(name)
    return _resource(name, package_path).to_descriptor()


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
                return (re.findall(r"\(([^()]+)\)$", name) or [name])[-1]
    return source_id


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
                short = publisher(source["bibkey"])
                if short not in publishers:
                    publishers.append(short)
    return "; ".join(publishers)


def table_names(package_path: Path = PACKAGE_PATH) -> list[str]:
    return frictionless.Package(str(package_path)).resource_names


def validate_all(package_path: Path = PACKAGE_PATH) -> list[str]:
    """Every problem in every table, as lines; empty when all is well."""
    try:
        names = table_names(package_path)
    except frictionless.FrictionlessException as exc:
        return [f"data/datapackage.json: {exc.error.message}"]
    problems: list[str] = []
    for name in names:
        try:
            validate(name, package_path)
        except DataError as exc:
            problems.extend(exc.problems)
    return problems


def main() -> int:
    problems = validate_all()
    if problems:
        print("Bad data, so the book was not built:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"data/: {len(table_names())} tables valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
