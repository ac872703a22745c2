"""Page metadata in each page's <head>, through the template's `metatags`.

- A meta description: the page's first paragraph of running text (what search engines show).
- On the introduction (the root document), the blog-post audit as schema.org ClaimReview
  JSON-LD, one record per claim in data/seed_claims.csv (nkbook.claimreview). It is made when
  Sphinx reads the introduction, which it does again when seed_claims changes (the page
  declares the table), and kept with the page's metadata: a build that does not re-read the
  page does not load the table (and pandas) again.
"""

from __future__ import annotations

import html

from docutils import nodes

from nkbook.claimreview import claim_review_script


def page_description(doctree) -> str:
    """The first paragraph of running text outside boxes, at most 160 characters."""
    for paragraph in doctree.findall(nodes.paragraph):
        ancestors, node = [], paragraph
        while node.parent is not None:
            node = node.parent
            ancestors.append(node)
        text = " ".join(paragraph.astext().split())
        if not any(isinstance(a, nodes.Admonition) for a in ancestors) and len(text) > 60:
            return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."
    return ""


CLAIM_REVIEW = "nkbook_claim_review"  # its key in the page's metadata


def keep_claim_review(app, doctree) -> None:
    if app.env.docname == app.config.root_doc:
        script = claim_review_script(app.config.html_title)
        app.env.metadata[app.env.docname][CLAIM_REVIEW] = script


def add_metatags(app, pagename, templatename, context, doctree) -> None:
    tags = [context.get("metatags", "")]
    tags.append(app.env.metadata.get(pagename, {}).get(CLAIM_REVIEW, ""))
    if doctree is not None and (description := page_description(doctree)):
        tags.append(f'    <meta name="description" content="{html.escape(description)}" />')
    context["metatags"] = "\n".join(tag for tag in tags if tag)


def setup(app):
    app.connect("doctree-read", keep_claim_review)
    app.connect("html-page-context", add_metatags)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
