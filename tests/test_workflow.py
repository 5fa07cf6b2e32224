"""The GitHub workflow (.github/workflows/docs.yml): valid, running .ci/run, deploying to Pages.

Validity is checked by check-jsonschema against its bundled copy of the
GitHub Workflows schema (no network). What the schema cannot know is checked
here: the workflow runs `.ci/run` and no build or test command of its own (so
local CI and the workflow cannot drift apart), publishes the build that
`.ci/run` checked, deploys only from the default branch with the permissions
and concurrency group Pages needs, caches pip, and uses the Python that
constraints.txt was made with.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from built_site import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"
ON_DEFAULT_BRANCH = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"
# Commands that belong in .ci/run only: a workflow step running one of them has started to drift.
CI_COMMANDS = re.compile(r"\b(?:pip|pytest|mkdocs|properdocs|zensical|apt-get|gradcore\.guard)\b")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@(?:v\d+(?:\.\d+)*|[0-9a-f]{40})$")


def schema_errors(path: Path) -> str:
    """check-jsonschema's report on `path` against the GitHub Workflows schema; "" when valid."""
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True, timeout=120)
    return "" if done.returncode == 0 else done.stdout + done.stderr


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def step_using(job: str, action: str) -> dict:
    found = [step for step in steps(job) if step.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"job {job!r} should use {action} once, found {len(found)}"
    return found[0]


def test_workflow_is_valid_against_the_github_workflows_schema():
    """Assert check-jsonschema accepts the workflow."""
    assert schema_errors(WORKFLOW) == ""


@pytest.mark.parametrize(("old", "new", "complaint"), [
    ("    runs-on: ubuntu-latest", "    run-on: ubuntu-latest", "'runs-on' is a required property"),
    ("      pages: write", "      pages: publish", "'publish' is not one of"),
    ("    needs: build", "    need: build", "'need' was unexpected"),
], ids=["missing-runs-on", "bad-permission", "misspelled-needs"])
def test_a_broken_workflow_is_rejected(tmp_path, old, new, complaint):
    """Assert the schema check fails, and says why, on a copy of the workflow with one mistake."""
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "docs.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert complaint in schema_errors(broken)


def test_runs_on_every_push_and_pull_request():
    """Assert the triggers include every push and every pull request, with no branch filter."""
    triggers = workflow()["on"]
    assert "push" in triggers and "pull_request" in triggers
    assert not triggers["push"] and not triggers["pull_request"], "a filter would skip some pushes or PRs"


def test_build_runs_ci_run_and_nothing_of_its_own():
    """Assert one step runs .ci/run and no other step installs, builds or tests."""
    runs = [step["run"] for step in steps("build") if "run" in step]
    assert [run for run in runs if ".ci/run" in run] == ["bash .ci/run"]
    assert not [run for run in runs if CI_COMMANDS.search(run)], "the workflow repeats what .ci/run does"


def test_pages_gets_the_build_that_ci_run_checked_at_the_pages_address():
    """Assert the uploaded folder is SITE_DIR, SITE_URL comes from configure-pages, both on the default branch only."""
    build = workflow()["jobs"]["build"]
    upload = step_using("build", "actions/upload-pages-artifact")
    configure = step_using("build", "actions/configure-pages")
    assert upload["with"]["path"] == build["env"]["SITE_DIR"]
    assert configure["if"] == ON_DEFAULT_BRANCH
    assert configure["continue-on-error"] is True, "a repository without Pages (a fork) would fail every run"
    assert upload["if"] == f"steps.{configure['id']}.outcome == 'success'"
    set_url = [step for step in steps("build") if "SITE_URL=" in step.get("run", "")]
    assert len(set_url) == 1 and set_url[0]["run"] == 'echo "SITE_URL=${BASE_URL}/" >> "$GITHUB_ENV"'
    assert set_url[0]["env"]["BASE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    order = [step.get("uses", step.get("run")) for step in steps("build")]
    assert order.index(set_url[0]["run"]) < order.index("bash .ci/run") < order.index(upload["uses"])


def test_deploy_job_has_pages_permissions_and_its_own_concurrency_group():
    """Assert deploy needs build, runs once build read the Pages address, may write Pages, never cancels."""
    data = workflow()
    deploy = data["jobs"]["deploy"]
    assert data["permissions"] == {"contents": "read"}
    build = data["jobs"]["build"]
    configure = step_using("build", "actions/configure-pages")
    assert build["outputs"]["deploy"] == f"${{{{ steps.{configure['id']}.outcome == 'success' }}}}"
    assert deploy["needs"] == "build" and deploy["if"] == "needs.build.outputs.deploy == 'true'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert step_using("deploy", "actions/deploy-pages")["id"] in deploy["environment"]["url"]


def _caches() -> dict[str, dict]:
    """The build job's cache steps, by the folder each one keeps."""
    return {step["with"]["path"]: step for step in steps("build") if step.get("uses", "").startswith("actions/cache@")}


def test_pip_downloads_are_cached_per_constraints():
    """Assert a cache step saves pip's cache folder, keyed on constraints.txt and pyproject.toml."""
    cache = _caches()[workflow()["jobs"]["build"]["env"]["PIP_CACHE_DIR"]]
    assert "hashFiles('constraints.txt', 'pyproject.toml')" in cache["with"]["key"]


def test_gradcore_disk_cache_is_kept_between_runs():
    """Assert gradcore's cache folder is restored before .ci/run builds, keyed on what shapes its entries."""
    cache = _caches()[".cache/gradcore"]
    assert all(f"'{part}" in cache["with"]["key"] for part in ("gradcore/", "docs/", "constraints.txt"))
    names = [step.get("name", "") for step in steps("build")]
    assert names.index(cache["name"]) < next(i for i, n in enumerate(names) if "(.ci/run)" in n)


def test_every_action_is_pinned_to_a_version():
    """Assert each `uses:` names a major version or a commit, never a branch."""
    used = [step["uses"] for job in workflow()["jobs"] for step in steps(job) if "uses" in step]
    assert used and all(PINNED.match(action) for action in used), used


def test_ci_python_is_the_one_constraints_txt_was_made_with():
    """Assert the container's Python (major.minor) is the one named in constraints.txt's header."""
    image = workflow()["jobs"]["build"]["container"]["image"]
    header = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    made_with = re.search(r"with Python (\d+\.\d+)\.", header)
    assert made_with, "constraints.txt's header does not say which Python made it"
    assert image.startswith(f"python:{made_with[1]}-"), f"{image} is not Python {made_with[1]}"
