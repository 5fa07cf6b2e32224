"""How the benchmark writes numbers and tables: a median with its range, padded Markdown tables."""

from __future__ import annotations


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
