"""Lighthouse on a phone: this site's pages next to the same pages built the standard Material way.

`python -m bench.lighthouse` builds the site as the project does and the
standard setup of the same pages (numbers filled in, figures as files, the
math left as TeX for MathJax's `tex-mml-chtml.js` in the browser, with the
configuration Material's documentation gives), serves each folder gzipped
as GitHub Pages serves it, and runs Lighthouse 12 in its default mobile
preset (simulated slow 4G and a CPU slowed four times) on each page, five
times, reporting the median of each figure.

Lighthouse is a Node program. It is installed with npm, on first use, into
`bench/.lighthouse/` (git-ignored; Lighthouse 13 needs Node 22, so 12.x),
and runs Debian's Chromium. Nothing of it is committed, and neither the
build nor README's test command needs it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.baseline import make_pair
from bench.builds import cold_build
from bench.project import BenchError, find_project, snapshot_docs, write_config
from gradcore.engine.mathjax_v8 import mathjax_root
from tests.local_web import find_browser

LIGHTHOUSE = "lighthouse@12"
HERE = Path(__file__).resolve().parent
INSTALL = HERE / ".lighthouse"
CLI = INSTALL / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ("index.html", "part-4-one-hidden-node.html", "part-7-any-depth.html")
RUNS = 5
GZIPPED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# What each run reports: Lighthouse's audit (or category) and how the table shows it.
FIGURES = {"performance": ("category", "performance"), "accessibility": ("category", "accessibility"),
           "tbt_ms": ("audit", "total-blocking-time"), "cls": ("audit", "cumulative-layout-shift"),
           "fcp_ms": ("audit", "first-contentful-paint"), "lcp_ms": ("audit", "largest-contentful-paint"),
           "dom_elements": ("audit", "dom-size"), "bytes": ("audit", "total-byte-weight")}

# Material's documented MathJax setup (Reference > Math), with tex-mml-chtml.js from the site itself.
STANDARD_CONFIG = """window.MathJax = {
  tex: {inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]], processEscapes: true,
        processEnvironments: true, tags: "ams"},
  options: {ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex"}
};
document$.subscribe(() => {
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
"""


def install() -> Path:
    """Lighthouse's command line, installed into bench/.lighthouse/ with npm when it is not there yet."""
    if not CLI.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise BenchError("npm is not installed: Lighthouse needs Node 18 or newer (apt-get install nodejs npm)")
        INSTALL.mkdir(exist_ok=True)
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error", LIGHTHOUSE],
                              cwd=INSTALL, capture_output=True, text=True)
        if done.returncode or not CLI.exists():
            raise BenchError(f"npm could not install {LIGHTHOUSE}: {done.stderr.strip()[-500:]}")
    return CLI


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the browser accepts it (as GitHub Pages serves them)."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in GZIPPED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class _Body:
    """A response body in memory, read as `copyfile` reads a file."""

    def __init__(self, data: bytes) -> None:
        self.data, self.done = data, False

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve_gzipped(directory: Path) -> Iterator[str]:
    """Serve a folder over http on 127.0.0.1, gzipped; yield the base URL (ending in '/')."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzipped, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_once(cli: Path, url: str, chromium: str) -> dict[str, float]:
    """One Lighthouse run (mobile preset) of `url`: the figures of FIGURES."""
    command = ["node", str(cli), url, "--output=json", "--output-path=stdout", "--quiet",
               "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium},
                          timeout=300)
    if done.returncode:
        raise BenchError(f"Lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout)
    figures = {}
    for name, (kind, key) in FIGURES.items():
        if kind == "category":
            figures[name] = round(100 * (report["categories"][key]["score"] or 0))
        else:
            figures[name] = report["audits"][key]["numericValue"]
    return figures


def median_runs(cli: Path, url: str, chromium: str, runs: int) -> dict[str, Any]:
    """The median of `runs` Lighthouse runs of one page, with every run's figures."""
    every = [run_once(cli, url, chromium) for _ in range(runs)]
    return {"median": {name: statistics.median(run[name] for run in every) for name in FIGURES}, "runs": every}


def standard_site(project_root: Path, work: Path) -> tuple[Path, Path]:
    """(this site, the standard Material + MathJax site of the same pages), built into `work`."""
    project = find_project(project_root)
    docs, cache = snapshot_docs(project, work / "docs"), work / "cache"
    pair = make_pair(project, docs, work / "pair", cache)
    mathjax = pair.base_docs / "assets" / "mathjax"
    source = mathjax_root()
    shutil.copy2(source / "tex-mml-chtml.js", mathjax / "tex-mml-chtml.js")
    fonts = Path("output") / "chtml" / "fonts" / "woff-v2"
    shutil.copytree(source / fonts, mathjax / fonts, dirs_exist_ok=True)
    (pair.base_docs / "assets" / "mathjax-standard.js").write_text(STANDARD_CONFIG, encoding="utf-8")
    standard = write_config(work / "standard.yml", project, pair.base_docs, **project.without_gradcore(),
                            extra_javascript=["assets/mathjax-standard.js", "assets/mathjax/tex-mml-chtml.js"])
    cold_build(standard, work / "site-standard", cache)
    return work / "pair" / "site-hook", work / "site-standard"


_DRAWN = re.compile(r'<mjx-container\b[^>]*?(?P<display> display="true")?[^>]*>.*?<mjx-assistive-mml[^>]*>'
                    r'(?P<math><math\b.*?</math>)</mjx-assistive-mml></mjx-container>', re.DOTALL)
_MATHJAX_LOADER = re.compile(r'<script src="[^"]*mathjax-config\.js"></script>')
_GLYPHS = re.compile(r'<svg[^>]*id="MJX-SVG-global-cache".*?</svg>', re.DOTALL)
_NUMBER = re.compile(r'<svg class="gc-tag"[^>]*data-tag="(?P<tag>[^"]*)"[^>]*>.*?id="(?P<id>[^"]*)".*?</svg>',
                     re.DOTALL)


def native_mathml(site: Path, into: Path) -> Path:
    """Candidate (a), for measuring its weight: the built site with each drawing replaced by its MathML.

    Each formula becomes the MathML that MathJax wrote beside its SVG (no SVG, no hidden copy; the
    browser lays it out), each equation number an HTML span carrying its anchor. A measuring model,
    not a finished renderer: MathML Core has no `mlabeledtr`, whose number Chromium shows in the row.
    """
    shutil.copytree(site, into)
    for page in into.rglob("*.html"):
        text = _GLYPHS.sub("", page.read_text(encoding="utf-8"))

        def native(found: re.Match[str]) -> str:
            drawn = found[0]
            number = _NUMBER.search(drawn)
            math = found["math"].replace("<math ", '<math display="block" ', 1) if found["display"] else found["math"]
            if number is None:
                return math
            return (f'<span class="gc-eq-row">{math}<span class="gc-eq-number" id="{number["id"]}">'
                    f'{number["tag"]}</span></span>')

        text = _MATHJAX_LOADER.sub("", _DRAWN.sub(native, text))  # no TeX is left for MathJax to typeset
        page.write_text(text, encoding="utf-8")
    return into


def measure(sites: dict[str, tuple[Path, tuple[str, ...]]], runs: int) -> dict[str, Any]:
    """Lighthouse's median figures for the given pages of each site, every site served gzipped."""
    chromium, reason = find_browser()
    if chromium is None:
        raise BenchError(reason)
    cli = install()
    results: dict[str, Any] = {}
    for label, (site, pages) in sites.items():
        with serve_gzipped(site) as url:
            results[label] = {page: median_runs(cli, url + page, chromium, runs) for page in pages}
    return results


def table(results: dict[str, Any]) -> str:
    """A Markdown table: per page, each site's median performance, TBT, CLS, accessibility, LCP and elements."""
    lines = ["| page | site | performance | TBT ms | CLS | accessibility | FCP s | LCP s | DOM elements | bytes |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    pages = dict.fromkeys(page for per_page in results.values() for page in per_page)
    for page in pages:
        for label, per_page in results.items():
            if page not in per_page:
                continue
            m = per_page[page]["median"]
            lines.append(f"| {page} | {label} | {m['performance']:.0f} | {m['tbt_ms']:.0f} | {m['cls']:.3f} | "
                         f"{m['accessibility']:.0f} | {m['fcp_ms'] / 1000:.2f} | {m['lcp_ms'] / 1000:.2f} | "
                         f"{m['dom_elements']:,.0f} | {m['bytes']:,.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES), help="site-relative pages, comma-separated")
    parser.add_argument("--runs", type=int, default=RUNS, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--site", action="append", default=[], metavar="LABEL=DIR",
                        help="also measure an already built site folder (e.g. a candidate)")
    parser.add_argument("--mathml", action="store_true",
                        help="also measure candidate (a): each drawing replaced by MathJax's MathML")
    parser.add_argument("--candidate-pages", default=PAGES[-1],
                        help="the pages on which candidates (--mathml, --site) are measured")
    parser.add_argument("--out", default="bench-results/lighthouse.json", help="the JSON file of every run")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="gradcore-lighthouse-") as folder:
            ours, standard = standard_site(Path.cwd(), Path(folder))
            pages = tuple(args.pages.split(","))
            sites = {"this site": (ours, pages), "standard Material + MathJax": (standard, pages)}
            candidates = tuple(args.candidate_pages.split(","))
            if args.mathml:
                sites["(a) native MathML"] = (native_mathml(ours, Path(folder) / "site-mathml"), candidates)
            for entry in args.site:
                label, site = entry.split("=", 1)
                sites[label] = (Path(site), candidates)
            results = measure(sites, args.runs)
            results["load_average"] = list(os.getloadavg())
    except BenchError as error:
        print(f"bench.lighthouse: {error}", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")  # with the load average
    load = results.pop("load_average")
    print(table(results))
    print(f"\nload average at the end: {', '.join(f'{v:.1f}' for v in load)} ({os.cpu_count()} cores)")
    print(f"\nevery run: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
