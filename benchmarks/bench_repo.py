"""Many files fast: `copylint check` over a generated repository of 1,000 articles.

    python benchmarks/bench_repo.py [--articles 1000] [--runs 3] [--seed 1]
                                    [--select house] [--keep DIR]

It writes a deterministic repository of Markdown articles (300–800 words each: front matter,
headings, paragraphs with links and inline code, lists, a planted mistake now and then), then
times `copylint check --select SELECT --format json PATH` as a subprocess, each row the
median of --runs (wall-clock and CPU seconds, CPU from wait4):

- first run: the result cache emptied before every run (cache on, the default);
- cached re-run: nothing changed since a first run; the cache answers;
- --no-cache --jobs 1 and --no-cache --jobs 2: one worker against two (worker processes).

The JSON reports of the first and the cached runs must be identical; the script says so if
they are not. With a copylint whose `check` has no --no-cache yet, the cache rows are
skipped.

With LanguageTool: start a server first so that its start-up is not timed, then select it:

    copylint languagetool start
    python benchmarks/bench_repo.py --select house,languagetool --articles 200
    copylint languagetool stop

(or `--languagetool-url URL` through COPYLINT_LANGUAGETOOL_URL). The figures are printed;
nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

COPYLINT = [sys.executable, "-m", "copylint"]
CACHE_DIR = ".copylint_cache"


def _words(text: str) -> list[str]:
    return text.split()


NOUNS = _words("""
    account answer article author board book budget camera center change chapter city coast
    committee community company council country court crowd data decade decision design
    detail director district doctor draft economy editor election energy evening evidence
    family farmer festival field film garden government group harbor history hospital house
    idea industry island issue journal kitchen lake language leader letter library market
    meeting member memory minister model morning museum music network newspaper night office
    owner painter paper parent park party picture plan player policy port price problem
    program project question railway reader record region report school season station
    story street student study system teacher team theater town trade train valley village
    visitor voice water week winter worker writer year
""")
VERBS = _words("""
    built changed closed covered described found followed gave held kept left made moved
    opened planned published raised reached read saw showed started studied took turned
    visited walked wrote
""")
ADJECTIVES = _words("""
    annual busy careful central early eastern familiar final formal local long modest
    narrow new northern old open patient public quiet rapid recent rural small southern
    steady strong useful western wide young
""")
PLACES = _words("Geneva Lisbon Oslo Porto Lyon Turin Bergen Ghent Krakow Seville Malmo Tartu")
MISTAKES = (
    lambda w: f"the the {w}",  # duplicated word
    lambda w: f"{w} , and",  # space before a comma
    lambda w: f"{w}.Then",  # missing space after a full stop
    lambda w: f"very unique {w}",
)


def sentence(rng: random.Random, mistake: bool = False) -> str:
    n1, n2 = rng.choice(NOUNS), rng.choice(NOUNS)
    words = [
        "The",
        rng.choice(ADJECTIVES),
        n1,
        rng.choice(VERBS),
        "the",
        rng.choice(ADJECTIVES),
        n2,
        "in",
        rng.choice(PLACES),
    ]
    if rng.random() < 0.4:
        words += [
            "after",
            "the",
            rng.choice(NOUNS),
            "of",
            rng.choice(["May", "June", "the spring"]),
        ]
    if mistake:
        at = rng.randrange(3, len(words))
        words[at] = rng.choice(MISTAKES)(words[at])
    return " ".join(words) + "."


def paragraph(rng: random.Random) -> str:
    sentences = [sentence(rng, mistake=rng.random() < 0.03) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.3:
        sentences.insert(
            1, f"See [the {rng.choice(NOUNS)} notes](https://example.org/{rng.randrange(999)})."
        )
    if rng.random() < 0.2:
        sentences.append(f"Run `make {rng.choice(NOUNS)}` to rebuild it.")
    return " ".join(sentences)


def article(rng: random.Random, index: int) -> str:
    target = rng.randint(300, 800)
    title = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} of {rng.choice(PLACES)}"
    parts = [
        f'---\ntitle: "{title}"\ndate: 2026-{1 + index % 12:02d}-{1 + index % 28:02d}\n---\n',
        f"# {title}\n",
    ]
    words = 0
    while words < target:
        roll = rng.random()
        if roll < 0.1:
            block = f"## {rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)}s\n"
        elif roll < 0.2:
            block = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))) + "\n"
        else:
            block = paragraph(rng) + "\n"
        parts.append(block)
        words += len(block.split())
    return "\n".join(parts)


def generate(root: Path, count: int, seed: int) -> int:
    """Write the repository; its size in bytes."""
    rng = random.Random(seed)
    size = 0
    for i in range(count):
        folder = root / "articles" / f"{i // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = article(rng, i)
        (folder / f"article-{i:04d}.md").write_text(text, encoding="utf-8")
        size += len(text.encode())
    (root / ".copylint.toml").write_text("# the cache lives beside this file\n", encoding="utf-8")
    return size


@dataclass
class Timing:
    wall: float
    cpu: float
    stdout: bytes


def run(args: list[str], cwd: Path) -> Timing:
    began = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([*COPYLINT, *args], cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - began
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"copylint {' '.join(args)} exited {proc.returncode}:\n{stderr.decode()}")
    return Timing(wall, usage.ru_utime + usage.ru_stime, stdout)


def has_option(option: str) -> bool:
    done = subprocess.run([*COPYLINT, "check", "--help"], capture_output=True, text=True)
    return option in done.stdout


def median(timings: list[Timing]) -> tuple[float, float]:
    return statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--select", default="house")
    parser.add_argument("--keep", type=Path, help="write the repository here and keep it")
    opts = parser.parse_args()

    root = opts.keep or Path(tempfile.mkdtemp(prefix="copylint-bench-repo-"))
    try:
        size = generate(root, opts.articles, opts.seed)
        print(
            f"{opts.articles} articles, {size / 1e6:.1f} MB, in {root}; "
            f"--select {opts.select}; median of {opts.runs} runs; {os.cpu_count()} cores\n"
        )
        base = ["check", "--select", opts.select, "--format", "json", "articles"]
        rows: list[tuple[str, float, float, str]] = []
        if has_option("--no-cache"):
            first: list[Timing] = []
            cached: list[Timing] = []
            for _ in range(opts.runs):
                shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
                first.append(run(base, root))
            for _ in range(opts.runs):
                cached.append(run(base, root))
            f_wall, f_cpu = median(first)
            c_wall, c_cpu = median(cached)
            rows.append(("first run (empty cache)", f_wall, f_cpu, "1.00"))
            rows.append(("cached re-run", c_wall, c_cpu, f"{c_wall / f_wall:.2f} of first"))
            if first[-1].stdout != cached[-1].stdout:
                print("WARNING: the cached run's report differs from the first run's\n")
            no_cache = ["--no-cache"]
        else:
            print("(this copylint has no --no-cache yet: cache rows skipped)\n")
            no_cache = []
        if has_option("--jobs"):
            j1 = median(
                [
                    run([*base[:1], *no_cache, "--jobs", "1", *base[1:]], root)
                    for _ in range(opts.runs)
                ]
            )
            j2 = median(
                [
                    run([*base[:1], *no_cache, "--jobs", "2", *base[1:]], root)
                    for _ in range(opts.runs)
                ]
            )
            rows.append(("--jobs 1 (no cache)", *j1, "1.00"))
            rows.append(("--jobs 2 (no cache)", *j2, f"{j1[0] / j2[0]:.2f}x speed-up"))

        width = max(len(r[0]) for r in rows)
        print(f"{'run':<{width}}  {'wall s':>8}  {'CPU s':>8}  {'files/s':>8}  ratio")
        for name, wall, cpu, ratio in rows:
            print(f"{name:<{width}}  {wall:8.2f}  {cpu:8.2f}  {opts.articles / wall:8.0f}  {ratio}")
    finally:
        if opts.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
