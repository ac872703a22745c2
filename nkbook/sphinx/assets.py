"""Offline, light pages: what each page loads, and the files the site serves.

- Vega, Vega-Lite and vega-embed are copied from node_modules (pinned in package-lock.json)
  into the site; pages that hold a chart get nkbook/static/nk-charts.js, which loads them
  when the first chart nears the screen. Nothing is fetched from outside the book.
- Theme scripts the first paint does not need are deferred; scripts and stylesheets of
  features the book does not use (Thebe, which would call a CDN, and sphinx-design) are
  dropped; the page stylesheets are served as one bundle (_templates/static/webpack-macros.html
  links it), without the rules no page can use.
- The tables of data/ are copied to the site for the download links on "The data".
- index.html is a valid page that sends readers on to the introduction.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

from nkbook.data import DATA_DIR, PACKAGE_PATH, ROOT
from nkbook.sphinx import unused_css

STATIC_DIR = ROOT / "nkbook" / "static"
VENDOR = {  # file served by the book -> where npm put it
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
# Scripts that inline or template scripts call as the page parses, so they cannot be deferred.
SYNC_SCRIPTS = ("documentation_options", "doctools", "sphinx_highlight")
PAGE_SCRIPT = "nk-charts.js"  # it loads the VENDOR files itself, when a chart nears the screen
# Files Jupyter Book 1 adds to every page for features this book does not use.
UNUSED_ASSETS = ("sphinx-thebe.css", "sphinx-design.min.css", "design-tabs.js", "thebe")


def _unused(asset) -> bool:
    filename = getattr(asset, "filename", None) or ""
    body = getattr(asset, "attributes", {}).get("body", "")
    # sphinx-thebe adds an inline script that declares THEBE_JS_URL (a CDN) twice.
    return any(name in filename for name in UNUSED_ASSETS) or "THEBE_JS_URL" in body


def trim_page_assets(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files", [])
    scripts[:] = [s for s in scripts if not _unused(s)]
    for script in scripts:  # the first paint needs none of them (see SYNC_SCRIPTS)
        if script.filename and not any(name in script.filename for name in SYNC_SCRIPTS):
            script.attributes.setdefault("defer", "defer")
    # One stylesheet instead of ten (each blocks the first paint on a slow phone connection):
    # remember the page's stylesheets for the bundle and link none of them one by one.
    app.env.__dict__["nkbook_css"] = [c.filename for c in context["css_files"] if not _unused(c)]
    context["css_files"] = []
    if "data-nk-chart" in context.get("body", ""):
        app.add_js_file(f"nkbook/{PAGE_SCRIPT}", loading_method="defer", priority=900)


def copy_assets(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    target = outdir / "_static" / "nkbook"
    target.mkdir(parents=True, exist_ok=True)
    for name, relative in VENDOR.items():
        source = ROOT / "node_modules" / relative
        if not source.exists():
            raise ExtensionError(f"{source} is missing: run `npm ci` (make book does)")
        shutil.copyfile(source, target / name)
    for path in STATIC_DIR.glob("*"):
        shutil.copyfile(path, target / path.name)
    # Sphinx skips copying _static/ when no page changed, so a CSS-only edit would not show.
    for path in (Path(app.srcdir) / "_static").glob("*"):
        if path.is_file():
            shutil.copyfile(path, outdir / "_static" / path.name)
    write_css_bundle(app)
    write_root_page(app)
    data_target = outdir / "data"
    data_target.mkdir(exist_ok=True)
    for path in [PACKAGE_PATH, *DATA_DIR.glob("*.csv"), *DATA_DIR.glob("*.geojson")]:
        shutil.copyfile(path, data_target / path.name)


def write_root_page(app) -> None:
    """index.html: a valid page that sends readers on to the introduction.

    sphinx-external-toc writes a bare <meta> refresh (no doctype, no title), which the HTML
    checker rejects and which shows a blank page where redirects are off.
    """
    if app.config.root_doc == "index":
        return  # the root page is index.html itself
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
    """_static/styles/nk-bundle.css: the theme's stylesheets and the page stylesheets, in order,
    without the rules no page can use (nkbook.sphinx.unused_css).

    The bundle sits beside the theme's CSS in styles/, so the theme's relative addresses
    (fonts) still work; addresses in the files one folder up get "../".
    """
    static = Path(app.outdir) / "_static"
    # The page stylesheets are known only when pages were written; remember them for the
    # builds that write no page (a CSS edit must still reach the bundle).
    listing = static / "styles" / "nk-bundle.json"
    listing.parent.mkdir(parents=True, exist_ok=True)
    recorded = app.env.__dict__.get("nkbook_css")
    if recorded:
        listing.write_text(json.dumps(recorded), encoding="utf-8")
    elif listing.exists():
        recorded = json.loads(listing.read_text(encoding="utf-8"))
    names = ["basic.css", "styles/pydata-sphinx-theme.css"]
    for name in dict.fromkeys(recorded or []):
        names.append(name.split("?")[0].removeprefix("_static/"))
    stylesheets = []
    for name in names:
        path = static / name
        if not path.exists():
            raise ExtensionError(f"stylesheet {name} is missing from the built site")
        css = path.read_text(encoding="utf-8")
        if "/" not in name:
            css = re.sub(r"url\((['\"]?)(?!data:|https?:|/|#)", r"url(\1../", css)
        stylesheets.append((name, css))
    css = unused_css.bundle(Path(app.outdir), stylesheets)
    (static / "styles" / "nk-bundle.css").write_text(css, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", trim_page_assets)
    # Late (priority 900): other extensions copy their stylesheets at build-finished too.
    app.connect("build-finished", copy_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
