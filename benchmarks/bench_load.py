"""Load: N articles (default 2,000) with `--jobs 2` against one LanguageTool server; every file
checked once, none lost, and the peak RSS of copylint and of the JVM.

    .venv/bin/python benchmarks/bench_load.py [--count 2000] [--jobs 2] [--url URL]

Without --url (or $COPYLINT_LANGUAGETOOL_URL) it starts a LanguageTool server for the run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from copylint.languagetool import server

TEMPLATE = """---
title: Report {i}
date: 2026-03-{day:02}
---

# Council meeting {i}

The council met on Tuesday and and agreed the budget for the year {i}.
The mayor said she would "review the figures" before the next meeting.
Run `make report-{i}` to rebuild the tables, or see https://example.org/report/{i}.

| Item | Cost |
|------|------|
| Roads | {i} |

The members was tired by the end. This is an test of the minutes.
"""


@dataclass
class LoadResult:
    count: int
    jobs: int
    seconds: float
    files_reported: int
    duplicates: int
    missing: int
    errors: int
    house_findings: int
    languagetool_findings: int
    peak_rss_copylint_mb: float
    peak_rss_jvm_mb: float
    exit_status: int


def _jvm_pid(url: str) -> int | None:
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    for c in psutil.net_connections("inet"):
        if c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN and c.pid:
            return int(c.pid)
    return None


def _rss(pid: int | None, children: bool = False) -> int:
    if pid is None:
        return 0
    try:
        proc = psutil.Process(pid)
        total = int(proc.memory_info().rss)
        if children:
            total += sum(c.memory_info().rss for c in proc.children(recursive=True))
        return total
    except psutil.Error:
        return 0


def run_load(count: int, jobs: int, url: str, folder: Path) -> LoadResult:
    """Write `count` articles under folder and check them all in one run."""
    names = []
    for i in range(count):
        sub = folder / f"{i // 500:02}"
        sub.mkdir(exist_ok=True)
        p = sub / f"report-{i:05}.md"
        p.write_text(TEMPLATE.format(i=i, day=i % 28 + 1), encoding="utf-8")
        names.append(str(p))
    exe = Path(sys.executable).with_name("copylint")
    cmd = [
        str(exe),
        "check",
        "--no-cache",
        "--quiet",
        "--jobs",
        str(jobs),
        "--format",
        "json",
        "--select",
        "house,languagetool",
        "--languagetool-url",
        url,
        str(folder),
    ]
    jvm = _jvm_pid(url)
    began = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        peak_cl = peak_jvm = 0
        while proc.poll() is None:
            peak_cl = max(peak_cl, _rss(proc.pid, children=True))
            peak_jvm = max(peak_jvm, _rss(jvm))
            time.sleep(0.1)
        seconds = time.monotonic() - began
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        out.seek(0)
        report = json.loads(out.read() or b"{}")
    if "files" not in report:
        raise SystemExit(f"no report (exit {proc.returncode}): {stderr}")
    paths = [f["path"] for f in report["files"]]
    diags = [d for f in report["files"] for d in f["diagnostics"]]
    return LoadResult(
        count=count,
        jobs=jobs,
        seconds=round(seconds, 1),
        files_reported=len(paths),
        duplicates=len(paths) - len(set(paths)),
        missing=len(set(names) - set(paths)),
        errors=sum(1 for f in report["files"] if f["error"]),
        house_findings=sum(1 for d in diags if d["engine"] == "house"),
        languagetool_findings=sum(1 for d in diags if d["engine"] == "languagetool"),
        peak_rss_copylint_mb=round(peak_cl / 2**20, 1),
        peak_rss_jvm_mb=round(peak_jvm / 2**20, 1),
        exit_status=proc.returncode,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--url", default=os.environ.get(server.URL_ENV))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, server.server_for_run(args.url) as url:
        result = run_load(args.count, args.jobs, url, Path(tmp))
    print(json.dumps(asdict(result), indent=2))
    ok = result.files_reported == result.count and not (result.duplicates or result.missing)
    sys.exit(0 if ok and not result.errors else 1)


if __name__ == "__main__":
    main()
