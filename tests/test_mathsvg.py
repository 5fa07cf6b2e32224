"""Math drawn at build time: MathJax in V8 typesets a page's math; drawings are cached by the page's math."""

import asyncio
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gradcore.engine import mathjax_v8, mathsvg

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"
LONG_ROW = "+".join(["x"] * 4000)  # one row of 4,000 terms: MathJax needs over a second
MATHJAX = mathjax_v8.MathJax()  # one V8 for the module's tests, as for one build


def inline(tex):
    return f'<span class="arithmatex">\\({tex}\\)</span>'


def display(tex):
    return f'<div class="arithmatex">\\[{tex}\\]</div>'


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    """An empty cache, so that each test typesets afresh."""
    monkeypatch.setenv("GRADCORE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting(calls, mathjax=MATHJAX):
    def typeset(markup):
        calls.append(markup)
        return mathjax.typeset(markup)
    return typeset


def draw(page, **options):
    return mathsvg.prerender(page, MATHJAX.typeset, **options)


def assistive(html):
    return re.findall(r"<math[^>]*>.*?</math>", html)


def test_the_sign_in_the_tex_is_in_the_assistive_mathml(cache_dir):
    """Assert a minus and a plus in the TeX come out as different operators in the MathML screen readers read."""
    minus = draw(f"<p>{inline('a - b')}</p>")
    plus = draw(f"<p>{inline('a + b')}</p>")
    assert "<mo>\u2212</mo>" in assistive(minus)[0] and "<mo>+</mo>" in assistive(plus)[0]
    assert "<svg" in minus and "\\(" not in minus and 'currentColor' in minus


def test_equations_are_numbered_across_the_page_and_eqref_links_to_the_label(cache_dir):
    """Assert a reference before its equation is a named link to the label's anchor, showing the equation's number."""
    page = ("<p>See " + inline(r"\eqref{eq:second}") + ".</p>" + display(r"\begin{equation} y = 1 \end{equation}")
            + display(r"\begin{equation} z = 2 \label{eq:second} \end{equation}"))
    drawn = draw(page)
    assert 'id="mjx-eqn:eq:second"' in drawn
    assert '<p>See <svg' in drawn  # the glyphs, before the first formula (here the reference)
    assert ('<a class="gc-eqref" href="#mjx-eqn%3Aeq%3Asecond" aria-label="equation 2">(2)</a>.</p>') in drawn
    assert drawn.count('id="MJX-SVG-global-cache"') == 1  # the glyphs, once for the page


def test_a_display_drawing_carries_its_size_in_its_style_and_inline_math_does_not(cache_dir):
    """Assert each display's drawing has its size in its style (a skipped SVG ignores its attributes), inline none."""
    drawn = draw(display(r"\begin{bmatrix} 1 \\ 2 \\ 3 \end{bmatrix}")
                 + display(r"\begin{equation} y = 1 \end{equation}") + f"<p>{inline('x')}</p>")
    roots = re.findall(r'<mjx-container[^>]*><svg style="([^"]*)"[^>]*? width="([^"]+)" height="([^"]+)"', drawn)
    matrix, numbered, (inline_style, *_) = roots
    (matrix_style, matrix_width, matrix_height), (numbered_style, numbered_width, numbered_height) = matrix, numbered
    assert f"width: {matrix_width}; height: {matrix_height};" in matrix_style and matrix_width.endswith("ex")
    assert numbered_width == "100%" and "width:" not in numbered_style.replace("min-width:", "")
    assert f"height: {numbered_height};" in numbered_style
    assert "height" not in inline_style


def test_a_reference_inside_a_larger_formula_is_refused(cache_dir):
    """Assert \\eqref inside other math stops the build: it would be a link without a name."""
    page = inline(r"a = \eqref{eq:one}") + display(r"\begin{equation} y = 1 \label{eq:one} \end{equation}")
    with pytest.raises(mathsvg.TexError, match="inside a larger formula") as refused:
        draw(page)
    assert "\\eqref{eq:one}" in refused.value.tex and "a formula of its own" in refused.value.remedy


def test_a_cached_page_does_not_start_v8(cache_dir):
    """Assert the second build of the same math reads the drawings from disk and never typesets."""
    page, calls = f"<p>{inline('x^2')} and {inline('y')}</p>", []
    first = mathsvg.prerender(page, counting(calls))
    assert len(calls) == 1 and len(list((cache_dir / "math").iterdir())) == 1
    assert mathsvg.prerender(page, counting(calls)) == first and len(calls) == 1
    changed = mathsvg.prerender(page.replace("x^2", "x^3"), counting(calls))
    assert len(calls) == 2 and changed != first


def test_a_server_keeps_drawings_in_memory_and_a_one_off_build_keeps_none(cache_dir):
    """Assert drawings given a memory are kept there (and read from it, not from disk); without one nothing is kept."""
    page, calls, memory = f"<p>{inline('a - b')}</p>", [], {}
    drawn = mathsvg.prerender(page, counting(calls), memory=memory)
    assert len(memory) == 1
    for entry in (cache_dir / "math").iterdir():
        entry.unlink()
    assert mathsvg.prerender(page, counting(calls), memory=memory) == drawn and len(calls) == 1
    assert mathsvg.prerender(page, counting(calls)) == drawn and len(calls) == 2


def test_a_damaged_cache_entry_is_drawn_again(cache_dir):
    """Assert an entry whose content does not match its digest counts as a miss."""
    page, calls = f"<p>{inline('x')}</p>", []
    first = mathsvg.prerender(page, counting(calls))
    for entry in (cache_dir / "math").iterdir():
        entry.write_bytes(entry.read_bytes().replace(b"mjx-container", b"mjx-kontainer"))
    assert mathsvg.prerender(page, counting(calls)) == first and len(calls) == 2


def test_broken_tex_is_an_error_naming_the_formula(cache_dir):
    """Assert TeX MathJax cannot read raises TexError with that TeX, and nothing is drawn or cached."""
    with pytest.raises(mathsvg.TexError, match=r"cannot typeset 'x \+ \\frac\{a'") as raised:
        draw(inline("y") + display(r"x + \frac{a"))
    assert raised.value.tex == r"x + \frac{a" and not (cache_dir / "math").exists()
    with pytest.raises(mathsvg.TexError, match="Double exponent"):
        draw(inline("x^2^3"))
    assert mathsvg.where_written("text\n\n$$\nx + \\frac{a\n$$\n", raised.value.tex) == (4, "x + \\frac{a")


def test_an_undefined_macro_and_a_missing_label_are_errors_not_red_text_or_question_marks(cache_dir):
    """Assert the build refuses what MathJax would draw in red, or as (???), naming the formula and a remedy."""
    with pytest.raises(mathsvg.TexError, match=r"'\\frobnicate\{x\}': Undefined control sequence") as raised:
        draw(inline(r"\frobnicate{x}"))
    assert "check the macro's spelling" in raised.value.remedy
    with pytest.raises(mathsvg.TexError, match=r"'\\eqref\{nowhere\}': it refers .* would show \(\?\?\?\)"):
        draw(display(r"a = 1 \tag{1} \label{here}") + inline(r"\eqref{nowhere}"))
    assert "<svg" in draw(display(r"a = 1 \tag{1} \label{here}") + inline(r"\eqref{here}"))


def test_the_formula_is_found_where_it_was_written_with_its_markers():
    """Assert a failing formula is traced to its line, shown with its markers rather than the numbers they became."""
    page = "# P\n\nText $a$ here.\n\n$$\nL = [[gc e.loss]] \\left( x\n$$\n"
    assert mathsvg.where_written(page, r"L = 0.1250 \left( x") == (6, r"L = [[gc e.loss]] \left( x")
    assert mathsvg.where_written(page, r"M = 0.1250 \left( x") is None


def test_a_page_without_math_is_left_alone():
    """Assert a page with no arithmatex element is returned as it is, without typesetting."""
    def refuse(markup):
        raise AssertionError("typeset was called")
    assert mathsvg.prerender("<p>no math</p>", refuse) == "<p>no math</p>"


def test_the_shipped_stylesheet_is_mathjaxs_own():
    """Assert docs/assets/mathjax-svg.css holds the rules MathJax writes for its SVG output."""
    shipped = (ASSETS / "mathjax-svg.css").read_text(encoding="utf-8")
    assert MATHJAX.style_sheet().strip() in shipped


def test_the_tex_settings_are_the_browsers():
    """Assert the build typesets with the settings of docs/assets/mathjax-config.js (tags, delimiters, classes)."""
    script = (ASSETS / "mathjax-config.js").read_text(encoding="utf-8")
    tex = mathjax_v8.tex_config()["tex"]
    assert f'tags: "{tex["tags"]}"' in script
    assert tex["packages"] == {"[-]": ["noundefined"]} and 'packages: { "[-]": ["noundefined"] }' in script
    assert 'inlineMath: [["\\\\(", "\\\\)"]]' in script and 'displayMath: [["\\\\[", "\\\\]"]]' in script
    assert 'processHtmlClass: "arithmatex"' in script and 'fontCache: "global"' in script


def test_math_that_takes_too_long_is_refused_naming_the_longest_formula(cache_dir):
    """Assert MathJax is stopped at the time limit, the page refused with its longest formula, and V8 runs again."""
    hurried = mathjax_v8.MathJax(seconds=0.05)
    page = "<p>" + inline("a") + " and " + inline(LONG_ROW) + "</p>"
    hurried.typeset(inline("a"))  # started: what follows is the drawing alone
    started = time.perf_counter()
    with pytest.raises(mathsvg.TexError) as refused:
        mathsvg.prerender(page, hurried.typeset)
    assert time.perf_counter() - started < 1.0
    assert "did not finish within 0.05 s drawing the page's 2 formulas" in str(refused.value)
    assert "has 7,999 characters" in str(refused.value) and refused.value.tex == LONG_ROW
    assert "<svg" in mathsvg.prerender("<p>" + inline("a + b") + "</p>", hurried.typeset)
    hurried.close()


def test_v8_started_under_a_running_event_loop_still_keeps_its_time_limit(cache_dir):
    """Assert MathJax started from async code (as under a browser-driving test) is still stopped at the limit."""
    hurried = mathjax_v8.MathJax(seconds=0.05)

    async def draw_from_async_code():
        with pytest.raises(mathsvg.TexError, match="did not finish within 0.05 s"):
            mathsvg.prerender("<p>" + inline(LONG_ROW) + "</p>", hurried.typeset)

    # A loop of its own, in a thread of its own: this thread may run one already (the browser tests').
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, draw_from_async_code()).result()
    hurried.close()


def test_v8_is_started_once_with_our_flags(monkeypatch):
    """Assert the first call asks V8 for our flags, and later calls reuse the started context."""
    import py_mini_racer

    asked = []
    original = py_mini_racer.init_mini_racer
    monkeypatch.setattr(py_mini_racer, "init_mini_racer",
                        lambda **options: asked.append(options) or original(**options))
    mathjax = mathjax_v8.MathJax()
    mathjax.typeset(inline("a"))
    mathjax.typeset(inline("b"))
    assert asked == [{"flags": mathjax_v8.V8_FLAGS, "ignore_duplicate_init": True}] and mathjax.starts == 1
    assert "--no-opt" in mathjax_v8.V8_FLAGS and "--max-semi-space-size=1" in mathjax_v8.V8_FLAGS
    mathjax.close()


def test_v8_is_closed_at_exit_before_the_interpreter_tears_down(cache_dir):
    """Assert a started V8 is closed at exit, before teardown; closed, it starts again on the next call.

    (Left to the garbage collector at teardown, freeing the context could deadlock: a failed build hung.)
    """
    check = ("import sys, gradcore.engine.mathjax_v8 as v8\nm = v8.MathJax()\nm.style_sheet()\n"
             "closing = m._context.close\n"
             "def noted(*args):\n    print('finalizing' if sys.is_finalizing() else 'at exit', flush=True)\n"
             "    closing(*args)\nm._context.close = noted\n")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.splitlines()[:1] == ["at exit"], done
    mathjax = mathjax_v8.MathJax()
    mathjax.typeset(inline("a"))
    mathjax.close()
    assert not mathjax.running
    mathjax.close()  # nothing to close: no error
    assert "<svg" in mathsvg.prerender("<p>" + inline("a + b") + "</p>", mathjax.typeset) and mathjax.running
    mathjax.close()
