"""`python -m bench` end to end on a tiny site: tables and JSON, no timing judged."""

import json

import pytest

from bench.__main__ import main, options_from, parser
from bench.budget import TARGETS
from bench_support import tiny_project
from test_bench_report import assert_well_formed

VERDICTS = {"pass", "FAIL", "not measured"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One quick run (no browser) on the tiny project: (printed text, JSON results)."""
    folder = tmp_path_factory.mktemp("bench")
    project = tiny_project(folder / "project")
    out = folder / "results" / "latest.json"
    printed = []
    code = main(["--quick", "--skip", "browser", "--serve-repeats", "1", "--sizes", "1,2",
                 "--project", str(project), "--out", str(out)], echo=printed.append)
    return code, "\n".join(printed), json.loads(out.read_text(encoding="utf-8"))


def test_run_succeeds_and_prints_well_formed_tables(run):
    """Assert exit code 0 and five tables (real site, cold breakdown, serve, scale, budget), each well formed."""
    code, text, _ = run
    assert code == 0
    assert len(assert_well_formed(text)) == 5
    assert "Command: `python -m bench --quick" in text


def test_json_holds_every_repetition_and_both_variants(run):
    """Assert cold and warm samples of both variants with the quick run's repetition counts."""
    _, _, results = run
    real = results["real"]
    for mode in ("cold", "warm"):
        assert real[mode]["hook"]["n"] == real[mode]["base"]["n"] == 2 == len(real[mode]["ratio"]["values"])
    assert real["cold"]["empty"]["n"] == 2 and real["pages"] == 2
    assert set(real["max_rss_mib"]) == {"hook", "base", "empty"}
    assert list(real["breakdown"]) == ["import numpy", "import gradcore", "read definitions", "compute examples",
                                       "render pages", "write JSON and figures"]
    assert all(phase["n"] == 2 and phase["median"] >= 0 for phase in real["breakdown"].values())
    assert results["serve"]["full"]["n"] == 1 and results["serve"]["page"] == "one.html"
    assert "browser" not in results


def test_scale_rows_follow_the_sizes_and_warm_builds_compute_nothing(run):
    """Assert one row per size, and a warm build renders no page (so computes no example) and draws no figure."""
    _, _, results = run
    assert [row["pages"] for row in results["scale"]] == [1, 2]
    for row in results["scale"]:
        last = row["warm"]["caches_per_build"][-1]
        assert last["pages.hits"] >= row["pages"]
        assert last["pages.misses"] == last.get("figures.drawn", 0) == 0


def test_budget_has_a_verdict_for_every_target(run):
    """Assert each target appears once with a known verdict; the browser is not among them."""
    _, _, results = run
    assert [line["target"] for line in results["budget"]] == [t.name for t in TARGETS]
    assert {line["verdict"] for line in results["budget"]} <= VERDICTS


@pytest.mark.parametrize("argv", [["--skip", "everything"], ["--sizes", "0,10"], ["--sizes", "ten"]])
def test_bad_arguments_are_refused(argv, capsys):
    """Assert argparse rejects an unknown section and a bad list of sizes, naming the valid form."""
    with pytest.raises(SystemExit):
        parser().parse_args(argv)
    assert "error" in capsys.readouterr().err


def test_quick_defaults_can_be_overridden():
    """Assert --quick sets small counts and an explicit count wins."""
    options = options_from(parser().parse_args(["--quick", "--repeats", "4", "--skip", "serve,browser"]))
    assert (options.repeats, options.sizes, options.scale_repeats) == (4, (2, 4), 1)
    assert options.skip == {"serve", "browser"}
