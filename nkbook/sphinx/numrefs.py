"""Numbered references ("Figure 3") without unpickling a whole page for each one.

To number a figure, Sphinx reads the page that holds it from its pickle, every time: a page
with its charts is a large pickle, and the book's 70-odd references took 20 of a full build's
seconds. Here, while pages are written, each page read for a numbered reference is kept and
read again from memory; Sphinx only looks at it (the figure's node, to learn its kind). The
pages are forgotten when the build ends.
"""

from __future__ import annotations

from sphinx.domains.std import StandardDomain

_resolve_numref = StandardDomain._resolve_numref_xref
KEPT = "_nkbook_numref_doctrees"


def resolve_numref(self, env, *args, **kwargs):
    kept = env.__dict__.setdefault(KEPT, {})
    read = env.get_doctree

    def kept_doctree(docname: str):
        if docname not in kept:
            kept[docname] = read(docname)
        return kept[docname]

    env.get_doctree = kept_doctree  # for this call only (an attribute of this object)
    try:
        return _resolve_numref(self, env, *args, **kwargs)
    finally:
        del env.get_doctree


def forget(app, exception) -> None:
    app.env.__dict__.pop(KEPT, None)


def setup(app):
    StandardDomain._resolve_numref_xref = resolve_numref
    app.connect("build-finished", forget)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
