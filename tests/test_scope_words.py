"""Scope words come from the source: each estimate says whom it counts in its source's own word
(data/estimates.csv, column counts_words), and the charts label it with that word. The December
2026 review found a press range filed as "all North Koreans living in China", words no source
used (Human Rights Watch: "living in hiding"), and NKDB's "defectors" filed as all North Koreans."""

from __future__ import annotations

import re

import pytest
from test_time_axes import _specs

from conftest import ROOT, toc_files
from nkbook.data import load

ESTIMATES = load("estimates")
CHINA_WORDS = set(ESTIMATES.loc[ESTIMATES["place"] == "China", "counts_words"])


def _rows(spec) -> list[dict]:
    """Every data row a chart spec carries (its named datasets and inline values)."""
    return [row for values in spec.get("datasets", {}).values() for row in values]


@pytest.mark.parametrize("doc", ["chapters/china", "chapters/explore"])
def test_china_estimates_are_coloured_by_their_sources_words(doc):
    kinds = {
        row["counts"]
        for spec in _specs(doc)
        for row in _rows(spec)
        if isinstance(row, dict) and "counts" in row and "low" in row
    }
    assert kinds, f"{doc}: no estimate of North Koreans in China found in the charts"
    assert kinds == CHINA_WORDS, (
        f"{doc}: the chart says the estimates count {sorted(kinds)}; their sources say "
        f"{sorted(CHINA_WORDS)} (estimates.csv, counts_words)"
    )


def test_the_introduction_labels_each_estimate_with_its_sources_word():
    estimates = ESTIMATES[ESTIMATES["measure"] == "refugees_estimate"]
    labels = [
        row["counts"]
        for spec in _specs(toc_files()[0])
        for row in _rows(spec)
        if isinstance(row, dict) and "counts" in row and "place" in row
    ]
    assert labels, "no labelled estimate in the introduction's charts"
    checked = 0
    for label in labels:
        figure = label.split(" ", 1)[0]
        matching = estimates[
            estimates["low"].map("{:,}".format).eq(figure.split("-")[0])
            & estimates["high"].map("{:,}".format).eq(figure.split("-")[-1])
        ]
        if len(matching):
            assert any(words in label for words in matching["counts_words"]), (
                f"the introduction labels {label!r}, but its source counts "
                f"{list(matching['counts_words'])}"
            )
            checked += 1
    assert checked, "no estimate label in the introduction could be matched to its row"


SCOPE_NO_SOURCE_USES = re.compile(r"all North Koreans (?:living )?in China", re.I)


def test_no_page_says_a_china_estimate_counts_all_north_koreans_there():
    texts = [*ROOT.glob("chapters/*.md"), *ROOT.glob("lessons/*.yml"), *ROOT.glob("data/*.csv")]
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in texts
        for match in SCOPE_NO_SOURCE_USES.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"a scope no source of the book uses: {found}"
