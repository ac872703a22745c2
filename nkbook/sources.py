"""references.bib: its one reader, and the list of publishers that never stand alone.

A statement in the book rests on its original publisher (the Ministry of Unification, UNHCR,
Human Rights Watch, a UN report ...). Encyclopedias anyone can edit, aggregators, advocacy
blogs, forum threads and student repositories may be read on the way to the original, but a
statement that rests on one of them alone must say "reported by X; the original was not found".
tests/test_sources.py enforces this on the data and the chapters, from the lists below.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urlparse

from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[1]
BIB_PATH = ROOT / "references.bib"

# The `publisher` field of a weak source, and why it is weak.
WEAK_PUBLISHERS = {
    "Wikimedia Foundation": "Wikipedia, an encyclopedia anyone can edit",
    "The Borgen Project": "an advocacy blog",
    "newsflash.one": "a news aggregator",
    "HNGN": "a news aggregator",
    "Visual Capitalist": "an infographics site that copies figures from others",
    "familycarefoundation.biz (blog)": "a blog",
}
# Mirrors, reposts, aggregators and forums: an entry's `url` never points at one of them; the
# entry names the original publisher, and its note gives the address of the copy that was read.
WEAK_HOSTS = (
    "wikipedia.org", "pinocchiopedia.com", "azureedge.net", "borgenproject.org", "newsflash.one",
    "hngn.com", "2names1scott.com", "mdsite.deno.dev", "powershow.com", "vdocuments.site",
    "military-quotes.com", "opensourceinvestigations.com", "tolerance.ca", "rapidnewshub.com",
    "docslib.org", "everycrsreport.com", "nkeconwatch.com", "blogspot.com",
)  # fmt: skip
# What a statement resting on a weak source alone must say.
NOT_FOUND = "not found"


# A title the book wrote itself, in brackets, for an item without one or in another language:
# "{[Report of 2011 on ...]}". The Korean edition translates it (scripts/korean.py).
DESCRIPTION = re.compile(r"\{\[.*\]\}", re.S)


@functools.cache
def _entries(path: Path, mtime: int) -> dict[str, dict[str, str]]:
    database = parse_file(str(path), bib_format="bibtex")
    return {key: dict(entry.fields) for key, entry in database.entries.items()}


def entries(path: Path = BIB_PATH) -> dict[str, dict[str, str]]:
    """Every entry of references.bib: key -> its fields (publisher, title, url, note ...)."""
    return _entries(path, path.stat().st_mtime_ns)


def bib_keys(path: Path = BIB_PATH) -> set[str]:
    """The citation keys defined in references.bib."""
    return set(entries(path))


def is_weak(key: str) -> bool:
    """True for a source that may not stand alone behind a statement."""
    return entries().get(key, {}).get("publisher", "") in WEAK_PUBLISHERS


def is_studied(key: str) -> bool:
    """True for a source the book examines rather than relies on (the blog post it audits)."""
    return "studied" in entries().get(key, {}).get("keywords", "")


def weak_host(url: str) -> str | None:
    """The weak host an address points at, if any."""
    host = urlparse(url).netloc.lower()
    return next((h for h in WEAK_HOSTS if host == h or host.endswith("." + h)), None)
