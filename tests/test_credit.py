"""The pages credit the 2016 series they build on: its author, its address and the Part 4 post.

The Introduction and Part 4 name the author as the blog does and link the
original Part 4 post; the Introduction also says what this site changed and
under which licences its text and code are (the footer names them: see
tests/test_site_url.py). README, the repository's front page, gives the same
credit and names both licences. LICENSE holds the MIT licence of the code.
"""

from __future__ import annotations

import re

import pytest

from built_site import ROOT

AUTHOR = "Anuj Gupta"
BLOG = "https://anujgupta82.github.io"
PART_4_POST = BLOG + "/2016/09/24/gradients-4/"
LINK = re.compile(r"\[[^\]]+\]\((?P<target>[^)\s]+)\)")


@pytest.mark.parametrize("page", ["index.md", "part-4-one-hidden-node.md"])
def test_page_names_the_author_and_links_the_original_part_4_post(page):
    """Assert the page names the author, links the blog and links the original Part 4 post."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    targets = {match["target"] for match in LINK.finditer(text)}
    assert AUTHOR in text
    assert PART_4_POST in targets, f"{page} does not link {PART_4_POST}"
    assert any(target.rstrip("/") == BLOG for target in targets), f"{page} does not link {BLOG}"


def test_readme_credits_the_series_and_names_both_licences():
    """Assert README's credit section names the author, links the blog and Part 4, and both licences."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Licence and credit", 1)
    assert len(section) == 2, "README has no 'Licence and credit' section"
    targets = {match["target"] for match in LINK.finditer(section[1])}
    assert AUTHOR in section[1]
    assert PART_4_POST in targets, f"README does not link {PART_4_POST}"
    assert any(target.rstrip("/") == BLOG for target in targets), f"README does not link {BLOG}"
    assert "Creative Commons Attribution" in section[1] and "MIT" in section[1]
    assert "LICENSE" in targets, "README does not link the code's licence file"


def test_introduction_says_what_changed_and_under_which_licences():
    """Assert the Introduction's credit section lists the changes and names both licences."""
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    section = text.split("## Where this series comes from", 1)
    assert len(section) == 2, "the Introduction has no 'Where this series comes from' section"
    assert "What this site changed" in section[1]
    assert "Creative Commons Attribution" in section[1] and "MIT" in section[1]


def test_code_licence_is_mit():
    """Assert LICENSE is the MIT licence."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text
