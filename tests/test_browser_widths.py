"""Every page at the widths readers use, light and dark: nothing collapsed, shrunk, cut off or sideways.

The layout checks run at every width in the light palette; the dark palette
(which changes colours, not layout) is checked at a phone's and a desktop's
width. Those two widths also leave a full-page screenshot of each page, in
both palettes, for a person to look at (GRADCORE_SCREENSHOTS chooses the folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_layout import measure, moves_when_drawn
from browser_pages import inspect
from browser_site import page_names
from browser_support import assert_no_problems

READER_WIDTHS = (360, 390, 768, 1280)
LOOKED_AT_WIDTHS = (390, 1280)
READER_HEIGHT = 844
VIEWS = [(width, "light") for width in READER_WIDTHS] + [(width, "dark") for width in LOOKED_AT_WIDTHS]


@pytest.fixture(scope="module")
def reader_views(browser, site_url, screenshot_folder):
    """Every page in every view, loaded once: what each would trip a reader on."""
    problems: dict[tuple[str, int, str], list[str]] = {}
    for width, scheme in VIEWS:
        view = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": READER_HEIGHT})
        page = view.new_page()
        for name in page_names():
            page.goto(site_url + name)
            found = inspect(page).math_problems()
            layout = measure(page)
            found += layout.problems()
            expected = "slate" if scheme == "dark" else "default"
            if layout.scheme != expected:
                found.append(f"palette {layout.scheme!r} where the reader's system asks for {expected!r}")
            if width in LOOKED_AT_WIDTHS:
                page.screenshot(path=screenshot_folder / f"{Path(name).stem}-{width}-{scheme}.png", full_page=True)
                if scheme == "light":  # after the screenshot: this lays out every drawing once
                    found += moves_when_drawn(page)
            problems[(name, width, scheme)] = found
        view.close()
    return problems


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{width}-{scheme}" for width, scheme in VIEWS])
@pytest.mark.parametrize("name", page_names())
def test_page_reads_well_in_every_view(reader_views, name, width, scheme):
    """Assert no collapsed or shrunk math, reachable equation numbers, readable figures, no sideways page,
    and (at a phone's and a desktop's width) no equation that changes size when the browser draws it."""
    assert_no_problems(reader_views[(name, width, scheme)])


PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
TOGGLE_X = "() => document.querySelector('form[data-gc-palette]').getBoundingClientRect().x"
# What the header holds after the palette toggle: the search button (phones) and the search field (desktops).
AFTER_TOGGLE = ".md-header__inner > .md-header__button[for='__search'], .md-header__inner > .md-search"


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_header_is_laid_out_as_it_will_stay_while_it_is_read(browser, site_url, device):
    """Assert the palette toggle stands where it will stay, even before the header's search is read.

    The browser may paint a header it has read up to the toggle; the search button or field then
    arrived and pushed the toggle aside (a layout shift on every page). With the theme's script kept
    from running, the toggle must stand at the same place with and without what follows it.
    """
    view = browser.new_context(**device)
    page = view.new_page()
    page.route("**/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(site_url + "index.html")
    whole = page.evaluate(TOGGLE_X)
    page.evaluate(f"() => document.querySelectorAll({AFTER_TOGGLE!r}).forEach(e => e.remove())")
    read_up_to_the_toggle = page.evaluate(TOGGLE_X)
    view.close()
    assert whole == read_up_to_the_toggle, f"the toggle moves from x {read_up_to_the_toggle} to {whole}"
