"""Two builds of the same sources give byte-identical sites.

The builds differ in everything that must not matter: the folder they run
in, Python's hash seed (set and dict order) and their cache. Under MkDocs
both caches start empty, so every figure and formula is drawn twice; the
other engines run the same drawing code, so their two builds start from
copies of the project's cache (whatever earlier builds left there) and test
what the engine itself adds. SOURCE_DATE_EPOCH is set, as a
reproducible build does: MkDocs takes the sitemap's dates from it. Without
it, two builds on different days differ only in sitemap.xml and
sitemap.xml.gz, which is MkDocs' doing, not ours.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gradcore.cache import cache_root
from site_project import make_project, require_engine, run_engine, snapshot_docs

EPOCH = "1700000000"
PROJECT_CACHE = cache_root(Path(__file__).resolve().parent.parent)


def files_of(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def two_builds(tmp_path: Path, engine: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    sites, docs = [], snapshot_docs(tmp_path / "snapshot")
    for run, seed in (("first", "1"), ("second", "2")):
        project = make_project(tmp_path / run, docs=docs)
        cache = tmp_path / run / "cache"
        if engine != "mkdocs" and PROJECT_CACHE.is_dir():
            shutil.copytree(PROJECT_CACHE, cache)
        env = {"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed, "GRADCORE_CACHE_DIR": str(cache)}
        done = run_engine(engine, project, env)
        assert done.returncode == 0, f"{engine} build failed:\n{done.stdout}\n{done.stderr}"
        sites.append(files_of(project / "site"))
    return sites[0], sites[1]


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_two_builds_are_byte_identical(tmp_path, engine):
    """Assert the same file names with the same bytes, the sitemap and JSON included."""
    require_engine(engine)
    first, second = two_builds(tmp_path, engine)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"{engine}: files that differ between two builds: {differing}"
    if engine == "mkdocs":
        assert {"examples.json", "sitemap.xml", "sitemap.xml.gz"} <= set(first)
