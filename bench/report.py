"""The results as Markdown tables (printed, and pasted into the docs) and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from bench.formats import mib, ratio, seconds, table
from bench.scale_table import scale_table


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
    title = (f"Where the hook's cold time goes when it renders every page (none in the page cache, figures in "
             f"theirs): main-thread CPU in a fresh process, median of {next(iter(phases.values()))['n']}, "
             "against the cold build without gradcore")
    return f"{title}\n\n" + table(["phase", "CPU time", "share of the build without gradcore"], rows)


def serve_table(serve: dict) -> str:
    """Edit-to-rebuilt under `mkdocs serve`, with and without gradcore."""
    rows = [["`mkdocs serve`", seconds(serve["full"]), seconds(serve["base"])],
            ["`mkdocs serve --dirty --no-strict`", seconds(serve["dirty"]), "–"]]
    title = f"Edit-to-rebuilt: save {serve['page'].replace('.html', '.md')}, until the server sends the new page"
    return f"{title}\n\n" + table(["", "with hook", "without gradcore"], rows)


def browser_table(browser: dict) -> str:
    """MathJax on the largest page."""
    if "skipped" in browser:
        return f"Browser: not measured ({browser['skipped']})"
    row = [browser["page"], seconds(browser["typeset"]), seconds(browser.get("mathjax_own")),
           f"{browser['transfer_bytes'] / 1024:.0f} KiB", f"{browser['gzip_bytes'] / 1024:.0f} KiB",
           str(browser["requests"])]
    header = ["largest page", "load until typeset", "of which MathJax typesetting", "transferred",
              "gzip-compressed", "requests"]
    parts = ["Browser (headless Chromium, local server)\n\n" + table(header, [row])]
    if browser.get("phone"):
        parts.append(phone_table(browser["page"], browser["phone"]))
    return "\n\n".join(parts)


def phone_table(page: str, phone: dict) -> str:
    """First-screen math on the emulated phone."""
    size = f"{phone['viewport']['width']}x{phone['viewport']['height']}"
    title = (f"First screen on a phone ({size} CSS pixels, CPU {phone['cpu_slowdown']}x slower, "
             f"{phone['first_screen']['n']} loads): from navigation until every equation in view is drawn")
    row = [page, str(phone["equations"]), seconds(phone["first_screen"]), seconds(phone.get("all_typeset")),
           seconds(phone["longest_task"])]
    header = ["page", "equations in view", "first screen drawn", "whole page typeset", "longest main-thread task"]
    return f"{title}\n\n" + table(header, [row])


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
