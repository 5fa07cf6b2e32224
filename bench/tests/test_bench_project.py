"""The project, its derived configs and the no-gradcore baseline (bench.project, .baseline)."""

import pytest
import yaml

from bench.baseline import make_pair
from bench.project import BenchError, files_under, find_project, snapshot_docs, write_config
from bench_support import HOOK, tiny_project


def test_find_project_reads_docs_hooks_and_extensions(tmp_path):
    """Assert the hook path is absolute and the extensions are kept as listed."""
    project = find_project(tiny_project(tmp_path))
    assert project.docs == tmp_path / "docs" and project.hooks == (HOOK,)
    assert project.extensions[0] == "gradcore.engine.mdext"


@pytest.mark.parametrize(("config", "message"), [
    (None, "no mkdocs.yml"),
    ("site_name: x\n", "lists no hooks"),
])
def test_find_project_explains_what_is_missing(tmp_path, config, message):
    """Assert a folder without a config, or a config without hooks, is refused with the reason."""
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(BenchError, match=message):
        find_project(tmp_path)


def test_without_gradcore_drops_hooks_and_the_gradcore_extension(tmp_path):
    """Assert the baseline keeps every other extension, options included."""
    project = find_project(tiny_project(tmp_path))
    assert project.without_gradcore() == {"hooks": [], "markdown_extensions": [
        {"pymdownx.arithmatex": {"generic": True}}, "tables"]}


def test_without_gradcore_leaves_extensions_alone_when_there_is_none(tmp_path):
    """Assert only `hooks` is overridden when no gradcore extension is listed."""
    assert find_project(tiny_project(tmp_path, extensions=["tables"])).without_gradcore() == {"hooks": []}


def test_custom_yaml_tags_are_read_safely_but_not_copied(tmp_path):
    """Assert a `!!python/name:` tag is not executed, and rewriting the list then fails clearly."""
    tiny_project(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "- x: !!python/name:os.system\n", encoding="utf-8")
    with pytest.raises(BenchError, match="custom YAML tag"):
        find_project(tmp_path).without_gradcore()


def test_write_config_inherits_and_makes_hook_paths_absolute(tmp_path):
    """Assert the config names the project's mkdocs.yml and absolute docs and hook paths."""
    project = find_project(tiny_project(tmp_path / "p"))
    path = write_config(tmp_path / "w" / "c.yml", project, tmp_path / "d", hooks=["hooks/x.py"], nav=["a.md"])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"INHERIT": str(project.config), "docs_dir": str(tmp_path / "d"),
                    "hooks": [str(tmp_path / "p" / "hooks" / "x.py")], "nav": ["a.md"]}


def test_baseline_is_the_expanded_site_without_gradcore(tmp_path):
    """Assert the baseline pages hold numbers and no markers, and both sites have the same files."""
    project = find_project(tiny_project(tmp_path / "p"))
    docs = snapshot_docs(project, tmp_path / "docs")
    pair = make_pair(project, docs, tmp_path / "pair", tmp_path / "cache")
    page = (pair.base_docs / "one.md").read_text(encoding="utf-8")
    assert "gc:example tiny" not in page and "\\begin{aligned}" in page
    assert page.count("[[gc") == 1 and "`[[gc tiny.loss]]`" in page  # only the literal, as a reader sees it
    assert (pair.base_docs / "examples.json").is_file()
    assert yaml.safe_load(pair.base.read_text(encoding="utf-8"))["hooks"] == []
    assert set(files_under(tmp_path / "pair" / "site-hook")) == set(files_under(tmp_path / "pair" / "site-base"))
    assert pair.pages == 2


def test_rss_runner_reports_the_child_not_its_parent(tmp_path):
    """Assert a small child started from a large process reports its own small peak, and its exit code."""
    import json
    import subprocess
    import sys

    from bench import rss

    ballast = bytearray(300 * 1024 * 1024)  # this test process is now larger than 300 MiB
    ballast[::4096] = b"x" * len(ballast[::4096])
    result = tmp_path / "r.json"
    code = subprocess.call([sys.executable, rss.__file__, str(result), sys.executable, "-c", "raise SystemExit(3)"])
    measured = json.loads(result.read_text(encoding="utf-8"))
    assert code == 3
    assert 0 < measured["max_rss_bytes"] < 100 * 1024 * 1024 and measured["seconds"] > 0
