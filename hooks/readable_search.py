"""MkDocs glue: search results without raw TeX (the rewriting is gradcore.search_text's)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from gradcore.search_text import readable_index


# After the search plugin writes its index (priority 0), before the offline plugin inlines it (-100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(readable_index(index.read_text(encoding="utf-8")), encoding="utf-8")
