"""The pages of the series with their worked examples, for the equation-check tests."""

from __future__ import annotations

from pathlib import Path

from gradcore.examples.spec import parse_spec
from gradcore.examples.worked import compute
from gradcore.markup.markers import find_example_fences, hide_literals
from gradcore.texcheck import page_reports, worked_example
from gradcore.texcheck.check import EquationReport

DOCS = Path(__file__).resolve().parent.parent / "docs"
PARTS = sorted(DOCS.glob("part-*.md"))


def page_text(path: Path) -> str:
    return hide_literals(path.read_text(encoding="utf-8"))


def page_examples(text: str) -> dict:
    return {f.name: compute(parse_spec(f.name, f.body)) for f in find_example_fences(text)}


def reports(path: Path) -> list[EquationReport]:
    text = page_text(path)
    return page_reports(text, page_examples(text))


def example_of(path: Path):
    return worked_example(page_examples(page_text(path)))
