"""The scale table: synthetic sites of growing size, with and without gradcore."""

from __future__ import annotations

from bench.formats import seconds, table


def _redone(caches: list[dict]) -> str:
    """What the last warm build of the hooked site did again: pages rendered, figures drawn."""
    last = caches[-1] if caches else {}
    parts = [f"{last[key]:g} {what}" for key, what in (("pages.misses", "pages rendered"),
                                                       ("figures.drawn", "figures drawn")) if key in last]
    return ", ".join(parts) or "–"


def _per_page(row: dict, previous: dict | None, mode: str, variant: str) -> str:
    """Milliseconds per page: of the whole build, or (with `previous`) of the pages added since."""
    now = row[mode][variant]["median"]
    if previous is None:
        return f"{now / row['pages'] * 1000:.1f}"
    added = row["pages"] - previous["pages"]
    return f"{(now - previous[mode][variant]['median']) / added * 1000:.1f}"


def scale_table(scale: list[dict]) -> str:
    """Synthetic sites: build times, cost per added page, memory, and what a warm build redid."""
    rows, previous = [], None
    for row in sorted(scale, key=lambda r: r["pages"]):
        cold, warm, memory = row["cold"], row["warm"], row["max_rss_mib"]
        rows.append([str(row["pages"]), seconds(cold["hook"]), seconds(cold["base"]), seconds(warm["hook"]),
                     seconds(warm["base"]),
                     " / ".join(_per_page(row, previous, mode, variant)
                                for mode in ("cold", "warm") for variant in ("hook", "base")),
                     f"{memory['hook']['median']:.0f} / {memory['base']['median']:.0f} MiB",
                     _redone(warm["caches_per_build"])])
        previous = row
    header = ["pages", "cold, hook", "cold, no gradcore", "warm, hook", "warm, no gradcore",
              "ms per added page (cold hook / base, warm hook / base)", "peak memory cold (hook / base)",
              "last warm build redid"]
    examples = scale[0]["examples_per_page"] if scale else 0
    note = ("The first row's cost per page is the whole build over its pages; each later row's is the "
            "extra time over the previous size, divided by the pages added.")
    return f"Synthetic sites, {examples} example(s) per page\n\n" + table(header, rows) + f"\n\n{note}"
