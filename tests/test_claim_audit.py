"""The blog-post audit: every claim of the post, its evidence on the page and in ClaimReview."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, toc_files
from nkbook.data import describe
from nkbook.sources import bib_keys

CLAIMS = pd.read_csv(
    ROOT / "data" / "seed_claims.csv",
    keep_default_na=False,
    na_values=[""],
    dtype={"passage_year": "Int64"},
)
SEED = next((ROOT.parent / "shared" / "seed").glob("*.txt"), None)
VERDICTS = next(
    f["constraints"]["enum"]
    for f in describe("seed_claims")["schema"]["fields"]
    if f["name"] == "verdict"
)


def _words(text: str) -> str:
    """Lower-case words only, so quotes match across dashes, quotes and line breaks."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_the_audit_covers_the_whole_post_in_order():
    assert len(CLAIMS) >= 16
    assert list(CLAIMS["claim_id"]) == list(range(1, len(CLAIMS) + 1))
    assert (
        set(CLAIMS["verdict"])
        <= set(VERDICTS)
        == {"holds", "imprecise", "outdated", "wrong", "unverified"}
    )


@pytest.mark.skipif(SEED is None, reason="shared/seed is not beside the repository")
def test_every_claim_quotes_the_post_in_the_post_order():
    post = _words(SEED.read_text(encoding="utf-8"))
    where = []
    for claim in CLAIMS.itertuples():
        # "..." marks words the audit left out; each piece must be in the post.
        pieces = [_words(p) for p in claim.seed_says.split("...") if _words(p)]
        for piece in pieces:
            assert piece in post, f"claim {claim.claim_id} does not quote the post: {piece!r}"
        where.append(post.index(pieces[0]))
    assert where == sorted(where), "claims are not in the post's order"


def test_every_part_of_the_post_is_audited():
    # Each clause of the post (split at . , ; :) is mostly quoted by one claim, or two in a row.
    if SEED is None:
        pytest.skip("shared/seed is not beside the repository")
    text = SEED.read_text(encoding="utf-8").split("[Source: Wikipedia]")[0]
    title, _, text = text.partition("\n")
    single = [set(_words(c).split()) for c in CLAIMS["seed_says"]]
    # A sentence may hold two claims in a row ("are females who settled through de facto marriage").
    claims = single + [a | b for a, b in zip(single, single[1:], strict=False)]
    for clause in re.split(r"[.,;:]\s", text):
        words = _words(clause).split()
        if len(words) < 4:
            continue
        best = max(sum(word in claim for word in words) / len(words) for claim in claims)
        assert best >= 0.7, f"no claim covers: {clause.strip()[:80]!r}"


def test_verdicts_follow_the_evidence_rules():
    keys = bib_keys()
    for claim in CLAIMS.itertuples():
        sources = claim.source_ids.split(";")
        assert all(key in keys for key in sources), claim.claim_id
        if claim.passage_kind == "none":
            assert claim.verdict == "unverified", f"claim {claim.claim_id}: no passage"
        else:
            assert isinstance(claim.passage, str) and claim.passage_year >= 1990
        # One sentence or two, not a paragraph.
        assert len(re.findall(r"[.!?](\s|$)", claim.evidence_says)) <= 3, claim.claim_id


class _Scripts(HTMLParser):
    """Collects the text of <script type="application/ld+json"> elements and <details> ids."""

    def __init__(self):
        super().__init__()
        self.jsonld, self.details, self._in = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in = tag == "script" and attrs.get("type") == "application/ld+json"
        if self._in:
            self.jsonld.append("")
        if tag == "details" and "nk-claim" in (attrs.get("class") or ""):
            self.details.append(attrs.get("id"))

    def handle_endtag(self, tag):
        self._in = False if tag == "script" else self._in

    def handle_data(self, data):
        if self._in:
            self.jsonld[-1] += data


def _intro(site: Path) -> tuple[str, _Scripts]:
    html = (site / f"{toc_files()[0]}.html").read_text(encoding="utf-8")
    parser = _Scripts()
    parser.feed(html)
    return html, parser


def test_claimreview_in_the_introduction_head_matches_the_data(site):
    html, parser = _intro(site)
    head = html.split("</head>")[0]
    assert 'type="application/ld+json"' in head, "the ClaimReview records are not in <head>"
    reviews = [r for block in parser.jsonld for r in json.loads(block)]
    assert len(reviews) == len(CLAIMS)
    for review, claim in zip(reviews, CLAIMS.itertuples(), strict=True):
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.seed_says
        assert review["reviewRating"]["alternateName"] == claim.verdict in VERDICTS
        assert review["reviewBody"] == claim.evidence_says
        # What Google's ClaimReview documentation requires: the review's address and date, and
        # the rating with its scale.
        assert review["url"] == f"#claim-{claim.claim_id}"
        assert f'id="claim-{claim.claim_id}"' in html
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
        scale = review["reviewRating"]
        assert (scale["worstRating"], scale["bestRating"]) == (1, 4)
        if claim.verdict == "unverified":
            assert "ratingValue" not in scale
        else:
            assert 1 <= scale["ratingValue"] <= 4
        assert review["itemReviewed"]["appearance"]["headline"].startswith("Where have all")
        assert "North Korean refugees" in review["author"]["name"]


def test_each_verdict_shows_its_evidence_on_demand(site):
    html, parser = _intro(site)
    assert parser.details == [f"claim-{i}" for i in CLAIMS["claim_id"]]
    for claim in CLAIMS.itertuples():
        entry = html.split(f'id="claim-{claim.claim_id}"')[1].split("</details>")[0]
        assert f'<strong class="nk-verdict">{claim.verdict}</strong>' in entry
        if claim.passage_kind == "quote":
            assert _words(claim.passage) in _words(unescape(entry))
            assert str(claim.passage_year) in entry
        assert f'href="{claim.chapter}.html"' in entry
        assert (ROOT / "chapters" / f"{claim.chapter}.md").exists()
