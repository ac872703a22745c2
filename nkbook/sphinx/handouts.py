"""Links to the printable files that `make pdf` makes, written only once they exist.

- A chapter links its handout: a paragraph added under the page title.
- A page with a container of class `nk-printables` (the teachers' page) lists every printable
  file: the whole book, the answer key, then each chapter's handout and worksheet.

Both are added in the resolved doctree, so no dead link is ever written; a page is written
again when the files it links appear or disappear.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

from nkbook.i18n import t  # the edition's words (make translations gathers MESSAGES below)


def handouts(app) -> set[str]:
    """Names of the chapter handouts that exist in the built site."""
    return {path.stem for path in (Path(app.outdir) / "pdf").glob("*.pdf")}


PRINTABLES = "nk-printables"  # the class of the container that lists them
WORKSHEET = "worksheet-"  # a chapter's worksheet: pdf/worksheet-<chapter>.pdf
# The two files that are not a chapter's handout, and how the list names them.
BOOK_FILES = {
    "book": "The whole book",
    "answer-key": "Answer key: every exercise with its solution",
}
HANDOUT_LINK = "Printable handout of this chapter (PDF)"
# Every word this part writes, for the translation catalogue (scripts/translations.py).
MESSAGES = [
    *BOOK_FILES.values(),
    HANDOUT_LINK,
    "Handout: {title}",
    "Worksheet: {title}",
    "{text} (PDF)",
]


def rewrite_pages_when_handouts_change(app, env, added, changed, removed) -> list[str]:
    now, before = handouts(app), env.__dict__.get("nkbook_handouts")
    env.__dict__["nkbook_handouts"] = now
    if before is None or before == now:
        return []
    listing = [doc for doc, meta in env.metadata.items() if meta.get(PRINTABLES)]
    return listing + [doc for doc in env.found_docs if doc.rpartition("/")[2] in now ^ before]


def note_printables(app, doctree) -> None:
    """Remember the pages that list the printable files (kept with the page's metadata)."""
    if any(PRINTABLES in node["classes"] for node in doctree.findall(nodes.container)):
        app.env.metadata[app.env.docname][PRINTABLES] = True


def reading_order(env, doc: str | None = None) -> list[str]:
    """Every document in the order of the table of contents, from the root."""
    doc = doc or env.config.root_doc
    return [doc] + [
        d for child in env.toctree_includes.get(doc, []) for d in reading_order(env, child)
    ]


def list_printables(app, doctree, docname: str) -> None:
    if app.builder.format != "html":
        return
    present = handouts(app)
    names = [n for n in BOOK_FILES if n in present]
    names += [
        d.rpartition("/")[2] for d in reading_order(app.env) if d.rpartition("/")[2] in present
    ]
    up = "../" * docname.count("/")
    for container in list(doctree.findall(nodes.container)):
        if PRINTABLES not in container["classes"] or not names:
            continue  # without files, the container's own text says how to make them
        items = nodes.bullet_list()
        for name in dict.fromkeys(names):
            doc = next((d for d in app.env.titles if d.rpartition("/")[2] == name), None)
            title = app.env.titles[doc].astext() if doc else ""
            label = (
                t(BOOK_FILES[name]) if name in BOOK_FILES else t("Handout: {title}", title=title)
            )
            files = [(label, name)]
            if f"{WORKSHEET}{name}" in present:
                files.append((t("Worksheet: {title}", title=title), f"{WORKSHEET}{name}"))
            for text, stem in files:
                link = nodes.reference(
                    "", t("{text} (PDF)", text=text), refuri=f"{up}pdf/{stem}.pdf"
                )
                items += nodes.list_item("", nodes.paragraph("", "", link))
        container.replace_self(items)


def add_handout_link(app, doctree, docname: str) -> None:
    name = docname.rpartition("/")[2]
    if app.builder.format != "html" or name not in handouts(app):
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    # The page's address relative to the site root decides how far up pdf/ is.
    up = "../" * docname.count("/")
    link = nodes.reference("", t(HANDOUT_LINK), refuri=f"{up}pdf/{name}.pdf")
    title.parent.insert(
        title.parent.index(title) + 1, nodes.paragraph("", "", link, classes=["nk-handout"])
    )


def setup(app):
    app.connect("env-get-outdated", rewrite_pages_when_handouts_change)
    app.connect("doctree-read", note_printables)
    app.connect("doctree-resolved", add_handout_link)
    app.connect("doctree-resolved", list_printables)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
