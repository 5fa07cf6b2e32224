"""What the browser tests read from a loaded page: math, text, figures, and the numbers in them.

Numbers drawn by MathJax are SVG paths, not text, so the text of a formula is
read from MathJax's assistive MathML (`mjx-assistive-mml`), one token per leaf.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

from gradcore.markup.latex import format_number

# mathjax-config.js sets data-mathjax to "typeset" or "failed" when MathJax is done with a page.
# (A page that has only just begun to arrive has no body yet.)
MATHJAX_DONE = "document.body !== null && ['typeset', 'failed'].includes(document.body.dataset.mathjax)"
MATHJAX_TIMEOUT_MS = 60_000
# Signs that math was left for the reader as TeX source.
RAW_TEX = ("\\(", "\\)", "\\[", "\\]", "\\begin{", "$$")
UNRESOLVED_REF = "???"

# One pass over the page. Prose is every text node outside code, scripts and
# formulas; math is the leaf tokens of every formula's assistive MathML.
_INSPECT_JS = """
async () => {
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
  const skip = "pre, code, script, style, textarea, mjx-container";
  const prose = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest(skip)) prose.push(walker.currentNode.data);
  }
  const leaves = [...document.querySelectorAll("mjx-assistive-mml math *")]
    .filter((node) => node.children.length === 0).map((node) => node.textContent);
  return {
    prose: prose.join(" "),
    math: leaves.join(" "),
    formulas: document.querySelectorAll("mjx-container").length,
    sources: document.querySelectorAll(".arithmatex").length,
    merrors: document.querySelectorAll(
      "mjx-merror, [data-mml-node='merror'], mjx-assistive-mml merror").length,
    brokenImages: [...document.images].filter((img) => !(img.naturalWidth > 0)).map((img) => img.src),
    status: document.body.dataset.mathjax || "never started",
    error: document.body.dataset.mathjaxError || "",
    typesetMs: "mathjaxMs" in document.body.dataset ? Number(document.body.dataset.mathjaxMs) : null,
    doneAtMs: "mathjaxAt" in document.body.dataset ? Number(document.body.dataset.mathjaxAt) : null,
  };
}
"""


@dataclass(frozen=True)
class Rendered:
    """What a page shows once MathJax has finished.

    Attributes:
        status: "typeset", "failed" (with `error`), or how far MathJax got in time.
        error: Why MathJax gave up, when it did.
        prose: Text outside code and formulas.
        math: Text of every formula, read from the assistive MathML.
        formulas: MathJax containers on the page.
        sources: arithmatex elements (TeX waiting for MathJax) on the page.
        merrors: MathJax error nodes.
        broken_images: URLs of images that did not load.
        typeset_ms: How long MathJax took to typeset the page, None if it never finished (its startup promise, or the
            re-typesetting after instant navigation).
        done_at_ms: When it finished, counted from the start of the first page load in this window.
    """

    status: str
    error: str
    prose: str
    math: str
    formulas: int
    sources: int
    merrors: int
    broken_images: list[str]
    typeset_ms: float | None
    done_at_ms: float | None

    def _status_problem(self) -> str:
        if self.status == "failed":
            return f"MathJax failed: {self.error}"
        return f"MathJax not done within {MATHJAX_TIMEOUT_MS // 1000} s (data-mathjax is {self.status!r})"

    def math_problems(self) -> list[str]:
        """Everything wrong with the math on the page, one line each (empty when it is fine)."""
        problems = [] if self.status == "typeset" else [self._status_problem()]
        problems += [f"{self.merrors} MathJax error node(s)"] if self.merrors else []
        if self.formulas < self.sources:
            problems.append(f"only {self.formulas} of {self.sources} formulas typeset")
        if UNRESOLVED_REF in self.math or UNRESOLVED_REF in self.prose:
            problems.append("an \\eqref or \\ref did not resolve ('???' on the page)")
        problems += [f"raw TeX {token!r} in the text" for token in RAW_TEX if token in self.prose]
        return problems


def inspect(page: Any) -> Rendered:
    """Wait for MathJax (at most MATHJAX_TIMEOUT_MS) and the figures of a Playwright page; read what it shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # reported through `status`
        page.wait_for_function(MATHJAX_DONE, timeout=MATHJAX_TIMEOUT_MS)
    seen = page.evaluate(_INSPECT_JS)
    return Rendered(status=seen["status"], error=seen["error"], prose=seen["prose"], math=seen["math"],
                    formulas=seen["formulas"], sources=seen["sources"], merrors=seen["merrors"],
                    broken_images=seen["brokenImages"], typeset_ms=seen["typesetMs"], done_at_ms=seen["doneAtMs"])


def number_pattern(value: float) -> re.Pattern[str]:
    """A pattern for `value` as the pages show it, in prose or read back from a formula.

    The site formats numbers with `format_number`; in a formula, MathJax splits
    them into tokens (a minus sign, a mantissa, x, 10, an exponent), so any
    single space may fall between tokens. The number may not continue with
    another digit, nor be the tail of a longer number.
    """
    text = format_number(value).replace(r"\times", "×").replace("-", "\u2212")
    tokens = re.findall(r"\d+(?:\.\d+)?|[^\s{}^]", text)
    return re.compile(r"(?<![\d.])" + r"\s?".join(map(re.escape, tokens)) + r"(?![\d.]*\d)")


def sample_values(entry: dict) -> list[float]:
    """The numbers of one example that its page must show: the loss and every weight gradient."""
    return [entry["loss"]] + [value for grad in entry["grad_weights"] for row in grad for value in row]


def missing_numbers(rendered: Rendered, values: list[float]) -> list[str]:
    """The formatted values that appear neither in the prose nor in the formulas."""
    shown = rendered.prose + "\n" + rendered.math
    return [format_number(value, math_mode=False) for value in values if not number_pattern(value).search(shown)]


def timing_lines(pages: dict[str, Rendered]) -> list[str]:
    """A line on the largest typesetting time of the pages (milliseconds, from mathjax-config.js)."""
    timed = {name: page for name, page in pages.items() if page.typeset_ms is not None}
    if not timed:
        return []
    slowest = max(timed, key=lambda name: timed[name].typeset_ms)
    if timed[slowest].typeset_ms < 1:
        last = max(timed, key=lambda name: timed[name].done_at_ms)
        return [f"no page typeset math in the browser (all {len(timed)} drawn at build time); the last to "
                f"report its math drawn: {last}, {timed[last].done_at_ms:.0f} ms after it started loading"]
    return [f"largest MathJax typesetting time: {timed[slowest].typeset_ms:.0f} ms ({slowest}, done "
            f"{timed[slowest].done_at_ms:.0f} ms after the page started loading); all {len(timed)} pages: "
            f"{sum(page.typeset_ms for page in timed.values()):.0f} ms"]


def luminance(css_color: str) -> float:
    """Relative luminance (0 black to 1 white) of a computed CSS colour such as 'rgb(1, 2, 3)'."""
    channels = [float(part) / 255 for part in re.findall(r"[\d.]+", css_color)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two computed CSS colours (1 to 21)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
