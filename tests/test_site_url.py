"""mkdocs.yml's site_url comes from SITE_URL, under every engine, and the footer states the licences.

`site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]`: the CI workflow sets
SITE_URL to the GitHub Pages address; without it the site is built for
`mkdocs serve`'s address. The tests themselves always build for the local
address (conftest.py drops an inherited SITE_URL), so this module passes it
explicitly. The pages here have no markers, so the builds run no gradcore code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_project import ENGINES, make_project, require_engine, run_engine

PUBLISHED = "https://example.org/gradients/"
LOCAL = "http://127.0.0.1:8000/"
CANONICAL = re.compile(r'<link rel="canonical" href="(?P<href>[^"]*)"')


def built_index(tmp_path, engine: str, env: dict[str, str]) -> str:
    """The index.html of a one-page site built by `engine` with `env` added to the environment."""
    require_engine(engine)
    project = make_project(tmp_path, {"index.md": "# A page\n\nSome text.\n"}, hook=False, extension=False)
    done = run_engine(engine, project, env)
    assert done.returncode == 0, f"{engine} build failed:\n{done.stdout}\n{done.stderr}"
    return (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("env", "expected"), [({"SITE_URL": PUBLISHED}, PUBLISHED), ({}, LOCAL)],
                         ids=["SITE_URL-set", "SITE_URL-unset"])
def test_site_url_follows_the_environment(tmp_path, engine, env, expected):
    """Assert each engine reads the !ENV tag: the canonical link is SITE_URL's, else the local address."""
    found = CANONICAL.search(built_index(tmp_path, engine, env))
    assert found, f"{engine}: no canonical link, so no site_url was read"
    assert found["href"] == expected + "index.html"


@pytest.mark.parametrize("engine", ENGINES)
def test_footer_states_the_licences_and_the_original_author(tmp_path, engine):
    """Assert every page's footer names the text's licence (CC BY), the code's (MIT) and the 2016 series."""
    html = built_index(tmp_path, engine, {})
    footer = re.search(r'<div class="md-copyright__highlight">(?P<text>.*?)</div>', html, re.DOTALL)
    assert footer, f"{engine}: no copyright line in the footer"
    for expected in ("creativecommons.org/licenses/by/4.0/", "CC BY 4.0", "MIT", "anujgupta82.github.io"):
        assert expected in footer["text"], f"{engine}: footer lacks {expected!r}"


def test_the_tests_build_for_the_local_address_whatever_the_caller_set():
    """Assert loading conftest.py removes an inherited SITE_URL, so the browser tests get the local address."""
    tests = Path(__file__).resolve().parent
    probe = "import os, conftest; print(os.environ.get('SITE_URL'))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=tests, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "SITE_URL": PUBLISHED, "PYTHONPATH": str(tests)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None"
