"""`python -m bench`: measure the build with and without gradcore, print the tables, write JSON.

Run it from the project root (or pass --project). It copies the docs, so
pages being edited meanwhile do not disturb it, builds everything in a
temporary folder with its own figure cache, and leaves the project as it was.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.budget import check
from bench.project import BenchError, find_project
from bench.report import render, write_json
from bench.suite import SECTIONS, Options, run

QUICK = Options(repeats=2, warm_repeats=2, sizes=(2, 4), examples=1, scale_repeats=1, serve_repeats=2,
                browser_repeats=1)


def _sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(int(part) for part in text.split(",") if part.strip())
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes are page counts of at least 1, e.g. 10,100,500; got {text!r}")
    return sizes


def _skip(text: str) -> frozenset[str]:
    names = frozenset(part.strip() for part in text.split(",") if part.strip())
    if names - set(SECTIONS):
        raise argparse.ArgumentTypeError(f"unknown section(s) {', '.join(sorted(names - set(SECTIONS)))}; "
                                         f"valid: {', '.join(SECTIONS)}")
    return names


def parser() -> argparse.ArgumentParser:
    """The command line; every count defaults to the full run, or to the quick one with --quick."""
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes and few repetitions (tests, CI, a first look)")
    p.add_argument("--repeats", type=int, help="cold builds of the real site, each way (default 7; quick 2)")
    p.add_argument("--warm-repeats", type=int, help="warm builds of the real site, each way (default 15; quick 2)")
    p.add_argument("--sizes", type=_sizes, help="pages of the synthetic sites (default 10,100,500; quick 2,4)")
    p.add_argument("--examples", type=int, help="worked examples per synthetic page (default 2; quick 1)")
    p.add_argument("--scale-repeats", type=int, help="repetitions per synthetic site (default 3; quick 1)")
    p.add_argument("--serve-repeats", type=int, help="edits timed under mkdocs serve (default 5; quick 2)")
    p.add_argument("--browser-repeats", type=int, help="page loads in the browser (default 3; quick 1)")
    p.add_argument("--skip", type=_skip, default=frozenset(), help=f"sections to leave out: {', '.join(SECTIONS)}")
    p.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml (default: here)")
    p.add_argument("--out", type=Path, default=Path("bench-results/latest.json"), help="JSON results file")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    return p


def options_from(args: argparse.Namespace) -> Options:
    """The run's options: the defaults (or --quick's), overridden by what was given."""
    base = QUICK if args.quick else Options()
    given = {name: getattr(args, name) for name in ("repeats", "warm_repeats", "sizes", "examples", "scale_repeats",
                                                     "serve_repeats", "browser_repeats")}
    counts = {name: value for name, value in given.items() if value is not None}
    if any(isinstance(v, int) and v < 1 for v in counts.values()):
        raise BenchError("every repetition count and --examples must be at least 1")
    return Options(**{**base.__dict__, **counts, "skip": args.skip})


def main(argv: list[str] | None = None, echo: Callable[[str], object] = print) -> int:
    """Run the benchmark; 0 when it measured (even if a target is missed), 1 when it could not.

    Args:
        argv: The arguments (default: the command line).
        echo: Where the tables go (default: printed).
    """
    args = parser().parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="gradcore-bench-"))
    try:
        results = run(find_project(args.project), work, options_from(args))
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"scratch folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["command"] = shlex.join(["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)])
    results["budget"] = check(results)
    write_json(results, args.out)
    echo(render(results))
    echo(f"JSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
