"""A real strict build of the whole site: no raw syntax, checked numbers, JSON beside the pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from built_site import ROOT, adapted_config, built_site, reader_text, run_mkdocs_build, shown_forms

RAW_MARKER = re.compile(r"\[\[!?gc|gc:example|GRADCORELITERAL")


def html_pages() -> list[Path]:
    return sorted(built_site().rglob("*.html"))


def examples() -> list[dict]:
    return json.loads((built_site() / "examples.json").read_text(encoding="utf-8"))["examples"]


def page_html(entry: dict) -> str:
    page = Path(entry["page"]).relative_to("docs").with_suffix(".html")
    return (built_site() / page).read_text(encoding="utf-8")


def test_no_raw_syntax_reaches_any_page():
    """Assert no marker, definition fence or literal token is left in the HTML."""
    for page in html_pages():
        text = page.read_text(encoding="utf-8")
        assert not RAW_MARKER.search(text), f"{page.name}: {RAW_MARKER.search(text).group(0)!r}"


def test_examples_json_layout_and_every_check_passes():
    """Assert each network entry has the documented keys and a passing gradient check."""
    entries = examples()
    assert entries, "examples.json is empty"
    required = {"id", "page", "layers", "X", "y", "weights", "biases", "activations", "loss", "deltas",
                "grad_weights", "grad_biases", "check"}
    for entry in entries:
        assert (ROOT / entry["page"]).is_file()
        assert entry["check"]["passed"], entry["id"]
        if entry["kind"] == "network":
            assert required <= set(entry), required - set(entry)
            check = entry["check"]
            # Above the tolerance only where central differences cannot resolve the gap (the check block says
            # so on the page: Part 8's deep networks, whose first-layer gradients are tiny); the complex step,
            # which has no such floor, must then agree.
            assert check["max_rel_error"] <= check["tolerance"] or (
                check["max_rel_error_complex_step"] <= check["tolerance"] and check["passed"]), entry["id"]
            assert len(entry["weights"]) == len(entry["layers"]) - 1
        single = json.loads((built_site() / "examples" / f"{entry['id']}.json").read_text(encoding="utf-8"))
        assert single == entry


def test_computed_numbers_appear_on_their_page_as_formatted():
    """Assert the loss and every gradient entry read on the page as a reader gets it (drawn math as its MathML)."""
    for entry in examples():
        if entry["kind"] != "network":
            continue
        text = reader_text(page_html(entry))
        wanted = [entry["loss"]] + [v for grad in entry["grad_weights"] for row in grad for v in row]
        for value in wanted:
            # alone, in prose, or in a matrix that one tiny entry has turned scientific (one notation per matrix)
            forms = shown_forms(value)
            assert any(form in text for form in forms), f"{entry['id']}: {forms[0]} not on its page"


def test_pages_link_to_their_numbers():
    """Assert every page with examples links each example's JSON."""
    for entry in examples():
        assert f"examples/{entry['id']}.json" in page_html(entry)


def test_a_bad_reference_fails_the_build_with_file_and_line(tmp_path):
    """Assert a page with an unknown quantity stops even a non-strict build, naming file and line."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# T\n\n```gc:example e\nX: [[1.0]]\ny: [[0.0]]\nW1: [[0.5]]\n```\n\n"
                                   "Value: [[gc e.dW7]]\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = adapted_config(config)
    (tmp_path / "mkdocs.yml").write_text(config.replace("strict: true", "strict: false"), encoding="utf-8")
    done = run_mkdocs_build(tmp_path / "site", config=tmp_path / "mkdocs.yml", strict=False)
    assert done.returncode != 0
    assert "docs/index.md:9: unknown quantity 'dW7'" in done.stderr + done.stdout


@pytest.mark.parametrize("name", ["examples.json"])
def test_build_never_writes_into_docs(name):
    """Assert the build output stays in the site folder."""
    built_site()
    assert not (ROOT / "docs" / name).exists()
