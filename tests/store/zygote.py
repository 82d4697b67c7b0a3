"""A process that imports goodterms and loads its models once, then forks one `goodterms` command
per request, so a test can start and kill the real command many times without paying the
start-up each time (tests only; never collected).

Protocol on standard input/output, one request at a time: the test writes the command's
arguments as a JSON list on one line; the zygote answers the child's pid on one line, and,
once the child has ended (or was killed), `exit CODE` (a negative CODE: killed by that signal).
"""
from __future__ import annotations

import json
import os
import sys

import goodterms
import goodterms.store.ingesting  # noqa: F401  (imported before the fork, as the command would)
from goodterms.cli import main

goodterms.analyze_text("Warm Up met Ann Lee\nAnn Lee said: \"Hello.\" Warm Up praised her.\n")  # loads both pipelines
print("ready", flush=True)

for line in sys.stdin:
    argv = json.loads(line)
    pid = os.fork()
    if pid == 0:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        os._exit(main(argv))
    print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(f"exit {os.waitstatus_to_exitcode(status)}", flush=True)
