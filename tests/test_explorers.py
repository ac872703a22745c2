"""The explorers (charts with controls) work by keyboard and by touch, at 375 px and 1280 px,
in light and dark mode: every control has a visible label, changing it changes the chart, and
axe-core finds nothing serious or critical on the page.

The explorers are found in the built book (a chart with a .nk-chart-controls box), so a new
explorer in any chapter is tested too.
"""

from __future__ import annotations

import pytest

from conftest import SITE, serious_axe_violations, toc_files

EXPLORER_PAGES = [
    doc
    for doc in toc_files()
    if "nk-chart-controls" in (SITE / f"{doc}.html").read_text(encoding="utf-8")
]


def _open(browser, url, width, mode, touch):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=mode,
        has_touch=touch,
        is_mobile=touch,
    )
    page = context.new_page()
    page.goto(url)
    charts = page.locator("[data-nk-chart]")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).and_(page.locator(".nk-chart-drawn")).wait_for(timeout=15000)
    return page


def _drawing(page, chart_id: str) -> str:
    """What the chart shows: the text and the shapes of its SVG."""
    return page.locator(f"#{chart_id} svg").first.evaluate("s => s.innerHTML")


def _change_by_keyboard(page, control) -> None:
    control.focus()
    assert control.evaluate("e => e === document.activeElement"), "the control takes no focus"
    kind = control.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
    if kind.startswith("select"):
        page.keyboard.press("ArrowDown")  # the next option (Chromium changes it at once)
    else:  # a slider: move it one step towards the other end
        at_max = control.evaluate("e => Number(e.value) >= Number(e.max)")
        page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")


def _change_by_tap(page, control) -> None:
    kind = control.evaluate("e => e.tagName.toLowerCase()")
    box = control.bounding_box()
    if kind == "select":
        # A tap opens the phone's own list, which a test cannot see; the choice it makes
        # is an input event on the select, as here.
        control.tap()
        values = control.evaluate("e => [...e.options].map(o => o.value)")
        current = control.input_value()
        control.select_option(next(v for v in values if v != current))
    else:  # tap the slider's track a quarter of the way along
        page.touchscreen.tap(box["x"] + box["width"] * 0.25, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("how", ["keyboard", "tap"])
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("doc", EXPLORER_PAGES)
def test_every_control_changes_its_chart(browser, server, doc, width, mode, how):
    page = _open(browser, f"{server}/{doc}.html", width, mode, touch=how == "tap")
    boxes = page.locator(".nk-chart-controls")
    assert boxes.count(), "no explorer on the page"
    for b in range(boxes.count()):
        box = boxes.nth(b)
        chart_id = box.get_attribute("data-for")
        controls = box.locator("select, input")
        assert controls.count(), f"{chart_id}: no controls"
        for c in range(controls.count()):
            control = controls.nth(c)
            label = control.evaluate(
                "e => (e.closest('label') || {}).innerText || e.getAttribute('aria-label') || ''"
            )
            assert label.strip(), f"{chart_id}: control {c + 1} has no visible label"
            control.scroll_into_view_if_needed()
            size = control.bounding_box()
            assert size["height"] >= 24, f"{chart_id}: {label!r} is too small to tap ({size})"
            before = _drawing(page, chart_id)
            if how == "keyboard":
                _change_by_keyboard(page, control)
            else:
                _change_by_tap(page, control)
            page.wait_for_function(
                "([id, before]) => document.querySelector('#' + id + ' svg').innerHTML !== before",
                arg=[chart_id, before],
                timeout=5000,
            )
    violations = serious_axe_violations(page)
    assert violations == [], f"axe after using the controls ({width}px, {mode}): {violations}"
    page.context.close()
