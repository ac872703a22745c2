"""The blog-post audit as schema.org ClaimReview records, for the introduction's <head>.

Fact-checkers publish each verdict as one ClaimReview (https://schema.org/ClaimReview) in
JSON-LD, so search tools and researchers can read the verdicts without scraping the page.
The records are built from data/seed_claims.csv, the same table the page shows, with what
Google's ClaimReview documentation asks for: `url` (the claim's own entry on the page, a
fragment of the page that carries the record), `datePublished` (the `reviewed` date of the
table in data/datapackage.json), `claimReviewed` and `reviewRating` on a stated scale.
"""

from __future__ import annotations

import json

from nkbook.data import describe, load

POST_TITLE = "Where have all the North Korean refugees gone?"
# The stored copy of the post that the book audits (its author and date are not known).
POST_URL = "https://familycarefoundation.biz/where-have-all-the-north-korean-refugees-gone/"


# The verdicts as a rating from worst (1) to best (4). "unverified" is not a degree of truth,
# so it keeps its name (alternateName) and no ratingValue.
RATING = {"wrong": 1, "imprecise": 2, "outdated": 3, "holds": 4}


def rating(verdict: str) -> dict:
    scale = {"@type": "Rating", "alternateName": verdict, "worstRating": 1, "bestRating": 4}
    return scale | ({"ratingValue": RATING[verdict]} if verdict in RATING else {})


def claim_reviews(book_title: str) -> list[dict]:
    """One ClaimReview per row of seed_claims, in the post's order."""
    book = {"@type": "Organization", "name": f"The contributors of “{book_title}”"}
    post = {"@type": "CreativeWork", "headline": POST_TITLE, "url": POST_URL}
    reviewed = describe("seed_claims")["reviewed"]
    return [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": f"claim-{claim.claim_id}",
            # Relative to the page that carries the record: an offline book has no address.
            "url": f"#claim-{claim.claim_id}",
            "datePublished": reviewed,
            "claimReviewed": claim.seed_says,
            "itemReviewed": {"@type": "Claim", "appearance": post},
            "author": book,
            "reviewRating": rating(claim.verdict),
            "reviewBody": claim.evidence_says,
        }
        for claim in load("seed_claims").itertuples()
    ]


def claim_review_script(book_title: str) -> str:
    """The <script type="application/ld+json"> element holding every ClaimReview."""
    text = json.dumps(claim_reviews(book_title), ensure_ascii=False, indent=1)
    # "</" inside a script element would end it early; JSON allows the escaped form.
    return '<script type="application/ld+json">\n' + text.replace("</", "<\\/") + "\n</script>"
