"""MkDocs glue: search results without raw TeX (the rewriting is gradcore.markup.search_text's).

The readable index is kept in gradcore's disk cache under the key of the index MkDocs wrote, so a
build whose pages did not change does not rewrite it again.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from gradcore import cache
from gradcore.markup.search_text import readable_index

SECTION = "search"


# After the search plugin writes its index (priority 0), before the offline plugin inlines it (-100).
@event_priority(-50)
def on_post_build(*, config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        project = str(Path(config.config_file_path or ".").parent.resolve())
        index.write_bytes(_readable(index.read_text(encoding="utf-8"), project))


@functools.lru_cache(maxsize=2)  # a rebuild under `mkdocs serve` with no page changed: the same index
def _readable(text: str, project: str) -> bytes:
    key = cache.key(SECTION, [text])
    readable = cache.read(SECTION, key, project)
    if readable is None:
        readable = readable_index(text).encode("utf-8")
        cache.write(SECTION, key, readable, project)
    return readable
