"""Run one command; write its wall-clock time, CPU time and peak memory as JSON.

Usage: `python bench/rss.py RESULT.json COMMAND...` (as a script, so
that this process stays small). The benchmark runs every cold build through
it because Linux carries a process's memory high-water mark across fork and
exec: a build started straight from the benchmark, which has grown large,
would report at least the benchmark's own size. Started from this small
process, the build's peak (`getrusage(RUSAGE_CHILDREN)` here) is its own.
The command's exit code is this script's exit code.
"""

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    """Run argv[1:], write the measurements to argv[0], return the exit code."""
    result, command = argv[0], argv[1:]
    start = time.perf_counter()
    code = subprocess.call(command, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(result, "w", encoding="utf-8") as out:
        json.dump({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                   "max_rss_bytes": usage.ru_maxrss * 1024}, out)  # Linux reports kilobytes
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
