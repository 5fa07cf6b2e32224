"""What a reader sees of a page's layout at one screen width: math sizes, equation numbers, figures, overflow.

Measured in the page itself once MathJax is done. A formula is compared with its
natural size: MathJax gives each SVG a width in ex (or, for a numbered
equation, 100% of the column with the natural width as its min-width), and the
browser turns those into pixels with the formula's own font.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A formula drawn below this share of its natural width is over-shrunk; below this many pixels, collapsed.
SMALLEST_MATH_SCALE = 0.98
COLLAPSED_PX = 2.0
# Figures: the smallest label must stay at least this many CSS pixels (gradcore/figures/markup.py READABLE_PX).
READABLE_LABEL_PX = 10.0
DESKTOP_PX = 1280  # at this width and wider, every display equation fits the column without scrolling

_MEASURE_JS = """
() => {
  const exPx = (element) => {
    const probe = document.createElement("span");
    probe.style.cssText = "position:absolute;visibility:hidden;width:1000ex;height:0;padding:0;border:0";
    element.appendChild(probe);
    const px = probe.getBoundingClientRect().width / 1000;
    probe.remove();
    return px;
  };
  const math = [...document.querySelectorAll("mjx-container[jax='SVG'] > svg:not(.gc-tag)")].map((svg, i) => {
    const container = svg.parentElement;
    const width = svg.getAttribute("width") || "";
    const minWidth = parseFloat(getComputedStyle(svg).minWidth) || 0;
    const natural = width.endsWith("ex") ? parseFloat(width) * exPx(container) : minWidth;
    const rect = svg.getBoundingClientRect();
    const box = container.closest("div.arithmatex");
    // A display's number (gradcore/engine/mathaccess.py) shows within its box as it first appears, unscrolled.
    let tagReachable = true;
    const tag = container.querySelector(":scope > .gc-tag");
    if (box && tag) {
      const boxRect = box.getBoundingClientRect(), tagRect = tag.getBoundingClientRect();
      tagReachable = tagRect.left >= boxRect.left - 1 && tagRect.right <= boxRect.left + box.clientWidth + 1;
    }
    const source = (container.querySelector("mjx-assistive-mml") || container).textContent.slice(0, 60);
    return {index: i, display: container.getAttribute("display") === "true", natural, width: rect.width,
            tagReachable, source};
  });
  const figures = [...document.querySelectorAll(".gc-figure img")].map((img) => ({
    src: img.getAttribute("src"), width: img.getBoundingClientRect().width,
    natural: img.naturalWidth, labelPx: parseFloat(img.dataset.labelPx || "0"),
  }));
  // Display equations wider than their column.
  const wide = [...document.querySelectorAll("div.arithmatex")].map((box) => ({
    over: box.scrollWidth - box.clientWidth, column: box.clientWidth,
    source: (box.querySelector("mjx-assistive-mml") || box).textContent.slice(0, 60),
  })).filter((box) => box.over > 1);
  const root = document.documentElement;
  return {math, figures, wide, pageWidth: root.scrollWidth, viewport: window.innerWidth,
          scheme: document.body.dataset.mdColorScheme || ""};
}
"""


@dataclass(frozen=True)
class Layout:
    """The measurements of one page at one width."""

    math: list[dict]
    figures: list[dict]
    wide: list[dict]
    page_width: float
    viewport: float
    scheme: str

    def problems(self) -> list[str]:
        """Everything a reader at this width would trip on, one line each."""
        found = []
        for m in self.math:
            where = f"formula {m['index'] + 1} ({m['source']!r})"
            if m["width"] < COLLAPSED_PX:
                found.append(f"{where} collapsed to {m['width']:.1f} px")
            elif m["natural"] > 0 and m["width"] < SMALLEST_MATH_SCALE * m["natural"]:
                found.append(f"{where} shrunk to {m['width'] / m['natural']:.0%} of its size")
            if not m["tagReachable"]:
                found.append(f"{where}: its equation number is past the edge of its box")
        for f in self.figures:
            label = f["width"] / f["natural"] * f["labelPx"] if f["natural"] else 0.0
            if label < READABLE_LABEL_PX - 0.01:
                found.append(f"figure {f['src']}: smallest label {label:.1f} px (< {READABLE_LABEL_PX} px)")
        if self.viewport >= DESKTOP_PX:  # on a phone a wide equation scrolls; on a desktop it should fit
            found += [f"display {w['source']!r} is {w['over']} px wider than its {w['column']} px column"
                      for w in self.wide]
        if self.page_width > self.viewport + 0.5:
            found.append(f"the page scrolls sideways: {self.page_width} px wide in a {self.viewport} px window")
        return found


def measure(page: Any) -> Layout:
    """Measure a Playwright page on which MathJax has finished."""
    seen = page.evaluate(_MEASURE_JS)
    return Layout(seen["math"], seen["figures"], seen["wide"], seen["pageWidth"], seen["viewport"], seen["scheme"])


# Every display's box as laid out now (most drawings skipped by `content-visibility: auto`), then with every
# drawing laid out: the boxes that differ, each with its TeX's start read from its MathML copy.
_DRAWN_JS = """
() => {
  const displays = [...document.querySelectorAll('mjx-container[jax="SVG"][display="true"]')];
  const size = (box) => { const r = box.getBoundingClientRect(); return [r.width, r.height]; };
  const skipped = displays.map(size);
  const forced = document.createElement("style");
  forced.textContent = 'mjx-container[jax="SVG"] svg { content-visibility: visible !important; }';
  document.head.append(forced);
  const drawn = displays.map(size);
  forced.remove();
  return displays.flatMap((box, i) => Math.abs(skipped[i][0] - drawn[i][0]) > 0.5
                                      || Math.abs(skipped[i][1] - drawn[i][1]) > 0.5
    ? [{n: i + 1, text: box.textContent.trim().slice(0, 60), skipped: skipped[i].map(Math.round),
        drawn: drawn[i].map(Math.round)}] : []);
}
"""


def moves_when_drawn(page: Any) -> list[str]:
    """One line per display equation whose box changes size once the browser draws it (the page would move)."""
    return [f"display equation {moved['n']} ({moved['text']!r}) is {moved['skipped'][0]} x {moved['skipped'][1]} px "
            f"until it is drawn and {moved['drawn'][0]} x {moved['drawn'][1]} px once drawn: the text below it "
            "jumps when it comes into view" for moved in page.evaluate(_DRAWN_JS)]
