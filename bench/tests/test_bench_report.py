"""Tables and JSON of the benchmark (bench.report and .formats)."""

import json
import re

import pytest

from bench.formats import mib, ratio, seconds, table
from bench.report import browser_table, budget_table, render, write_json


def cells(line):
    """The cells of one Markdown table row, without their padding."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [cell.strip() for cell in line[2:-2].split(" | ")]


def assert_well_formed(markdown):
    """Every table: a header, an alignment row, and rows with as many cells as the header."""
    blocks, current = [], []
    for line in markdown.split("\n") + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    assert blocks, "no table found"
    for header, align, *rows in blocks:
        width = len(cells(header))
        assert re.fullmatch(r"\|-+-\|" + r"(-+:\|)" * (width - 1), align), align
        assert rows and all(len(cells(row)) == width for row in rows)
        assert len({len(line) for line in [header, align, *rows]}) == 1  # padded into columns
    return blocks


def test_table_has_header_alignment_and_rows():
    """Assert the layout of a small table."""
    text = table(["a", "b", "c"], [["1", "2", "3"], ["long", "5", "66"]])
    assert text.split("\n") == ["| a    | b |  c |", "|------|--:|---:|", "| 1    | 2 |  3 |",
                                 "| long | 5 | 66 |"]
    assert_well_formed(text)


@pytest.mark.parametrize(("formatter", "summary", "text"), [
    (seconds, {"median": 0.4123, "min": 0.4, "max": 0.43}, "0.412 s (0.40–0.43)"),
    (ratio, {"median": 1.041, "min": 1.01, "max": 1.07}, "1.04x (1.01–1.07)"),
    (mib, {"median": 57.6}, "58 MiB"),
    (seconds, None, "–"),
    (ratio, None, "–"),
])
def test_formatters(formatter, summary, text):
    """Assert how a median and its range are written."""
    assert formatter(summary) == text


def test_budget_table_shows_limits_values_and_verdicts():
    """Assert strict limits get "<", others "≤", and an unmeasured value a dash."""
    lines = [{"target": "t1", "limit": 1.05, "unit": "x", "strict": False, "value": 1.0504, "verdict": "FAIL"},
             {"target": "t2", "limit": 3.0, "unit": "s", "strict": True, "value": None, "verdict": "not measured"}]
    (block,) = assert_well_formed(budget_table(lines))
    assert cells(block[2]) == ["t1", "≤ 1.05 x", "1.050 x", "FAIL"]
    assert cells(block[3]) == ["t2", "< 3 s", "–", "not measured"]


def test_write_json_creates_the_folder(tmp_path):
    """Assert the JSON file is written, folders included, and reads back."""
    path = tmp_path / "bench-results" / "latest.json"
    write_json({"a": [1, 2]}, path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": [1, 2]}


def test_browser_table_and_the_reason_it_was_skipped():
    """Assert one row for the largest page, or the reason no browser was used."""
    summary = {"median": 0.7, "min": 0.6, "max": 0.8}
    browser = {"page": "p.html", "typeset": summary, "mathjax_own": summary, "transfer_bytes": 2048,
               "gzip_bytes": 1024, "requests": 12}
    (block,) = assert_well_formed(browser_table(browser))
    assert cells(block[2]) == ["p.html", "0.700 s (0.60–0.80)", "0.700 s (0.60–0.80)", "2 KiB", "1 KiB", "12"]
    assert browser_table({"skipped": "no Chromium found"}) == "Browser: not measured (no Chromium found)"


def test_phone_table_follows_the_browser_table():
    """Assert the phone's first screen gets its own table: viewport, slowdown, equations in view, times."""
    summary = {"median": 0.7, "min": 0.6, "max": 0.8, "n": 3}
    phone = {"viewport": {"width": 390, "height": 844}, "cpu_slowdown": 4, "equations": 7,
             "first_screen": {**summary, "median": 0.9}, "all_typeset": {**summary, "median": 2.5},
             "longest_task": summary}
    browser = {"page": "p.html", "typeset": summary, "mathjax_own": None, "transfer_bytes": 2048,
               "gzip_bytes": 1024, "requests": 12, "phone": phone}
    text = browser_table(browser)
    _, (header, _, row) = assert_well_formed(text)
    assert "390x844 CSS pixels, CPU 4x slower, 3 loads" in text
    assert cells(header)[1:] == ["equations in view", "first screen drawn", "whole page typeset",
                                 "longest main-thread task"]
    assert cells(row) == ["p.html", "7", "0.900 s (0.60–0.80)", "2.500 s (0.60–0.80)", "0.700 s (0.60–0.80)"]


def test_a_failed_section_shows_the_last_line_of_its_reason():
    """Assert a section with an error is reported as not measured, with the final line of the error."""
    results = {"command": "python -m bench", "seconds": 1.0, "load_average_after": [0.5],
               "environment": {"cpus": 2, "python": "3", "mkdocs": "1", "mkdocs-material": "9",
                               "load_average": [0.5]},
               "real": {"error": "build failed:\nTraceback ...\nNameError: name 'x' is not defined\n"},
               "scale": [{"pages": 500, "error": "boom"}], "budget": []}
    text = render(results)
    assert "Real site: not measured (NameError: name 'x' is not defined)" in text
    assert "Synthetic site of 500 pages: not measured (boom)" in text
