"""constraints.txt: the exact versions CI installs, consistent with pyproject.toml.

.ci/run installs with `pip install -c constraints.txt`; `.ci/refresh-constraints`
rewrites the file. README's two commands do not use it, so the ranges in
pyproject.toml must hold the pinned versions: a pin outside its range, or a
dependency added to pyproject.toml without a refresh, fails here.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from built_site import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)$")


def pins() -> dict[str, str]:
    """Package name (canonical) to pinned version; fails on a line that is not an exact pin."""
    found = {}
    for number, line in enumerate((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        match = PIN.match(line)
        assert match, f"constraints.txt:{number}: not an exact pin (name==version): {line!r}"
        found[canonicalize_name(match["name"])] = match["version"]
    return found


def declared() -> list[Requirement]:
    """The project's dependencies and those of the extras CI installs (test, engines, dev)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(text) for text in project["dependencies"] + extras["test"] + extras["engines"] + extras["dev"]]


def test_every_declared_dependency_is_pinned_inside_its_range():
    """Assert each dependency of pyproject.toml has a pin, and the pinned version is in its declared range."""
    pinned = pins()
    problems = []
    for requirement in declared():
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not pinned: run .ci/refresh-constraints")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} is outside {requirement.specifier}")
    assert not problems, problems


def test_the_project_itself_is_not_pinned():
    """Assert gradcore (installed editable from the work tree) is not in the file."""
    assert "gradcore" not in pins()
