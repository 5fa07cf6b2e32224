"""Math drawn at build time: MathJax in V8 typesets a page's math; drawings are cached by the page's math."""

import asyncio
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gradcore.core import limits
from gradcore.engine import mathjax_v8, mathsvg

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"
LONG_ROW = "+".join(["x"] * 4000)  # one row of 4,000 terms: MathJax needs over a second


def inline(tex):
    return f'<span class="arithmatex">\\({tex}\\)</span>'


def display(tex):
    return f'<div class="arithmatex">\\[{tex}\\]</div>'


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    """An empty cache and an empty memo, so that each test typesets afresh."""
    monkeypatch.setenv("GRADCORE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(mathsvg, "_memo", type(mathsvg._memo)())
    monkeypatch.setattr(mathsvg, "_pending", {})
    monkeypatch.setattr(mathsvg, "_keep", [True])
    return tmp_path / "cache"


def counting(calls):
    def typeset(markup):
        calls.append(markup)
        return mathjax_v8.typeset(markup)
    return typeset


def assistive(html):
    return re.findall(r"<math[^>]*>.*?</math>", html)


def test_the_sign_in_the_tex_is_in_the_assistive_mathml(cache_dir):
    """Assert a minus and a plus in the TeX come out as different operators in the MathML screen readers read."""
    minus = mathsvg.prerender(f"<p>{inline('a - b')}</p>")
    plus = mathsvg.prerender(f"<p>{inline('a + b')}</p>")
    assert "<mo>\u2212</mo>" in assistive(minus)[0] and "<mo>+</mo>" in assistive(plus)[0]
    assert "<svg" in minus and "\\(" not in minus and 'currentColor' in minus


def test_equations_are_numbered_across_the_page_and_eqref_links_to_the_label(cache_dir):
    """Assert a reference before its equation links to the label's anchor and shows the equation's number."""
    page = ("<p>See " + inline(r"\eqref{eq:second}") + ".</p>" + display(r"\begin{equation} y = 1 \end{equation}")
            + display(r"\begin{equation} z = 2 \label{eq:second} \end{equation}"))
    drawn = mathsvg.prerender(page)
    assert 'id="mjx-eqn:eq:second"' in drawn and '<a xlink:href="#mjx-eqn%3Aeq%3Asecond"' in drawn
    assert "<mtext>(2)</mtext>" in assistive(drawn)[0]  # the reference, to the second equation
    assert drawn.count('id="MJX-SVG-global-cache"') == 1  # the glyphs, once for the page, before the first formula
    assert drawn.index('id="MJX-SVG-global-cache"') < drawn.index("<mjx-container") and drawn.startswith("<p>See <svg")


def test_a_cached_page_does_not_start_v8(cache_dir):
    """Assert the second build of the same math reads the drawings from disk and never typesets."""
    page, calls = f"<p>{inline('x^2')} and {inline('y')}</p>", []
    first = mathsvg.prerender(page, typeset=counting(calls))
    assert len(calls) == 1 and any(cache_dir.rglob("*.json"))
    mathsvg._memo.clear()  # a new process: only the disk cache is left
    assert mathsvg.prerender(page, typeset=counting(calls)) == first and len(calls) == 1
    changed = mathsvg.prerender(page.replace("x^2", "x^3"), typeset=counting(calls))
    assert len(calls) == 2 and changed != first


def test_a_damaged_cache_entry_is_drawn_again(cache_dir):
    """Assert an entry whose content does not match its digest counts as a miss."""
    page, calls = f"<p>{inline('x')}</p>", []
    first = mathsvg.prerender(page, typeset=counting(calls))
    for entry in cache_dir.rglob("*.json"):
        entry.write_bytes(entry.read_bytes().replace(b"mjx-container", b"mjx-kontainer"))
    mathsvg._memo.clear()
    assert mathsvg.prerender(page, typeset=counting(calls)) == first and len(calls) == 2


def test_broken_tex_is_an_error_naming_the_formula(cache_dir):
    """Assert TeX MathJax cannot read raises TexError with that TeX, and nothing is drawn or cached."""
    with pytest.raises(mathsvg.TexError, match=r"cannot typeset 'x \+ \\\\frac\{a'") as raised:
        mathsvg.prerender(inline("y") + display(r"x + \frac{a"))
    assert raised.value.tex == r"x + \frac{a" and not any(cache_dir.rglob("*.json"))
    with pytest.raises(mathsvg.TexError, match="Double exponent"):
        mathsvg.prerender(inline("x^2^3"))
    assert mathsvg.source_line("text\n\n$$\nx + \\frac{a\n$$\n", raised.value.tex) == 4


def test_a_page_without_math_is_left_alone():
    """Assert a page with no arithmatex element is returned as it is, without typesetting."""
    def refuse(markup):
        raise AssertionError("typeset was called")
    assert mathsvg.prerender("<p>no math</p>", typeset=refuse) == "<p>no math</p>"


def test_the_shipped_stylesheet_is_mathjaxs_own():
    """Assert docs/assets/mathjax-svg.css holds the rules MathJax writes for its SVG output."""
    shipped = (ASSETS / "mathjax-svg.css").read_text(encoding="utf-8")
    assert mathjax_v8.style_sheet().strip() in shipped


def test_the_tex_settings_are_the_browsers():
    """Assert the build typesets with the settings of docs/assets/mathjax-config.js (tags, delimiters, classes)."""
    script = (ASSETS / "mathjax-config.js").read_text(encoding="utf-8")
    tex = mathjax_v8.tex_config()["tex"]
    assert f'tags: "{tex["tags"]}"' in script
    assert 'inlineMath: [["\\\\(", "\\\\)"]]' in script and 'displayMath: [["\\\\[", "\\\\]"]]' in script
    assert 'processHtmlClass: "arithmatex"' in script and 'fontCache: "global"' in script


def test_math_drawn_ahead_is_taken_by_the_page_and_drawn_once(cache_dir):
    """Assert a page's math started ahead (from its content) is what prerender gives for the whole page, drawn once."""
    content = "<p>" + inline("a - b") + "</p>" + display(r"\sigma(u) = \frac{1}{1 + e^{-u}}")
    calls = []
    mathsvg.draw_ahead(content, typeset=counting(calls))
    mathsvg.draw_ahead(content, typeset=counting(calls))  # already on its way: nothing more
    drawn = mathsvg.prerender(f"<html><nav>menu</nav><main>{content}</main></html>", typeset=counting(calls))
    assert len(calls) == 1 and not mathsvg._pending
    mathsvg._memo.clear()
    assert mathsvg.prerender(f"<html><nav>menu</nav><main>{content}</main></html>") == drawn


def test_a_tex_error_found_ahead_is_raised_for_its_page(cache_dir):
    """Assert a formula MathJax cannot read, drawn ahead, fails the page that holds it when it is drawn in."""
    content = "<p>" + inline("x^1^2") + "</p>"
    mathsvg.draw_ahead(content)
    with pytest.raises(mathsvg.TexError, match="x\\^1\\^2"):
        mathsvg.prerender(content)


def test_cancel_ahead_forgets_what_no_page_will_ask_for(cache_dir):
    """Assert drawings started ahead are dropped when a build stops, and are drawn again when asked for."""
    calls = []
    def slow(markup):
        time.sleep(0.2)
        return counting(calls)(markup)
    mathsvg.draw_ahead("<p>" + inline("a") + "</p>", typeset=slow)
    mathsvg.draw_ahead("<p>" + inline("b") + "</p>", typeset=slow)
    mathsvg.cancel_ahead()
    assert not mathsvg._pending
    time.sleep(0.5)
    assert len(calls) <= 1  # the one already drawing finished; the queued one never started


def test_math_that_takes_too_long_is_refused_naming_the_longest_formula(cache_dir, monkeypatch):
    """Assert MathJax is stopped at the time limit, the page refused with its longest formula, and V8 restarted."""
    allowed = limits.MAX_MATH_SECONDS
    monkeypatch.setattr(limits, "MAX_MATH_SECONDS", 0.05)
    long_row = LONG_ROW
    page = "<p>" + inline("a") + " and " + inline(long_row) + "</p>"
    started = time.perf_counter()
    with pytest.raises(mathsvg.TexError) as refused:
        mathsvg.prerender(page)
    assert time.perf_counter() - started < 1.0
    assert "did not finish within 0.05 s drawing the page's 2 formulas" in str(refused.value)
    assert "has 7,999 characters" in str(refused.value) and refused.value.tex == long_row
    monkeypatch.setattr(limits, "MAX_MATH_SECONDS", allowed)
    assert "<svg" in mathsvg.prerender("<p>" + inline("a + b") + "</p>")


def test_math_on_disk_is_not_drawn_ahead_and_a_one_off_build_keeps_none_in_memory(cache_dir):
    """Assert draw_ahead starts nothing for math the disk cache holds, and keep_in_memory(False) keeps no drawing."""
    page = "<p>" + inline("a - b") + "</p>"
    drawn = mathsvg.prerender(page)
    mathsvg._memo.clear()
    mathsvg.draw_ahead(page)
    assert not mathsvg._pending
    mathsvg.keep_in_memory(False)
    assert mathsvg.prerender(page) == drawn and not mathsvg._memo


def test_v8_started_under_a_running_event_loop_still_keeps_its_time_limit(cache_dir, monkeypatch):
    """Assert MathJax started from async code (as under a browser-driving test) is still stopped at the limit."""
    monkeypatch.setattr(mathjax_v8, "_context", None)  # start V8 afresh, from inside the loop
    monkeypatch.setattr(limits, "MAX_MATH_SECONDS", 0.05)
    long_row = LONG_ROW

    async def draw_from_async_code():
        with pytest.raises(mathsvg.TexError, match="did not finish within 0.05 s"):
            mathsvg.prerender("<p>" + inline(long_row) + "</p>")

    # A loop of its own, in a thread of its own: this thread may run one already (the browser tests').
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, draw_from_async_code()).result()


def test_start_early_loads_mathjax_on_the_drawing_thread_once(cache_dir, monkeypatch):
    """Assert start_early has the drawing thread start V8 (not the caller), and a started V8 is not started again."""
    monkeypatch.setattr(mathjax_v8, "_context", None)
    starts, threads = mathjax_v8.starts, []
    original = mathjax_v8._start
    monkeypatch.setattr(mathjax_v8, "_start", lambda: threads.append(threading.current_thread().name) or original())
    mathsvg.start_early().result()
    mathsvg.start_early().result()
    assert "<svg" in mathsvg.prerender("<p>" + inline("a + b") + "</p>")
    assert mathjax_v8.starts == starts + 1 and len(threads) == 1 and threads[0].startswith("gradcore-math")


def test_v8_is_started_with_the_measured_flags(cache_dir, monkeypatch):
    """Assert the first context asks V8 for our flags (which V8 takes if no other library started it first)."""
    import py_mini_racer

    asked = []
    original = py_mini_racer.init_mini_racer
    monkeypatch.setattr(py_mini_racer, "init_mini_racer",
                        lambda **options: asked.append(options) or original(**options))
    monkeypatch.setattr(mathjax_v8, "_context", None)
    mathjax_v8.start()
    assert asked == [{"flags": mathjax_v8.V8_FLAGS, "ignore_duplicate_init": True}]
    assert "--no-opt" in mathjax_v8.V8_FLAGS and "--max-semi-space-size=1" in mathjax_v8.V8_FLAGS


def test_v8_is_closed_at_exit_before_the_interpreter_tears_down(cache_dir, monkeypatch):
    """Assert `close` is registered to run at exit, closes a started V8, and a later drawing starts it again.

    (Left to the garbage collector at teardown, freeing the context could deadlock: a failed build hung.)
    """
    import subprocess
    import sys

    # In a fresh interpreter that started V8: its context is closed before the interpreter is finalizing.
    check = ("import sys, gradcore.engine.mathjax_v8 as v8\nv8.start()\nclosing = v8._context.close\n"
             "def noted(*args):\n    print('finalizing' if sys.is_finalizing() else 'at exit', flush=True)\n"
             "    closing(*args)\nv8._context.close = noted\n")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.splitlines()[:1] == ["at exit"], done
    mathjax_v8.start()
    mathjax_v8.close()
    assert mathjax_v8._context is None
    mathjax_v8.close()  # nothing to close: no error
    assert "<svg" in mathsvg.prerender("<p>" + inline("a + b") + "</p>") and mathjax_v8._context is not None
