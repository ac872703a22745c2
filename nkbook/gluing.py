"""glue(): MyST-NB's glue, for values that come out of pandas.

A number read from a DataFrame is a numpy or pandas scalar (numpy.int64, pandas' NA ...), which
MyST-NB would show as "np.int64(224)" or refuse. This converts such values to plain Python
numbers and strings first, and refuses a missing value, so a sentence never shows "<NA>".
tests/test_glue.py checks that every key a chapter glues is used in its text, and the reverse.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from myst_nb import glue as _myst_glue


def plain(value):
    """value as a plain Python int, float or str (charts and other objects pass unchanged)."""
    if value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        raise ValueError("glue() got a missing value: a sentence cannot show it")
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.str_):
        return str(value)
    return value


def glue(name: str, value, display: bool = False) -> None:
    """Store `value` under `name` for {glue:text}`name` and {glue:figure} in the chapter."""
    _myst_glue(name, plain(value), display=display)
