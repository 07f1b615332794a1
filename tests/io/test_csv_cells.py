"""CSV exports never carry a spreadsheet formula from user text."""

from __future__ import annotations

import csv
import io

from traktkit.io.csvexport import render_csv


def test_user_text_starting_like_a_formula_is_quoted_as_text() -> None:
    rows_in = [
        {"name": '=HYPERLINK("x")', "year": 2010},
        {"name": "@me", "year": None},
        {"name": "Plain", "year": 1999},
    ]
    text = render_csv(["name", "year"], rows_in)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ['\'=HYPERLINK("x")', "2010"]
    assert rows[2] == ["'@me", ""]
    assert rows[3] == ["Plain", "1999"]
