"""The stylesheet bundle without the rules no page can use.

The theme's stylesheet styles every component Bootstrap and pydata-sphinx-theme offer: 310 KB,
45 KiB gzipped, which a phone must download before it paints anything. A rule whose selectors
all name a class or an id that appears in no page and no script of the site can never apply,
so it is left out (about 3,000 of 4,300 rules; the bundle goes from 65 to 27 KiB gzipped).

The test is on names only, as PurgeCSS does it: a selector is kept when every class and id it
names appears somewhere in the site, in a page's class or id attributes or anywhere in a
script (the theme's scripts add classes such as "show" when a reader opens the menu). What a
selector says inside :not(), :is(), :where() or :has(), and its attribute selectors, are not
checked, so such a selector stays unless the rest of it is unused. At-rules are kept, and
@media, @supports, @layer and @container blocks are purged inside. Rules are cut out of the
text as written (not parsed and written again), so what is kept is byte for byte the theme's;
comments go, except licence notices ("/*!").

tests/test_pages.py and tests/test_navigation.py check what a reader sees with the result, in
light and dark, on a phone and a desktop.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from nkbook.sphinx.fonts import site_pages

ATTRIBUTE = re.compile(r'\b(?:class|id)="([^"]*)"')
WORD = re.compile(r"[A-Za-z_][\w-]*")
# A class or an id in a selector: ".bd-sidebar", "#searchbox" (escaped characters allowed).
NAME = re.compile(r"[.#](-?[_a-zA-Z][\w-]*(?:\\.[\w-]*)*)")
FUNCTION = re.compile(r":(?:not|is|where|has|nth-[a-z-]+)\(")
BLOCKS = {"media", "supports", "layer", "container"}
# A string (kept as it is), a licence notice (kept), or another comment (dropped).
STRING_OR_COMMENT = re.compile(
    r"(\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')|(/\*!.*?\*/)|/\*.*?\*/", re.S
)


def site_names(site: Path) -> set[str]:
    """Every class and id in the site's pages, and every word in its scripts."""
    names: set[str] = set()
    for page in site_pages(site):
        for value in ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            names.update(value.split())
    for script in (site / "_static").rglob("*.js"):
        names.update(WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def statements(css: str) -> list[tuple[str, str | None]]:
    """The top-level statements of `css` (without comments): (prelude, the text between its
    braces) for a rule or a block at-rule, (statement, None) for "@import ...;"."""
    items, depth, start, opened, quote, at = [], 0, 0, 0, None, 0
    while at < len(css):
        char = css[at]
        if quote:
            if char == "\\":
                at += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "{":
            opened = at if depth == 0 else opened
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                items.append((css[start:opened].strip(), css[opened + 1 : at]))
                start = at + 1
        elif char == ";" and depth == 0:
            items.append((css[start : at + 1].strip(), None))
            start = at + 1
        at += 1
    return items


def unchecked_removed(selector: str) -> str:
    """`selector` without attribute selectors and the arguments of :not(), :is() and the like
    (which may list alternatives, or names the element must not have)."""
    selector = re.sub(r"\[[^\]]*\]", "", selector)
    out, at = [], 0
    while match := FUNCTION.search(selector, at):
        out.append(selector[at : match.start()])
        depth, at = 1, match.end()
        while at < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[at], 0)
            at += 1
    return "".join(out) + selector[at:]


def split_selectors(prelude: str) -> list[str]:
    """The selectors of a rule's comma-separated list (commas inside brackets belong to one)."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [part for part in [*parts, current.strip()] if part]


def can_apply(selector: str, names: set[str]) -> bool:
    named = NAME.findall(unchecked_removed(selector))
    return all(name.replace("\\", "") in names for name in named)


def purged(css: str, names: set[str]) -> str:
    kept = []
    for prelude, block in statements(css):
        if block is None:
            kept.append(prelude)
        elif prelude.startswith("@"):
            keyword = re.match(r"@([\w-]*)", prelude).group(1).lower()
            inside = purged(block, names) if keyword in BLOCKS else block
            if inside.strip():
                kept.append(f"{prelude}{{{inside}}}")
        elif used := [s for s in split_selectors(prelude) if can_apply(s, names)]:
            kept.append(f"{','.join(used)}{{{block}}}")
    return "".join(kept)


def without_unused_rules(css: str, names: set[str]) -> str:
    """`css` without the rules that cannot apply, its licence notices first."""
    notices = []

    def drop_comment(match):
        if match[2]:
            notices.append(match[2])
        return match[1] or ""

    rules = purged(STRING_OR_COMMENT.sub(drop_comment, css), names)
    return "\n".join([*notices, rules])


def bundle(site: Path, stylesheets: list[tuple[str, str]]) -> str:
    """The stylesheets ((name, text), in order) as one, each under a comment with its name and
    without the rules the site cannot use. Kept beside the site under what it was made from,
    so a rebuild that changes no name and no stylesheet does not cut them again."""
    names = site_names(site)
    key = hashlib.sha256(f"{sorted(names)} {stylesheets}".encode()).hexdigest()[:16]
    kept = site.parent / ".css" / f"{key}.css"
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        for stale in kept.parent.glob("*.css"):
            stale.unlink()
        parts = [f"/* {name} */\n{without_unused_rules(css, names)}" for name, css in stylesheets]
        kept.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return kept.read_text(encoding="utf-8")
