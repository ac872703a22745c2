"""The book's Sphinx extension (listed in _config.yml), one module per concern:

- freshness: hidden cells that declare a chapter's tables and fingerprint its inputs;
- handouts: the link to a chapter's printable handout, once `make pdf` has made it;
- glossary: the definition of a glossary term as the title of every link to it;
- metadata: the meta description, and the blog-post audit as ClaimReview on the introduction;
- a11y: accessible HTML for reference lists;
- assets: offline Vega files, deferred or dropped theme scripts, one CSS bundle, data files
  (unused_css: the bundle without the rules no page can use);
- citations: pybtex plugins looked up once per build, not once per citation, and the Korean
  words of the citation styles;
- icons: the icon fonts cut down to the icons the site shows;
- fonts: the Korean web font cut down to the Korean characters the site shows;
- editions: the student edition, without solutions or teacher-only material;
- lessons: the lesson plans, from lessons/<chapter>.yml;
- languages: glued numbers in translated text, and the switch between the English and Korean
  editions;
- numrefs: numbered references that do not unpickle a page each time.

Each module is an extension of its own (tests/test_sphinx_parts.py builds a tiny site with
each alone).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from nkbook.data import ROOT
from nkbook.sphinx import (
    a11y,
    assets,
    citations,
    editions,
    fonts,
    freshness,
    glossary,
    handouts,
    icons,
    languages,
    lessons,
    metadata,
    numrefs,
)

PARTS = (
    freshness,
    handouts,
    glossary,
    metadata,
    a11y,
    assets,
    citations,
    icons,
    fonts,
    editions,
    lessons,
    languages,
    numrefs,
)


def setup(app):
    for part in PARTS:
        part.setup(app)
    # A new version of this extension, the page loader or a template rebuilds every page,
    # since the pages' HTML depends on them: Sphinx re-reads everything when env_version
    # changes (without re-running notebooks: their fingerprints leave this folder out).
    own_code = sorted(Path(__file__).parent.glob("*.py")) + [assets.STATIC_DIR / assets.PAGE_SCRIPT]
    own_code += sorted((ROOT / "_templates").rglob("*.html"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in own_code)).hexdigest()
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "version": "1",
        "env_version": int(digest[:8], 16),
    }
