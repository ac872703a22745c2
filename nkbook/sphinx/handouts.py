"""A chapter links its printable handout (made by `make pdf`) only once it exists.

The link is a paragraph added under the page title in the resolved doctree, so no dead link
is ever written; a page is written again when its handout appears or disappears.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes


def handouts(app) -> set[str]:
    """Names of the chapter handouts that exist in the built site."""
    return {path.stem for path in (Path(app.outdir) / "pdf").glob("*.pdf")}


def rewrite_pages_when_handouts_change(app, env, added, changed, removed) -> list[str]:
    now, before = handouts(app), env.__dict__.get("nkbook_handouts")
    env.__dict__["nkbook_handouts"] = now
    if before is None or before == now:
        return []
    return [doc for doc in env.found_docs if doc.rpartition("/")[2] in now ^ before]


def add_handout_link(app, doctree, docname: str) -> None:
    name = docname.rpartition("/")[2]
    if app.builder.format != "html" or name not in handouts(app):
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    # The page's address relative to the site root decides how far up pdf/ is.
    up = "../" * docname.count("/")
    link = nodes.reference(
        "", "Printable handout of this chapter (PDF)", refuri=f"{up}pdf/{name}.pdf"
    )
    title.parent.insert(
        title.parent.index(title) + 1, nodes.paragraph("", "", link, classes=["nk-handout"])
    )


def setup(app):
    app.connect("env-get-outdated", rewrite_pages_when_handouts_change)
    app.connect("doctree-resolved", add_handout_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
