"""MkDocs glue: search results without raw TeX (the rewriting is gradcore.markup.search_text's)."""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from gradcore import cache
from gradcore.engine.page_cache import code_version
from gradcore.markup.search_text import readable_index


# After the search plugin writes its index (priority 0), before the offline plugin inlines it (-100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        project = Path(config.config_file_path or ".").parent.resolve()
        index.write_bytes(_readable(index.read_text(encoding="utf-8"), project))


@functools.lru_cache(maxsize=2)  # a rebuild under `mkdocs serve` with no page changed: the same index
def _readable(text: str, project: Path) -> bytes:
    """The index made readable; read back from gradcore's disk cache when the last build of the project
    had the same index (no page changed)."""
    return cache.remembered("search", cache.digest([str(project)]), [code_version(), text],
                            lambda: readable_index(text).encode("utf-8"), project)
