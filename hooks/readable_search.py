"""MkDocs glue: search results without raw TeX (the rewriting is gradcore.markup.search_text's)."""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from gradcore.markup.search_text import readable_index


# After the search plugin writes its index (priority 0), before the offline plugin inlines it (-100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(_readable(index.read_text(encoding="utf-8")), encoding="utf-8")


@functools.lru_cache(maxsize=2)  # a rebuild under `mkdocs serve` with no page changed: the same index
def _readable(text: str) -> str:
    return readable_index(text)
