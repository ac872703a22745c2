"""The rules every table in data/ must pass, checked by the frictionless library.

frictionless checks what data/datapackage.json says (types, required cells, minimums, allowed
values, unique keys); two more checks cover what the package format cannot say on its own: row
rules such as ``male + female == total``, and source ids that must be keys of references.bib.
A broken rule becomes one short line naming the file, the line, the column and the rule.

`read(name)` is the only reader of a table: it validates and returns the rows exactly as the
validator read them. nkbook.data keeps what it returns, so a chapter never reads a file itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import pandas as pd
from frictionless import Check, Checklist, checks, errors

from nkbook.data import PACKAGE_PATH, SOURCE_COLUMNS, DataError
from nkbook.sources import bib_keys

# How each frictionless type becomes a pandas dtype (nullable, so empty cells stay empty).
PANDAS_TYPES = {
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "string": "string",
    "date": "datetime64[ns]",
    "year": "Int64",
}


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


def resource(name: str, package_path: Path = PACKAGE_PATH) -> frictionless.Resource:
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
    found = resource(name, package_path)
    path = Path(package_path).parent / found.path
    if not path.exists() or path.stat().st_size == 0:
        raise DataError([f"data/{found.path}: the file is missing or empty"])
    if found.format in ("json", "topojson", "geojson"):  # map shapes: not a table
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataError([f"data/{found.path}: not valid UTF-8 JSON ({exc})"]) from None
        return found
    rules = [checks.row_constraint(formula=f) for f in found.custom.get("rowConstraints", [])]
    checklist = Checklist(checks=[*rules, KnownSources(bib_keys())])
    report = found.validate(checklist=checklist, limit_errors=20)
    problems = [e for task in report.tasks for e in task.errors] + list(report.errors)
    if problems:
        raise DataError([_describe(found, e) for e in problems])
    return found


def read(name: str, package_path: Path = PACKAGE_PATH) -> pd.DataFrame | dict:
    """Validate table `name` and return it as a DataFrame, with the rows exactly as the
    validator read them (same reader, dialect, encoding, missing values and types); a JSON
    resource (map shapes) is returned parsed."""
    validated = validate(name, package_path)
    if validated.format in ("json", "topojson", "geojson"):
        return json.loads((Path(package_path).parent / validated.path).read_text(encoding="utf-8"))
    fields = validated.schema.fields
    rows = validated.read_rows()
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


def table_names(package_path: Path = PACKAGE_PATH) -> list[str]:
    """The tables data/datapackage.json names; DataError if it is not a valid data package."""
    try:
        return frictionless.Package(str(package_path)).resource_names
    except frictionless.FrictionlessException as exc:
        raise DataError([f"data/datapackage.json: {exc.error.message}"]) from None
