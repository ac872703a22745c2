"""What a chart's tooltips say reaches phone and keyboard readers too.

On a 375 px phone with touch, for every chart that has tooltips: with the chart focused, the
arrow keys choose marks one by one and the line under the chart (a status region, read out by
screen readers) shows the chosen mark's values; a tap on that mark shows the same values; and
every value shown is in the chart's data table.
"""

from __future__ import annotations

import re

import pytest
from test_charts_readable import PAGES


def _words(text: str) -> str:
    return " ".join(text.replace(",", "").split()).lower()


@pytest.mark.parametrize("doc", PAGES)
def test_tooltips_open_on_tap_and_keyboard(browser, server, doc):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto(f"{server}/{doc}.html")
    charts = page.locator("[data-nk-chart]")
    with_tooltips = 0
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        chart.and_(page.locator(".nk-chart-drawn")).wait_for(timeout=15000)
        chart_id = chart.get_attribute("id")
        details = page.locator(f'.nk-chart-details[data-for="{chart_id}"]')
        if chart.get_attribute("tabindex") != "0":
            continue  # no mark in this chart has a tooltip
        with_tooltips += 1
        chart.focus()
        shown = []
        for _ in range(3):
            page.keyboard.press("ArrowRight")
            text = details.text_content()
            assert text, f"chart {i + 1}: the arrow keys showed nothing"
            shown.append(text)
        assert len(set(shown)) > 1 or len(shown) == 1, f"chart {i + 1}: keys do not move: {shown}"

        # A tap on the mark the ring shows gives its values (or, where marks overlap, those of
        # the mark on top).
        ring = chart.locator(".nk-chart-ring").bounding_box()
        page.evaluate(f"document.querySelector('.nk-chart-details[data-for=\"{chart_id}\"]')"
                      ".textContent = ''")  # fmt: skip
        page.touchscreen.tap(ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2)
        tapped = details.text_content()
        assert tapped, f"chart {i + 1}: a tap on a mark showed nothing"
        shown.append(tapped)

        # Every value a tooltip shows is in the data table under the chart.
        table = _words(page.locator(f"#{chart_id} ~ details.nk-chart-data").first.text_content())
        for text in shown:
            for pair in text.split(" · "):
                value = _words(pair.split(": ", 1)[1])
                value = re.sub(r"\.0+\b", "", value)
                assert value in table, f"chart {i + 1}: {pair!r} is not in its data table"
    context.close()
    if with_tooltips == 0:
        pytest.skip(f"{doc} has no chart with tooltips")
