"""Every page in Debian's Chromium, as readers meet it: offline, light and dark, desktop and phone.

Each visit scrolls through the page so every chart draws, then checks: no request left the
book, no console error, every chart drawn and described, and no serious or critical axe-core
violation.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT, serious_axe_violations, toc_files

# Every page of both editions: English at the root, Korean under ko/.
PAGES = toc_files() + [f"ko/{doc}" for doc in toc_files()]


def _open(browser, url, *, width=1280, mode="light"):
    """Open `url`; scroll so every chart draws; return the page and what went wrong."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=mode)
    page = context.new_page()
    outside, errors = [], []
    host = urlparse(url).netloc

    def on_request(request):
        if urlparse(request.url).netloc not in ("", host) and not request.url.startswith("data:"):
            outside.append(request.url)

    page.on("request", on_request)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    charts = page.locator("[data-nk-chart]")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        # The static SVG is there at once; wait for the interactive chart that replaces it.
        charts.nth(i).and_(page.locator(".nk-chart-drawn")).wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    return page, outside, errors


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("doc", PAGES)
def test_page_offline_drawn_and_accessible(browser, server, doc, mode):
    page, outside, errors = _open(browser, f"{server}/{doc}.html", mode=mode)
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    assert outside == [], f"requests outside the book: {outside}"
    assert errors == [], f"console errors: {errors}"

    charts = page.locator("[data-nk-chart]")
    for i in range(charts.count()):
        chart = charts.nth(i)
        box = chart.locator("svg").first.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, f"chart {i}: {box}"
        assert chart.get_attribute("aria-label"), f"chart {i} has no description"
        texts = chart.locator("svg text")
        assert texts.count() > 3, f"chart {i} has no title or axis text"
        # Contrast, size, clipping and overlap of every text: tests/test_charts_readable.py.

    violations = serious_axe_violations(page)
    assert violations == [], f"axe ({mode}): {violations}"
    page.context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("doc", PAGES)
def test_phone_width_has_no_sideways_scroll_and_is_accessible(browser, server, doc, mode):
    page, _, errors = _open(browser, f"{server}/{doc}.html", width=375, mode=mode)
    violations = serious_axe_violations(page)
    assert violations == [], f"axe ({mode}, 375 px): {violations}"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{doc} scrolls sideways by {overflow}px at 375px"
    for box in page.locator("[data-nk-chart] svg").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    ):
        assert box <= 375, f"{doc}: a chart is wider than the phone ({box}px)"
    page.context.close()


def test_charts_follow_the_theme_toggle_without_reload(browser, server):
    chart_pages = [
        d for d in PAGES if "data-nk-chart" in (ROOT / "_build/html" / f"{d}.html").read_text()
    ]
    page, _, _ = _open(browser, f"{server}/{chart_pages[0]}.html", mode="light")
    title = page.locator("[data-nk-chart] svg text").first
    before = title.evaluate("e => getComputedStyle(e).fill")
    for _ in range(3):  # the button cycles through light, dark and auto
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            break
        page.locator(".theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.wait_for_function(
        "document.querySelector('[data-nk-chart]').dataset.nkMode === 'dark'", timeout=5000
    )
    after = page.locator("[data-nk-chart] svg text").first.evaluate("e => getComputedStyle(e).fill")
    assert before != after, "the chart kept its light-mode text colour in dark mode"
    page.context.close()


def test_chart_scripts_only_on_chart_pages(site):
    for doc in PAGES:
        html = (site / f"{doc}.html").read_text(encoding="utf-8")
        has_chart = "data-nk-chart" in html
        assert ("nk-charts.js" in html) == has_chart, doc
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html), doc
        assert "THEBE_JS_URL" not in html, doc


def test_search_works_offline(browser, server):
    page, outside, errors = _open(browser, f"{server}/search.html?q=UNHCR")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(state="visible", timeout=15000)
    assert results.count() >= 3, "searching for UNHCR should find several pages"
    assert outside == [] and errors == [], (outside, errors)
    page.context.close()


def test_the_search_box_on_a_phone_finds_pages(browser, server):
    """Pages do not carry the search index; the search box sends the reader to search.html."""
    page, outside, errors = _open(browser, f"{server}/chapters/china.html", width=375)
    page.locator(".search-button__button:visible").first.click()
    box = page.locator("#pst-search-dialog input[type=search]")
    box.fill("UNHCR")
    box.press("Enter")
    results = page.locator("#search-results ul.search li")
    # Sphinx lists the pages one by one, then writes its summary: count once it has finished.
    page.wait_for_function(
        "() => /found/i.test(document.querySelector('#search-results .search-summary')"
        "?.textContent || '')",
        timeout=15000,
    )
    assert results.count() >= 3, "searching for UNHCR from a chapter should find several pages"
    assert outside == [] and errors == [], (outside, errors)
    page.context.close()


def test_keyboard_reaches_controls_and_shows_focus(browser, server):
    """Tab through a chart page: each stop is on screen and visibly marked."""
    page, _, _ = _open(browser, f"{server}/chapters/south-korea.html")
    page.locator("body").click(position={"x": 1, "y": 1})
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                 const r = e.getBoundingClientRect();
                 return {tag: e.tagName, text: (e.innerText || e.getAttribute('aria-label') || '')
                           .trim().slice(0, 30), w: r.width, h: r.height,
                         marked: s.outlineStyle !== 'none' && s.outlineWidth !== '0px'
                                 || s.boxShadow !== 'none'}; }"""
        )
        if focus["tag"] == "BODY":
            continue
        seen.append(focus)
        assert focus["w"] > 0 and focus["h"] > 0, f"focus on an invisible element: {focus}"
        assert focus["marked"], f"no visible focus mark on {focus}"
    assert len(seen) >= 10, "the keyboard reaches too few controls"
    page.context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_every_chart_is_readable_with_javascript_off(browser, server, width):
    """The static SVG drawn at build time shows every chart before (or without) any script."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    checked = 0
    for doc in PAGES:
        page.goto(f"{server}/{doc}.html", wait_until="load")
        charts = page.locator("[data-nk-chart]")
        for i in range(charts.count()):
            # The narrow or the wide drawing, whichever fits the column (the other is hidden).
            svg = charts.nth(i).locator(".nk-chart-static svg").locator("visible=true")
            assert svg.count() == 1, f"{doc} chart {i}: {svg.count()} drawings shown"
            box = svg.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 50, f"{doc} chart {i}: {box}"
            assert box["x"] + box["width"] <= width, f"{doc} chart {i} is wider than {width}px"
            assert svg.locator("text").count() > 3, f"{doc} chart {i} has no title or axis text"
            checked += 1
    assert checked >= 20, f"only {checked} charts found"
    context.close()


@pytest.mark.parametrize("doc", PAGES)
def test_a_first_visit_loads_vega_only_for_a_chart_on_screen(browser, server, doc):
    """On a phone screen (Lighthouse's, 412 x 823), Vega is downloaded on a first visit only
    when a chart is on the screen: until then the drawing made at build time shows the chart,
    and the page stays light (bench/pages.md: at most 200 KiB). A chart on the screen is
    drawn by Vega, for its tooltips and controls."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/{doc}.html", wait_until="load")
    page.wait_for_load_state("networkidle")
    on_screen = page.evaluate(
        "[...document.querySelectorAll('[data-nk-chart]')]"
        ".some(chart => chart.getBoundingClientRect().top < innerHeight)"
    )
    vega = [url for url in requested if re.search(r"/vega(-lite|-embed)?\.min\.js", url)]
    context.close()
    assert bool(vega) == on_screen, f"{doc}: chart on screen {on_screen}, Vega loaded {vega}"
