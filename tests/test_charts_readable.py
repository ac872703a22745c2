"""Every chart, as a reader sees it: at 375 px and 1280 px, in light and dark mode, drawn
(JavaScript on) and static (JavaScript off).

For every visible SVG text of every chart: it lies inside its chart, overlaps no other text,
is drawn at 11 px or more, and has a contrast of 4.5:1 or more against what is really behind
it (the topmost bar, area or symbol under its centre, else the page). For every mark a reader
needs (lines, rules, points, bars, areas, axis lines; not grid lines): a contrast of 3:1 or
more against the page (WCAG 1.4.11); shapes in the context colour, or in a layer named
"context", are left out, as a reader does not need them. Each failure names the page, chart
and text.

`python tests/test_charts_readable.py` measures the whole built book at once and prints every
problem, with the smallest text and the lowest contrasts it found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, toc_files
from nkbook.charts import COLOURS, DARK_MODE_SWAPS

PAGES = [
    doc
    for doc in toc_files()
    if "data-nk-chart" in (ROOT / "_build" / "html" / f"{doc}.html").read_text(encoding="utf-8")
]

MEASURE_JS = (Path(__file__).parent / "tools" / "measure_charts.js").read_text(encoding="utf-8")

# Shapes a reader does not need (nkbook.charts COLOURS["context"], light and dark).
CONTEXT_COLOURS = [COLOURS["context"], DARK_MODE_SWAPS[COLOURS["context"]]]
MIN_TEXT_PX = 11
MIN_TEXT_CONTRAST = 4.5
MIN_MARK_CONTRAST = 3.0


def _visit(browser, url, width, mode, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=mode,
        java_script_enabled=javascript,
        device_scale_factor=1,
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    if javascript:
        charts = page.locator("[data-nk-chart]")
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()
            charts.nth(i).and_(page.locator(".nk-chart-drawn")).wait_for(timeout=15000)
    else:
        # With JavaScript off the page follows the reader's colour scheme through CSS only.
        page.emulate_media(color_scheme=mode)
    return page


def _problems(report: dict, view: str) -> dict[str, str]:
    """Each problem as a stable key (page, view, chart, text, rule) -> the measured details."""
    problems = {}
    for chart in report["charts"]:
        where = f"{view} chart {chart['index'] + 1}"
        for text in chart["texts"]:
            label = f"{where} text {text['text'][:30]!r}"
            if not text["inside"]:
                problems[f"{label} clipped"] = f"{text['box']} outside {chart['box']}"
            if text["px"] < MIN_TEXT_PX:
                problems[f"{label} too small"] = f"{text['px']:.1f} px"
            if text["contrast"] < MIN_TEXT_CONTRAST:
                problems[f"{label} low contrast"] = (
                    f"{text['contrast']:.2f} ({text['fg']} on {text['bg']})"
                )
        for a, b in chart["overlaps"]:
            problems[f"{where} text {a[:30]!r} overlaps {b[:30]!r}"] = ""
        for mark in chart["marks"]:
            if mark["contrast"] < MIN_MARK_CONTRAST:
                problems[f"{where} {mark['role']} {mark['colour']} low contrast"] = (
                    f"{mark['contrast']:.2f} on {mark['bg']}"
                )
    return problems


def measure(browser, server, doc, width, mode, javascript) -> dict[str, str]:
    page = _visit(browser, f"{server}/{doc}.html", width, mode, javascript)
    report = page.evaluate(MEASURE_JS, CONTEXT_COLOURS)
    page.context.close()
    assert report["charts"], "no chart measured"
    view = f"{doc} {width}px {mode} {'drawn' if javascript else 'static'}"
    return _problems(report, view)


@pytest.mark.parametrize("javascript", [True, False], ids=["drawn", "static"])
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("doc", PAGES)
def test_every_chart_text_and_mark_is_readable(browser, server, doc, width, mode, javascript):
    problems = measure(browser, server, doc, width, mode, javascript)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(
        f"{key}: {detail}" for key, detail in list(problems.items())[:40]
    )


if __name__ == "__main__":  # measure the whole built book and print what is wrong
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, SITE, _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    found: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        for doc in PAGES:
            for width in (375, 1280):
                for mode in ("light", "dark"):
                    for javascript in (True, False):
                        found |= measure(browser, server, doc, width, mode, javascript)
        browser.close()
    for key in sorted(found):
        print(f"{key}: {found[key]}")

    def lowest(is_text: bool, rule: str) -> str:
        values = [
            (float(detail.split()[0]), key)
            for key, detail in found.items()
            if key.endswith(rule) and (" text '" in key) == is_text
        ]
        if not values:
            return "none"
        value, key = min(values)
        return f"{value:.2f}: {key}"

    summary = {
        "problems": len(found),
        "smallest text (px)": lowest(True, "too small"),
        "lowest text contrast": lowest(True, "low contrast"),
        "lowest mark contrast": lowest(False, "low contrast"),
    }
    print(json.dumps(summary, indent=1), file=sys.stderr)
