"""Site navigation and page contents open at every width, with touch, mouse and keyboard.

On a phone (375 px, touch) the ☰ button opens the site navigation and the contents button
opens the page contents, as dialogs whose links can be tapped and take the reader there.
On a desktop (1280 px) the same buttons hide and show the sidebars, by mouse and by keyboard.
"""

from __future__ import annotations

import pytest

from conftest import AXE, toc_files

PAGES = toc_files()
# A page with several sections, so its contents list has links to tap.
PAGE_WITH_SECTIONS = "chapters/russia"

PRIMARY = ".bd-header-article .primary-toggle"
SECONDARY = ".bd-header-article .secondary-toggle"


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True
    )
    return context.new_page()


def _visible_links(page, dialog: str) -> list[str]:
    return page.evaluate(
        """(dialog) => [...document.querySelectorAll(dialog + ' a[href]')]
              .filter(a => { const r = a.getBoundingClientRect();
                             return r.width > 0 && r.height > 0
                                    && getComputedStyle(a).visibility !== 'hidden'; })
              .map(a => a.getAttribute('href'))""",
        dialog,
    )


@pytest.mark.parametrize("doc", PAGES)
def test_one_visible_button_of_each_kind(browser, server, doc):
    """Exactly one ☰ and one contents button, both visible: the theme wires the first."""
    page = _phone(browser)
    page.goto(f"{server}/{doc}.html")
    for button in (".primary-toggle", ".secondary-toggle"):
        count = page.locator(button).count()
        assert count <= 1, f"{doc}: {count} {button} buttons (scripts wire only the first)"
    assert page.locator(PRIMARY).is_visible(), f"{doc}: no visible site-navigation button"
    page.context.close()


def _open_on_phone(browser, server, button: str, dialog: str):
    """Tap `button` on a phone; return the page once `dialog` is open."""
    page = _phone(browser)
    page.goto(f"{server}/{PAGE_WITH_SECTIONS}.html")
    page.tap(button)
    page.wait_for_selector(f"{dialog}[open]", timeout=3000)
    return page


def test_phone_tap_opens_site_navigation_and_a_link_goes_there(browser, server):
    dialog = "#pst-primary-sidebar-modal"
    page = _open_on_phone(browser, server, PRIMARY, dialog)
    links = _visible_links(page, dialog)
    assert len(links) >= len(PAGES) - 1, f"site navigation shows {len(links)} links: {links}"
    page.locator(f"{dialog} a[href*='united-states']").first.tap()
    page.wait_for_url("**/united-states.html*", timeout=5000)
    page.context.close()


def test_phone_tap_opens_page_contents_and_a_link_goes_there(browser, server):
    dialog = "#pst-secondary-sidebar-modal"
    page = _open_on_phone(browser, server, SECONDARY, dialog)
    links = [h for h in _visible_links(page, dialog) if h.startswith("#")]
    assert len(links) >= 3, f"page contents shows {links}"
    page.locator(f"{dialog} a[href='{links[1]}']").tap()
    page.wait_for_function(f"location.hash === {links[1]!r}", timeout=5000)
    page.context.close()


def test_phone_keyboard_opens_site_navigation(browser, server):
    page = _phone(browser)
    page.goto(f"{server}/{PAGE_WITH_SECTIONS}.html")
    page.focus(PRIMARY)
    page.keyboard.press("Enter")
    page.wait_for_selector("#pst-primary-sidebar-modal[open]", timeout=3000)
    page.keyboard.press("Escape")
    page.wait_for_selector("#pst-primary-sidebar-modal:not([open])", state="attached")
    page.context.close()


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_desktop_buttons_hide_and_show_the_sidebars(browser, server, how):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/{PAGE_WITH_SECTIONS}.html")
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()

    def press():
        if how == "mouse":
            page.click(PRIMARY)
        else:
            page.focus(PRIMARY)
            page.keyboard.press("Enter")

    press()
    page.wait_for_function(
        "document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')",
        timeout=3000,
    )
    press()
    page.wait_for_function(
        "!document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')",
        timeout=3000,
    )
    page.context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 768])  # the theme hides it from 1200 px
def test_back_to_top_button_is_readable(browser, server, width, mode):
    """The button that appears when a reader scrolls up passes axe's contrast check."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=mode)
    page = context.new_page()
    page.goto(f"{server}/{PAGE_WITH_SECTIONS}.html")
    page.mouse.move(width / 2, 400)  # over the article, not a sidebar that scrolls on its own
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)  # the theme shows the button on the way back up
    button = page.locator("#pst-back-to-top")
    button.wait_for(state="visible", timeout=3000)
    page.wait_for_timeout(400)  # past the theme's colour transition
    page.add_script_tag(path=str(AXE))
    failing = page.evaluate(
        """async () => (await axe.run('#pst-back-to-top', {runOnly: ['color-contrast']}))
              .violations.flatMap(v => v.nodes.map(n => n.any.map(a => a.message).join(' ')))"""
    )
    assert failing == [], f"{width}px, {mode}: {failing}"
    context.close()
