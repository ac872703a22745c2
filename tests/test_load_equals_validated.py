"""A file that validates loads into exactly the table that was validated.

The loader reads rows through the validator's own reader (frictionless), so odd but valid files
(a byte-order mark, Windows line ends, the text "NA", quoted numbers) load as the validator saw
them. Each case rewrites a copy of a real table, validates it, and compares cell by cell.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import ROOT
from nkbook.data import load
from nkbook.validation import resource as _resource
from nkbook.validation import validate


def _variant(tmp_path, table, edit):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / f"{table}.csv"
    path.write_bytes(edit(path.read_bytes()))
    return data / "datapackage.json"


CASES = {  # case: (table, how the file is rewritten)
    "byte-order mark": ("sk_arrivals", lambda b: b"\xef\xbb\xbf" + b),
    "windows line ends": ("sk_arrivals", lambda b: b.replace(b"\n", b"\r\n")),
    "no final newline": ("sk_arrivals", lambda b: b.rstrip(b"\n")),
    "quoted numbers": ("sk_arrivals", lambda b: b.replace(b",2914,", b',"2914",')),
    # Text that pandas would read as a missing value by default, in a free-text column.
    "the text NA": ("estimates", lambda b: b.replace(b"World Refugee Survey 2002.", b"NA")),
    "the text null": ("estimates", lambda b: b.replace(b"World Refugee Survey 2002.", b"null")),
    # Booleans the validator accepts in other spellings.
    "booleans as 1 and 0": (
        "unhcr_refugees",
        lambda b: b.replace(b",false,", b",0,").replace(b",true,", b",1,"),
    ),
    "booleans in capitals": ("unhcr_refugees", lambda b: b.replace(b",false,", b",FALSE,")),
    # Spaces around a number.
    "spaces around a number": ("sk_arrivals", lambda b: b.replace(b",2914,", b", 2914 ,")),
}


@pytest.mark.parametrize("case", CASES)
def test_valid_variant_loads_as_validated(tmp_path, case):
    TABLE, edit = CASES[case]
    package = _variant(tmp_path, TABLE, edit)
    try:
        validate(TABLE, package)
    except Exception as error:  # a variant the rules reject never loads; that is fine too
        with pytest.raises(type(error)):
            load(TABLE, package)
        return
    table = load(TABLE, package)
    resource = _resource(TABLE, package)
    expected = [[row[f.name] for f in resource.schema.fields] for row in resource.read_rows()]
    assert len(table) == len(expected)
    for line, (got, want) in enumerate(zip(table.itertuples(index=False), expected, strict=True)):
        for column, g, w in zip(table.columns, got, want, strict=True):
            if w is None:
                assert pd.isna(g), f"{case}: line {line + 2}, {column}: {g!r} should be missing"
            else:
                assert not pd.isna(g) and str(g) == str(w), (
                    f"{case}: line {line + 2}, {column}: loaded {g!r}, validated {w!r}"
                )


def test_a_kept_table_is_the_validated_one_and_an_edit_validates_again(tmp_path):
    """_build/validated/ keeps what validation read; any edit to what it read makes it stale."""
    from nkbook import data, validation

    package = _variant(tmp_path, "sk_arrivals", lambda b: b)
    assert data.validate_all(package) == []
    kept = list((tmp_path / "_build" / "validated").glob("sk_arrivals-*.pickle"))
    assert len(kept) == 1
    pd.testing.assert_frame_equal(pd.read_pickle(kept[0]), validation.read("sk_arrivals", package))
    before = data._fingerprint("sk_arrivals", package)
    for edited in (package.parent / "sk_arrivals.csv", package):
        edited.write_bytes(edited.read_bytes() + b"\n")
        assert data._fingerprint("sk_arrivals", package) != before, f"{edited.name} not seen"
        before = data._fingerprint("sk_arrivals", package)


def test_nothing_is_kept_while_any_table_is_bad(tmp_path):
    from nkbook import data

    package = _variant(tmp_path, "sk_arrivals", lambda b: b.replace(b",2914,", b",many,"))
    assert data.validate_all(package)
    assert not (tmp_path / "_build").exists()
