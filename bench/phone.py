"""First-screen math on a phone: seconds from navigation until every equation a reader sees first is drawn.

The page opens in a fresh browser context shaped like a phone (390 x 844
CSS pixels, touch, three device pixels per CSS pixel) with Chromium's CPU
slowed down 4x through the DevTools protocol (`Emulation.setCPUThrottlingRate`),
the usual stand-in for a mid-range phone. The clock stops at the start of
the animation frame after the first one in which every math element inside
the viewport holds MathJax's SVG with a nonzero size, every glyph it uses
defined, and no placeholder of lazy typesetting (so the frame that shows
them has been painted):
what the reader waits for before the first screen is readable, whether the
math was drawn when the site was built or is typeset in the browser. Beside
it: when the whole page was typeset (the page's MathJax setup says so in
`data-mathjax-at`; for math drawn at build time, when the page's script saw
it), and the longest task that blocked the main thread until then, during
which the page did not respond.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.browser import repeated_loads

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
         "has_touch": True}
CPU_SLOWDOWN = 4
TIMEOUT_MS = 120_000
ALL_TYPESET = "document.body && document.body.dataset.mathjax === 'typeset'"

# Records the longest main-thread task (Chromium reports every task over 50 ms) from the page's start.
LONGEST_TASK = """
window.gcLongestTask = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    window.gcLongestTask = Math.max(window.gcLongestTask, entry.duration);
  });
}).observe({type: "longtask", buffered: true});
"""

# Truthy ({at, count}) once every math element in the viewport is drawn and painted; checked once per frame.
# The frame in which they are first all drawn is painted after this check; the next frame's callback stops the clock.
FIRST_SCREEN_DRAWN = """() => {
  if (window.gcFirstScreen !== undefined) return window.gcFirstScreen;
  const seen = [...document.querySelectorAll(".arithmatex")].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.bottom > 0 && box.top < innerHeight;
  });
  const drawn = (element) => {
    const svg = element.querySelector("mjx-container > svg");
    const box = svg && svg.getBoundingClientRect();
    // Every glyph the drawing uses must be defined already (the page's glyphs come in one hidden SVG).
    const glyphs = [...element.querySelectorAll("use")].every((use) => {
      const target = use.getAttribute("href") || use.getAttribute("xlink:href") || "";
      return document.getElementById(decodeURIComponent(target.slice(1)));
    });
    return box && box.width > 0 && box.height > 0 && glyphs && !element.querySelector("mjx-lazy");
  };
  if (seen.length > 0 && seen.every(drawn)) {
    window.gcFirstScreen = null;
    requestAnimationFrame(() => { window.gcFirstScreen = {at: performance.now(), count: seen.length}; });
  }
  return null;
}"""


@dataclass(frozen=True)
class PhoneLoad:
    """One load on the emulated phone: seconds to a drawn first screen and to the whole page, the longest task."""

    first_screen_seconds: float
    equations: int
    all_typeset_seconds: float
    longest_task_seconds: float


def phone_load(browser: Any, url: str) -> PhoneLoad:
    """Open `url` in a fresh phone-shaped context with the CPU slowed down; time the first screen's math."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script(LONGEST_TASK)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        drawn = page.wait_for_function(FIRST_SCREEN_DRAWN, polling="raf", timeout=TIMEOUT_MS).json_value()
        page.wait_for_function(ALL_TYPESET, timeout=TIMEOUT_MS)
        page.wait_for_timeout(100)  # a task that ended just now is reported to the observer a moment later
        done, longest = page.evaluate("[Number(document.body.dataset.mathjaxAt), window.gcLongestTask]")
        return PhoneLoad(drawn["at"] / 1000, int(drawn["count"]), float(done) / 1000, float(longest) / 1000)
    finally:
        context.close()


def phone_loads(site_dir: Path, page: str, repeats: int, chromium: str) -> list[PhoneLoad]:
    """Open `page` of the built site `repeats` times on the emulated phone, after one warm-up load."""
    return repeated_loads(site_dir, page, repeats, chromium, phone_load)
