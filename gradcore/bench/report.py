"""The results as Markdown tables (printed, and pasted into the docs) and as JSON."""

from __future__ import annotations

import json
from pathlib import Path


def seconds(summary: dict | None) -> str:
    """"0.412 s (0.40–0.43)": median, then the range of the repetitions."""
    if not summary:
        return "–"
    return f"{summary['median']:.3f} s ({summary['min']:.2f}–{summary['max']:.2f})"


def ratio(summary: dict | None) -> str:
    """"1.04x (1.01–1.07)" for a sample of paired ratios."""
    if not summary:
        return "–"
    return f"{summary['median']:.2f}x ({summary['min']:.2f}–{summary['max']:.2f})"


def mib(summary: dict | None) -> str:
    """Median peak memory in MiB."""
    return f"{summary['median']:.0f} MiB" if summary else "–"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table padded into columns, so it also reads as plain text.

    The first column is left-aligned, the others right-aligned.
    """
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def row(cells: list[str]) -> str:
        padded = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "| " + " | ".join(padded) + " |"

    align = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([row(header), align, *map(row, rows)])


def real_table(real: dict) -> str:
    """Hook against no hook on the real site: time and memory."""
    cold, warm, memory = real["cold"], real["warm"], real["max_rss_mib"]
    rows = [["cold build, figure cache warm", seconds(cold["hook"]), seconds(cold["base"]), ratio(cold["ratio"]),
             ratio(cold["cpu_ratio"])],
            ["warm build (second in one process)", seconds(warm["hook"]), seconds(warm["base"]), ratio(warm["ratio"]),
             ratio(warm["cpu_ratio"])],
            ["peak memory, cold, figure cache warm", mib(memory["hook"]), mib(memory["base"]),
             f"+{real['added_mib']['warm_cache']:.0f} MiB", ""]]
    if "empty" in cold:
        rows.insert(1, ["cold build, figure cache empty", seconds(cold["empty"]), seconds(cold["base"]),
                        ratio(cold["ratio_empty"]), ratio(cold["cpu_ratio_empty"])])
        rows.append(["peak memory, cold, figure cache empty", mib(memory["empty"]), mib(memory["base"]),
                     f"+{real['added_mib']['empty_cache']:.0f} MiB", ""])
    title = f"Real site ({real['pages']} pages), median (range) of {cold['hook']['n']} runs"
    header = ["", "with hook", "without gradcore", "ratio", "ratio of CPU time"]
    return f"{title}\n\n" + table(header, rows)


def breakdown_table(real: dict) -> str:
    """The hook's cold work phase by phase, against the cold build without gradcore."""
    base = real["cold"]["base"]["median"]
    phases = real["breakdown"]
    rows = [[phase, f"{summary['median'] * 1000:.1f} ms", f"{summary['median'] / base * 100:.1f} %"]
            for phase, summary in phases.items()]
    total = sum(summary["median"] for summary in phases.values())
    rows.append(["all of these", f"{total * 1000:.1f} ms", f"{total / base * 100:.1f} %"])
    title = (f"Where the hook's cold time goes: main-thread CPU in a fresh process, median of "
             f"{next(iter(phases.values()))['n']}, against the cold build without gradcore")
    return f"{title}\n\n" + table(["phase", "CPU time", "share of the build without gradcore"], rows)


def serve_table(serve: dict) -> str:
    """Edit-to-rebuilt under `mkdocs serve`, with and without gradcore."""
    rows = [["`mkdocs serve`", seconds(serve["full"]), seconds(serve["base"])],
            ["`mkdocs serve --dirty --no-strict`", seconds(serve["dirty"]), "–"]]
    title = f"Edit-to-rebuilt: save {serve['page'].replace('.html', '.md')}, until the server sends the new page"
    return f"{title}\n\n" + table(["", "with hook", "without gradcore"], rows)


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
                     " / ".join(_per_page(row, previous, mode, v) for mode in ("cold", "warm") for v in ("hook", "base")),
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


def browser_table(browser: dict) -> str:
    """MathJax on the largest page."""
    if "skipped" in browser:
        return f"Browser: not measured ({browser['skipped']})"
    row = [browser["page"], seconds(browser["typeset"]), seconds(browser.get("mathjax_own")),
           f"{browser['transfer_bytes'] / 1024:.0f} KiB", f"{browser['gzip_bytes'] / 1024:.0f} KiB",
           str(browser["requests"])]
    header = ["largest page", "load until typeset", "of which MathJax typesetting", "transferred",
              "gzip-compressed", "requests"]
    return "Browser (headless Chromium, local server)\n\n" + table(header, [row])


def _measured(value: float | None, unit: str) -> str:
    """A budget value, ratios to three decimals so that one just past its limit shows it."""
    if value is None:
        return "–"
    return f"{value:.3f} {unit}" if unit == "x" else f"{value:.2f} {unit}"


def budget_table(lines: list[dict]) -> str:
    """The budget, target by target."""
    rows = [[line["target"], ("< " if line["strict"] else "≤ ") + f"{line['limit']:g} {line['unit']}",
             _measured(line["value"], line["unit"]), line["verdict"]]
            for line in lines]
    return "Budget\n\n" + table(["target", "limit", "measured", "verdict"], rows)


def not_measured(title: str, section: dict) -> str:
    """A section that failed: its title and the last line of the reason (the JSON has all of it)."""
    lines = [line for line in section["error"].strip().split("\n") if line.strip()]
    return f"{title}: not measured ({lines[-1].strip() if lines else 'no reason given'})"


def render(results: dict) -> str:
    """Every table of a run, with the command and the machine's load."""
    env = results["environment"]
    parts = [f"Command: `{results['command']}`",
             f"Machine: {env['cpus']} CPUs, Python {env['python']}, MkDocs {env['mkdocs']}, "
             f"Material {env['mkdocs-material']}; load average {env['load_average'][0]:.2f} before, "
             f"{results['load_average_after'][0]:.2f} after; {results['seconds']:.0f} s in all."]
    sections = [("real", "Real site", lambda real: "\n\n".join([real_table(real), breakdown_table(real)])),
                ("serve", "Edit-to-rebuilt", serve_table), ("browser", "Browser", browser_table)]
    for name, title, make in sections:
        if name in results:
            parts.append(not_measured(title, results[name]) if "error" in results[name] else make(results[name]))
    rows = results.get("scale") or []
    if [row for row in rows if "error" not in row]:
        parts.append(scale_table([row for row in rows if "error" not in row]))
    parts += [not_measured(f"Synthetic site of {row['pages']} pages", row) for row in rows if "error" in row]
    parts.append(budget_table(results["budget"]))
    return "\n\n".join(parts) + "\n"


def write_json(results: dict, path: Path) -> None:
    """Write the results, every repetition included."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n", encoding="utf-8")
