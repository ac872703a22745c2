"""Glossary on hover: every link to a glossary term gets the term's definition as its title,
so the browser shows it on hover (and screen readers can read it) without another script."""

from __future__ import annotations

from docutils import nodes


def collect_definitions(app, doctree) -> None:
    """Remember each glossary term's definition, keyed by its anchor (term-...)."""
    definitions = app.env.__dict__.setdefault("nkbook_terms", {})
    for item in doctree.findall(nodes.definition_list_item):
        terms = [t for t in item.findall(nodes.term) if t["ids"]]
        if terms and "glossary" in (item.parent.get("classes") or []):
            text = " ".join(item.children[-1].astext().split())
            for anchor in terms[0]["ids"]:
                definitions[anchor] = (app.env.docname, text[:280])


def purge_definitions(app, env, docname) -> None:
    terms = env.__dict__.get("nkbook_terms", {})
    for anchor in [a for a, (doc, _) in terms.items() if doc == docname]:
        del terms[anchor]


def merge_definitions(app, env, docnames, other) -> None:
    """Parallel reads: each worker's definitions join the main environment's."""
    env.__dict__.setdefault("nkbook_terms", {}).update(other.__dict__.get("nkbook_terms", {}))


def add_term_titles(app, doctree, docname) -> None:
    definitions = app.env.__dict__.get("nkbook_terms", {})
    for reference in doctree.findall(nodes.reference):
        anchor = reference.get("refuri", "").rpartition("#")[2] or reference.get("refid", "")
        if anchor.startswith("term-") and anchor in definitions:
            reference["reftitle"] = definitions[anchor][1]


def setup(app):
    app.connect("doctree-read", collect_definitions)
    app.connect("env-purge-doc", purge_definitions)
    app.connect("env-merge-info", merge_definitions)
    app.connect("doctree-resolved", add_term_titles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
