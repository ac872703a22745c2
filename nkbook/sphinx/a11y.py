"""Accessibility fixes to how pages are written, as HTML visitors (no edits of finished HTML).

docutils writes a reference list as <div role="list"> whose entries are not list items, which
screen readers (and axe: aria-required-children) reject, and gives each entry the role
doc-biblioentry, which ARIA has deprecated. The book writes both as plain divs.
"""

from __future__ import annotations

from docutils import nodes


def visit_citation(self, node) -> None:
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname]))


def depart_citation(self, node) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


def setup(app):
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
