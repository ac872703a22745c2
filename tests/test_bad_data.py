"""Bad data stops `make book` with one short line naming the file, line, column and rule.

Each case corrupts a copy of a real table (so the cases never go stale when the data grow),
runs `make book` in a copy of the repository, and checks the message and that nothing was built.
"""

from __future__ import annotations

import csv
import io

import pytest

from conftest import run

TABLE = "sk_arrivals.csv"


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _set(path, column, line, value):
    rows = _rows(path)
    rows[line - 1][rows[0].index(column)] = value
    _write(path, rows)


def missing_column(data):
    rows = _rows(data / TABLE)
    drop = rows[0].index("female")
    _write(data / TABLE, [r[:drop] + r[drop + 1 :] for r in rows])


def extra_column(data):
    rows = _rows(data / TABLE)
    _write(data / TABLE, [rows[0] + ["comment"]] + [r + ["x"] for r in rows[1:]])


def wrong_type(data):
    _set(data / TABLE, "total", 3, "many")


def negative_count(data):
    rows = _rows(data / TABLE)
    male, female, total = (rows[0].index(c) for c in ("male", "female", "total"))
    rows[3][male], rows[3][total] = "-5", str(int(rows[3][female]) - 5)
    _write(data / TABLE, rows)


def sum_broken(data):
    _set(data / TABLE, "total", 4, "1")


def low_above_high(data):
    rows = _rows(data / "estimates.csv")
    low, high = rows[0].index("low"), rows[0].index("high")
    rows[1][low] = str(int(rows[1][high]) + 1)
    _write(data / "estimates.csv", rows)


def unknown_source(data):
    _set(data / TABLE, "source_id", 2, "nosuchsource2099")


def duplicate_key(data):
    rows = _rows(data / TABLE)
    _write(data / TABLE, rows + [rows[-1]])


def empty_file(data):
    (data / TABLE).write_text("", encoding="utf-8")


def not_utf8(data):
    text = (data / TABLE).read_text(encoding="utf-8")
    (data / TABLE).write_bytes(text.replace("up to 1998", "jusqu'à 1998").encode("latin-1"))


CASES = {
    # case: (corrupt, file named, words the message must contain)
    "missing column": (missing_column, TABLE, ["female"]),
    "extra column": (extra_column, TABLE, ["comment"]),
    "wrong type": (wrong_type, TABLE, ["line 3", 'column "total"', "type"]),
    "negative count": (negative_count, TABLE, ["line 4", 'column "male"', "minimum"]),
    "male + female != total": (sum_broken, TABLE, ["line 4", "male + female == total"]),
    "low > high": (low_above_high, "estimates.csv", ["line 2", "low <= high"]),
    "unknown source id": (unknown_source, TABLE, ["line 2", "nosuchsource2099", "references.bib"]),
    "duplicate key": (duplicate_key, TABLE, ["line ", "duplicate key", "period"]),
    "empty file": (empty_file, TABLE, ["empty"]),
    "not UTF-8": (not_utf8, TABLE, ["encoding"]),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_data_stops_make_book(case, repo_copy):
    corrupt, filename, words = CASES[case]
    corrupt(repo_copy / "data")
    result = run(["make", "book"], cwd=repo_copy)
    message = result.stderr
    assert result.returncode != 0, f"{case}: make book accepted bad data"
    assert f"data/{filename}" in message, message
    for word in words:
        assert word.lower() in message.lower(), f"{case}: {word!r} not in:\n{message}"
    assert "Traceback" not in message, f"{case}: a traceback instead of a message:\n{message}"
    assert not (repo_copy / "_build").exists(), f"{case}: something was built from bad data"


def test_good_data_passes_validation(repo_copy):
    result = run([".venv/bin/python", "-m", "nkbook"], cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert "tables valid" in result.stdout
