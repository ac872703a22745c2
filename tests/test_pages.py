"""Every page in Debian's Chromium: charts drawn, nothing fetched from outside, no errors."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import toc_files

PAGES = toc_files()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _visit(page, url):
    """Open `url`, scroll through it so every chart draws, and return what went wrong."""
    outside, errors = [], []
    host = urlparse(url).netloc
    page.on(
        "request",
        lambda r: (
            urlparse(r.url).netloc not in ("", host)
            and not r.url.startswith("data:")
            and outside.append(r.url)
        ),
    )
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    charts = page.locator("[data-nk-chart]")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).locator("svg, canvas").first.wait_for(state="visible", timeout=15000)
    page.wait_for_load_state("networkidle")
    return outside, errors


@pytest.mark.parametrize("doc", PAGES)
def test_page_loads_offline_without_errors(page, server, doc):
    outside, errors = _visit(page, f"{server}/{doc}.html")
    assert outside == [], f"requests outside the book: {outside}"
    assert errors == [], f"console errors: {errors}"


@pytest.mark.parametrize("doc", PAGES)
def test_every_chart_is_drawn_and_described(page, server, doc):
    _visit(page, f"{server}/{doc}.html")
    charts = page.locator("[data-nk-chart]")
    for i in range(charts.count()):
        chart = charts.nth(i)
        box = chart.locator("svg, canvas").first.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, f"chart {i} on {doc}: {box}"
        assert chart.get_attribute("aria-label"), f"chart {i} on {doc} has no description"
        assert chart.locator("text").count() > 3, f"chart {i} on {doc} has no axis or title text"


def test_chart_scripts_only_on_chart_pages(site):
    for doc in PAGES:
        html = (site / f"{doc}.html").read_text(encoding="utf-8")
        has_chart = "data-nk-chart" in html
        assert ("vega.min.js" in html) == has_chart, doc
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html, doc
        assert "THEBE_JS_URL" not in html, doc
