"""Sphinx extension (listed in _config.yml) that keeps the built book correct and offline.

1. Fresh numbers. jupyter-cache decides whether to re-run a notebook from its code
   cells only, so an edit to a CSV would leave stale charts. Before a chapter is
   parsed we append a hidden cell holding a fingerprint of the data files it loads
   and of this helper module, and tell Sphinx the chapter depends on them: a data
   edit re-reads and re-executes exactly the chapters that use that data.
2. Offline charts and data. Vega, Vega-Lite and vega-embed are copied from node_modules
   (pinned in package-lock.json) into the built site; pages that hold a chart get the
   loader nk-charts.js, which fetches them when the first chart nears the screen.
   The CSV files of data/ are copied to the site for download.
   Theme scripts that the first paint does not need are deferred.
3. Glossary on hover. Every {term} link gets the term's definition as its title, so the
   browser shows it on hover without another script.
4. Fact-check records. The introduction's <head> carries the blog-post audit as schema.org
   ClaimReview JSON-LD (nkbook.claimreview), one record per claim in data/seed_claims.csv.
5. No stray scripts. sphinx-thebe (always loaded by Jupyter Book 1) adds an inline
   script that declares THEBE_JS_URL twice and points at a CDN; the book does
   not use Thebe, so its scripts are dropped from every page.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

from nkbook.book import declared
from nkbook.claimreview import claim_review_script
from nkbook.data import BIB_PATH, DATA_DIR, PACKAGE_PATH, ROOT, descriptor

HELPER_DIR = Path(__file__).resolve().parent
STATIC_DIR = HELPER_DIR / "static"
VENDOR = {  # file served by the book -> where npm put it
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
# Scripts that inline or template scripts call as the page parses, so they cannot be deferred.
SYNC_SCRIPTS = ("documentation_options", "doctools", "sphinx_highlight")
PAGE_SCRIPT = "nk-charts.js"  # it loads the VENDOR files itself, when a chart nears the screen


def _dependencies(text: str) -> tuple[list[str], list[Path]]:
    """The tables a chapter declares, and every file its outputs depend on beyond its source.

    Both come from the chapter's front matter (nkbook.book.declared), never from its code.
    """
    tables, files = declared(text)
    paths = {r["name"]: DATA_DIR / r["path"] for r in descriptor()["resources"]}
    if unknown := set(tables) - paths.keys():
        raise ExtensionError(f"front matter declares unknown tables {sorted(unknown)}")
    # The helper code that notebooks run; this file and the page loader shape only the HTML
    # (a change to them rebuilds the pages through env_version, without re-running notebooks).
    helper = sorted(p for p in HELPER_DIR.glob("*.py") if p.name != "sphinx.py")
    inputs = [PACKAGE_PATH, BIB_PATH, *(paths[t] for t in tables), *files, *helper]
    return tables, inputs


def _declaration_cell(tables: list[str]) -> str:
    """A hidden first cell: load() then refuses any table the front matter did not declare."""
    return (
        "\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
        "# tables declared in the front matter (added by nkbook.sphinx)\n"
        f"__import__('nkbook.data').data.declare_tables({tables!r})\n```\n"
    )


def with_fingerprint(text: str) -> tuple[str, list[Path]]:
    """A chapter's source with its hidden declaration and fingerprint cells, and the files
    that went into the fingerprint."""
    if "{code-cell}" not in text:
        return text, []
    tables, inputs = _dependencies(text)
    inputs = [path for path in inputs if path.exists()]
    # The declaration goes right after the front matter, before any cell that loads data.
    end = text.index("\n---", 3) + len("\n---\n")
    text = text[:end] + _declaration_cell(tables) + text[end:]
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    text = (
        text.rstrip("\n") + "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
        f"# inputs fingerprint (added by nkbook.sphinx): {digest.hexdigest()}\n```\n"
    )
    return text, inputs


def add_fingerprint(app, docname: str, source: list[str]) -> None:
    source[0], inputs = with_fingerprint(source[0])
    for path in inputs:
        app.env.note_dependency(str(path))


def page_description(doctree) -> str:
    """The first paragraph of running text, for the page's meta description (search engines)."""
    for paragraph in doctree.findall(nodes.paragraph):
        inside_box = any(isinstance(p, nodes.Admonition) for p in _ancestors(paragraph))
        text = " ".join(paragraph.astext().split())
        if not inside_box and len(text) > 60:
            return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."
    return ""


def handouts(app) -> set[str]:
    """Names of the chapter handouts that exist in the built site (made by `make pdf`)."""
    return {path.stem for path in (Path(app.outdir) / "pdf").glob("*.pdf")}


def rewrite_pages_when_handouts_change(app, env, added, changed, removed) -> list[str]:
    """Pages whose handout appeared or disappeared since the last build must be written again."""
    now, before = handouts(app), env.__dict__.get("nkbook_handouts")
    env.__dict__["nkbook_handouts"] = now
    if before is None or before == now:
        return []
    return [doc for doc in env.found_docs if doc.rpartition("/")[2] in now ^ before]


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def add_chart_scripts(app, pagename, templatename, context, doctree) -> None:
    if pagename == app.config.root_doc:  # the introduction holds the blog-post audit
        context["metatags"] = (
            context.get("metatags", "")
            + "\n"
            + claim_review_script(
                app.config.html_title  # the book title of _config.yml
            )
        )
    if doctree is not None and (description := page_description(doctree)):
        escaped = description.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        context["metatags"] = context.get("metatags", "") + (
            f'\n    <meta name="description" content="{escaped}" />'
        )
    # sphinxcontrib-bibtex marks the reference list role="list" but its entries are not list
    # items, which screen readers (and axe: aria-required-children) reject.
    # Its entries carry role="doc-biblioentry", a role ARIA has deprecated: drop both.
    context["body"] = (
        context.get("body", "")
        .replace('<div role="list" class="citation-list">', '<div class="citation-list">')
        .replace(' role="doc-biblioentry"', "")
    )
    body = context["body"]
    name = pagename.rpartition("/")[2]
    # A chapter links its printable handout only once `make pdf` has made it: no dead link.
    if name in handouts(app) and "</h1>" in body:
        link = (
            f'<p class="nk-handout"><a href="../pdf/{name}.pdf">Printable handout of this '
            "chapter (PDF)</a></p>"
        )
        context["body"] = body.replace("</h1>", "</h1>" + link, 1)
    scripts = context.get("script_files", [])
    scripts[:] = [s for s in scripts if not _is_thebe(s) and not _unused(s)]
    # One stylesheet instead of ten (each blocks the first paint on a slow phone connection):
    # the page links nk-bundle.css, which write_css_bundle makes from these files. (A new list:
    # the builder's own list must keep them for the bundle.)
    app.env.__dict__["nkbook_css"] = [c.filename for c in context["css_files"] if not _unused(c)]
    context["css_files"] = []
    for script in scripts:  # the first paint needs none of them (see SYNC_SCRIPTS)
        if script.filename and not any(name in script.filename for name in SYNC_SCRIPTS):
            script.attributes.setdefault("defer", "defer")
    if "data-nk-chart" in context.get("body", ""):
        app.add_js_file(f"nkbook/{PAGE_SCRIPT}", loading_method="defer", priority=900)


# Files Jupyter Book 1 adds to every page for features this book does not use.
UNUSED_ASSETS = ("sphinx-thebe.css", "sphinx-design.min.css", "design-tabs.js")


def _unused(asset) -> bool:
    return any(name in (getattr(asset, "filename", None) or "") for name in UNUSED_ASSETS)


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", None) or ""
    body = getattr(script, "attributes", {}).get("body", "")
    return "thebe" in filename or "THEBE_JS_URL" in body


def copy_scripts(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "nkbook"
    target.mkdir(parents=True, exist_ok=True)
    modules = ROOT / "node_modules"
    for name, relative in VENDOR.items():
        source = modules / relative
        if not source.exists():
            raise ExtensionError(f"{source} is missing: run `npm ci` (make book does)")
        shutil.copyfile(source, target / name)
    for path in STATIC_DIR.glob("*"):
        shutil.copyfile(path, target / path.name)
    # Sphinx skips copying _static/ when no page changed, so a CSS-only edit would not show.
    for path in (ROOT / "_static").glob("*"):
        if path.is_file():
            shutil.copyfile(path, Path(app.outdir) / "_static" / path.name)
    write_css_bundle(app)
    write_root_page(app)
    # The tables and their dictionary, for the download links on "The data" page.
    data_target = Path(app.outdir) / "data"
    data_target.mkdir(exist_ok=True)
    for path in [PACKAGE_PATH, *DATA_DIR.glob("*.csv"), *DATA_DIR.glob("*.geojson")]:
        shutil.copyfile(path, data_target / path.name)


def write_root_page(app) -> None:
    """index.html: a valid page that sends readers on to the introduction.

    sphinx-external-toc writes a bare <meta> refresh (no doctype, no title), which the HTML
    checker rejects and which shows a blank page where redirects are off.
    """
    title = html.escape(app.config.html_title)
    target = f"{app.config.root_doc}.html"
    (Path(app.outdir) / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n</head>\n<body>\n'
        f'<p><a href="{target}">{title}: start reading</a></p>\n</body>\n</html>\n',
        encoding="utf-8",
    )


def write_css_bundle(app) -> None:
    """_static/styles/nk-bundle.css: the theme's stylesheets and the page stylesheets, in order.

    The bundle sits beside the theme's CSS in styles/, so the theme's relative addresses
    (fonts) still work; addresses in the files one folder up get "../".
    """
    static = Path(app.outdir) / "_static"
    # The page stylesheets are known only when pages were written; remember them for the
    # builds that write no page (a CSS edit must still reach the bundle).
    listing = static / "styles" / "nk-bundle.json"
    recorded = app.env.__dict__.get("nkbook_css")
    if recorded:
        listing.write_text(json.dumps(recorded), encoding="utf-8")
    elif listing.exists():
        recorded = json.loads(listing.read_text(encoding="utf-8"))
    names = ["basic.css", "styles/pydata-sphinx-theme.css"]
    for name in dict.fromkeys(recorded or []):
        names.append(name.split("?")[0].removeprefix("_static/"))
    parts = []
    for name in names:
        path = static / name
        if not path.exists():
            raise ExtensionError(f"stylesheet {name} is missing from the built site")
        css = path.read_text(encoding="utf-8")
        if "/" not in name:
            css = re.sub(r"url\((['\"]?)(?!data:|https?:|/|#)", r"url(\1../", css)
        parts.append(f"/* {name} */\n{css}")
    (static / "styles" / "nk-bundle.css").write_text("\n".join(parts), encoding="utf-8")


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


def add_term_titles(app, doctree, docname) -> None:
    definitions = app.env.__dict__.get("nkbook_terms", {})
    for reference in doctree.findall(nodes.reference):
        anchor = reference.get("refuri", "").rpartition("#")[2] or reference.get("refid", "")
        if anchor.startswith("term-") and anchor in definitions:
            reference["reftitle"] = definitions[anchor][1]


def setup(app):
    app.connect("doctree-read", collect_definitions)
    app.connect("env-purge-doc", purge_definitions)
    app.connect("doctree-resolved", add_term_titles)
    app.connect("source-read", add_fingerprint)
    app.connect("env-get-outdated", rewrite_pages_when_handouts_change)
    app.connect("html-page-context", add_chart_scripts)
    # Late (priority 900): other extensions copy their stylesheets at build-finished too.
    app.connect("build-finished", copy_scripts, priority=900)
    # A new version of this file, the page loader or a template rebuilds every page, since
    # the pages' HTML depends on them: Sphinx re-reads everything when env_version changes.
    templates = sorted((ROOT / "_templates").rglob("*.html"))
    own_code = b"".join(
        p.read_bytes() for p in [Path(__file__), STATIC_DIR / PAGE_SCRIPT, *templates]
    )
    env_version = int(hashlib.sha256(own_code).hexdigest()[:8], 16)
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "version": "1",
        "env_version": env_version,
    }
