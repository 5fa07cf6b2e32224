"""The panel marker [[gc:explore NAME]] (gradcore/pages/explore.py): a closed panel carrying the example and its TeX."""

from __future__ import annotations

import pytest

from explore_support import fill, panel_data
from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.markup.markers import find_markers
from gradcore.pages.explore import explore_block, page_templates
from render_support import PageFailedError, render

PAGE = """# A page

```gc:example ex
X: [[1.0, -2.0]]
y: [[1.0]]
W1: [[0.3], [-0.4]]
b1: [[0.1]]
lr: 0.5
```

$$
\\frac{\\partial L}{\\partial W_1} = X^T \\cdot \\Delta l_1
  = [[gc ex.X T]] \\cdot [[gc ex.delta1 matrix]] = [[gc ex.dW1]]
$$

$$
u_1 = [[gc ex.X[1]]] \\times [[gc ex.W1[1]]] + [[gc ex.X[2] paren]] \\times [[gc ex.W1[2] paren]] + [[gc ex.b1]]
  = [[gc ex.u1 digits=6]]
$$

$$
\\text{a check} = [[gc ex.check]]
$$

Inline math \\([[gc ex.loss]]\\) is not a display.

[[gc:explore ex{options}]]
"""


def test_the_panel_is_closed_and_carries_the_example():
    """Assert a closed <details>, its loader only in ontoggle, and the given numbers, choices and rate in its data."""
    out = render(PAGE.replace("{options}", ""), prefix="../")
    panel = out[out.index('<details class="gc-explore"'):]
    assert " open" not in panel[:panel.index(">")]
    assert "ontoggle=" in panel and 'data-gc-assets="../assets/explore/"' in panel
    assert "<summary>Try your own numbers</summary>" in panel
    data = panel_data(out)["ex"]
    assert data["X"] == [[1.0, -2.0]] and data["b1"] == [[0.1]] and data["lr"] == 0.5
    assert data["activations"] == ["sigmoid"] and data["loss"] == "half_squared_error" and data["slider"] is None


def test_the_templates_are_the_pages_own_displays():
    """Assert the displays of the example's numbers are offered, filled by gradcore exactly as the page shows them."""
    text = PAGE.replace("{options}", "")
    example = compute(parse_spec("ex", "X: [[1.0, -2.0]]\ny: [[1.0]]\nW1: [[0.3], [-0.4]]\nb1: [[0.1]]\nlr: 0.5\n"))
    templates = page_templates(text, "ex", example)
    assert len(templates) == 2  # not the display of `check`, which the browser does not compute; not inline math
    out = render(text)
    for template in templates:
        assert fill(template, example) in out
    assert {"q": "u1", "index": None, "flags": [], "digits": 6, "exact": False} in templates[1]
    assert {"q": "W1", "index": [2], "flags": ["paren"], "digits": 4, "exact": True} in templates[1]
    assert {"q": "X", "index": None, "flags": ["T"], "digits": 4, "exact": True} in templates[0]


def test_labels_and_unchecked_displays_stay_on_the_page():
    """Assert a template drops \\label (the page keeps it), and displays not checked or planted wrong are left out."""
    example = compute(parse_spec("ex", "X: [[1.0]]\ny: [[1.0]]\nW1: [[0.4]]\n"))
    text = ("$$\nL = [[gc ex.loss]] \\tag{2} \\label{ex-l}\n$$\n\n$$\nL = [[gc ex.loss]] \\notchecked{why}\n$$\n\n"
            "$$\nL = [[gc ex.loss]] % expected wrong\n$$\n")
    (template,) = page_templates(text, "ex", example)
    assert template[0] == "\nL = " and template[2] == " \\tag{2} \n"


def test_a_slider_names_one_parameter_entry():
    """Assert slider=W1[2,1] is carried as [W, 1, 2, 1]."""
    assert panel_data(render(PAGE.replace("{options}", " slider=W1[2,1]")))["ex"]["slider"] == ["W", 1, 2, 1]


@pytest.mark.parametrize(("options", "message"), [
    (" slider=W1[3,1]", "slider=W1[3,1] is outside W1, which is 2 x 1"),
    (" slider=W2[1,1]", "bad slider='W2[1,1]'"),
    (" slider=w", "bad slider='w'"),
    (" open", "unknown option 'open'"),
])
def test_bad_options_name_what_is_valid(options, message):
    """Assert a wrong option stops the page with its line and the valid form."""
    with pytest.raises(PageFailedError, match=message.replace("[", r"\[").replace("]", r"\]")):
        render(PAGE.replace("{options}", options))


def test_a_sigmoid_example_has_no_panel():
    """Assert the panel is for network examples."""
    text = "```gc:example s\nkind: sigmoid\npoints: [0.5]\n```\n\n[[gc:explore s]]\n"
    with pytest.raises(PageFailedError, match="needs a network example"):
        render(text)


def test_the_html_escapes_the_data():
    """Assert the TeX and the JSON cannot end the attribute or open a tag."""
    example = compute(parse_spec("ex", "X: [[1.0]]\ny: [[1.0]]\nW1: [[0.4]]\n"))
    (marker,) = find_markers("[[gc:explore ex]]")
    html = explore_block(marker, example, '$$\n<b>"x"</b> = [[gc ex.loss]]\n$$\n', "")
    attribute = html.split('data-gc-example="')[1].split('"')[0]
    assert "<" not in attribute and '&lt;b&gt;\\&quot;x\\&quot;&lt;/b&gt;' in attribute
