"""The browser and the local web server, shared by the browser tests and the benchmark (`bench/`).

Nothing here imports pytest or Playwright at import time, so the benchmark
can use it as it is; the benchmark imports it as `tests.local_web`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def find_browser() -> tuple[str | None, str]:
    """(Chromium's path, "") when Playwright and Chromium are there, else (None, why not)."""
    try:
        import playwright.sync_api  # noqa: F401 - only whether it imports matters
    except ImportError:
        return None, "Playwright is not installed (pip install playwright)"
    path = next((found for name in CHROMIUM if (found := shutil.which(name))), None)
    return (path, "") if path else (None, "no Chromium found (apt-get install chromium)")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # Connections may wait to be accepted while the machine is busy; socketserver's 5 is easily overrun.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing when the browser closed a connection before its answer was sent (it moved on)."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a folder over http on 127.0.0.1 and a free port; yield the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
