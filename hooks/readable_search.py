"""MkDocs glue: search results without raw TeX (the rewriting is gradcore.search_text's)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from gradcore import cache
from gradcore.page_cache import code_version
from gradcore.search_text import readable_index


# After the search plugin writes its index (priority 0), before the offline plugin inlines it (-100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        text = index.read_text(encoding="utf-8")
        # The same index as last time (no page changed) is rewritten as it was then, from gradcore's disk cache.
        project = Path(config.config_file_path or ".").parent
        readable = cache.remembered("search", cache.digest([str(project.resolve())]), [code_version(), text],
                                    lambda: readable_index(text).encode("utf-8"), project)
        index.write_bytes(readable)
