"""Figures in real `mkdocs build` runs: written into the site, referenced with alt text, deterministic."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from built_site import ROOT, adapted_config, built_site, run_mkdocs_build
from figures_support import parse_svg
from gradcore.cache import CACHE_ENV
from test_figures_markup import FIGURES, PAGE, _Figures

IMG = re.compile(r'<figure class="gc-figure"><div class="gc-figure-frame"><a[^>]*><img [^>]*>')


def project(folder: Path, page: str) -> Path:
    """A one-page project with the real theme, assets and hook; returns its config file."""
    shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets")
    (folder / "docs" / "index.md").write_text(page, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = adapted_config(config)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


def figures_of(site: Path, page: str) -> list[dict[str, str]]:
    """The <img> attributes of every figure on a built page."""
    parsed = _Figures()
    parsed.feed("".join(IMG.findall((site / page).read_text(encoding="utf-8"))))
    return parsed.images


def check_figures(site: Path, page: str) -> dict[str, bytes]:
    """Assert every figure on `page` is an SVG file of the site with alt text; return the files' bytes."""
    found = {}
    for image in figures_of(site, page):
        svg = (site / page).parent / image["src"]
        assert svg.resolve().is_relative_to(site.resolve()) and svg.is_file(), image["src"]
        parse_svg(svg.read_bytes())
        assert image["alt"].strip() and int(image["width"]) > 0 and int(image["height"]) > 0
        found[svg.name] = svg.read_bytes()
    return found


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_rebuilds_give_identical_figures_and_a_warm_build_draws_nothing(tmp_path):
    """Assert cold, warm and fresh-cache builds write the same SVG bytes; the warm one leaves the cache alone."""
    config = project(tmp_path / "project", PAGE)
    cache, fresh = tmp_path / "cache", tmp_path / "fresh-cache"
    sites = {}
    for run, folder in (("cold", cache), ("warm", cache), ("fresh", fresh)):
        if run == "warm":
            before = snapshot(cache / "figures")
        done = run_mkdocs_build(tmp_path / run, config=config, extra_env={CACHE_ENV: str(folder)})
        assert done.returncode == 0, done.stderr
        sites[run] = check_figures(tmp_path / run, "index.html")
        if run == "warm":
            assert snapshot(cache / "figures") == before  # nothing drawn, nothing written
    assert len(sites["cold"]) == len(FIGURES)
    assert sites["cold"] == sites["warm"] == sites["fresh"]


def test_a_bad_figure_stops_the_build_with_file_and_line(tmp_path):
    """Assert an unknown figure kind fails even a non-strict build, naming the page, line and kinds."""
    config = project(tmp_path / "project", PAGE + "\n[[gc:figure net histogram]]\n")
    done = run_mkdocs_build(tmp_path / "site", config=config, strict=False,
                            extra_env={CACHE_ENV: str(tmp_path / "cache")})
    assert done.returncode != 0
    line = PAGE.count("\n") + 2
    assert f"docs/index.md:{line}: unknown figure kind 'histogram'" in done.stderr + done.stdout
    kinds = "figure kinds: diagram, loss, graph, vanishing, slowdown (network examples), sigmoid, activations"
    assert kinds in done.stderr + done.stdout


def test_every_figure_of_the_real_site_is_in_it():
    """Assert each figure a built page references exists in the site, parses as SVG and has alt text."""
    pages = sorted(p.relative_to(built_site()).as_posix() for p in built_site().rglob("*.html"))
    shown = {page: check_figures(built_site(), page) for page in pages}
    assert len(shown["authoring.html"]) >= 5  # the Authoring page demonstrates every kind
