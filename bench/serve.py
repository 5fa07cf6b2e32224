"""Edit-to-rebuilt latency under `mkdocs serve`.

The probe starts `mkdocs serve` on a free local port, appends a unique
sentence to one page, and asks the server for that page every few
milliseconds until the sentence is in it. That is the wait an author has
between saving a page and seeing it: MkDocs noticing the change (it polls
the docs folder every 0.5 s and then waits 0.1 s for more changes), the
rebuild, and the page being served.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.builds import bench_env
from bench.project import BenchError
from tests.local_web import free_port

POLL_SECONDS = 0.01
START_TIMEOUT = 120.0
EDIT_TIMEOUT = 30.0


def fetch(url: str) -> str | None:
    """The body of `url`, or None while the server is not answering it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until the page at `url` contains `text`.

    Raises:
        BenchError: If it does not within `timeout` seconds, or the server stops.
    """
    start = time.perf_counter()
    while time.perf_counter() - start < timeout and server.poll() is None:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    stopped = f" (the server stopped with code {server.returncode})" if server.poll() is not None else ""
    raise BenchError(f"{url} did not show {text!r} within {timeout:g} s{stopped}")


def edit_latency(config: Path, page: Path, url_path: str, repeats: int, cache_dir: Path, *,
                 dirty: bool = False) -> list[float]:
    """Seconds from saving an edit of `page` to `mkdocs serve` serving it, `repeats` times.

    Args:
        config: The mkdocs.yml to serve.
        page: The Markdown file to edit (a copy: it is restored at the end).
        url_path: The page's path on the server, e.g. "part-4-one-hidden-node.html".
        repeats: How many edits to time.
        cache_dir: gradcore's disk cache.
        dirty: Serve with `--dirty` (rebuild only changed pages). MkDocs warns
            about every dirty build, so this also turns strict mode off.

    Raises:
        BenchError: If the server does not start or a page never shows the edit
            (with the end of the server's log).
    """
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
               *(["--dirty", "--no-strict"] if dirty else [])]
    original = page.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/{url_path}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, env=bench_env(cache_dir))
        try:
            wait_for(url, "</html>", START_TIMEOUT, server)
            return [_time_edit(page, original, number, url, server) for number in range(1, repeats + 1)]
        except BenchError as error:
            log.seek(0)
            raise BenchError(f"{error}\n{log.read().decode(errors='replace')[-1500:]}") from None
        finally:
            page.write_text(original, encoding="utf-8")
            server.terminate()
            server.wait(timeout=30)


def _time_edit(page: Path, original: str, number: int, url: str, server: subprocess.Popen) -> float:
    """Append a unique sentence to `page`; seconds until the server shows it."""
    token = f"bench-edit-{number}-{time.time_ns()}"
    start = time.perf_counter()
    page.write_text(f"{original}\n\nEdited by the benchmark: {token}.\n", encoding="utf-8")
    wait_for(url, token, EDIT_TIMEOUT, server)
    seconds = time.perf_counter() - start
    time.sleep(0.3)  # let the server settle before the next edit
    return seconds
